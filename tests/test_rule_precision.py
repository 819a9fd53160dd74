"""benchmarks/rule_precision.py: each rule's count and precision against a gold folder."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HELDOUT
from polgraph.ingest.learned.component import load_model
from polgraph.ingest.ruletable import rules

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "rule_precision.py"
ARTICLE = "uk-bin-strike"


def run(folder: Path) -> dict[str, dict]:
    done = subprocess.run([sys.executable, str(SCRIPT), str(folder), "--json"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return {r["rule"]: r for r in json.loads(done.stdout)}


@pytest.mark.slow  # a benchmark script in a process of its own, over the held-out items: 10 s
def test_each_rule_is_scored_against_the_gold(tmp_path):
    (tmp_path / "gold").mkdir()
    shutil.copy(HELDOUT / f"{ARTICLE}.txt", tmp_path)
    gold = json.loads((HELDOUT / "gold" / f"{ARTICLE}.json").read_text(encoding="utf-8"))
    (tmp_path / "gold" / f"{ARTICLE}.json").write_text(json.dumps(gold), encoding="utf-8")
    scored = run(tmp_path)
    assert set(scored) == {*rules(), load_model().id}  # a row per rule of the table and the model, no other
    stated = [r for r in scored.values() if r["count"] and r["rule"] in rules()]
    assert sum(r["correct"] for r in stated) >= 0.9 * sum(r["count"] for r in stated)  # the rules' own precision
    assert all(r["precision"] == round(r["correct"] / r["count"], 3) for r in stated)

    # the same claims against a gold that states none of them: counted, none correct
    gold["relations"] = []
    (tmp_path / "gold" / f"{ARTICLE}.json").write_text(json.dumps(gold), encoding="utf-8")
    emptied = run(tmp_path)
    assert {r: x["count"] for r, x in emptied.items()} == {r: x["count"] for r, x in scored.items()}
    assert all(x["correct"] == 0 for x in emptied.values())


def test_a_folder_without_gold_is_one_error(tmp_path):
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.strip().endswith(f"{tmp_path}: no gold/ folder of gold files")
