"""The query library: every saved template is valid Neo4j Cypher, runs the same on the embedded
FalkorDB and over Bolt through the `neo4j` driver, and answers what its header promises.

Most tests run on the gold annotation of the corpus the project ships (conftest.CORPUS: a known
graph that does not move when the extractor changes) loaded with the real Loader; answers are
checked against the same gold computed in Python. One test ingests articles through the real
pipeline (the shipped ones, and the dev corpus of ../shared too when it is there)."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections import defaultdict

import pytest
import redis
from falkordb import FalkorDB

from conftest import CORPUS, DEV, QUICK, ROOT, cli, cli_process, graph_home, home_env, use_home, with_dev
from goldgraph import gold_records, load_gold
from polgraph.api import PolGraph
from polgraph.core.errors import PolGraphError
from polgraph.core.names import entity_id
from polgraph.graph import schema as schema_mod
from polgraph.graph.falkor import FalkorStore
from polgraph.queries import library

ASKED_FOR = ("critics_of", "supporters_of", "allies_and_opponents", "resignations", "suspensions", "members_of",
             "leaders_of", "path_between", "neighbourhood", "timeline_of", "evidence_for", "most_criticised",
             "most_active_critics", "contested", "rifts", "co_mentioned", "article_summary")
LINT = ROOT / "tests" / "lint"
BOLT_GRAPH = "falkordb"  # the graph FalkorDB's Bolt listener serves, whatever database is asked for
# Dated articles, so that ordering by date is tested (the gold corpus has no dates): Tony Blair's
# three, and two of the three in which Michael Harding leads the Conservatives.
DATES = {"blunkett-resigns": "2004-12-15", "howard-attacks-labour-tax": "2005-02-03",
         "sedgemore-quits-labour": "2005-04-26", "b5-mp-defects": "2005-01-20", "b5-tory-tax-attack": "2005-03-01"}


@pytest.fixture(scope="module")
def gold_home():
    """An embedded store holding the gold graph of CORPUS, shared by this module's tests."""
    with graph_home("pgq-") as home:
        with use_home(home), PolGraph.open(None, home=home) as g:
            load_gold(g.writable_store, CORPUS, dates=DATES)
        yield home


@pytest.fixture
def gold(gold_home):
    with use_home(gold_home), PolGraph.open(None, home=gold_home) as g:
        yield g


@pytest.fixture
def bolt_gold(bolt_port):
    """The same gold graph, read over Bolt through the `neo4j` driver.

    It is written through FalkorDB's own protocol into the graph the Bolt listener serves:
    the listener implements neither CREATE INDEX nor every statement the loader sends, and
    what is tested here is the templates, not the loader.
    """
    port, sock = bolt_port
    client = redis.Redis(unix_socket_path=str(sock))
    for name in client.execute_command("GRAPH.LIST"):
        client.execute_command("GRAPH.DELETE", name)
    client.close()
    with FalkorStore(FalkorDB(unix_socket_path=str(sock)), "bolt test server", graph=BOLT_GRAPH) as falkor:
        falkor.ensure_schema()
        load_gold(falkor, CORPUS, dates=DATES)
    uri = f"bolt://127.0.0.1:{port}"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NEO4J_USER", raising=False)
        mp.delenv("NEO4J_PASSWORD", raising=False)
        with PolGraph.open(uri) as g:  # reads only: no schema statement reaches the listener
            yield g


def normalised(rows: list[dict]) -> list[str]:
    """Rows comparable across stores: lists (from collect) sorted, numbers as floats, rows sorted."""
    def value(v):
        number = isinstance(v, (int, float)) and not isinstance(v, bool)
        return sorted(value(x) for x in v) if isinstance(v, list) else float(v) if number else v
    return sorted(json.dumps({k: value(v) for k, v in r.items()}, sort_keys=True, default=str) for r in rows)


def gold_triples() -> list[tuple[str, str, str, str]]:
    """(subject name, type, object name, article) of every gold claim."""
    _, entities, relations = gold_records(CORPUS)
    names = {e.id: e.name for e in entities}
    return [(names[r.subject], r.type, names[r.object], r.article) for r in relations]


# ---- the templates themselves --------------------------------------------------------------

