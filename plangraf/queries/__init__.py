"""The query catalogue: one SPARQL file per question, run with typed, safely bound parameters.

Each ``NAME.rq`` in this package is a complete SPARQL 1.1 query (PREFIXes inside) whose header
comments, in the manner of grlc, are YAML after ``#+``::

    #+ summary: one line for --list
    #+ description: |
    #+   what it answers and how it decides, for people who adapt it
    #+ params:
    #+   plan: {type: plan, example: "003", description: "one plan; all when left out"}
    #+ tags: [gap, audit]
    #+ one_of: [plan, focusArea]   (optional: at least one of these parameters must be given)

A parameter is a variable of the query with the same name. When given, its value is converted
to a typed RDF term (see :data:`PARAM_TYPES`) and bound through an inline ``VALUES`` block
(:func:`plangraf.graph.bind.inline_values`, which writes terms with ``n3()``): user text never
becomes query text, so quotes and braces in a value are just characters of a literal. When a
parameter is left out its variable stays free, which means "all". Every query is written so that
a parameter's variable is either bound by a mandatory pattern or tested in a FILTER
(``!BOUND(?p) || …``), never only inside an OPTIONAL, where a pre-bound value would leak.

Shared definitions, the same in every query and in the twin SHACL shapes (see each file's
description; tests/test_shape_twins.py checks that shape and query decide alike):

- *up* from an activity: ``(pg:partOf|^pg:hasPart|pg:hasFocusArea)*`` — parent activities, its focus
  area, parent areas; *up* from a goal: ``(pg:partOf|^pg:hasPart|^pg:hasGoal)*`` — parent goals and
  what states the goal (an area, activity or plan that ``pg:hasGoal`` it), and their parents;
- an activity *serves* a goal when something on its *up* path has ``pg:servesGoal``/``pg:hasGoal``
  to it (links stated at area level count);
- a goal is *measured* when it, a sub-goal or an activity serving one of those has ``pg:measuredBy``
  (``(^pg:partOf|pg:hasPart|^pg:servesGoal)*``), or what states it (``^pg:hasGoal``) has;
- a body is *responsible* for a node when it is ``pg:responsibleFor`` something on the node's *up*
  path (or that thing ``pg:hasResponsible`` it);
- a node belongs to a plan when it is typed in the plan's document graph (see :data:`PLAN_PATTERN`).

Written for Oxigraph's evaluator as measured at 10^6 triples (scripts/bench_queries.py): a class and
its subclasses are listed in a ``VALUES ?xType { pg:X pg:SubX }`` block (a type pattern with a free
class reads every rdf:type triple, most of them provenance records — 3x slower; a test checks each
list against the ontology); property paths keep one ``*`` segment and start from a bound node (the
same path with both ends free walks the store); an OPTIONAL holds one triple
pattern or one path (bigger ones are evaluated in full and hash-joined), and a chain of optional
lookups hangs off a key that is always bound (``COALESCE(?x, <urn:plangraf:none>)``) rather than
nesting; gaps are ``OPTIONAL`` + ``FILTER(!BOUND(…))``, never ``NOT EXISTS`` or ``MINUS``; and
rdflib's ``GROUP_CONCAT(DISTINCT ?x)`` fails on unbound ``?x``, hence the ``COALESCE`` form.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from plangraf.graph.bind import check_term, inline_values
from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import Store
from plangraf.namespace import GRAPH_BASE, ID_BASE, PG

PG_NS = str(PG._NS)
MAX_TEXT = 1000


class ParamError(QueryError):
    """A parameter is unknown, missing or cannot be read as its declared type (HTTP 400)."""


class UnknownQuery(QueryError):
    """No query of that name in the catalogue (HTTP 404)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 404)


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    required: bool = False
    example: str = ""
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    description: str
    params: dict[str, Param]
    tags: tuple[str, ...]
    text: str
    one_of: tuple[str, ...] = ()    # at least one of these parameters must be given

    def header(self) -> dict[str, object]:
        """The header as plain data (for ``--list`` and the web API)."""
        return {"name": self.name, "summary": self.summary, "description": self.description,
                "tags": list(self.tags), "one_of": list(self.one_of),
                "params": [{"name": p.name, "type": p.type, "required": p.required,
                            "example": p.example, "description": p.description}
                           for p in self.params.values()]}


