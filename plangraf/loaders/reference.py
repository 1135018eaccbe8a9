"""Link extracted nodes to reference data (regions, municipalities, agencies, data sources, focus areas).

Why: "Region Värmland" in two plans should be one node, and so should "HLV" and "Hälsa på lika
villkor". After the extractors have run, :func:`link_reference` looks at the document's
pg:ResponsibleBody and pg:DataSource nodes and, when a label names a reference entity with high
confidence, replaces the minted node IRI by the reference IRI everywhere (``builder.rename``:
subjects, objects, provenance records and reified statements). The node keeps its type, the document's
label and all its provenance; the reference facts (codes, schemes, publishers) stay in the
reference graph. A data source whose label merely *mentions* a catalogue source ("Data från
exempelvis SCB") keeps its own IRI and gets ``dct:source`` to the catalogue entry. A pg:FocusArea
that corresponds to one of the five national focus areas gets ``skos:exactMatch`` (same area)
or ``skos:broadMatch`` (a narrower local area, "Tidiga insatser i skolan").

Matching is deliberately conservative: whole labels after light normalisation (case, accents,
"&" = "och", punctuation, a parenthesised abbreviation, cue words such as "data från" or
"-enkäten"), official name variants, and a fuzzy ratio >= 90 only for long catalogue names.
Short abbreviations ("HLV", "PAR", "ELSA") match only in capitals, so the word "par" or the name
"Elsa" never do. A bare county name ("Värmlands län") is not taken for the region: it may as well
mean the county administrative board or the county's municipalities.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from plangraf.graph.model import GraphBuilder
from plangraf.namespace import ID_BASE, PG

REGION = ID_BASE + "region/"
MUNICIPALITY = ID_BASE + "municipality/"
FOCUS_AREAS = URIRef(ID_BASE + "scheme/focus-areas")

# Cue words around a data source's name: "Data från Kolada", "HLV-enkäten", "Kolada 2019".
SOURCE_LEAD = ("data fran", "data ur", "data i", "uppgifter fran", "uppgifter ur", "statistik fran",
               "statistik ur", "statistik i", "resultat fran", "resultat ur", "resultat i", "matning i",
               "kalla", "kallor", "enligt", "via", "fran", "ur", "i")
SOURCE_TRAIL = {"data", "statistik", "resultat", "resultaten", "enkat", "enkaten", "enkatsvar",
                "undersokning", "undersokningen", "databas", "databasen", "rapport", "rapporter",
                "uppgifter", "matning", "matningen", "siffror", "nyckeltal", "mfl", "m", "fl", "etc"}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
FUZZY_MIN_LEN = 8
FUZZY_CUTOFF = 90.0

# National focus areas: every stem group must occur (as part of a word) for the area to match.
AREA_RULES: dict[str, tuple[tuple[str, ...], ...]] = {
    "1": (("forebygg",), ("framj",)),
    "2": (("tidig",), ("insats", "tillganglig")),
    "3": (("delaktig",), ("rattighet",)),
    "4": (("utsatt",), ("grupp",)),
    "5": (("ledning",), ("styrning",)),
}
# Words that, beside another area's words, mean a label spans two national areas.
AREA_CORE: dict[str, tuple[str, ...]] = {
    "1": ("forebygg", "framj"), "2": ("tidig", "tillganglig"), "3": ("rattighet",),
    "4": ("utsatt",), "5": ("ledning", "styrning"),
}
# Words that do not make a local area narrower than the national one it names.
AREA_FILLER = {"och", "samt", "i", "for", "med", "arbete", "arbetet", "overgripande", "omrade",
               "fokusomrade", "insatsomrade", "utvecklingsomrade", "den", "det"}


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Comparison key: 'Liv & Hälsa (ung)' -> 'liv och halsa ung' (accents and case dropped)."""
    text = text.replace("\u00ad", "").replace("&", " och ")
    text = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", text).strip()


