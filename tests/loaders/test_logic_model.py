"""Logic-model template: prompts found however the PDF flattened them, rows aligned, links at row level."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.inputs import read_document
from plangraf.loaders.templates import logic_model as lm
from plangraf.loaders.templates.logic_model import LogicModelExtractor
from plangraf.loaders.text import Line
from plangraf.namespace import OA, PG

SAMPLES = sorted(Path(str(resources.files("plangraf.samples"))).glob("*.txt"))
LOGIC_SAMPLE = next(p for p in SAMPLES if p.name.startswith("000_"))

# Two satsningar, flattened row by row as pdftotext does; names start a text box (one leading space).
ROW_MAJOR = """\
Handlingsplan för psykisk hälsa 2030
Stöd till unga vuxna
Unga vuxna söker sällan hjälp.
1. Främjande förebyggande
2. Tidiga och tillgängliga
insatser
 KOMMENTAR: Pågår enligt plan.

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på
längre sikt?
Färre unga vuxna har
psykisk ohälsa.

Hur kan det mätas?
Andel unga vuxna med
psykisk ohälsa

Vilken data kan användas för
mätning?
Kolada
Hälsa på lika villkor

Vilka antaganden är en förutsätt-
ning för att satsningen ska uppnå de
långsiktiga utfallen?
Långsiktig finansiering.

Vilka resultat förväntas satsningen
uppnå på kort sikt?
”Skolpersonal” har kunskap om
tidiga tecken.

Hur kan det mätas?
Antal utbildade

Vilken data kan användas för
mätning?
Utbildningsregister

Vilka antaganden är en
förutsättning för att satsningens
kortsiktiga utfall uppnås?

Vilka aktiviteter ska genomföras i
satsningen?
Utbilda skolpersonal i
första hjälpen.
Starta samtalsgrupper.

Hur mäts aktiviteternas genom-
förande och att målgruppen nås?
Antal grupper
2019 - Ja

Vilken data kan användas för
mätning?
Verksamhetsstatistik

Vilka antaganden är en
förutsättning för att satsningens
aktiviteter kan genomföras?
Resurser – Region Exempel
avsätter 2 miljoner årligen.

Vilka resurser, verktyg och
strukturer behövs för att genomföra
satsningens aktiviteter?
Samordnare

Hur kan det mätas? Vilken data kan användas för
mätning?

Vilka antaganden är en
förutsättning för satsningens insatta
resurser?
Tjänsten finansieras.
 Äldres ensamhet
4. Utsatta grupper

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på
längre sikt?
Färre äldre är ensamma.

Hur kan det mätas?
Andel ensamma äldre

Vilken data kan användas för
mätning?
Hälsa på lika villkor
"""

# One satsning flattened column by column: the k-th indicator/data cell belongs to the k-th row.
COLUMN_MAJOR = """\
Plan 2030
 Trygg skolgång
1. Främjande förebyggande

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå på längre sikt?
Högre skolnärvaro.
Vilka resultat förväntas satsningen uppnå på kort sikt?
Fler elever får stöd.
Vilka aktiviteter ska genomföras i satsningen?
Elevhälsan kartlägger frånvaro.
Hur kan det mätas?
Närvaro i procent
Hur kan det mätas?
Antal elever med stöd
Hur mäts aktiviteternas genomförande och att målgruppen nås?
Kartläggning gjord
Vilken data kan användas för mätning?
Skolans närvarosystem
Vilken data kan användas för mätning?
Elevhälsans journal
Vilken data kan användas för mätning?
Protokoll
"""

# The PDF interleaved the activity row's four prompts: all heads first, then each tail and its text.
INTERLEAVED = """\
Plan 2030
 Barnskydd
4. Utsatta grupper

Interventionslogik Indikatorer Datakällor Antaganden/Hot

Vad förväntas satsningen uppnå?
Fler barn skyddas.
Vilka aktiviteter ska genomföras i Hur mäts aktiviteternas
genomförande och att målgruppen
Vilken data kan användas för Vilka antaganden är en
förutsättning för att satsningens
 satsningen?