# -- header parsing ---------------------------------------------------------------------------
def parse_header(name: str, text: str) -> NamedQuery:
    """Read the ``#+`` header of a query file; a file without summary or with bad YAML fails."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            line = line[3:] if line.startswith("#+ ") else line[2:]
            # a one-line summary/description may contain ': ' — quote it rather than fail
            m = re.match(r"^(summary|description):\s*([^\s|>\"'\[{].*)$", line)
            lines.append(f"{m.group(1)}: {json.dumps(m.group(2).strip(), ensure_ascii=False)}" if m else line)
        elif line.strip() and not line.startswith("#"):
            break
    try:
        meta = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{name}.rq: the #+ header is not valid YAML: {exc}", 500) from exc
    if not isinstance(meta, dict) or not meta.get("summary"):
        raise QueryError(f"{name}.rq: the header needs at least '#+ summary:'", 500)
    params: dict[str, Param] = {}
    for pname, spec in (meta.get("params") or {}).items():
        spec = spec or {}
        ptype = str(spec.get("type", "string"))
        if ptype not in PARAM_TYPES:
            raise QueryError(f"{name}.rq: parameter {pname!r} has unknown type {ptype!r}", 500)
        params[str(pname)] = Param(str(pname), ptype, bool(spec.get("required", False)),
                                   str(spec.get("example", "")), str(spec.get("description", "")))
    tags = meta.get("tags") or []
    one_of = tuple(str(n) for n in (meta.get("one_of") or []))
    if any(n not in params for n in one_of):
        raise QueryError(f"{name}.rq: '#+ one_of:' names a parameter the query does not declare", 500)
    return NamedQuery(name, str(meta["summary"]).strip(), str(meta.get("description", "")).strip(),
                      params, tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])), text,
                      one_of)


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, NamedQuery]:
    out = {}
    for entry in resources.files(__name__).iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_header(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(out.items()))


def list_queries() -> list[NamedQuery]:
    """All catalogue queries, sorted by name."""
    return list(_catalogue().values())


def load(name: str) -> NamedQuery:
    """One query by name (the file stem); an unknown name raises :class:`UnknownQuery`."""
    cat = _catalogue()
    if name not in cat:
        near = [n for n in cat if name.lower() in n or n.startswith(name.lower()[:4])]
        hint = f" Did you mean {', '.join(near)}?" if near else ""
        raise UnknownQuery(f"no query named {name!r}.{hint} See the list: {', '.join(cat)}")
    return cat[name]


# -- parameter conversion ---------------------------------------------------------------------
def to_iri(value: str) -> URIRef:
    """An absolute IRI, ``<IRI>``, or a ``pg:``/``id:`` prefixed name."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    if v.startswith("pg:"):
        v = PG_NS + v[3:]
    elif v.startswith("id:"):
        v = ID_BASE + v[3:]
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v):
        raise ParamError(f"not an absolute IRI: {value!r} (give the full IRI, e.g. {ID_BASE}…)")
    try:
        return check_term(URIRef(v))  # type: ignore[return-value]
    except QueryError as exc:
        raise ParamError(str(exc)) from exc


def to_text(value: str) -> Literal:
    text = unicodedata.normalize("NFC", value).strip()
    if not text:
        raise ParamError("empty text")
    if len(text) > MAX_TEXT:
        raise ParamError(f"text longer than {MAX_TEXT} characters")
    return Literal(text)


# The folding search.rq applies to labels, for a search text: lower case, combining accents
# dropped, then these letters to their base letter (the query's REPLACE steps, in its order).
FOLDS = ((re.compile("[\u0300-\u036f]"), ""), (re.compile("[åäàáâã]"), "a"), (re.compile("[öøòóôõ]"), "o"),
         (re.compile("[éèêë]"), "e"), (re.compile("[üùúû]"), "u"), (re.compile("[íìîï]"), "i"))


def to_search_text(value: str) -> Literal:
    """A search text, folded here as the query folds labels (so "Hälsa" and "halsa" bind the same):
    the engine then folds only the stored side. Folding a constant in the query text costs the
    engine a fold per row where it cannot tell it is constant (Virtuoso 7.2 folds it wrongly too)."""
    text = str(to_text(value)).lower()
    for pattern, base in FOLDS:
        text = pattern.sub(base, text)
    if not text.strip():
        raise ParamError("empty text")
    return Literal(text)


