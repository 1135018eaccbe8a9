"""For every node extracted from the bundled samples and the development corpus (../shared/corpus/dev,
when present): its quote stands within its stated lines.

The quote is compared after the same cleaning the loaders apply, so dehyphenation and bullet
stripping do not count as a mismatch, but a wrong line number does.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from rdflib.namespace import PROV, RDF

from plangraf.loaders.inputs import read_document
from plangraf.loaders.pipeline import extract_file
from plangraf.namespace import PG
from tests.loaders.quotes import unfound_quotes

SAMPLES = sorted(Path(str(resources.files("plangraf.samples"))).glob("*.txt"))
CORPUS = sorted((Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev" / "texts").glob("*.txt"))



@pytest.mark.parametrize("path", SAMPLES + CORPUS, ids=lambda p: p.name[:3])
def test_every_quote_is_within_its_lines(path: Path) -> None:
    checked, bad = unfound_quotes(read_document(path), extract_file(path).graph, raw_too=True, skip_curated=True)
    assert checked > 0
    assert not bad, f"{len(bad)} of {checked} quotes not found in their lines, e.g. {bad[:5]}"


@pytest.mark.parametrize("path", SAMPLES + CORPUS, ids=lambda p: p.name[:3])
def test_every_typed_node_has_provenance(path: Path) -> None:
    g = extract_file(path).graph
    missing = [s for s, o in g.subject_objects(RDF.type)
               if str(o).startswith(str(PG._NS)) and o != PG.SourceFile and (s, PROV.wasDerivedFrom, None) not in g]
    assert not missing, missing[:5]
