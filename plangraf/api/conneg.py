"""Content negotiation for SPARQL results and RDF graphs (Accept header or ?format=)."""
from __future__ import annotations

from plangraf.graph.results import GRAPH_MEDIA, RESULT_MEDIA

ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "nt",
    "text/plain": "nt", "application/ld+json": "json-ld", "application/rdf+xml": "rdfxml",
}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("turtle", "nt", "json-ld", "rdfxml")


def parse_accept(accept: str) -> list[tuple[str, float]]:
    out = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if bits[0]:
            out.append((bits[0].lower(), q - i * 1e-6))
    return sorted(out, key=lambda p: -p[1])


def choose(kind: str, accept: str | None, fmt: str | None) -> str | None:
    """The format name for a result of ``kind`` ('select', 'ask', 'graph'); None if nothing fits."""
    allowed = GRAPH_FORMATS if kind == "graph" else RESULT_FORMATS
    if fmt:
        fmt = {"ttl": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdf": "rdfxml"}.get(fmt, fmt)
        return fmt if fmt in allowed else None
    if not accept:
        return allowed[0]
    for media, q in parse_accept(accept):
        if q <= 0:
            continue
        name = ALIASES.get(media)
        if name in allowed:
            return name
        if media in ("*/*", "application/*", "text/*"):
            return allowed[0]
    return None


def media_type(fmt: str) -> str:
    if fmt == "rdfxml":
        return GRAPH_MEDIA["xml"]
    return RESULT_MEDIA.get(fmt) or GRAPH_MEDIA[fmt]