Teamet utbildar vårdpersonal.
nås?
Antal utbildade
mätning?
Kursregister
aktiviteter kan genomföras?
Personal kan frigöras.
"""


def extract(text: str, tmp_path: Path) -> tuple[GraphBuilder, list[lm.Table]]:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    builder = GraphBuilder(doc.doc_id, doc.file_name)
    builder.plan = builder.node(PG.Plan, doc.lines[0].text, doc.lines[0].span)
    LogicModelExtractor().extract(doc, builder)
    return builder, lm.build_tables(doc)


def node(b: GraphBuilder, cls: URIRef, label: str) -> URIRef:
    found = b.find(cls, label)
    assert found is not None, f"no {cls.split('#')[1]} {label!r}"
    return found


def linked(b: GraphBuilder, s: URIRef, p: URIRef, o: URIRef) -> bool:
    return (s, p, o) in b.graph


def test_row_major_tables(tmp_path: Path) -> None:
    b, tables = extract(ROW_MAJOR, tmp_path)
    assert len(tables) == 2
    sats = node(b, PG.Intervention, "Stöd till unga vuxna")
    assert (sats, RDF.type, PG.Activity) in b.graph
    area = node(b, PG.FocusArea, "Tidiga och tillgängliga insatser")
    assert linked(b, sats, PG.hasFocusArea, area) and linked(b, b.plan, PG.hasFocusArea, area)
    lt = node(b, PG.LongTermGoal, "Färre unga vuxna har psykisk ohälsa.")
    st = node(b, PG.ShortTermGoal, "”Skolpersonal” har kunskap om tidiga tecken.")
    assert linked(b, sats, PG.hasGoal, lt) and linked(b, sats, PG.hasGoal, st)
    share = node(b, PG.Indicator, "Andel unga vuxna med psykisk ohälsa")
    trained = node(b, PG.Indicator, "Antal utbildade")
    assert linked(b, lt, PG.measuredBy, share) and linked(b, st, PG.measuredBy, trained)
    assert not linked(b, lt, PG.measuredBy, trained)  # another row
    for source in ("Kolada", "Hälsa på lika villkor"):
        assert linked(b, share, PG.dataSource, node(b, PG.DataSource, source))
    assert not linked(b, trained, PG.dataSource, node(b, PG.DataSource, "Kolada"))
    act = node(b, PG.Activity, "Utbilda skolpersonal i första hjälpen.")
    assert linked(b, act, PG.partOf, sats) and linked(b, act, PG.servesGoal, st)
    assert linked(b, act, PG.measuredBy, node(b, PG.Indicator, "Antal grupper"))
    assert b.find(PG.Indicator, "2019 - Ja") is None
    assert linked(b, st, PG.targetGroup, node(b, PG.TargetGroup, "Skolpersonal"))
    money = node(b, PG.Budget, "Region Exempel avsätter 2 miljoner årligen.")
    assert linked(b, sats, PG.budget, money)
    assert float(b.graph.value(money, PG.amount).toPython()) == 2_000_000
    assert linked(b, node(b, PG.ResponsibleBody, "Region Exempel"), PG.responsibleFor, sats)
    assert linked(b, sats, PG.budget, node(b, PG.Budget, "Samordnare"))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Tjänsten finansieras."))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Långsiktig finansiering."))
    # the second table: its name is cut from the end of the last cell of the first
    older = node(b, PG.Intervention, "Äldres ensamhet")
    assert b.find(PG.Assumption, "Tjänsten finansieras. Äldres ensamhet") is None
    assert linked(b, older, PG.hasFocusArea, node(b, PG.FocusArea, "Utsatta grupper"))
    assert linked(b, older, PG.hasGoal, node(b, PG.LongTermGoal, "Färre äldre är ensamma."))
    # prompts and the description are no entities
    labels = {str(o) for o in b.graph.objects(None, RDFS.label)}
    assert not any(re.search(r"sikt\?|mätas\?|mätning\?|Unga vuxna söker", lab) for lab in labels)


def test_column_major_rows(tmp_path: Path) -> None:
    b, _ = extract(COLUMN_MAJOR, tmp_path)
    lt = node(b, PG.LongTermGoal, "Högre skolnärvaro.")
    st = node(b, PG.ShortTermGoal, "Fler elever får stöd.")
    act = node(b, PG.Activity, "Elevhälsan kartlägger frånvaro.")
    assert linked(b, lt, PG.measuredBy, node(b, PG.Indicator, "Närvaro i procent"))
    assert linked(b, st, PG.measuredBy, node(b, PG.Indicator, "Antal elever med stöd"))
    assert not linked(b, lt, PG.measuredBy, node(b, PG.Indicator, "Antal elever med stöd"))
    assert linked(b, act, PG.measuredBy, node(b, PG.Indicator, "Kartläggning gjord"))
    assert linked(b, node(b, PG.Indicator, "Antal elever med stöd"), PG.dataSource,
                  node(b, PG.DataSource, "Elevhälsans journal"))
    assert linked(b, node(b, PG.Indicator, "Kartläggning gjord"), PG.dataSource,
                  node(b, PG.DataSource, "Protokoll"))


def test_interleaved_prompts(tmp_path: Path) -> None:
    b, tables = extract(INTERLEAVED, tmp_path)
    kinds = [(c.kind, c.row) for c in tables[0].cells]
    assert kinds == [("logic", "LT"), ("logic", "ACT"), ("ind", "ACT"), ("data", None), ("assump", "ACT")]
    sats = node(b, PG.Intervention, "Barnskydd")
    act = node(b, PG.Activity, "Teamet utbildar vårdpersonal.")
    ind = node(b, PG.Indicator, "Antal utbildade")
    assert linked(b, act, PG.partOf, sats) and linked(b, act, PG.measuredBy, ind)
    assert linked(b, act, PG.servesGoal, node(b, PG.LongTermGoal, "Fler barn skyddas."))
    assert linked(b, ind, PG.dataSource, node(b, PG.DataSource, "Kursregister"))
    assert linked(b, sats, PG.assumes, node(b, PG.Assumption, "Personal kan frigöras."))


@pytest.mark.parametrize("prev, cur, data, new", [
    ("Cosmic,", "Dödsorsaksregistret.", True, True),
    ("Befolkningsstatistik", "Dödsorsaksregistret", True, True),
    ("Budget med verksamhetsplan Region", "Jönköpings län", True, False),
    ("Praktiskt stöd till föreningen", "Hjärnkoll med målsättning att", False, False),
    ("Uppdatera befintlig handlingsplan", "Informationsträff för chefer.", False, True),
    ("rutiner med socialtjänst och BHV", "HoS", False, False),
    ("Planera att delta i NSPH:s projekt", "”Åldras och må bra”.", False, False),
    ("Sjukskrivningsstatistik", "”Rehabstöd” verktyg som ger", True, True),
    ("Följa dödsorsak och medellivslängd i", "Sverige", False, False),
    ("Andel utbildade.", "1. Genom uppföljning av", False, True),
    ("Äldre med psykisk ohälsa och deras", "anhöriga känner sig trygga", False, False),
])
def test_new_item(prev: str, cur: str, data: bool, new: bool) -> None:
    assert lm.new_item(prev, lm.Frag(cur, Line(cur, 1, 1)), data) is new


@pytest.mark.parametrize("lines, kind, expected", [
    (["ÖJ, Kolada, Folkhälsomyndighetens", "databas"], "data",
     ["ÖJ", "Kolada", "Folkhälsomyndighetens databas"]),
    (["Enkäter till brukare, anhöriga,", "personal, ledning."], "data",
     ["Enkäter till brukare, anhöriga, personal, ledning."]),
    (["Kommunernas dokumentations-", "system"], "data", ["Kommunernas dokumentationssystem"]),
    (["Inventering gjord? Ja/Nej", "2018 - Delvis", "Ja/Nej"], "ind", ["Inventering gjord? Ja/Nej"]),
    (["1 Kartläggning av rutiner", "i länets 13", "kommuner", "2. Stöd till kommuner"], "logic",
     ["Kartläggning av rutiner i länets 13 kommuner", "Stöd till kommuner"]),
])
def test_cell_items(lines: list[str], kind: str, expected: list[str]) -> None:
    frags = [lm.Frag(t, Line(t, n, n)) for n, t in enumerate(lines, 1)]
    assert [it.text for it in lm.cell_items(frags, kind)] == expected


def test_matches_only_the_logic_model_sample() -> None:
    for path in SAMPLES:
        score = LogicModelExtractor().matches(read_document(path))
        assert (score >= 0.5) is (path == LOGIC_SAMPLE), (path.name, score)


def test_bundled_sample_structure() -> None:
    doc = read_document(LOGIC_SAMPLE)
    tables = lm.build_tables(doc)
    assert len(tables) == 25
    rows = [{c.row for c in t.cells if c.kind == "logic"} for t in tables]
    assert all(r >= {"LT", "ST", "ACT"} for r in rows) and sum("RES" in r for r in rows) == 24
    builder = GraphBuilder(doc.doc_id, doc.file_name)
    LogicModelExtractor().extract(doc, builder)
    g = builder.full_graph()
    assert len(set(g.subjects(RDF.type, PG.Intervention))) == 25
    assert (node(builder, PG.Intervention, "Suicidprevention"), PG.hasFocusArea,
            node(builder, PG.FocusArea, "Ledning, styrning organisation")) in g
    # every quote stands within its stated lines (compared without spaces and punctuation)
    squash = lambda text: re.sub(r"[\W_]+", "", text).lower()
    by_line: dict[int, list[str]] = {}
    for line in doc.lines:
        for n in range(line.start, line.end + 1):
            by_line.setdefault(n, []).append(line.text)
    bad = []
    for src in g.subjects(RDF.type, OA.SpecificResource):
        start, end = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact) or "")
        text = " ".join(dict.fromkeys(t for n in range(start, end + 1) for t in by_line.get(n, [])))
        if quote and squash(quote) not in squash(text):
            bad.append((start, quote[:60]))
    assert not bad, bad[:5]
    assert all((s, PROV.wasDerivedFrom, None) in g for s in g.subjects(RDF.type, PG.Indicator))
    assert (node(builder, PG.Budget, "Region Jönköpings län avsätter 3 miljoner årligen till genomförandet."),
            PG.amount, None) in g
    assert g.value(node(builder, PG.Plan, "handlingsplan 2018-2019"), RDFS.label) == Literal(
        "handlingsplan 2018-2019", lang="sv")
