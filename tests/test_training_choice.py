"""How `training/evaluate.py` counts claims and how `--choose` picks a type's threshold. The training
scripts need the `train` extra (torch); without it there is nothing of theirs to test."""
from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

import pytest

pytest.importorskip("torch")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))
from evaluate import choose, choose_jointly, tally  # noqa: E402


def tallies(rows: dict[str, tuple[tuple[int, int, int], dict[float, tuple[int, int, int]]]]) -> dict:
    """evaluate.tally's shape: per threshold, [tp, fp, fn] of the rules and of the union per type
    (per type: the rules' counts, and the union's per threshold); a type not given has none."""
    out: dict = {}
    for name, (rules, both) in rows.items():
        for t, b in both.items():
            at = out.setdefault(t, {"rules": defaultdict(lambda: [0, 0, 0]), "both": defaultdict(lambda: [0, 0, 0])})
            at["rules"][name], at["both"][name] = list(rules), list(b)
    return out


def counts(rules: tuple[int, int, int], both: dict[float, tuple[int, int, int]]) -> dict:
    """evaluate.tally's shape for one type, LEADS."""
    return tallies({"LEADS": (rules, both)})


@pytest.mark.parametrize("both, expected", [
    # near-equal F1 (within a point): the highest threshold, the most precise
    ({0.5: (60, 19, 64), 0.7: (57, 12, 67), 0.8: (55, 8, 69), 0.9: (54, 8, 70)}, 0.8),
    # a clear best wins
    ({0.5: (80, 20, 44), 0.9: (56, 8, 68)}, 0.5),
    # below the precision floor (0.70 here) a threshold is not taken, however high its F1
    ({0.3: (90, 60, 34), 0.9: (56, 8, 68)}, 0.9),
    # no better than the rules: never
    ({0.5: (40, 10, 84)}, 1.01),
])
def test_the_threshold_chosen(both, expected):
    assert choose(counts((40, 8, 84), both), "LEADS", 0.7) == expected


def test_too_few_relations_of_a_type_leave_it_to_the_rules():
    """14 held-out relations, one more found by the union: no evidence to trust the model."""
    assert choose(counts((5, 0, 9), {0.5: (6, 0, 8)}), "LEADS", 0.7) == 1.01


def test_thresholds_chosen_jointly_spend_one_types_spare_precision_on_anothers_recall():
    """`--joint`: the best F1 over all relations at overall precision 0.70. LEADS alone at 0.5
    would fall under 0.70 (0.60), and the per-type rule keeps it at 0.9; beside precise
    MEMBER_OF claims it pays, and SUPPORTS, too rare to judge, is left to the rules."""
    counted = tallies({"LEADS": ((40, 8, 84), {0.5: (90, 60, 34), 0.9: (56, 8, 68)}),
                       "MEMBER_OF": ((100, 10, 100), {0.5: (120, 14, 80), 0.9: (110, 11, 90)}),
                       "SUPPORTS": ((5, 0, 9), {0.5: (9, 0, 5), 0.9: (6, 0, 8)})})
    assert choose(counted, "LEADS", 0.7) == 0.9
    chosen = choose_jointly(counted, 0.7)
    assert chosen["LEADS"] == 0.5 and chosen["MEMBER_OF"] == 0.5
    assert chosen["SUPPORTS"] == chosen["CRITICISES"] == chosen["RESIGNED_FROM"] == 1.01
    assert choose_jointly(counted, 0.9) == {**chosen, "LEADS": 0.9, "MEMBER_OF": 0.9}  # a higher floor: the precise cuts


def test_each_type_is_cut_at_its_own_threshold():
    """`--shipped` cuts as the model's metadata does: SUPPORTS at 0.7, CRITICISES at 0.3. A rule's
    triple counts whatever the model gives it; the union is rules and model cut."""
    gold = {("A", "SUPPORTS", "B"), ("A", "CRITICISES", "C"), ("D", "MEMBER_OF", "E")}
    rules = {("D", "MEMBER_OF", "E"), ("D", "LEADS", "E")}
    model = {("A", "SUPPORTS", "B"): 0.6, ("A", "CRITICISES", "C"): 0.4, ("C", "CRITICISES", "A"): 0.35}
    cut = {"SUPPORTS": 0.7, "CRITICISES": 0.3, "MEMBER_OF": 0.5, "LEADS": 0.5, "RESIGNED_FROM": 1.01,
           "SUSPENDED_FROM": 1.01}
    counts = tally([(gold, rules, model)], cut)
    assert counts["model"]["SUPPORTS"] == [0, 0, 1] and counts["model"]["CRITICISES"] == [1, 1, 0]
    assert counts["both"]["ALL"] == [2, 2, 1] and counts["rules"]["ALL"] == [1, 1, 2]


def test_thresholds_carried_to_another_calibration_cut_the_same_claims():
    """`export.py --chosen-under`: a threshold chosen under one calibration, moved to another,
    keeps every pair it kept, and only those within a hair of the cut besides (it is rounded down
    to four places); "never" stays never. The shipped model's v2 -> v3."""
    from export import carried

    old = {"LEADS": [0.7205, -0.4133], "SUPPORTS": [0.5545, -1.1545]}
    new = {"LEADS": [0.5738, -0.7291], "SUPPORTS": [0.5439, -0.9865]}
    moved = carried({"LEADS": 0.8, "SUPPORTS": 0.7, "RESIGNED_FROM": 1.01}, old, new)
    assert moved == {"LEADS": 0.669, "SUPPORTS": 0.7265, "RESIGNED_FROM": 1.01}
    sigmoid = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
    for t, cut in (("LEADS", 0.8), ("SUPPORTS", 0.7)):
        for z in [i / 1000 for i in range(-3000, 8000)]:
            before, after = sigmoid(old[t][0] * z + old[t][1]), sigmoid(new[t][0] * z + new[t][1])
            assert (after >= moved[t]) == (before >= cut) or abs(before - cut) < 1e-4, (t, z)
