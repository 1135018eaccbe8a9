"""Per-document corrections files (YAML) that a person edits; applied on every load.

Extractors make mistakes a person can see at a glance. Rather than patching the graph after each
load, a reviewer writes the fix once in a small YAML file beside the document and every later
load applies it, with provenance marked ``pg:curated true`` (extractor "curation", confidence 1).

Where: ``<file stem>.corrections.yaml`` (or ``.yml``) next to the document, and the same name, or
``<doc id>.corrections.yaml``, in the directory named by the environment variable
``PLANGRAF_CORRECTIONS``. Every file found is applied, the one beside the document first.

Format (every section optional; lines are the original file's 1-based line numbers)::

    remove:                          # drop wrong nodes with all their statements
      - Felaktig aktivitet           # by label (any type; must be unambiguous)
      - {type: Goal, label: Ökad trygghet}
      - {iri: "https://w3id.org/plangraf/id/003/goal/..."}
    unlink:                          # drop a wrong link between two nodes
      - {subject: Utbilda personal, predicate: servesGoal, object: Ökad trygghet}
    add:                             # nodes the extractors missed
      - type: Activity               # a pg: class: Activity, Goal, Indicator, FocusArea, ...
        label: Inventera utbildningsbehov
        lines: 98-99                 # or 98, or [98, 99]
        quote: Inventering av relevanta utbildningar   # optional; default: the label
        links:                       # optional links from this node: predicate: object
          - servesGoal: Ökad trygghet
          - {predicate: measuredBy, object: Andel utbildade, lines: 81}
    link:                            # links the extractors missed
      - {subject: "@plan", predicate: hasGoal, object: Ökad trygghet, lines: 20-24}

A node is named by its label (compared case- and space-insensitively), by ``{type, label}`` when
the label alone is ambiguous, by ``{iri: ...}``, or as ``"@plan"`` for the document's plan.
Sections run in the order remove, unlink, add, link, so added nodes can be linked. A link
without ``lines`` takes the subject's first stated lines. Any mistake (bad YAML, unknown
section, type or predicate, a label that names no node or several, lines outside the file) is a
:class:`LoaderError` naming the corrections file and the line in it.

The YAML is read safely: PyYAML's safe loader (no Python objects), no aliases (``*name``: they
allow recursive values and "billion laughs" bombs; anchors alone are harmless), at most
MAX_DEPTH levels of nesting, and files of at most MAX_BYTES. Every value is checked for its
shape (a list where a list belongs, one value where one value belongs) before it is used.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder, Span, norm_label
from plangraf.loaders.base import LoaderError, SourceDocument
from plangraf.loaders.text import quote_in_lines
from plangraf.namespace import PG

CURATION = "curation"
MAX_BYTES = 256_000  # written by hand: 256 KB is some 6,000 entries, read in under 2 s
MAX_DEPTH = 12  # the format nests 5 levels deep (sections, entries, links, reference, field)
ENV_DIR = "PLANGRAF_CORRECTIONS"
SECTIONS = ("remove", "unlink", "add", "link")
CLASSES = {name.lower(): getattr(PG, name) for name in (
    "Strategy", "Plan", "FocusArea", "Malbild", "Goal", "LongTermGoal", "ShortTermGoal", "Activity",
    "Intervention", "Indicator", "DataSource", "Assumption", "ResponsibleBody", "TargetGroup", "Budget")}
SUBCLASSES = {PG.Goal: {PG.LongTermGoal, PG.ShortTermGoal}, PG.Activity: {PG.Intervention}}
PREDICATES = {name.lower(): getattr(PG, name) for name in (
    "hasFocusArea", "hasGoal", "hasMalbild", "contributesTo", "servesGoal", "measuredBy", "dataSource",
    "responsibleFor", "hasResponsible", "targetGroup", "assumes", "budget", "partOf", "hasPart",
    "followsUpIn")}


def corrections_files(doc: SourceDocument) -> list[Path]:
    """The corrections files that apply to ``doc``, in the order they are applied."""
    names = [f"{doc.path.stem}.corrections.yaml", f"{doc.path.stem}.corrections.yml"]
    found = [doc.path.parent / n for n in names]
    env = os.environ.get(ENV_DIR)
    if env:
        found += [Path(env) / n for n in names + [f"{doc.doc_id}.corrections.yaml"]]
    out: list[Path] = []
    for p in found:
        if p.is_file() and all(not p.samefile(q) for q in out):
            out.append(p)
    return out


def apply_corrections(doc: SourceDocument, builder: GraphBuilder) -> list[Path]:
    """Apply every corrections file of ``doc`` to ``builder``'s graph; returns the files applied."""
    files = corrections_files(doc)
    for path in files:
        Corrections(path, doc, builder).apply()
    return files


