"""Run the SHACL audit rules (shapes.ttl) on a graph with pySHACL and read the report back.

Why a helper: every caller (the audit, the tests, the CLI) must pass the same shapes and the
ontology as ``ont_graph`` (so rdfs:subClassOf is known: a pg:LongTermGoal is a pg:Goal) and read
the same fields from the report. ``inference="none"`` is the default: SHACL's class targets
already follow rdfs:subClassOf, and RDFS closure over a document graph costs seconds without
changing which rules fire on well-typed extractions.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

SHAPES_NS = "https://w3id.org/plangraf/shapes#"


@dataclass(frozen=True)
class Finding:
    """One validation result: which rule (shape), which node, how serious, and why."""

    shape: Node                         # an IRI, or a blank node for an unnamed shape
    focus: Node
    severity: str                       # "Violation", "Warning" or "Info"
    messages: dict[str, str] = field(default_factory=dict)  # language -> message

    @property
    def rule(self) -> str:
        """The shape's local name, e.g. 'GoalWithoutIndicator'."""
        text = str(self.shape)
        return text.removeprefix(SHAPES_NS)

    def message(self, lang: str = "sv") -> str:
        return self.messages.get(lang) or next(iter(self.messages.values()), "")


@dataclass
class Report:
    conforms: bool
    findings: list[Finding]

    def rules(self) -> set[str]:
        return {f.rule for f in self.findings}

    def focus_nodes(self, rule: str) -> set[Node]:
        return {f.focus for f in self.findings if f.rule == rule}


def validate(data: Graph, *, inference: str = "none", only: str | None = None,
             allow_warnings: bool = False) -> Report:
    """Validate ``data`` against plangraf's shapes; the findings name their shape.

    ``only``: run one rule (a shape's local name, e.g. "GoalWithoutIndicator"). As in SHACL,
    any finding makes ``conforms`` false; ``allow_warnings=True`` lets warnings and infos pass.
    """
    import pyshacl

    from plangraf.ontology import ontology_graph, shapes_graph
    shapes = shapes_graph()
    if only is not None:
        shapes = restrict(shapes, only)
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology_graph(), inference=inference,
        allow_warnings=allow_warnings, abort_on_first=False)
    return Report(bool(conforms), read_findings(results))


def rule_names(shapes: Graph) -> list[str]:
    """Local names of the shapes with an IRI in the pg-shapes: namespace."""
    found = {str(s)[len(SHAPES_NS):] for t in (SH.NodeShape, SH.PropertyShape)
             for s in shapes.subjects(RDF.type, t) if str(s).startswith(SHAPES_NS)}
    return sorted(found)


def restrict(shapes: Graph, rule: str) -> Graph:
    """A copy of ``shapes`` in which every pg-shapes: rule but ``rule`` is deactivated."""
    names = rule_names(shapes)
    if rule not in names:
        raise ValueError(f"no such rule: {rule} (rules: {', '.join(names)})")
    out = Graph()
    out += shapes
    for name in names:
        if name != rule:
            out.add((URIRef(SHAPES_NS + name), SH.deactivated, Literal(True)))
    return out


def read_findings(results: Graph) -> list[Finding]:
    """The sh:ValidationResult nodes of a pySHACL results graph as :class:`Finding` objects."""
    out: list[Finding] = []
    for res in results.subjects(SH.resultSeverity, None):
        shape = results.value(res, SH.sourceShape)
        focus = results.value(res, SH.focusNode)
        severity = results.value(res, SH.resultSeverity)
        messages: dict[str, str] = {}
        for msg in results.objects(res, SH.resultMessage):
            lang = msg.language if isinstance(msg, Literal) and msg.language else ""
            messages.setdefault(lang, str(msg))
        sev = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        if shape is None or focus is None:  # SHACL requires both; skip a malformed result
            continue
        out.append(Finding(shape, focus, sev, messages))
    out.sort(key=lambda f: (f.rule, str(f.focus)))
    return out