def abbreviation(label: str) -> str | None:
    """'HLV' -> 'HLV', 'Q-ECT' -> 'QECT'; None unless the label is a short all-capitals token."""
    compact = re.sub(r"[^\w]", "", unicodedata.normalize("NFKC", label))
    return compact if 2 <= len(compact) <= 5 and compact.isupper() else None


@dataclass(frozen=True)
class Index:
    """Label keys of one kind of reference entity."""

    keys: dict[str, URIRef]          # folded label -> IRI (unambiguous ones only)
    abbrevs: dict[str, URIRef]       # case-sensitive abbreviation -> IRI
    fuzzy: tuple[str, ...]           # keys long enough for fuzzy matching
    mention: re.Pattern[str] | None  # finds keys inside a longer folded label


def _build(entries: list[tuple[str, URIRef, int]], fuzzy: bool = False, mentions: bool = False) -> Index:
    """entries: (label, iri, priority); a key two IRIs share at the best priority is dropped."""
    best: dict[str, tuple[int, set[URIRef]]] = {}
    abbrevs: dict[str, set[URIRef]] = {}
    for label, iri, prio in entries:
        ab = abbreviation(label)
        if ab is not None:
            abbrevs.setdefault(ab, set()).add(iri)
            continue
        key = fold(label)
        if not key:
            continue
        have = best.get(key)
        if have is None or prio < have[0]:
            best[key] = (prio, {iri})
        elif prio == have[0]:
            have[1].add(iri)
    keys = {k: next(iter(v)) for k, (_p, v) in best.items() if len(v) == 1}
    abbr = {k: next(iter(v)) for k, v in abbrevs.items() if len(v) == 1}
    long_keys = tuple(k for k in keys if len(k) >= FUZZY_MIN_LEN) if fuzzy else ()
    pattern = None
    if mentions and keys:
        alts = sorted((re.escape(k) for k in keys if len(k) >= 3), key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(alts) + r")\b")
    return Index(keys, abbr, long_keys, pattern)


def _labels(g: Graph, node: URIRef) -> list[tuple[str, int]]:
    out = [(str(o), 0) for o in g.objects(node, SKOS.prefLabel)]
    out += [(str(o), 1) for o in g.objects(node, SKOS.altLabel)]
    out += [(str(o), 1) for o in g.objects(node, DCTERMS.title)]
    return out


def _body_entries() -> list[tuple[str, URIRef, int]]:
    """Names of regions, municipalities and agencies, from the table organisations.ttl is
    generated from (parsing that 3,500-triple file would cost ~0.3 s per process)."""
    from plangraf.ontology import build_organisations as orgs
    entries: list[tuple[str, URIRef, int]] = []
    for code, (_name, county, _former) in orgs.REGIONS.items():
        node = URIRef(f"{REGION}{code}")
        pref, alts = orgs.region_labels(code)
        entries.append((pref, node, 0))
        # a bare county name ('Värmlands län') is not (only) the region: see the module docstring
        entries += [(a, node, 1) for a in alts if a != county]
        stem = county[:-4]
        bare = stem.removesuffix("s")
        for form in (f"Landstinget i {bare}", f"Landstinget i {county}", f"{county}s landsting",
                     f"Landstinget {bare}", f"Region {bare}", f"Region {county}"):
            entries.append((form, node, 2))  # 'Landstinget i Värmland', 'Region Örebro'
    for code, name in orgs.MUNICIPALITIES.items():
        node = URIRef(f"{MUNICIPALITY}{code}")
        pref, alts = orgs.municipality_labels(code, name)
        entries.append((pref, node, 0))
        entries += [(a, node, 1) for a in alts]
        entries += [(f"{name} kommun", node, 2), (f"Kommunen {name}", node, 2)]  # 'Karlstad kommun'
    for slug, (agency, agency_alts, _home) in orgs.AGENCIES.items():
        node = URIRef(f"{ID_BASE}agency/{slug}")
        entries.append((agency, node, 0))
        entries += [(a, node, 1) for a in agency_alts]
    return entries


def _source_entries(g: Graph) -> list[tuple[str, URIRef, int]]:
    return [(label, node, prio) for node in set(g.subjects(RDF.type, PG.DataSource))
            if isinstance(node, URIRef) for label, prio in _labels(g, node)]


