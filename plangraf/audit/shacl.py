"""Validate with pySHACL and merge its results into the query findings by (rule, node).

For one plan pySHACL gets the plan's document graph cut to what the shapes can read: the triples
whose predicate the shapes graph names (paths, comparisons such as pg:endLine) plus rdf:type and
rdfs:subClassOf. SHACL Core without sh:closed or SPARQL constraints never looks at another
predicate, so the findings are the same; a plan of 19,060 triples at 10^7 keeps ~13,000 (labels
of reified statements, page numbers, extractor names go). The graph is fetched with one
CONSTRUCT (N-Triples from a remote store) and validated in place (no copy for the ontology).
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from plangraf.audit.model import Finding, Rule
from plangraf.graph.store import Store
from plangraf.ontology.validate import Finding as ShaclFinding
from plangraf.queries import PLAN_PATTERN

LOOKUP = """
PREFIX pg: <https://w3id.org/plangraf/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?node ?plan (SAMPLE(?name) AS ?label) (MIN(?start) AS ?line) (SAMPLE(?exact) AS ?quote) WHERE {
  VALUES ?node { %s }
  OPTIONAL { GRAPH ?g { ?node ?p ?o . } %s }
  OPTIONAL { ?node rdfs:label ?name . }
  OPTIONAL { ?node prov:wasDerivedFrom ?src . ?src pg:startLine ?start . OPTIONAL { ?src oa:hasSelector/oa:exact ?exact . } }
} GROUP BY ?node ?plan
"""


@lru_cache(maxsize=1)
def shape_predicates() -> tuple[str, ...]:
    """Every IRI the shapes graph names, with rdf:type and rdfs:subClassOf (class targets); empty
    when a shape is closed or has a SPARQL constraint (then every predicate may matter)."""
    from plangraf.ontology import shapes_graph
    shapes = shapes_graph()
    if any(True for _ in shapes.triples((None, SH.closed, None))) or \
            any(True for _ in shapes.triples((None, SH.sparql, None))):
        return ()
    named = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef)}
    return tuple(sorted(named | {str(RDF.type), str(RDFS.subClassOf)}))


def data_graph(store: Store, plan: URIRef | None, graphs: dict[str, str]) -> Graph:
    """What pySHACL validates: the plan's document graph (cut to the shapes' predicates), or
    every graph."""
    if plan is None:
        return store.union_graph()
    graph = graphs.get(str(plan))
    if graph is None:
        return Graph()
    predicates = shape_predicates()
    if not predicates:
        data = Graph()
        data.parse(data=store.dump("nt", URIRef(graph)).decode("utf-8"), format="nt")
        return data
    values = " ".join(f"<{p}>" for p in predicates)
    res = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?p {{ {values} }} GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return res.graph if res.graph is not None else Graph()


def run_shacl(store: Store, plan: URIRef | None, graphs: dict[str, str]) -> list[ShaclFinding]:
    """pySHACL's findings for one plan's graph or all graphs (the audit may run this on a thread of
    its own while the twin queries run on the store)."""
    data = data_graph(store, plan, graphs)
    if plan is None:
        from plangraf.ontology.validate import validate
        return validate(data).findings
    import pyshacl

    from plangraf.ontology import ontology_graph, shapes_graph
    from plangraf.ontology.validate import read_findings
    # the options of plangraf.ontology.validate.validate, and inplace: the graph was fetched for
    # this run only, so pySHACL mixes the ontology into it rather than copying it first
    _conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        allow_warnings=False, abort_on_first=False, inplace=True)
    return read_findings(results)


def merge_shacl(store: Store, plan: URIRef | None, shacl_findings: list[ShaclFinding],
                info: dict[str, dict[str, object]], findings: dict[tuple[str, str], Finding],
                all_rules: dict[str, Rule], lang: str, only: set[str] | None) -> None:
    """Add pySHACL's results to ``findings``: one already found by its twin query is marked as
    found by both; a new one gets its plan, label and first mention looked up."""
    new: dict[tuple[str, str], Finding] = {}
    for r in shacl_findings:
        if only is not None and r.rule not in only:
            continue
        key = (r.rule, str(r.focus))
        if key in findings:
            if "shacl" not in findings[key].found_by:
                findings[key].found_by = findings[key].found_by + ("shacl",)
            continue
        rule = all_rules.get(r.rule)
        new[key] = Finding(r.rule, r.severity, str(r.focus), message=r.message(lang) or
                           (rule.messages.get(lang, "") if rule else ""), found_by=("shacl",))
    iris = sorted({URIRef(n) for _rule, n in new if n.startswith(("http:", "https:", "urn:"))})
    found: dict[str, dict] = {}  # type: ignore[type-arg]
    if iris:
        for row in store.query(LOOKUP % (" ".join(i.n3() for i in iris), PLAN_PATTERN)).dicts():
            if str(row["node"]) not in found or row.get("plan") is not None:
                found[str(row["node"])] = row
    for key, f in new.items():
        row = found.get(f.node, {})
        f.plan = str(row["plan"]) if row.get("plan") is not None else None
        if plan is not None and f.plan not in (None, str(plan)):
            continue
        p = info.get(f.plan or "", {})
        f.label = str(row.get("label", "") or "")
        f.quote = str(row.get("quote", "") or "")
        f.line = int(str(row["line"])) if row.get("line") is not None else None
        f.plan_label, f.document, f.file = (str(p.get("label", "")), str(p.get("document", "")),
                                            str(p.get("file", "")))
        findings[key] = f