def to_class(value: str) -> URIRef:
    v = value.strip()
    local = v[3:] if v.startswith("pg:") else v.removeprefix(PG_NS)
    try:
        return getattr(PG, local) if local and local[0].isupper() else _no_class(value)
    except AttributeError:
        return _no_class(value)


def _no_class(value: str) -> URIRef:
    classes = [n for n in PG.__annotations__ if n[0].isupper()]
    raise ParamError(f"not a plangraf class: {value!r}; one of {', '.join(classes)}")


def to_integer(value: str) -> Literal:
    try:
        return Literal(int(value.strip()), datatype=XSD.integer)
    except ValueError as exc:
        raise ParamError(f"not an integer: {value!r}") from exc


def to_decimal(value: str) -> Literal:
    try:
        float(value.strip().replace(",", "."))
    except ValueError as exc:
        raise ParamError(f"not a number: {value!r}") from exc
    return Literal(value.strip().replace(",", "."), datatype=XSD.decimal)


def to_boolean(value: str) -> Literal:
    v = value.strip().lower()
    if v in ("true", "1", "yes", "ja", "on"):
        return Literal(True)
    if v in ("false", "0", "no", "nej", "off"):
        return Literal(False)
    raise ParamError(f"not a boolean: {value!r} (true or false)")


PARAM_TYPES: dict[str, Callable[[str], Node]] = {
    "iri": to_iri, "string": to_text, "searchtext": to_search_text, "class": to_class, "integer": to_integer,
    "decimal": to_decimal, "boolean": to_boolean,
    "plan": to_iri,  # resolved against the store by resolve_plan (see convert)
}


# A plan, as every catalogue query finds it: the pg:Plan with pg:sourceDocument in a document's
# graph (the loaders write it for each document's own plan; other pg:Plan nodes in a document — a
# plan it refers to or contains — are nodes of that plan, not plans of their own).
PLAN_PATTERN = f"GRAPH ?g {{ ?plan a <{PG_NS}Plan> ; <{PG_NS}sourceDocument> ?planDoc . }}"


def plans(store: Store, only: URIRef | None = None) -> list[dict[str, str]]:
    """The loaded plans with their document, graph and file name (for resolving and listing);
    ``only``: just that plan (one query bound to it, not a listing of every plan)."""
    text = f"""
        PREFIX pg: <{PG_NS}>
        SELECT ?plan ?g (SAMPLE(?planDoc) AS ?doc) (SAMPLE(?f) AS ?file) WHERE {{
          {PLAN_PATTERN}
          OPTIONAL {{ ?planDoc pg:fileName ?f . }}
        }} GROUP BY ?plan ?g"""
    res = store.query(inline_values(text, {"plan": only}) if only is not None else text)
    return [{k: str(v) for k, v in row.items()} for row in res.dicts()]


def _iri_or_none(text: str) -> URIRef | None:
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        return None
    try:
        return check_term(URIRef(text))  # type: ignore[return-value]
    except QueryError:
        return None


def exact_plans(store: Store, value: str) -> set[str]:
    """The plans ``value`` names exactly (plan, document or graph IRI, document id, file name),
    found with one query bound to the value: no listing of every plan (830 at 10^7, 35–150 ms on
    Virtuoso for each parameter). Each branch starts from the bound term, so every engine reads
    only the triples around it."""
    v = value.strip().strip("<>")
    branches = []
    iri = _iri_or_none(v)
    if iri is not None:
        for var in ("plan", "planDoc", "g"):
            branches.append(f"{{ VALUES ?{var} {{ {iri.n3()} }} {PLAN_PATTERN} }}")
    graph = _iri_or_none(GRAPH_BASE + v) if v else None
    if graph is not None:
        branches.append(f"{{ VALUES ?g {{ {graph.n3()} }} {PLAN_PATTERN} }}")
    if v and len(v) <= MAX_TEXT:
        branches.append(f"{{ ?planDoc <{PG_NS}fileName> {Literal(v).n3()} . {PLAN_PATTERN} }}")
    if not branches:
        return set()
    res = store.query(f"SELECT DISTINCT ?plan WHERE {{ {' UNION '.join(branches)} }}")
    return {str(row[0]) for row in res.rows}


