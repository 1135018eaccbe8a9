"""Corrections files: found beside the document or in $PLANGRAF_CORRECTIONS, applied with curated
provenance, and every mistake in them reported with the file and line."""
from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.base import LoaderError
from plangraf.loaders.corrections import apply_corrections, corrections_files, load_yaml
from plangraf.loaders.inputs import read_document
from plangraf.namespace import OA, PG

TEXT = """Handlingsplan psykisk hälsa 2024
Mål: Ökad trygghet för äldre
Aktivitet: Utbilda personal
Aktivitet: Inventera utbildningsbehov
Indikator: Andel utbildade
"""


@pytest.fixture
def setup(tmp_path, monkeypatch):
    """A document, a builder with what an extractor would have found, and a corrections path."""
    monkeypatch.delenv("PLANGRAF_CORRECTIONS", raising=False)
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    doc = read_document(path)
    b = GraphBuilder(doc.doc_id, doc.file_name, extractor="test")
    b.plan = b.node(PG.Plan, "Handlingsplan psykisk hälsa 2024", doc.lines[0].span)
    goal = b.node(PG.Goal, "Ökad trygghet för äldre", doc.lines[1].span)
    act = b.node(PG.Activity, "Utbilda personal", doc.lines[2].span)
    b.node(PG.Indicator, "Andel utbildade", doc.lines[4].span)
    b.link(act, PG.servesGoal, goal, doc.lines[2].span)
    return doc, b, tmp_path / "plan.corrections.yaml"


def node(b: GraphBuilder, label: str):
    return next((s for s, o in b.graph.subject_objects(RDFS.label) if str(o) == label), None)


def sources(b: GraphBuilder, subject) -> list:
    return list(b.full_graph().objects(subject, PROV.wasDerivedFrom))


def statement(b: GraphBuilder, s, p, o):
    g = b.full_graph()
    return next((st for st in g.subjects(RDF.subject, s) if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g),
                None)


def test_no_file_no_change(setup):
    doc, b, _ = setup
    before = len(b.graph)
    assert apply_corrections(doc, b) == []
    assert len(b.graph) == before


def test_add_node_with_links_is_curated(setup):
    doc, b, path = setup
    path.write_text("""
add:
  - type: Activity
    label: Inventera utbildningsbehov
    lines: 4
    links:
      - servesGoal: Ökad trygghet för äldre
      - {predicate: measuredBy, object: Andel utbildade, lines: 5}
""", encoding="utf-8")
    assert apply_corrections(doc, b) == [path]
    g = b.full_graph()
    act, goal, ind = node(b, "Inventera utbildningsbehov"), node(b, "Ökad trygghet för äldre"), node(b, "Andel utbildade")
    assert (act, RDF.type, PG.Activity) in g
    [src] = sources(b, act)
    assert g.value(src, PG.curated) == Literal(True)
    assert str(g.value(src, PG.extractor)) == "curation"
    assert float(g.value(src, PG.confidence)) == 1.0
    assert (int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))) == (4, 4)
    assert str(g.value(g.value(src, OA.hasSelector), OA.exact)) == "Inventera utbildningsbehov"
    assert (act, PG.servesGoal, goal) in g and (act, PG.measuredBy, ind) in g
    st = statement(b, act, PG.measuredBy, ind)
    [lsrc] = sources(b, st)
    assert g.value(lsrc, PG.curated) == Literal(True) and int(g.value(lsrc, PG.startLine)) == 5
    # the link without lines took the subject's lines
    [lsrc2] = sources(b, statement(b, act, PG.servesGoal, goal))
    assert int(g.value(lsrc2, PG.startLine)) == 4


def test_remove_and_unlink(setup):
    doc, b, path = setup
    path.write_text("""
unlink:
  - {subject: utbilda  PERSONAL, predicate: servesGoal, object: Ökad trygghet för äldre}
remove:
  - {type: Indicator, label: Andel utbildade}
""", encoding="utf-8")
    act, goal, ind = node(b, "Utbilda personal"), node(b, "Ökad trygghet för äldre"), node(b, "Andel utbildade")
    st = statement(b, act, PG.servesGoal, goal)
    ind_src = sources(b, ind)
    apply_corrections(doc, b)
    g = b.full_graph()
    assert (act, PG.servesGoal, goal) not in g
    assert (st, None, None) not in g
    assert (ind, None, None) not in g and (None, None, ind) not in g
    assert all((src, None, None) not in g for src in ind_src)
    assert (act, RDF.type, PG.Activity) in g


