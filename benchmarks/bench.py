"""polgraph at scale: bulk load, every saved template, and ingest against the bare parse.

    python benchmarks/bench.py --quick --json     # 100k actors / 500k claims
    python benchmarks/bench.py                    # 1M actors / 5M claims
    python benchmarks/bench.py --quick --keep /tmp/pgk      # build once and keep the store,
    python benchmarks/bench.py --quick --reuse /tmp/pgk --only neighbourhood   # then time templates on it
    python benchmarks/bench.py --actors 100000 --claims 100000 --load-only   # the load alone, quickly

1. Builds a synthetic graph (benchmarks/synth.py) in a fresh embedded store through the
   project's own Loader, in ingest-sized batches, and times the load.
2. Times every saved template through `PolGraph.query` (name lookup included) with
   realistic parameters: popular and ordinary actors, real claim pairs, article titles.
3. Times `polgraph ingest` of a real corpus (../shared/corpus/bbc-politics, replicated
   when more articles are asked for than it holds), with the extractor of POLGRAPH_EXTRACTOR
   (default both: rules and relation model), against a bare `nlp.pipe` parse of the same
   texts by the same spaCy pipeline without polgraph's components, both as whole
   processes, in the same run, and reports the ingest process's peak RSS.

Prints a report; with --json the last line is one JSON object with at least
load_edges_per_s, template_p95_ms, ingest_vs_parse_ratio and peak_rss_mb.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import SyntheticGraph  # noqa: E402

from polgraph.api import PolGraph  # noqa: E402
from polgraph.core.settings import batch_size as default_batch_size, ingest_batch  # noqa: E402
from polgraph.core.errors import PolGraphError  # noqa: E402
from polgraph.graph import counts, schema as schema_mod  # noqa: E402
from polgraph.graph.embedded import EmbeddedServer  # noqa: E402
from polgraph.graph.loader import Loader  # noqa: E402
from polgraph.ingest.extract import PIPE_BATCH  # noqa: E402
from polgraph.queries import library  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bbc-politics"
POLGRAPH = str(Path(sys.executable).with_name("polgraph"))
SIZES = {"quick": (100_000, 500_000), "full": (1_000_000, 5_000_000)}

# The bare parse: the same pipeline over the same texts, nothing else.
PARSE_SCRIPT = """
import sys, time
from pathlib import Path
import spacy
nlp = spacy.load({model!r})  # the bare spaCy parse: no polgraph component, no relation model
texts = [p.read_text("utf-8").strip().partition("\\n")[2].strip() for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size={batch}):
    pass
print(time.perf_counter() - start)
"""


def scratch_home() -> Path:
    """A fresh POLGRAPH_HOME short enough for the store's unix socket."""
    return Path(tempfile.mkdtemp(prefix="pgb-", dir="/tmp"))


