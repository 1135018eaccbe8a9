"""Benchmark the query catalogue and the audit: embedded Oxigraph on disk, the same store mirrored
in memory (what ``plangraf serve`` answers from), and rdflib's in-memory store.

Two corpora:
1. the bundled sample corpus, as ``plangraf.loaders.pipeline.extract_file`` reads it today;
2. a synthetic corpus of ~1,000,000 triples shaped like the real one, generated here with the
   loaders' own GraphBuilder (so nodes, reified links and provenance records look exactly like
   extracted ones): plans with focus areas (most linked to the national ones), målbilder,
   long-term goals with short-term sub-goals, activities with steps, indicators, reference and
   local data sources, responsible bodies (reference regions and municipalities, local units),
   target groups and budgets, with gaps at realistic rates. It is cached as N-Quads in
   ``$PLANGRAF_BENCH_CACHE`` (default ``/tmp/plangraf-bench``) and reused.

Each corpus is loaded once into an Oxigraph store on disk; then the mirror is opened from the same
directory (``OxigraphStore(path, memory=True)``, timed: the start-up cost of ``plangraf serve``).
Every catalogue query runs with its parameters left out ("all plans"; search with a term,
provenance with one node) and the chain queries once more for the largest plan (goal-chain, which needs a plan or
focus area, only so); then the full audit. Each
figure is the median of ``--repeat`` warm runs, on disk and on the mirror. rdflib runs each query
in a forked child that is killed after ``--timeout`` seconds (shown as ">T"); ratio = rdflib /
memory. Targets are judged on the memory column (the web server, the main way analysts query):
each query < 100 ms on the sample corpus and < 1 s at 10^6 triples; the audit < 5 s at 10^6. The
disk column (short CLI commands) is printed for comparison, not judged.

Usage: python scripts/bench_queries.py [--triples 1000000] [--repeat 3] [--timeout 30]
                                       [--skip-rdflib] [--skip-samples] [--skip-synthetic] [--only NAME ...]
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.simplefilter("ignore")

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.namespace import ID_BASE, ONTOLOGY_GRAPH, PG, REFERENCE_GRAPH, graph_iri

GENERATOR_VERSION = 3
WORDS = ["psykisk", "hälsa", "barn", "unga", "äldre", "suicid", "prevention", "tidiga", "insatser", "samverkan", "kompetens", "skola", "socialtjänst", "primärvård", "psykiatri", "missbruk", "beroende", "föräldrastöd", "elevhälsa", "digitala", "vårdmöten", "tillgänglighet", "delaktighet", "brukare", "anhöriga", "nyanlända", "arbetsmarknad", "boende", "kunskap", "uppföljning", "samordnad", "individuell", "plan", "ensamhet", "fysisk", "aktivitet", "trygghet", "väntetid", "kvalitet", "ledning", "styrning", "utbildning", "personal", "kommun", "region", "vårdcentral", "mobila", "team", "krisstöd", "våld", "relationer"]
GOAL_VERBS = ("Ökad", "Minskad", "Förbättrad", "Stärkt", "Tidigare", "Jämlik", "Fler", "Färre")
ACT_VERBS = ("Genomföra", "Utveckla", "Införa", "Utbilda", "Kartlägga", "Samordna", "Erbjuda", "Följa upp")
IND_HEADS = ("Andel", "Antal", "Väntetid för", "Andel nöjda med", "Antal deltagare i")
REF_SOURCES = ("kolada", "oppna-jamforelser", "hlv", "liv-och-halsa-ung", "nationell-patientenkat",
               "patientregistret", "dodsorsaksregistret", "lupp", "scb-statistikdatabas", "elsa")
LOCAL_SOURCES = ("Egen enkät", "Verksamhetsstatistik", "Journalsystemet", "Registrerade ärenden", "Webbstatistik")
LOCAL_BODIES = ("Socialtjänsten", "Elevhälsan", "Vårdcentralen", "Psykiatrin", "Samordnaren för SIP",
                "Folkhälsoenheten", "Barn- och utbildningsförvaltningen", "Styrgruppen")
TARGET_GROUPS = ("Barn och unga", "Äldre", "Personal", "Anhöriga", "Nyanlända", "Personer med missbruk")


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def synthetic_plan(i: int, rng: random.Random) -> tuple[str, GraphBuilder]:
    """One plan's document graph, built as the extractors build theirs."""
    doc_id = f"syn{i:05d}_{rng.getrandbits(32):08x}"
    b = GraphBuilder(doc_id, f"{doc_id}.txt", extractor="synthetic")
    line = [1]

    def span(n: int = 1) -> Span:
        start = line[0]
        line[0] += n + rng.randint(0, 3)
        return Span(start, start + n - 1, page=start // 50 + 1)

    region = URIRef(f"{ID_BASE}region/{rng.choice(['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'])}")
    plan = b.node(PG.Plan, f"Handlingsplan {i} för psykisk hälsa {2016 + i % 9}–{2019 + i % 9}", span(), confidence=0.5)
    b.plan = plan
    b.link(plan, PG.sourceDocument, b.doc)
    b.set(plan, DCTERMS.publisher, region)
    b.set(plan, DCTERMS.temporal, Literal(f"{2016 + i % 9}–{2019 + i % 9}"))
    b.node(PG.ResponsibleBody, "Region", span(), iri=region)
    malbilder = [b.node(PG.Malbild, f"Målbild {k}: {words(rng, 6)}", span(2)) for k in range(rng.randint(1, 3))]
    for m in malbilder:
        b.link(plan, PG.hasMalbild, m, span())
    local_bodies = [b.node(PG.ResponsibleBody, name, span()) for name in rng.sample(LOCAL_BODIES, 4)]
    groups = [b.node(PG.TargetGroup, name, span()) for name in rng.sample(TARGET_GROUPS, 3)]
    local_sources = [b.node(PG.DataSource, name, span()) for name in rng.sample(LOCAL_SOURCES, 2)]
    ref_sources = [b.node(PG.DataSource, s.replace("-", " ").capitalize(), span(),
                          iri=URIRef(f"{ID_BASE}datasource/{s}")) for s in rng.sample(REF_SOURCES, 4)]
    n_ind = [0]

    def indicator(target: URIRef) -> None:
        n_ind[0] += 1
        ind = b.node(PG.Indicator, f"{rng.choice(IND_HEADS)} {words(rng, 4)} ({n_ind[0]})", span())
        b.link(target, PG.measuredBy, ind, span())
        r = rng.random()
        if r < 0.7:
            b.link(ind, PG.dataSource, rng.choice(ref_sources), span())
        elif r < 0.85:
            b.link(ind, PG.dataSource, rng.choice(local_sources), span())

    for a in range(rng.randint(6, 10)):
        area = b.node(PG.FocusArea, f"{a + 1}. {words(rng, 3).capitalize()}", span())
        b.link(plan, PG.hasFocusArea, area, span())
        if rng.random() < 0.7:
            b.link(area, SKOS.exactMatch, URIRef(f"{ID_BASE}focus-area/{rng.randint(1, 5)}"), span())
        if rng.random() < 0.3:
            b.link(rng.choice(local_bodies), PG.responsibleFor, area, span())
        for gi in range(rng.randint(2, 4)):
            lt = b.node(PG.LongTermGoal, f"{rng.choice(GOAL_VERBS)} {words(rng, 5)} ({a}.{gi})", span(2))
            b.link(area, PG.hasGoal, lt, span())
            if malbilder and rng.random() < 0.5:
                b.link(lt, PG.contributesTo, rng.choice(malbilder), span())
            if rng.random() < 0.4:
                indicator(lt)
            for si in range(rng.randint(1, 3)):
                st = b.node(PG.ShortTermGoal, f"{rng.choice(GOAL_VERBS)} {words(rng, 5)} ({a}.{gi}.{si})", span(2))
                b.link(st, PG.partOf, lt, span())
                if rng.random() < 0.5:
                    indicator(st)
                for ai in range(rng.randint(1, 3)):
                    act = b.node(PG.Activity, f"{rng.choice(ACT_VERBS)} {words(rng, 5)} ({a}.{gi}.{si}.{ai})", span(2))
                    if rng.random() < 0.88:
                        b.link(act, PG.servesGoal, st, span())
                    else:
                        b.link(act, PG.hasFocusArea, area, span())
                    if rng.random() < 0.3:
                        indicator(act)
                    if rng.random() < 0.6:
                        body = rng.choice(local_bodies + [region])
                        b.link(body, PG.responsibleFor, act, span())
                    if rng.random() < 0.3:
                        b.link(act, PG.targetGroup, rng.choice(groups), span())
                    if rng.random() < 0.1:
                        bud = b.node(PG.Budget, f"{rng.randint(1, 90) * 50} 000 kr ({a}.{gi}.{si}.{ai})", span())
                        b.set(bud, PG.amount, Literal(rng.randint(1, 90) * 50000))
                        b.link(act, PG.budget, bud, span())
                    for k in range(rng.choice((0, 0, 1, 2))):
                        step = b.node(PG.Activity, f"Steg {k + 1}: {words(rng, 4)} ({a}.{gi}.{si}.{ai})", span())
                        b.link(step, PG.partOf, act, span())
    return doc_id, b


def synthetic_corpus(triples: int, seed: int = 1) -> Path:
    """N-Quads of plans until ``triples`` is reached (cached; plus nothing else: the caller adds
    the ontology and reference graphs)."""
    cache = Path(os.environ.get("PLANGRAF_BENCH_CACHE", "/tmp/plangraf-bench"))
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"synthetic-{triples}-s{seed}-v{GENERATOR_VERSION}.nq"
    if path.exists():
        return path
    rng = random.Random(seed)
    total, i = 0, 0
    tmp = path.with_suffix(".part")
    with tmp.open("w", encoding="utf-8") as out:
        while total < triples:
            doc_id, b = synthetic_plan(i, rng)
            g = f"<{graph_iri(doc_id)}>"
            lines = [ln for ln in b.ntriples().decode("utf-8").splitlines() if ln.strip()]
            out.writelines(f"{ln.rstrip()[:-1].rstrip()} {g} .\n" for ln in lines)
            total += len(lines)
            i += 1
    tmp.rename(path)
    print(f"generated {total:,} triples in {i} plans -> {path}", flush=True)
    return path


# -- stores ---------------------------------------------------------------------------------
def add_system_graphs(store) -> None:  # type: ignore[no-untyped-def]
    from plangraf.ontology import ontology_graph, reference_graph
    store.replace_graph(ONTOLOGY_GRAPH, ontology_graph())
    store.replace_graph(REFERENCE_GRAPH, reference_graph())


def load_samples(store) -> None:  # type: ignore[no-untyped-def]
    from plangraf.loaders.pipeline import extract_file
    for p in sorted((ROOT / "plangraf" / "samples").glob("*.txt")):
        ex = extract_file(p)
        store.replace_graph(graph_iri(ex.doc.doc_id), ex.ntriples())
    add_system_graphs(store)


def load_nquads(store, path: Path) -> None:  # type: ignore[no-untyped-def]
    from plangraf.graph.memory import MemoryStore
    if isinstance(store, MemoryStore):
        store.ds.parse(str(path), format="nquads")
    else:
        import pyoxigraph as ox
        store.bulk_load(path, format=ox.RdfFormat.N_QUADS)
    add_system_graphs(store)


def open_both(path: Path):  # type: ignore[no-untyped-def]
    """The disk store at ``path`` and its in-memory mirror (opened read-only beside it: the copy
    is the one ``plangraf serve`` makes at start-up, and it is timed)."""
    from plangraf.graph.oxigraph import OxigraphStore
    disk = OxigraphStore(path)
    t = time.perf_counter()
    mirror = OxigraphStore(path, read_only=True, memory=True)
    print(f"mirror: copied {mirror.mirror_quads:,} quads into memory in {time.perf_counter() - t:.1f} s",
          flush=True)
    return disk, mirror


# -- cases ----------------------------------------------------------------------------------
def cases(store, only: list[str] | None) -> list[tuple[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """Each catalogue query with parameters left out ("all plans"), plus runs on the largest plan
    of the chain queries (most chain links: pg:servesGoal, pg:hasGoal, pg:measuredBy,
    pg:dataSource; on the samples the plan with the longest goal-chain); goal-chain, which needs
    a plan or focus area, only so."""
    from plangraf.queries import PLAN_PATTERN, list_queries
    largest = store.query(f"PREFIX pg: <{PG._NS}> SELECT ?plan (COUNT(*) AS ?size) WHERE {{ "
                          f"{PLAN_PATTERN} GRAPH ?g {{ ?a ?link ?b }} VALUES ?link {{ pg:servesGoal "
                          "pg:hasGoal pg:measuredBy pg:dataSource } } GROUP BY ?plan "
                          "ORDER BY DESC(?size) ?plan LIMIT 1").rows[0][0]
    node = store.query(f"PREFIX pg: <{PG._NS}> SELECT ?n WHERE {{ GRAPH ?g {{ ?n a ?t }} VALUES ?t {{ pg:Goal "
                       "pg:LongTermGoal pg:ShortTermGoal } } LIMIT 1").rows[0][0]
    out = []
    for q in list_queries():
        if only and q.name not in only:
            continue
        if q.name == "search":
            out.append((q.name, {"term": "hälsa"}))
        elif q.name == "provenance":
            out.append((q.name, {"node": str(node), "links": "true"}))
        elif not q.one_of:
            out.append((q.name, {}))
        if q.name in ("activities-for-goal", "goal-chain", "goals-without-indicators") and "plan" in q.params:
            out.append((q.name, {"plan": largest}))
    return out


def timed(fn, repeat: int) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), n


def in_child(fn, timeout: float) -> tuple[float | None, int]:  # type: ignore[no-untyped-def]
    """Run fn in a forked child (it sees the parent's loaded store); None when it ran past timeout."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(r)
        try:
            secs, n = fn()
            os.write(w, f"{secs} {n}".encode())
        finally:
            os._exit(0)
    os.close(w)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done, _status = os.waitpid(pid, os.WNOHANG)
        if done:
            data = os.read(r, 100).decode().split()
            os.close(r)
            return (float(data[0]), int(data[1])) if data else (None, 0)
        time.sleep(0.02)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(r)
    return None, 0


def cell(secs: float | None, unit: str, timeout: float = 0) -> str:
    if secs is None:
        return f">{timeout:.0f} s"
    return f"{secs * 1000:7.1f} ms" if unit == "ms" else f"{secs:7.2f} s"


def run_all(label: str, disk_store, ox_store, rdf_store, repeat: int,  # type: ignore[no-untyped-def]
            timeout: float, only: list[str] | None, limit_ms: float, audit_limit_s: float) -> list[str]:
    """``ox_store`` is the memory mirror (judged), ``disk_store`` the same data on disk."""
    from plangraf.audit import audit
    from plangraf.queries import run
    print(f"\n== {label}: {ox_store.count():,} quads; targets judged on the memory (serve) column ==",
          flush=True)
    print(load_line(), flush=True)
    print(f"{'query':46s} {'rows':>7s} {'disk':>10s} {'memory (serve)':>14s} {'rdflib':>10s} {'ratio':>7s}  target")
    misses = []
    for name, params in cases(ox_store, only):
        tag = name + ("" if not params or name in ("search", "provenance") else " (largest plan)")
        disk_s, disk_rows = timed(lambda name=name, params=params: len(run(disk_store, name, params).rows), repeat)
        ox_s, rows = timed(lambda name=name, params=params: len(run(ox_store, name, params).rows), repeat)
        mem, ratio = "skipped", ""
        if rdf_store is not None:
            secs, _n = in_child(lambda name=name, params=params: timed(
                lambda: len(run(rdf_store, name, params).rows), 1), timeout)
            mem = cell(secs, "ms", timeout)
            ratio = f">{timeout / ox_s:.0f}x" if secs is None else f"{secs / ox_s:.0f}x"
        ok = ox_s * 1000 < limit_ms
        misses += [] if ok else [f"{label}: {tag} {ox_s * 1000:.0f} ms"]
        note = "" if disk_rows == rows else f"  (disk: {disk_rows} rows)"
        print(f"{tag:46s} {rows:7d} {cell(disk_s, 'ms'):>10s} {cell(ox_s, 'ms'):>14s} {mem:>10s} {ratio:>7s}  "
              f"{'ok' if ok else 'MISS'} (<{limit_ms:.0f} ms){note}", flush=True)
    if only and "audit" not in only:
        return misses
    audit_repeat = max(1, min(repeat, 2))
    disk_s, _n = timed(lambda: len(audit(disk_store).findings), audit_repeat)
    ox_s, n = timed(lambda: len(audit(ox_store).findings), audit_repeat)
    mem, ratio = "skipped", ""
    if rdf_store is not None:
        secs, _n = in_child(lambda: timed(lambda: len(audit(rdf_store).findings), 1), timeout * 3)
        mem = cell(secs, "s", timeout * 3)
        ratio = f">{timeout * 3 / ox_s:.0f}x" if secs is None else f"{secs / ox_s:.0f}x"
    ok = ox_s < audit_limit_s
    misses += [] if ok else [f"{label}: audit {ox_s:.2f} s"]
    print(f"{'audit (all plans, ' + str(n) + ' findings)':46s} {'':7s} {cell(disk_s, 's'):>10s} "
          f"{cell(ox_s, 's'):>14s} {mem:>10s} {ratio:>7s}  {'ok' if ok else 'MISS'} (<{audit_limit_s:.0f} s)",
          flush=True)
    return misses


def load_line() -> str:
    """The machine's load average, printed with each table: on a shared machine the figures move with it."""
    one, five, fifteen = os.getloadavg()
    return f"load average: {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds per rdflib query (x3 for the audit)")
    ap.add_argument("--skip-rdflib", action="store_true")
    ap.add_argument("--skip-samples", action="store_true")
    ap.add_argument("--skip-synthetic", action="store_true")
    ap.add_argument("--only", nargs="*", help="query names (and/or 'audit') to run")
    a = ap.parse_args()
    from plangraf.graph.memory import MemoryStore
    from plangraf.graph.oxigraph import OxigraphStore
    misses: list[str] = []
    with tempfile.TemporaryDirectory(prefix="plangraf-bench-") as tmp:
        if not a.skip_samples:
            t = time.perf_counter()
            with OxigraphStore(Path(tmp) / "samples") as loading:
                load_samples(loading)
            print(f"sample corpus extracted and loaded in {time.perf_counter() - t:.1f} s", flush=True)
            disk_store, ox_store = open_both(Path(tmp) / "samples")
            rdf_store = None
            if not a.skip_rdflib:
                from rdflib import Graph
                rdf_store = MemoryStore()
                for g in ox_store.graphs():
                    data = Graph()
                    data.parse(data=ox_store.dump("nt", g).decode("utf-8"), format="nt")
                    rdf_store.replace_graph(g, data)
            misses += run_all("sample corpus", disk_store, ox_store, rdf_store, a.repeat, a.timeout, a.only,
                              100, 5)
            disk_store.close()
            ox_store.close()
        if not a.skip_synthetic:
            t = time.perf_counter()
            path = synthetic_corpus(a.triples)
            print(f"synthetic corpus ready in {time.perf_counter() - t:.1f} s", flush=True)
            t = time.perf_counter()
            with OxigraphStore(Path(tmp) / "synthetic") as loading:
                load_nquads(loading, path)
            print(f"loaded into Oxigraph on disk in {time.perf_counter() - t:.1f} s", flush=True)
            disk_store, ox_store = open_both(Path(tmp) / "synthetic")
            rdf_store = None
            if not a.skip_rdflib:
                t = time.perf_counter()
                rdf_store = MemoryStore()
                load_nquads(rdf_store, path)
                print(f"loaded into rdflib in {time.perf_counter() - t:.1f} s", flush=True)
            misses += run_all(f"synthetic {a.triples:,}", disk_store, ox_store, rdf_store, a.repeat, a.timeout,
                              a.only, 1000, 5)
            disk_store.close()
            ox_store.close()
    print("\n" + load_line())
    print("\nall targets met" if not misses else "\ntargets missed:\n  " + "\n  ".join(misses))
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
