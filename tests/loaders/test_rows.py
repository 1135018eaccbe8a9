"""Tests of the row-wise goal-table stage (plangraf.loaders.rows) and the field blocks that open its
areas (plangraf.loaders.rows_fields), on small texts written for the tests."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.general import GeneralExtractor
from plangraf.loaders.rows import has_row_tables, read_rows, table_head
from plangraf.loaders.text import clean_lines
from plangraf.namespace import PG

# A made-up plan of this layout (not copied from any sample). The table is flattened
# cell by cell, as PDF-to-text leaves it; the second row's area goal has two sentences.
SYNTHETIC = """\
Verksamhetsplan 2030 för Exempelförbundet

Förbundets strategiska mål
\u2022 Vi samarbetar nära med medlemmarna.
\u2022 Vi gör nytta för invånarna.

Äldreomsorg

Område: Mat och måltider.
Målgrupp: Kostchefer i kommunerna.
Syfte: Att fler äldre äter god mat.
Hur mäts resultatet: Antal serverade måltider enligt Kolada.
Budget och finansiering: Grundfinansiering, 250 000 kr.
Uppföljningsansvarig: Anna Berg och kostchef.
Strategiskt mål Mål på områdesnivå Mätetal Aktivitet
Vi samarbetar nära
med medlemmarna.
Alla kommuner deltar
i kostnätverket.
80 % av
kommunerna
deltar.
Nätverksträffar
Vi gör nytta för
invånarna.
Äldre upplever att
maten är god.
Antal nöjda
gäster.
Smakpanel
med äldre.
"""


def document(text: str) -> SourceDocument:
    raw = text.split("\n")  # not splitlines(): it would drop the form feeds that mark pages
    return SourceDocument(path=Path("syn.txt"), doc_id="syn", raw_lines=raw, lines=clean_lines(raw))


def extract(text: str, stage: bool = True) -> tuple[GraphBuilder, URIRef]:
    """The stage alone (``stage``), or the whole general pipeline, on a text."""
    doc = document(text)
    builder = GraphBuilder("syn", "syn.txt", extractor="general")
    builder.plan = builder.node(PG.Plan, doc.raw_lines[0], Span(1, 1))
    if stage:
        read_rows(doc, builder)
    else:
        GeneralExtractor(model=False).extract(doc, builder)
    assert builder.plan is not None
    return builder, builder.plan


def node(b: GraphBuilder, cls: URIRef, label: str) -> URIRef:
    """The one node of a class with that label (area-scoped nodes have no unscoped find())."""
    found = [s for s in b.graph.subjects(RDFS.label, Literal(label, lang="sv")) if (s, RDF.type, cls) in b.graph]
    assert len(found) <= 1, f"{len(found)} {cls} {label!r}"
    found = found[0] if found else None
    assert found is not None, f"no {cls} {label!r}; have {sorted(map(str, b.graph.objects(None, RDFS.label)))}"
    return found


def test_synthetic_header_block() -> None:
    b, plan = extract(SYNTHETIC)
    g = b.graph
    section = node(b, PG.FocusArea, "Äldreomsorg")
    area = node(b, PG.FocusArea, "Mat och måltider")
    assert (plan, PG.hasFocusArea, section) in g and (section, PG.hasFocusArea, area) in g
    assert (area, PG.targetGroup, node(b, PG.TargetGroup, "Kostchefer i kommunerna.")) in g
    purpose = node(b, PG.Goal, "Att fler äldre äter god mat.")
    assert (area, PG.hasGoal, purpose) in g
    measure = node(b, PG.Indicator, "Antal serverade måltider enligt Kolada.")
    # "Hur mäts resultatet" measures the area's stated goal: pg:measuredBy takes goals, not areas
    assert (purpose, PG.measuredBy, measure) in g and (area, PG.measuredBy, measure) not in g
    assert (measure, PG.dataSource, node(b, PG.DataSource, "Kolada")) in g
    budget = node(b, PG.Budget, "Grundfinansiering, 250 000 kr.")
    assert (area, PG.budget, budget) in g and g.value(budget, PG.amount).toPython() == Decimal(250000)
    for name in ("Anna Berg", "kostchef"):
        assert (node(b, PG.ResponsibleBody, name), PG.responsibleFor, area) in g


def test_synthetic_table_rows() -> None:
    b, plan = extract(SYNTHETIC)
    g = b.graph
    partner = node(b, PG.Goal, "Vi samarbetar nära med medlemmarna.")
    useful = node(b, PG.Goal, "Vi gör nytta för invånarna.")
    assert (plan, PG.hasGoal, partner) in g and (plan, PG.hasGoal, useful) in g
    rows = [(partner, "Alla kommuner deltar i kostnätverket.", "80 % av kommunerna deltar.", "Nätverksträffar"),
            (useful, "Äldre upplever att maten är god.", "Antal nöjda gäster.", "Smakpanel med äldre.")]
    area = node(b, PG.FocusArea, "Mat och måltider")
    for strategic, goal_label, indicator, activity in rows:
        goal = node(b, PG.Goal, goal_label)
        assert (goal, PG.partOf, strategic) in g and (area, PG.hasGoal, goal) in g
        assert (goal, PG.measuredBy, node(b, PG.Indicator, indicator)) in g
        assert (node(b, PG.Activity, activity), PG.servesGoal, goal) in g
    # nothing links across rows
    assert (node(b, PG.Activity, "Nätverksträffar"), PG.servesGoal, node(b, PG.Goal, rows[1][1])) not in g


def test_synthetic_double_spaced_gives_the_same_graph() -> None:
    single, _ = extract(SYNTHETIC)
    double, _ = extract("\n\n".join(SYNTHETIC.splitlines()))
    labels = {str(o) for o in single.graph.objects(None, RDFS.label)}
    assert labels == {str(o) for o in double.graph.objects(None, RDFS.label)}


def test_synthetic_numbered_goal_list() -> None:
    numbered = SYNTHETIC.replace("\u2022 Vi samarbetar", "1. Vi samarbetar").replace("\u2022 Vi gör", "2. Vi gör")
    b, plan = extract(numbered)
    assert (plan, PG.hasGoal, node(b, PG.Goal, "Vi gör nytta för invånarna.")) in b.graph
    assert (node(b, PG.Goal, "Äldre upplever att maten är god."), PG.partOf,
            node(b, PG.Goal, "Vi gör nytta för invånarna.")) in b.graph


# Two sections that both have an area "Samverkan" with the same budget; the first area's table
# repeats one goal in two rows, holds a goal cell of two paragraphs, measures with a timing
# sentence and names a risk; the second area has no Syfte and a goal whose second sentence shares a printed line.
SCOPED = """\
Verksamhetsplan för Provförbundet

