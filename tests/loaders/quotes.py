"""Shared test check: every provenance quote stands within its stated original lines.

Compared after the loaders' cleaning and without spaces or punctuation, so dehyphenation and
bullet stripping do not count as a mismatch, but a wrong line number does.
"""
from __future__ import annotations

import re

from rdflib import Graph
from rdflib.namespace import RDF

from plangraf.loaders.base import SourceDocument
from plangraf.namespace import OA, PG


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


def unfound_quotes(doc: SourceDocument, g: Graph, *, raw_too: bool = False,
                   skip_curated: bool = False) -> tuple[int, list[tuple[int, int, str]]]:
    """(quotes checked, those not found in their lines). ``raw_too`` also accepts the original
    text of the lines; ``skip_curated`` leaves out statements from corrections files."""
    by_line: dict[int, list[str]] = {}
    for line in doc.lines:
        for n in range(line.start, line.end + 1):
            by_line.setdefault(n, []).append(line.text)
    checked, bad = 0, []
    for src in g.subjects(RDF.type, OA.SpecificResource):
        if skip_curated and g.value(src, PG.curated) is not None:
            continue
        start, end = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact) or "")
        if not quote:
            continue
        checked += 1
        cleaned = " ".join(dict.fromkeys(t for n in range(start, end + 1) for t in by_line.get(n, [])))
        found = squash(quote) in squash(cleaned)
        if not found and raw_too:
            found = squash(quote) in squash(" ".join(doc.raw_lines[start - 1:end]))
        if not found:
            bad.append((start, end, quote))
    return checked, bad