@dataclass(frozen=True)
class Reference:
    bodies: Index
    sources: Index
    areas: dict[str, URIRef]               # notation -> national focus area
    area_vocab: dict[str, frozenset[str]]  # notation -> words of its labels


@lru_cache(maxsize=1)
def reference() -> Reference:
    """The reference data as match indexes; built once per process."""
    from plangraf.ontology import read_text
    g = Graph()
    for name in ("focus-areas.ttl", "data-sources.ttl"):
        g.parse(data=read_text(name), format="turtle")
    areas: dict[str, URIRef] = {}
    vocab: dict[str, frozenset[str]] = {}
    for node in g.subjects(SKOS.inScheme, FOCUS_AREAS):
        note = g.value(node, SKOS.notation)
        if note is None or not isinstance(node, URIRef):
            continue
        areas[str(note)] = node
        words = {w for lab, _p in _labels(g, node) for w in fold(lab).split()}
        vocab[str(note)] = frozenset(words)
    return Reference(_build(_body_entries()), _build(_source_entries(g), fuzzy=True, mentions=True),
                     areas, vocab)


# -- matching ---------------------------------------------------------------------------------
def _clean(label: str) -> str:
    label = unicodedata.normalize("NFKC", label).replace("\u00ad", "")
    return re.sub(r"\s+", " ", label).strip(" .,:;•-–—*\t")


def _candidates(label: str) -> tuple[str, str | None]:
    """(the label without a trailing parenthesis, the parenthesis): 'Hälsa på lika villkor (HLV)'."""
    label = _clean(label)
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", label)
    return (_clean(m.group(1)), _clean(m.group(2))) if m else (label, None)


def _by_name(label: str, find) -> URIRef | None:
    """Match the whole label or its part before a parenthesis; the parenthesis ('(HLV)', '(RKA)')
    may confirm but not decide: in 'Skolresultat (ÖJ)' the thing named is not ÖJ itself."""
    whole = find(_clean(label))
    if whole is not None:
        return whole
    main, inner = _candidates(label)
    if inner is None:
        return None
    hit = find(main)
    other = find(inner) if hit is not None else None
    return hit if other in (None, hit) else None


def _exact(index: Index, text: str) -> URIRef | None:
    ab = abbreviation(text)
    if ab is not None:
        return index.abbrevs.get(ab)
    return index.keys.get(fold(text))


def _agree(found: list[URIRef | None]) -> URIRef | None:
    hits = {f for f in found if f is not None}
    return hits.pop() if len(hits) == 1 else None


def match_body(label: str) -> URIRef | None:
    """The region, municipality or agency a responsible body's label names, or None.

    >>> match_body("Landstinget i Värmland")
    rdflib.term.URIRef('https://w3id.org/plangraf/id/region/17')
    """
    idx = reference().bodies
    return _by_name(label, lambda text: _exact(idx, text))


def _strip_cues(text: str) -> str:
    """'Data från Kolada 2019' -> 'Kolada'; works on the original text so capitals survive."""
    words = re.findall(r"[^\s\-–/,:;]+", text)
    folded = [fold(w) for w in words]
    changed = True
    while changed and words:
        changed = False
        for lead in SOURCE_LEAD:
            n = len(lead.split())
            if len(words) > n and " ".join(folded[:n]) == lead:
                words, folded, changed = words[n:], folded[n:], True
                break
        while len(words) > 1 and (folded[-1].replace(" ", "") in SOURCE_TRAIL or folded[-1].isdigit()
                                  or not folded[-1]):
            words, folded, changed = words[:-1], folded[:-1], True
    return " ".join(words)


def _source_exact(text: str) -> URIRef | None:
    idx = reference().sources
    hit = _exact(idx, text)
    if hit is None:
        stripped = _strip_cues(text)
        if stripped and stripped != text:
            hit = _exact(idx, stripped)
        if hit is None and idx.fuzzy:
            key = fold(stripped or text)
            if len(key) >= FUZZY_MIN_LEN:
                hit = _fuzzy(idx, key)
    return hit