Förbundets strategiska mål
\u2022 Vi samarbetar nära med medlemmarna.
\u2022 Vi gör nytta för invånarna.

Äldreomsorg

Område: Samverkan.
Syfte: Att vården hänger ihop.
Hur mäts resultatet: Antal gemensamma möten. Löpande under året.
Budget och finansiering: Grundfinansiering.
Kommentar: Det finns en risk att färre kommuner deltar.
Strategiskt mål Mål på områdesnivå Mätetal Aktivitet
Vi samarbetar nära
med medlemmarna.
Alla kommuner deltar
i nätverket.
Nätverket träffas minst
fyra gånger per år.
80 % av
kommunerna
deltar.
Nätverksträffar
Vi gör nytta för
invånarna.
Alla kommuner deltar
i nätverket.
Antal nöjda
deltagare.
Enkät till
deltagarna.

\fBarnomsorg

Område: Samverkan.
Hur mäts resultatet: Antal gemensamma möten.
Budget och finansiering: Grundfinansiering.
Strategiskt mål Mål på områdesnivå Mätetal Aktivitet
Vi samarbetar nära
med medlemmarna.
Förskolorna har en
gemensam plan. Den
följs upp varje år.
Antal planer.
Planarbete
"""


def labelled(b: GraphBuilder, cls: URIRef, label: str) -> list[URIRef]:
    return [s for s in b.graph.subjects(RDFS.label, Literal(label, lang="sv")) if (s, RDF.type, cls) in b.graph]


def test_scope_keeps_areas_and_budgets_of_sections_apart() -> None:
    b, _ = extract(SCOPED)
    g = b.graph
    areas = labelled(b, PG.FocusArea, "Samverkan")
    budgets = labelled(b, PG.Budget, "Grundfinansiering.")
    assert len(areas) == 2 and len(budgets) == 2
    for section in ("Äldreomsorg", "Barnomsorg"):
        area = next(a for a in areas if (node(b, PG.FocusArea, section), PG.hasFocusArea, a) in g)
        assert sum((area, PG.budget, budget) in g for budget in budgets) == 1
    # the same goal in two rows of one area stays one node, partOf both strategic goals
    goal = node(b, PG.Goal, "Alla kommuner deltar i nätverket.")
    for strategic in ("Vi samarbetar nära med medlemmarna.", "Vi gör nytta för invånarna."):
        assert (goal, PG.partOf, node(b, PG.Goal, strategic)) in g


def test_goal_cell_paragraphs_are_goals_of_the_row() -> None:
    b, _ = extract(SCOPED)
    g = b.graph
    indicator, activity = node(b, PG.Indicator, "80 % av kommunerna deltar."), node(b, PG.Activity, "Nätverksträffar")
    for label in ("Alla kommuner deltar i nätverket.", "Nätverket träffas minst fyra gånger per år."):
        goal = node(b, PG.Goal, label)
        assert (goal, PG.measuredBy, indicator) in g and (activity, PG.servesGoal, goal) in g
    # "gemensam plan. Den / följs upp varje år.": a second sentence on the same line goes on
    assert node(b, PG.Goal, "Förskolorna har en gemensam plan. Den följs upp varje år.")


def test_area_measure_and_risk_are_linked_from_the_areas_goals() -> None:
    b, _ = extract(SCOPED)
    g = b.graph
    assert not any((s, RDF.type, PG.FocusArea) in g for s in g.subjects(PG.measuredBy, None))
    measures = labelled(b, PG.Indicator, "Antal gemensamma möten.")
    assert len(measures) == 2
    purpose = node(b, PG.Goal, "Att vården hänger ihop.")
    plan_goal = node(b, PG.Goal, "Förskolorna har en gemensam plan. Den följs upp varje år.")
    # with a Syfte, that goal is measured; without one, the area's table goals are
    assert {(purpose, PG.measuredBy, m) in g for m in measures} == {True, False}
    assert {(plan_goal, PG.measuredBy, m) in g for m in measures} == {True, False}
    assert not labelled(b, PG.Indicator, "Löpande under året.")  # when, not what, is measured
    risk = node(b, PG.Assumption, "Det finns en risk att färre kommuner deltar.")
    assert list(g.subjects(PG.assumes, risk)) == [purpose]  # pg:assumes takes goals, not areas


def test_row_continued_on_next_page() -> None:
    # after a page break each column of the row goes on: one more indicator, one more activity
    b, _ = extract(SYNTHETIC + "\f75 % av gästerna\näter upp.\nMeny på\nteckenspråk.\n")
    g = b.graph
    goal = node(b, PG.Goal, "Äldre upplever att maten är god.")
    assert (goal, PG.measuredBy, node(b, PG.Indicator, "75 % av gästerna äter upp.")) in g
    assert (node(b, PG.Activity, "Meny på teckenspråk."), PG.servesGoal, goal) in g
    assert (node(b, PG.Activity, "Smakpanel med äldre."), PG.servesGoal, goal) in g


# The same shape in other words: a numbered list under "Nämndens övergripande mål", other field
# labels ("Verksamhetsområde", "Hur följs resultatet upp", "Kostnad", "Ansvarig", "Risker") and a
# header "Övergripande mål Delmål Indikator Åtgärder".
OTHER_WORDING = """\
Verksamhetsplan 2031 för Provkommunens kulturnämnd

