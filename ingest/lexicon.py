"""Word lists shared by the extraction components (lemmas, lower case).

General English/political vocabulary only: nothing here names an actor. Honorifics and
pronouns, which say something about the name next to them, are in `polgraph.core.names`.
"""
from __future__ import annotations

# Role nouns. LEADER roles make the group right before them (or after "of") LEADS.
LEADER_ROLES = {
    "leader", "chairman", "chairwoman", "chair", "chairperson", "co-chairman", "co-chair",
    "cochairman", "co-chairwoman", "head", "chief", "director", "boss", "president",
    "founder", "co-founder", "convener", "convenor", "co-convener", "co-convenor", "secretary-general", "director-general",
    "ceo", "chief-executive", "leadership", "speaker", "co-leader", "co-leaders",
}
MEMBER_ROLES = {
    "member", "mp", "mep", "msp", "td", "senator", "congressman", "congresswoman",
    "representative", "candidate", "councillor", "councilor", "official", "minister",
    "secretary", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson",
    "affiliate", "activist", "peer", "treasurer", "whip", "aide", "staffer", "strategist",
    "campaigner", "economist", "organiser", "organizer", "officer", "trustee", "delegate",
    "backbencher", "frontbencher", "journalist", "reporter", "correspondent", "editor",
    "presenter", "employee", "commissioner", "vice-chair", "vice-chairman", "vice-president",
    "figure", "grandee", "veteran", "politician", "rebel", "loyalist", "mayor", "deputy",
    "negotiator", "envoy", "ambassador", "lawmaker", "legislator", "deputy-leader", "vice-chairwoman",
    "chancellor", "constable", "am", "ams", "mla",
}
# Role words that are also ordinary words in lower case ("I am"): roles only as written here.
CASED_ROLES = {"am": ("AM", "AMs"), "ams": ("AMs",)}
# Member roles that name the body they sit in ("Labour AM X" is a member of the Welsh Assembly).
IMPLIED_BODY = {"am": "Senedd", "ams": "Senedd", "msp": "Scottish Parliament", "mla": "Northern Ireland Assembly"}
# Words that make a following leader role a deputy one ("vice chair", "deputy leader").
DEPUTY_WORDS = {"vice", "deputy", "assistant", "acting", "co-deputy", "shadow"}
SUPPORT_ROLES = {"supporter", "ally", "backer", "champion", "defender", "admirer", "loyalist", "fan"}
CRITIC_ROLES = {"critic", "opponent", "foe", "detractor", "enemy", "adversary"}
ALL_ROLES = LEADER_ROLES | MEMBER_ROLES | SUPPORT_ROLES | CRITIC_ROLES


def is_role(tok) -> bool:
    """Whether a token is a role word ("AM" but not "am")."""
    low = tok.lower_
    return low in ALL_ROLES and (low not in CASED_ROLES or tok.text in CASED_ROLES[low])


# Title words of offices written before a name ("Prime Minister", "Health Secretary").
TITLE_WORDS = {"prime", "deputy", "shadow", "foreign", "home", "health", "education", "justice", "defence",
               "culture", "trade", "industry", "chief", "president", "chancellor", "secretary", "minister",
               "senator", "governor", "mayor", "speaker", "premier", "vice", "general", "judge", "taoiseach", "tánaiste"}
# "director general", "chief executive", "general secretary": second word completes a role.
ROLE_SECOND_WORDS = {"general", "executive", "secretary", "officer"}
# Month and weekday names: capitalised, but never part of a person's or body's name.
CALENDAR_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"}

FORMER_WORDS = {"former", "ex", "ex-", "erstwhile", "one-time", "onetime", "then", "past"}

CRITICISE_VERBS = {
    "attack", "criticise", "criticize", "condemn", "accuse", "dismiss", "slam", "blast",
    "denounce", "rebuke", "lambast", "lambaste", "castigate", "berate", "chide", "censure",
    "deride", "mock", "ridicule", "savage", "scold", "assail", "pillory", "excoriate",
    "vilify", "blame", "warn", "decry", "reprimand", "admonish", "disparage", "belittle",
    "insult", "smear", "denigrate", "oppose", "snub", "undermine", "sue", "round", "hit", "fire",
    "lash", "turn", "reject",
}
# Verbs that need a particle or preposition: lemma -> required particle/preposition.
PARTICLE_VERBS = {"round": {"on"}, "hit": {"out", "back"}, "lash": {"out"}, "turn": {"on"}, "fire": {"back"}}
# Weaker criticism verbs: lower confidence.
WEAK_CRITICISE = {"warn", "oppose", "reject", "blame", "snub", "undermine", "sue"}
SUPPORT_VERBS = {
    "support", "back", "endorse", "praise", "defend", "champion", "applaud", "hail",
    "commend", "laud", "welcome", "congratulate", "vote", "campaign", "nominate", "side",
    "rally", "stand",
}
SUPPORT_PREPS = {"vote": {"for"}, "campaign": {"for"}, "side": {"with"}, "rally": {"behind", "round", "around"},
                 "stand": {"by", "behind"}}
