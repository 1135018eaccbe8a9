"""Graph analytics with networkx, for what SPARQL is clumsy at: connected pieces, bridges, centrality.

:func:`project` turns the plans in a store into a :class:`networkx.MultiDiGraph`: one node per
typed plangraf node (IRI as the node id; ``label``, ``type`` = its most specific pg: class,
``kind`` = the top class it counts as — Goal for a LongTermGoal — and ``plans``, the plans whose
documents mention it) and one edge per pg: link between two such nodes (``relation`` = the
property's local name, ``plan``). Provenance, reification and literal values are left out.

Then:

- :func:`components_per_plan` — the connected pieces of each plan (undirected); a piece that
  does not contain the plan node is an *island*: goals, activities or indicators the document
  never ties to the rest (often an extraction gap, sometimes a real one);
- :func:`bridges` — nodes in two or more plans: the same body, data source, national focus area
  or target group, so one real thing links the plans;
- :func:`central_activities` — activities ranked by betweenness (or degree, PageRank): the
  activities that hold a plan's chain together;
- :func:`export` — GraphML or GEXF for Gephi, with list attributes joined by ';'.

The projection reads the store with two SPARQL queries (nodes, links), so it works on every
backend; networkx then works in memory (about 150 bytes per node and edge).
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx
from rdflib import URIRef
from rdflib.term import Node

from plangraf.graph.bind import inline_values
from plangraf.graph.store import Store
from plangraf.namespace import PG
from plangraf.queries import PLAN_PATTERN, resolve_plan

PG_NS = str(PG._NS)
KINDS = ("Plan", "Strategy", "FocusArea", "Malbild", "Goal", "Activity", "Indicator", "DataSource",
         "Assumption", "ResponsibleBody", "TargetGroup", "Budget")
SKIP_TYPES = {"SourceFile"}
DCT_PUBLISHER = "http://purl.org/dc/terms/publisher"
MAPPING = ("http://www.w3.org/2004/02/skos/core#exactMatch", "http://www.w3.org/2004/02/skos/core#closeMatch",
           "http://www.w3.org/2004/02/skos/core#broadMatch", "http://www.w3.org/2004/02/skos/core#broader")

NODES = f"""
PREFIX pg: <{PG_NS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?plan ?node ?type (SAMPLE(?name) AS ?label) WHERE {{
  {PLAN_PATTERN}
  GRAPH ?g {{ ?node a ?type . }}
  FILTER(STRSTARTS(STR(?type), STR(pg:)))
  OPTIONAL {{ ?node rdfs:label|skos:prefLabel ?name . }}
}} GROUP BY ?plan ?node ?type
"""
LINK_PROPERTIES = ("hasFocusArea", "hasGoal", "hasMalbild", "contributesTo", "servesGoal", "measuredBy",
                   "dataSource", "responsibleFor", "hasResponsible", "targetGroup", "assumes", "budget",
                   "partOf", "hasPart", "followsUpIn", "requires")
LINKS = f"""
PREFIX pg: <{PG_NS}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT DISTINCT ?plan ?s ?p ?o WHERE {{
  VALUES ?p {{ {" ".join("pg:" + p for p in LINK_PROPERTIES)} dct:publisher
              skos:exactMatch skos:closeMatch skos:broadMatch skos:broader }}
  {PLAN_PATTERN}
  GRAPH ?g {{ ?s ?p ?o . }}
}}
"""
REFERENCE = """
PREFIX pg: <https://w3id.org/plangraf/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?type (COALESCE(SAMPLE(?sv), SAMPLE(?name)) AS ?label) WHERE {
  VALUES ?node { %s }
  ?node a ?type .
  FILTER(STRSTARTS(STR(?type), STR(pg:)))
  OPTIONAL { ?node skos:prefLabel|rdfs:label ?name . }
  OPTIONAL { ?node skos:prefLabel ?sv . FILTER(LANG(?sv) = "sv") }
} GROUP BY ?node ?type
"""
SUBCLASSES = "SELECT ?sub ?super WHERE { ?sub <http://www.w3.org/2000/01/rdf-schema#subClassOf>+ ?super }"


def _local(iri: str) -> str:
    return iri[len(PG_NS):] if iri.startswith(PG_NS) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _kinds(store: Store) -> dict[str, set[str]]:
    """pg: class local name -> the pg: classes it is a subclass of (itself included)."""
    supers: dict[str, set[str]] = {k: {k} for k in KINDS}
    for row in store.query(SUBCLASSES).rows:
        sub, sup = str(row[0]), str(row[1])
        if sub.startswith(PG_NS) and sup.startswith(PG_NS):
            supers.setdefault(_local(sub), {_local(sub)}).add(_local(sup))
    return supers


def project(store: Store, plan: str | None = None, *, reference: bool = True) -> nx.MultiDiGraph:
    """The plans in ``store`` (or one, named as the queries accept it) as a typed networkx graph.

    With ``reference`` (the default), reference nodes that plan nodes are mapped to (skos:exactMatch,
    broadMatch …: national focus areas) or that publish a plan (dct:publisher: a region) are added
    too, so plans that share a national focus area or publisher are linked through it."""
    bind: dict[str, Node] = {"plan": resolve_plan(store, plan)} if plan else {}
    supers = _kinds(store)
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    types: dict[str, set[str]] = {}
    for row in store.query(inline_values(NODES, bind) if bind else NODES).dicts():
        node, t = str(row["node"]), _local(str(row["type"]))
        if t in SKIP_TYPES:
            continue
        if node not in G:
            G.add_node(node, label=str(row.get("label", "")) or _local(node), plans=set())
        G.nodes[node]["plans"].add(str(row["plan"]))
        if row.get("label") is not None and not G.nodes[node]["label"]:
            G.nodes[node]["label"] = str(row["label"])
        types.setdefault(node, set()).add(t)
    pending: list[tuple[str, str, str, str]] = []
    for row in store.query(inline_values(LINKS, bind) if bind else LINKS).dicts():
        s, p, o, pl = str(row["s"]), str(row["p"]), str(row["o"]), str(row["plan"])
        if s in G and o in G:
            G.add_edge(s, o, key=_local(p), relation=_local(p), plan=pl)
        elif reference and s in G and p == DCT_PUBLISHER or reference and s in G and p in MAPPING:
            pending.append((s, p, o, pl))
    if pending:
        targets = sorted({o for _s, _p, o, _pl in pending})
        for row in store.query(REFERENCE % " ".join(URIRef(t).n3() for t in targets)).dicts():
            node = str(row["node"])
            if node not in G:
                G.add_node(node, label=str(row.get("label", "")) or _local(node), plans=set(), reference=True)
            types.setdefault(node, set()).add(_local(str(row["type"])))
        for s, p, o, pl in pending:
            if o in G:
                G.add_edge(s, o, key=_local(p), relation=_local(p), plan=pl)
                G.nodes[o]["plans"].add(pl)
    for node, ts in types.items():
        G.nodes[node]["type"] = _most_specific(ts, supers)
        G.nodes[node]["kind"] = _kind(G.nodes[node]["type"], supers)
        G.nodes[node].setdefault("reference", False)
    return G


def _most_specific(types: set[str], supers: dict[str, set[str]]) -> str:
    for t in sorted(types):
        if not any(t != u and t in supers.get(u, {u}) for u in types):
            return t
    return min(types)


def _kind(t: str, supers: dict[str, set[str]]) -> str:
    for k in KINDS:
        if k in supers.get(t, {t}):
            return k
    return t


def plan_nodes(G: nx.MultiDiGraph) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "Plan")


def components_per_plan(G: nx.MultiDiGraph) -> dict[str, list[set[str]]]:
    """Each plan's connected pieces (links of that plan's document only), largest first; the
    piece with the plan node comes first whatever its size."""
    out: dict[str, list[set[str]]] = {}
    for plan in sorted({p for _n, d in G.nodes(data=True) for p in d.get("plans", ())}):
        H: nx.Graph[str] = nx.Graph()
        H.add_nodes_from(n for n, d in G.nodes(data=True) if plan in d.get("plans", ()))
        H.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d.get("plan") == plan and u in H and v in H)
        comps = sorted(nx.connected_components(H), key=lambda c: (plan not in c, -len(c), min(c)))
        out[plan] = comps
    return out


def islands(G: nx.MultiDiGraph, plan: str) -> list[set[str]]:
    """The pieces of ``plan`` that do not contain the plan node."""
    return [c for c in components_per_plan(G).get(plan, []) if plan not in c]


def bridges(G: nx.MultiDiGraph, min_plans: int = 2) -> list[dict[str, object]]:
    """Nodes that occur in ``min_plans`` or more plans, most plans first: shared bodies, data
    sources, national focus areas, target groups."""
    out = []
    for n, d in G.nodes(data=True):
        plans = d.get("plans", set())
        if len(plans) >= min_plans and d.get("kind") != "Plan":
            out.append({"node": n, "label": d.get("label", ""), "type": d.get("type", ""),
                        "kind": d.get("kind", ""), "plans": sorted(plans)})
    return sorted(out, key=lambda b: (-len(b["plans"]), str(b["kind"]), str(b["label"])))  # type: ignore[arg-type]


def central_activities(G: nx.MultiDiGraph, k: int = 10, plan: str | None = None,
                       measure: str = "betweenness", sample: int = 400) -> list[dict[str, object]]:
    """The ``k`` most central activities (of one plan, or of all), by ``measure``: ``betweenness``
    (how much of the chain runs through it; sampled from ``sample`` sources on big graphs, with a
    fixed seed), ``degree`` or ``pagerank``."""
    nodes = [n for n, d in G.nodes(data=True) if plan is None or plan in d.get("plans", ())]
    H: nx.Graph[str] = nx.Graph(G.subgraph(nodes).to_undirected(as_view=False))
    if measure == "betweenness":
        scores = nx.betweenness_centrality(H, k=min(sample, len(H)) if len(H) > sample else None, seed=7)
    elif measure == "degree":
        scores = nx.degree_centrality(H)
    elif measure == "pagerank":
        scores = nx.pagerank(H) if len(H) else {}
    else:
        raise ValueError(f"unknown centrality measure {measure!r}; one of betweenness, degree, pagerank")
    acts = [n for n in H if G.nodes[n].get("kind") == "Activity"]
    ranked = sorted(acts, key=lambda n: (-scores.get(n, 0.0), G.nodes[n].get("label", ""), n))[:k]
    return [{"node": n, "label": G.nodes[n].get("label", ""), "score": round(scores.get(n, 0.0), 4),
             "degree": H.degree(n), "plans": sorted(G.nodes[n].get("plans", ()))} for n in ranked]


def summary(G: nx.MultiDiGraph) -> list[dict[str, object]]:
    """Per plan: nodes, links, pieces, islands and how many nodes sit in islands."""
    out = []
    for plan, comps in components_per_plan(G).items():
        isl = [c for c in comps if plan not in c]
        nodes = sum(len(c) for c in comps)
        kinds = Counter(G.nodes[n].get("kind") for c in isl for n in c)
        out.append({"plan": plan, "label": G.nodes[plan].get("label", "") if plan in G else "",
                    "nodes": nodes, "links": sum(1 for *_e, d in G.edges(data=True) if d.get("plan") == plan),
                    "components": len(comps), "islands": len(isl), "island_nodes": sum(len(c) for c in isl),
                    "island_kinds": dict(kinds)})
    return out


def export(G: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write GraphML (``.graphml``) or GEXF (``.gexf``) for Gephi; ``fmt`` overrides the suffix."""
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    H: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _flat(v) for k, v in d.items()})
    for u, v, key, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _flat(x) for k, x in d.items()})
    if fmt == "graphml":
        nx.write_graphml(H, path)
    elif fmt == "gexf":
        nx.write_gexf(H, path)
    else:
        raise ValueError(f"unknown export format {fmt!r}; use graphml or gexf")
    return path


def _flat(v: object) -> str | int | float | bool:
    if isinstance(v, (set, list, tuple)):
        return ";".join(sorted(str(x) for x in v))
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


__all__ = [
    "bridges",
    "central_activities",
    "components_per_plan",
    "export",
    "islands",
    "plan_nodes",
    "project",
    "summary",
]
