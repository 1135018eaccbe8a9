"""Extract each bundled sample document and score it against the dev gold annotations, then score
the whole development corpus (../shared/corpus/dev: 48 real texts with complete annotations).

Usage: python scripts/score.py [--gold-dir DIR] [--only 000] [--quiet] [--no-corpus]
Prints the scorer's table and summary line per sample, then the corpus scorer's per-text rows,
its by-type recall and totals (the scorers live in ../shared/tools). Targets: samples entity
recall >= 0.90 and relation recall >= 0.80 each; corpus entity recall >= 0.75, precision >= 0.75,
relation recall >= 0.55.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold-dir", type=Path, default=SHARED / "gold" / "dev")
    ap.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score_extraction.py")
    ap.add_argument("--samples", type=Path, default=ROOT / "plangraf" / "samples")
    ap.add_argument("--only", help="score only the document whose name starts with this")
    ap.add_argument("--quiet", action="store_true", help="print only the summary lines")
    ap.add_argument("--no-corpus", action="store_true", help="skip the development corpus")
    a = ap.parse_args()
    if not a.scorer.is_file() or not a.gold_dir.is_dir():
        print(f"score: no scorer or gold at {a.scorer} / {a.gold_dir}", file=sys.stderr)
        return 2
    from plangraf.loaders.pipeline import extract_file, serialize_extraction
    with tempfile.TemporaryDirectory() as tmp:
        for gold in sorted(a.gold_dir.glob("*.json")):
            if a.only and not gold.stem.startswith(a.only):
                continue
            src = next(a.samples.glob(f"{gold.stem}_*.txt"), None)
            if src is None:
                continue
            out = Path(tmp) / f"{gold.stem}.ttl"
            out.write_bytes(serialize_extraction(extract_file(src).ntriples(), "turtle")[0])
            res = subprocess.run([sys.executable, str(a.scorer), "--gold", str(gold), "--graph", str(out)],
                                 check=False, capture_output=True, text=True)
            text = res.stdout.strip()
            print(text.splitlines()[-1] if a.quiet and text else text)
            if not a.quiet:
                print()
    corpus_tool = SHARED / "tools" / "score_corpus.py"
    if not a.no_corpus and not a.only and corpus_tool.is_file():
        plangraf = Path(sys.executable).parent / "plangraf"
        print("\nDevelopment corpus (../shared/corpus/dev):", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            res = subprocess.run([sys.executable, str(corpus_tool), "--plangraf", str(plangraf), "--out", tmp],
                                 check=False, capture_output=True, text=True)
        lines = res.stdout.strip().splitlines()
        print("\n".join(lines[-2:] if a.quiet else lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
