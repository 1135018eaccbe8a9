"""GraphBuilder bookkeeping that the loaders rely on."""
from __future__ import annotations

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.namespace import PG


def test_a_renamed_node_keeps_its_links_and_a_repeated_link_is_not_added_twice() -> None:
    b = GraphBuilder("doc1", "plan.txt")
    goal = b.node(PG.Goal, "Fler i arbete", Span(1, 1))
    act = b.node(PG.Activity, "Starta jobbtorg", Span(2, 2))
    b.link(act, PG.servesGoal, goal, Span(2, 2))
    ref = URIRef("https://example.org/reference/goal")
    b.rename(goal, ref)
    assert (act, PG.servesGoal, ref) in b.graph and (act, PG.servesGoal, goal) not in b.graph
    before = len(b.graph)
    b.link(act, PG.servesGoal, ref, Span(2, 2))      # the same link under the new name: already there
    assert len(b.graph) == before
    b.link(act, PG.servesGoal, goal, Span(2, 2))     # under the old name it is a different triple
    assert (act, PG.servesGoal, goal) in b.graph
