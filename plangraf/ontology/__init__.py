"""The ontology, SHACL shapes and SKOS reference data, shipped as package data."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rdflib import Graph

ONTOLOGY_FILE = "plangraf.ttl"
SHAPES_FILE = "shapes.ttl"
REFERENCE_FILES = ("focus-areas.ttl", "organisations.ttl", "data-sources.ttl")


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _parse(*names: str) -> Graph:
    g = Graph()
    for name in names:
        if resources.files(__name__).joinpath(name).is_file():
            g.parse(data=read_text(name), format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    return _parse(ONTOLOGY_FILE)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return _parse(SHAPES_FILE)


@lru_cache(maxsize=1)
def reference_graph() -> Graph:
    return _parse(*REFERENCE_FILES)
