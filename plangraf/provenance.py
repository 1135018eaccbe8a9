"""Read provenance back: where a node came from, with the quoted passage from the source file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from plangraf.graph.store import Store
from plangraf.namespace import ID_BASE

PROVENANCE_QUERY = """PREFIX pg: <https://w3id.org/plangraf/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?file ?start ?end ?page ?quote ?extractor ?confidence ?curated WHERE {
  ?node prov:wasDerivedFrom ?src .
  ?src oa:hasSource ?doc ; pg:startLine ?start ; pg:endLine ?end .
  OPTIONAL { ?doc pg:fileName ?file }
  OPTIONAL { ?src pg:page ?page }
  OPTIONAL { ?src oa:hasSelector/oa:exact ?quote }
  OPTIONAL { ?src pg:extractor ?extractor }
  OPTIONAL { ?src pg:confidence ?confidence }
  OPTIONAL { ?src pg:curated ?curated }
} ORDER BY ?file ?start"""

LINKS_QUERY = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?dir ?p ?other ?label WHERE {
  { ?node ?p ?other . BIND("out" AS ?dir) FILTER(isIRI(?other)) }
  UNION { ?other ?p ?node . BIND("in" AS ?dir) FILTER(?p != rdf:subject && ?p != rdf:object) }
  FILTER(?p != <http://www.w3.org/ns/prov#wasDerivedFrom>)
  OPTIONAL { ?other rdfs:label ?label }
} ORDER BY ?dir ?p"""


@dataclass
class Source:
    file: str
    start: int
    end: int
    page: int | None
    quote: str
    extractor: str
    confidence: float | None
    curated: bool


def resolve(node: str) -> URIRef:
    return URIRef(node if "://" in node else ID_BASE + node.lstrip("/"))


def sources(store: Store, node: URIRef) -> list[Source]:
    res = store.query(PROVENANCE_QUERY, {"node": node})
    seen, out = set(), []
    for d in res.dicts():
        key = (str(d.get("file")), int(str(d["start"])), int(str(d["end"])), str(d.get("quote", "")))
        if key in seen:
            continue
        seen.add(key)
        out.append(Source(str(d.get("file", "")), int(str(d["start"])), int(str(d["end"])),
                          int(str(d["page"])) if "page" in d else None, str(d.get("quote", "")),
                          str(d.get("extractor", "")), float(str(d["confidence"])) if "confidence" in d else None,
                          bool(d.get("curated"))))
    return out


def passage(file: str, start: int, end: int, context: int, search: list[Path]) -> list[str] | None:
    """The original lines start..end (with context), when the source file can be found."""
    for folder in search + [Path.cwd()]:
        path = folder / file
        if path.is_file():
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            lo, hi = max(1, start - context), min(len(lines), end + context)
            return [f"{'>' if start <= i <= end else ' '} {i:5d}  {lines[i - 1]}" for i in range(lo, hi + 1)]
    return None


def describe(store: Store, node: str, context: int = 2, sources_dirs: list[Path] | None = None) -> str:
    """A human-readable account of one node: types, labels, links both ways, source passages."""
    search = list(sources_dirs or [])
    iri = resolve(node)
    info = store.query("SELECT ?p ?o WHERE { ?s ?p ?o "
                       "FILTER(!isIRI(?o) || ?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }",
                       {"s": iri})
    if not info.rows:
        raise KeyError(f"no node {iri} in the store")
    lines = [str(iri)]
    for p, o in info.rows:
        lines.append(f"  {short(p)}: {o if not isinstance(o, URIRef) else short(o)}")
    links = store.query(LINKS_QUERY, {"node": iri})
    if links.rows:
        lines.append("links:")
        for d, p, other, label in links.rows:
            arrow = "->" if str(d) == "out" else "<-"
            if short(p) == "rdf:type":
                continue
            lines.append(f"  {arrow} {short(p)} {short(other)}" + (f"  “{label}”" if label else ""))
    for src in sources(store, iri):
        where = f"{src.file} lines {src.start}-{src.end}" + (f" (page {src.page})" if src.page else "")
        how = f"{src.extractor}, confidence {src.confidence}" + (", curated" if src.curated else "")
        lines.append(f"source: {where} [{how}]")
        lines.append(f"  quote: “{src.quote}”")
        text = passage(src.file, src.start, src.end, context, search)
        if text:
            lines += ["  " + t for t in text]
    return "\n".join(lines)


def short(term: object) -> str:
    s = str(term)
    for prefix, ns in (("pg:", "https://w3id.org/plangraf/ontology#"), ("id:", ID_BASE),
                       ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
                       ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
                       ("skos:", "http://www.w3.org/2004/02/skos/core#"), ("dct:", "http://purl.org/dc/terms/")):
        if s.startswith(ns):
            return prefix + s[len(ns):]
    return s