CRITICISE_PREPS = {"campaign": {"against"}, "vote": {"against"}, "speak": {"against", "out"},
                   "rail": {"against"}, "protest": {"against"}}
WEAK_SUPPORT = {"welcome", "nominate", "congratulate", "vote", "campaign"}

RESIGN_PARTICLES = {"step": {"down", "aside"}, "stand": {"down", "aside"}, "walk": {"out"}}

SPEECH_VERBS = {
    "say", "tell", "claim", "insist", "argue", "add", "believe", "suggest", "think",
    "warn", "allege", "complain", "maintain", "declare", "state", "write", "charge",
    "contend", "admit", "acknowledge", "reckon", "feel", "conclude", "describe",
}
# Predicates of a reported clause that count as criticism of its subject.
NEG_PREDICATES = {
    "lie", "mislead", "betray", "fail", "blunder", "dither", "panic", "shirk", "deceive",
    "cheat", "abandon", "wreck", "ruin", "botch", "bungle", "mismanage", "squander",
    "waste", "neglect", "break", "u-turn", "flip-flop", "sell", "let", "cave", "capitulate", "sabotage",
    "mishandle", "flout", "breach", "dodge", "duck", "bottle", "backtrack", "renege", "ignore",
}
NEG_EVAL = {
    "wrong", "mistaken", "desperate", "incompetent", "dishonest", "hypocritical",
    "irresponsible", "arrogant", "complacent", "misguided", "cynical", "reckless",
    "shameful", "disgraceful", "liar", "disgrace", "shambles", "failure", "mistake",
    "error", "blunder", "outrageous", "appalling", "deceitful", "untrustworthy", "unfit",
    "chaotic", "out-of-touch", "betrayal", "hypocrite", "nonsense", "scandalous", "pathetic",
    "absurd", "ridiculous", "unacceptable", "contemptible", "spineless", "weak",
    "traitor", "liar", "crook", "coward", "fantasy", "dangerous", "incompetence", "cover-up",
    "hypocrisy", "lies", "loser", "worst", "corrupt", "toxic", "divisive", "clueless", "deluded", "naive",
    "shameless", "cowardly", "waste", "con", "broken", "inept", "useless", "feeble", "humiliation", "sham", "farce", "joke", "embarrassment", "catastrophe",
}
POS_EVAL = {
    "right", "correct", "excellent", "brilliant", "honest",
    "principled", "decent", "courageous", "brave", "outstanding", "superb", "admirable",
    "wise", "competent", "trustworthy", "visionary",
}
# Heads under which a stance verb is not asserted ("refused to criticise", "did not back").
HEDGE_HEADS = {
    "refuse", "decline", "fail", "deny", "avoid", "stop", "hesitate", "reluctant",
    "unwilling", "cease", "resist", "forbid", "want", "wish", "hope", "consider", "threaten",
    "try", "plan", "intend", "ask", "urge", "invite", "fear", "rule",
}
CONDITIONAL_MARKS = {"if", "whether", "unless", "lest"}

# Body nouns: a lower-case noun phrase "disciplinary committee" names a Group.
BODY_NOUNS = {"committee", "commission", "subcommittee", "sub-committee", "taskforce", "panel", "tribunal", "caucus"}
GENERIC_MODIFIERS = {
    "new", "same", "other", "own", "ruling", "powerful", "special", "joint", "cross-party",
    "this", "that", "its", "their", "his", "her", "the", "a", "an", "independent", "senior",
    "influential", "key", "relevant", "national", "local", "first", "second", "last", "next",
    "main", "full", "whole", "current", "previous", "future", "former", "all-party",
    "big", "major", "expected", "forthcoming", "upcoming", "coming", "recent", "latest", "possible",
    "early", "snap", "crucial", "historic", "fresh", "likely", "bitter", "closely", "fought",
}
# Nouns that mark an Event when they head a named or modified noun phrase.
EVENT_NOUNS = {
    "election", "elections", "by-election", "referendum", "vote", "ballot", "inquiry",
    "enquiry", "summit", "conference", "review", "budget", "petition", "primary", "primaries",
    "hearing", "investigation", "contest", "poll", "caucuses", "convention", "debate", "strike",
    "campaign", "rally", "march",
}
EVENT_NEEDS_NAME = {"vote", "ballot", "poll", "debate", "strike", "campaign", "rally", "march", "contest", "hearing", "review", "investigation", "conference", "summit", "petition"}