def test_the_library_holds_every_template_asked_for_with_a_complete_header():
    found = library.templates()
    assert len(found) >= 15
    assert set(ASKED_FOR) <= set(found), set(ASKED_FOR) - set(found)
    for tpl in found.values():
        assert tpl.description and tpl.columns, tpl.name
        for p in tpl.params.values():
            assert p.example is not None, f"{tpl.name}.{p.name} has no example"


# Cypher that Neo4j refuses, to show the linter is not silent: a parameter the header does
# not declare, a FalkorDB-only function, a label the schema does not have.
REFUSED = {
    "undeclared": ("MATCH (e:Entity {id: $who}) RETURN e", "$who"),
    "falkor_only": ("MATCH (e:Entity) RETURN indegree(e) AS n", "indegree"),
    "no_such_label": ("MATCH (e:Entitty) RETURN e", "Entitty"),
}


@pytest.fixture(scope="module")
def lint_report() -> dict[str, list[dict]]:
    """Every template and the REFUSED probes through Neo4j's Cypher front end, in one node run
    (its first query costs seconds)."""
    if not shutil.which("node") or not (LINT / "node_modules").is_dir():
        pytest.skip("Neo4j's Cypher front end is not installed: run tests/setup.sh")
    sch = schema_mod.load()
    queries = [{"name": t.name, "cypher": t.cypher, "params": {n: p.example for n, p in t.params.items()}}
               for t in library.templates().values()]
    queries += [{"name": f"refused:{name}", "cypher": cypher, "params": {"name": "x"}}
                for name, (cypher, _) in REFUSED.items()]
    payload = {"schema": {"labels": [*sch.nodes, sch.entity_label], "relationshipTypes": list(sch.relations)},
               "queries": queries}
    done = subprocess.run(["node", str(LINT / "lint.mjs")], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=300)
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_every_template_lints_clean_with_neo4j_front_end(lint_report):
    """No error and no warning: valid Neo4j Cypher, only the schema's labels and types, only
    the parameters its header declares, only functions a plain Neo4j has."""
    found = {name: lint_report[name] for name in library.templates()}
    assert {name: diagnostics for name, diagnostics in found.items() if diagnostics} == {}


@pytest.mark.slow
def test_the_linter_reports_what_neo4j_would_refuse(lint_report):
    for name, (_, culprit) in REFUSED.items():
        assert any(culprit in d["message"] for d in lint_report[f"refused:{name}"]), name


# ---- running them ---------------------------------------------------------------------------

def test_every_example_runs_on_the_gold_graph_with_the_columns_it_promises(gold):
    empty = []
    for name, tpl in library.templates().items():
        rows = gold.query(name, **tpl.examples())
        assert all(list(r) == list(tpl.columns) for r in rows), name
        if not rows:
            empty.append(name)
    assert empty == []


def test_every_template_answers_the_same_over_bolt_through_the_neo4j_driver(gold, bolt_gold):
    for name, tpl in library.templates().items():
        embedded = gold.query(name, **tpl.examples())
        over_bolt = bolt_gold.query(name, **tpl.examples())
        assert normalised(over_bolt) == normalised(embedded), name


def test_critics_and_supporters_are_the_gold_claims(gold):
    triples = gold_triples()
    for actor in ("Jon Lansman", "Tony Blair", "Labour Party"):
        want = sorted(s for s, t, o, _ in triples if t == "CRITICISES" and o == actor)
        assert sorted(r["critic"] for r in gold.critics_of(name=actor)) == want
    want = sorted(s for s, t, o, _ in triples if t == "SUPPORTS" and o == "Peter Willsman")
    assert sorted(r["supporter"] for r in gold.supporters_of(name="Peter Willsman")) == want


def test_resignations_and_suspensions_are_the_gold_claims(gold):
    triples = gold_triples()
    for template, rel_type in (("resignations", "RESIGNED_FROM"), ("suspensions", "SUSPENDED_FROM")):
        want = sorted((s, o, a) for s, t, o, a in triples if t == rel_type)
        assert sorted((r["person"], r["body"], r["article"]) for r in gold.query(template)) == want
    assert sorted(r["person"] for r in gold.suspensions(group="labour")) == ["Jackie Walker", "Richard Burgon"]


