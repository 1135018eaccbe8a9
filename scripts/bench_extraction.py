"""Benchmark: extract the bundled sample documents and the development corpus (../shared/corpus/dev)
in one warm process; print per-document timings, the total and peak memory.
Target: the five samples plus the 48 corpus texts under 2 s (warm, 2 cores).

Usage: python scripts/bench_extraction.py [--rounds 5] [--no-corpus] [--joined] [FILES...]

--joined also times one file made of the samples joined x1, x2, x4, x8 (extraction should grow
linearly with the length of one document).
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
    ap.add_argument("--no-corpus", action="store_true", help="only the bundled samples")
    ap.add_argument("--joined", action="store_true", help="also time the samples joined into one file x1..x8")
    a = ap.parse_args()
    files = a.files or sorted((ROOT / "plangraf" / "samples").glob("*.txt"))
    corpus = ROOT.parent / "shared" / "corpus" / "dev" / "texts"
    if not a.files and not a.no_corpus and corpus.is_dir():
        files += sorted(corpus.glob("*.txt"))
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
    print(f"{'document':48} {'KB':>6} {'triples':>8} {'median ms':>10}")
    for f in sorted(files, key=lambda f: -statistics.median(per_doc[f]))[:12]:
        ex = extract_file(f)
        print(f"{f.name[:48]:48} {f.stat().st_size / 1024:6.0f} {len(ex.graph):8d} "
              f"{statistics.median(per_doc[f]) * 1000:10.1f}")
    print(f"(the 12 slowest of {len(files)})")
    total = statistics.median(totals)
    print(f"all {len(files)} documents: median {total:.3f} s over {a.rounds} rounds "
          f"({'under' if total < 2 else 'OVER'} the 2 s target); CPU time {statistics.median(cpu):.3f} s "
          f"(wall time is inflated when the machine is busy: check `uptime`)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")
    if a.joined:
        joined(sorted((ROOT / "plangraf" / "samples").glob("*.txt")))


def joined(samples: list[Path]) -> None:
    """One document made of the samples joined k times: time per KB should stay flat."""
    import tempfile

    from plangraf.loaders.pipeline import extract_file
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in samples)
    with tempfile.TemporaryDirectory() as tmp:
        for k in (1, 2, 4, 8):
            path = Path(tmp) / f"joined_x{k}.txt"
            path.write_text("\n\n".join([text] * k), encoding="utf-8")
            t = time.perf_counter()
            ex = extract_file(path)
            dt = time.perf_counter() - t
            kb = path.stat().st_size / 1024
            print(f"joined x{k}: {kb:7.0f} KB {dt:6.2f} s ({dt / kb * 1000:.2f} ms/KB), {len(ex.ntriples().splitlines())} triples")


if __name__ == "__main__":
    main()
