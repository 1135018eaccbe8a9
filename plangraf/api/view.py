"""The network view: graph data for vis-network, with a layout computed here (networkx) so the
browser never runs physics on a big graph, and a server-side filter so a page never receives
more than ``max_nodes`` nodes.

The same data serves ``/view`` (vis-network from the package's static files) and
``plangraf view -o file.html`` (one offline file with the script inlined).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

import networkx as nx
from rdflib import Literal, URIRef

from plangraf.graph.store import Store
from plangraf.namespace import GRAPH_BASE, ID_BASE, ONTOLOGY_GRAPH, PG, REFERENCE_GRAPH

PGNS = str(PG._NS)
# class -> (colour, vis shape) for the filterable /view/data API (the page's levels use
# plangraf.api.levels.KINDS, which this mirrors): one colour per class; vis-network has fewer
# shapes than there are classes, so a few share a shape (never a colour).
STYLE: dict[str, tuple[str, str]] = {
    "Plan": ("#1f4e79", "box"), "Strategy": ("#3a7ca5", "box"), "FocusArea": ("#7030a0", "hexagon"),
    "Malbild": ("#c00000", "star"), "Goal": ("#f28e2b", "square"), "LongTermGoal": ("#b34700", "diamond"),
    "ShortTermGoal": ("#e6b422", "triangle"), "Activity": ("#2ca02c", "dot"), "Intervention": ("#17becf", "triangleDown"),
    "Indicator": ("#1f77b4", "box"), "DataSource": ("#555555", "database"),
    "Assumption": ("#a5a5a5", "text"), "ResponsibleBody": ("#8c564b", "ellipse"),
    "TargetGroup": ("#b5478f", "circle"), "Budget": ("#548235", "triangleDown"),
}
# When a node has several classes, show the most specific/important.
PRIORITY = ["Malbild", "LongTermGoal", "ShortTermGoal", "Goal", "Intervention", "Activity", "Indicator",
            "DataSource", "ResponsibleBody", "TargetGroup", "FocusArea", "Budget", "Assumption", "Strategy", "Plan"]

NODES_QUERY = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX pg: <{PGNS}>
SELECT ?node ?cls ?label ?g ?start ?end ?quote WHERE {{
  GRAPH ?g {{ ?node a ?cls }}
  FILTER(STRSTARTS(STR(?cls), "{PGNS}") && ?cls != pg:SourceFile)
  FILTER(?g != <{ONTOLOGY_GRAPH}> && ?g != <{REFERENCE_GRAPH}>)
  OPTIONAL {{ GRAPH ?g {{ ?node rdfs:label ?label }} }}
  OPTIONAL {{ GRAPH ?g {{ ?node prov:wasDerivedFrom ?src . ?src pg:startLine ?start ; pg:endLine ?end .
             OPTIONAL {{ ?src oa:hasSelector/oa:exact ?quote }} }} }}
}}"""
EDGES_QUERY = f"""SELECT DISTINCT ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER(STRSTARTS(STR(?p), "{PGNS}") && isIRI(?o) && ?p != <{PGNS}sourceDocument>)
  FILTER(?g != <{ONTOLOGY_GRAPH}> && ?g != <{REFERENCE_GRAPH}>)
}}"""
FOCUS_QUERY = f"""PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?area ?national WHERE {{
  ?area a <{PGNS}FocusArea> .
  OPTIONAL {{ ?area skos:broadMatch|skos:exactMatch|skos:closeMatch ?national .
             ?national skos:inScheme ?scheme }}
}}"""
GAP_QUERIES = ("goals-without-indicators", "indicators-without-data-source", "activities-without-goal",
               "activities-without-responsible")


