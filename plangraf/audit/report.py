"""Write an :class:`~plangraf.audit.AuditReport` as JSON, Markdown, CSV or one self-contained HTML file.

The HTML is a template string with every value passed through :func:`html.escape`; it has its
styles inline and no scripts, fonts or images from anywhere, so it can be mailed or opened offline
(the web API serves it with a CSP that forbids scripts, too).
"""
from __future__ import annotations

import csv
import io
import json
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plangraf.audit.model import AuditReport, Finding

FORMAT_VERSION = 1

TEXT = {
    "sv": {
        "title": "Granskning av planer", "plan": "Plan", "document": "Dokument", "line": "Rad",
        "node": "Nod", "quote": "Citat", "responsible": "Ansvarig", "detail": "Detalj",
        "severity": "Allvarlighet", "rule": "Regel", "findings": "fynd", "none": "Inga fynd.",
        "Violation": "Fel", "Warning": "Varning", "Info": "Notering", "no_plan": "Utanför planer",
        "scores": "Fullständighet", "goals_measured": "Mål med indikator",
        "indicators_sourced": "Indikatorer med datakälla", "activities_with_goal": "Aktiviteter med mål",
        "activities_responsible": "Aktiviteter med ansvarig", "completeness": "Sammantaget",
        "summary": "{v} fel, {w} varningar, {i} noteringar i {p} planer.",
        "engine": "Beräknat med", "period": "Period", "publisher": "Utgivare",
        "counts": "{goals} mål, {activities} aktiviteter, {indicators} indikatorer",
        "exit": "Slutkod",
    },
    "en": {
        "title": "Plan audit", "plan": "Plan", "document": "Document", "line": "Line",
        "node": "Node", "quote": "Quote", "responsible": "Responsible", "detail": "Detail",
        "severity": "Severity", "rule": "Rule", "findings": "findings", "none": "No findings.",
        "Violation": "Violation", "Warning": "Warning", "Info": "Note", "no_plan": "Outside any plan",
        "scores": "Completeness", "goals_measured": "Goals with an indicator",
        "indicators_sourced": "Indicators with a data source", "activities_with_goal": "Activities serving a goal",
        "activities_responsible": "Activities with a responsible body", "completeness": "Overall",
        "summary": "{v} violations, {w} warnings, {i} notes in {p} plans.",
        "engine": "Computed with", "period": "Period", "publisher": "Publisher",
        "counts": "{goals} goals, {activities} activities, {indicators} indicators",
        "exit": "Exit code",
    },
}
SCORE_ORDER = ("goals_measured", "indicators_sourced", "activities_with_goal", "activities_responsible",
               "completeness")
CSV_COLUMNS = ("plan", "plan_label", "document", "file", "line", "rule", "severity", "node", "label", "quote",
               "responsible", "detail", "message", "found_by")


def _t(report: AuditReport) -> dict[str, str]:
    return TEXT[report.lang]


def _summary(report: AuditReport) -> str:
    c = report.counts()
    return _t(report)["summary"].format(v=c["Violation"], w=c["Warning"], i=c["Info"], p=len(report.plans))


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{round(v * 100)} %"


def _where(f: Finding) -> str:
    name = f.file or f.document
    return f"{name}:{f.line}" if name and f.line is not None else name or ""


# -- JSON -------------------------------------------------------------------------------------
def to_json(report: AuditReport) -> str:
    rules = [{"id": r.id, "severity": r.severity, "label": r.labels.get(report.lang, r.id),
              "message": r.messages.get(report.lang, ""), "query": r.query or None, "shape": r.shape}
             for r in report.rules.values()]
    plans = [{**{k: v for k, v in p.items()}, "scores": report.scores.get(str(p["plan"]), {})}
             for p in report.plans]
    findings = [{"rule": f.rule, "severity": f.severity, "plan": f.plan, "document": f.document,
                 "file": f.file, "line": f.line, "node": f.node, "label": f.label, "quote": f.quote,
                 "responsible": f.responsible, "detail": f.detail, "message": f.message,
                 "found_by": list(f.found_by)} for f in report.findings]
    return json.dumps({"format": FORMAT_VERSION, "lang": report.lang, "plan": report.plan,
                       "exit_code": report.exit_code, "counts": report.counts(), "engine": report.engine,
                       "rules": rules, "plans": plans, "findings": findings}, ensure_ascii=False, indent=1)


