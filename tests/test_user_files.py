"""Files users hand polgraph: a YAML alias bomb or a deep nest is one clear error, and judgements
written by several commands at once are all kept."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from polgraph import judgements
from polgraph.core.errors import PolGraphError
from polgraph.ingest.gazetteer import load_entries
from polgraph.core.yamlfile import load_yaml

# 1.5 KB that safe_load turns into a small object sharing nodes, and anything walking it into gigabytes.
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))


def test_alias_bomb_is_refused_before_it_is_built():
    with pytest.raises(PolGraphError, match="aliases expand to over"):
        load_yaml(BOMB, "judgements file j.yaml")


def test_a_few_aliases_are_fine():
    assert load_yaml("base: &b {type: Group}\nx: *b\ny: *b\n", "f") == {"base": {"type": "Group"},
                                                                      "x": {"type": "Group"}, "y": {"type": "Group"}}


@pytest.mark.slow
def test_deep_nesting_is_one_error():
    with pytest.raises(PolGraphError, match="nested too deeply|not valid YAML"):
        load_yaml("[" * 100_000 + "]" * 100_000, "gazetteer file g.yaml")


@pytest.mark.parametrize("read,what", [
    (lambda p: judgements.read(p), "judgements file"),
    (lambda p: load_entries([p]), "gazetteer file"),
    (lambda p: judgements.from_aliases(p), "aliases file"),
])
def test_every_user_yaml_file_is_bounded(tmp_path, read, what):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(PolGraphError, match=f"{what} .*bomb.yaml"):
        read(path)


def _judge_many(path: str, worker: int, n: int) -> None:
    for i in range(n):
        judgements.append(Path(path), judgements.Judgement("never", f"person:a{worker}-{i}", f"person:b{worker}-{i}"))


@pytest.mark.slow
def test_concurrent_judgements_are_all_written(tmp_path):
    """Six commands at once each said 'recorded', and one entry was lost."""
    path = tmp_path / "judgements.yaml"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_judge_many, args=(str(path), w, 15)) for w in range(6)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    assert all(p.exitcode == 0 for p in procs)
    assert len(judgements.read(path)) == 6 * 15
