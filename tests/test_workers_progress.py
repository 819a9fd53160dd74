"""`--workers N` parses in parallel with the same result as one process; the ingest progress bar
draws on a terminal (a real pseudo-terminal here) and stays silent when stderr is piped."""
from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import termios

import pytest

from conftest import POLGRAPH, SAMPLE, cli
from polgraph.progress import count_articles


@pytest.mark.slow
def test_workers_give_the_same_extraction_as_one_process():
    one = cli("extract", str(SAMPLE))
    two = cli("extract", str(SAMPLE), "--workers", "2")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    assert json.loads(two.stdout) == json.loads(one.stdout)
    assert json.loads(one.stdout)["relations"]


def test_zero_workers_is_a_one_line_error():
    done = cli("extract", str(SAMPLE), "--workers", "0")
    assert done.returncode == 2 and "Traceback" not in done.stderr and "--workers" in done.stderr


@pytest.mark.slow
def test_a_pipeline_workers_cannot_load_is_a_one_line_error():
    done = cli("extract", str(SAMPLE), "--workers", "2", "--model", "no_such_pipeline")
    assert done.returncode == 1 and "Traceback" not in done.stderr and "no_such_pipeline" in done.stderr


@pytest.mark.slow
def test_progress_bar_on_a_terminal_and_silence_when_piped(home):
    env = {**os.environ, "POLGRAPH_HOME": str(home)}
    main, side = pty.openpty()
    fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    try:
        proc = subprocess.Popen([POLGRAPH, "ingest", str(SAMPLE), "--format", "json"], env=env,
                                stdout=subprocess.PIPE, stderr=side, text=True)
        os.close(side)
        out, _ = proc.communicate(timeout=300)
        drawn = _read_all(main)
    finally:
        os.close(main)
    articles = len(list(SAMPLE.glob("*.txt")))
    assert proc.returncode == 0 and json.loads(out)["ingested"] == articles
    assert f"{articles}/{articles}" in drawn and "relations" in drawn and "article" in drawn

    again = cli("ingest", str(SAMPLE), env={"POLGRAPH_HOME": str(home)})  # piped: all skipped, nothing drawn
    assert again.returncode == 0 and again.stderr == "" and f"skipped {articles}" in again.stdout


def test_progress_moves_per_article_parsed_not_per_batch(graph):
    calls: list[tuple[int, int]] = []
    report = graph.ingest([SAMPLE], progress=lambda articles, relations: calls.append((articles, relations)))
    articles = len(list(SAMPLE.glob("*.txt")))
    assert [a for a, _ in calls if a] == [1] * articles  # one batch of 200, yet one step per article
    assert sum(r for _, r in calls) == report.relations > 0
    calls.clear()
    graph.ingest([SAMPLE], progress=lambda articles, relations: calls.append((articles, relations)))
    assert calls == [(articles, 0)]  # all already stored: one step for the batch


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # the other side is closed once the child has exited
            break
        if not data:
            break
        chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def test_count_articles_counts_files_and_records(tmp_path):
    (tmp_path / "a.txt").write_text("Title\nBody.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<p>x</p>")
    (tmp_path / "c.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n')
    (tmp_path / "d.csv").write_text("title,text\nA,one\nB,two\nC,three\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "e.txt").write_text("Hidden\nNot read.\n")
    (tmp_path / "notes.md").write_text("not an article")
    assert count_articles([tmp_path]) == 1 + 1 + 2 + 3
    assert count_articles([tmp_path / "a.txt", tmp_path / "c.jsonl"]) == 3
    assert count_articles([tmp_path, "https://example.org/feed.xml"]) is None
