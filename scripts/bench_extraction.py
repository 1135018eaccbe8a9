"""Benchmark: extract every bundled sample document in one warm process; print per-document
timings, the total and peak memory. Target: all five under 1 s (warm).

Usage: python scripts/bench_extraction.py [--rounds 5] [FILES...]
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    files = a.files or sorted((ROOT / "plangraf" / "samples").glob("*.txt"))
    t0 = time.perf_counter()
    from plangraf.loaders.pipeline import extract_file
    from plangraf.loaders.reference import link_reference  # noqa: F401  (warm the imports)
    extract_file(files[0])  # warm-up: imports, reference data, word lists
    print(f"cold start (imports + first document): {time.perf_counter() - t0:.3f} s")
    per_doc: dict[Path, list[float]] = {f: [] for f in files}
    totals, cpu = [], []
    for _ in range(a.rounds):
        start, cpu0 = time.perf_counter(), time.process_time()
        for f in files:
            t = time.perf_counter()
            ex = extract_file(f)
            per_doc[f].append(time.perf_counter() - t)
        totals.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu0)
    print(f"{'document':32} {'KB':>6} {'triples':>8} {'median ms':>10}")
    for f in files:
        ex = extract_file(f)
        print(f"{f.name:32} {f.stat().st_size / 1024:6.0f} {len(ex.graph):8d} "
              f"{statistics.median(per_doc[f]) * 1000:10.1f}")
    total = statistics.median(totals)
    print(f"all {len(files)} documents: median {total:.3f} s over {a.rounds} rounds "
          f"({'under' if total < 1 else 'OVER'} the 1 s target); CPU time {statistics.median(cpu):.3f} s "
          f"(wall time is inflated when the machine is busy: check `uptime`)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
