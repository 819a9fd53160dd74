"""Score rules, model and both on a gold folder, per relation type, to decide whom to trust.

    python training/evaluate.py TEXTS_DIR GOLD_DIR [--model-dir DIR] [--thresholds 0.3,0.4,0.5,0.6,0.7]
                                [--choose thresholds.json [--min-precision 0.7]]
    python training/evaluate.py TEXTS_DIR GOLD_DIR [--model-dir DIR] --shipped

For each article of GOLD_DIR (texts in TEXTS_DIR), the claims of the rules and those of the
model at several thresholds are matched as shared/tools/score.py matches them, and
precision, recall and F1 are printed per type for: rules alone, model alone, and their union.
With --choose, the per-type cuts among --thresholds at which the union's F1 over all
relations is best while its precision, less one standard error, stays at --min-precision
(`choose`), written as the JSON that `export.py --thresholds` reads. Run it on articles the
model did not learn from (`train.py --hold-out`). With --shipped, the model's claims are cut at
the thresholds its metadata sets, as `--extractor both` cuts them: the per-type table of
docs/extraction.md.
"""
from __future__ import annotations

import argparse
import json
import math
from collections import defaultdict
from itertools import product
from pathlib import Path

from dataset import cluster_entities, gold_index
from polgraph.ingest.learned.component import load_model
from polgraph.ingest.pipeline import load_pipeline
from polgraph.ingest.readers import read_sources


def triples(doc, gold: dict, threshold: float, model_id: str) -> tuple[set, dict, dict]:
    """Rule triples; the model's triples with their probability; and those of them the pipeline
    states (`pg_relations`: ends it keeps as actors, of types the schema allows, not stated by a
    rule already), all in gold names (unmatched ends kept as '?name'). The union is scored on the
    last, so that it is what `extract` outputs: the model's claims on clusters the actor head
    drops never reach the graph (on the held-out fifth at the shipped cuts, 466 claims with
    them against the 461 that `extract` states)."""
    keys, _ = gold_index(gold)
    clusters = doc._.pg_clusters
    names = [g or "?" + c.name for g, c in zip(cluster_entities(clusters, keys), clusters)]
    rules = {(names[c.subject], c.type, names[c.object]) for c in doc._.pg_relations
             if names[c.subject] != names[c.object] and c.rule != model_id}
    made = [(s, t, o, p) for s, t, o, _, _, p in doc._.pg_model_claims]
    stated = [(c.subject, c.type, c.object, c.confidence) for c in doc._.pg_relations if c.rule == model_id]
    return rules, _most_probable(made, names, threshold), _most_probable(stated, names, threshold)


