"""The audit's vocabulary: rules (with their twin queries), findings and the report object."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal
from rdflib.namespace import RDFS, SH

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
         "malbilder"),
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
    about: str = ""                 # for a passage (provenance record): the node it is provenance of

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
        out: list[tuple[dict[str, object], dict[str, list[Finding]]]] = []
        keys = [p["plan"] for p in self.plans] + [None]
        for key in keys:
            group: dict[str, list[Finding]] = {}
            for f in self.findings:
                if f.plan == key:
                    group.setdefault(f.rule, []).append(f)
            if key is None and not group:
                continue
            none: dict[str, object] = {"plan": None, "label": "", "document": ""}
            info = next((p for p in self.plans if p["plan"] == key), none)
            out.append((info, group))
        return out

    def to_json(self) -> str:
        from plangraf.audit.report import to_json
        return to_json(self)

    def to_markdown(self) -> str:
        from plangraf.audit.report import to_markdown
        return to_markdown(self)

    def to_html(self) -> str:
        from plangraf.audit.report import to_html
        return to_html(self)

    def to_csv(self) -> str:
        from plangraf.audit.report import to_csv
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
        sid = str(shape).removeprefix(SHAPES_NS)
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


