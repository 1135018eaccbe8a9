"""The ontology's HTML documentation, generated from plangraf.ttl (and the audit rules in shapes.ttl).

Why generated: the Turtle file is the single source of truth, so the page can never drift from
it, and a test can insist that every term has Swedish and English labels and a definition. The
page is one self-contained file (inline CSS, no scripts, no fonts or styles from a CDN) so it
works offline and can be served by the API or written by ``plangraf ontology-docs``.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from plangraf.namespace import ONTOLOGY_IRI, PG

PGNS = str(PG._NS)
PREFIXES = {
    PGNS: "pg:", "http://www.w3.org/ns/prov#": "prov:", "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://www.w3.org/ns/org#": "org:", "http://www.w3.org/ns/dcat#": "dcat:", "http://purl.org/dc/terms/": "dct:",
    "http://xmlns.com/foaf/0.1/": "foaf:", "http://www.w3.org/2006/time#": "time:", "http://www.w3.org/ns/oa#": "oa:",
    "http://www.w3.org/2001/XMLSchema#": "xsd:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
    "http://www.w3.org/2002/07/owl#": "owl:", "https://w3id.org/plangraf/shapes#": "pg-shapes:",
}
KINDS = [(OWL.Class, "classes", "Klasser", "Classes"),
         (OWL.ObjectProperty, "object-properties", "Objektegenskaper", "Object properties"),
         (OWL.DatatypeProperty, "datatype-properties", "Dataegenskaper", "Datatype properties")]

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:62rem;margin:2rem auto;
 padding:0 1rem;line-height:1.5;color:#1b1b1b}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #1f4e79;padding-bottom:.2rem;margin-top:2.5rem}
.term{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.term h3{margin:.2rem 0 .4rem;font-size:1.15rem}.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:#555}
dl{display:grid;grid-template-columns:11rem 1fr;gap:.2rem 1rem;margin:.4rem 0}dt{font-weight:600;color:#444}
dd{margin:0}code{font-family:ui-monospace,monospace;background:#f3f4f6;padding:0 .2rem;border-radius:3px}
nav ul{columns:2;list-style:none;padding:0}nav li{break-inside:avoid}.lang{font-size:.75rem;color:#777;margin-left:.3rem}
.meta{color:#555}a{color:#1f4e79}
"""


@dataclass
class Term:
    iri: URIRef
    kind: URIRef


def qname(iri: object) -> str:
    text = str(iri)
    for ns, prefix in PREFIXES.items():
        if text.startswith(ns):
            return prefix + text[len(ns):]
    return text


def anchor(iri: object) -> str:
    return qname(iri).replace(":", "-")


def text_by_lang(g: Graph, s: Node, p: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for o in g.objects(s, p):
        if isinstance(o, Literal):
            out.setdefault(o.language or "", str(o))
    return out


def ref(g: Graph, node: object) -> str:
    """HTML for a class expression: a linked pg: term, a qname, or a union/intersection."""
    if isinstance(node, BNode):
        for op, sep in ((OWL.unionOf, " ∪ "), (OWL.intersectionOf, " ∩ ")):
            lst = g.value(node, op)
            if lst is not None:
                return "(" + sep.join(ref(g, m) for m in Collection(g, lst)) + ")"
        return "<em>anonymous</em>"
    if str(node).startswith(PGNS):
        return f'<a href="#{escape(anchor(node))}"><code>{escape(qname(node))}</code></a>'
    return f"<code>{escape(qname(node))}</code>"


def terms(g: Graph) -> dict[URIRef, list[URIRef]]:
    """pg: terms by kind (owl:Class, owl:ObjectProperty, owl:DatatypeProperty), sorted by name."""
    out: dict[URIRef, list[URIRef]] = {}
    for kind, *_rest in KINDS:
        found = {s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef) and str(s).startswith(PGNS)}
        out[kind] = sorted(found, key=lambda s: str(s).lower())
    return out


def _bilingual(values: dict[str, str]) -> str:
    parts = [f"{escape(values[lang])}<span class=lang>{escape(lang)}</span>" for lang in ("sv", "en") if lang in values]
    parts += [escape(v) for lang, v in values.items() if lang not in ("sv", "en")]
    return "<br>".join(parts)