def _most_probable(claims: list[tuple[int, str, int, float]], names: list[str], threshold: float) -> dict:
    """{(subject, type, object) in gold names: its highest probability}, for claims at `threshold` or over."""
    out: dict = {}
    for s, t, o, p in claims:
        if names[s] != names[o] and p >= threshold:
            key = (names[s], t, names[o])
            out[key] = max(out.get(key, 0.0), p)
    return out


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.2f} R {r:.2f} F1 {f:.2f} ({tp}/{tp + fp}/{tp + fn})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("texts", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--thresholds", default="0.3,0.5,0.7")
    ap.add_argument("--choose", type=Path, help="write the per-type thresholds chosen to this JSON file")
    ap.add_argument("--min-precision", type=float, default=0.7, help="with --choose: the union's precision floor")
    ap.add_argument("--shipped", action="store_true", help="cut at the model's own per-type thresholds")
    args = ap.parse_args()
    if args.shipped and args.choose:
        ap.error("--choose picks among --thresholds; --shipped uses the model's own")
    golds = {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(args.gold.glob("*.json"))}
    model = load_model(args.model_dir)
    nlp = load_pipeline(extractor="rules")
    nlp.add_pipe("polgraph_model", config={"folder": args.model_dir, "mode": "both"})
    cuts = ({"shipped": dict(model.thresholds)} if args.shipped else
            {float(x): {t: float(x) for t in model.types} for x in args.thresholds.split(",")})
    low = min(min(cut.values()) for cut in cuts.values())
    model.thresholds.update({t: low for t in model.types})  # the claims of every cut, cut below
    articles = [a for a in read_sources([args.texts / f"{i}.txt" for i in golds]) if hasattr(a, "text")]
    found = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        gold = {(r["subject"], r["type"], r["object"]) for r in golds[article.id]["relations"]}
        found.append((gold, *triples(doc, golds[article.id], low, model.id)))
    by_threshold = {}
    for threshold, cut in cuts.items():
        counts = by_threshold[threshold] = tally(found, cut)
        print(f"== threshold {threshold}")
        for t in (*model.types, "ALL"):
            print(f"  {t:15}" + " | ".join(f"{n}: {prf(*counts[n][t])}" for n in ("rules", "model", "both")))
    if args.choose:
        chosen = choose(by_threshold, args.min_precision)
        args.choose.write_text(json.dumps(chosen, indent=1))
        print("chosen:", json.dumps(chosen))


def tally(found: list, cut: dict[str, float]) -> dict:
    """[tp, fp, fn] per extractor (rules, model, both) and type (each of `cut`'s, and "ALL"), the
    model's claims cut at each type's `cut`: all it makes for "model", those the pipeline states
    for "both" (`triples`)."""
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for gold, rules, model_p, stated_p in found:
        model_t, stated_t = ({k for k, p in probs.items() if p >= cut[k[1]]} for probs in (model_p, stated_p))
        for name, pred in (("rules", rules), ("model", model_t), ("both", rules | stated_t)):
            for t in (*cut, "ALL"):
                g = {x for x in gold if t in ("ALL", x[1])}
                q = {x for x in pred if t in ("ALL", x[1])}
                c = counts[name][t]
                c[0] += len(g & q)
                c[1] += len(q - g)
                c[2] += len(g - q)
    return counts


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


MIN_GOLD = 30  # a type with fewer held-out relations cannot show whom to trust: the rules alone


def sure_precision(tp: int, fp: int) -> float:
    """Precision less one standard error of its estimate: the level it holds on more text of the
    kind measured, more often than not (at 500 claims and 0.70, 0.70 - 0.02)."""
    n = tp + fp
    if not n:
        return 1.0
    p = tp / n
    return p - math.sqrt(p * (1 - p) / n)


def choose(by_threshold: dict, min_precision: float) -> dict[str, float]:
    """The per-type thresholds at which the union's F1 over all types together is best while its
    precision over all types, less a standard error (`sure_precision`), stays at `min_precision`:
    the target's own terms, with room for the sampling error of a few hundred held-out claims.
    A type's threshold trades its own precision for recall where that buys the most overall,
    which a floor per type cannot (a rare type held at 0.70 wastes the precision a common one has
    to spare). Types with fewer than `MIN_GOLD` held-out relations are left to the rules (1.01,
    never), as is any type whose rules alone serve the total best. Types add up: a triple has one
    type, so the counts of a combination are the sums of its types' counts."""
    rules = next(iter(by_threshold.values()))["rules"]
    types = [t for t in rules if t != "ALL"]
    options = {t: [(1.01, rules[t])] + [(x, by_threshold[x]["both"][t]) for x in sorted(by_threshold)]
               for t in types if rules[t][0] + rules[t][2] >= MIN_GOLD}
    rest = [sum(rules[t][i] for t in types if t not in options) for i in range(3)]  # the rules' own types
    best, chosen = -1.0, {}
    for combo in product(*options.values()):
        tp, fp, fn = (rest[i] + sum(counts[i] for _, counts in combo) for i in range(3))
        score = f1(tp, fp, fn)
        if sure_precision(tp, fp) >= min_precision and score > best + 1e-9:
            best, chosen = score, {t: c[0] for t, c in zip(options, combo)}
    return {t: chosen.get(t, 1.01) for t in types}


if __name__ == "__main__":
    main()