def summaries(rel_types: set[str], group: str) -> dict[str, tuple]:
    """Gold per actor of one group: (articles, first date, last date, former), as leaders_of and members_of say."""
    _, entities, relations = gold_records(CORPUS, DATES)
    names = {e.id: e.name for e in entities}
    claims = defaultdict(list)
    for r in relations:
        if r.type in rel_types and names[r.object] == group:
            claims[names[r.subject]].append(r)
    out = {}
    for actor, found in claims.items():
        dates = sorted(r.date for r in found if r.date)
        last = dates[-1] if dates else ""
        former = all(r.former or (r.date or "") < last for r in found)  # what the latest claims say
        out[actor] = (len({r.article for r in found}), dates[0] if dates else None, dates[-1] if dates else None,
                      former)
    return out


@pytest.mark.parametrize("template, rel_types, column", [("leaders_of", {"LEADS"}, "leader"),
                                                          ("members_of", {"LEADS", "MEMBER_OF"}, "member")])
def test_leaders_and_members_are_one_row_per_actor_with_articles_and_dates(gold, template, rel_types, column):
    for group in ("Conservative Party", "Labour Party", "Momentum", "Liberal Democrats"):
        rows = gold.query(template, group=group)
        got = {r[column]: (r["articles"], r["first_date"], r["last_date"], r["former"]) for r in rows}
        assert len(got) == len(rows)
        assert got == summaries(rel_types, group), group
    harding = next(r for r in gold.query(template, group="Conservative Party") if r[column] == "Michael Harding")
    assert (harding["articles"], harding["first_date"], harding["last_date"]) == (3, "2005-01-20", "2005-03-01")
    assert harding[f"{column}_id"] == "person:michael-harding"


def test_rifts_are_criticism_between_members_of_one_group(gold):
    triples = gold_triples()
    inside = defaultdict(set)  # group -> members and leaders
    for s, t, o, _ in triples:
        if t in ("MEMBER_OF", "LEADS"):
            inside[o].add(s)
    want = {(g, s, o, a) for s, t, o, a in triples if t == "CRITICISES"
            for g, members in inside.items() if s in members and (o == g or o in members)}
    got = {(r["group"], r["critic"], r["target"], r["article"]) for r in gold.rifts(limit=1000)}
    assert got == want and ("Momentum", "Jackie Walker", "Jon Lansman", "momentum-selection-petition") in got
    assert {r["group"] for r in gold.rifts(group="momentum")} == {"Momentum"}


def test_rankings_count_distinct_actors(gold):
    triples = gold_triples()
    critics, supporters = defaultdict(set), defaultdict(set)
    for s, t, o, _ in triples:
        {"CRITICISES": critics, "SUPPORTS": supporters}.get(t, {}).setdefault(o, set()).add(s)
    ranked = gold.most_criticised(limit=100)
    assert {r["actor"]: r["critics"] for r in ranked} == {o: len(c) for o, c in critics.items()}
    assert [r["critics"] for r in ranked] == sorted((r["critics"] for r in ranked), reverse=True)
    contested = {r["actor"] for r in gold.contested(limit=100)}
    assert contested == set(critics) & set(supporters)


def test_timeline_runs_by_article_date_with_undated_claims_last(gold):
    dates = [r["date"] for r in gold.timeline_of(name="Tony Blair")]
    dated = [d for d in dates if d is not None]
    assert len(dated) >= 2 and dated == sorted(dated)
    assert dates == dated + [None] * (len(dates) - len(dated))