def build(g: PolGraph, synth: SyntheticGraph, batch_size: int) -> dict[str, Any]:
    """Load the synthetic graph batch by batch; only the Loader's time is counted.

    Besides wall time, the CPU seconds of this process and of the store's server: on a
    shared machine the wall time measures the neighbours too, the CPU time does not.
    """
    loader = Loader(g.writable_store, batch_size)
    server = EmbeddedServer(g.home).pid()
    loading = cpu = 0.0
    claims = 0
    server_before = cpu_seconds(server)
    for batch in synth.batches(ingest_batch()):  # what `polgraph ingest` hands the loader at a time
        start, start_cpu = time.perf_counter(), time.process_time()
        loader.load(batch.articles, batch.entities, batch.relations)
        loading += time.perf_counter() - start
        cpu += time.process_time() - start_cpu
        claims += len(batch.relations)
    server_cpu = cpu_seconds(server) - server_before
    return {"claims": claims, "load_s": round(loading, 2), "load_edges_per_s": round(claims / loading),
            "load_client_cpu_s": round(cpu, 2), "load_server_cpu_s": round(server_cpu, 2),
            "load_edges_per_cpu_s": round(claims / (cpu + server_cpu))}


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds a process has used so far (0 when it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Picks:
    """Realistic template arguments drawn from the graph itself."""

    def __init__(self, g: PolGraph, rng: random.Random) -> None:
        self.rng = rng
        critics = counts.prop("in", "CRITICISES", "actors")
        self.hubs = [r["name"] for r in g.store.run(
            f"MATCH (e:Entity) WHERE e.{critics} > 0 RETURN e.name AS name ORDER BY e.{critics} DESC LIMIT 50")]
        to_groups = "|".join(r.type for r in schema_mod.load().relations.values()  # claims about bodies
                             if r.claim and "Group" in r.targets and "Person" not in r.targets)
        self.groups = [r["name"] for r in g.store.run(
            f"MATCH (e:Entity)<-[:{to_groups}]-() WHERE e.type = 'Group' RETURN DISTINCT e.name AS name LIMIT 500")]
        self.claims = g.store.run(
            "MATCH (s:Entity)-[r]->(o:Entity) WHERE r.evidence IS NOT NULL "
            "RETURN s.name AS s, o.name AS o, r.article AS article LIMIT 2000")
        self.titles = [r["title"] for r in g.store.run("MATCH (a:Article) RETURN a.title AS title LIMIT 2000")]

    def actor(self) -> str:
        """Half the calls ask about one of the most discussed actors, half about anyone."""
        if self.rng.random() < 0.5:
            return self.rng.choice(self.hubs)
        return self.rng.choice(self.claims)[self.rng.choice("so")]

    def params(self, tpl: library.Template) -> dict[str, Any]:
        """What a user passes: defaults where the template has them, else its examples; real actors."""
        out = {**tpl.examples(), **{p.name: p.default for p in tpl.params.values() if not p.required}}
        claim = self.rng.choice(self.claims)
        for p in tpl.params.values():
            if p.type == "actor" and p.name == "group":
                out[p.name] = self.rng.choice(self.groups)
            elif p.type == "actor" and p.name == "subject":
                out[p.name] = claim["s"]
            elif p.type == "actor" and p.name == "object":
                out[p.name] = claim["o"]
            elif p.type == "actor":
                out[p.name] = self.actor()
            elif p.name == "article":
                out[p.name] = claim["article"] if self.rng.random() < 0.5 else self.rng.choice(self.titles)
        return out


def time_templates(g: PolGraph, picks: Picks, calls: int, budget_s: float,
                   only: list[str] | None = None) -> dict[str, dict[str, float]]:
    """p50 / p95 / max milliseconds of up to `calls` calls of every template, after one warm-up call.

    A template stops early once it has used `budget_s` seconds, and a call is cut off by
    the server after `budget_s` (counted in `timeouts`, timed as `budget_s`), so one slow
    template cannot hold the run hostage; `calls` says how many were timed.
    """
    g.store.db.connection.execute_command("GRAPH.CONFIG", "SET", "TIMEOUT_DEFAULT", int(budget_s * 1000))
    out = {}
    for name, tpl in sorted(library.templates().items()):
        if only and name not in only:
            continue
        samples: list[float] = []
        timeouts = 0
        spent = 0.0
        for call in range(calls + 1):  # the first call warms the plan cache and is not counted
            if spent >= budget_s:
                break
            params = picks.params(tpl)
            start = time.perf_counter()
            try:
                g.query(name, **params)
            except PolGraphError as exc:
                if "timed out" not in str(exc).lower():
                    raise
                timeouts += 1
            took = time.perf_counter() - start
            if call:
                samples.append(took * 1000)
                spent += took
        samples.sort()
        print(f"  {name}: {len(samples)} calls, max {samples[-1]:.1f} ms", file=sys.stderr)
        out[name] = {"p50": round(statistics.median(samples), 2),
                     "p95": round(samples[min(len(samples) - 1, int(0.95 * len(samples)))], 2),
                     "max": round(samples[-1], 2), "calls": len(samples), "timeouts": timeouts}
    return out


def corpus_copy(count: int, dest: Path) -> Path:
    """`count` articles of the BBC politics corpus, replicated under new names when it holds fewer."""
    files = sorted(CORPUS.glob("*.txt"))
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        src = files[i % len(files)]
        copy = i // len(files)
        shutil.copyfile(src, dest / (src.name if copy == 0 else f"{src.stem}-r{copy}.txt"))
    return dest


def run_timed(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and stdout of one child process (its own rusage, not its children's)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, env={**os.environ, **env}, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise SystemExit(f"{' '.join(args[:3])} failed ({proc.returncode}): {err.read().strip()[-500:]}")
        return wall, usage.ru_maxrss / 1024, out.read()


def time_ingest(count: int, workers: int, model: str) -> dict[str, Any]:
    """Whole-process `polgraph ingest` of `count` articles against the bare parse of the same texts."""
    work = scratch_home()
    home = work / "h"
    try:
        corpus = corpus_copy(count, work / "corpus")
        parse_wall, parse_rss, out = run_timed(
            [sys.executable, "-c", PARSE_SCRIPT.format(model=model, batch=PIPE_BATCH), str(corpus)], {})
        pipe_s = float(out.strip().splitlines()[-1])
        ingest_args = [POLGRAPH, "ingest", str(corpus), "--format", "json"]
        if workers > 1:
            ingest_args += ["--workers", str(workers)]
        ingest_wall, ingest_rss, out = run_timed(ingest_args, {"POLGRAPH_HOME": str(home), "POLGRAPH_MODEL": model})
        report = json.loads(out)
    finally:
        EmbeddedServer(home).stop()
        shutil.rmtree(work, ignore_errors=True)
    return {
        "articles": count, "workers": workers, "ingested": report.get("ingested"),
        "relations": report.get("relations"),
        "parse_s": round(parse_wall, 2), "parse_pipe_only_s": round(pipe_s, 2), "parse_peak_rss_mb": round(parse_rss),
        "ingest_s": round(ingest_wall, 2), "ingest_vs_parse_ratio": round(ingest_wall / parse_wall, 3),
        "peak_rss_mb": round(ingest_rss),
    }


def archive_size(description: str) -> argparse.Namespace:
    """The size of the synthetic archive to load (`--actors`, `--claims`, and `--batch` articles
    per part), as the bulk benchmarks take it."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--claims", type=int, default=500_000)
    ap.add_argument("--batch", type=int, default=200, help="articles per part (POLGRAPH_INGEST_BATCH's default)")
    return ap.parse_args()


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 // 1024 for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")), None)
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": mem, "python": platform.python_version(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def run(args: argparse.Namespace) -> dict[str, Any]:
    actors, claims = args.actors or SIZES["quick" if args.quick else "full"][0], \
        args.claims or SIZES["quick" if args.quick else "full"][1]
    result: dict[str, Any] = {"machine": machine(), "actors": actors}
    home = args.reuse or args.keep or scratch_home()
    try:
        with PolGraph.open(None, home=home) as g:
            if args.reuse:
                print(f"reusing the graph in {home}: load not timed", file=sys.stderr)
            else:
                result.update(build(g, SyntheticGraph(actors, claims), args.batch_size))
                print(f"loaded {result['claims']:,} claims in {result['load_s']} s", file=sys.stderr)
            if args.load_only:
                return result
            result["templates"] = time_templates(g, Picks(g, random.Random(11)), args.calls, args.budget,
                                                 args.only)
    finally:
        EmbeddedServer(home).stop()
        if not (args.keep or args.reuse):
            shutil.rmtree(home, ignore_errors=True)
    worst = max(result["templates"].items(), key=lambda kv: kv[1]["p95"])
    result["template_p95_ms"], result["worst_template"] = worst[1]["p95"], worst[0]
    if args.ingest_articles and CORPUS.is_dir():
        result["ingest"] = time_ingest(args.ingest_articles, args.workers, args.model)
        result["ingest_vs_parse_ratio"] = result["ingest"]["ingest_vs_parse_ratio"]
        result["peak_rss_mb"] = result["ingest"]["peak_rss_mb"]
    else:
        result["ingest_vs_parse_ratio"] = result["peak_rss_mb"] = None
    return result


def print_report(r: dict[str, Any]) -> None:
    m = r["machine"]
    print(f"machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB, Python {m['python']}, "
          f"load average {m['load_average']}")
    if "claims" in r:
        print(f"load: {r['claims']:,} claims among {r['actors']:,} actors in {r['load_s']} s "
              f"= {r['load_edges_per_s']:,} claims/s; CPU: client {r['load_client_cpu_s']} s + server "
              f"{r['load_server_cpu_s']} s = {r['load_edges_per_cpu_s']:,} claims per CPU second")
    if "templates" not in r:
        return
    print(f"\n{'template':<24}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, t in r["templates"].items():
        print(f"{name:<24}{t['p50']:>10}{t['p95']:>10}{t['max']:>10}")
    print(f"worst p95: {r['template_p95_ms']} ms ({r['worst_template']})")
    ing = r.get("ingest")
    if ing:
        print(f"\ningest of {ing['articles']} articles (workers {ing['workers']}): {ing['ingest_s']} s; "
              f"bare parse {ing['parse_s']} s (nlp.pipe alone {ing['parse_pipe_only_s']} s); "
              f"ratio {ing['ingest_vs_parse_ratio']}; peak RSS {ing['peak_rss_mb']} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="100k actors / 500k claims (default 1M / 5M)")
    ap.add_argument("--actors", type=int, help="override the number of actors")
    ap.add_argument("--claims", type=int, help="override the number of claims")
    ap.add_argument("--calls", type=int, default=40, help="timed calls per template")
    ap.add_argument("--budget", type=float, default=30.0, help="seconds at most spent timing one template")
    ap.add_argument("--batch-size", type=int, default=default_batch_size(), help="rows per UNWIND statement")
    ap.add_argument("--ingest-articles", type=int, default=220, help="articles to ingest against the parse; 0: skip")
    ap.add_argument("--workers", type=int, default=1, help="polgraph ingest --workers")
    ap.add_argument("--model", default=None, help="spaCy pipeline (default: polgraph's)")
    ap.add_argument("--keep", type=Path, metavar="HOME", help="build the graph in HOME and keep it there")
    ap.add_argument("--reuse", type=Path, metavar="HOME", help="time the graph a --keep run left in HOME, no load")
    ap.add_argument("--load-only", action="store_true", help="time the load alone: no templates, no ingest")
    ap.add_argument("--only", type=lambda s: s.split(","), metavar="T1,T2", help="time only these templates")
    ap.add_argument("--json", action="store_true", help="end with one JSON line")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # killed or timed out: still stop the store
    from polgraph.core.settings import model_name

    args.model = model_name(args.model)
    result = run(args)
    print_report(result)
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
