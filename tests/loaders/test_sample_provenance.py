"""For every node extracted from the bundled samples: its quote stands within its stated lines.

The quote is compared after the same cleaning the loaders apply, so dehyphenation and bullet
stripping do not count as a mismatch, but a wrong line number does.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib.namespace import PROV, RDF

from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_file
from plangraf.namespace import OA, PG

SAMPLES = sorted(Path(str(resources.files("plangraf.samples"))).glob("*.txt"))


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_every_quote_is_within_its_lines(path: Path) -> None:
    doc = read_document(path)
    ex = extract_file(path)
    g = ex.graph
    by_line: dict[int, list[str]] = {}
    for line in doc.lines:
        for n in range(line.start, line.end + 1):
            by_line.setdefault(n, []).append(line.text)
    checked, bad = 0, []
    for src in g.subjects(RDF.type, OA.SpecificResource):
        if g.value(src, PG.curated) is not None:
            continue
        start, end = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact) or "")
        if not quote:
            continue
        cleaned = " ".join(dict.fromkeys(t for n in range(start, end + 1) for t in by_line.get(n, [])))
        raw = " ".join(doc.raw_lines[start - 1:end])
        checked += 1
        if squash(quote) not in squash(cleaned) and squash(quote) not in squash(raw):
            bad.append(f"lines {start}-{end}: {quote[:80]!r}")
    assert checked > 0
    assert not bad, f"{len(bad)} of {checked} quotes not found in their lines, e.g. {bad[:5]}"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_every_typed_node_has_provenance(path: Path) -> None:
    g = extract_file(path).graph
    missing = [s for s, o in g.subject_objects(RDF.type)
               if str(o).startswith(str(PG._NS)) and o != PG.Document and (s, PROV.wasDerivedFrom, None) not in g]
    assert not missing, missing[:5]
