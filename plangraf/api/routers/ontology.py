"""/ontology: the generated documentation page for people, the Turtle file for machines
(Accept: text/turtle or ``?format=ttl``); /ontology/shapes: the SHACL shapes as Turtle.

Both are package data that do not change while the server runs, so each rendering is cached.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from fastapi import APIRouter, HTTPException, Request, Response

from plangraf import ontology
from plangraf.api import conneg

router = APIRouter(tags=["ontology"])

MEDIA = {"html": "text/html; charset=utf-8", "ttl": "text/turtle; charset=utf-8",
         "nt": "application/n-triples", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}
ACCEPT = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "ttl",
          "application/x-turtle": "ttl", "application/n-triples": "nt", "application/ld+json": "jsonld",
          "application/rdf+xml": "rdfxml", "*/*": "html", "text/*": "html"}
ALTERNATES = ", ".join(f'</ontology?format={f}>; rel="alternate"; type="{MEDIA[f].split(";")[0]}"'
                       for f in ("ttl", "nt", "jsonld", "rdfxml"))
# The documentation page is static HTML with inline styles, no scripts; it loads nothing.
HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
Format = Literal["html", "ttl", "turtle", "nt", "jsonld", "rdfxml"]


def choose(accept: str | None, fmt: str | None) -> str | None:
    if fmt:
        return "ttl" if fmt == "turtle" else fmt
    if not accept:
        return "html"
    for media, q in conneg.parse_accept(accept):
        if q > 0 and media in ACCEPT:
            return ACCEPT[media]
    return None


@lru_cache(maxsize=8)
def render(fmt: str) -> bytes:
    if fmt == "html":
        from plangraf.ontology.docs import render_html
        return render_html().encode("utf-8")
    if fmt == "ttl":
        return ontology.read_text(ontology.ONTOLOGY_FILE).encode("utf-8")
    rdflib_fmt = {"nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt]
    return ontology.ontology_graph().serialize(format=rdflib_fmt, encoding="utf-8")


@router.get("/ontology", summary="The plangraf ontology: documentation page or RDF",
            description="HTML documentation by default (and for browsers); the Turtle source for "
                        "`Accept: text/turtle` or `?format=ttl`; also N-Triples, JSON-LD, RDF/XML.",
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()}},
                       406: {"description": "no acceptable format"}})
def get_ontology(request: Request, format: Format | None = None) -> Response:
    fmt = choose(request.headers.get("accept"), format)
    if fmt is None:
        raise HTTPException(406, "the ontology is available as HTML, Turtle, N-Triples, JSON-LD or RDF/XML")
    headers = {"Vary": "Accept", "Link": ALTERNATES, "X-Content-Type-Options": "nosniff"}
    if fmt == "html":
        headers["Content-Security-Policy"] = HTML_CSP
    return Response(render(fmt), media_type=MEDIA[fmt], headers=headers)


@router.get("/ontology/shapes", summary="The SHACL shapes (Turtle)",
            description="The shapes `plangraf validate` checks a graph against.",
            responses={200: {"content": {"text/turtle": {}}}, 404: {"description": "no shapes shipped"}})
def get_shapes() -> Response:
    try:
        text = ontology.read_text(ontology.SHAPES_FILE)
    except FileNotFoundError as exc:
        raise HTTPException(404, "this build ships no SHACL shapes") from exc
    return Response(text, media_type="text/turtle; charset=utf-8", headers={"X-Content-Type-Options": "nosniff"})