def resolve_plan(store: Store, value: str) -> URIRef:
    """A plan from its IRI, its document's IRI or graph IRI, its document id or a prefix of it
    ("003"), or its file name. Unknown or ambiguous -> :class:`ParamError` naming the choices.

    An exact name is resolved by :func:`exact_plans` (one query bound to the value); only a
    prefix, an unknown or an ambiguous value lists the plans. A store with a ``plan_cache`` (the
    remote store) keeps exact names it resolved until it writes."""
    v = value.strip().strip("<>")
    cache: dict[str, URIRef] | None = getattr(store, "plan_cache", None)  # a remote store's
    if cache is not None and v in cache:
        return cache[v]
    named = exact_plans(store, v)
    if len(named) == 1:
        plan = URIRef(next(iter(named)))
        if cache is not None:
            cache[v] = plan
        return plan
    known = plans(store)
    if not known:
        raise ParamError(f"no plans are loaded, so there is no plan {value!r}")

    def doc_id(p: dict[str, str]) -> str:
        return p["g"].removeprefix(GRAPH_BASE)

    exact = [p for p in known if v in (p["plan"], p.get("doc"), p["g"], doc_id(p), p.get("file"))]
    found = exact or [p for p in known if v and (doc_id(p).startswith(v) or p.get("file", "").startswith(v))]
    names = {p["plan"] for p in found}
    if len(names) == 1:
        return URIRef(found[0]["plan"])
    choices = ", ".join(sorted(doc_id(p) for p in known))
    if not names:
        raise ParamError(f"no plan {value!r}; loaded documents: {choices}")
    raise ParamError(f"{value!r} names {len(names)} plans; give more of the document id ({choices})")


def convert(param: Param, value: str, store: Store | None = None) -> Node:
    """One parameter value (text, as from a command line or URL) -> a typed RDF term."""
    if not isinstance(value, str):
        value = str(value)
    if param.type == "plan":
        if store is None:
            return to_iri(value)
        return resolve_plan(store, value)
    return PARAM_TYPES[param.type](value)


def bindings(query: NamedQuery, params: dict[str, str] | None, store: Store | None = None) -> dict[str, Node]:
    """Check and convert the given parameters; unknown or missing ones raise :class:`ParamError`."""
    params = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
    unknown = [k for k in params if k not in query.params]
    if unknown:
        allowed = ", ".join(query.params) or "none"
        raise ParamError(f"query {query.name!r} has no parameter {', '.join(map(repr, unknown))}; "
                         f"its parameters: {allowed}")
    missing = [p.name for p in query.params.values() if p.required and p.name not in params]
    if missing:
        raise ParamError(f"query {query.name!r} needs {', '.join(missing)} "
                         f"(e.g. {', '.join(f'{m}={query.params[m].example}' for m in missing)})")
    if query.one_of and not any(n in params for n in query.one_of):
        first = query.params[query.one_of[0]]
        raise ParamError(f"query {query.name!r} needs {' or '.join(query.one_of)} "
                         f"(e.g. {first.name}={first.example})")
    out: dict[str, Node] = {}
    for k, v in params.items():
        try:
            out[k] = convert(query.params[k], v, store)
        except ParamError as exc:
            raise ParamError(f"parameter {k}: {exc}") from exc
    return out


def prepare(query: NamedQuery, params: dict[str, str] | None = None, store: Store | None = None) -> str:
    """The query text with the parameters bound (what is sent to the store)."""
    bound = bindings(query, params, store)
    return inline_values(query.text, bound) if bound else query.text


def run(store: Store, name: str, params: dict[str, str] | None = None, *,
        timeout: float | None = None) -> QueryResult:
    """Run catalogue query ``name`` on ``store`` with string parameters converted to their
    declared types. Raises :class:`UnknownQuery`, :class:`ParamError` or the store's QueryError."""
    return store.query(prepare(load(name), params, store), timeout=timeout)


__all__ = [
    "PARAM_TYPES",
    "PLAN_PATTERN",
    "NamedQuery",
    "Param",
    "ParamError",
    "UnknownQuery",
    "bindings",
    "convert",
    "exact_plans",
    "list_queries",
    "load",
    "parse_header",
    "plans",
    "prepare",
    "resolve_plan",
    "run",
]
