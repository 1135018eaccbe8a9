"""The audit: where is the chain goal → activity → indicator → data source broken, and who owns it?

The rules are the SHACL shapes in ``plangraf/ontology/shapes.ttl`` (their ids, severities and
Swedish/English messages), plus rules that only a query checks (a målbild no goal leads to).
Every rule has a *twin* in the query catalogue that gives the same focus nodes (a test holds the
two to that), so the audit can run in two ways:

- the twin queries, on the store itself: fast on any backend (Oxigraph answers each in well under a
  second at a million triples), and they bring the plan, first mention (line, quote) and the
  responsible bodies along;
- pySHACL on an rdflib copy of the data: exact SHACL semantics and any shape added later, but
  copying a million triples out of the store and validating them takes minutes.

``shacl="auto"`` (the default) always runs the twins and adds pySHACL when the data to validate
has at most ``shacl_limit`` triples; findings of both are merged by (rule, node). A shape with no
twin still runs through pySHACL (whatever the size), and says so in :attr:`AuditReport.engine`.

Scores: per plan, the share of goals with an indicator, of indicators with a data source, of
activities that serve a goal and of activities with a responsible body; ``completeness`` is
their mean (over the ones the plan has anything to count for).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.term import Node

from plangraf.graph.bind import inline_values
from plangraf.graph.results import QueryError
from plangraf.graph.store import Store
from plangraf.queries import PLAN_OF_GRAPH, load, plans, resolve_plan

SHAPES_NS = "https://w3id.org/plangraf/shapes#"
LANGS = ("sv", "en")
SEVERITIES = ("Violation", "Warning", "Info")
PROBLEMS_SV = {"no source document": "inget källdokument", "no quote": "inget citat",
               "no line numbers": "inga radnummer", "invalid line numbers": "ogiltiga radnummer",
               "confidence outside 0–1": "säkerhet utanför 0–1"}
SCORE_KEYS = ("goals_measured", "indicators_sourced", "activities_with_goal", "activities_responsible")


@dataclass(frozen=True)
class Rule:
    """One audit rule: the shape id, the twin query and the words for people."""

    id: str
    query: str
    node_var: str
    severity: str
    labels: dict[str, str]
    messages: dict[str, str]
    total: str | None = None        # plans-overview column that counts what the rule checks
    score: str | None = None        # name of the completeness share it lowers
    shape: bool = True              # defined in shapes.ttl (False: a query-only rule)


# Twins and defaults (used when shapes.ttl does not define the rule): id -> rule.
TWINS: dict[str, Rule] = {r.id: r for r in [
    Rule("GoalWithoutIndicator", "goals-without-indicators", "goal", "Warning",
         {"sv": "Mål utan indikator", "en": "Goal without indicator"},
         {"sv": "Målet mäts inte av någon indikator, varken direkt, genom delmål eller genom aktiviteter som tjänar det.",
          "en": "The goal is measured by no indicator, neither directly, through sub-goals nor through activities that serve it."},
         "goals", "goals_measured"),
    Rule("IndicatorWithoutDataSource", "indicators-without-data-source", "indicator", "Warning",
         {"sv": "Indikator utan datakälla", "en": "Indicator without data source"},
         {"sv": "Indikatorn saknar datakälla (pg:dataSource).", "en": "The indicator has no data source (pg:dataSource)."},
         "indicators", "indicators_sourced"),
    Rule("ActivityWithoutGoal", "activities-without-goal", "activity", "Warning",
         {"sv": "Aktivitet som inte tjänar något mål", "en": "Activity that serves no goal"},
         {"sv": "Aktiviteten är inte kopplad till något mål, varken själv, genom en överordnad aktivitet eller genom sitt fokusområde.",
          "en": "The activity is linked to no goal, neither itself, through a parent activity nor through its focus area."},
         "activities", "activities_with_goal"),
    Rule("ActivityWithoutResponsible", "activities-without-responsible", "activity", "Warning",
         {"sv": "Aktivitet utan ansvarig", "en": "Activity without responsible body"},
         {"sv": "Ingen ansvarig anges för aktiviteten eller för den aktivitet eller det område den hör till.",
          "en": "No responsible body is given for the activity or for the activity or area it belongs to."},
         "activities", "activities_responsible"),
    Rule("GoalWithoutResponsible", "goals-without-responsible", "goal", "Info",
         {"sv": "Mål utan ansvarig", "en": "Goal without responsible body"},
         {"sv": "Ingen ansvarig anges för målet eller för det område eller den helhet det hör till.",
          "en": "No responsible body is given for the goal or for the area or whole it belongs to."},
         "goals"),
    Rule("MalbildWithoutGoal", "malbilder-without-goals", "malbild", "Warning",
         {"sv": "Målbild utan mål", "en": "Målbild without goals"},
         {"sv": "Inget mål leder mot målbilden (pg:contributesTo, pg:partOf eller pg:hasGoal).",
          "en": "No goal leads to the målbild (pg:contributesTo, pg:partOf or pg:hasGoal)."},
         "malbilder", shape=False),
    Rule("NodeWithoutProvenance", "nodes-without-provenance", "node", "Violation",
         {"sv": "Nod utan proveniens", "en": "Node without provenance"},
         {"sv": "Noden saknar proveniens (prov:wasDerivedFrom) och kan inte spåras till källdokumentet.",
          "en": "The node has no provenance (prov:wasDerivedFrom) and cannot be traced to the source document."}),
    Rule("ProvenanceRecord", "incomplete-provenance", "passage", "Violation",
         {"sv": "Ofullständig proveniens", "en": "Incomplete provenance record"},
         {"sv": "Textstället saknar källdokument, citat eller giltiga radnummer, eller har en säkerhet utanför 0–1.",
          "en": "The passage lacks a source document, a quote or valid line numbers, or has a confidence outside 0–1."}),
]}


class AuditError(ValueError):
    """The audit cannot run as asked (unknown language or engine)."""


@dataclass
class Finding:
    rule: str
    severity: str
    node: str
    label: str = ""
    plan: str | None = None
    plan_label: str = ""
    document: str = ""              # document id (the named graph's name)
    file: str = ""
    line: int | None = None
    quote: str = ""
    responsible: str = ""
    detail: str = ""                # what the rule adds: what an indicator measures, what is wrong
    message: str = ""
    found_by: tuple[str, ...] = ("query",)

    def key(self) -> tuple[str, str]:
        return (self.rule, self.node)


@dataclass
class AuditReport:
    """Findings grouped by plan and rule, completeness scores per plan, and how it was computed."""

    lang: str
    rules: dict[str, Rule]
    plans: list[dict[str, object]]
    findings: list[Finding]
    scores: dict[str, dict[str, float | None]]
    engine: dict[str, object] = field(default_factory=dict)
    plan: str | None = None

    @property
    def exit_code(self) -> int:
        """1 when any finding is a violation (like a linter), else 0."""
        return 1 if any(f.severity == "Violation" for f in self.findings) else 0

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def by_plan(self) -> list[tuple[dict[str, object], dict[str, list[Finding]]]]:
        """(plan, {rule id: findings}) in plan order; findings outside any plan come last."""
        out = []
        keys = [p["plan"] for p in self.plans] + [None]
        for key in keys:
            group: dict[str, list[Finding]] = {}
            for f in self.findings:
                if f.plan == key:
                    group.setdefault(f.rule, []).append(f)
            if key is None and not group:
                continue
            info = next((p for p in self.plans if p["plan"] == key), {"plan": None, "label": "", "document": ""})
            out.append((info, group))
        return out

    def to_json(self) -> str:
        from plangraf.audit_report import to_json
        return to_json(self)

    def to_markdown(self) -> str:
        from plangraf.audit_report import to_markdown
        return to_markdown(self)

    def to_html(self) -> str:
        from plangraf.audit_report import to_html
        return to_html(self)

    def to_csv(self) -> str:
        from plangraf.audit_report import to_csv
        return to_csv(self)

    def render(self, fmt: str) -> str:
        """``json``, ``md``/``markdown``, ``html`` or ``csv``."""
        writers = {"json": self.to_json, "md": self.to_markdown, "markdown": self.to_markdown,
                   "html": self.to_html, "csv": self.to_csv}
        if fmt not in writers:
            raise AuditError(f"unknown report format {fmt!r}; one of html, md, json, csv")
        return writers[fmt]()


# -- rules from the shapes --------------------------------------------------------------------
@lru_cache(maxsize=1)
def rules() -> dict[str, Rule]:
    """The twins, with severity, labels and messages taken from shapes.ttl where it defines them,
    plus any shape without a twin (run through pySHACL only)."""
    from plangraf.ontology import shapes_graph
    g = shapes_graph()
    out = dict(TWINS)
    for shape in set(g.subjects(SH.severity, None)):
        sid = str(shape)[len(SHAPES_NS):] if str(shape).startswith(SHAPES_NS) else str(shape)
        sev = str(g.value(shape, SH.severity)).rsplit("#", 1)[-1]
        labels = _by_lang(g.objects(shape, RDFS.label))
        msg_nodes = list(g.objects(shape, SH.message))
        for c in g.objects(shape, SH.sparql):
            msg_nodes += list(g.objects(c, SH.message))
        messages = _by_lang(msg_nodes)
        base = out.get(sid)
        if base is None:
            out[sid] = Rule(sid, "", "", sev, labels or {"sv": sid, "en": sid}, messages or {"sv": sid, "en": sid})
        else:
            out[sid] = Rule(base.id, base.query, base.node_var, sev, {**base.labels, **labels},
                            {**base.messages, **messages}, base.total, base.score, True)
    return out


def _by_lang(literals) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out: dict[str, str] = {}
    for lit in literals:
        if isinstance(lit, Literal):
            out.setdefault(lit.language or "sv", " ".join(str(lit).split()))
    return out


# -- running ----------------------------------------------------------------------------------
def _run(store: Store, name: str, plan: URIRef | None) -> list[dict[str, Node]]:
    text = load(name).text
    return store.query(inline_values(text, {"plan": plan}) if plan is not None else text).dicts()


def _text(row: dict[str, Node], key: str) -> str:
    v = row.get(key)
    return "" if v is None else str(v)


def audit(store: Store, plan: str | None = None, lang: str = "sv", *, shacl: str = "auto",
          shacl_limit: int = 300_000) -> AuditReport:
    """Audit every plan in ``store`` (or one: a plan or document IRI, document id or prefix).

    ``shacl``: ``"auto"`` (twins always, pySHACL too when at most ``shacl_limit`` triples),
    ``"pyshacl"`` (twins and pySHACL whatever the size), ``"off"`` (twins only).
    Raises :class:`plangraf.queries.ParamError` for an unknown plan, :class:`AuditError` for a
    bad ``lang`` or ``shacl``, and the store's QueryError when a query fails.
    """
    if lang not in LANGS:
        raise AuditError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    if shacl not in ("auto", "pyshacl", "off"):
        raise AuditError(f"unknown shacl mode {shacl!r}; one of auto, pyshacl, off")
    t0 = time.perf_counter()
    plan_iri = resolve_plan(store, plan) if plan else None
    all_rules = rules()
    overview = _run(store, "plans-overview", plan_iri)
    plan_rows = [_plan_info(r) for r in overview]
    info = {p["plan"]: p for p in plan_rows}

    findings: dict[tuple[str, str], Finding] = {}
    for rule in all_rules.values():
        if not rule.query:
            continue
        for row in _run(store, rule.query, plan_iri):
            f = _finding(rule, row, info, lang)
            findings.setdefault(f.key(), f)
    engine: dict[str, object] = {"queries": sorted(r.query for r in all_rules.values() if r.query),
                                 "seconds_queries": round(time.perf_counter() - t0, 3)}

    untwinned = [r.id for r in all_rules.values() if not r.query]
    size = _size(store, plan_iri, plan_rows)
    run_shacl = shacl == "pyshacl" or (shacl == "auto" and (size <= shacl_limit or untwinned))
    if run_shacl:
        t1 = time.perf_counter()
        only = None if shacl == "pyshacl" or size <= shacl_limit else set(untwinned)
        _merge_shacl(store, plan_iri, plan_rows, findings, all_rules, lang, only)
        engine["shacl"] = "pyshacl" + (f" (shapes without a twin query only: {', '.join(sorted(only))})"
                                       if only else "")
        engine["seconds_shacl"] = round(time.perf_counter() - t1, 3)
    else:
        engine["shacl"] = (f"skipped: {size} triples > {shacl_limit}; the twin queries give the same findings"
                           if shacl == "auto" else "off")
    engine["triples"] = size
    engine["seconds"] = round(time.perf_counter() - t0, 3)

    order = {p["plan"]: i for i, p in enumerate(plan_rows)}
    out = sorted(findings.values(), key=lambda f: (order.get(f.plan, len(order)), SEVERITIES.index(f.severity)
                                                   if f.severity in SEVERITIES else 9,
                                                   f.rule, f.line if f.line is not None else 1 << 30, f.node))
    return AuditReport(lang, {k: v for k, v in all_rules.items()}, plan_rows, out,
                       _scores(plan_rows, out, all_rules), engine, str(plan_iri) if plan_iri else None)


def _plan_info(row: dict[str, Node]) -> dict[str, object]:
    doc = _text(row, "doc")
    counts = {k: int(row[k]) for k in ("focusAreas", "malbilder", "goals", "activities", "indicators",
                                       "dataSources", "bodies", "targetGroups") if k in row}
    plan = _text(row, "plan")
    return {"plan": plan, "label": _text(row, "planLabel"), "file": _text(row, "fileName"),
            "document": doc.rsplit("/", 1)[-1] if doc else "", "publisher": _text(row, "publisher"),
            "period": _text(row, "period"), "counts": counts}


def _finding(rule: Rule, row: dict[str, Node], info: dict[str, dict[str, object]], lang: str) -> Finding:
    plan = _text(row, "plan") or None
    p = info.get(plan or "", {})
    label = next((_text(row, k) for k in (f"{rule.node_var}Label", "nodeLabel") if row.get(k) is not None), "")
    line = row.get("line")
    detail = " ".join(x for x in (_text(row, "measures"), _text(row, "problem")) if x)
    node = _text(row, rule.node_var)
    if lang == "sv":
        for en, sv in PROBLEMS_SV.items():
            detail = detail.replace(en, sv)
    return Finding(rule.id, rule.severity, node, label, plan, str(p.get("label", "")), str(p.get("document", "")),
                   str(p.get("file", "")), int(line) if line is not None else None, _text(row, "quote"),
                   _text(row, "responsible"), detail, rule.messages.get(lang, ""))


def _size(store: Store, plan: URIRef | None, plan_rows: list[dict[str, object]]) -> int:
    if plan is None:
        return store.count()
    graph = _graph_of(store, plan)
    return store.count(graph) if graph is not None else 0


def _graph_of(store: Store, plan: URIRef) -> URIRef | None:
    return next((URIRef(p["g"]) for p in plans(store) if p["plan"] == str(plan)), None)


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


def _merge_shacl(store: Store, plan: URIRef | None, plan_rows: list[dict[str, object]],
                 findings: dict[tuple[str, str], Finding], all_rules: dict[str, Rule], lang: str,
                 only: set[str] | None) -> None:
    """Validate with pySHACL and merge its results into ``findings`` by (rule, node)."""
    from rdflib import Graph

    from plangraf.ontology.validate import validate
    if plan is not None:
        graph = _graph_of(store, plan)
        data = Graph()
        if graph is not None:
            data.parse(data=store.dump("nt", graph).decode("utf-8"), format="nt")
    else:
        data = store.union_graph()
    report = validate(data)
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
    iris = [URIRef(n) for _rule, n in new if n.startswith(("http:", "https:", "urn:"))]
    if iris:
        rows = store.query(LOOKUP % (" ".join(i.n3() for i in iris), PLAN_OF_GRAPH)).dicts()
        info = {p["plan"]: p for p in plan_rows}
        found = {}
        for row in rows:
            found.setdefault(str(row["node"]), row)
            if row.get("plan") is not None:
                found[str(row["node"])] = row
        for f in new.values():
            row = found.get(f.node, {})
            f.plan = _text(row, "plan") or None
            if plan is not None and f.plan not in (None, str(plan)):
                continue
            p = info.get(f.plan or "", {})
            f.label, f.quote = _text(row, "label"), _text(row, "quote")
            f.line = int(row["line"]) if row.get("line") is not None else None
            f.plan_label, f.document, f.file = (str(p.get("label", "")), str(p.get("document", "")),
                                                str(p.get("file", "")))
    findings.update(new)


def _scores(plan_rows: list[dict[str, object]], findings: list[Finding],
            all_rules: dict[str, Rule]) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for p in plan_rows:
        counts = p["counts"]
        assert isinstance(counts, dict)
        shares: dict[str, float | None] = {}
        for rule in all_rules.values():
            if not rule.score or not rule.total:
                continue
            total = int(counts.get(rule.total, 0))
            gaps = len({f.node for f in findings if f.rule == rule.id and f.plan == p["plan"]})
            shares[rule.score] = round(1 - min(gaps, total) / total, 3) if total else None
        known = [v for k, v in shares.items() if k in SCORE_KEYS and v is not None]
        shares["completeness"] = round(sum(known) / len(known), 3) if known else None
        out[str(p["plan"])] = shares
    return out



__all__ = ["audit", "AuditReport", "Finding", "Rule", "AuditError", "rules", "TWINS", "QueryError"]
