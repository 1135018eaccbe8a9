"""Build one document's graph: typed, labelled nodes with provenance back to the source lines.

``builder.graph`` (rdflib) holds the content: types, labels, links, values. Provenance records
are kept aside and written straight to N-Triples (:meth:`GraphBuilder.ntriples`), because they
are most of the triples and rdflib's adds would dominate extraction time;
:meth:`GraphBuilder.full_graph` gives everything as one rdflib Graph.

Provenance model (decided once, filled in by every loader):

    <node> prov:wasDerivedFrom <src> .
    <src>  a oa:SpecificResource ;
           oa:hasSource <doc> ;                       # the pg:SourceFile (the file)
           oa:hasSelector <src/q> ;
           pg:startLine 12 ; pg:endLine 14 ;         # 1-based lines of the original file
           pg:page 3 ;                                # when known (PDF)
           pg:extractor "logic-model" ; pg:confidence 0.8 ;
           pg:curated true .                          # only for statements from a corrections file
    <src/q> a oa:TextQuoteSelector ; oa:exact "the quoted text" .

A link (s p o) gets the same provenance through a reified rdf:Statement that carries
prov:wasDerivedFrom. Node IRIs are minted from the document id, the class and the label, so a
reload gives the same IRIs and corrections files can name nodes. Nodes of reference data
(regions, municipalities, national data sources, national focus areas) keep their reference IRI:
the same body in two documents is one node.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from plangraf.namespace import ID_BASE, OA, PG, doc_iri

CLASS_SLUGS = {
    PG.Strategy: "strategy", PG.Plan: "plan", PG.FocusArea: "focus-area", PG.Malbild: "malbild",
    PG.Goal: "goal", PG.LongTermGoal: "goal", PG.ShortTermGoal: "goal", PG.Activity: "activity",
    PG.Intervention: "activity", PG.Indicator: "indicator", PG.DataSource: "data-source",
    PG.Assumption: "assumption", PG.ResponsibleBody: "body", PG.TargetGroup: "target-group",
    PG.Budget: "budget", PG.Resource: "resource", PG.Document: "document",
}


def slugify(text: str, max_len: int = 48) -> str:
    """ASCII slug for IRIs: 'Hälsa på lika villkor' -> 'halsa-pa-lika-villkor'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return text[:max_len].rstrip("-") or "x"


