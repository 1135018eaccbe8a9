"""Lookups that complete the findings: first mention (line, quote), responsible bodies, and a
cheap check that spares the full provenance-record scan when nothing is wrong.

The gap queries stay lean (on Oxigraph an OPTIONAL with more than one pattern is evaluated over
the whole store and hash-joined, which costs seconds at 10^6 triples). Here the nodes are known,
so each lookup is a ``VALUES`` block joined to mandatory patterns: index lookups per node.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import URIRef

from plangraf.graph.bind import inline_values
from plangraf.graph.store import Store
from plangraf.queries import PLAN_PATTERN

CHUNK = 2000
PREFIXES = """PREFIX pg: <https://w3id.org/plangraf/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""
MENTIONS = PREFIXES + """SELECT ?node ?start ?exact WHERE {
  VALUES (?g ?node) { %s }
  GRAPH ?g { ?node prov:wasDerivedFrom ?src . ?src pg:startLine ?start . ?src oa:hasSelector ?sel . ?sel oa:exact ?exact . }
}"""
# Who is responsible, as the gap queries define it (up the containment of the node).
UP_GOAL = "(pg:partOf|^pg:hasPart|^pg:hasGoal)*"
UP_ACTIVITY = "(pg:partOf|^pg:hasPart|pg:hasFocusArea)*"
RESPONSIBLE_PATHS = {
    "goal": UP_GOAL,
    "activity": UP_ACTIVITY,
    "indicator": f"^pg:measuredBy/{UP_GOAL}",
}
# `?node a ?nodeType` binds ?node through a triple pattern: Virtuoso 7.2 does not start a
# transitive path (`*`) from a VALUES binding ("transitive start not given", or no rows).
RESPONSIBLE = PREFIXES + """SELECT DISTINCT ?node ?name WHERE {
  VALUES ?node { %s }
  ?node a ?nodeType .
  ?node %s/(^pg:responsibleFor|pg:hasResponsible) ?body .
  ?body rdfs:label|skos:prefLabel ?name .
}"""
PASSAGE_COUNT = PREFIXES + """SELECT (COUNT(*) AS ?n) WHERE { %s GRAPH ?g { %s } }"""
PASSAGE_VALUES = PREFIXES + """ASK {
  %s
  { GRAPH ?g { ?passage pg:startLine ?start ; pg:endLine ?end . }
    FILTER(!isNumeric(?start) || !isNumeric(?end) || ?start < 1 || ?end < ?start) }
  UNION
  { GRAPH ?g { ?passage pg:confidence ?confidence . }
    FILTER(!isNumeric(?confidence) || ?confidence < 0 || ?confidence > 1) }
}"""


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i:i + size]


def as_line(value: object) -> int | None:
    """A line number from a result cell; None when absent or not an integer (an ill-typed
    "abc"^^xsd:integer is reported by the ProvenanceRecord rule, not a crash here)."""
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def first_mentions(store: Store, nodes: list[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """(graph, node) pairs -> node: (first line, its quote) in that graph's document."""
    out: dict[str, tuple[int, str]] = {}
    for chunk in _chunks(sorted(set(nodes))):
        values = " ".join(f"({URIRef(g).n3()} {URIRef(n).n3()})" for g, n in chunk)
        for row in store.query(MENTIONS % values).rows:
            node, start, exact = str(row[0]), as_line(row[1]), str(row[2])
            if start is None:
                continue
            if node not in out or (start, exact) < out[node]:
                out[node] = (start, exact)
    return out


def responsible(store: Store, nodes: list[str], kind: str) -> dict[str, str]:
    """node -> '; '-joined names of the bodies responsible for it (``kind``: goal, activity,
    indicator — for an indicator, the bodies responsible for what it measures)."""
    names: dict[str, set[str]] = defaultdict(set)
    for chunk in _chunks(sorted(set(nodes))):
        values = " ".join(URIRef(n).n3() for n in chunk)
        for row in store.query(RESPONSIBLE % (values, RESPONSIBLE_PATHS[kind])).rows:
            names[str(row[0])].add(" ".join(str(row[1]).split()))
    return {n: "; ".join(sorted(v)) for n, v in names.items()}


def provenance_records_ok(store: Store, plan: URIRef | None) -> bool:
    """True when every passage in the plans' graphs has a source, a quote (selector with oa:exact) and both line
    numbers, and no line number or confidence is out of range: then the full per-passage scan
    (incomplete-provenance) would find nothing. Five counts and one ASK, each an index scan,
    instead of a lookup per passage and property (10 s against 1 s at 10^6 triples)."""
    scope = inline_values("SELECT * WHERE { " + PLAN_PATTERN + " }", {"plan": plan}) if plan else None
    pattern = scope[scope.index("{") + 1:scope.rindex("}")] if scope else PLAN_PATTERN

    def count(triple: str) -> int:
        return int(str(store.query(PASSAGE_COUNT % (pattern, triple)).rows[0][0]))

    total = count("?passage a oa:SpecificResource .")
    if any(count(f"?passage {p} ?value .") != total for p in ("oa:hasSource", "oa:hasSelector/oa:exact", "pg:startLine",
                                                              "pg:endLine")):
        return False
    return not store.query(PASSAGE_VALUES % pattern).boolean
