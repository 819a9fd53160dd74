"""The records that flow between the layers: Article -> ArticleExtraction -> Extraction.

These are the only shapes that cross module boundaries: readers produce `Article`s,
the spaCy pipeline turns one article into an `ArticleExtraction`, cross-article
resolution folds many into an `Extraction`, and the loader and `extract --format json`
consume that. Plain dataclasses so that they pickle across worker processes.
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass, field, fields

from polgraph.core.names import entity_id
from polgraph.core.values import MAX_KEY_BYTES, optional, safe_key, storable

ENTITY_TYPES = ("Person", "Group", "Event")


@dataclass
class Article:
    """One news article as read from a source, before any NLP."""

    id: str
    title: str
    text: str
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    source: str | None = None  # site or file the article came from
    author: str | None = None
    full_id: str | None = None  # the id as given, where it was too long to be a key

    def __post_init__(self) -> None:
        """Every value made storable (`values`): a file name, JSON id or URL is the id."""
        given = self.id
        self.id = safe_key(given) or "article-" + hashlib.sha256(given.encode("utf-8", "replace")).hexdigest()[:12]
        if self.full_id is None and len(given.encode("utf-8", "replace")) > MAX_KEY_BYTES:
            self.full_id = storable(given)
        self.title, self.text = storable(self.title), storable(self.text)
        self.url, self.published = optional(self.url), optional(self.published)
        self.source, self.author = optional(self.source), optional(self.author)

    @property
    def hash(self) -> str:
        """Content hash: what makes a rerun skip an article already stored."""
        h = hashlib.sha256()
        for part in (self.title, self.text, self.url or "", self.published or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\0")
        return h.hexdigest()[:32]

    @functools.cached_property
    def text_hash(self) -> str:
        """Hash of the text alone, white space folded: the same story under two file names, ids or
        titles has one, so a run reads it once and the store keeps it once (`Loader.twins`).
        "" for an article without text (a record of metadata alone): no text, no twin. Computed
        once: a run asks for it when reading, looking the store up and marking the article stored."""
        folded = " ".join(self.text.split())
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32] if folded else ""

    def meta(self, *, with_hash: bool = True) -> dict:
        """The article's fields without its text, as stored and printed; `with_hash`, its `hash` too.

        Built field by field: `asdict` deep-copies, which was a tenth of a bulk load's client time.
        The hash reads the whole text: a caller that does not write it need not pay for it.
        """
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "text"}
        if self.full_id is None:
            del d["full_id"]
        if with_hash:
            d["hash"] = self.hash
        return d


@dataclass
class Entity:
    """A resolved actor: one node in the graph."""

    name: str
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    id: str = ""

    def __post_init__(self) -> None:
        self.name = storable(self.name)
        self.aliases = [storable(a) for a in self.aliases]
        if not self.id:
            self.id = entity_id(self.type, self.name)


@dataclass
class Claim:
    """A typed, sourced claim between two entities, stated in one article."""

    subject: str  # entity id
    type: str  # a claim relation type of the schema
    object: str  # entity id
    article: str  # article id
    evidence: str  # the sentence that states it
    confidence: float
    former: bool = False
    start: int | None = None  # character offsets of the evidence in the article text
    end: int | None = None
    date: str | None = None  # the article's publication date
    rule: str = ""  # id of the extraction rule that stated it (ingest/data/rules.yaml)

    def __post_init__(self) -> None:
        self.evidence = storable(self.evidence)


@dataclass
class ArticleExtraction:
    """What one article yields: its entities (ids local to this article) and relations."""

    article: Article
    entities: list[Entity]
    relations: list[Claim]
