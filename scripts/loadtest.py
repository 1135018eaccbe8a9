"""Bounded load test of `plangraf serve` on loopback: N clients for S seconds, then the numbers.

Loads the bundled samples into a fresh Oxigraph store in a temporary directory, starts
``plangraf serve`` on a free 127.0.0.1 port (default settings: read-only, in-memory copy, query
workers), and runs ``--clients`` client processes for ``--seconds`` seconds. Each client keeps
one keep-alive connection (Python's http.client, so a client costs little CPU next to the server)
and cycles through the requests: every catalogue query that takes a ``plan`` parameter, for every
plan of the samples (``/queries/NAME?plan=ID``), plus a ``/sparql`` SELECT with LIMIT 50. A request
that answers anything but 200 or takes longer than the client timeout counts as an error.

Prints requests, errors, requests/s and p50/p95/p99 latency overall and per query, and checks the
issue's target: 0 errors and p99 < 500 ms for the catalogue queries with a plan parameter.

Usage: python scripts/loadtest.py [--clients 10] [--seconds 60] [--store oxigraph:DIR]
       (make loadtest). Only loopback addresses are used; the server is stopped by PID.
"""
from __future__ import annotations

import argparse
import http.client
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.servers import free_port, stop, wait_http

HOST = "127.0.0.1"
LIMIT50 = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
           "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 50")

Request = tuple[str, str, str, bytes | None, dict[str, str]]  # label, method, path, body, headers


def sparql_get(query: str, accept: str = "application/sparql-results+json") -> tuple[str, bytes | None, dict[str, str]]:
    return "/sparql?" + urlencode({"query": query}), None, {"Accept": accept}


def _client(port: int, requests: list[Request], seconds: float, start_at: float, timeout: float,
            offset: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    samples: list[str] = []
    while time.time() < start_at:
        time.sleep(0.001)
    end = start_at + seconds
    i = offset
    while time.time() < end:
        label, method, path, body, headers = requests[i % len(requests)]
        i += 1
        t = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200
        except (OSError, http.client.HTTPException) as exc:
            ok, data = False, repr(exc).encode()
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        took = time.perf_counter() - t
        if ok:
            lat[label].append(took)
        else:
            errors[label] += 1
            if len(samples) < 3:
                samples.append(f"{label}: {data[:200]!r}")
    conn.close()
    out.put((dict(lat), dict(errors), samples))


def hammer(port: int, requests: list[Request], clients: int, seconds: float,
           timeout: float = 30.0) -> tuple[dict[str, list[float]], dict[str, int], list[str], float]:
    """Run ``clients`` processes against 127.0.0.1:``port`` for ``seconds``; return latencies per
    label, errors per label, a few error samples and the wall time."""
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    start_at = time.time() + 1.0 + 0.1 * clients  # all clients start together
    procs = [ctx.Process(target=_client, args=(port, requests, seconds, start_at, timeout,
                                               k * max(1, len(requests) // clients), out))
             for k in range(clients)]
    for p in procs:
        p.start()
    lat: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    samples: list[str] = []
    for _ in procs:
        got_lat, got_err, got_samples = out.get(timeout=seconds + timeout + 60)
        for k, v in got_lat.items():
            lat[k] += v
        for k, n in got_err.items():
            errors[k] += n
        samples += got_samples
    for p in procs:
        p.join()
    return dict(lat), dict(errors), samples, seconds


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(lat: dict[str, list[float]], errors: dict[str, int], seconds: float, title: str) -> tuple[int, float]:
    """Print one line per label and a total; return (errors, p99 in ms over all labels)."""
    print(f"\n{title}")
    print(f"  {'request':44} {'ok':>7} {'err':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    everything: list[float] = []
    for label in sorted(set(lat) | set(errors)):
        v = lat.get(label, [])
        everything += v
        print(f"  {label:44} {len(v):7d} {errors.get(label, 0):5d} {len(v) / seconds:8.1f} "
              f"{pct(v, 50) * 1e3:8.1f} {pct(v, 95) * 1e3:8.1f} {pct(v, 99) * 1e3:8.1f}")
    n_err = sum(errors.values())
    p99 = pct(everything, 99) * 1e3
    print(f"  {'ALL':44} {len(everything):7d} {n_err:5d} {len(everything) / seconds:8.1f} "
          f"{pct(everything, 50) * 1e3:8.1f} {pct(everything, 95) * 1e3:8.1f} {p99:8.1f}")
    return n_err, p99


@contextmanager
def plangraf_server(spec: str, *extra: str, env: dict[str, str] | None = None) -> Iterator[int]:
    """``plangraf serve`` on a free loopback port (``env``: extra environment variables)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "plangraf.cli", "serve", "--store", spec, "--host", HOST,
                             "--port", str(port), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=ROOT, env={**os.environ, **(env or {})})
    try:
        wait_http(f"http://{HOST}:{port}/queries", proc, 300)
        yield port
    finally:
        stop(proc)


def load_samples(tmp: Path) -> tuple[str, list[str]]:
    """A store in ``tmp`` with the bundled samples; returns its spec and the plan ids."""
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
        plans = sorted({p["g"].rsplit("/", 1)[1] for p in catalogue.plans(store)})
    finally:
        store.close()
    return f"oxigraph:{path}", plans


def catalogue_requests(plans: list[str]) -> list[Request]:
    from plangraf import queries as catalogue
    out: list[Request] = []
    for q in catalogue.list_queries():
        if "plan" not in q.params:
            continue
        for plan in plans:
            out.append((f"/queries/{q.name}?plan=", "GET", f"/queries/{q.name}?" + urlencode({"plan": plan}),
                        None, {"Accept": "application/sparql-results+json"}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--store", help="an existing store SPEC (default: the samples in a temporary store)")
    ap.add_argument("--timeout", type=float, default=30.0, help="client timeout per request (s)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="plangraf-load-") as tmp:
        if a.store:
            from plangraf import queries as catalogue
            from plangraf.graph.store import open_store
            with open_store(a.store, read_only=True) as s:
                plans = sorted({p["g"].rsplit("/", 1)[1] for p in catalogue.plans(s)})
            spec = a.store
        else:
            spec, plans = load_samples(Path(tmp))
        requests = catalogue_requests(plans)
        path, body, headers = sparql_get(LIMIT50)
        requests.append(("/sparql LIMIT 50", "GET", path, body, headers))
        print(f"store {spec}: {len(plans)} plans; {len(requests)} distinct requests; "
              f"{a.clients} clients for {a.seconds:g} s on loopback")
        with plangraf_server(spec) as port:
            lat, errors, samples, seconds = hammer(port, requests, a.clients, a.seconds, a.timeout)
    n_err, _ = report(lat, errors, seconds, f"{a.clients} clients, {a.seconds:g} s")
    for s in samples:
        print("  error:", s)
    cat = [v for k, vs in lat.items() if k.startswith("/queries/") for v in vs]
    cat_err = sum(n for k, n in errors.items() if k.startswith("/queries/"))
    p99 = pct(cat, 99) * 1e3
    verdict = "met" if cat_err == 0 and p99 < 500 else "NOT met"
    print(f"\ncatalogue queries with a plan parameter: {len(cat)} requests, {cat_err} errors, p99 {p99:.0f} ms "
          f"(target: 0 errors, p99 < 500 ms): {verdict}")
    sys.exit(0 if n_err == 0 else 1)


if __name__ == "__main__":
    main()
