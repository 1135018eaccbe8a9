"""Run the audit: twin queries (in parallel), lookups, optional pySHACL, scores."""
from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from rdflib import URIRef
from rdflib.term import Node

from plangraf.audit.enrich import as_line, first_mentions, provenance_records_ok, responsible
from plangraf.audit.model import (
    LANGS,
    PROBLEMS_SV,
    SCORE_KEYS,
    SEVERITIES,
    AuditError,
    AuditReport,
    Finding,
    Rule,
    rules,
)
from plangraf.graph.bind import inline_values
from plangraf.graph.store import Store
from plangraf.ontology.validate import Finding as ShaclFinding
from plangraf.queries import PLAN_PATTERN, load, plans, resolve_plan

# rule -> which responsible bodies to look up for its findings (None: none by definition)
RESPONSIBLE_KIND = {"GoalWithoutIndicator": "goal", "IndicatorWithoutDataSource": "indicator",
                    "ActivityWithoutGoal": "activity", "MalbildWithoutGoal": None}


def _run(store: Store, name: str, plan: URIRef | None) -> list[dict[str, Node]]:
    text = load(name).text
    return store.query(inline_values(text, {"plan": plan}) if plan is not None else text).dicts()


def _text(row: dict[str, Node], key: str) -> str:
    v = row.get(key)
    return "" if v is None else str(v)


def audit(store: Store, plan: str | None = None, lang: str = "sv", *, shacl: str = "auto",
          shacl_limit: int = 50_000, workers: int = 2) -> AuditReport:
    """Audit every plan in ``store`` (or one: a plan or document IRI, document id or prefix).

    ``shacl``: ``"auto"`` (twin queries always, pySHACL too when the data has at most
    ``shacl_limit`` triples), ``"pyshacl"`` (always both), ``"off"`` (twin queries only).
    For one plan pySHACL validates the plan's document graph cut to the predicates the shapes
    name (the same findings: see :mod:`plangraf.audit.shacl`), on a thread of its own while the
    store answers the twin queries (stores with ``concurrent_queries``); for all plans, the union
    of every graph. At 10^7 triples on Virtuoso one plan (19,060 triples) takes ~4-5 s with
    pySHACL, ~1.5-2 s with the twin queries alone (benchmarks/RESULTS.md).
    ``workers``: queries run on that many threads (Oxigraph releases the GIL while it works).
    Raises :class:`plangraf.queries.ParamError` for an unknown plan, :class:`AuditError` for a
    bad ``lang`` or ``shacl``, and the store's QueryError when a query fails.
    """
    if lang not in LANGS:
        raise AuditError(f"unknown language {lang!r}; one of {', '.join(LANGS)}")
    if shacl not in ("auto", "pyshacl", "off"):
        raise AuditError(f"unknown shacl mode {shacl!r}; one of auto, pyshacl, off")
    t0 = time.perf_counter()
    workers = workers if store.concurrent_queries else 1
    plan_iri = resolve_plan(store, plan) if plan else None
    graphs = {p["plan"]: p["g"] for p in plans(store, plan_iri)}
    all_rules = rules()
    twins = [r for r in all_rules.values() if r.query]
    untwinned = {r.id for r in all_rules.values() if not r.query}
    size = _size(store, plan_iri, graphs)
    with_shacl = shacl == "pyshacl" or (shacl == "auto" and (size <= shacl_limit or untwinned))
    # pySHACL works on the client while the store answers the twin queries: on its own thread
    # (Oxigraph and remote stores answer without holding the GIL), begun first
    shacl_pool = ThreadPoolExecutor(max_workers=1) if with_shacl and store.concurrent_queries else None
    shacl_job = shacl_pool.submit(_timed_shacl, store, plan_iri, graphs) if shacl_pool else None

    def provenance_rows() -> list[dict[str, Node]]:
        return [] if provenance_records_ok(store, plan_iri) else _run(store, "incomplete-provenance", plan_iri)

    try:
        tasks: dict[str, Callable[[], list[dict[str, Node]]]] = {"plans-overview": lambda: _run(store, "plans-overview", plan_iri)}
        for r in twins:
            tasks[r.id] = provenance_rows if r.query == "incomplete-provenance" else \
                (lambda q=r.query: _run(store, q, plan_iri))  # type: ignore[misc]
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {k: pool.submit(fn) for k, fn in tasks.items()}
            results = {k: f.result() for k, f in futures.items()}
        plan_rows = [_plan_info(r) for r in results["plans-overview"]]
        info = {str(p["plan"]): p for p in plan_rows}
        findings: dict[tuple[str, str], Finding] = {}
        for r in twins:
            for row in results[r.id]:
                f = _finding(r, row, info, lang)
                findings.setdefault(f.key(), f)
        engine: dict[str, object] = {"queries": sorted(r.query for r in twins),
                                     "seconds_queries": round(time.perf_counter() - t0, 3)}
        t1 = time.perf_counter()
        _complete(store, list(findings.values()), graphs, workers)
        engine["seconds_lookups"] = round(time.perf_counter() - t1, 3)

        if with_shacl:
            from plangraf.audit.shacl import merge_shacl
            only = None if shacl == "pyshacl" or size <= shacl_limit else untwinned
            try:
                found, seconds = shacl_job.result() if shacl_job else _timed_shacl(store, plan_iri, graphs)
                t2 = time.perf_counter()
                merge_shacl(store, plan_iri, found, info, findings, all_rules, lang, only)
                engine["seconds_shacl"] = round(seconds + time.perf_counter() - t2, 3)
                engine["shacl"] = "pyshacl" + (f" (shapes without a twin query only: {', '.join(sorted(only))})"
                                               if only else "")
            except Exception as exc:  # noqa: BLE001 — pySHACL raises many kinds (e.g. TypeError on "abc"^^xsd:integer)
                # The twin queries have already decided every rule: keep their findings and say so.
                engine["shacl"] = (f"failed ({type(exc).__name__}: {str(exc)[:200]}); "
                                   "the findings are the twin queries' alone")
                engine["shacl_failed"] = True
        else:
            engine["shacl"] = (f"skipped: {size} triples > {shacl_limit}; the twin queries check the same rules"
                               if shacl == "auto" else "off")
    finally:
        if shacl_pool:
            shacl_pool.shutdown()
    engine["triples"] = size
    engine["seconds"] = round(time.perf_counter() - t0, 3)
    order = {str(p["plan"]): i for i, p in enumerate(plan_rows)}
    out = sorted(findings.values(), key=lambda f: (
        order.get(f.plan or "", len(order)), SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9,
        f.rule, f.line if f.line is not None else 1 << 30, f.node))
    return AuditReport(lang, dict(all_rules), plan_rows, out, _scores(plan_rows, out, all_rules), engine,
                       str(plan_iri) if plan_iri else None)