def test_remove_then_add_again(setup):
    doc, b, path = setup
    path.write_text("remove: [Andel utbildade]\nadd:\n  - {type: Indicator, label: Andel utbildade, lines: 5}\n")
    apply_corrections(doc, b)
    ind = node(b, "Andel utbildade")
    assert (ind, RDF.type, PG.Indicator) in b.graph
    [src] = sources(b, ind)
    assert b.full_graph().value(src, PG.curated) == Literal(True)


def test_link_from_the_plan(setup):
    doc, b, path = setup
    path.write_text('link:\n  - {subject: "@plan", predicate: hasGoal, object: Ökad trygghet för äldre, lines: 1-2}\n')
    apply_corrections(doc, b)
    goal = node(b, "Ökad trygghet för äldre")
    assert (b.plan, PG.hasGoal, goal) in b.graph
    [src] = sources(b, statement(b, b.plan, PG.hasGoal, goal))
    g = b.full_graph()
    assert (int(g.value(src, PG.startLine)), int(g.value(src, PG.endLine))) == (1, 2)


def test_directory_from_environment(setup, tmp_path, monkeypatch):
    doc, b, _ = setup
    folder = tmp_path / "corr"
    folder.mkdir()
    (folder / "plan.corrections.yaml").write_text("remove: [Andel utbildade]\n")
    monkeypatch.setenv("PLANGRAF_CORRECTIONS", str(folder))
    assert corrections_files(doc) == [folder / "plan.corrections.yaml"]
    apply_corrections(doc, b)
    assert node(b, "Andel utbildade") is None


@pytest.mark.parametrize("yaml_text, message, line", [
    ("add:\n  - type: Activity\n    label: [unclosed\n", "YAML syntax error", 4),
    ("add:\n  - type: Activty\n    label: X\n    lines: 3\n", "unknown type 'Activty'", 2),
    ("remove:\n  - Ökad trygghet\n  - Finns inte\n", "no node labelled 'Ökad trygghet'", 2),
    ("remove:\n  - Andel utbildad\n", "did you mean 'Andel utbildade'", 2),
    ("fix:\n  - x\n", "unknown section 'fix'", 2),
    ("add: Utbilda\n", "must be a list", 1),
    ("add:\n  - {type: Goal, label: X, lines: 99}\n", "outside the document", 2),
    ("add:\n  - {type: Goal, label: X, lines: tre}\n", "bad lines", 2),
    ("add:\n  - {type: Goal, label: X}\n", "missing 'lines'", 2),
    ("add:\n  - {type: Goal, lable: X, lines: 2}\n", "unknown key 'lable'", 2),
    ("add:\n  - {type: Goal, label: X, lines: 2, quote: inte här}\n", "is not in lines 2-2", 2),
    ("link:\n\n  - {subject: Utbilda personal, predicate: serves, object: Andel utbildade}\n",
     "unknown predicate 'serves'", 3),
    ("unlink:\n  - {subject: Utbilda personal, predicate: measuredBy, object: Andel utbildade}\n",
     "no such link", 2),
])
def test_mistakes_name_file_and_line(setup, yaml_text, message, line):
    doc, b, path = setup
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(LoaderError) as info:
        apply_corrections(doc, b)
    assert message in info.value.message
    assert info.value.source == str(path)
    assert info.value.line == line


def test_ambiguous_label_asks_for_a_type(setup):
    doc, b, path = setup
    b.node(PG.Goal, "Utbilda personal", doc.lines[2].span)
    path.write_text("remove: [Utbilda personal]\n")
    with pytest.raises(LoaderError, match="names 2 nodes"):
        apply_corrections(doc, b)
    path.write_text("remove: [{type: Goal, label: Utbilda personal}]\n")
    apply_corrections(doc, b)
    assert (node(b, "Utbilda personal"), RDF.type, PG.Activity) in b.graph


