"""Queries that count or label nodes by kind list each kind with its subclasses as
``VALUES (?type ?kind) { (pg:Sub pg:Kind) … }`` pairs instead of following rdfs:subClassOf at run
time (that is not portable: Virtuoso 7.2 refuses a transitive path with both ends free, or its
server dies). Each pair list must be exactly the ontology's closure of the kinds it names."""
from __future__ import annotations

import re

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS

from plangraf.namespace import PG
from plangraf.ontology import ontology_graph
from plangraf.queries import list_queries, load

PAIRS = re.compile(r"VALUES\s*\(\s*\?\w+\s+\?\w+\s*\)\s*\{((?:\s*\(\s*pg:\w+\s+pg:\w+\s*\))+)\s*\}")
PAIR = re.compile(r"\(\s*pg:(\w+)\s+pg:(\w+)\s*\)")
USERS = ["plans-overview", "responsibility-matrix", "nodes-without-provenance"]


def pair_lists(text: str) -> list[set[tuple[str, str]]]:
    return [set(PAIR.findall(m.group(1))) for m in PAIRS.finditer(text)]


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_pair_lists_are_the_ontology_closure(name: str) -> None:
    onto = ontology_graph()
    for pairs in pair_lists(load(name).text):
        kinds = {kind for _sub, kind in pairs}
        want = {(str(c).removeprefix(str(PG)), kind) for kind in kinds
                for c in {PG[kind]} | {URIRef(str(x)) for x in onto.transitive_subjects(RDFS.subClassOf, PG[kind])}}
        assert pairs == want, f"{name}: pairs {sorted(pairs)}, the ontology has {sorted(want)}"


@pytest.mark.parametrize("name", USERS)
def test_the_kind_queries_have_a_pair_list(name: str) -> None:
    """The check above is not vacuous for the queries that count by kind."""
    assert pair_lists(load(name).text), f"{name} has no VALUES (?type ?kind) pair list"


def test_a_missing_subclass_is_caught() -> None:
    text = "VALUES (?type ?class) { (pg:Goal pg:Goal) (pg:LongTermGoal pg:Goal) }"
    (pairs,) = pair_lists(text)
    assert ("ShortTermGoal", "Goal") not in pairs
