"""The national benchmark: load a synthetic national corpus at 10^5, 10^6 and 10^7 triples into the
embedded store and into Virtuoso, then run the catalogue and the audit on both, each beside the raw
engine's own figure.

The corpus comes from bench_queries.synthetic_corpus (plans -> focus areas -> goals -> activities ->
indicators -> data sources, bodies, provenance records; deterministic from --seed), as N-Quads (one
graph per plan) and as N-Triples (the same triples, one graph).

Rows (each load in a fresh process and a fresh store; wall time, peak resident memory, disk):
- embedded: pyoxigraph's own ``Store.bulk_load`` of the .nt  vs  ``plangraf load X.nt``; and
  ``plangraf load X.nq`` (the store the queries run on);
- Virtuoso 7.2 (Debian, started here on loopback, its own database in a temp dir): its bulk loader
  (``ld_dir`` + ``rdf_loader_run()`` through isql) vs ``plangraf load X.nq --store sparql+http://…``;
- every catalogue query (with a plan: the largest plan; without: all plans, except at --plan-only
  sizes) and the audit of that plan: pyoxigraph's own ``query`` on plangraf's store vs
  ``plangraf.queries.run`` (rdflib terms out), and the same text POSTed straight to Virtuoso
  (JSON, read in full) vs through plangraf's remote store. The embedded store answers from its
  in-memory copy, as ``plangraf serve`` does;
- ``plangraf serve``: seconds from launch to the first answer of /sparql.

Usage: python scripts/bench_scale.py --sizes 100000 1000000 [--repeat 3] [--skip-virtuoso]
       [--plan-only-from 10000000] [--quick-from 10000000] [--jobs-docs 100]
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
warnings.simplefilter("ignore")

import httpx
from bench_queries import synthetic_corpus

PY = sys.executable
PLANGRAF = str(Path(sys.executable).parent / "plangraf")
GRAPH = "https://w3id.org/plangraf/id/graph/synthetic"
# Catalogue texts that make Virtuoso 7.2.5's server process exit (none since the subclass lists
# became VALUES pairs; kept so a text that does again can be skipped without losing the run).
CRASH_VIRTUOSO: set[str] = set()
ONLY: set[str] = set()  # --only: these catalogue queries and no others


def measured(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of a command, by /usr/bin/time."""
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "PEAK %M", *cmd], capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})
    secs = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {proc.stderr[-1500:]}")
    peak = [ln for ln in proc.stderr.splitlines() if ln.startswith("PEAK ")][-1]
    return secs, int(peak.split()[1]) / 1024


def du_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def to_ntriples(nq: Path) -> Path:
    nt = nq.with_suffix(".nt")
    if not nt.exists():
        tmp = nt.with_suffix(".part")
        with nq.open("rb") as src, tmp.open("wb") as out:
            for line in src:
                out.write(line[:line.rstrip().rfind(b" <")] + b" .\n")
        tmp.rename(nt)
    return nt


def median_load(make: callable, repeat: int) -> tuple[float, float, float]:  # type: ignore[valid-type]
    runs = [make() for _ in range(repeat)]
    return (statistics.median(r[0] for r in runs), max(r[1] for r in runs), statistics.median(r[2] for r in runs))