Nämndens övergripande mål
1. Alla invånare har tillgång till kultur.
2. Kulturlivet är levande i hela kommunen.

Bibliotek

Verksamhetsområde: Läsfrämjande.
Målgrupp: Barn och unga.
Syfte: Att fler barn läser varje dag.
Hur följs resultatet upp: Antal utlånade barnböcker.
Kostnad: 120 000 kr.
Ansvarig: Bibliotekschefen.
Risker: Det finns en risk att färre skolor deltar.
Övergripande mål Delmål Indikator Åtgärder
Alla invånare har
tillgång till kultur.
Alla skolor har ett
skolbibliotek.
Antal skolor med
bibliotek.
Bokcirklar
Kulturlivet är levande
i hela kommunen.
Fler barn besöker
biblioteket.
Antal besök per
barn.
Sagostunder i
alla filialer.
"""


def test_other_wording_reads_the_same_shape() -> None:
    assert has_row_tables(document(OTHER_WORDING))
    b, plan = extract(OTHER_WORDING)
    g = b.graph
    area, purpose = node(b, PG.FocusArea, "Läsfrämjande"), node(b, PG.Goal, "Att fler barn läser varje dag.")
    assert (node(b, PG.FocusArea, "Bibliotek"), PG.hasFocusArea, area) in g
    assert {str(g.value(n, RDFS.label)) for n in g.subjects(RDF.type, PG.FocusArea)} == {"Bibliotek", "Läsfrämjande"}
    assert (area, PG.targetGroup, node(b, PG.TargetGroup, "Barn och unga.")) in g
    assert (purpose, PG.measuredBy, node(b, PG.Indicator, "Antal utlånade barnböcker.")) in g
    assert (area, PG.budget, node(b, PG.Budget, "120 000 kr.")) in g
    assert (node(b, PG.ResponsibleBody, "Bibliotekschefen"), PG.responsibleFor, area) in g
    assert (purpose, PG.assumes, node(b, PG.Assumption, "Det finns en risk att färre skolor deltar.")) in g
    rows = [("Alla invånare har tillgång till kultur.", "Alla skolor har ett skolbibliotek.",
             "Antal skolor med bibliotek.", "Bokcirklar"),
            ("Kulturlivet är levande i hela kommunen.", "Fler barn besöker biblioteket.", "Antal besök per barn.",
             "Sagostunder i alla filialer.")]
    for strategic, goal_label, indicator, activity in rows:
        top, goal = node(b, PG.Goal, strategic), node(b, PG.Goal, goal_label)
        assert (plan, PG.hasGoal, top) in g and (goal, PG.partOf, top) in g and (area, PG.hasGoal, goal) in g
        assert (goal, PG.measuredBy, node(b, PG.Indicator, indicator)) in g
        assert (node(b, PG.Activity, activity), PG.servesGoal, goal) in g
    assert (node(b, PG.Activity, "Bokcirklar"), PG.servesGoal, node(b, PG.Goal, rows[1][1])) not in g


# split_items, assign_columns, column_width and em are tested in test_flattened.py


# money, names and the other value readers are tested in test_fields.py


def test_header_rows() -> None:
    assert table_head("Strategiskt mål Mål på områdesnivå Mätetal Aktivitet") == 1.0
    assert table_head("Övergripande mål Delmål Indikator Åtgärder") == 1.0
    assert table_head("Strategiska mål Mål (på") == 0.5     # the first line of a wrapped header row
    assert table_head("Strategiska mål") == 0.0            # a heading, no header row
    assert table_head("Strategiska mål för att öka tryggheten") == 0.0
    wrapped = SYNTHETIC.replace("Strategiskt mål Mål på områdesnivå Mätetal Aktivitet",
                                "Strategiska mål Mål (på\nområdesnivå)\nMätetal Aktiviteter")
    assert has_row_tables(document(wrapped))
    b, _ = extract(wrapped)
    assert (node(b, PG.Goal, "Äldre upplever att maten är god."), PG.measuredBy,
            node(b, PG.Indicator, "Antal nöjda gäster.")) in b.graph


# A plan with fields and a list of goals, but no row-wise table: the stage leaves it alone.
NO_TABLE = """\
Verksamhetsplan för Provnämnden

