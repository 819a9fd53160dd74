"""Views: pages rendered in real headless Chromium with the network off, hostile text kept as text,
and the selections (--around, --query, --top) drawn from a real embedded store."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from browser import CHROMIUM, Browser
from conftest import QUICK, cli, home_env
from graphdata import CLOSE, DATES, IMG, PAYLOADS, SCRIPT, pg, store_home  # noqa: F401  (fixtures)

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (tests/setup.sh)")
DRAWN_PIXELS = """(() => {
  const c = document.querySelector('#network canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n; })()"""
SETTLED = "document.body.dataset.settled === 'true'"
OVERLAPPING_LABELS = """(() => {
  const v = polgraphView, ids = v.nodes.getIds(), b = ids.map(id => v.network.getBoundingBox(id));
  let n = 0;
  for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++)
    if (Math.min(b[i].right, b[j].right) > Math.max(b[i].left, b[j].left) &&
        Math.min(b[i].bottom, b[j].bottom) > Math.max(b[i].top, b[j].top)) n++;
  return n; })()"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (tests/setup.sh)")
    with Browser() as b:
        yield b


def show(browser: Browser, page: Path) -> None:
    """Load a page, wait for the layout to settle, and forget the events of earlier pages."""
    browser.events.clear()
    browser.open(page)
    browser.wait_until(SETTLED)


def page_data(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


def test_page_is_self_contained_and_loads_nothing(pg, tmp_path):
    html = pg.view(around="Plain Party", output=tmp_path / "v.html")
    assert (tmp_path / "v.html").read_text(encoding="utf-8") == html
    assert not re.search(r"<(link|script)\b[^>]*\b(src|href)=", html, re.I)
    assert "node_modules" not in html and "cdnjs" not in html and "jsdelivr" not in html
    assert "default-src 'none'" in html


def test_hostile_text_is_escaped_in_the_html(pg):
    html = pg.view(around="Plain Party")
    for payload in (SCRIPT, CLOSE, IMG):
        assert payload not in html
    assert "<img src=x" not in html
    # nothing but the page's own three scripts is ever closed, and the data holds no tag at all
    assert html.count("</script>") == 3
    raw = re.search(r'id="graph-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in raw and ">" not in raw
    labels = {n["label"] for n in page_data(html)["nodes"]}
    assert set(PAYLOADS) <= labels


@pytest.mark.slow
@needs_chromium
def test_browser_draws_the_neighbourhood_offline(pg, browser, tmp_path):
    page = tmp_path / "lansman.html"
    pg.view(around="Jon Lansman", output=page)
    show(browser, page)
    assert browser.evaluate(DRAWN_PIXELS) > 1000
    names = browser.evaluate("polgraphView.nodes.get().map(n => n.label)")
    assert "Jon Lansman" in names and "Momentum" in names
    assert browser.errors() == []
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:"))] == []


@pytest.mark.slow
@needs_chromium
def test_payloads_show_as_text_and_never_run(pg, browser, tmp_path):
    page = tmp_path / "hostile.html"
    pg.view(around="Plain Party", output=page)
    show(browser, page)
    ids = browser.evaluate("polgraphView.nodes.getIds()")
    panels = []
    for node_id in ids:  # the relations panel of every actor: names, evidence and titles as text
        browser.evaluate(f"polgraphView.showRelations({json.dumps(node_id)})")
        panels.append(browser.evaluate("document.getElementById('relations').textContent"))
        assert browser.evaluate("document.querySelectorAll('#relations *:not(strong, div, ul, li)').length") == 0
    assert all(payload in "".join(panels) for payload in PAYLOADS)
    assert browser.evaluate("document.querySelectorAll('img, script:not([nonce]):not([type])').length") == 0
    titles = browser.evaluate("polgraphView.edges.get().map(e => e.title).join(' ')")
    assert IMG in titles and CLOSE in titles
    tooltip = hover_edge(browser, "MEMBER_OF")
    assert IMG in tooltip["text"] and CLOSE in tooltip["text"] and tooltip["elements"] == 0
    assert browser.evaluate("document.title") == "Plain Party and everyone within 1 hop"
    assert browser.errors() == []


def hover_edge(browser: Browser, rel: str) -> dict:
    """Move the mouse onto the middle of the first `rel` line, as a person would, and read the tooltip
    (its text, and how many elements other than line breaks it holds)."""
    x, y = browser.evaluate(f"""(() => {{
      const v = polgraphView, id = v.edges.get().find(e => e.rel === {json.dumps(rel)}).id;
      const p = v.network.canvasToDOM(v.network.body.edges[id].edgeType.getPoint(0.5));
      const r = document.getElementById('network').getBoundingClientRect();
      return [p.x + r.left, p.y + r.top]; }})()""")
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
    browser.wait_until("(t => t && t.style.visibility === 'visible')(document.querySelector('div.vis-tooltip'))", 10)
    return browser.evaluate("(t => ({text: t.innerText, elements: t.querySelectorAll('*:not(br)').length}))"
                            "(document.querySelector('div.vis-tooltip'))")


@pytest.mark.slow
@needs_chromium
def test_the_harness_sees_a_script_that_runs(browser, tmp_path):
    """Control: the same checks do catch an unescaped payload, so the test above can fail."""
    page = tmp_path / "unsafe.html"
    page.write_text(f"<html><body><div id='x'>{SCRIPT}{IMG}</div><script>document.body.dataset.settled='true'"
                    "</script></body></html>", encoding="utf-8")
    show(browser, page)
    assert browser.evaluate("document.title") == "pwned"
    assert any("xss" in e for e in browser.errors())


@pytest.mark.slow
@needs_chromium
def test_whole_graph_settles_with_no_label_over_another_and_filters(pg, browser, tmp_path):
    page = tmp_path / "all.html"
    pg.view(top=0, output=page)
    show(browser, page)
    assert browser.evaluate("polgraphView.nodes.length") > 90
    assert browser.evaluate(OVERLAPPING_LABELS) == 0
    assert browser.evaluate("polgraphView.network.physics.options.enabled") is False
    # the filters, on the same page: drawing the whole graph takes seconds
    hidden = "polgraphView.edges.get().filter(e => e.hidden).length"
    criticisms = browser.evaluate("polgraphView.edges.get().filter(e => e.rel === 'CRITICISES').length")
    assert criticisms > 0 and browser.evaluate(hidden) == 0
    browser.evaluate("document.querySelector('.rel-filter[value=CRITICISES]').click()")
    assert browser.evaluate(hidden) == criticisms
    browser.evaluate("document.querySelector('.rel-filter[value=CRITICISES]').click()")
    middle = sorted(DATES.values())[len(DATES) // 2]
    browser.evaluate(f"const f = document.getElementById('date-from'); f.value = '{middle}';"
                     "f.dispatchEvent(new Event('change'))")
    shown = browser.evaluate("polgraphView.edges.get().filter(e => !e.hidden).map(e => e.dates)")
    assert shown and all(any(d >= middle for d in dates) for dates in shown)
    assert browser.evaluate(hidden) > 0
    assert browser.errors() == []


def test_top_keeps_the_most_connected_and_says_what_it_left_out(pg):
    page = pg.view(top=10)
    data = page_data(page)
    assert len(data["nodes"]) == 10
    total = len(pg.to_networkx())
    assert page.note.startswith(f"Showing the 10 most connected of {total} actors: {total - 10} actors and ")
    assert page.note in page
    assert "Labour Party" in {n["label"] for n in data["nodes"]}
    assert pg.view(top=0).note == ""


def test_query_view_draws_the_actors_the_answer_names(pg):
    rows = pg.query("critics_of", name="Jon Lansman")
    data = page_data(pg.view(query="critics_of", params={"name": "Jon Lansman"}))
    labels = {n["label"] for n in data["nodes"]}
    assert labels == {"Jon Lansman", *(r["critic"] for r in rows)}
    assert {e["rel"] for e in data["edges"]} >= {"CRITICISES"}


def test_edges_carry_evidence_with_article_title_and_date(pg):
    data = page_data(pg.view(around="Jon Lansman"))
    edge = next(e for e in data["edges"] if e["rel"] == "LEADS")
    assert edge["count"] == len(edge["claims"]) >= 1
    assert edge["claims"][0].startswith(f"{DATES['momentum-selection-petition']} · Momentum members petition for open selections: ")
    assert edge["title"].startswith("Jon Lansman leads Momentum")
    styles = {(e["rel"], e["color"]) for e in data["edges"]}
    assert ("LEADS", "#EDC948") in styles


def test_page_shows_inline_in_jupyter(pg):
    page = pg.view(around="Plain Party")
    frame = page._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and "<script" not in frame


def test_cli_viz_writes_the_page_and_reports_user_errors(store_home, tmp_path):
    env = home_env(store_home)
    out = tmp_path / "p.html"
    done = cli("viz", "--around", "plain party", "--depth", "2", "-o", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}" and "Plain Party" in out.read_text(encoding="utf-8")
    for args, message in [
        (["--around", "Nobody Atall"], "no actor called 'Nobody Atall'"),
        (["--around", "Plain Party", "--query", "critics_of"], "not both"),
        (["--query", "no_such_template"], "unknown template 'no_such_template'"),
        (["--around", "Plain Party", "--depth", "-1"], "--depth -1 is negative"),
    ]:
        bad = cli("viz", *args, "-o", str(tmp_path / "x.html"), env=env)
        assert bad.returncode == 1 and message in bad.stderr and "Traceback" not in bad.stderr, bad.stderr


def test_cli_viz_top_note(store_home, tmp_path):
    out = tmp_path / "top.html"
    done = cli("viz", "--top", "2", "-o", str(out), env=home_env(store_home))
    assert done.returncode == 0, done.stderr
    assert "Showing the 2 most connected of" in done.stdout


PAYLOAD_ARTICLE = f"""Labour row over {SCRIPT} leaflets
Jon Lansman criticised Peter Willsman over the leaflets. Mr Willsman said “{IMG}” and {CLOSE} were printed by Momentum.
"""


@pytest.mark.slow
@needs_chromium
def test_done_when_an_ingested_corpus_and_a_payload_article_are_drawn_and_exported(home, tmp_path, browser):
    """The issue's acceptance: real ingest (spaCy) of a corpus plus an article carrying
    payloads; the view draws offline with the payloads inert; RDF and GraphML read back."""
    (tmp_path / "hostile").mkdir()
    (tmp_path / "hostile" / "payload-article.txt").write_text(PAYLOAD_ARTICLE, encoding="utf-8")
    done = cli("ingest", *map(str, QUICK), str(tmp_path / "hostile"))
    assert done.returncode == 0, done.stderr
    page = tmp_path / "lansman.html"
    assert cli("viz", "--around", "Jon Lansman", "-o", str(page)).returncode == 0
    html = page.read_text(encoding="utf-8")
    assert SCRIPT not in html and IMG not in html and "<img src=x" not in html
    assert any(SCRIPT in c or CLOSE in c for e in page_data(html)["edges"] for c in e["claims"])
    show(browser, page)
    assert browser.evaluate(DRAWN_PIXELS) > 1000
    assert browser.evaluate("document.title") == "Jon Lansman and everyone within 1 hop"
    assert browser.errors() == []
    assert [u for u in browser.requests() if not u.startswith(("file:", "data:"))] == []
    for fmt in ("ttl", "jsonld", "graphml"):
        assert cli("export", "--format", fmt, "-o", str(tmp_path / f"g.{fmt}")).returncode == 0
    ttl = set(rdflib.Graph().parse(tmp_path / "g.ttl", format="turtle"))
    assert len(ttl) > 200 and set(rdflib.Graph().parse(tmp_path / "g.jsonld", format="json-ld")) == ttl
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 50
