"""GraphBuilder.ntriples writes the provenance itself (faster): it must stay the same bytes as
the rdflib graph followed by provenance_ntriples, and its distinct lines count the triples."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from plangraf.graph.loading import distinct_lines
from plangraf.graph.model import GraphBuilder, Span
from plangraf.namespace import PG

SAMPLES = Path(__file__).resolve().parents[2] / "plangraf" / "samples"


def reference(b: GraphBuilder) -> bytes:
    return b.graph.serialize(format="nt", encoding="utf-8") + b.provenance_ntriples().encode("utf-8")


def test_every_kind_of_record_is_written_as_provenance_ntriples_writes_it() -> None:
    b = GraphBuilder("doc1", "plan.txt", extractor="logic-model")
    goal = b.node(PG.Goal, 'Fler i "arbete"\\nnu', Span(1, 2, page=3), quote="Fler i\narbete \\ nu")
    act = b.node(PG.Activity, "Starta jobbtorg", Span(4, 4), extractor="other", confidence=0.55)
    b.node(PG.Activity, "Starta jobbtorg", Span(9, 9), curated=True)   # a second mention
    b.link(act, PG.servesGoal, goal, Span(4, 5), quote="så att fler", curated=True)
    b.link(act, PG.measuredBy, b.node(PG.Indicator, "Andel i arbete", Span(6, 6)), Span(6, 6))
    b.rename(goal, URIRef("https://example.org/reference/goal"))
    data = b.ntriples()
    assert data == reference(b)
    parsed = {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}
    assert distinct_lines(data) == len(parsed) > 20


def test_the_samples_are_written_the_same_and_counted_right() -> None:
    from plangraf.loaders.pipeline import extract_file
    for path in sorted(SAMPLES.glob("*.txt"))[:2]:
        ex = extract_file(path, None)
        data = ex.builder.ntriples()
        assert data == reference(ex.builder), path.name
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_TRIPLES)
        assert distinct_lines(data) == len(store), path.name


def test_distinct_lines_skips_duplicates_blank_lines_and_comments() -> None:
    line = b"<http://a> <http://b> <http://c> ."
    assert distinct_lines(line + b"\n" + line + b"\n\n# a comment\n  \n<http://a> <http://b> \"x\" .\n") == 2
