"""Validate with pySHACL and merge its results into the query findings by (rule, node)."""
from __future__ import annotations

from rdflib import Graph, URIRef

from plangraf.audit.model import Finding, Rule
from plangraf.graph.store import Store
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


def data_graph(store: Store, plan: URIRef | None, graphs: dict[str, str]) -> Graph:
    """What pySHACL validates: the plan's document graph, or every graph."""
    if plan is None:
        return store.union_graph()
    data = Graph()
    graph = graphs.get(str(plan))
    if graph is not None:
        data.parse(data=store.dump("nt", URIRef(graph)).decode("utf-8"), format="nt")
    return data


def merge_shacl(store: Store, plan: URIRef | None, graphs: dict[str, str], info: dict[str, dict[str, object]],
                findings: dict[tuple[str, str], Finding], all_rules: dict[str, Rule], lang: str,
                only: set[str] | None) -> None:
    """Add pySHACL's results to ``findings``: one already found by its twin query is marked as
    found by both; a new one gets its plan, label and first mention looked up."""
    from plangraf.ontology.validate import validate
    report = validate(data_graph(store, plan, graphs))
    new: dict[tuple[str, str], Finding] = {}
    for r in report.findings:
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
