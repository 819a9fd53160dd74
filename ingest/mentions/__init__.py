"""Within-article mention detection and linking: the `polgraph_mentions` component.

Reads ``doc.ents`` (after the gazetteer) and writes two extensions of frozen records
(`ingest/contracts.py`); the passes build plain dicts and lists, converted once at the end:

* ``doc._.pg_clusters``: one `Cluster` per actor of the article (aliases = surface forms used);
* ``doc._.pg_mentions``: `MentionSpan` token spans, ``how`` one of
  ``name``, ``acronym``, ``pronoun``, ``definite``;
* ``doc._.pg_speakers``: the speaker of each quoted sentence that a sentence next to it names.

Linking rules (all within one article): persons are clustered by full name; a lone
surname, "Mr/Ms/Sir Surname" or "Sir Firstname" joins the full name it matches when
exactly one does whose gender agrees (`core.resolution_rules.article_person`); two
different full names never merge. Groups are clustered by
gazetteer canonical name, else by normalised text; acronyms defined in the text
("Independent Press Standards Organisation (IPSO)") and initialisms of a group named in full
join it. Pronouns (he/she/his/her) join the subject of the clause before them when that
subject is one unambiguous person of compatible gender; "the party" joins the only
party of the article. All passes are linear in the number of tokens and mentions.

One module per step: `candidates` (spans from NER and the gazetteer), `linking` (clusters of
names, acronyms and repairs of NER types), `definites` ("the party"), `offices` ("the prime
minister": the named person who held the office), `pronouns`, `quotes`
(who speaks a quoted sentence).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..anchored import anchored_ents
from ..contracts import CLUSTERS, KIND, MENTIONS, SPEAKERS, Cluster, MentionSpan  # (registers the extensions)
from ..lexicon import LEXICON_V1, Lexicon
from .candidates import candidates
from .definites import definites
from .linking import ArticleLinks, propagate
from .offices import office_titles
from .pronouns import pronouns
from .quotes import open_after, quote_speakers


@Language.factory("polgraph_mentions", default_config={"resolve_pronouns": True, "lexicon": {"@misc": LEXICON_V1}},
                  requires=["doc.ents", KIND], assigns=[CLUSTERS, MENTIONS, SPEAKERS])
def make_mentions(nlp: Language, name: str, resolve_pronouns: bool, lexicon: Lexicon) -> "MentionsComponent":
    return MentionsComponent(nlp, lexicon, resolve_pronouns)


class MentionsComponent:
    def __init__(self, nlp: Language, lexicon: Lexicon, resolve_pronouns: bool = True):
        self.nlp = nlp
        self.lexicon = lexicon
        self.resolve_pronouns = resolve_pronouns

    def __call__(self, doc: Doc) -> Doc:
        """Candidates (candidates.py), clusters (linking.py), then definites, bare titles
        (offices.py), pronouns and the speakers of quotes, in that order."""
        doc.ents = anchored_ents(self.lexicon, doc)
        links = ArticleLinks(doc)
        cands = candidates(self.lexicon, doc)
        links.link_persons(cands)
        links.link_groups(cands)
        links.rejoin_head_words()
        links.join_persons_tagged_org()
        links.merge_honoured()
        clusters, mentions = links.clusters, links.mentions
        mentions.extend(propagate(doc, clusters, mentions))
        mentions.extend(definites(self.lexicon, doc, clusters, mentions))
        mentions.extend(office_titles(self.lexicon, doc, clusters, mentions))
        quoted = open_after(doc)  # per token, inside quotation marks: pronouns and speakers read it
        if self.resolve_pronouns:
            mentions.extend(pronouns(self.lexicon, doc, clusters, mentions, quoted))
        # Clusters that lost all their named mentions (re-typed persons) are dropped, their indices kept.
        used = {m[2] for m in mentions if m[3] != "pronoun"}
        speakers = quote_speakers(self.lexicon, doc, clusters, mentions, quoted)
        mentions.sort(key=lambda m: m[0])
        doc._.pg_clusters = [Cluster(k["name"], k["type"], tuple(k["aliases"]), k["gender"], k["kind"],
                                     dropped=i not in used) for i, k in enumerate(clusters)]
        doc._.pg_mentions = [MentionSpan(*m) for m in mentions]
        doc._.pg_speakers = {start: cl for start, cl in speakers.items() if cl in used}
        return doc
