"""Training examples for the relation model, from annotated articles and polgraph's own mentions.

Each annotated article is read as `polgraph ingest` reads it and parsed by polgraph's
pipeline, so the model learns on exactly the mentions it will see at run time. Then:

* every mention cluster is matched to a gold entity by its names (normalised by `name_key`,
  as the scorer normalises: case, honorifics, possessive): its label for the mention head is that entity's type, or ``None``
  (not an actor) when no gold entity has any of its names;
* in every sentence, every ordered pair of clusters mentioned there is a candidate. Its
  labels are the gold relation types the gold file has for that (subject, object) with
  this sentence as evidence, its `evidence` or one of its `evidence_also` (none: a
  negative). A type evidenced only in other sentences is kept out of the loss when the
  first pass alone cited it (the sentence may or may not say it: annotators cite only the
  first clear one), and is a negative when the evidence pass (`BRIEF-evidence.md`, stance
  relations) listed every sentence that states it, which a relation's `evidence_also`
  key, even empty, records.

Each example is one sentence as the model reads it (`inputs.passages`: a quoted sentence after
its speaker's name): its text, its mentions (character spans in that text, cluster index,
head label) and its labelled pairs. Written as JSON lines.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator

from polgraph.core.names import name_key
from polgraph.ingest.contracts import Cluster
from polgraph.ingest.learned.inputs import passages
from polgraph.ingest.pipeline import load_pipeline
from polgraph.ingest.readers import read_sources

NOT_ACTOR = "None"
CORPUS_FOLDERS = {"bbc-politics": "bbc-politics", "allsides": "train-allsides"}


@dataclass
class Sentence:
    article: str
    text: str
    mentions: list[dict] = field(default_factory=list)  # {"start", "end", "cluster", "label", "how"}
    pairs: list[list] = field(default_factory=list)  # [mention a, mention b, [types], [types not to learn]]


def squash(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').split())


def article_path(article_id: str, corpus: Path) -> Path:
    prefix = article_id.rsplit("-", 1)[0]
    return corpus / CORPUS_FOLDERS[prefix] / f"{article_id}.txt"


def gold_index(gold: dict) -> tuple[dict[str, str], dict[str, str]]:
    """{normalised name or alias: gold name} and {gold name: type}."""
    keys: dict[str, str] = {}
    for e in gold["entities"]:
        for n in [e["name"], *e.get("aliases", [])]:
            keys.setdefault(name_key(n), e["name"])
    return keys, {e["name"]: e["type"] for e in gold["entities"]}


def cluster_entities(clusters: list[Cluster], keys: dict[str, str]) -> list[str | None]:
    """The gold entity each cluster stands for, by its canonical name first, then its aliases."""
    out = []
    for c in clusters:
        names = [c.name, *c.aliases]
        out.append(next((keys[name_key(n)] for n in names if name_key(n) in keys), None))
    return out


def sentences(doc, gold: dict, article_id: str) -> Iterator[Sentence]:
    """The labelled sentences of one parsed, annotated article."""
    keys, types = gold_index(gold)
    matched = cluster_entities(doc._.pg_clusters, keys)
    relations: dict[tuple[str, str], list[tuple[str, list[str], bool]]] = {}
    for r in gold["relations"]:
        evidence = [e for e in map(squash, [r.get("evidence", ""), *r.get("evidence_also", [])]) if e]
        relations.setdefault((r["subject"], r["object"]), []).append((r["type"], evidence, "evidence_also" in r))
    for read in passages(doc):
        out = Sentence(article_id, read.text)
        for m in read.mentions:
            entity = matched[m.cluster]
            out.mentions.append({"start": m.start, "end": m.end, "cluster": m.cluster, "how": m.how,
                                 "label": types[entity] if entity else NOT_ACTOR})
        text = squash(doc.text[read.start: read.end])
        for a, b in read.pairs:
            ea, eb = matched[read.mentions[a].cluster], matched[read.mentions[b].cluster]
            stated = relations.get((ea, eb), []) if ea and eb and ea != eb else []
            out.pairs.append([a, b, *_pair_labels(stated, text)])
        yield out


def same_sentence(a: str, b: str) -> bool:
    """Two copies of one sentence, though one may hold a little more than the other (a headline
    run into the first line, a sentence split at a quotation, a quote read after its speaker)."""
    return bool(a) and bool(b) and (a in b or b in a)


def _pair_labels(stated: list[tuple[str, list[str], bool]], sentence: str) -> tuple[list[str], list[str]]:
    """The types a pair's sentence states (it is one of a relation's evidence sentences), and
    those stated elsewhere in the article that this sentence may or may not say (left out of
    the loss): not where every sentence stating the relation is listed (`complete`), which
    makes this one a negative. A pair may hold two types at once ("resigned as chair of X":
    RESIGNED_FROM and LEADS), so labels are a set, empty for none."""
    here = {t for t, evidence, _ in stated if any(same_sentence(e, sentence) for e in evidence)}
    return sorted(here), sorted({t for t, _, complete in stated if not complete} - here)


def build(annotations: Path, corpus: Path, out: Path, model: str | None = None) -> dict:
    """Parse every annotated article and write its labelled sentences to `out` (JSON lines)."""
    golds = {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(annotations.glob("*.json"))}
    nlp = load_pipeline(model)
    articles = [a for a in read_sources([article_path(i, corpus) for i in golds]) if hasattr(a, "text")]
    stats = {"articles": 0, "sentences": 0, "pairs": 0, "positive": 0}
    with out.open("w", encoding="utf-8") as fh:
        for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
            stats["articles"] += 1
            for s in sentences(doc, golds[article.id], article.id):
                stats["sentences"] += 1
                stats["pairs"] += len(s.pairs)
                stats["positive"] += sum(bool(p[2]) for p in s.pairs)
                fh.write(json.dumps(asdict(s), ensure_ascii=False) + "\n")
    stats["gold_relations"] = sum(len(g["relations"]) for g in golds.values())
    return stats


if __name__ == "__main__":
    print(json.dumps(build(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])), indent=1))
