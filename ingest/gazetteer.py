"""Gazetteer of political bodies and the `polgraph_gazetteer` spaCy component.

The gazetteer is a list of YAML entries (``name``, ``type`` = Group by default,
``kind``, ``aliases``, optional ``weak`` aliases that are also ordinary words, optional
``seat_roles``: the role words of the body's members, "MSP" for the Scottish Parliament;
optional ``party_tags``: the letter a party's members carry in a party-state tag, "R" of
"Rand Paul (R-Ky.)"). The
packaged files in ``ingest/data/*.yaml`` hold general political bodies (parties,
parliaments, ministries, committees, unions, campaign groups); users add their own
files, whose entries extend or override packaged ones by canonical name.

The component matches aliases case-sensitively on token text, then merges the matches
into ``doc.ents``: a gazetteer match wins over an overlapping NER span (so a party tagged
PRODUCT, or "Labour" as GPE/NORP, becomes ORG), except where NER found a longer
organisation name containing the alias ("Labour Friends of Palestine"). Matched spans get
label ``ORG`` (``EVENT`` for Event entries), ``kb_id_`` = the canonical name and
``span._.pg_kind`` = the entry's kind (party, union ...). A seat role ("Labour MSP X")
becomes a one-token span of ``doc.spans["pg_seats"]`` with the same ``kb_id_`` and kind: the
body it implies, which the affiliation rules state the person is a member of. A party tag
("(R-Ky.)", ", D-N.Y.,", after a name "(D)" or "(D., Conn.)") becomes a one-token span of
``doc.spans["pg_party_tags"]`` naming its party.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from polgraph.core.errors import InputError
from polgraph.core.yamlfile import read_yaml

from .contracts import KIND, OFFICE_TITLES, PARTY_TAGS, SEATS
from .lexicon import LEXICON_V1, Lexicon

DATA_DIR = Path(__file__).parent / "data"
_NEXT_TITLES = {"prime", "first", "shadow", "foreign", "home", "opposition", "party", "government", "candidate",
                "education", "health", "justice", "defence", "finance", "treasury", "frontbencher", "backbencher",
                "presidential"}
_PREFIXES = {"ex", "anti", "pro", "non", "post", "pre", "former", "neo", "pan", "mid", "then"}
LABEL_FOR_TYPE = {"Group": "ORG", "Event": "EVENT", "Person": "PERSON"}


@dataclass
class GazetteerEntry:
    name: str
    type: str = "Group"
    kind: str = ""
    aliases: list[str] = field(default_factory=list)
    weak: list[str] = field(default_factory=list)
    modifiers: list[str] = field(default_factory=list)  # only before a role or a name: "Democratic senator"
    seat_roles: list[str] = field(default_factory=list)  # lower case: a member's role word, "msp"
    party_tags: list[str] = field(default_factory=list)  # the letter of a party-state tag, "R" of "(R-Ky.)"
    office_titles: list[str] = field(default_factory=list)  # lower case: its minister's title, "home secretary"
    leader_titles: list[str] = field(default_factory=list)  # lower case: its head's title, "commons speaker"


def default_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def load_entries(paths: Iterable[Path | str] = ()) -> list[GazetteerEntry]:
    """Entries of the packaged files followed by the user's files (later wins by name)."""
    by_name: dict[str, GazetteerEntry] = {}
    for path in [*default_files(), *(Path(p) for p in paths)]:
        raw = read_yaml(path, "gazetteer file") or []
        if isinstance(raw, dict):
            raw = raw.get("entries", [])
        if not isinstance(raw, list):
            raise InputError(f"gazetteer file {path} must hold a list of entries")
        for item in raw:
            if not isinstance(item, dict) or not item.get("name"):
                raise InputError(f"gazetteer file {path}: every entry needs a name: {item!r}")
            etype = item.get("type", "Group")
            if etype not in LABEL_FOR_TYPE:
                raise InputError(f"gazetteer file {path}: unknown type {etype!r} for {item['name']!r}")
            name = str(item["name"])
            aliases = [str(a) for a in item.get("aliases") or []]
            if name not in aliases:
                aliases.insert(0, name)
            by_name[name] = GazetteerEntry(name, etype, str(item.get("kind", "")), aliases,
                                           [str(a) for a in item.get("weak") or []],
                                           [str(a) for a in item.get("modifiers") or []],
                                           [str(a).lower() for a in item.get("seat_roles") or []],
                                           [str(a) for a in item.get("party_tags") or []],
                                           [str(a).lower() for a in item.get("office_titles") or []],
                                           [str(a).lower() for a in item.get("leader_titles") or []])
    return list(by_name.values())


