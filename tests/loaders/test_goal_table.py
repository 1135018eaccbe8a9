"""Tests for the goal-table template (verksamhetsplan: area blocks + Strategiskt mål/Mål/Mätetal/Aktivitet)."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import SourceDocument
from plangraf.loaders.inputs import read_document
from plangraf.loaders.templates.goal_table import (
    TABLE_HEAD,
    GoalTableExtractor,
    Piece,
    assign_columns,
    column_width,
    em,
    join,
    money,
    names,
    prepare,
    split_items,
)
from plangraf.loaders.text import clean_lines
from plangraf.namespace import OA, PG

SAMPLES = Path(__file__).resolve().parents[2] / "plangraf" / "samples"
SAMPLE = next(SAMPLES.glob("002_*.txt"))

# A made-up plan in the template's shape (not copied from any sample). The table is flattened
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


def extract(text: str) -> tuple[GraphBuilder, URIRef]:
    raw = text.split("\n")  # not splitlines(): it would drop the form feeds that mark pages
    doc = SourceDocument(path=Path("syn.txt"), doc_id="syn", raw_lines=raw, lines=clean_lines(raw))
    builder = GraphBuilder("syn", "syn.txt", extractor="goal-table")
    builder.plan = builder.node(PG.Plan, raw[0], Span(1, 1))
    GoalTableExtractor().extract(doc, builder)
    return builder, builder.plan


def node(b: GraphBuilder, cls: URIRef, label: str) -> URIRef:
    found = b.find(cls, label)
    assert found is not None, f"no {cls} {label!r}; have {sorted(map(str, b.graph.objects(None, RDFS.label)))}"
    return found


def pieces(*lines: str) -> list[Piece]:
    return [Piece(t, n, n, phys=((n, t),)) for n, t in enumerate(lines, start=1)]


def test_synthetic_header_block() -> None:
    b, plan = extract(SYNTHETIC)
    g = b.graph
    section = node(b, PG.FocusArea, "Äldreomsorg")
    area = node(b, PG.FocusArea, "Mat och måltider")
    assert (plan, PG.hasFocusArea, section) in g and (section, PG.hasFocusArea, area) in g
    assert (area, PG.targetGroup, node(b, PG.TargetGroup, "Kostchefer i kommunerna.")) in g
    assert (area, PG.hasGoal, node(b, PG.Goal, "Att fler äldre äter god mat.")) in g
    measure = node(b, PG.Indicator, "Antal serverade måltider enligt Kolada.")
    assert (area, PG.measuredBy, measure) in g
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


def test_row_continued_on_next_page() -> None:
    # after a page break each column of the row goes on: one more indicator, one more activity
    b, _ = extract(SYNTHETIC + "\f75 % av gästerna\näter upp.\nMeny på\nteckenspråk.\n")
    g = b.graph
    goal = node(b, PG.Goal, "Äldre upplever att maten är god.")
    assert (goal, PG.measuredBy, node(b, PG.Indicator, "75 % av gästerna äter upp.")) in g
    assert (node(b, PG.Activity, "Meny på teckenspråk."), PG.servesGoal, goal) in g
    assert (node(b, PG.Activity, "Smakpanel med äldre."), PG.servesGoal, goal) in g


@pytest.mark.parametrize("lines, items", [
    (["Chefsträffar", "Samtliga aktiviteter", "inom området."], ["Chefsträffar", "Samtliga aktiviteter inom området."]),
    (["80 % av", "kommunerna ska", "delta i", "utvecklingen av", "Letterbox Club", "Sverige."],
     ["80 % av kommunerna ska delta i utvecklingen av Letterbox Club Sverige."]),
    (["Deltagare upplever att:", "a) stödet är bra.", "b) träffarna är relevanta."],
     ["Deltagare upplever att: a) stödet är bra. b) träffarna är relevanta."]),
    (["Kontinuerligt följa upp", "HVB", "uppföljningsformulär."], ["Kontinuerligt följa upp HVB uppföljningsformulär."]),
    (["HVB-uppföljning", "LOKE", "Kolada"], ["HVB-uppföljning", "LOKE", "Kolada"]),
    (["Gemensamt nätverk", "2 ggr per år."], ["Gemensamt nätverk 2 ggr per år."]),
    # "SKL-nätverk" would have fitted after "inom HVB": the line ended on purpose, a new item starts
    (["Utbildning för all personal", "inom HVB", "SKL-nätverk"], ["Utbildning för all personal inom HVB", "SKL-nätverk"]),
    (["Kompetens-", "utvecklingsprogram.", "Uppföljning av", "FoU-", "ledare."],
     ["Kompetensutvecklingsprogram.", "Uppföljning av FoU-ledare."]),
])
def test_split_items(lines: list[str], items: list[str]) -> None:
    assert [join(it) for it in split_items(pieces(*lines))] == items


@pytest.mark.parametrize("widths, cues, first, table, cut", [
    ([(12, 13), (7, 8), (9, 10)], [0, 1.5, 0], True, (None,) * 3, (1, 2)),
    # a second wide sentence belongs to the area goal, not to the narrow Mätetal column
    ([(11, 12.5), (11.5, 12.5), (7, 8), (9, 10)], [0, 0, 1.5, 0], True, (None,) * 3, (2, 3)),
    # continued on a new page: the goal column may be empty
    ([(7, 8), (9, 10)], [1.5, 0], False, (None,) * 3, (0, 1)),
    # alone, a second wide sentence looks like an indicator; the table's widths put it in the goal
    ([(12, 13), (11, 12.5), (9, 10)], [0, 0, 0], True, (None,) * 3, (1, 2)),
    ([(12, 13), (11, 12.5), (9, 10)], [0, 0, 0], True, (12, 8, 9.5), (2, 2)),
])
def test_assign_columns(widths, cues, first, table, cut) -> None:
    assert assign_columns(widths, cues, first, table) == cut


def test_column_width_needs_agreement() -> None:
    assert column_width([(8, 9), (8.5, 9.5), (7, 8.7), (12, 13)]) == 8.5
    assert column_width([(8, 9), (12, 13)]) is None
    assert column_width([(5, 6), (8, 9), (12, 13)]) is None


@pytest.mark.parametrize("text, amount", [
    ("Statliga stimulansmedel, 330 000 kronor.", Decimal(330000)),
    ("Finansieras med bidrag. Ca 14,5 miljoner på 3 år.", Decimal(14500000)),
    ("ca 0,4 årsarbetare, PRIO-medel.", None),
    ("Basfinansiering 105 000 kr och projektmedel 50 000 kr.", None),
])
def test_money(text: str, amount: Decimal | None) -> None:
    assert money(text) == amount


def test_names_and_widths() -> None:
    assert names("FoU-ledare och teamchef.") == ["FoU-ledare", "teamchef"]
    assert names("Liselotte Karlsson, Mattias Vejklint.") == ["Liselotte Karlsson", "Mattias Vejklint"]
    assert em("mmmm") > em("Alla") > em("iiii")


def test_matches_only_its_template() -> None:
    scores = {p.name[:3]: GoalTableExtractor().matches(read_document(p)) for p in sorted(SAMPLES.glob("*.txt"))}
    assert scores["002"] >= 0.5
    assert all(s < 0.5 for k, s in scores.items() if k != "002"), scores


@pytest.fixture(scope="module")
def sample_graph():
    doc = read_document(SAMPLE)
    builder = GraphBuilder(doc.doc_id, doc.file_name, extractor="goal-table")
    builder.plan = builder.node(PG.Plan, doc.lines[0].text, doc.lines[0].span)
    GoalTableExtractor().extract(doc, builder)
    return doc, builder


def test_sample_structure(sample_graph) -> None:
    doc, b = sample_graph
    g = b.graph
    assert sum(1 for p in prepare(doc) if TABLE_HEAD.match(p.text)) == 50
    strategic = list(g.objects(b.plan, PG.hasGoal))
    assert len(strategic) == 5
    for goal in strategic:  # every strategic goal heads rows in many tables
        assert len(set(g.subjects(PG.partOf, goal))) >= 15
    areas = set(g.subjects(RDF.type, PG.FocusArea))
    assert len(areas) >= 50
    goals_with_both = [s for s in g.subjects(PG.partOf, None)
                       if (s, PG.measuredBy, None) in g and (None, PG.servesGoal, s) in g]
    assert len(goals_with_both) >= 100


def test_sample_quotes_within_their_lines(sample_graph) -> None:
    doc, b = sample_graph
    g = b.full_graph()

    def squash(text: str) -> str:
        return re.sub(r"[\W_]+", "", text).lower()

    checked, bad = 0, []
    for src in g.subjects(RDF.type, OA.SpecificResource):
        start, end = int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))
        quote = str(g.value(g.value(src, OA.hasSelector), OA.exact) or "")
        checked += bool(quote)
        if quote and squash(quote) not in squash(" ".join(doc.raw_lines[start - 1:end])):
            bad.append((start, end, quote[:60]))
    assert checked > 1000
    assert not bad, bad[:5]
