"""Extraction quality against gold: the held-out items of tests/heldout/ (always) and the
shared dev corpus (as well, when ../shared is here).

Scoring follows shared/corpus/ANNOTATION.md: names lower-cased, honorifics, a leading
"the" and a trailing possessive removed, matched against gold names and aliases; P/R/F1
over distinct (subject, type, object) triples per article, summed over articles.
The floors are the levels reached when they were set: a change that lowers them fails.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from polgraph.core.names import name_key
from polgraph.core.records import Article
from polgraph.ingest.clean import clean_text
from polgraph.ingest.pipeline import extract_doc
from polgraph.ingest.resolve import resolve
from conftest import CORPUS, DEV, HELDOUT, pipeline, with_dev
from goldgraph import gold_files

# Floors per corpus and extractor: relation F1, relation precision, entity F1, entity
# precision. The rules' floors guard the rules; "both" (the default: rules and the packaged
# relation model) guards what a user gets. Its relation precision floors are under the rules'
# on purpose: the model's cuts are chosen for the target's terms on unseen text (best F1 at
# precision 0.70, with a standard error to spare), and since version 5 they trade a few of
# these sets' claims for recall (docs/extraction.md, "Whom to trust per type").
HELDOUT_FLOORS = {"rules": (0.89, 0.95, 0.93, 0.95), "both": (0.88, 0.91, 0.96, 0.98)}
DEV_FLOORS = {"rules": (0.74, 0.95, 0.84, 0.78), "both": (0.77, 0.94, 0.90, 0.95)}

def read_articles(folder: Path) -> list[Article]:
    arts = []
    for f in sorted(folder.glob("*.txt")):
        title, _, text = f.read_text(encoding="utf-8").partition("\n")
        arts.append(Article(id=f.stem, title=title.strip(), text=clean_text(text)))
    return arts


def score(folder: Path, extractor: str = "rules") -> dict:
    nlp = pipeline(extractor)
    arts = read_articles(folder)
    exs = [extract_doc(d, a) for d, a in nlp.pipe(((a.text, a) for a in arts), as_tuples=True)]
    entities, relations = resolve(exs)
    ents = {e.id: e for e in entities}
    counts = {k: [0, 0, 0] for k in ("relations", "entities")}
    per_type: dict[str, list[int]] = {}
    for gf in sorted((folder / "gold").glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        aid = g["id"]
        keys = {}
        for e in g["entities"]:
            for n in [e["name"], *e.get("aliases", [])]:
                keys.setdefault(name_key(n), e["name"])

        def match(e):
            for n in [e.name, *e.aliases]:
                if name_key(n) in keys:
                    return keys[name_key(n)]
            return "?" + e.name

        gold = {(r["subject"], r["type"], r["object"]) for r in g["relations"]}
        pred = {(match(ents[r.subject]), r.type, match(ents[r.object])) for r in relations if r.article == aid}
        c = counts["relations"]
        c[0] += len(pred & gold); c[1] += len(pred - gold); c[2] += len(gold - pred)
        for t in {t for _, t, _ in gold | pred}:
            pt = per_type.setdefault(t, [0, 0, 0])
            gs, ps = {x for x in gold if x[1] == t}, {x for x in pred if x[1] == t}
            pt[0] += len(ps & gs); pt[1] += len(ps - gs); pt[2] += len(gs - ps)
        gents = {(e["name"], e["type"]) for e in g["entities"] if e["type"] != "Event"}
        pents = {(match(e), e.type) for e in entities if aid in e.articles and e.type != "Event"}
        c = counts["entities"]
        c[0] += len(pents & gents); c[1] += len(pents - gents); c[2] += len(gents - pents)

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    out = {k: prf(*v) for k, v in counts.items()}
    out["per_type"] = {t: prf(*v) for t, v in per_type.items()}
    return out


def _report(name, s):
    lines = [f"{name}: relations P={s['relations'][0]:.3f} R={s['relations'][1]:.3f} F1={s['relations'][2]:.3f}; "
             f"entities P={s['entities'][0]:.3f} F1={s['entities'][2]:.3f}"]
    lines += [f"  {t}: P={p:.2f} R={r:.2f} F1={f:.2f}" for t, (p, r, f) in sorted(s["per_type"].items())]
    print("\n".join(lines))


@pytest.mark.slow
@pytest.mark.parametrize("extractor", ["rules", "both"])
@pytest.mark.parametrize("case", with_dev((HELDOUT, HELDOUT_FLOORS), (DEV, DEV_FLOORS)))
def test_scores_stay_above_their_floors(case, extractor):
    folder, floors = case
    s = score(folder, extractor)
    _report(f"{folder.name} ({extractor})", s)
    p, r, f = s["relations"]
    relation_f1, relation_p, entity_f1, entity_p = floors[extractor]
    assert f >= relation_f1 and p >= relation_p
    assert s["entities"][2] >= entity_f1 and s["entities"][0] >= entity_p


def test_shipped_gold_files_are_well_formed():
    """The held-out gold and the sample's: the tests' graph is only as good as they are."""
    types = {"Person", "Group", "Event"}
    rtypes = {"SUPPORTS", "CRITICISES", "RESIGNED_FROM", "SUSPENDED_FROM", "MEMBER_OF", "LEADS"}
    found = gold_files(CORPUS)
    assert len(found) == sum(len(list(texts.glob("*.txt"))) for texts, _ in CORPUS)  # every article has gold
    for text_file, gf in found:
        g = json.loads(gf.read_text(encoding="utf-8"))
        assert g["id"] == gf.stem and text_file.is_file()
        names = {e["name"] for e in g["entities"]}
        assert all(e["type"] in types for e in g["entities"])
        text = text_file.read_text(encoding="utf-8")
        for r in g["relations"]:
            assert r["subject"] in names and r["object"] in names and r["type"] in rtypes
            assert r["evidence"] in text