@Language.factory(
    "polgraph_gazetteer",
    default_config={"paths": [], "lexicon": {"@misc": LEXICON_V1}},
    assigns=["doc.ents", KIND, "doc.spans"],
)
def make_gazetteer(nlp: Language, name: str, paths: list[str], lexicon: Lexicon) -> "GazetteerComponent":
    return GazetteerComponent(nlp, load_entries(paths), lexicon)


class GazetteerComponent:
    """Match gazetteer aliases and fold them into ``doc.ents``."""

    def __init__(self, nlp: Language, entries: Sequence[GazetteerEntry], lexicon: Lexicon):
        self.entries = list(entries)
        self.lexicon = lexicon
        self.not_name_words = _NOT_NAME_WORDS | lexicon.role_or_title | lexicon.former_words  # "Ex Downing Street"
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.kind: dict[str, str] = {}
        self.weak: set[tuple[str, str]] = set()
        self.modifier_only: set[tuple[str, str]] = set()
        self.seats = {role: e for e in self.entries for role in e.seat_roles}
        self.tags = {tag: e for e in self.entries for tag in e.party_tags}
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")  # keyed "RELATION body": "LEADS House of Commons"
        for e in self.entries:
            for relation, titles in (("MEMBER_OF", e.office_titles), ("LEADS", e.leader_titles)):
                if titles:
                    self.titles.add(f"{relation} {e.name}", [nlp.make_doc(t) for t in titles])
        for i, e in enumerate(self.entries):
            key = f"G{i}"
            self.matcher.add(key, [nlp.make_doc(a) for a in [*e.aliases, *e.modifiers]])
            self.kind[e.name] = e.kind
            for w in e.weak:
                self.weak.add((e.name, w))
            for w in e.modifiers:
                self.modifier_only.add((e.name, w))
        self._key2entry = {nlp.vocab.strings[f"G{i}"]: e for i, e in enumerate(self.entries)}

    def matches(self, doc: Doc) -> list[Span]:
        """The aliases found, longest first where they overlap, each with its entry's kind."""
        spans = []
        for match_id, start, end in self.matcher(doc):
            e = self._key2entry[match_id]
            span = Span(doc, start, end, label=LABEL_FOR_TYPE[e.type], kb_id=e.name)
            if (e.name, span.text) in self.weak:
                tok = doc[start]
                prev = doc[start - 1] if start > 0 and not tok.is_sent_start else None
                if tok.pos_ not in ("PROPN", "ADJ") or tok.is_lower:
                    continue
                # "State Senate", "Social Democrat", "Page County Democrats": part of a longer name,
                # not this body; "a Nevada Democrat" is the party's, a one-word state before it
                state = prev is not None and prev.ent_type_ == "GPE" and prev.ent_iob_ == "B"
                if prev is not None and (prev.is_title or prev.is_upper) and prev.pos_ in ("PROPN", "ADJ") \
                        and prev.lower_ not in self.not_name_words and not state:
                    continue
            # "GreenLeft-Labour": the alias is the tail of a hyphenated name
            if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].is_title and \
                    doc[start - 2].lower_ not in _PREFIXES and \
                    doc[start - 1].idx == doc[start - 2].idx + len(doc[start - 2].text):
                continue
            if (e.name, span.text) in self.modifier_only:
                nxt = doc[end] if end < len(doc) else None
                if nxt is not None and nxt.ent_type_ == "GPE" and end + 1 < len(doc):
                    nxt = doc[end + 1]  # "Democratic Georgia Rep. X": the state between party and role
                if nxt is None or not (nxt.lower_ in self.lexicon.role_or_title or nxt.lower_ in _NEXT_TITLES or
                                       nxt.ent_type_ == "PERSON" or self.lexicon.plural_role(nxt)):
                    continue
            spans.append(span)
        kept = filter_spans(spans)
        for span in kept:
            span._.pg_kind = self.kind[span.kb_id_]  # the mentions' clusters read it
        return kept

    def seat_spans(self, doc: Doc) -> list[Span]:
        """The seat roles of the text, each a span naming its body; a role word the lexicon knows
        counts only as it writes it ("AM", not "am"), any other only when not all lower case."""
        spans = []
        for tok in doc:
            e = self.seats.get(tok.lower_)
            if e is not None and (self.lexicon.is_role(tok) if tok.lower_ in self.lexicon.all_roles
                                  else not tok.is_lower):
                span = Span(doc, tok.i, tok.i + 1, label="SEAT", kb_id=e.name)
                span._.pg_kind = e.kind
                spans.append(span)
        return spans

    def tag_spans(self, doc: Doc) -> list[Span]:
        """The party-state tags of the text, each a span naming its party: the tag letter between
        "(" or "," and a hyphen written against it and a capitalised state ("(R-Ky.)", ", D-N.Y.,"),
        and right after a person's name, the letter alone in brackets or before a comma and a
        state ("Dick Durbin (D) of Illinois", "Richard Blumenthal (D., Conn.)")."""
        spans = []
        for tok in doc[1:-2]:
            e = self.tags.get(tok.text.removesuffix("."))
            if e is None:
                continue
            opened, nxt, state = doc[tok.i - 1].text, doc[tok.i + 1], doc[tok.i + 2]
            stated = state.text[0].isupper()
            hyphened = opened in ("(", ",") and nxt.text == "-" and nxt.idx == tok.idx + 1 and \
                state.idx == nxt.idx + 1 and stated and not tok.text.endswith(".")
            bracketed = opened == "(" and tok.i >= 2 and doc[tok.i - 2].ent_type_ == "PERSON" and \
                (nxt.text == ")" or (nxt.text == "," and stated))
            if hyphened or bracketed:
                span = Span(doc, tok.i, tok.i + 1, label="TAG", kb_id=e.name)
                span._.pg_kind = e.kind
                spans.append(span)
        return spans

    def title_spans(self, doc: Doc) -> list[Span]:
        """The office titles of the text ("Home Secretary"), each a span naming its body, labelled
        with what its holder is of it (MEMBER_OF, LEADS); the longest where they overlap, none
        after "shadow" ("Shadow Home Secretary" is no member of the Home Office)."""
        spans = []
        for match_id, start, end in self.titles(doc):
            relation, body = doc.vocab.strings[match_id].split(" ", 1)
            spans.append(Span(doc, start, end, label=relation, kb_id=body))
        return [s for s in filter_spans(spans) if not (s.start and doc[s.start - 1].lower_ in ("shadow", "opposition"))]

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SEATS] = self.seat_spans(doc)
        doc.spans[PARTY_TAGS] = self.tag_spans(doc)
        doc.spans[OFFICE_TITLES] = self.title_spans(doc)
        gaz = self.matches(doc)
        if not gaz:
            return doc
        covered: dict[int, Span] = {}
        for s in gaz:
            for i in range(s.start, s.end):
                covered[i] = s
        keep_gaz = {(s.start, s.end): s for s in gaz}
        out: list[Span] = []
        for ent in doc.ents:
            hits = {(covered[i].start, covered[i].end) for i in range(ent.start, ent.end) if i in covered}
            if not hits:
                out.append(ent)
                continue
            inner = [keep_gaz[h] for h in hits if h in keep_gaz]
            if ent.label_ in ("ORG", "PERSON", "NORP", "GPE") and len(inner) == 1:
                # "La France Insoumise deputy Mathilde Panot" as one span: alias, role, person.
                g = inner[0]
                k = g.end
                while k < ent.end and (doc[k].lower_ in self.lexicon.role_or_title or doc[k].tag_ == "POS"):
                    k += 1
                if k > g.end and k < ent.end and all(doc[x].is_title or doc[x].text == "-" for x in range(k, ent.end)):
                    out.append(Span(doc, k, ent.end, label="PERSON"))
                    continue
            if ent.label_ == "ORG" and len(inner) == 1 and _longer_name(ent, inner[0], self.not_name_words):
                # NER found a longer organisation containing the alias: keep NER's.
                del keep_gaz[(inner[0].start, inner[0].end)]
                out.append(ent)
                continue
            if ent.label_ == "PERSON":
                # "Labour's Jane Roe" / "Tory John Doe": keep the name part.
                last = max(h[1] for h in hits)
                start = last
                while start < ent.end and doc[start].tag_ == "POS":
                    start += 1
                if start < ent.end and all(i not in covered for i in range(start, ent.end)):
                    out.append(Span(doc, start, ent.end, label="PERSON"))
        out.extend(keep_gaz.values())
        doc.ents = filter_spans(out)
        return doc


def _longer_name(ent: Span, gaz: Span, not_name_words: frozenset[str]) -> bool:
    """NER's span adds capitalised words (not just "the", "'s", "party") to the alias."""
    extra = [t for t in ent if t.i < gaz.start or t.i >= gaz.end]
    return any(t.is_title and t.lower_ not in not_name_words and t.tag_ != "POS" and
               not (t.is_sent_start and t.pos_ != "PROPN") for t in extra)


_NOT_NAME_WORDS = {"the", "party", "several", "some", "many", "local", "senior", "new", "all", "most",
                   "both", "two", "three", "leading", "top", "rebel", "veteran", "first", "prime", "shadow", "deputy",
                   "foreign", "home", "opposition",
                   "house", "senate", "congressional"}  # a chamber's members of a party: "House Democrats"
