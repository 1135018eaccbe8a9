"""Benchmark the web app on loopback against rdflib-endpoint, and time the network view in Chromium.

1. Loads the bundled sample corpus into a fresh Oxigraph store (as ``plangraf serve --load-samples``
   does), dumps it as N-Quads, and starts on free 127.0.0.1 ports: ``plangraf serve`` on the store
   and ``rdflib-endpoint serve`` on the dump (same triples, default graph = union, like plangraf).
2. Sends one catalogue query, sequentially over one keep-alive connection, to plangraf's
   ``/queries/NAME`` and ``/sparql`` and to rdflib-endpoint's ``/`` with the very same SPARQL text
   (the catalogue query with its parameters bound); each loop stops after ``--requests`` requests
   or ``--seconds`` seconds, whichever comes first, and a request longer than the cap is abandoned
   (then the rate is reported as an upper bound). Prints requests/s, rows, and the ratio
   (target: plangraf at least 10x rdflib-endpoint).
3. Opens ``/view`` in headless Debian Chromium (Playwright) and times navigation until the page
   sets ``document.body.dataset.drawn = '1'``: cold (the server computes the layout) and warm
   (target: under 2 s).

The default query, indicators-by-data-source (indicator -> data source join, ~780 rows on the
corpus), is one rdflib can answer at all within the cap (activities-for-goal takes rdflib ~11 s on
the samples, plangraf's in-memory store ~60 ms: scripts/bench_queries.py).

Usage: python scripts/bench_http.py [--query indicators-by-data-source] [-p plan=003] [--requests 200]
                                    [--seconds 20] [--skip-rdflib] [--skip-view]
Only loopback addresses are used; both servers are stopped by PID at the end.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.servers import free_port, stop, wait_http

CHROMIUM = os.environ.get("PLANGRAF_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
HOST = "127.0.0.1"
JSON = "application/sparql-results+json"


@contextmanager
def server(cmd: list[str], url: str, seconds: float = 300.0) -> Iterator[subprocess.Popen]:
    """Start a server process, wait until ``url`` answers, stop it (by its PID) afterwards."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        wait_http(url, proc, seconds)
        yield proc
    finally:
        stop(proc)


def prepare_corpus(tmp: Path, name: str, params: dict[str, str]) -> tuple[str, Path, str, int]:
    """Load the samples into an Oxigraph store in ``tmp``; return (store spec, N-Quads dump,
    the bound query text, triples)."""
    from plangraf import queries as catalogue
    from plangraf.cli import samples_dir
    from plangraf.graph.loading import ensure_system_graphs, expand_inputs, load_one
    from plangraf.graph.oxigraph import OxigraphStore
    path = tmp / "store"
    store = OxigraphStore(path)
    try:
        ensure_system_graphs(store)
        for f in expand_inputs([samples_dir()]):
            load_one(store, f)
        dump = tmp / "corpus.nq"
        dump.write_bytes(store.dump("nquads"))
        text = catalogue.prepare(catalogue.load(name), params, store)
        triples = store.count()
    finally:
        store.close()
    return f"oxigraph:{path}", dump, text, triples


def rate(label: str, send: Callable[[float], httpx.Response], requests: int,
         seconds: float) -> tuple[float, int, bool]:
    """Sequential requests until ``requests`` are done or ``seconds`` have passed.
    Returns (requests per second, rows of the last answer, whether no request finished, in which
    case the rate is an upper bound: one request takes longer than the cap)."""
    rows, n, capped = -1, 0, False
    start = last = time.perf_counter()
    while n < requests and time.perf_counter() - start < seconds:
        left = max(seconds - (time.perf_counter() - start), 0.5)
        try:
            r = send(left)
        except httpx.TimeoutException:  # the abandoned request does not count, nor its time
            capped = n == 0
            break
        if r.status_code != 200:
            print(f"  {label}: HTTP {r.status_code}: {r.text[:200]}")
            capped = n == 0
            break
        rows = len(r.json()["results"]["bindings"])
        n += 1
        last = time.perf_counter()
    elapsed = (last if n else time.perf_counter()) - start
    rps = n / elapsed if n else 1.0 / elapsed
    bound = "<" if capped else ""
    print(f"  {label:34} {bound}{rps:9.2f} req/s   {n:4d} requests in {elapsed:6.2f} s   rows {rows}")
    return rps, rows, capped


