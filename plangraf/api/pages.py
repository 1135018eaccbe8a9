"""The API's pages for people, all offline (scripts and styles are vendored under static/):
``/docs`` (Swagger UI), the SPARQL query editor that ``/sparql`` shows a browser (YASGUI, with the
catalogue's queries as examples) and the HTML catalogue that ``/queries`` shows a browser.

Every page takes its data (the catalogue) as JSON in a script block and builds its DOM with
``textContent``; nothing of a query or a result becomes markup.
"""
from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from plangraf import queries as catalogue
from plangraf.api.conneg import parse_accept
from plangraf.queries.prefixes import PREFIXES

FAVICON = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='6' fill='%231f4e79'/%3E%3C/svg%3E"
NAV = ('<nav><a href="/view">Nätverksvy</a> · <a href="/sparql">SPARQL</a> · <a href="/queries">Frågekatalog</a>'
       ' · <a href="/docs">API</a></nav>')
STYLE = """<style>
  body { font-family: system-ui, sans-serif; font-size: 14px; color: #222; margin: 0 18px 30px; }
  nav { margin: 10px 0; } h1 { font-size: 20px; } h2 { font-size: 16px; margin: 22px 0 4px; }
  table { border-collapse: collapse; margin: 8px 0; } td, th { border: 1px solid #ccc; padding: 3px 6px;
  text-align: left; vertical-align: top; max-width: 420px; } th { background: #f0f0f0; }
  .muted { color: #666; } .error { color: #b00; } label { margin-right: 12px; } section { border-top: 1px solid #ddd; }
  pre { white-space: pre-wrap; }
</style>"""


def wants_html(request: Request) -> bool:
    """True when the client's first choice is HTML (a browser), not a results format."""
    accept = request.headers.get("accept") or ""
    prefs = [m for m, q in parse_accept(accept) if q > 0]
    return bool(prefs) and prefs[0] in ("text/html", "application/xhtml+xml")


def data_script(name: str, value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")
    return f"<script>window.{name} = {text};</script>"


def docs_page() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/openapi.json", title="plangraf — API",
                               swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url="/static/swagger-ui/swagger-ui.css", swagger_favicon_url=FAVICON)


def examples() -> list[dict[str, str]]:
    """The catalogue's queries as editor examples: name, summary and text."""
    return [{"name": q.name, "summary": q.summary, "text": q.text} for q in catalogue.list_queries()]


EDITOR_JS = """(function () {
  const start = "SELECT ?goal ?label WHERE {\\n  ?goal a pg:Goal ; rdfs:label ?label .\\n} LIMIT 20\\n";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: "/sparql", method: "POST",
                     acceptHeaderSelect: "application/sparql-results+json" },
    copyEndpointOnNewTab: false, persistenceId: "plangraf-sparql", endpointCatalogueOptions: { getData: () => [] },
    yasqe: { value: start },
  });
  const menu = document.getElementById("examples");
  window.PLANGRAF_EXAMPLES.forEach((q, i) => {
    const o = document.createElement("option"); o.value = String(i); o.textContent = q.name + " — " + q.summary;
    menu.appendChild(o);
  });
  menu.onchange = () => {
    if (menu.value === "") return;
    const q = window.PLANGRAF_EXAMPLES[Number(menu.value)], tab = yasgui.getTab();
    tab.setQuery(q.text); tab.query();
  };
  window.plangrafYasgui = yasgui;
})();"""


def sparql_editor() -> HTMLResponse:
    prefixes = " ".join(f"{p}:" for p in PREFIXES)
    html = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>plangraf — SPARQL</title>
<link rel="icon" href="{FAVICON}"><link rel="stylesheet" href="/static/yasgui/yasgui.min.css">{STYLE}</head>
<body>{NAV}<h1>SPARQL</h1>
<p class="muted">Frågor mot alla inlästa planer (standardgrafen är unionen av dokumenten, ontologin och
referensdata). Prefixen {prefixes} är fördeklarerade. Samma adress tar emot SPARQL 1.1 Protocol
(GET/POST, resultat som JSON, XML, CSV, TSV).</p>
<label>Exempel från frågekatalogen <select id="examples"><option value="">välj en fråga …</option></select></label>
<div id="yasgui"></div>
<script src="/static/yasgui/yasgui.min.js"></script>
{data_script("PLANGRAF_EXAMPLES", examples())}
<script>{EDITOR_JS}</script></body></html>"""
    return HTMLResponse(html)


CATALOGUE_JS = """(function () {
  const root = document.getElementById("catalogue");
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = String(text);
    if (cls) e.className = cls; return e; };
  function table(json) {
    const t = el("table"), head = el("tr");
    json.head.vars.forEach((v) => head.appendChild(el("th", v))); t.appendChild(head);
    json.results.bindings.forEach((b) => {
      const tr = el("tr");
      json.head.vars.forEach((v) => tr.appendChild(el("td", b[v] ? b[v].value : "")));
      t.appendChild(tr);
    });
    return t;
  }
  window.PLANGRAF_CATALOGUE.forEach((q) => {
    const s = el("section"); s.id = q.name;
    s.appendChild(el("h2", q.name));
    s.appendChild(el("div", q.summary));
    s.appendChild(el("pre", q.description, "muted"));
    const form = el("form");
    q.params.forEach((p) => {
      const l = el("label", p.name + " (" + p.type + ") "), i = el("input");
      i.name = p.name; i.placeholder = p.example || ""; i.title = p.description || ""; l.appendChild(i); form.appendChild(l);
    });
    const run = el("button", "Kör"); run.type = "submit"; form.appendChild(run);
    const rq = el("a", " frågan (.rq)"); rq.href = "/queries/" + q.name + "?format=rq"; form.appendChild(rq);
    const out = el("div", null, "result");
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      const params = new URLSearchParams();
      new FormData(form).forEach((v, k) => { if (String(v).trim()) params.set(k, String(v).trim()); });
      out.replaceChildren(el("div", "kör …", "muted"));
      const r = await fetch("/queries/" + q.name + "?" + params.toString(),
                            { headers: { Accept: "application/sparql-results+json" } });
      if (!r.ok) { let msg = await r.text(); try { msg = JSON.parse(msg).detail; } catch (e) {}
                   out.replaceChildren(el("div", msg, "error")); return; }
      const json = await r.json();
      out.replaceChildren(el("div", json.results.bindings.length + " rader", "muted count"), table(json));
    };
    s.appendChild(form); s.appendChild(out); root.appendChild(s);
  });
})();"""


def queries_page(entries: list[dict[str, Any]]) -> HTMLResponse:
    index = " · ".join(f'<a href="#{e["name"]}">{e["name"]}</a>' for e in entries)
    html = f"""<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>plangraf — frågekatalog</title>
<link rel="icon" href="{FAVICON}">{STYLE}</head><body>{NAV}<h1>Frågekatalogen</h1>
<p class="muted">Namngivna frågor: fyll i parametrarna (tomt betyder alla) och kör; svaret visas som tabell.
Samma frågor: <code>plangraf query NAMN</code> och <code>GET /queries/NAMN</code> (JSON, CSV, TSV, XML).</p>
<p>{index}</p><div id="catalogue"></div>
{data_script("PLANGRAF_CATALOGUE", entries)}
<script>{CATALOGUE_JS}</script></body></html>"""
    return HTMLResponse(html)