Nämndens övergripande mål
\u2022 Alla barn lär sig läsa.
\u2022 Alla unga har en meningsfull fritid.

Strategiska mål
Område: Läsning.
Målgrupp: Barn i förskolan.
Budget och finansiering: 100 000 kr.
"""


def test_no_header_row_no_stage() -> None:
    assert not has_row_tables(document(NO_TABLE))
    b, _ = extract(NO_TABLE)
    assert not list(b.graph.subjects(RDF.type, PG.Budget)) and not list(b.graph.subjects(RDF.type, PG.Goal))


def test_the_general_pipeline_reads_the_layout() -> None:
    """No template: the general extractor runs the stage on any document with the layout."""
    b, _ = extract(SYNTHETIC, stage=False)
    g = b.graph
    goal = node(b, PG.Goal, "Äldre upplever att maten är god.")
    assert (goal, PG.partOf, node(b, PG.Goal, "Vi gör nytta för invånarna.")) in g
    assert (node(b, PG.Activity, "Smakpanel med äldre."), PG.servesGoal, goal) in g
    assert (node(b, PG.FocusArea, "Mat och måltider"), PG.budget, node(b, PG.Budget, "Grundfinansiering, 250 000 kr.")) in g


# Two sections, the second heading right after the first table's last cell, with no page mark and
# no blank line: as plangraf's PDF reader gives text (blank lines dropped, spaces single).
RUN_ON = """\
Verksamhetsplan 2032 för Testförbundet
Förbundets strategiska mål
\u2022 Vi delar kunskap i regionen.
\u2022 Vi stärker medlemmarnas verksamheter.
Skola
Område: Läsfrämjande arbete.
Syfte: Att fler elever läser.
Strategiskt mål Mål på områdesnivå Mätetal Aktivitet
Vi delar kunskap i
regionen.
Alla skolor deltar i
läsnätverket.
Antal skolor i
nätverket.
Läsnätverk
för lärare.
Fritid
Område: Öppen verksamhet.
Syfte: Att fler unga har en fritid.
Strategiskt mål Mål på områdesnivå Mätetal Aktivitet
Vi stärker medlemmarnas
verksamheter.
Fritidsgårdarna har
ett gemensamt stöd.
Antal träffar.
Fritidsledarträffar
Temadagar
Område: Lovaktiviteter.
Syfte: Att fler unga har ett lov.
"""


def test_section_heading_after_a_table_without_page_mark() -> None:
    b, plan = extract(RUN_ON)
    g = b.graph
    fritid = node(b, PG.FocusArea, "Fritid")
    assert (plan, PG.hasFocusArea, fritid) in g
    assert (fritid, PG.hasFocusArea, node(b, PG.FocusArea, "Öppen verksamhet")) in g
    assert not labelled(b, PG.Activity, "Läsnätverk för lärare. Fritid")
    assert (node(b, PG.Activity, "Läsnätverk för lärare."), PG.servesGoal,
            node(b, PG.Goal, "Alla skolor deltar i läsnätverket.")) in g
    # a bare activity line right over the next block is no heading: no cell's full stop before it
    assert (node(b, PG.Activity, "Temadagar"), PG.servesGoal, node(b, PG.Goal, "Fritidsgårdarna har ett gemensamt stöd.")) in g
    assert not labelled(b, PG.FocusArea, "Temadagar")
    assert (fritid, PG.hasFocusArea, node(b, PG.FocusArea, "Lovaktiviteter")) in g


# The same layout with cell borders, as a DOCX table is read ("cell | cell", one row a line): the top
# goals not bulleted (no list is found), an extra column the stage does not read, a row whose key
# cell is empty (it goes on under the row before), a goal cell of two sentences, the second going on.
BORDERED = """\
Verksamhetsplan 2033 för Provförbundet