# Context words that make a PRODUCT/GPE/NORP/FAC mention act as a Group ("Unify members").
GROUP_CONTEXT = {
    "member", "members", "membership", "official", "officials", "leader", "leaders", "leadership",
    "affiliate", "affiliates", "group", "groups", "branch", "branches", "activist", "activists",
    "supporter", "supporters", "spokesman", "spokeswoman", "spokesperson", "chair", "chairman",
    "chairwoman", "vice-chair", "founder", "campaign", "organisation", "organization", "party",
    "candidate", "candidates", "executive", "committee", "chief", "director", "staff", "movement",
    "faction", "councillor", "councillors", "mp", "mps", "delegate", "delegates",
}
PARTY_KINDS = {"party"}

# Words between a group and a leader role that keep it the group's leader:
# "Republican state chairman", "Labour party leader", "Tory deputy-free national chairman".
ADJACENCY_NEUTRAL = {"state", "national", "party", "county", "regional", "federal", "provincial",
                     "parliamentary", "general", "overall", "interim", "joint"}
# Role or title words that can precede a name or follow a party adjective.
ROLE_OR_TITLE = ALL_ROLES | {"senator", "congressman", "congresswoman", "lawmaker", "leader", "mp", "mep",
                             "councillor", "candidate", "deputy", "minister", "governor", "mayor", "party",
                             "politician", "voters", "supporters", "members", "mps", "meps", "senators", "td",
                             "judge", "qc", "kc"}
# Role words that only persons have (an ORG span carrying them is a person).
PERSON_ROLES = {"leader", "chairman", "chairwoman", "chair", "co-chair", "co-leader", "chief", "boss", "head", "president", "secretary", "minister", "mp", "mep",
                "senator", "spokesman", "spokeswoman", "deputy", "councillor", "td", "msp", "governor", "mayor",
                "chancellor", "founder", "adviser", "advisor", "aide"}
# Verbs that, with "on X to <resign>", "for X to <resign>", demand someone's departure.
DEPARTURE_VERBS = {"resign", "quit", "step", "stand", "leave", "apologise", "apologize", "withdraw"}

# Nationality and regional adjectives: an ORG span of one of these alone is not a body.
NATIONALITIES = {
    "welsh", "scottish", "english", "british", "irish", "european", "american", "french", "german", "italian",
    "spanish", "dutch", "polish", "russian", "chinese", "indian", "japanese", "canadian", "australian",
    "northern", "southern", "western", "eastern", "asian", "african", "arab", "muslim", "jewish", "catholic",
}

# Light-verb idioms: (verb lemma, object lemma) -> (relation, prepositions introducing the target).
# "X launched an attack on Y", "X took a swipe at Y", "X threw her support behind Y".
IDIOMS = {
    ("launch", "attack"): ("CRITICISES", {"on", "against"}),
    ("mount", "attack"): ("CRITICISES", {"on", "against"}),
    ("take", "swipe"): ("CRITICISES", {"at"}),
    ("launch", "broadside"): ("CRITICISES", {"at", "against", "on"}),
    ("fire", "broadside"): ("CRITICISES", {"at", "against", "on"}),
    ("deliver", "broadside"): ("CRITICISES", {"at", "against", "on"}),
    ("launch", "assault"): ("CRITICISES", {"on", "against"}),
    ("make", "attack"): ("CRITICISES", {"on", "against"}),
    ("take", "aim"): ("CRITICISES", {"at"}),
    ("pour", "scorn"): ("CRITICISES", {"on"}),
    ("level", "criticism"): ("CRITICISES", {"at"}),
    ("direct", "criticism"): ("CRITICISES", {"at"}),
    ("level", "accusation"): ("CRITICISES", {"at", "against"}),
    ("throw", "support"): ("SUPPORTS", {"behind"}),
    ("throw", "weight"): ("SUPPORTS", {"behind"}),
    ("lend", "support"): ("SUPPORTS", {"to"}),
    ("give", "backing"): ("SUPPORTS", {"to"}),
    ("give", "support"): ("SUPPORTS", {"to"}),
    ("voice", "support"): ("SUPPORTS", {"for"}),
    ("express", "support"): ("SUPPORTS", {"for"}),
    ("offer", "support"): ("SUPPORTS", {"to", "for"}),
    ("pledge", "support"): ("SUPPORTS", {"to", "for"}),
}
# Stance nouns with their owner: "X's attack on Y", "X's support for Y".
STANCE_NOUNS = {
    "attack": ("CRITICISES", {"on", "against"}), "criticism": ("CRITICISES", {"of"}),
    "condemnation": ("CRITICISES", {"of"}), "rebuke": ("CRITICISES", {"of", "to"}),
    "broadside": ("CRITICISES", {"at", "against", "on"}), "swipe": ("CRITICISES", {"at"}),
    "support": ("SUPPORTS", {"for", "of"}), "backing": ("SUPPORTS", {"for", "of"}),
    "endorsement": ("SUPPORTS", {"of"}), "praise": ("SUPPORTS", {"for", "of"}),
    "defence": ("SUPPORTS", {"of"}), "defense": ("SUPPORTS", {"of"}),
}

