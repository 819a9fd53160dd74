"""Calibrate the relation model's probabilities on articles it did not learn from.

    python training/calibrate.py SENTENCES.jsonl MODEL_DIR [--out calibration.json]
    python training/calibrate.py --cv CV_DIR [--out calibration.json]

MODEL_DIR is a `train.py --hold-out K` output: its `model.pt` and `held_out.txt`. The model
labels the pairs of the held-out articles' sentences. CV_DIR is a `train.py --folds K`
output: its `heldout.json` already holds every article's pairs as labelled by the fold model
that did not learn from it, so every annotated article calibrates. Per type, a Platt scaling
(p = sigmoid(a * logit + b), fitted by logistic regression on those pairs) makes a stated
0.8 come true about 8 times in 10. The reliability table (predicted against observed, in
bins) is printed before and after. `export.py --calibration` puts (a, b) per type into
relmodel.json, and the run-time component applies them.
"""
from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

import numpy as np
import torch

from polgraph.ingest.learned.inputs import load_tokenizer
from train import MODEL_DIR, TYPES, RelationModel, load, predict

BINS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.01)


def pairs(predictions: list[dict]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per type: the logits and 0/1 labels of every held-out pair the type is learned on."""
    out: dict[str, tuple[list, list]] = {t: ([], []) for t in TYPES}
    for s in predictions:
        for _, _, labels, ignored, probs in s["pairs"]:
            for t, p in zip(TYPES, probs):
                if t not in ignored:
                    p = min(max(p, 1e-6), 1 - 1e-6)
                    out[t][0].append(math.log(p / (1 - p)))
                    out[t][1].append(float(t in labels))
    return {t: (np.array(z), np.array(y)) for t, (z, y) in out.items()}


def fit(z: np.ndarray, y: np.ndarray, steps: int = 3000, lr: float = 0.05) -> tuple[float, float]:
    """(a, b) of the logistic regression of y on z: Platt scaling, by gradient descent from (1, 0)."""
    a, b = 1.0, 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(a * z + b)))
        a -= lr * float(np.mean((p - y) * z))
        b -= lr * float(np.mean(p - y))
    return round(a, 4), round(b, 4)


def reliability(p: np.ndarray, y: np.ndarray) -> str:
    """Predicted mean against observed rate, and count, per probability bin."""
    cells = []
    for lo, hi in zip(BINS, BINS[1:]):
        inside = (p >= lo) & (p < hi)
        if inside.any():
            cells.append(f"[{lo:.1f},{min(hi, 1):.1f}) {p[inside].mean():.2f}->{y[inside].mean():.2f} n={inside.sum()}")
    return "; ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sentences", type=Path, nargs="?")
    ap.add_argument("model", type=Path, nargs="?")
    ap.add_argument("--cv", type=Path, help="a train.py --folds output folder, instead of SENTENCES and MODEL_DIR")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if (args.cv is None) == (args.model is None):
        ap.error("give SENTENCES.jsonl MODEL_DIR, or --cv CV_DIR")
    by_type = pairs(json.loads((args.cv / "heldout.json").read_text()) if args.cv else held_out(args.sentences, args.model))
    calibration = {}
    for t, (z, y) in by_type.items():
        a, b = fit(z, y) if y.sum() >= 5 else (1.0, 0.0)  # too few positives to fit: left as it is
        calibration[t] = [a, b]
        print(f"{t}: {int(y.sum())} of {len(y)} pairs; a={a} b={b}")
        print("  before:", reliability(1 / (1 + np.exp(-z)), y))
        print("  after: ", reliability(1 / (1 + np.exp(-(a * z + b))), y))
    if args.out:
        args.out.write_text(json.dumps(calibration, indent=1))


def held_out(sentences: Path, model_dir: Path) -> list[dict]:
    """The held-out articles' sentences of a `--hold-out` run, labelled by its model."""
    held = set((model_dir / "held_out.txt").read_text().split())
    sents = [s for s in load(sentences, load_tokenizer(str(MODEL_DIR / "tokenizer.json"))) if s["article"] in held]
    model = RelationModel()
    model.load_state_dict(torch.load(model_dir / "model.pt"))
    return predict(model, sents)


if __name__ == "__main__":
    main()