def embedded_loads(nt: Path, nq: Path, work: Path, repeat: int, with_nq: bool = True) -> tuple[list[list[str]], Path]:
    def raw() -> tuple[float, float, float]:
        d = work / "raw"
        shutil.rmtree(d, ignore_errors=True)
        code = ("import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); s.bulk_load(path=sys.argv[2], "
                f"format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode('{GRAPH}')); s.flush()")
        secs, peak = measured([PY, "-c", code, str(d), str(nt)])
        return secs, peak, du_mb(d)

    def plangraf_nt() -> tuple[float, float, float]:
        d = work / "pg-nt"
        shutil.rmtree(d, ignore_errors=True)
        secs, peak = measured([PLANGRAF, "load", str(nt), "--store", f"oxigraph:{d}"])
        return secs, peak, du_mb(d)

    def plangraf_nq() -> tuple[float, float, float]:
        d = work / "pg-nq"
        shutil.rmtree(d, ignore_errors=True)
        secs, peak = measured([PLANGRAF, "load", str(nq), "--store", f"oxigraph:{d}"])
        return secs, peak, du_mb(d)

    r, p = median_load(raw, repeat), median_load(plangraf_nt, repeat)
    shutil.rmtree(work / "raw", ignore_errors=True)
    shutil.rmtree(work / "pg-nt", ignore_errors=True)
    rows = [["embedded: pyoxigraph bulk_load .nt (raw)", *fmt3(r), ""],
            ["embedded: plangraf load .nt", *fmt3(p),
             f"{p[0] / r[0]:.2f}× time, {p[1] / r[1]:.2f}× mem, {p[2] / r[2]:.2f}× disk"]]
    if with_nq:
        rows.append(["embedded: plangraf load .nq (queried below)", *fmt3(median_load(plangraf_nq, 1)), ""])
    return rows, work / "pg-nq"


def fmt3(r: tuple[float, float, float]) -> list[str]:
    return [f"{r[0]:.1f} s", f"{r[1]:,.0f} MB", f"{r[2]:,.0f} MB" if r[2] else "—"]


# -- Virtuoso --------------------------------------------------------------------------------
VIRTUOSO_BUFFERS = 0  # --virtuoso-buffers; 0: the Debian ini's (10,000 pages of 8 KB)


def virtuoso(tmp: Path):  # type: ignore[no-untyped-def]
    """tests.servers' Virtuoso, from a copy of the Debian ini with the buffer pool set (when
    VIRTUOSO_BUFFERS) and no query cost estimate limit. With the ini's 400 s Virtuoso refused
    activities-for-goal and search at 10^7 ("The estimated execution time exceeds the limit"), and
    once activities-for-goal even with 100,000 s (it runs in 1-2 s): the estimate varies from load
    to load. Virtuoso's maintainers say the setting is for debugging and should be commented out
    (openlink/virtuoso-opensource issues 535 and 1395)."""
    from tests import servers
    text = Path("/etc/virtuoso-opensource-7/virtuoso.ini").read_text()
    lines = []
    for line in text.splitlines():
        key = line.split("=")[0].strip()
        if VIRTUOSO_BUFFERS and key == "NumberOfBuffers":
            line = f"NumberOfBuffers = {VIRTUOSO_BUFFERS}"
        elif VIRTUOSO_BUFFERS and key == "MaxDirtyBuffers":
            line = f"MaxDirtyBuffers = {VIRTUOSO_BUFFERS * 3 // 4}"
        elif key == "MaxQueryCostEstimationTime":
            line = f";{line}  (commented out by bench_scale: no limit)"
        lines.append(line)
    ini = tmp / "virtuoso-base.ini"
    ini.write_text("\n".join(lines) + "\n")
    servers.VIRTUOSO_INI = ini
    return servers.virtuoso_server(tmp)


def sql_port(db: Path) -> str:
    for line in (db / "virtuoso" / "virtuoso.ini").read_text().splitlines():
        if line.replace(" ", "").startswith("ServerPort=127.0.0.1:") and "[HTTPServer]" not in line:
            return line.split(":")[-1].strip()
    raise RuntimeError("no SQL port in virtuoso.ini")


