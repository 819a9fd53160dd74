"""Readers on real files: every supported format, column mapping, standard input, and each
kind of bad input reported on one line naming the file (or file:line) and the reason."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pathlib import Path

from conftest import POLGRAPH, cli, cli_process
from polgraph.core.records import Article
from polgraph.ingest.readers import Fields, ReadError, read_sources

SITE = Path(__file__).parent / "data" / "site"
BODY = ("Fiona Caldwell has been suspended from the Liberal Democrats while the party investigates "
        "complaints about her conduct on a council planning committee.")


def read(*sources, **options) -> tuple[list[Article], list[str]]:
    items = list(read_sources([str(s) for s in sources], **options))
    return [i for i in items if isinstance(i, Article)], [str(i) for i in items if isinstance(i, ReadError)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_text_file_first_line_is_the_title(tmp_path):
    articles, errors = read(write(tmp_path / "caldwell.txt", f"\ufeffCaldwell suspended\n\n{BODY}\n"))
    assert errors == []
    assert (articles[0].id, articles[0].title, articles[0].text) == ("caldwell", "Caldwell suspended", BODY)


def test_windows_1252_and_latin_1_are_decoded_not_rejected(tmp_path):
    cp1252 = write(tmp_path / "a.txt", "Tax row\n\u201cA \u00a3300 levy\u201d, said Ms D\u00e9sir\u00e9e.".encode("cp1252"))
    latin1 = write(tmp_path / "b.txt", "Caf\u00e9 row\nM. Lef\u00e8vre spoke \u00e0 Paris.".encode("latin-1"))
    articles, errors = read(cp1252, latin1)
    assert errors == []
    assert [a.text for a in articles] == ["\u201cA \u00a3300 levy\u201d, said Ms D\u00e9sir\u00e9e.",
                                          "M. Lef\u00e8vre spoke \u00e0 Paris."]


def test_saved_html_page_keeps_its_body_and_metadata_only(tmp_path):
    page = SITE / "news" / "okafor-levy.html"
    saved = write(tmp_path / "okafor.html", page.read_text().replace("http://SITE", "https://www.northgate.example"))
    articles, errors = read(saved)
    assert errors == []
    (article,) = articles
    assert article.id == "northgate.example/news/okafor-levy.html"  # the canonical URL, not the file name
    assert article.url == "https://www.northgate.example/news/okafor-levy.html"
    assert (article.published, article.source, article.author) == ("2026-03-09", "Northgate Post", "Samuel Treloar")
    assert article.text.startswith("Daniel Okafor has thrown his support")
    for furniture in ("Percival Langley", "Florence Maddox", "Rosalind Featherstone", "cookies", "WhatsApp"):
        assert furniture not in article.text


def test_bad_files_are_one_line_each_and_the_rest_are_read(tmp_path):
    good = write(tmp_path / "good.txt", f"Title\n{BODY}")
    bad = {
        "empty.txt": "",
        "blank.txt": " \n\n  \n",
        "title-only.txt": "Just a title\n",
        "nul.txt": b"Title\n\x00\x01\x02binary\x00",
        "report.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        "nobody.html": (SITE / "news" / "nobody.html").read_text(),
        "notes.docx": "whatever",
        "README": "no extension",
    }
    paths = [write(tmp_path / name, content) for name, content in bad.items()]
    articles, errors = read(good, *paths, tmp_path / "missing.txt")
    assert [a.id for a in articles] == ["good"]
    assert errors == [
        f"{tmp_path}/empty.txt: empty file",
        f"{tmp_path}/blank.txt: empty file",
        f"{tmp_path}/title-only.txt: empty: no article text after the title line",
        f"{tmp_path}/nul.txt: binary data, not text",
        f"{tmp_path}/report.txt: a PDF document, not text",
        f"{tmp_path}/nobody.html: no article body found in the HTML page",
        f"{tmp_path}/notes.docx: unknown file type .docx; expected .txt, .html, .jsonl or .csv",
        f"{tmp_path}/README: unknown file type (no extension); expected .txt, .html, .jsonl or .csv",
        f"{tmp_path}/missing.txt: no such file or folder",
    ]


def test_article_size_limit(tmp_path):
    big = write(tmp_path / "big.txt", "Title\n" + "word " * 300)
    articles, errors = read(big, max_bytes=1000)
    assert articles == []
    assert errors == [f"{big}: 1,506 bytes is over the 1,000-byte article limit (--max-bytes)"]
    assert len(read(big, max_bytes=2000)[0]) == 1


def test_jsonl_broken_line_is_named_and_the_rest_read(tmp_path):
    lines = [
        {"id": "a1", "title": "One", "text": BODY, "published": "2026-03-12T11:00:00Z", "url": "https://x.example/a1"},
        '{"id": "a2", "title": "Two", "text": "unterminated',
        [1, 2],
        {"id": "a4", "title": "Four"},
        {"id": "a5", "text": BODY, "published": "last Tuesday"},
        {"id": "a6", "text": "x" * 2000},
        {"title": "Seven", "text": BODY + " 7", "published": "12 March 2026", "url": "https://www.x.example/seven/?utm_source=t"},
        {"title": "Eight", "text": BODY + " 8"},
    ]
    corpus = write(tmp_path / "corpus.jsonl", "\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines))
    articles, errors = read(corpus, max_bytes=1000)
    assert [(a.id, a.published) for a in articles] == [
        ("a1", "2026-03-12T11:00:00+00:00"), ("x.example/seven", "2026-03-12"), ("corpus-8", None)]
    assert errors == [
        f"{corpus}:2: not valid JSON (Unterminated string starting at column 38)",
        f"{corpus}:3: a JSON list, not an object",
        f"{corpus}:4: no text in field 'text'",
        f"{corpus}:5: field 'published': 'last Tuesday' is not a date "
        "(expected ISO 8601 such as 2005-03-14, or e.g. 14 March 2005)",
        f"{corpus}:6: text is over the 1,000-byte article limit",
    ]


def test_csv_with_column_mapping(tmp_path):
    corpus = write(tmp_path / "export.csv", (
        "headline,body,day,link\n"
        f'"Caldwell suspended","{BODY}",2026-03-12,https://x.example/caldwell\n'
        '"Multi-line","First paragraph.\n\nSecond paragraph, with a ""quote"".",14 March 2026,\n'
        '"No body",,2026-03-15,\n'
    ))
    fields = Fields(text="body", title="headline", date="day", url="link")
    articles, errors = read(corpus, fields=fields)
    assert [(a.id, a.title, a.published, a.url) for a in articles] == [
        ("x.example/caldwell", "Caldwell suspended", "2026-03-12", "https://x.example/caldwell"),
        ("export-5", "Multi-line", "2026-03-14", None),
    ]
    assert articles[1].text == 'First paragraph.\n\nSecond paragraph, with a "quote".'
    assert errors == [f"{corpus}:6: no text in field 'body'"]
    _, unmapped = read(corpus)
    assert unmapped == [f"{corpus}: no 'text' column (columns: headline, body, day, link); "
                        "name the text column with --text-field"]


def test_folders_are_read_recursively_in_order_skipping_hidden_and_other_files(tmp_path):
    write(tmp_path / "b.txt", f"B\n{BODY} (b)")
    write(tmp_path / "2026" / "03" / "a.txt", f"A\n{BODY} (a)")
    write(tmp_path / "2026" / "records.jsonl", json.dumps({"id": "r1", "text": f"{BODY} (r1)"}))
    write(tmp_path / ".cache" / "c.txt", f"C\n{BODY}")
    write(tmp_path / "photo.jpg", b"\xff\xd8\xff\xe0")
    articles, errors = read(tmp_path)
    assert errors == []
    assert [a.id for a in articles] == ["a", "r1", "b"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert read(empty) == ([], [f"{empty}: folder holds no .txt, .html, .jsonl or .csv files"])


def test_same_story_by_url_in_two_sources_is_one_article(tmp_path):
    page = write(tmp_path / "saved.html", (SITE / "news" / "okafor-levy.html").read_text()
                 .replace("http://SITE", "https://northgate.example"))
    records = write(tmp_path / "r.jsonl", json.dumps(
        {"title": "Okafor", "text": BODY, "url": "http://www.northgate.example/news/okafor-levy.html#top"}))
    articles, errors = read(page, records)
    assert [a.id for a in articles] == ["northgate.example/news/okafor-levy.html"]
    assert errors == []


@pytest.mark.slow
def test_cli_reads_stdin_and_maps_csv_columns(tmp_path):
    """`-` and the field options reach the readers through the command line; the first
    through a pipe into a process of its own, as from a shell."""
    jsonl = "\n".join(json.dumps({"id": f"s{i}", "title": "T", "body": f"{BODY} ({i})", "when": "12 March 2026"})
                      for i in range(2)) + "\nnot json\n"
    done = cli_process("extract", "-", "--text-field", "body", "--date-field", "when", input=jsonl)
    assert done.returncode == 1
    assert [(a["id"], a["published"]) for a in json.loads(done.stdout)["articles"]] == [
        ("s0", "2026-03-12"), ("s1", "2026-03-12")]
    assert done.stderr.strip() == "error: <stdin>:3: not valid JSON (Expecting value at column 1)"

    csv_text = f"headline,body\nCaldwell suspended,\"{BODY}\"\n"
    done = cli("extract", "-", "--text-field", "body", "--title-field", "headline", input=csv_text)
    assert done.returncode == 0, done.stderr
    (article,) = json.loads(done.stdout)["articles"]
    assert (article["id"], article["title"]) == ("stdin-2", "Caldwell suspended")
    assert "Fiona Caldwell" in {e["name"] for e in json.loads(done.stdout)["entities"]}

    big = write(tmp_path / "big.txt", "Title\n" + "word " * 300)
    done = cli("extract", str(big), "--max-bytes", "100")
    assert (done.returncode, done.stderr.strip()) == (
        1, f"error: {big}: 1,506 bytes is over the 100-byte article limit (--max-bytes)")
    assert "Traceback" not in done.stderr


# ---- hostile input: each attack is one error line, the rest of the run goes on ----------------

def test_a_newline_or_escape_in_a_file_name_cannot_forge_an_error_line(tmp_path):
    forged = write(tmp_path / "a\nerror: forged\x1b[31m.txt", "")
    done = cli("extract", str(forged), str(write(tmp_path / "good.txt", f"Title\n{BODY}")))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"error: {tmp_path}/a\\nerror: forged\\x1b[31m.txt: empty file"]


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "hex", "quopri", "punycode", "uu", "bz2",
                                     "unicode_escape", "undefined"])
def test_a_non_text_charset_falls_back_to_utf8_or_windows_1252(tmp_path, charset):
    page = f'<html><head><meta charset="{charset}"><title>Caf\u00e9 row</title></head><body><article>' \
           f'<p>{BODY} D\u00e9sir\u00e9e said so.</p><p>{BODY}</p><p>In %s.</p></article></body></html>'
    utf8 = write(tmp_path / "utf8.html", (page % "UTF-8").encode("utf-8"))
    cp1252 = write(tmp_path / "cp1252.html", (page % "Windows-1252").encode("cp1252"))
    articles, errors = read(utf8, cp1252)
    assert errors == []
    assert [("D\u00e9sir\u00e9e said so" in a.text) for a in articles] == [True, True]


def test_json_records_that_break_the_parser_are_one_error_each(tmp_path):
    lines = [
        json.dumps({"id": "ok-1", "title": "One", "text": BODY}),
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"id": "surrogate", "title": "Two", "text": "a lone \\ud800 surrogate"}',
        '{"id": "pair", "title": "Three", "text": "' + BODY + ' \\ud83d\\ude00"}',
    ]
    corpus = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    articles, errors = read(corpus)
    assert [a.id for a in articles] == ["ok-1", "pair"]
    assert errors == [
        f"{corpus}:2: not valid JSON (an integer of more than 4,300 digits)",
        f"{corpus}:3: not valid JSON (nested too deeply)",
        f"{corpus}:4: not valid JSON (a lone surrogate \\ud800 is not a character)",
    ]


# Reads its arguments, then prints its peak resident memory in MB (VmHWM: its own, unlike
# ru_maxrss, which a child inherits from the process that started it).
MEASURE_PEAK = """
import re, sys
from polgraph.ingest.readers import read_sources
for item in read_sources(sys.argv[1:], max_bytes=1000):
    print(item)
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) // 1024)
"""
LONG_LINE = 64_000_000


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_an_overlong_record_line_is_skipped_without_being_held(tmp_path, suffix):
    """One 64 MB line among good records: reported and passed over in chunks; the peak memory
    of the reading process stays below the line's size (it held 400-700 MB before)."""
    corpus = tmp_path / f"corpus{suffix}"
    start, end = ('title,text\nLong,"', f'"\nGood,"{BODY}"\n') if suffix == ".csv" else \
        ('{"id": "long", "text": "', '"}\n' + json.dumps({"id": "good", "text": BODY}) + "\n")
    with corpus.open("w") as fh:
        fh.write(start)
        for _ in range(LONG_LINE // 1_000_000):
            fh.write("a" * 1_000_000)
        fh.write(end)
    done = subprocess.run([sys.executable, "-c", MEASURE_PEAK, str(corpus)], capture_output=True, text=True)
    *lines, peak_mb = done.stdout.splitlines()
    line = 2 if suffix == ".csv" else 1
    size = LONG_LINE + (8 if suffix == ".csv" else 27)
    assert lines[0] == f"{corpus}:{line}: a line of {size:,} bytes, over the 6,000-byte record line limit; skipped"
    assert len(lines) == 2 and lines[1].startswith("Article(")
    assert int(peak_mb) < LONG_LINE // 1_000_000


@pytest.mark.slow
def test_standard_input_is_cut_at_the_limit_not_read_to_its_end():
    """`yes` never stops writing: the text is refused at --max-bytes (before, polgraph read forever)."""
    yes = subprocess.Popen(["yes", "Fiona Caldwell was suspended."], stdout=subprocess.PIPE)
    try:
        done = subprocess.run([POLGRAPH, "extract", "-", "--max-bytes", "1000"], stdin=yes.stdout,
                              capture_output=True, text=True, timeout=300)
    finally:
        yes.kill()
        yes.wait()
    assert (done.returncode, done.stderr) == (
        1, "error: <stdin>: the text is over the 1,000-byte article limit (--max-bytes)\n")


def test_an_html_page_with_a_huge_tree_never_reaches_trafilatura(tmp_path):
    page = write(tmp_path / "tags.html", f"<html><body><article><p>{BODY}</p>" + "<b>x</b>" * 120_000
                 + "</article></body></html>")
    articles, errors = read(page)
    assert (articles, errors) == ([], [f"{page}: the HTML page has over 50,000 elements; not read"])


def test_text_front_matter_gives_title_date_url_and_source(tmp_path):
    fronted = write(tmp_path / "caldwell.txt", "---\ntitle: Caldwell suspended\ndate: 2026-03-12\n"
                    "url: https://user:pw@www.northgate.example/news/caldwell\nsource: Northgate Post\n---\n"
                    f"{BODY}\n\nShe will appeal.\n")
    plain = write(tmp_path / "plain.txt", f"Plain title\n{BODY} Plainly.\n")
    bad = {"list.txt": "---\ntitle: [a, b]\n---\nText.\n", "yaml.txt": "---\ntitle: 'open\n---\nText.\n",
           "date.txt": "---\ndate: last Tuesday\n---\nText.\n",
           "open.txt": "---\ntitle: T\n" + "x: y\n" * 5000 + "---\nText.\n"}
    paths = [write(tmp_path / name, content) for name, content in bad.items()]
    articles, errors = read(fronted, plain, *paths)
    first, second = articles
    assert (first.id, first.title, first.published, first.url, first.source, first.text) == (
        "northgate.example/news/caldwell", "Caldwell suspended", "2026-03-12",
        "https://www.northgate.example/news/caldwell", "Northgate Post", f"{BODY}\n\nShe will appeal.")
    assert (second.id, second.title) == ("plain", "Plain title")
    assert errors == [
        f"{paths[0]}: front matter: 'title' is a list, not one value",
        f"{paths[1]}: front matter: the block is not valid YAML (found unexpected end of stream, line 2)",
        f"{paths[2]}: front matter: 'last Tuesday' is not a date "
        "(expected ISO 8601 such as 2005-03-14, or e.g. 14 March 2005)",
        f"{paths[3]}: front matter: no closing --- line within 16,384 characters",
    ]


def test_date_option_dates_the_articles_that_carry_none(tmp_path):
    dated = write(tmp_path / "dated.jsonl", json.dumps({"id": "d", "text": BODY, "published": "2005-03-14"}))
    undated = write(tmp_path / "undated.txt", f"Undated\n{BODY} Again.\n")
    done = cli("extract", str(dated), str(undated), "--date", "2026-01-31")
    assert done.returncode == 0, done.stderr
    assert [(a["id"], a["published"]) for a in json.loads(done.stdout)["articles"]] == [
        ("d", "2005-03-14"), ("undated", "2026-01-31")]
    done = cli("extract", str(undated), "--date", "31/01/2026")
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_credentials_in_a_record_url_are_not_kept(tmp_path):
    corpus = write(tmp_path / "r.jsonl", json.dumps({"text": BODY, "url": "https://reader:s3cret@x.example/a"}))
    articles, _ = read(corpus)
    assert (articles[0].id, articles[0].url) == ("x.example/a", "https://x.example/a")


def test_a_text_longer_than_the_parser_takes_is_one_error_and_the_rest_is_read(tmp_path):
    """1.2 million characters pass --max-bytes but not spaCy's max_length: refused by name, not a
    traceback that ends the run."""
    long_text = (BODY + "\n\n") * (1_200_000 // len(BODY))
    corpus = write(tmp_path / "r.jsonl", json.dumps({"id": "long", "text": long_text}) + "\n"
                   + json.dumps({"id": "short", "text": BODY}) + "\n")
    done = cli("extract", str(corpus))
    assert done.returncode == 1
    assert [a["id"] for a in json.loads(done.stdout)["articles"]] == ["short"]
    chars = len(long_text.strip())
    assert done.stderr.splitlines() == [
        f"error: {corpus}: article 'long': {chars:,} characters of text, over the 1,000,000 the parser takes; not read"]