Äldreomsorg
Område: Mat och måltider.
Syfte: Att fler äldre äter god mat.
Budget och finansiering: Grundfinansiering.
Strategiskt mål | Mål på områdesnivå | Mätetal | Aktivitet | Ansvarig
Vi samarbetar nära med medlemmarna. | Alla kommuner deltar i nätverket. Nätverket träffas varje kvartal. | 80 % av kommunerna deltar. | Nätverksträffar | Kostchef
Vi gör nytta för invånarna. | Äldre upplever att maten är god. Det följs upp varje år. | Antal nöjda gäster. | Smakpanel med äldre. | Kostchef
| Fler äldre äter i matsalen. | Antal matgäster. | Öppen matsal. |
"""


def test_bordered_rows() -> None:
    assert has_row_tables(document(BORDERED))
    b, _ = extract(BORDERED)
    g = b.graph
    area = node(b, PG.FocusArea, "Mat och måltider")
    assert (area, PG.budget, node(b, PG.Budget, "Grundfinansiering.")) in g     # the header ends the field
    useful = node(b, PG.Goal, "Vi gör nytta för invånarna.")
    rows = [("Vi samarbetar nära med medlemmarna.", "Alla kommuner deltar i nätverket.", "80 % av kommunerna deltar.",
             "Nätverksträffar"),
            ("Vi samarbetar nära med medlemmarna.", "Nätverket träffas varje kvartal.", "80 % av kommunerna deltar.",
             "Nätverksträffar"),
            ("Vi gör nytta för invånarna.", "Äldre upplever att maten är god. Det följs upp varje år.",
             "Antal nöjda gäster.", "Smakpanel med äldre."),
            ("Vi gör nytta för invånarna.", "Fler äldre äter i matsalen.", "Antal matgäster.", "Öppen matsal.")]
    for top, goal_label, indicator, activity in rows:
        goal = node(b, PG.Goal, goal_label)
        assert (goal, PG.partOf, node(b, PG.Goal, top)) in g and (area, PG.hasGoal, goal) in g
        assert (goal, PG.measuredBy, node(b, PG.Indicator, indicator)) in g
        assert (node(b, PG.Activity, activity), PG.servesGoal, goal) in g
    assert (node(b, PG.Goal, "Fler äldre äter i matsalen."), PG.partOf, useful) in g
    assert not labelled(b, PG.Activity, "Kostchef") and not labelled(b, PG.Goal, "Det följs upp varje år.")
    # nothing links across rows
    assert (node(b, PG.Activity, "Öppen matsal."), PG.servesGoal, node(b, PG.Goal, rows[0][1])) not in g


# A goal list whose bullets a PDF reader lost, and a table whose printed lines run across the cells
# ("Vi samarbetar Alla kommuner 80 % av Nätverksträffar"), as a PDF's text layer gives a ruled table
# line by line: the list is read, the interleaved rows are not (no row spells a top goal on its own).
INTERLEAVED = """\
Verksamhetsplan 2034 för Provförbundet
Förbundets strategiska mål
Vi samarbetar nära med medlemmarna i hela länet.
Vi gör nytta för invånarna och
för verksamheterna.
Äldreomsorg
Område: Mat och måltider.
Syfte: Att fler äldre äter god mat.
Strategiskt mål Mål på Mätetal Aktivitet
områdesnivå
Vi samarbetar Alla kommuner 80 % av Nätverksträffar
nära med deltar i kommunerna
medlemmarna i kostnätverket. deltar.
hela länet.
"""


def test_goal_list_without_glyphs_and_interleaved_rows() -> None:
    b, plan = extract(INTERLEAVED)
    g = b.graph
    for label in ("Vi samarbetar nära med medlemmarna i hela länet.", "Vi gör nytta för invånarna och för verksamheterna."):
        assert (plan, PG.hasGoal, node(b, PG.Goal, label)) in g
    goals = {str(o) for s in g.subjects(RDF.type, PG.Goal) for o in g.objects(s, RDFS.label)}
    assert not any("Alla kommuner" in label for label in goals), goals
    assert (node(b, PG.FocusArea, "Mat och måltider"), PG.hasGoal, node(b, PG.Goal, "Att fler äldre äter god mat.")) in g
    # a paragraph of prose under the lead-in is no list
    prose = INTERLEAVED.replace("Vi samarbetar nära med medlemmarna i hela länet.\n",
                                "Förbundet har under många år arbetat nära medlemmarna i hela länet och med\n"
                                "kommunernas verksamheter i flera nätverk, med stöd av regionen och med en\n"
                                "uppföljning varje år av hur arbetet går.\n")
    b, plan = extract(prose)
    assert not list(b.graph.objects(plan, PG.hasGoal))