def fold(text: str) -> str:
    """Case- and accent-insensitive search key: 'Hälsa' -> 'halsa'."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass
class Filters:
    document: str | None = None
    classes: list[str] = field(default_factory=list)
    focus_area: str | None = None
    region: str | None = None
    search: str | None = None


def doc_id(graph: str) -> str:
    return graph.removeprefix(GRAPH_BASE)


def short_id(iri: str) -> str:
    return iri.removeprefix(ID_BASE)


def collect(store: Store) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, str]]]:
    """All document nodes (one entry per node, first provenance) and pg: edges between them."""
    nodes: dict[str, dict[str, Any]] = {}
    for node, cls, label, g, start, end, quote in store.query(NODES_QUERY).rows:
        key = str(node)
        name = str(cls)[len(PGNS):]
        n = nodes.setdefault(key, {"id": key, "classes": set(), "label": None, "docs": set(), "source": None})
        n["classes"].add(name)
        n["docs"].add(doc_id(str(g)))
        if label is not None and (n["label"] is None or len(str(label)) > len(n["label"])):
            n["label"] = str(label)
        if start is not None and n["source"] is None:
            # pg:startLine and pg:endLine are integer literals, bound together in one OPTIONAL
            n["source"] = {"doc": doc_id(str(g)), "start": int(cast(Literal, start)), "end": int(cast(Literal, end)),
                           "quote": str(quote) if quote is not None else ""}
    edges = [(str(s), str(p)[len(PGNS):], str(o)) for s, p, o in store.query(EDGES_QUERY).rows
             if str(s) in nodes and str(o) in nodes]
    return nodes, edges


def flagged(store: Store) -> dict[str, list[str]]:
    """Node IRI -> names of the gap queries that list it (empty when the catalogue is absent)."""
    from plangraf import queries as catalogue
    out: dict[str, list[str]] = {}
    if not hasattr(catalogue, "list_queries"):
        return out
    known = {q.name for q in catalogue.list_queries()}
    for name in GAP_QUERIES:
        if name not in known:
            continue
        res = catalogue.run(store, name, {})
        for row in res.rows:
            first = next((t for t in row if isinstance(t, URIRef)), None)
            if first is not None:
                out.setdefault(str(first), []).append(name)
    return out


def select(nodes: dict[str, dict[str, Any]], edges: list[tuple[str, str, str]], f: Filters,
           store: Store) -> set[str]:
    keep = set(nodes)
    if f.document:
        keep = {k for k in keep if f.document in nodes[k]["docs"]}
    if f.region:
        code = re.sub(r"\D", "", f.region)
        docs = {d for k, n in nodes.items() for d in n["docs"]
                if re.search(rf"/(region/{code}$|municipality/{code}\d\d$)", k)}
        keep = {k for k in keep if nodes[k]["docs"] & docs}
    if f.classes:
        wanted = set(f.classes)
        keep = {k for k in keep if nodes[k]["classes"] & wanted}
    if f.focus_area or f.search:
        g: nx.Graph[str] = nx.Graph()
        g.add_edges_from((s, o) for s, _p, o in edges)
        seeds: set[str] = set()
        if f.focus_area:
            key = fold(f.focus_area)
            national = {str(a) for a, nat in store.query(FOCUS_QUERY).rows
                        if nat is not None and (str(nat) == f.focus_area or str(nat).endswith("/" + f.focus_area))}
            seeds |= {k for k, n in nodes.items() if "FocusArea" in n["classes"]
                      and (k in national or key in fold(n["label"] or ""))}
        if f.search:
            key = fold(f.search)
            seeds |= {k for k, n in nodes.items() if key in fold(n["label"] or "")}
        near = set(seeds)
        for s in seeds:
            if s in g:
                near |= set(nx.single_source_shortest_path_length(g, s, cutoff=2 if f.focus_area else 1))
        keep &= near
    return keep


# Columns of the layout, left to right: the logic chain reads plan -> goal -> activity -> measure.
LAYERS = [("Plan", "Strategy"), ("FocusArea",), ("Malbild",), ("LongTermGoal", "Goal"), ("ShortTermGoal",),
          ("Intervention", "Activity"), ("Indicator",), ("DataSource",),
          ("ResponsibleBody", "TargetGroup", "Budget", "Assumption")]
COL_W, ROW_H, PER_COL, BAND_GAP = 300.0, 50.0, 30, 300.0


def layer_of(classes: set[str]) -> int:
    for i, names in enumerate(LAYERS):
        if classes & set(names):
            return i
    return len(LAYERS) - 1


def layout(nodes: dict[str, dict[str, Any]], edges: list[tuple[str, str, str]]) -> dict[str, tuple[float, float]]:
    """A layered layout, one horizontal band per document and one column per step of the logic
    chain; within a column nodes are ordered by the mean position of their neighbours to the
    left (barycentre), so chains run mostly straight. Linear time: a force layout took 17 s
    on the sample corpus once reference linking joined the documents into one component."""
    neighbours: dict[str, list[str]] = {}
    for s, _p, o in edges:
        neighbours.setdefault(s, []).append(o)
        neighbours.setdefault(o, []).append(s)
    bands: dict[str, list[str]] = {}
    for k in sorted(nodes):
        bands.setdefault(min(nodes[k]["docs"]), []).append(k)
    pos: dict[str, tuple[float, float]] = {}
    y0 = 0.0
    for doc in sorted(bands):
        columns: list[list[str]] = [[] for _ in LAYERS]
        for k in bands[doc]:
            columns[layer_of(nodes[k]["classes"])].append(k)
        x, height = 0.0, 0.0
        rank: dict[str, float] = {}
        for col in columns:
            if not col:
                continue
            def key(k: str, rank: dict[str, float] = rank) -> tuple[float, str]:
                seen = [rank[n] for n in neighbours.get(k, ()) if n in rank]
                return (sum(seen) / len(seen) if seen else 1e9, nodes[k]["label"] or k)
            col.sort(key=key)
            subcols = (len(col) + PER_COL - 1) // PER_COL
            for i, k in enumerate(col):
                sub, row = divmod(i, PER_COL)
                pos[k] = (x + sub * COL_W * 0.8, y0 + row * ROW_H + (sub % 2) * ROW_H / 2)
                rank[k] = i / max(len(col), 1)
            x += COL_W * (0.8 * subcols + 0.4)
            height = max(height, min(len(col), PER_COL) * ROW_H)
        y0 += height + BAND_GAP
    return pos


def main_class(classes: set[str]) -> str:
    return next((c for c in PRIORITY if c in classes), min(classes))


@dataclass
class Base:
    """Everything the view needs from the store, computed once: nodes, edges, positions, flags."""

    nodes: dict[str, dict[str, Any]]
    edges: list[tuple[str, str, str]]
    pos: dict[str, tuple[float, float]]
    flags: dict[str, list[str]]


def base_data(store: Store) -> Base:
    nodes, edges = collect(store)
    return Base(nodes, edges, layout(nodes, edges), flagged(store))


def view_data(store: Store, filters: Filters | None = None, max_nodes: int = 3000,
              base: Base | None = None) -> dict[str, Any]:
    """Filtered view data. Positions come from one layout of the whole graph, so a node stays
    where it was when filters change; pass a cached ``base`` to skip the store and the layout."""
    f = filters or Filters()
    b = base or base_data(store)
    nodes, edges = b.nodes, b.edges
    keep = select(nodes, edges, f, store)
    truncated = len(keep) > max_nodes
    if truncated:  # keep the best-connected nodes
        degree: dict[str, int] = {}
        for s, _p, o in edges:
            degree[s] = degree.get(s, 0) + 1
            degree[o] = degree.get(o, 0) + 1
        keep = set(sorted(keep, key=lambda k: -degree.get(k, 0))[:max_nodes])
    out_nodes = []
    for k in sorted(keep):
        n = nodes[k]
        cls = main_class(n["classes"])
        colour, shape = STYLE.get(cls, ("#888888", "dot"))
        label = n["label"] or short_id(k)
        x, y = b.pos[k]
        out_nodes.append({
            "id": k, "short": short_id(k), "label": label if len(label) <= 48 else label[:46] + "…",
            "full": label, "cls": cls, "classes": sorted(n["classes"]), "docs": sorted(n["docs"]),
            "source": n["source"], "flags": b.flags.get(k, []), "x": round(x, 1), "y": round(y, 1),
            "color": colour, "shape": shape,
        })
    out_edges = [{"from": s, "to": o, "label": p} for s, p, o in edges if s in keep and o in keep]
    all_docs = sorted({d for n in nodes.values() for d in n["docs"]})
    areas = sorted({n["label"] for n in nodes.values() if "FocusArea" in n["classes"] and n["label"]})
    return {
        "nodes": out_nodes, "edges": out_edges, "truncated": truncated, "total_nodes": len(nodes),
        "documents": all_docs, "focus_areas": areas, "classes": [c for c in PRIORITY if c in STYLE],
        "style": {c: {"color": STYLE[c][0], "shape": STYLE[c][1]} for c in PRIORITY if c in STYLE},
        "filters": f.__dict__,
    }


def static_text(name: str) -> str:
    return resources.files("plangraf.api").joinpath("static", name).read_text(encoding="utf-8")


def page(data: dict[str, Any] | None, *, inline_js: bool) -> str:
    """The view's HTML. With data, it is embedded (offline file); without, the page fetches it."""
    html = static_text("view.html")
    script = (f"<script>{static_text('vis-network/vis-network.min.js')}</script>" if inline_js
              else '<script src="/static/vis-network/vis-network.min.js"></script>')
    payload = "null" if data is None else json.dumps(data, ensure_ascii=False)
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    return (html.replace("<!--VIS-->", script)
            .replace("/*DATA*/null", payload)
            .replace("<!--APPJS-->", f"<script>{static_text('view.js')}</script>"))


def render_offline(store: Store, document: str | None = None, max_nodes: int = 3000) -> str:
    """One HTML file with vis-network and the data of the overview and of every plan inlined
    (or of one plan, ``document``, which it then opens on)."""
    from plangraf.api.levels import overview, plan_level, plan_list
    b = base_data(store)
    plans = plan_list(store)
    if document:
        plans = [p for p in plans if p["id"] == document or p["id"].startswith(document)]
        if len(plans) != 1:
            raise KeyError(f"no plan {document!r} (see `plangraf documents`)")
    bundle = {"overview": overview(store, b), "plans": {p["id"]: plan_level(store, b, p["id"]) for p in plans},
              "start": plans[0]["id"] if document else ""}
    return page(bundle, inline_js=True)