def bench_queries(a: argparse.Namespace, spec: str, dump: Path, text: str) -> None:
    params = dict(p.split("=", 1) for p in a.param)
    with ExitStack() as stack:
        port = free_port()
        base = f"http://{HOST}:{port}"
        stack.enter_context(server([sys.executable, "-m", "plangraf.cli", "serve", "--store", spec,
                                    "--host", HOST, "--port", str(port)], base + "/queries"))
        client = stack.enter_context(httpx.Client(trust_env=False, headers={"Accept": JSON}))
        print(f"\nquery {a.query} {params or ''} — sequential, one keep-alive connection, "
              f"at most {a.requests} requests or {a.seconds:g} s each")
        # one untimed request each to warm caches and imports
        try:
            warm = client.get(f"{base}/queries/{a.query}", params=params, timeout=a.seconds * 3)
            if warm.status_code != 200:
                print(f"  plangraf answered {warm.status_code}: {warm.text[:300]}")
                return
        except httpx.TimeoutException:
            print(f"  plangraf took longer than {a.seconds * 3:g} s for one request; nothing to measure")
            return
        pg_named, rows_named, _ = rate("plangraf /queries/NAME", lambda t: client.get(
            f"{base}/queries/{a.query}", params=params, timeout=t), a.requests, a.seconds)
        pg_sparql, rows_sparql, _ = rate("plangraf /sparql (same text)", lambda t: client.post(
            f"{base}/sparql", data={"query": text}, timeout=t), a.requests, a.seconds)
        if a.skip_rdflib:
            return
        rport = free_port()
        rbase = f"http://{HOST}:{rport}"
        t0 = time.perf_counter()
        stack.enter_context(server([str(Path(sys.executable).parent / "rdflib-endpoint"), "serve", str(dump),
                                    "--host", HOST, "--port", str(rport)],
                                   rbase + "/?query=ASK%7B%7D", seconds=600))
        print(f"  (rdflib-endpoint loaded the dump in {time.perf_counter() - t0:.1f} s)")
        rd, rows_rd, capped = rate("rdflib-endpoint / (same text)", lambda t: client.post(
            f"{rbase}/", data={"query": text}, timeout=t), a.requests, a.seconds)
        same = "n/a" if rows_rd == -1 else "same" if rows_rd == rows_named else "DIFFERENT"
        print(f"  rows: plangraf {rows_named} / {rows_sparql}, rdflib-endpoint {rows_rd}: {same}")
        more = ">" if capped else ""
        print(f"  ratio /queries/NAME : rdflib-endpoint = {more}{pg_named / rd:.1f}x   "
              f"/sparql : rdflib-endpoint = {more}{pg_sparql / rd:.1f}x   (target >= 10x)")


def bench_engine(a: argparse.Namespace, spec: str) -> None:
    """plangraf's /sparql against an Oxigraph server on a copy of the same store, same LIMIT 50
    query: sequential (1 client) and ``--clients`` concurrent clients, ``--engine-seconds`` each;
    plangraf with its answer cache off (every request runs the query) and on. The three servers
    run side by side and are measured in turn, ``--engine-rounds`` times (on a shared machine the
    load changes from minute to minute: each round's ratio compares runs seconds apart); the
    table gives medians over the rounds. ``--engine-query``: another query instead of LIMIT 50
    (e.g. a join, which plangraf runs in a worker process rather than in the server)."""
    import shutil
    import statistics
    from contextlib import ExitStack

    from loadtest import LIMIT50, hammer, pct, plangraf_server

    from tests.servers import oxigraph_binary
    query = a.engine_query or LIMIT50
    store_dir = Path(spec.removeprefix("oxigraph:"))
    ox_dir = store_dir.parent / "oxigraph-copy"
    shutil.copytree(store_dir, ox_dir)
    cached_dir = store_dir.parent / "store-cache-on"  # a server holds its store's lock: one copy each
    shutil.copytree(store_dir, cached_dir)
    q = "?" + httpx.QueryParams({"query": query}).__str__()
    accept = {"Accept": JSON}
    runs: dict[tuple[str, int], list[tuple[float, float, float]]] = {}
    load: list[float] = []

    def measure(label: str, port: int, path: str, clients: int, r: int) -> None:
        req = [("q", "GET", path + q, None, accept)]
        hammer(port, req, clients, 1.0)  # warm-up
        lat, errors, samples, secs = hammer(port, req, clients, a.engine_seconds)
        v = lat.get("q", [])
        rps = len(v) / secs
        runs.setdefault((label, clients), []).append((rps, pct(v, 50) * 1e3, pct(v, 99) * 1e3))
        load.append(os.getloadavg()[0])
        err = sum(errors.values())
        print(f"  round {r + 1} {label:30} {clients:2d} client(s) {rps:9.1f} req/s  p50 {pct(v, 50) * 1e3:6.2f} ms  "
              f"p99 {pct(v, 99) * 1e3:6.2f} ms  errors {err}  load {load[-1]:.1f}"
              f"{'  ' + samples[0] if samples else ''}", flush=True)

    shown = query[query.index("SELECT"):] if "SELECT" in query else query
    print(f"\n/sparql vs Oxigraph server, {shown!r}, loopback, {a.engine_seconds:g} s per run, "
          f"{a.engine_rounds} round(s), http.client clients in their own processes")
    port = free_port()
    with ExitStack() as stack:
        stack.enter_context(server([oxigraph_binary(), "serve-read-only", "--location", str(ox_dir), "--bind",
                                    f"{HOST}:{port}", "--union-default-graph"],
                                   f"http://{HOST}:{port}/query?query=ASK%7B%7D"))
        servers = [("oxigraph server /query", port, "/query"),
                   ("plangraf /sparql (no cache)",
                    stack.enter_context(plangraf_server(spec, env={"PLANGRAF_CACHE_BYTES": "0"})), "/sparql"),
                   ("plangraf /sparql (cache on)", stack.enter_context(plangraf_server(f"oxigraph:{cached_dir}")),
                    "/sparql")]
        for r in range(a.engine_rounds):
            for clients in (1, a.clients):
                for label, p, path in servers:
                    measure(label, p, path, clients, r)
    print(f"\nmedians over {a.engine_rounds} round(s); load average during the runs "
          f"{min(load):.1f}-{max(load):.1f}")
    print("| server | clients | req/s | p50 | p99 | ratio to Oxigraph server (median of rounds) |")
    print("|---|---|---|---|---|---|")
    for (label, clients), v in runs.items():
        ox = runs[("oxigraph server /query", clients)]
        ratios = [mine[0] / theirs[0] for mine, theirs in zip(v, ox, strict=True)]
        target = ("target >= 0.7x" if clients == 1 else "target >= 0.3x and p99 < 10 ms")
        ratio = "" if label.startswith("oxigraph") else f"{statistics.median(ratios):.2f}x ({target})"
        print(f"| {label} | {clients} | {statistics.median(x[0] for x in v):,.0f} | "
              f"{statistics.median(x[1] for x in v):.2f} ms | {statistics.median(x[2] for x in v):.2f} ms | {ratio} |")