@lru_cache(maxsize=65536)
def norm_label(text: str) -> str:
    """Normalised form for de-duplicating labels within a document."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip(" .,:;-–•").lower()


@dataclass(frozen=True)
class Span:
    """Where something stands in the original file: 1-based inclusive lines, page when known."""

    start: int
    end: int
    page: int | None = None

    @classmethod
    def covering(cls, spans: Iterable[Span]) -> Span:
        spans = list(spans)
        pages = [s.page for s in spans if s.page is not None]
        return cls(min(s.start for s in spans), max(s.end for s in spans), min(pages) if pages else None)


@dataclass(frozen=True)
class Provenance:
    subject: URIRef
    src: URIRef
    span: Span
    quote: str
    extractor: str
    confidence: float
    curated: bool


def nt_string(text: str) -> str:
    """A plain literal in N-Triples syntax."""
    esc = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{esc}"'


class ExtractionOverflow(Exception):
    """A document produced more statements than its output budget allows."""


class GraphBuilder:
    """Collects one document's statements. Loaders call :meth:`node` and :meth:`link`.

    ``max_records`` (None: no limit) is the output budget: more node mentions and links than that
    raise :class:`ExtractionOverflow`, so a run-away extraction stops early instead of filling memory.
    """

    def __init__(self, doc_id: str, file_name: str, *, extractor: str = "generic") -> None:
        self.doc_id = doc_id
        self.graph = Graph(store="SimpleMemory")   # no contexts: ~40% cheaper adds than "Memory"
        self.graph.bind("pg", PG._NS)
        self.graph.bind("oa", OA)
        self.graph.bind("prov", PROV)
        self.graph.bind("skos", SKOS)
        self.graph.bind("dct", DCTERMS)
        self.extractor = extractor
        self.doc = doc_iri(doc_id)
        self._nodes: dict[tuple[URIRef, str, str | None], URIRef] = {}
        self._any_scope: dict[tuple[URIRef, str], URIRef] = {}   # (class, label) -> first node, any scope
        self._src = 0
        self._prov: list[Provenance] = []
        self._statements: list[tuple[URIRef, URIRef, URIRef, URIRef]] = []
        self._renames: dict[URIRef, URIRef] = {}
        self._links: set[tuple[URIRef, URIRef, URIRef]] = set()
        self.plan: URIRef | None = None
        self.max_records: int | None = None
        g = self.graph
        g.add((self.doc, RDF.type, PG.SourceFile))
        g.add((self.doc, PG.fileName, Literal(file_name)))
        g.add((self.doc, DCTERMS.title, Literal(file_name)))

    # -- nodes -------------------------------------------------------------------------------
    def iri(self, cls: URIRef, label: str, scope: str | None = None) -> URIRef:
        slug = CLASS_SLUGS.get(cls, "node")
        key = norm_label(label) if scope is None else f"{scope}|{norm_label(label)}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:8]
        return URIRef(f"{ID_BASE}{self.doc_id}/{slug}/{slugify(label, 40)}-{digest}")

    def find(self, cls: URIRef, label: str, scope: str | None = None) -> URIRef | None:
        """The node of this class and label (in ``scope``; without one, in any scope)."""
        key = norm_label(label)
        found = self._nodes.get((cls, key, scope))
        if found is None and scope is None:
            found = self._any_scope.get((cls, key))
        return found

    def node(self, cls: URIRef, label: str, span: Span, *, quote: str | None = None,
             extractor: str | None = None, confidence: float = 0.8, iri: URIRef | None = None,
             label_prop: URIRef = RDFS.label, scope: str | None = None, curated: bool = False) -> URIRef:
        """Add (or find) a typed node with a label and provenance; returns its IRI.

        The same class and label within one document give the same node; each mention adds
        its own provenance. ``scope`` keeps same-named things apart (two sections that are
        both called "Samverkan"): pass e.g. the section's heading. Pass ``iri`` to use a
        reference-data node (region, data source).
        """
        label = re.sub(r"\s+", " ", label).strip()
        key = (cls, norm_label(label), scope)
        node = self._nodes.get(key)
        if node is None:
            node = iri or self.iri(cls, label, scope)
            self._nodes[key] = node
            self._any_scope.setdefault((cls, key[1]), node)
            self.graph.add((node, RDF.type, cls))
            self.graph.add((node, label_prop, Literal(label, lang="sv")))
        elif iri is not None and iri != node:
            self.graph.add((node, SKOS.exactMatch, iri))
        self.provenance(node, span, quote if quote is not None else label, extractor, confidence, curated)
        return node

    def provenance(self, subject: URIRef, span: Span, quote: str, extractor: str | None = None,
                   confidence: float = 0.8, curated: bool = False) -> URIRef:
        """Record where ``subject`` came from. Provenance is kept as plain records and written
        as N-Triples at the end (it is most of a document's triples; rdflib adds cost ~25 µs)."""
        self._src += 1
        if self.max_records is not None and self._src > self.max_records:
            raise ExtractionOverflow(f"more than {self.max_records:,} statements")
        src = URIRef(f"{ID_BASE}{self.doc_id}/src/{self._src}")
        self._prov.append(Provenance(subject, src, span, " ".join(quote.split()),
                                     extractor or self.extractor, round(confidence, 2), curated))
        return src

    # -- links -------------------------------------------------------------------------------
    def link(self, s: URIRef, p: URIRef, o: URIRef, span: Span | None = None, *,
             quote: str | None = None, extractor: str | None = None, confidence: float = 0.7,
             curated: bool = False) -> None:
        """Add s p o; with a span, also a reified statement carrying its provenance."""
        if s == o:
            return
        triple = (s, p, o)
        if triple in self._links:
            return
        self._links.add(triple)
        self.graph.add(triple)
        if span is None:
            return
        digest = hashlib.sha1(f"{s}|{p}|{o}".encode()).hexdigest()[:12]
        st = URIRef(f"{ID_BASE}{self.doc_id}/link/{digest}")
        self._statements.append((st, s, p, o))
        self.provenance(st, span, quote or "", extractor, confidence, curated)

    def rename(self, old: URIRef, new: URIRef) -> None:
        """Replace a node IRI everywhere (e.g. by a reference-data IRI), provenance included."""
        if old == new:
            return
        g = self.graph
        links = self._links
        for p, o in list(g.predicate_objects(old)):
            g.remove((old, p, o))
            g.add((new, p, o))
            if isinstance(p, URIRef) and isinstance(o, URIRef) and (old, p, o) in links:
                links.discard((old, p, o))      # every link is a graph triple: keep the set in step here
                links.add((new, p, o))
        for s, p in list(g.subject_predicates(old)):
            g.remove((s, p, old))
            g.add((s, p, new))
            if isinstance(s, URIRef) and isinstance(p, URIRef) and (s, p, old) in links:
                links.discard((s, p, old))
                links.add((s, p, new))
        for key, node in self._nodes.items():
            if node == old:
                self._nodes[key] = new
        for k2, node in self._any_scope.items():
            if node == old:
                self._any_scope[k2] = new
        self._renames[old] = new
        if self.plan == old:
            self.plan = new

    def canonical(self, iri: URIRef) -> URIRef:
        """The IRI a node has now (after any :meth:`rename`)."""
        return self._renames.get(iri, iri)

    def spans(self, node: URIRef) -> list[Span]:
        """Where ``node`` was found, in order of appearance."""
        c = self.canonical
        return [r.span for r in self._prov if c(r.subject) == node]

    def forget(self, node: URIRef) -> None:
        """Remove a node: its triples both ways, its provenance, and links to or from it."""
        g = self.graph
        g.remove((node, None, None))
        g.remove((None, None, node))
        self._links = {t for t in self._links if node not in (t[0], t[2])}
        self._forget(lambda subject: subject == node, lambda s, p, o: node in (s, o))
        self._nodes = {k: v for k, v in self._nodes.items() if v != node}
        self._any_scope = {k: v for k, v in self._any_scope.items() if v != node}

    def unlink(self, s: URIRef, p: URIRef, o: URIRef) -> bool:
        """Remove one link and its provenance; False when there was no such link."""
        if (s, p, o) not in self.graph:
            return False
        self.graph.remove((s, p, o))
        self._links.discard((s, p, o))
        self._forget(lambda subject: False, lambda s2, p2, o2: (s2, p2, o2) == (s, p, o))
        return True

    def _forget(self, node_gone, link_gone) -> None:  # type: ignore[no-untyped-def]
        c = self.canonical
        gone = {st for st, s, p, o in self._statements
                if link_gone(c(s), p, c(o)) or node_gone(c(s)) or node_gone(c(o))}
        self._statements = [t for t in self._statements if t[0] not in gone]
        self._prov = [r for r in self._prov if r.subject not in gone and not node_gone(c(r.subject))]

    def provenance_ntriples(self) -> str:
        """The provenance records and reified link statements as N-Triples."""
        ren = self._renames

        def iri(t: URIRef) -> str:
            return f"<{ren.get(t, t)}>"

        doc = f"<{self.doc}>"
        out: list[str] = []
        for st, s, p, o in self._statements:
            n = iri(st)
            out += [f"{n} <{RDF.type}> <{RDF.Statement}> .", f"{n} <{RDF.subject}> {iri(s)} .",
                    f"{n} <{RDF.predicate}> <{p}> .", f"{n} <{RDF.object}> {iri(o)} ."]
        for r in self._prov:
            src = f"<{r.src}>"
            sel = f"<{r.src}/q>"
            out += [f"{iri(r.subject)} <{PROV.wasDerivedFrom}> {src} .",
                    f"{src} <{RDF.type}> <{OA.SpecificResource}> .", f"{src} <{OA.hasSource}> {doc} .",
                    f"{src} <{OA.hasSelector}> {sel} .",
                    f'{src} <{PG.startLine}> "{r.span.start}"^^<{XSD.integer}> .',
                    f'{src} <{PG.endLine}> "{r.span.end}"^^<{XSD.integer}> .',
                    f"{src} <{PG.extractor}> {nt_string(r.extractor)} .",
                    f'{src} <{PG.confidence}> "{r.confidence}"^^<{XSD.decimal}> .',
                    f"{sel} <{RDF.type}> <{OA.TextQuoteSelector}> .", f"{sel} <{OA.exact}> {nt_string(r.quote)} ."]
            if r.span.page is not None:
                out.append(f'{src} <{PG.page}> "{r.span.page}"^^<{XSD.integer}> .')
            if r.curated:
                out.append(f'{src} <{PG.curated}> "true"^^<{XSD.boolean}> .')
        return "\n".join(out) + "\n"

    def ntriples(self) -> bytes:
        """The whole document graph as N-Triples (what the stores load): ``graph`` as rdflib
        writes it, then exactly the lines of :meth:`provenance_ntriples`, written here with the
        constant parts prepared once per call (namespace attribute lookups and f-strings per line
        made that method ~55 ms of a sample's ~0.45 s extraction; tests/graph/test_model_ntriples.py
        checks the bytes are the same)."""
        body = self.graph.serialize(format="nt", encoding="utf-8")
        ren = self._renames
        stmt_type, sel_type = f" <{RDF.type}> <{RDF.Statement}> .", f" <{RDF.type}> <{OA.TextQuoteSelector}> ."
        subj, pred, obj = f" <{RDF.subject}> <", f" <{RDF.predicate}> <", f" <{RDF.object}> <"
        derived, specific = f"> <{PROV.wasDerivedFrom}> <", f" <{RDF.type}> <{OA.SpecificResource}> ."
        source, selector = f" <{OA.hasSource}> <{self.doc}> .", f" <{OA.hasSelector}> "
        start, end, page = f" <{PG.startLine}> \"", f" <{PG.endLine}> \"", f" <{PG.page}> \""
        integer, decimal = f"\"^^<{XSD.integer}> .", f"\"^^<{XSD.decimal}> ."
        extractor, confidence = f" <{PG.extractor}> ", f" <{PG.confidence}> \""
        exact, curated = f" <{OA.exact}> ", f" <{PG.curated}> \"true\"^^<{XSD.boolean}> ."
        out: list[str] = []
        add = out.append
        for st, s, p, o in self._statements:
            n = f"<{ren.get(st, st)}>"
            add(n + stmt_type)
            add(f"{n}{subj}{ren.get(s, s)}> .")
            add(f"{n}{pred}{p}> .")
            add(f"{n}{obj}{ren.get(o, o)}> .")
        quoted: dict[str, str] = {}
        for r in self._prov:
            src = f"<{r.src}>"
            sel = f"<{r.src}/q>"
            ex = quoted.get(r.extractor)
            if ex is None:
                ex = quoted[r.extractor] = nt_string(r.extractor)
            add(f"<{ren.get(r.subject, r.subject)}{derived}{r.src}> .")
            add(src + specific)
            add(src + source)
            add(f"{src}{selector}{sel} .")
            add(f"{src}{start}{r.span.start}{integer}")
            add(f"{src}{end}{r.span.end}{integer}")
            add(f"{src}{extractor}{ex} .")
            add(f"{src}{confidence}{r.confidence}{decimal}")
            add(sel + sel_type)
            add(f"{sel}{exact}{nt_string(r.quote)} .")
            if r.span.page is not None:
                add(f"{src}{page}{r.span.page}{integer}")
            if r.curated:
                add(src + curated)
        return body + ("\n".join(out) + "\n").encode("utf-8")

    def full_graph(self) -> Graph:
        """Everything, provenance included, as one rdflib Graph (for files, tests and pySHACL)."""
        g = Graph()
        for prefix, ns in self.graph.namespaces():
            g.bind(prefix, ns)
        g += self.graph
        g.parse(data=self.provenance_ntriples(), format="nt")
        return g

    def set(self, s: URIRef, p: URIRef, value: object) -> None:
        """Set a literal-valued property (title, period, amount) on a node."""
        self.graph.add((s, p, value if isinstance(value, (Literal, URIRef)) else Literal(value)))