def test_timeline_of_a_busy_actor_equals_a_sort_of_all_its_claims(home):
    """timeline_of first takes a date cutoff from 1,000 of a busy actor's claims and then reads
    only the claims up to it: the answer must still be the earliest claims of all, undated ones
    last, whatever the limit (below, around and above the 1,000 sampled)."""
    rng = random.Random(11)
    types = ("SUPPORTS", "CRITICISES", "MEMBER_OF", "LEADS", "RESIGNED_FROM", "SUSPENDED_FROM")
    claims = []
    for k in range(1800):
        day = None if rng.random() < 0.1 else f"2001-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        claims.append({"other": f"group:{k % 700}", "type": types[k % len(types)], "date": day,
                       "article": f"a{rng.randrange(10 ** 6):06d}-{k}", "start": rng.randrange(1000),
                       "out": rng.random() < 0.3})
    with PolGraph.open(None, home=home) as g:
        store = g.writable_store
        # busy by the counts the loader keeps, so that the cutoff is taken
        store.run("CREATE (:Entity:Group {id: 'group:hub', name: 'Hub', type: 'Group', in_criticises_claims: 1800})",
                  write=True)
        store.run("UNWIND range(0, 699) AS i CREATE (:Entity:Group {id: 'group:' + toString(i), "
                  "name: 'Other ' + toString(i), type: 'Group'})", write=True)
        for rel in types:
            for out in (True, False):
                ends = "(h)-[:{t} {{date: row.date, article: row.article, start: row.start}}]->(o)" if out else \
                       "(o)-[:{t} {{date: row.date, article: row.article, start: row.start}}]->(h)"
                store.run("UNWIND $rows AS row MATCH (h:Entity {id: 'group:hub'}), (o:Entity {id: row.other}) "
                          "CREATE " + ends.format(t=rel),
                          {"rows": [c for c in claims if c["type"] == rel and c["out"] == out]}, write=True)
        ordered = sorted(claims, key=lambda c: (c["date"] is None, c["date"] or "", c["article"], c["start"]))
        template = library.get("timeline_of")
        for limit in (1, 50, 200, 999, 1000, 1001, 1700, 2500):
            rows = store.run(template.cypher, {"name": "group:hub", "limit": limit})
            assert [(r["date"], r["article"]) for r in rows] == \
                [(c["date"], c["article"]) for c in ordered[:limit]], limit


@pytest.mark.parametrize("source, target", [("Jackie Walker", "Peter Willsman"), ("Peter Willsman", "Jackie Walker")])
def test_path_between_is_a_chain_of_sourced_claims_from_one_actor_to_the_other(gold, source, target):
    """Both ways round: the search starts from the less discussed end and turns the chain round when that is the target."""
    hops = gold.path_between(source=source, target=target)
    assert [h["hop"] for h in hops] == list(range(1, len(hops) + 1)) and len(hops) >= 2
    at = source
    for h in hops:
        assert at in (h["source"], h["target"]) and h["evidence"] and h["article"]
        at = h["target"] if h["source"] == at else h["source"]
    assert at == target


def test_evidence_for_filters_by_claim_type(gold):
    rows = gold.evidence_for(subject="Christine Shawcroft", object="Momentum")
    assert {r["type"] for r in rows} == {"MEMBER_OF"} and rows[0]["former"] is True
    assert gold.evidence_for(subject="Christine Shawcroft", object="Momentum", type="supports") == []
    with pytest.raises(PolGraphError, match="type='PRAISES' is not a valid relation"):
        gold.evidence_for(subject="Christine Shawcroft", object="Momentum", type="PRAISES")


# ---- names, methods, the command line -------------------------------------------------------

def test_actors_are_found_by_any_alias_in_any_case(gold):
    want = gold.critics_of(name="Jon Lansman")
    assert want
    for typed in ("jon lansman", "LANSMAN", "Mr Lansman’s", "Mr Lansman's"):
        assert gold.critics_of(name=typed) == want, typed
    assert gold.explain("critics_of", name="lansman")["params"]["name"] == entity_id("Person", "Jon Lansman")


def test_an_unknown_actor_is_one_clear_error_with_the_closest_names(gold):
    with pytest.raises(PolGraphError) as err:
        gold.critics_of(name="Jon Lansmen")
    assert str(err.value).startswith("no actor called 'Jon Lansmen'; did you mean Jon Lansman")  # closest first
    assert "\n" not in str(err.value)


def test_every_template_is_a_typed_method_with_its_header_as_help(gold):
    import inspect

    for name, tpl in library.templates().items():
        method = getattr(PolGraph, name)
        assert method.__doc__.startswith(tpl.description), f"{name} is shadowed by another PolGraph attribute"
        assert list(inspect.signature(method).parameters) == [
            "self", *[p for p, s in tpl.params.items() if s.required], *[p for p, s in tpl.params.items() if not s.required]]
    sig = inspect.signature(PolGraph.critics_of)
    assert sig.parameters["name"].annotation is str and sig.parameters["limit"].default == 50
    assert gold.critics_of("Jon Lansman", limit=1) == gold.query("critics_of", name="Jon Lansman", limit=1)
    with pytest.raises(TypeError):
        gold.critics_of(nom="Jon Lansman")


