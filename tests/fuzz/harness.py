"""Run one fuzz case through the public entry point and classify what happened.

A case is a file (and for corrections a document plus its ``.corrections.yaml``). It is read and
extracted with :func:`plangraf.loaders.pipeline.extract_file` under a wall-clock limit (SIGALRM),
and ends as one of: ``ok`` (a graph), ``error`` (a one-line :class:`LoaderError` naming the file),
``bad-error`` (a LoaderError that does not name the file or spans lines), ``crash`` (any other
exception) or ``hang`` (over HANG_SECONDS). Crashes, hangs and bad errors keep their input in the
output directory, named by kind, exception and content hash, so each one can be replayed with
``plangraf extract FILE``.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from plangraf.loaders.base import LoaderError
from plangraf.loaders.pipeline import extract_file

HANG_SECONDS = float(os.environ.get("PLANGRAF_FUZZ_HANG_SECONDS", "10"))


class CaseTimeout(BaseException):
    """Raised by the alarm in the middle of a case; a BaseException so `except Exception` misses it."""


def _alarm(_signum: int, _frame: object) -> None:
    raise CaseTimeout


@dataclass
class Finding:
    outcome: str
    exception: str
    where: str
    files: list[Path]


@dataclass
class Stats:
    """Outcomes of one fuzz test's cases, with the slowest case's time."""

    kind: str
    out_dir: Path
    outcomes: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    slowest: float = 0.0
    seconds: float = 0.0

    def run(self, document: Path, extra: list[Path] | None = None) -> str:
        """Extract ``document`` (``extra``: other files the case consists of, kept with a finding)."""
        outcome, exc_name, where = "ok", "", ""
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
        start = time.perf_counter()
        try:
            extract_file(document)
        except LoaderError as exc:
            text = str(exc)
            outcome = "error" if str(document) in text or any(str(p) in text for p in extra or []) else "bad-error"
            if "\n" in text:
                outcome = "bad-error"
            exc_name, where = "LoaderError", text[:200]
        except CaseTimeout as exc:  # where the alarm interrupted it: the innermost plangraf frame
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/plangraf/" in f.filename]
            at = f"{frames[-1].filename.split('/plangraf/')[-1]}:{frames[-1].lineno} in {frames[-1].name}" \
                if frames else "?"
            outcome, exc_name, where = "hang", "timeout", f"{at} (over {HANG_SECONDS:g} s)"
        except Exception as exc:  # noqa: BLE001 - classifying every failure is the point
            frames = traceback.extract_tb(exc.__traceback__)
            last = next((f for f in reversed(frames) if "/plangraf/" in f.filename), frames[-1])
            outcome = "crash"
            exc_name = f"{type(exc).__module__}.{type(exc).__name__}"
            where = f"{last.filename.split('/plangraf/')[-1]}:{last.lineno} ({str(exc)[:120]})"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        elapsed = time.perf_counter() - start
        self.seconds += elapsed
        self.slowest = max(self.slowest, elapsed)
        self.outcomes[outcome] += 1
        if outcome in ("crash", "hang", "bad-error"):
            self.findings.append(Finding(outcome, exc_name, where, self.keep([document, *(extra or [])],
                                                                                 outcome, exc_name)))
        return outcome

    def keep(self, files: list[Path], outcome: str, exc_name: str) -> list[Path]:
        digest = hashlib.sha256(b"".join(p.read_bytes() for p in files if p.exists())).hexdigest()[:10]
        folder = self.out_dir / f"{self.kind}-{outcome}-{exc_name.rsplit('.', 1)[-1]}-{digest}"
        folder.mkdir(parents=True, exist_ok=True)
        kept = []
        for p in files:
            if p.exists():
                shutil.copy(p, folder / p.name)
                kept.append(folder / p.name)
        return kept

    def summary(self) -> str:
        n = sum(self.outcomes.values())
        parts = ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
        return (f"{self.kind}: {n} cases ({parts}); crashes {self.outcomes['crash']}, hangs "
                f"{self.outcomes['hang']}; {self.seconds:.1f} s, slowest case {self.slowest:.2f} s")

    def problems(self) -> str:
        distinct: dict[tuple[str, str, str], Finding] = {}
        for f in self.findings:
            distinct.setdefault((f.outcome, f.exception, f.where.split(" (")[0]), f)
        return "\n".join(f"{f.outcome} {f.exception} at {f.where}: {', '.join(map(str, f.files))}"
                         for f in distinct.values())