def term_html(g: Graph, iri: URIRef, kind: URIRef) -> str:
    labels = text_by_lang(g, iri, SKOS.prefLabel) or text_by_lang(g, iri, RDFS.label)
    title = labels.get("sv") or qname(iri)
    en = labels.get("en")
    rows: list[tuple[str, str]] = [("IRI", f"<span class=iri>{escape(str(iri))}</span>")]
    rows.append(("Etikett / label", _bilingual(text_by_lang(g, iri, RDFS.label))))
    alts = sorted(str(a) for a in g.objects(iri, SKOS.altLabel))
    if alts:
        rows.append(("Även / also", escape(", ".join(alts))))
    rows.append(("Definition", _bilingual(text_by_lang(g, iri, SKOS.definition))))
    if kind == OWL.Class:
        sup = [ref(g, o) for o in g.objects(iri, RDFS.subClassOf)]
        sub = [ref(g, s) for s in sorted(g.subjects(RDFS.subClassOf, iri), key=str)]
        dom = [ref(g, p) for p in sorted(terms(g)[OWL.ObjectProperty] + terms(g)[OWL.DatatypeProperty], key=str)
               if _mentions(g, g.value(p, RDFS.domain), iri)]
        rng = [ref(g, p) for p in sorted(terms(g)[OWL.ObjectProperty], key=str)
               if _mentions(g, g.value(p, RDFS.range), iri)]
        for name, items in (("Överklass / superclass", sup), ("Underklass / subclass", sub),
                            ("Egenskaper / properties", dom), ("Mål för / used as range of", rng)):
            if items:
                rows.append((name, ", ".join(items)))
    else:
        for name, p in (("Domän / domain", RDFS.domain), ("Värdemängd / range", RDFS.range),
                        ("Underegenskap av / subproperty of", RDFS.subPropertyOf), ("Invers / inverse", OWL.inverseOf)):
            vals = [ref(g, o) for o in g.objects(iri, p)]
            if vals:
                rows.append((name, ", ".join(vals)))
        traits = [qname(t) for t in g.objects(iri, RDF.type) if t not in (OWL.ObjectProperty, OWL.DatatypeProperty)]
        if traits:
            rows.append(("Egenskaper / characteristics", escape(", ".join(sorted(traits)))))
    body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    sub_title = f' <span class=meta>({escape(en)})</span>' if en else ""
    return (f'<section class=term id="{escape(anchor(iri))}"><h3><code>{escape(qname(iri))}</code> '
            f'{escape(title)}{sub_title}</h3><dl>{body}</dl></section>')


def _mentions(g: Graph, expr: object, cls: URIRef) -> bool:
    if expr is None:
        return False
    if expr == cls:
        return True
    if isinstance(expr, BNode):
        lst = g.value(expr, OWL.unionOf)
        return lst is not None and any(_mentions(g, m, cls) for m in Collection(g, lst))
    return False


def shapes_html(shapes: Graph) -> str:
    items = []
    found = {s for t in (SH.NodeShape, SH.PropertyShape) for s in shapes.subjects(RDF.type, t) if isinstance(s, URIRef)}
    for s in sorted(found, key=str):
        sev = shapes.value(s, SH.severity)
        rows = [("IRI", f"<span class=iri>{escape(str(s))}</span>"),
                ("Allvarlighet / severity", escape(qname(sev).replace("http://www.w3.org/ns/shacl#", "sh:")) if sev else "sh:Violation"),
                ("Beskrivning / description", _bilingual(text_by_lang(shapes, s, SH.description))),
                ("Meddelande / message", _bilingual(text_by_lang(shapes, s, SH.message)))]
        label = text_by_lang(shapes, s, RDFS.label)
        body = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
        items.append(f'<section class=term id="{escape(anchor(s))}"><h3><code>{escape(qname(s))}</code> '
                     f'{escape(label.get("sv", ""))} <span class=meta>({escape(label.get("en", ""))})</span></h3>'
                     f"<dl>{body}</dl></section>")
    return "".join(items)


def render_html(graph: Graph | None = None, shapes: Graph | None = None) -> str:
    """The documentation page for ``graph`` (default: the packaged ontology and shapes)."""
    from plangraf.ontology import ontology_graph, shapes_graph
    g = graph if graph is not None else ontology_graph()
    sg = shapes if shapes is not None else (shapes_graph() if graph is None else Graph())
    onto = URIRef(ONTOLOGY_IRI)
    title = text_by_lang(g, onto, DCTERMS.title)
    desc = text_by_lang(g, onto, DCTERMS.description)
    version = g.value(onto, OWL.versionInfo)
    version_iri = g.value(onto, OWL.versionIRI)
    by_kind = terms(g)
    nav, sections = [], []
    for kind, slug, sv, en in KINDS:
        items = by_kind[kind]
        nav.append(f'<li><a href="#{slug}">{escape(sv)} / {escape(en)}</a> ({len(items)})</li>')
        sections.append(f'<h2 id="{slug}">{escape(sv)} / {escape(en)}</h2>'
                        + "".join(term_html(g, t, kind) for t in items))
    if len(sg):
        nav.append('<li><a href="#shapes">Granskningsregler / audit rules (SHACL)</a></li>')
        sections.append('<h2 id="shapes">Granskningsregler / audit rules (SHACL)</h2>' + shapes_html(sg))
    comment = text_by_lang(g, onto, RDFS.comment)
    head = (f"<h1>{escape(title.get('sv', 'plangraf'))}</h1>"
            f"<p class=meta>{escape(title.get('en', ''))} — <code>{escape(ONTOLOGY_IRI)}#</code> (pg:)"
            + (f", version {escape(str(version))}" if version else "")
            + (f" — <span class=iri>{escape(str(version_iri))}</span>" if version_iri else "") + "</p>"
            f"<p>{_bilingual(desc)}</p>" + (f"<p class=meta>{_bilingual(comment)}</p>" if comment else ""))
    return ("<!DOCTYPE html>\n<html lang=sv><head><meta charset=utf-8>"
            "<meta name=viewport content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title.get('sv', 'plangraf'))}</title><style>{CSS}</style></head><body>"
            f"{head}<nav><ul>{''.join(nav)}</ul></nav>{''.join(sections)}</body></html>\n")