# ---- words of the relation rules (ingest/relations/)
PEOPLE_NOUNS = {"member", "members", "supporter", "supporters", "voter", "voters", "activist", "activists",
                "official", "officials", "mp", "mps", "minister", "ministers", "colleague", "colleagues",
                "people", "staff", "candidate", "candidates", "councillor", "councillors", "leader", "leaders"}
LOSS_NOUNS = {"departure", "resignation", "exit", "defeat", "downfall", "removal", "sacking", "ouster", "demise",
               "fall", "failure", "retirement", "suspension", "expulsion", "dismissal", "death", "loss", "arrest",
               "conviction", "humiliation", "collapse"}
REACTIONS = {"condemnation": "CRITICISES", "criticism": "CRITICISES", "anger": "CRITICISES", "fury": "CRITICISES",
              "outrage": "CRITICISES", "rebuke": "CRITICISES", "ire": "CRITICISES", "praise": "SUPPORTS",
              "backing": "SUPPORTS", "support": "SUPPORTS", "endorsement": "SUPPORTS"}
GROUP_HEAD_NOUNS = {"party", "alliance", "coalition", "group", "movement", "union", "bloc", "faction", "campaign",
                    "committee", "council", "organisation", "organization", "caucus", "wing", "branch"}
POST_NOUNS = {"post", "role", "job", "position", "seat", "office", "membership", "portfolio", "place", "brief", "room"}
LEAD_VERBS = {"lead", "head", "chair", "found", "run", "co-found", "cofound", "front"}
JOIN_VERBS = {"join", "rejoin", "re-join"}
APPOINT_VERBS = {"elect", "appoint", "name", "make", "choose", "select", "install", "confirm", "re-elect"}
EVAL_VERBS = {"describe", "call", "brand", "label", "dub"}
ROLE_JOINERS = {"co", "-", "general", "executive", "secretary"}
MEMBERS_PLURAL = {"members", "mps", "msps", "ams", "meps", "activists", "councillors", "peers", "senators"}
PART_OF = {"some", "several", "many", "few", "a", "other", "rebel", "dissident", "two", "three", "most", "senior",
            "leading", "former", "individual", "backbench", "disgruntled", "angry"}
DEMAND_VERBS = {"call", "urge", "demand", "press"}
SEAT_ROLES = {"mp", "msp", "am", "mep", "td", "mla", "candidate", "councillor", "senator", "congressman",
               "congresswoman", "representative"}
# Common names of the bodies that a role implies, for an article that does not name them.
BODY_NAMES = {"Senedd": ("Welsh Assembly",), "Scottish Parliament": ("Holyrood",),
              "Northern Ireland Assembly": ("Stormont",)}
# Unions tested per token or per child below, built once here.
SPEECH_OR_STANCE_VERBS = SPEECH_VERBS | CRITICISE_VERBS | SUPPORT_VERBS | DEMAND_VERBS
ROLE_PARTS = ROLE_JOINERS | ALL_ROLES
STANCE_ROLES = SUPPORT_ROLES | CRITIC_ROLES
FOUND_VERBS = LEAD_VERBS | {"form", "launch", "establish", "create"}
GROUP_TARGET_NOUNS = POST_NOUNS | ALL_ROLES | GROUP_HEAD_NOUNS
ROLES_AND_PLURALS = ALL_ROLES | {r + "s" for r in ALL_ROLES}
FORMER_OR_OLD = FORMER_WORDS | {"old"}
