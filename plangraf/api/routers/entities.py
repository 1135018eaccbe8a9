"""/entities/{id}: one node, its links both ways, and where it came from (quote, document, lines)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from plangraf.api.deps import StoreDep
from plangraf.graph.results import QueryError
from plangraf.graph.store import Store
from plangraf.namespace import ID_BASE
from plangraf.provenance import LINKS_QUERY, resolve, short, sources

router = APIRouter(tags=["entities"])

INFO_QUERY = """SELECT ?p ?o WHERE { ?s ?p ?o
  FILTER(!isIRI(?o) || ?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) }"""


class Link(BaseModel):
    direction: str
    predicate: str
    node: str
    label: str | None = None


class SourceOut(BaseModel):
    file: str
    start_line: int
    end_line: int
    page: int | None = None
    quote: str
    extractor: str
    confidence: float | None = None
    curated: bool = False


class Entity(BaseModel):
    iri: str
    types: list[str]
    labels: list[str]
    properties: dict[str, list[str]]
    links: list[Link]
    sources: list[SourceOut]


def entity(store: Store, node: str) -> Entity | None:
    iri = resolve(node)
    info = store.query(INFO_QUERY, {"s": iri})
    if not info.rows:
        return None
    types: list[str] = []
    labels: list[str] = []
    props: dict[str, list[str]] = {}
    for p, o in info.rows:
        key = short(p)
        if key == "rdf:type":
            types.append(short(o))
        elif key in ("rdfs:label", "skos:prefLabel"):
            labels.append(str(o))
        else:
            props.setdefault(key, []).append(str(o))
    links = [Link(direction=str(d), predicate=short(p), node=str(o), label=str(lab) if lab is not None else None)
             for d, p, o, lab in store.query(LINKS_QUERY, {"node": iri}).rows if short(p) != "rdf:type"]
    srcs = [SourceOut(file=s.file, start_line=s.start, end_line=s.end, page=s.page, quote=s.quote,
                      extractor=s.extractor, confidence=s.confidence, curated=s.curated)
            for s in sources(store, iri)]
    return Entity(iri=str(iri), types=sorted(set(types)), labels=sorted(set(labels)), properties=props,
                  links=links, sources=srcs)


@router.get("/entities/{node_id:path}", response_model=Entity,
            summary="A node with its links both ways and its provenance",
            description=f"`node_id` is the part of the IRI after {ID_BASE} (or a full IRI).",
            responses={404: {"description": "no such node"}})
async def get_entity(node_id: str, store: StoreDep) -> Entity:
    try:
        found = await run_in_threadpool(entity, store, node_id)
    except QueryError as exc:
        raise HTTPException(400, str(exc)) from exc
    if found is None:
        raise HTTPException(404, f"no node {resolve(node_id)}")
    return found