def test_load_yaml_keeps_lines_and_scalars(tmp_path):
    p = tmp_path / "x.corrections.yaml"
    p.write_text("add:\n  - lines: 12\n    label: 'Mål'\n    curated: true\n")
    root = load_yaml(p)
    entry = root.value["add"].value[0]
    assert entry.line == 2
    assert (entry.value["lines"].value, entry.value["label"].value, entry.value["curated"].value) == (12, "Mål", True)
    assert entry.value["label"].line == 3


def test_pipeline_applies_corrections_beside_the_file(tmp_path, monkeypatch):
    from plangraf.loaders.pipeline import extract_file
    monkeypatch.delenv("PLANGRAF_CORRECTIONS", raising=False)
    path = tmp_path / "plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "plan.corrections.yaml").write_text(
        "add:\n  - {type: TargetGroup, label: äldre, lines: 2}\n", encoding="utf-8")
    g = extract_file(path).graph
    groups = [s for s in g.subjects(RDF.type, PG.TargetGroup)
              if any(g.value(src, PG.curated) is not None for src in g.objects(s, PROV.wasDerivedFrom))]
    assert groups


# -- hostile or malformed files: a LoaderError naming file and line, never a traceback (issue 11) --
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)) + "add: *i\n"


@pytest.mark.parametrize("yaml_text, message, line", [
    ("add: &a [*a]\n", "aliases", 1),                                     # was RecursionError
    ("remove:\n  - &x Andel utbildade\n  - *x\n", "aliases", 3),
    (BOMB, "aliases", 2),                                                 # 9^9 nodes: was 50 s and 1.4 GB
    ("add:\n  - type: Activity\n    label: Ny\n    lines: 3\n    links: {servesGoal: Ökad trygghet}\n",
     "'links' must be a list", 5),                                        # was AttributeError
    ("add:\n  - type: Activity\n    label: Ny\n    lines: 3\n    links: servesGoal\n", "'links' must be a list", 5),
    ("add:\n  - type: Activity\n    label: Ny\n    lines: 3\n    links: [[servesGoal]]\n", "expected a mapping", 5),
    ("add:\n  - {type: [Activity], label: Ny, lines: 3}\n", "'type' must be a single value", 2),
    ("add:\n  - {type: Activity, label: {a: b}, lines: 3}\n", "'label' must be a single value", 2),
    ("remove:\n  - [Andel utbildade]\n", "names a node by its label", 2),
    ("remove:\n  - {iri: [x]}\n", "'iri' must be a single value", 2),
    ("add:\n" + "  " + "[" * 40 + "]" * 40 + "\n", "nested deeper than", 2),
    ("add:\n  - {type: Goal, label: X, lines: " + "9" * 5000 + "}\n", "cannot read value", 2),
    ("add:\n  - {type: Goal, label: X, lines: 2024-13-45}\n", "cannot read value", 2),
    ("? [a, b]\n: c\n", "keys must be plain names", 1),
    ("add:\n  - " + "x" * 300_000 + "\n", "over the limit", None),
])
def test_hostile_corrections_are_loader_errors(setup, yaml_text, message, line):
    doc, b, path = setup
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(LoaderError) as info:
        apply_corrections(doc, b)
    assert message in info.value.message
    assert info.value.source == str(path)
    assert info.value.line == line
    assert "\n" not in str(info.value) and len(str(info.value)) < 600


def test_anchors_without_aliases_are_fine(setup):
    doc, b, path = setup
    path.write_text("remove:\n  - &x Andel utbildade\n", encoding="utf-8")
    apply_corrections(doc, b)
    assert node(b, "Andel utbildade") is None


def test_binary_corrections_file(setup):
    doc, b, path = setup
    path.write_bytes(b"remove:\n  - \xff\xfe\x00\n")
    with pytest.raises(LoaderError, match="cannot read corrections file") as info:
        apply_corrections(doc, b)
    assert info.value.source == str(path)
