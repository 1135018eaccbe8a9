"""The generated HTML documentation: complete, escaped, self-contained."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from plangraf.namespace import ONTOLOGY_IRI, PG
from plangraf.ontology import ontology_graph
from plangraf.ontology.docs import render_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.srcs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        d = dict(attrs)
        if "id" in d:
            self.ids.add(d["id"] or "")
        for key in ("src", "href"):
            if d.get(key) and tag in ("script", "link", "img", "iframe"):
                self.srcs.append(d[key] or "")


def test_page_documents_every_term_with_both_languages() -> None:
    html = render_html()
    parser = _Collect()
    parser.feed(html)
    g = ontology_graph()
    for name in PG.__annotations__:
        assert f"pg-{name}" in parser.ids, name
        for lab in g.objects(PG[name], RDFS.label):
            assert str(lab).replace("\"", "&quot;") in html or str(lab) in html
    assert "Granskningsregler" in html and "GoalWithoutIndicator" in html


def test_page_is_self_contained() -> None:
    html = render_html()
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags
    assert parser.srcs == []
    assert not re.search(r"@import|url\(", html)


def test_text_is_escaped() -> None:
    g = Graph()
    g.add((URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology))
    g.add((PG.Goal, RDF.type, OWL.Class))
    g.add((PG.Goal, RDFS.label, Literal("<script>alert(1)</script>", lang="sv")))
    g.add((PG.Goal, SKOS.definition, Literal("a & b < c", lang="en")))
    html = render_html(g)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html and "a &amp; b &lt; c" in html


def test_union_domains_are_shown() -> None:
    html = render_html()
    section = html[html.index('id="pg-hasFocusArea"'):]
    section = section[:section.index("</section>")]
    assert "∪" in section and "pg-Plan" in section