def test_a_new_template_is_a_new_file_and_nothing_else(gold_home):
    """Drop a .cypher file next to the others: the list, the CLI and a Python method have it."""
    name = f"zz_probe_{os.getpid()}"
    path = ROOT / "queries" / f"{name}.cypher"
    path.write_text(f"// name: {name}\n// description: Probe.\n// params:\n"
                    "//   limit: {type: int, default: 1, example: 1}\n// columns: [id]\n"
                    "MATCH (a:Article) RETURN a.id AS id ORDER BY id LIMIT $limit\n", encoding="utf-8")
    try:
        env = home_env(gold_home)
        listed = json.loads(cli_process("query", "--list", "--format", "json", env=env).stdout)  # a new process:
        assert name in {t["name"] for t in listed}  # this one has read the templates already
        assert cli_process("query", name, "--format", "csv", env=env).stdout.splitlines() == ["id", "at-freedom-party"]
        code = f"from polgraph.api import PolGraph; print(PolGraph.open().{name}(limit=2))"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env})
        assert "au-climate-target" in out.stdout, out.stderr
    finally:
        path.unlink()


def test_cli_runs_templates_in_every_format_and_explains_them(gold_home):
    env = home_env(gold_home)
    csv_out = cli("query", "critics_of", "-p", "name=lansman", "--format", "csv", env=env)
    assert csv_out.returncode == 0 and csv_out.stdout.splitlines()[0] == ",".join(library.get("critics_of").columns)
    rows = json.loads(cli("query", "supporters_of", "-p", "name=Willsman", "--format", "json", env=env).stdout)
    assert "Christine Shawcroft" in {r["supporter"] for r in rows}
    table = cli("query", "rifts", "-p", "group=Momentum", env=env).stdout
    assert table.splitlines()[0].split() == list(library.get("rifts").columns)
    explained = cli("query", "resignations", "-p", "group=labour", "--explain", env=env).stdout
    assert explained.startswith(':params {"group": "group:labour-party", "limit": 100}')
    assert library.get("resignations").cypher in explained


def test_cli_user_errors_are_one_line(gold_home):
    env = home_env(gold_home)
    for args, message in [
        (("query", "critics_of", "-p", "name=Jon Lansmen"), "no actor called 'Jon Lansmen'; did you mean Jon Lansman"),
        (("query", "critics_of", "-p", "name=Jon Lansman", "-p", "limit=many"), "parameter limit='many'"),
        (("query", "critics_off"), "unknown template 'critics_off'; did you mean critics_of"),
        (("query", "critics_of"), "needs parameter 'name'"),
    ]:
        done = cli(*args, env=env)
        assert done.returncode == 1 and message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


# ---- the real pipeline ----------------------------------------------------------------------

@pytest.mark.parametrize("corpus", with_dev(QUICK, sorted(DEV.glob("*.txt"))))
def test_after_ingesting_a_corpus_every_example_runs_and_most_answer(graph, corpus):
    report = graph.ingest(corpus)
    assert report.ingested == len(corpus) and not report.failed
    answered = [name for name, tpl in library.templates().items() if graph.query(name, **tpl.examples())]
    assert len(answered) >= 12, f"only {answered} answer"
    assert graph.query("critics_of", name="Jon Lansman")
    assert graph.to_networkx().number_of_nodes() > 50


def test_a_broken_header_is_one_error_naming_the_file():
    for text, message in [
        ("// name: x\n// description: one: two: three\nRETURN 1", "x.cypher: bad template header"),
        ("// name: x-y\n// description: d\nRETURN 1", "x.cypher: 'x-y' is not a valid name"),
        ("// name: x\n// description: d\n// params:\n//   n: {type: person}\nRETURN $n", "unknown type 'person'"),
        ("// name: x\n// description: d\n", "x.cypher: template has no Cypher"),
    ]:
        with pytest.raises(PolGraphError, match=message.replace("(", r"\(")):
            library.parse(text, "x.cypher")
