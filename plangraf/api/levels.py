"""The view's two levels: the overview of the loaded plans, and one plan's logic chain.

Each level is a list of nodes with a column and an order in it; the page (static/view.js) lets
vis-network size every node with its wrapped label, then stacks each column from those sizes, so
no two labels overlap and the first fit draws them at their font size (the canvas grows, the page
scrolls). Columns read left to right:

- overview: one column per plan (the plan, then its focus areas), and a last column of the
  nodes that link plans: national focus areas, and data sources and bodies used by more than one
  plan;
- one plan: fokusområde, målbild, mål, kortsiktigt mål, aktivitet, ansvarig/målgrupp, indikator,
  datakälla — målbild ← mål ← aktivitet → indikator → datakälla, with who is responsible beside
  the activities they own. Within a column, nodes follow the mean order of their neighbours in
  the columns to the left (barycentre), so chains run mostly straight.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from plangraf.api.view import Base, main_class
from plangraf.graph.store import Store
from plangraf.namespace import GRAPH_BASE, PG, REFERENCE_GRAPH

PGNS = str(PG._NS)
MAX_LABEL = 90           # characters drawn; the full text is on hover and in the panel
MAX_AREAS = 14           # focus areas per plan in the overview; the rest behind "… N till"

# kind -> (Swedish name, colour, vis-network shape). Every kind has its own colour, and within
# each level (the overview; one plan) its own shape too: vis-network has 12 shapes for the 14 kinds
# the two levels draw, so a shape is reused only by kinds that never meet (Plan and Indicator are
# boxes, Nationellt fokusområde a square like Mål, Fler a dot like Aktivitet). The shapes that draw
# their label inside (box, ellipse, circle, database) go to kinds with short or boxed labels.
KINDS: dict[str, tuple[str, str, str]] = {
    "Plan": ("Plan", "#1f4e79", "box"),
    "Strategy": ("Strategi", "#3a7ca5", "box"),
    "FocusArea": ("Fokusområde", "#7030a0", "hexagon"),
    "NationalFocusArea": ("Nationellt fokusområde", "#b07cc6", "square"),
    "Malbild": ("Målbild", "#c00000", "star"),
    "LongTermGoal": ("Långsiktigt mål", "#b34700", "diamond"),
    "Goal": ("Mål", "#f28e2b", "square"),
    "ShortTermGoal": ("Kortsiktigt mål", "#e6b422", "triangle"),
    "Activity": ("Aktivitet", "#2ca02c", "dot"),
    "Intervention": ("Insats", "#17becf", "triangleDown"),
    "ResponsibleBody": ("Ansvarig", "#8c564b", "ellipse"),
    "TargetGroup": ("Målgrupp", "#b5478f", "circle"),
    "Indicator": ("Indikator", "#1f77b4", "box"),
    "DataSource": ("Datakälla", "#555555", "database"),
    "More": ("Fler (öppna planen)", "#9a9a9a", "dot"),
}
PLAN_COLUMNS: list[tuple[str, ...]] = [
    ("FocusArea",), ("Malbild",), ("LongTermGoal", "Goal"), ("ShortTermGoal",), ("Intervention", "Activity"),
    ("ResponsibleBody", "TargetGroup"), ("Indicator",), ("DataSource",),
]
COLUMN_NAMES = ["Fokusområden", "Målbilder", "Mål", "Kortsiktiga mål", "Aktiviteter", "Ansvariga och målgrupper",
                "Indikatorer", "Datakällor"]

PLANS_QUERY = f"""PREFIX pg: <{PGNS}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?g ?plan ?label WHERE {{
  GRAPH ?g {{ ?plan a pg:Plan ; pg:sourceDocument ?doc . }}
  OPTIONAL {{ ?plan rdfs:label ?label . }}
}}"""
# Document nodes linked to reference nodes (national focus areas, data sources, bodies), per graph.
LINKS_QUERY = f"""PREFIX pg: <{PGNS}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?g ?x ?ref ?type ?label WHERE {{
  GRAPH ?g {{ ?x ?p ?ref . }}
  FILTER(?g != <{REFERENCE_GRAPH}> && STRSTARTS(STR(?g), "{GRAPH_BASE}") && ?p != rdf:subject && ?p != rdf:object)
  GRAPH <{REFERENCE_GRAPH}> {{ ?ref a ?type . }}
  VALUES ?type {{ pg:FocusArea pg:DataSource pg:ResponsibleBody }}
  OPTIONAL {{ GRAPH <{REFERENCE_GRAPH}> {{ ?ref skos:prefLabel ?label . FILTER(LANGMATCHES(LANG(?label), "sv")) }} }}
}}"""


def short_label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"


def kind_style(kind: str) -> dict[str, str]:
    name, colour, shape = KINDS.get(kind, (kind, "#888888", "dot"))
    return {"name": name, "color": colour, "shape": shape}


def node(key: str, label: str, kind: str, col: int, order: int, **extra: Any) -> dict[str, Any]:
    return {"id": key, "label": short_label(label), "full": label, "kind": kind, "col": col, "order": order,
            **kind_style(kind), **extra}


def plan_list(store: Store) -> list[dict[str, str]]:
    """The loaded plans: document id, plan IRI and title, ordered by title."""
    seen: dict[str, dict[str, str]] = {}
    for g, plan, label in store.query(PLANS_QUERY).rows:
        doc = str(g).removeprefix(GRAPH_BASE)
        title = str(label) if label is not None else doc
        if doc not in seen or len(title) > len(seen[doc]["title"]):
            seen[doc] = {"id": doc, "plan": str(plan), "title": title}
    return sorted(seen.values(), key=lambda p: p["title"].lower())


def overview(store: Store, base: Base) -> dict[str, Any]:
    """Plans with their focus areas, and the shared nodes that link them."""
    from plangraf import queries as catalogue
    plans = plan_list(store)
    info = {str(r["plan"]): r for r in catalogue.run(store, "plans-overview", {}).dicts()}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    areas_of: dict[str, list[str]] = defaultdict(list)
    for k, n in base.nodes.items():
        if "FocusArea" in n["classes"]:
            for d in n["docs"]:
                areas_of[d].append(k)
    for col, p in enumerate(plans):
        r = info.get(p["plan"], {})
        facts = [str(r[k]) for k in ("publisher", "period") if r.get(k) is not None and str(r.get(k))]
        counts = " · ".join(f"{r[k]} {name}" for k, name in (("goals", "mål"), ("activities", "aktiviteter"),
                                                               ("indicators", "indikatorer")) if k in r)
        pid = "plan:" + p["id"]
        nodes.append(node(pid, p["title"], "Plan", col, 0, plan=p["id"], facts=" · ".join(facts), counts=counts,
                          tooltip="\n".join([p["title"], *facts, counts])))
        areas = sorted(areas_of.get(p["id"], []), key=lambda k: (base.nodes[k]["label"] or k).lower())
        for i, k in enumerate(areas[:MAX_AREAS]):
            nodes.append(node(k, base.nodes[k]["label"] or k, "FocusArea", col, i + 1, plan=p["id"]))
            edges.append({"from": pid, "to": k, "title": "fokusområde"})
        if len(areas) > MAX_AREAS:
            more = f"… och {len(areas) - MAX_AREAS} fokusområden till: öppna planen"
            nodes.append(node("more:" + p["id"], more, "More", col, MAX_AREAS + 1, plan=p["id"]))
            edges.append({"from": pid, "to": "more:" + p["id"], "title": "fokusområde"})
    shown = {n["id"] for n in nodes}
    # reference nodes: national focus areas always, data sources and bodies when several plans use them
    used: dict[str, dict[str, Any]] = {}
    for g, x, ref, typ, label in store.query(LINKS_QUERY).rows:
        doc = str(g).removeprefix(GRAPH_BASE)
        kind = str(typ).removeprefix(PGNS)
        u = used.setdefault(str(ref), {"kind": kind, "label": None, "links": set(), "docs": set()})
        u["docs"].add(doc)
        u["links"].add((doc, str(x)))
        if label is not None:
            u["label"] = str(label)
    order = {"FocusArea": 0, "DataSource": 1, "ResponsibleBody": 2}
    keep = [(k, u) for k, u in used.items() if u["kind"] == "FocusArea" or len(u["docs"]) > 1]
    keep.sort(key=lambda ku: (order[ku[1]["kind"]], (ku[1]["label"] or ku[0]).lower()))
    last = len(plans)
    for i, (k, u) in enumerate(keep):
        kind = "NationalFocusArea" if u["kind"] == "FocusArea" else u["kind"]
        nodes.append(node(k, u["label"] or base.nodes.get(k, {}).get("label") or k, kind, last, i,
                          plans=sorted(u["docs"])))
        pairs = set()
        for doc, x in u["links"]:
            src = x if x in shown else "plan:" + doc
            if src in shown or src.startswith("plan:"):
                pairs.add(src)
        edges += [{"from": s, "to": k, "title": "länkar"} for s in sorted(pairs)]
    return {"level": "overview", "nodes": nodes, "edges": edges, "plans": plans,
            "columns": [""] * len(plans) + ["Gemensamt för flera planer"],
            "legend": legend(nodes)}


def plan_level(store: Store, base: Base, plan: str) -> dict[str, Any]:
    """One plan's logic chain, one column per step (see the module docstring)."""
    plans = plan_list(store)
    match = [p for p in plans if p["id"] == plan] or [p for p in plans if p["id"].startswith(plan)]
    if len(match) != 1:
        raise KeyError(f"no plan {plan!r}" if not match else f"{plan!r} names {len(match)} plans")
    doc = match[0]["id"]
    members = {k for k, n in base.nodes.items() if doc in n["docs"]}
    columns: list[list[str]] = [[] for _ in PLAN_COLUMNS]
    kind_of: dict[str, str] = {}
    for k in members:
        kind = main_class(base.nodes[k]["classes"])
        for i, kinds in enumerate(PLAN_COLUMNS):
            if kind in kinds:
                columns[i].append(k)
                kind_of[k] = kind
                break
    inside = set(kind_of)
    links = [(s, p, o) for s, p, o in base.edges if s in inside and o in inside]
    neighbours: dict[str, list[str]] = defaultdict(list)
    for s, _p, o in links:
        neighbours[s].append(o)
        neighbours[o].append(s)
    rank: dict[str, float] = {}
    nodes: list[dict[str, Any]] = []
    col = 0
    for members_of_col in columns:
        if not members_of_col:
            continue

        def key(k: str) -> tuple[float, str]:
            seen = [rank[n] for n in neighbours.get(k, ()) if n in rank]
            return (sum(seen) / len(seen) if seen else 2.0, (base.nodes[k]["label"] or k).lower())
        members_of_col.sort(key=key)
        for i, k in enumerate(members_of_col):
            rank[k] = i / len(members_of_col)
            n = base.nodes[k]
            nodes.append(node(k, n["label"] or k, kind_of[k], col, i, source=n["source"],
                              flags=base.flags.get(k, []), classes=sorted(n["classes"])))
        col += 1
    edges = [{"from": s, "to": o, "title": p} for s, p, o in links]
    names = [COLUMN_NAMES[i] for i, c in enumerate(columns) if c]
    return {"level": "plan", "plan": match[0], "plans": plans, "nodes": nodes, "edges": edges,
            "columns": names, "legend": legend(nodes)}


def legend(nodes: list[dict[str, Any]]) -> list[dict[str, str]]:
    present = {n["kind"] for n in nodes}
    return [{"kind": k, **kind_style(k)} for k in KINDS if k in present]