# -- YAML with line numbers ------------------------------------------------------------------
@dataclass
class Item:
    """A YAML value with the 1-based line it starts on in the corrections file."""

    value: Any
    line: int


class _StrictLoader(yaml.SafeLoader):
    """The safe loader's composer, refusing aliases and nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a corrections file; write the value out",
                event.start_mark)  # type: ignore[arg-type]  # the stubs' two Mark classes
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(
                None, None, f"nested deeper than {MAX_DEPTH} levels; a corrections file needs at most 5",
                event.start_mark)  # type: ignore[arg-type]
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_yaml(path: Path) -> Item:
    """The file as nested Items (dict/list/scalar values), or LoaderError with the line."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise LoaderError(f"the corrections file is {size / 1e3:.0f} KB, over the limit of "
                              f"{MAX_BYTES / 1e3:.0f} KB; split it or trim it", path)
        loader = _StrictLoader(path.read_bytes().decode("utf-8-sig"))
        try:
            node = loader.get_single_node()
            return _item(node, loader, path) if node is not None else Item({}, 1)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise LoaderError(f"YAML syntax error: {exc.problem or exc}", path,
                          mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise LoaderError(f"cannot read corrections file: {exc}", path) from None
    except OSError as exc:
        raise LoaderError(f"cannot read corrections file: {exc.strerror or exc}", path) from None


def _item(node: yaml.Node, loader: yaml.SafeLoader, path: Path) -> Item:
    """Compose-level nodes keep their marks; scalars are typed by the loader (12 -> int)."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Item] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                raise LoaderError("keys must be plain names (like 'label:'), not lists or mappings", path,
                                  k.start_mark.line + 1)
            out[str(k.value)] = _item(v, loader, path)
        return Item(out, line)
    if isinstance(node, yaml.SequenceNode):
        return Item([_item(v, loader, path) for v in node.value], line)
    try:
        return Item(loader.construct_object(node), line)  # type: ignore[no-untyped-call]
    except (ValueError, OverflowError, TypeError) as exc:  # 2024-13-45, a 5000-digit number
        raise LoaderError(f"cannot read value {str(node.value)[:40]!r}: {exc}", path, line) from None


# -- applying --------------------------------------------------------------------------------
class Corrections:
    """One corrections file applied to one document's builder."""

    def __init__(self, path: Path, doc: SourceDocument, builder: GraphBuilder) -> None:
        self.path, self.doc, self.builder = path, doc, builder

    def fail(self, message: str, item: Item | int | None) -> LoaderError:
        line = item.line if isinstance(item, Item) else item
        return LoaderError(message, self.path, line)

    def apply(self) -> None:
        root = load_yaml(self.path)
        if not isinstance(root.value, dict):
            raise self.fail("a corrections file is a mapping with sections " + ", ".join(SECTIONS), root)
        for key, item in root.value.items():
            if key not in SECTIONS:
                raise self.fail(f"unknown section {key!r}; known: {', '.join(SECTIONS)}", item)
            if item.value is not None and not isinstance(item.value, list):
                raise self.fail(f"section {key!r} must be a list of entries (lines starting with '-')", item)
        entries = {k: (root.value[k].value or []) if k in root.value else [] for k in SECTIONS}
        for entry in entries["remove"]:
            self.remove(entry)
        for entry in entries["unlink"]:
            self.unlink(entry)
        added = [(entry, self.add(entry)) for entry in entries["add"]]
        for entry, node in added:
            links = self.field(entry, "links", required=False, scalar=False)
            if links is not None and not isinstance(links, list):
                raise self.fail("'links' must be a list of entries like '- servesGoal: label'",
                                entry.value["links"])
            for link in links or []:
                if not isinstance(link.value, dict):
                    raise self.fail("expected a mapping like 'servesGoal: label' or "
                                    "{predicate: ..., object: ...}", link)
                self.add_link(link, subject=node)
        for entry in entries["link"]:
            self.add_link(entry)

    # -- fields ------------------------------------------------------------------------------
    def field(self, entry: Item, key: str, required: bool = True, scalar: bool = True) -> Any:
        """The value of ``key`` in a mapping entry; with ``scalar``, one value (not a list/mapping)."""
        if not isinstance(entry.value, dict):
            raise self.fail("expected a mapping like {type: ..., label: ...}", entry)
        item = entry.value.get(key)
        if item is None or item.value is None or item.value == "":
            if required:
                raise self.fail(f"missing {key!r}", entry)
            return None
        if scalar and isinstance(item.value, (dict, list)):
            raise self.fail(f"{key!r} must be a single value, not a list or mapping", item)
        return item.value

    def check_keys(self, entry: Item, allowed: set[str]) -> None:
        if not isinstance(entry.value, dict):
            return
        for key, item in entry.value.items():
            if key not in allowed:
                raise self.fail(f"unknown key {key!r}; expected {', '.join(sorted(allowed))}", item)

    def lines(self, entry: Item) -> Span:
        """The span an entry's 'lines' (or 'line') names; LoaderError when it has none."""
        span = self.optional_lines(entry)
        if span is None:
            raise self.fail("missing 'lines' (original line numbers, e.g. 12 or 12-14)", entry)
        return span

    def optional_lines(self, entry: Item) -> Span | None:
        item = None
        if isinstance(entry.value, dict):
            item = entry.value.get("lines") or entry.value.get("line")
        if item is None:
            return None
        v = item.value
        if isinstance(v, list):
            nums = [x.value for x in v]
        elif isinstance(v, int):
            nums = [v]
        else:
            nums = re.findall(r"\d+", str(v)) if re.fullmatch(r"\s*\d+\s*(?:[-–]\s*\d+\s*)?", str(v)) else []
        try:
            start, end = int(nums[0]), int(nums[-1])
        except (IndexError, TypeError, ValueError):
            raise self.fail(f"bad lines {v!r}: give 12, 12-14 or [12, 14]", item) from None
        if not 1 <= start <= end <= len(self.doc.raw_lines):
            raise self.fail(f"lines {start}-{end} are outside the document (1-{len(self.doc.raw_lines)})", item)
        page = self.doc.pages[start - 1] if self.doc.pages else None
        return Span(start, end, page)

    def cls(self, entry: Item) -> URIRef:
        name = str(self.field(entry, "type"))
        cls = CLASSES.get(name.lower().removeprefix("pg:"))
        if cls is None:
            raise self.fail(f"unknown type {name!r}; known: {', '.join(sorted(c.split('#')[-1] for c in CLASSES.values()))}",
                            entry.value["type"])
        return cls

    def predicate(self, item: Item, name: str) -> URIRef:
        pred = PREDICATES.get(str(name).lower().removeprefix("pg:"))
        if pred is None:
            known = ", ".join(p.split("#")[-1] for p in PREDICATES.values())
            raise self.fail(f"unknown predicate {name!r}; known: {known}", item)
        return pred

    # -- finding nodes -----------------------------------------------------------------------
    def resolve(self, ref: Item) -> URIRef:
        """The node a reference names: label, {type, label}, {iri}, or "@plan"."""
        g = self.builder.graph
        cls = None
        if isinstance(ref.value, list):
            raise self.fail("a reference names a node by its label, {type: ..., label: ...} or {iri: ...}, "
                            "not a list", ref)
        if isinstance(ref.value, dict):
            if "iri" in ref.value:
                iri = URIRef(str(self.field(ref, "iri")))
                if (iri, None, None) not in g and (None, None, iri) not in g:
                    raise self.fail(f"no node {iri} in this document's graph", ref)
                return iri
            label = str(self.field(ref, "label"))
            cls = self.cls(ref) if "type" in ref.value else None
        else:
            label = str(ref.value)
        if label.strip() == "@plan":
            if self.builder.plan is None:
                raise self.fail("this document has no plan node", ref)
            return self.builder.plan
        if label.startswith(("http://", "https://")):
            return self.resolve(Item({"iri": Item(label, ref.line)}, ref.line))
        key = norm_label(label)
        types = {cls} | SUBCLASSES.get(cls, set()) if cls is not None else None
        hits = sorted({s for s, o in g.subject_objects(RDFS.label)
                       if isinstance(s, URIRef) and norm_label(str(o)) == key
                       and (types is None or any((s, RDF.type, t) in g for t in types))})
        if len(hits) == 1:
            return hits[0]
        if hits:
            kinds = ", ".join(sorted({str(t).split("#")[-1] for h in hits for t in g.objects(h, RDF.type)}))
            raise self.fail(f"label {label!r} names {len(hits)} nodes ({kinds}); add 'type:' to choose", ref)
        labels = {str(o) for s, o in g.subject_objects(RDFS.label)}
        close = difflib.get_close_matches(label, sorted(labels), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise self.fail(f"no node labelled {label!r}" + (f" of type {cls.split('#')[-1]}" if cls else "") + hint,
                        ref)

    # -- edits -------------------------------------------------------------------------------
    def remove(self, entry: Item) -> None:
        self.check_keys(entry, {"type", "label", "iri"})
        self.builder.forget(self.resolve(entry))

    def unlink(self, entry: Item) -> None:
        self.check_keys(entry, {"subject", "predicate", "object"})
        s = self.resolve(self._ref(entry, "subject"))
        o = self.resolve(self._ref(entry, "object"))
        p = self.predicate(entry, self.field(entry, "predicate"))
        if not self.builder.unlink(s, p, o):
            raise self.fail("there is no such link to remove", entry)

    def add(self, entry: Item) -> URIRef:
        self.check_keys(entry, {"type", "label", "lines", "line", "quote", "links"})
        cls = self.cls(entry)
        label = str(self.field(entry, "label"))
        span = self.lines(entry)
        quote = self.field(entry, "quote", required=False)
        if quote is None:
            lines = self.doc.lines
            quote = label if quote_in_lines(label, lines, span.start, span.end) else \
                " ".join(l.text for l in lines if l.start <= span.end and l.end >= span.start) or label
        elif not quote_in_lines(str(quote), self.doc.lines, span.start, span.end):
            raise self.fail(f"quote {quote!r} is not in lines {span.start}-{span.end}", entry.value["quote"])
        g, b = self.builder.graph, self.builder
        label = re.sub(r"\s+", " ", label).strip()
        node = b.find(cls, label) or b.iri(cls, label)
        if (node, RDF.type, cls) not in g:
            g.add((node, RDF.type, cls))
            g.add((node, RDFS.label, Literal(label, lang="sv")))
        b.provenance(node, span, str(quote), CURATION, 1.0, curated=True)
        return node

    def add_link(self, entry: Item, subject: URIRef | None = None) -> None:
        if subject is not None and isinstance(entry.value, dict) and len(entry.value) == 1:
            (name, target), = entry.value.items()  # short form "servesGoal: label"
            pred, obj_ref, span_entry = self.predicate(entry, name), target, None
        else:
            self.check_keys(entry, {"predicate", "object", "lines", "line"} | ({"subject"} if subject is None else set()))
            pred = self.predicate(entry, self.field(entry, "predicate"))
            obj_ref, span_entry = self._ref(entry, "object"), entry
        s = subject if subject is not None else self.resolve(self._ref(entry, "subject"))
        o = self.resolve(obj_ref)
        span = self.optional_lines(span_entry) if span_entry is not None else None
        span = span or self._first_span(s) or self._first_span(o)
        if span is None:
            raise self.fail("give 'lines' for this link: neither node has stated lines", entry)
        self.builder.link(s, pred, o, span, quote="", extractor=CURATION, confidence=1.0, curated=True)

    # -- helpers -----------------------------------------------------------------------------
    def _ref(self, entry: Item, key: str) -> Item:
        self.field(entry, key, scalar=False)
        return entry.value[key]

    def _first_span(self, node: URIRef) -> Span | None:
        spans = self.builder.spans(node)
        return min(spans, key=lambda sp: (sp.start, sp.end)) if spans else None