def _plan_info(row: dict[str, Node]) -> dict[str, object]:
    doc = _text(row, "doc")
    counts = {k: int(str(row[k])) for k in ("focusAreas", "malbilder", "goals", "activities", "indicators",
                                       "dataSources", "bodies", "targetGroups") if k in row}
    return {"plan": _text(row, "plan"), "label": _text(row, "planLabel"), "file": _text(row, "fileName"),
            "document": doc.rsplit("/", 1)[-1] if doc else "", "publisher": _text(row, "publisher"),
            "period": _text(row, "period"), "counts": counts}


def _finding(rule: Rule, row: dict[str, Node], info: dict[str, dict[str, object]], lang: str) -> Finding:
    plan = _text(row, "plan") or None
    p = info.get(plan or "", {})
    label = next((_text(row, k) for k in (f"{rule.node_var}Label", "nodeLabel") if row.get(k) is not None), "")
    detail = " ".join(x for x in (_text(row, "measures"), _text(row, "problem")) if x)
    if lang == "sv":
        for en, sv in PROBLEMS_SV.items():
            detail = detail.replace(en, sv)
    line = row.get("line")
    f = Finding(rule.id, rule.severity, _text(row, rule.node_var), label, plan, str(p.get("label", "")),
                str(p.get("document", "")), str(p.get("file", "")), as_line(line),
                "", "", detail, rule.messages.get(lang, ""))
    if rule.node_var == "passage" and row.get("node") is not None:
        f.about = _text(row, "node")
    return f


def _complete(store: Store, findings: list[Finding], graphs: dict[str, str], workers: int) -> None:
    """Add first mention (line, quote), labels of passages' nodes and responsible bodies."""
    pairs = [(graphs[f.plan], f.about or f.node) for f in findings if f.plan in graphs]
    by_kind: dict[str, list[str]] = {}
    for f in findings:
        kind = RESPONSIBLE_KIND.get(f.rule)
        if kind:
            by_kind.setdefault(kind, []).append(f.node)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        mentions_f = pool.submit(first_mentions, store, pairs)
        resp_f = {k: pool.submit(responsible, store, nodes, k) for k, nodes in by_kind.items()}
        mentions = mentions_f.result()
        resp = {k: v.result() for k, v in resp_f.items()}
    for f in findings:
        m = mentions.get(f.about or f.node)
        if m:
            if f.line is None or not f.about:
                f.line = m[0] if f.line is None else f.line
            f.quote = m[1]
            if not f.label:
                f.label = m[1]
        kind = RESPONSIBLE_KIND.get(f.rule)
        if kind:
            f.responsible = resp[kind].get(f.node, "")


def _timed_shacl(store: Store, plan: URIRef | None, graphs: dict[str, str]) -> tuple[list[ShaclFinding], float]:
    from plangraf.audit.shacl import run_shacl
    t = time.perf_counter()
    return run_shacl(store, plan, graphs), time.perf_counter() - t


def _size(store: Store, plan: URIRef | None, graphs: dict[str, str]) -> int:
    if plan is None:
        return store.count()
    graph = graphs.get(str(plan))
    return store.count(URIRef(graph)) if graph else 0


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


__all__ = ["PLAN_PATTERN", "audit"]