def virtuoso_loads(nq: Path, work: Path, raw_only: bool = False) -> tuple[list[list[str]], object]:
    """Raw loader timing on one server (then stopped); plangraf's remote load on a second one,
    which is returned still running (a context manager) with its spec. ``raw_only``: no remote
    load; the raw server gets the ontology and reference graphs from plangraf and is returned."""
    from plangraf.graph.loading import ensure_system_graphs
    from plangraf.graph.store import open_store
    rows = []
    a = work / "virt-raw"
    shutil.rmtree(a, ignore_errors=True)
    a.mkdir()
    server = virtuoso(a)
    spec = server.__enter__()
    db = a / "virtuoso"
    os.link(nq, db / nq.name)
    port = sql_port(a)
    sql = (f"ld_dir('{db}', '{nq.name}', '{GRAPH}'); rdf_loader_run(); checkpoint;")
    secs, _peak = measured(["isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={sql}"])
    rows.append(["Virtuoso: ld_dir + rdf_loader_run (raw)", f"{secs:.1f} s", "(server)", f"{du_mb(db):,.0f} MB", ""])
    if raw_only:
        with open_store(spec) as remote:
            ensure_system_graphs(remote)
        return rows, (server, spec + "&graphs=all")  # ~830 graph names per query break Virtuoso's reply
    server.__exit__(None, None, None)
    shutil.rmtree(a, ignore_errors=True)
    b = work / "virt-pg"
    shutil.rmtree(b, ignore_errors=True)
    b.mkdir()
    server = virtuoso(b)
    spec = server.__enter__()
    secs2, peak2 = measured([PLANGRAF, "load", str(nq), "--store", spec])
    rows.append(["Virtuoso: plangraf load .nq (remote)", f"{secs2:.1f} s", f"{peak2:,.0f} MB (client)",
                 f"{du_mb(b / 'virtuoso'):,.0f} MB", f"{secs2 / secs:.2f}× time"])
    return rows, (server, spec)