# -- CSV --------------------------------------------------------------------------------------
def to_csv(report: AuditReport) -> str:
    """One row per finding, the columns of :data:`CSV_COLUMNS` (spreadsheet-friendly)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for f in report.findings:
        w.writerow([f.plan or "", f.plan_label, f.document, f.file, "" if f.line is None else f.line, f.rule,
                    f.severity, f.node, f.label, f.quote, f.responsible, f.detail, f.message,
                    "+".join(f.found_by)])
    return buf.getvalue()


# -- Markdown ---------------------------------------------------------------------------------
def _md(text: str) -> str:
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*") \
        .replace("_", "\\_").replace("<", "&lt;").replace("`", "\\`")


def to_markdown(report: AuditReport) -> str:
    t = _t(report)
    out = [f"# {t['title']}", "", _summary(report), ""]
    if report.plans:
        out += ["| " + " | ".join([t["plan"], t["document"]] + [t[k] for k in SCORE_ORDER]) + " |",
                "|" + "---|" * (2 + len(SCORE_ORDER))]
        for p in report.plans:
            s = report.scores.get(str(p["plan"]), {})
            out.append("| " + " | ".join([_md(str(p["label"])), _md(str(p["file"] or p["document"]))] +
                                         [_pct(s.get(k)) for k in SCORE_ORDER]) + " |")
        out.append("")
    for info, groups in report.by_plan():
        out.append(f"## {_md(str(info['label']) or t['no_plan'])}" +
                   (f" ({_md(str(info['file'] or info['document']))})" if info.get("plan") else ""))
        out.append("")
        if not groups:
            out += [t["none"], ""]
        for rule_id, items in groups.items():
            rule = report.rules.get(rule_id)
            label = rule.labels.get(report.lang, rule_id) if rule else rule_id
            out += [f"### {_md(label)} — {t[items[0].severity]} ({len(items)})", "",
                    _md(items[0].message), ""]
            for f in items:
                parts = [f"**{_md(f.label or f.node)}**"]
                if _where(f):
                    parts.append(_md(_where(f)))
                if f.quote and f.quote != f.label:
                    parts.append(f"“{_md(f.quote)}”")
                if f.responsible:
                    parts.append(f"{t['responsible']}: {_md(f.responsible)}")
                if f.detail:
                    parts.append(_md(f.detail))
                out.append("- " + " — ".join(parts))
            out.append("")
    return "\n".join(out)


# -- HTML -------------------------------------------------------------------------------------
STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:70rem;
 padding:0 1rem;color:#1d2329;background:#fff}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2.2rem 0 .4rem;border-bottom:2px solid #dde3ea}
h3{font-size:1.02rem;margin:0}.muted{color:#5b6670}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e6eaef}
th{background:#f4f6f8;font-weight:600}td.num{white-space:nowrap;text-align:right}
.badge{display:inline-block;border-radius:.7rem;padding:0 .55rem;font-size:.8rem;font-weight:600;color:#fff}
.Violation{background:#b42318}.Warning{background:#b54708}.Info{background:#475467}
.bar{background:#e6eaef;border-radius:3px;height:.6rem;width:7rem;display:inline-block;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:3px;background:#2e7d32}
details{margin:.6rem 0;border:1px solid #e6eaef;border-radius:6px;padding:.4rem .7rem}
summary{cursor:pointer}blockquote{margin:0;color:#344054;font-style:italic}
footer{margin-top:2rem;font-size:.85rem}
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{style}</style></head>
<body>
<h1>{title}</h1>
<p>{summary}</p>
{scores}
{sections}
<footer class="muted">{engine}</footer>
</body>
</html>
"""


def _bar(v: float | None) -> str:
    if v is None:
        return "–"
    return f'<span class="bar"><span style="width:{round(v * 100)}%"></span></span> {_pct(v)}'


def to_html(report: AuditReport) -> str:
    t, e = _t(report), escape
    rows = []
    for p in report.plans:
        s = report.scores.get(str(p["plan"]), {})
        rows.append("<tr><td>" + e(str(p["label"])) + f'<br><span class="muted">{e(str(p["file"] or p["document"]))}'
                    "</span></td>" + "".join(f"<td>{_bar(s.get(k))}</td>" for k in SCORE_ORDER) + "</tr>")
    head = "".join(f"<th>{e(t[k])}</th>" for k in SCORE_ORDER)
    scores = (f"<h2>{e(t['scores'])}</h2><table><tr><th>{e(t['plan'])}</th>{head}</tr>{''.join(rows)}</table>"
              if rows else "")
    sections = []
    for info, groups in report.by_plan():
        title = str(info.get("label") or "") or t["no_plan"]
        meta = []
        if info.get("plan"):
            meta.append(e(str(info.get("file") or info.get("document"))))
            for key in ("publisher", "period"):
                if info.get(key):
                    meta.append(f"{e(t[key])}: {e(str(info[key]))}")
            counts = info.get("counts") or {}
            if isinstance(counts, dict) and counts:
                meta.append(e(t["counts"].format(**{k: counts.get(k, 0) for k in ("goals", "activities", "indicators")})))
        parts = [f"<h2>{e(title)}</h2>", f'<p class="muted">{" · ".join(meta)}</p>' if meta else ""]
        if not groups:
            parts.append(f"<p>{e(t['none'])}</p>")
        for rule_id, items in groups.items():
            rule = report.rules.get(rule_id)
            label = rule.labels.get(report.lang, rule_id) if rule else rule_id
            sev = items[0].severity
            trs = []
            for f in items:
                quote = f"<blockquote>“{e(f.quote)}”</blockquote>" if f.quote and f.quote != f.label else ""
                trs.append(f'<tr><td class="num">{"" if f.line is None else e(str(f.line))}</td>'
                           f"<td>{e(f.label or f.node)}{quote}</td><td>{e(f.responsible)}</td>"
                           f"<td>{e(f.detail)}</td></tr>")
            parts.append(
                f'<details open><summary><span class="badge {e(sev)}">{e(t.get(sev, sev))}</span> '
                f"<h3 style=\"display:inline\">{e(label)}</h3> <span class=\"muted\">({len(items)} {e(t['findings'])})"
                f"</span></summary><p>{e(items[0].message)}</p><table><tr><th>{e(t['line'])}</th>"
                f"<th>{e(t['node'])}</th><th>{e(t['responsible'])}</th><th>{e(t['detail'])}</th></tr>"
                f"{''.join(trs)}</table></details>")
        sections.append("\n".join(parts))
    engine = (f"{e(t['engine'])}: {e(str(report.engine.get('shacl', '')))}; "
              f"{e(str(report.engine.get('seconds', '')))} s. {e(t['exit'])}: {report.exit_code}.")
    return PAGE.format(lang=e(report.lang), title=e(t["title"]), style=STYLE, summary=e(_summary(report)),
                       scores=scores, sections="\n".join(sections), engine=engine)