def _fuzzy(idx: Index, key: str) -> URIRef | None:
    hits = process.extract(key, idx.fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
    return _agree([idx.keys[k] for k, _score, _i in hits]) if hits else None


def match_data_source(label: str) -> URIRef | None:
    """The catalogue data source a label names (not merely mentions), or None.

    Tolerates case, accents, '&' for 'och', a parenthesised abbreviation, cue words ("Data från
    Kolada", "LUPP-enkäten") and small spelling differences in long names.
    """
    return _by_name(label, _source_exact)


def mentioned_data_sources(label: str) -> list[URIRef]:
    """Catalogue sources named inside a longer label ('Datakällor från exempelvis SCB')."""
    idx = reference().sources
    found: list[URIRef] = []
    if idx.mention is not None:
        for m in idx.mention.finditer(fold(label)):
            iri = idx.keys[m.group(1)]
            if iri not in found:
                found.append(iri)
    for token in re.findall(r"\w+", unicodedata.normalize("NFKC", label)):
        ab = abbreviation(token)
        known = idx.abbrevs.get(ab) if ab else None
        if known is not None and known not in found:
            found.append(known)
    return found


def focus_area_match(label: str) -> tuple[URIRef, bool] | None:
    """(national focus area, exact?) for a local focus area's label, or None.

    Exact when the label has no words beyond those of the national area's names (and fillers
    such as "arbete", "övergripande"); otherwise the local area is narrower (broadMatch).
    Labels that fit two national areas are not linked.
    """
    ref = reference()
    words = fold(label).split()
    def has(stems: tuple[str, ...]) -> bool:
        return any(s in w for w in words for s in stems)

    hits = [n for n, groups in AREA_RULES.items() if n in ref.areas and all(has(g) for g in groups)]
    if len(hits) != 1:
        return None
    if any(has(AREA_CORE[n]) for n in AREA_CORE if n != hits[0]):
        return None  # 'Förebyggande arbete och tidiga insatser' spans two national areas
    note = hits[0]
    extra = [w for w in words if w not in ref.area_vocab[note] and w not in AREA_FILLER and not w.isdigit()]
    return ref.areas[note], not extra


def match_focus_area(label: str) -> URIRef | None:
    """The national focus area a local focus area corresponds to (exactly or as a part), or None."""
    hit = focus_area_match(label)
    return hit[0] if hit else None


# -- graph rewriting --------------------------------------------------------------------------
def _labels_by_node(g: Graph) -> dict[Node, list[str]]:
    """Every node's rdfs:label and skos:prefLabel values, in one pass over the label triples."""
    out: dict[Node, list[str]] = {}
    for p in (RDFS.label, SKOS.prefLabel):
        for s, o in g.subject_objects(p):
            out.setdefault(s, []).append(str(o))
    return out


def link_reference(builder: GraphBuilder) -> None:
    """Give reference IRIs to bodies and data sources, and match focus areas to national ones."""
    g = builder.graph
    labels = _labels_by_node(g)
    own = ID_BASE + builder.doc_id + "/"
    renames: dict[URIRef, URIRef] = {}
    for cls, match in ((PG.ResponsibleBody, match_body), (PG.DataSource, match_data_source)):
        for node in list(g.subjects(RDF.type, cls)):
            if not isinstance(node, URIRef) or not str(node).startswith(own):
                continue  # a reference node already
            names = labels.get(node, [])
            target = _agree([match(lab) for lab in names])
            if target is not None:
                renames[node] = target
            elif cls == PG.DataSource:
                for lab in names:
                    for iri in mentioned_data_sources(lab):
                        g.add((node, DCTERMS.source, iri))
    for old, new in renames.items():
        builder.rename(old, new)  # everywhere, provenance and reified links included
    for area in list(g.subjects(RDF.type, PG.FocusArea)):
        for lab in labels.get(area, []):
            hit = focus_area_match(lab)
            if hit is not None and hit[0] != area:
                g.add((area, SKOS.exactMatch if hit[1] else SKOS.broadMatch, hit[0]))
                break