# -- queries ---------------------------------------------------------------------------------
def query_cases(store, plan_only: bool) -> list[tuple[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    from plangraf.namespace import PG
    from plangraf.queries import PLAN_PATTERN, list_queries
    largest = str(store.query(f"PREFIX pg: <{PG._NS}> SELECT ?plan (COUNT(*) AS ?size) WHERE {{ "
                              f"{PLAN_PATTERN} GRAPH ?g {{ ?a ?link ?b }} VALUES ?link {{ pg:servesGoal "
                              "pg:hasGoal pg:measuredBy pg:dataSource } } GROUP BY ?plan "
                              "ORDER BY DESC(?size) ?plan LIMIT 1").rows[0][0])
    node = str(store.query(f"PREFIX pg: <{PG._NS}> SELECT ?n WHERE {{ GRAPH ?g {{ ?n a ?t }} VALUES ?t "
                           "{ pg:Goal pg:LongTermGoal pg:ShortTermGoal } } LIMIT 1").rows[0][0])
    out: list[tuple[str, dict[str, str]]] = []
    for q in list_queries():
        if ONLY and q.name not in ONLY:
            continue
        base: dict[str, str] = {}
        if q.name == "search":
            base = {"term": "hälsa"}
        elif q.name == "provenance":
            base = {"node": node, "links": "true"}
        if "plan" in q.params:
            out.append((q.name, {**base, "plan": largest}))
            if not plan_only and not q.one_of:
                out.append((q.name, base))
        elif base or not q.one_of:
            out.append((q.name, base))
    return out


def timed(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, res = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        try:
            res = fn()
        except Exception as exc:  # noqa: BLE001 - a query an engine refuses is a result too
            return float("nan"), f"error: {str(exc)[:80]}"
        times.append(time.perf_counter() - t)
    return statistics.median(times), res


def ms(x: float) -> str:
    return "error" if math.isnan(x) else (f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s")


def query_rows(label: str, store, raw_fn, cases, repeat: int, plan: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    from plangraf.audit import audit
    from plangraf.queries import load, prepare, run
    rows = []
    for name, params in cases:
        what = f"{name} (plan)" if "plan" in params else name
        if label == "Virtuoso" and name in CRASH_VIRTUOSO:
            rows.append([label, what, "—", "—", "—", "not run: the text crashes Virtuoso 7.2.5"])
            continue
        text = prepare(load(name), params, store)
        # alternated (raw, plangraf, raw, plangraf, ...): on a shared machine the ratio of two
        # medians taken side by side is steadier than either time
        raw_runs, pg_runs = [], []
        timed(lambda text=text: raw_fn(text), 1)  # warm-up, not counted: the engine compiles and caches
        for _ in range(repeat):
            raw_runs.append(timed(lambda text=text: raw_fn(text), 1))
            pg_runs.append(timed(lambda name=name, params=params: len(run(store, name, params).rows), 1))
        raw_s, pg_s = (statistics.median(t for t, _ in runs) for runs in (raw_runs, pg_runs))
        pg_res = pg_runs[-1][1]
        raw_errors = [r for _t, r in raw_runs if isinstance(r, str)]
        note = pg_res if isinstance(pg_res, str) else f"{pg_res} rows"
        if raw_errors:
            note += f"; raw: {raw_errors[0]}"
        ratio = "—" if math.isnan(raw_s) or math.isnan(pg_s) else f"{pg_s / raw_s:.2f}"
        rows.append([label, what, ms(raw_s), ms(pg_s), ratio, str(note)])
    for what, shacl in (("audit (one plan)", "auto"), ("audit (one plan, twin queries only)", "off")):
        a_s, a_res = timed(lambda shacl=shacl: len(audit(store, plan=plan, shacl=shacl).findings), repeat)
        rows.append([label, what, "", ms(a_s), "", a_res if isinstance(a_res, str) else f"{a_res} findings"])
    return rows


def load_note() -> str:
    """The machine's load average (1, 5, 15 min) and the time, printed beside every table."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} at {time.strftime('%H:%M:%S UTC', time.gmtime())}"


def embedded_queries(path: Path, repeat: int, plan_only: bool) -> list[list[str]]:
    from plangraf.graph.oxigraph import OxigraphStore
    store = OxigraphStore(path, read_only=True, memory=True)
    print(f"  copied {store.mirror_quads:,} quads into memory in {store.mirror_seconds:.1f} s", flush=True)
    cases = query_cases(store, plan_only)
    plan = next(p["plan"] for _n, p in cases if "plan" in p)

    def raw(text: str) -> int:
        res = store.ox.query(text, use_default_graph_as_union=True)
        return sum(1 for _ in res)  # type: ignore[union-attr]

    rows = query_rows("embedded", store, raw, cases, repeat, plan)
    store.close()
    return rows


def virtuoso_queries(spec: str, repeat: int, plan_only: bool) -> list[list[str]]:
    from plangraf.graph.store import open_store
    store = open_store(spec)
    cases = query_cases(store, plan_only)
    plan = next(p["plan"] for _n, p in cases if "plan" in p)
    graphs = store.graphs() if store.list_graphs else []  # type: ignore[attr-defined]
    http = httpx.Client(timeout=3600, trust_env=False)

    def raw(text: str) -> int:
        # the text plangraf sends, its join-order pragma included (RemoteStore.prologue)
        text = store.prologue(text) + text  # type: ignore[attr-defined]
        data = [("query", text)] + [("default-graph-uri", str(g)) for g in graphs] + \
               [("named-graph-uri", str(g)) for g in graphs]
        r = http.post(store.query_url, content=urlencode(data).encode(),  # type: ignore[attr-defined]
                      headers={"Accept": "application/sparql-results+json",
                               "Content-Type": "application/x-www-form-urlencoded"})
        r.raise_for_status()
        return len(r.json()["results"]["bindings"])

    rows = query_rows("Virtuoso", store, raw, cases, repeat, plan)
    store.close()
    return rows


def serve_start(path: Path) -> str:
    from tests.servers import free_port
    port = free_port()
    t = time.perf_counter()
    proc = subprocess.Popen([PLANGRAF, "serve", "--store", f"oxigraph:{path}", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t < 300:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=60,
                              trust_env=False)
                if r.status_code == 200:
                    return f"{time.perf_counter() - t:.1f} s"
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        return "no answer in 300 s"
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def jobs_bench(n_docs: int, work: Path) -> list[list[str]]:
    from bench_jobs import make_docs  # (scripts/ is on the path when a script runs)
    docs = make_docs(work, n_docs)
    out = {}
    for jobs in (1, 2):
        d = work / f"jobs{jobs}"
        shutil.rmtree(d, ignore_errors=True)
        out[jobs] = measured([PLANGRAF, "load", str(docs), "-j", str(jobs), "--store", f"oxigraph:{d}"])
        shutil.rmtree(d, ignore_errors=True)
    return [[f"plangraf load {n_docs} documents --jobs 1", f"{out[1][0]:.1f} s", f"{out[1][1]:,.0f} MB", "", ""],
            [f"plangraf load {n_docs} documents --jobs 2", f"{out[2][0]:.1f} s", f"{out[2][1]:,.0f} MB", "",
             f"{out[1][0] / out[2][0]:.2f}× faster than --jobs 1"]]


def table(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head)] +
                     ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (median)")
    ap.add_argument("--load-repeat", type=int, default=3, help="runs per load below 10^7 (median)")
    ap.add_argument("--plan-only-from", type=int, default=10_000_000,
                    help="from this size on, run only the plan-parameter variants (the 10^7 targets)")
    ap.add_argument("--quick-from", type=int, default=10**12,
                    help="from this size on: embedded .nt loads only (no .nq load, serve or embedded "
                         "queries), and Virtuoso loaded by its own loader only, then queried")
    ap.add_argument("--virtuoso-buffers", type=int, default=0,
                    help="Virtuoso's NumberOfBuffers (8 KB pages; the Debian ini has 10,000 = 80 MB, "
                         "its comment suggests 340,000 for 4 GB of RAM); 0: leave the ini's")
    ap.add_argument("--only", nargs="+", default=[], metavar="QUERY", help="run only these catalogue queries")
    ap.add_argument("--skip-virtuoso", action="store_true")
    ap.add_argument("--skip-embedded", action="store_true")
    ap.add_argument("--jobs-docs", type=int, default=0, help="also time --jobs 1 vs 2 on this many documents")
    ap.add_argument("--work", type=Path, default=None, help="scratch directory (default: a temp dir)")
    args = ap.parse_args()
    global VIRTUOSO_BUFFERS
    VIRTUOSO_BUFFERS = args.virtuoso_buffers
    ONLY.update(args.only)
    work = args.work or Path(tempfile.mkdtemp(prefix="plangraf-scale-"))
    if args.jobs_docs:
        print(table(["documents", "time", "peak memory", "", "ratio"], jobs_bench(args.jobs_docs, work)), flush=True)
    for n in args.sizes:
        t = time.perf_counter()
        nq = synthetic_corpus(n, args.seed)
        nt = to_ntriples(nq)
        print(f"\n## {n:,} triples ({nq.name}, generated/cached in {time.perf_counter() - t:.0f} s)", flush=True)
        w = work / str(n)
        w.mkdir(parents=True, exist_ok=True)
        repeat = args.load_repeat if n < 10_000_000 else 1
        plan_only = n >= args.plan_only_from
        quick = n >= args.quick_from
        if not args.skip_embedded:
            load_rows, store_path = embedded_loads(nt, nq, w, repeat, with_nq=not quick)
            print(table(["load", "time", "peak memory", "disk", "plangraf / raw"], load_rows), flush=True)
        if not quick and not args.skip_embedded:
            print(f"\nplangraf serve: first /sparql answer {serve_start(store_path)} after launch", flush=True)
            print(load_note(), flush=True)
            q_rows = embedded_queries(store_path, args.repeat, plan_only)
            print(table(["store", "query", "raw engine", "through plangraf", "ratio", "answer"], q_rows), flush=True)
            print(load_note(), flush=True)
        if not args.skip_virtuoso:
            v_rows, (server, spec) = virtuoso_loads(nq, w, raw_only=quick)
            print(table(["load", "time", "peak memory", "disk", "plangraf / raw"], v_rows), flush=True)
            print(load_note(), flush=True)
            try:
                q_rows = virtuoso_queries(spec, args.repeat, plan_only)
            finally:
                server.__exit__(None, None, None)
            print(table(["store", "query", "raw engine", "through plangraf", "ratio", "answer"], q_rows), flush=True)
            print(load_note(), flush=True)
        shutil.rmtree(w, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
