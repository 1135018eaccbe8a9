"""`plangraf load DIR --jobs 1` against `--jobs 2` on 100 documents, and where the CPU goes.

1. ``--rounds R``: the CLI on the same directory (the 5 samples x 20 copies under distinct names,
   each into a fresh oxigraph: store), ``--jobs 1`` then ``--jobs 2``, R times in turn (on a shared
   machine the load changes from minute to minute: each round's ratio compares runs a minute
   apart). Prints wall time, the CPU seconds the whole machine was busy meanwhile (/proc/stat: worker
   processes and the store's threads included) and from it the most ``--jobs 2`` can gain on this
   machine's cores, the load average before and after, and each round's ratio.
2. ``--parts N``: the same work in this process, part by part, on N documents: extraction, writing
   the N-Triples (``GraphBuilder.ntriples``), counting them, and writing into a fresh disk store
   (``write_document``), as CPU seconds of this thread and of the whole process (the store's own
   threads: RocksDB and the bulk loader), and the wall time. From these it prints the best ratio two
   cores can give: ``--jobs 1`` takes at least extract + write wall per document, ``--jobs 2`` at least
   the larger of (extract + write CPU of all threads) / 2 and the single writer's wall time.

Usage: python scripts/bench_jobs.py [--rounds 2] [--parts 20] [--docs 100] [--work DIR]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANGRAF = str(Path(sys.executable).parent / "plangraf")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def make_docs(work: Path, n: int) -> Path:
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    docs.mkdir(parents=True)
    samples = sorted((ROOT / "plangraf" / "samples").glob("*.txt"))
    for i in range(n):
        shutil.copy(samples[i % len(samples)], docs / f"doc{i:03d}_{samples[i % len(samples)].name}")
    return docs


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat; 0 where there is none):
    the difference over a run counts every process and thread of it, worker processes included."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cli_rounds(docs: Path, work: Path, rounds: int) -> None:
    print(f"\n`plangraf load {docs.name}/ --jobs N` ({len(list(docs.iterdir()))} documents), in turn:")
    ratios = []
    for r in range(rounds):
        wall = {}
        for jobs in (1, 2):
            store = work / f"store-j{jobs}"
            shutil.rmtree(store, ignore_errors=True)
            before = os.getloadavg()[0]
            t, busy = time.perf_counter(), busy_seconds()
            subprocess.run([PLANGRAF, "load", str(docs), "-j", str(jobs), "--store", f"oxigraph:{store}"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall[jobs] = time.perf_counter() - t
            busy = busy_seconds() - busy
            print(f"  round {r + 1} --jobs {jobs}: {wall[jobs]:6.1f} s  machine busy {busy:5.1f} CPU-s "
                  f"({busy / wall[jobs]:.2f} cores)  load average {before:.1f} -> {os.getloadavg()[0]:.1f}",
                  flush=True)
            if jobs == 1 and busy:
                # --jobs 2 needs at least busy / cores seconds (if it does no more work than --jobs 1)
                cores = default_jobs()
                print(f"    on {cores} cores --jobs 2 can be at most {cores * wall[1] / busy:.2f}x faster: "
                      f"--jobs 1 already keeps {busy / wall[1]:.2f} cores busy (the store's own threads "
                      "write while the next document is extracted)", flush=True)
            shutil.rmtree(store, ignore_errors=True)
        ratios.append(wall[1] / wall[2])
        print(f"  round {r + 1}: --jobs 2 is {ratios[-1]:.2f}x faster than --jobs 1", flush=True)
    print(f"median ratio {statistics.median(ratios):.2f}x over {rounds} round(s) (target 1.7x)")


def parts(docs: Path, work: Path, n: int) -> None:
    from plangraf.graph.loading import distinct_lines, write_document
    from plangraf.graph.oxigraph import OxigraphStore
    from plangraf.loaders.pipeline import extract_file

    paths = sorted(docs.iterdir())[:n]
    ext = ser = cnt = 0.0
    done = []
    for p in paths:
        c = time.process_time()
        ex = extract_file(p, None)
        c1 = time.process_time()
        data = ex.ntriples()
        c2 = time.process_time()
        n_triples = distinct_lines(data)
        c3 = time.process_time()
        ext, ser, cnt = ext + c1 - c, ser + c2 - c1, cnt + c3 - c2
        from plangraf.graph.loading import Extracted
        from plangraf.namespace import graph_iri
        done.append(Extracted(p, graph_iri(ex.doc.doc_id), data, "document", ex.doc.file_name, [], n_triples))
    store_dir = work / "store-parts"
    shutil.rmtree(store_dir, ignore_errors=True)
    store = OxigraphStore(store_dir)
    w, c, th = time.perf_counter(), time.process_time(), time.thread_time()
    for e in done:
        write_document(store, e)
    w, c, th = time.perf_counter() - w, time.process_time() - c, time.thread_time() - th
    c_tail = time.process_time()
    time.sleep(5)
    tail = time.process_time() - c_tail
    store.close()
    shutil.rmtree(store_dir, ignore_errors=True)
    k = len(done)
    e = (ext + ser + cnt) / k
    print(f"\nCPU per document ({k} documents in this process; load average {os.getloadavg()[0]:.1f}):")
    print("| part | CPU s per document |")
    print("|---|---|")
    print(f"| extraction (extract_file) | {ext / k:.3f} |")
    print(f"| N-Triples (GraphBuilder.ntriples) | {ser / k:.3f} |")
    print(f"| counting them (distinct lines) | {cnt / k:.3f} |")
    print(f"| writing: calling thread | {th / k:.3f} |")
    print(f"| writing: all threads (the store's bulk loader and RocksDB) | {c / k:.3f} |")
    print(f"| writing: wall | {w / k:.3f} |")
    print(f"| the store's threads in the 5 s after the last write | {tail:.2f} s in all |")
    one, two = e + w / k, max((e + c / k) / 2, w / k)
    print(f"--jobs 1 needs >= {one:.3f} s per document (extract + write wall); --jobs 2 >= {two:.3f} s (the "
          f"larger of all CPU over 2 cores, {(e + c / k) / 2:.3f} s, and the one writer's wall, {w / k:.3f} s): "
          f"at best {one / two:.2f}x on 2 cores, before any transfer or scheduling cost")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2, help="CLI runs of --jobs 1 and 2 in turn (0: none)")
    ap.add_argument("--parts", type=int, default=20, help="documents for the CPU breakdown (0: none)")
    ap.add_argument("--work", type=Path, default=None)
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="plangraf-jobs-"))
    docs = make_docs(work, a.docs)
    if a.parts:
        parts(docs, work, a.parts)
    if a.rounds:
        cli_rounds(docs, work, a.rounds)
    if a.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
