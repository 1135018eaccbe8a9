"""Extract each bundled sample document and score it against the dev gold annotations.

Usage: python scripts/score.py [--gold-dir DIR] [--only 000] [--quiet]
Prints the scorer's table and summary line per document (the scorer lives in ../shared/tools).
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