def bench_view(spec: str, rounds: int) -> None:
    from playwright.sync_api import sync_playwright
    port = free_port()
    base = f"http://{HOST}:{port}"
    with server([sys.executable, "-m", "plangraf.cli", "serve", "--store", spec, "--host", HOST,
                 "--port", str(port)], base + "/queries"), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            print("\n/view of the whole corpus in headless Chromium, navigation -> dataset.drawn (target < 2 s)")
            for i in range(rounds):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                page = ctx.new_page()
                t = time.perf_counter()
                page.goto(base + "/view")
                page.wait_for_function("document.body.dataset.drawn === '1'", timeout=60000, polling=10)
                took = time.perf_counter() - t
                nodes = page.evaluate("document.body.dataset.nodes")
                edges = page.evaluate("window.plangrafView ? window.plangrafView.data.edges.length : -1")
                kind = "cold (server computes the layout)" if i == 0 else "warm"
                print(f"  {kind:36} {took:6.3f} s   {nodes} nodes, {edges} edges")
                ctx.close()
        finally:
            browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--query", default="indicators-by-data-source", help="catalogue query name")
    ap.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--requests", type=int, default=200, help="requests per server at most")
    ap.add_argument("--seconds", type=float, default=30.0, help="time cap per server")
    ap.add_argument("--view-rounds", type=int, default=3)
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--skip-view", action="store_true")
    ap.add_argument("--engine", action="store_true",
                    help="only compare /sparql with an Oxigraph server on a LIMIT 50 query")
    ap.add_argument("--clients", type=int, default=4, help="concurrent clients for --engine")
    ap.add_argument("--engine-seconds", type=float, default=10.0, help="seconds per --engine run")
    ap.add_argument("--engine-rounds", type=int, default=1, help="--engine: measure the servers in turn this often")
    ap.add_argument("--engine-query", default=None, help="--engine: this query instead of the LIMIT 50 one")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="plangraf-bench-") as tmp:
        t = time.perf_counter()
        spec, dump, text, triples = prepare_corpus(Path(tmp), a.query, dict(p.split("=", 1) for p in a.param))
        print(f"sample corpus: {triples} triples loaded and dumped in {time.perf_counter() - t:.1f} s")
        if a.engine:
            bench_engine(a, spec)
            return
        bench_queries(a, spec, dump, text)
        if not a.skip_view:
            bench_view(spec, a.view_rounds)


if __name__ == "__main__":
    main()
