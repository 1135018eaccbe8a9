"""Seed files and hypothesis strategies that damage them: bytes, ZIP containers, PDF objects, YAML.

Seeds are small (1–6 KB) so thousands of cases run in a minute: the hand-written plans in
tests/data/generic, the first few KB of each bundled sample, the same texts as DOCX (paragraphs,
a list, a table) and as PDF (tests/loaders/test_inputs.make_pdf, and flate_pdf with a compressed
content stream), and corrections files that
are valid for the corrections seed document.
"""
from __future__ import annotations

import io
import random
import zipfile
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml
from hypothesis import strategies as st

from tests.loaders.test_inputs import TABLE, flate_pdf, make_pdf, make_table_pdf

DATA = Path(__file__).resolve().parent.parent / "data"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@cache
def text_seeds() -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted((DATA / "generic").glob("*.txt"))]
    for sample in sorted(files("plangraf.samples").iterdir(), key=lambda p: p.name):
        if sample.name.endswith(".txt"):
            data = sample.read_bytes()
            seeds.append(data[:data.index(b"\n", 5000) + 1])
    return seeds


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx_xml(text: str) -> bytes:
    """A Word body for ``text``: lines with " | " become table rows, "- "/"• " list items, others paragraphs."""
    parts = []
    for line in text.splitlines():
        if " | " in line:
            cells = "".join(f"<w:tc><w:p><w:r><w:t>{_xml_escape(c)}</w:t></w:r></w:p></w:tc>" for c in line.split(" | "))
            parts.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
        elif line.lstrip().startswith(("- ", "• ")):
            parts.append('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>'
                         f"{_xml_escape(line.lstrip()[2:])}</w:t></w:r></w:p>")
        else:
            parts.append(f'<w:p><w:r><w:t xml:space="preserve">{_xml_escape(line)}</w:t><w:tab/></w:r></w:p>')
    return (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{"".join(parts)}'
            "</w:body></w:document>").encode()


def zip_docx(xml: bytes, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


@cache
def docx_xml_seeds() -> list[bytes]:
    return [docx_xml(t.decode("utf-8", "replace")[:3000]) for t in text_seeds()]


@cache
def docx_seeds() -> list[bytes]:
    return [zip_docx(x, m) for x in docx_xml_seeds() for m in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED)]


@cache
def pdf_seeds() -> list[bytes]:
    out = []
    for seed in text_seeds():
        lines = [line.encode("cp1252", "replace").decode("cp1252")
                 for line in seed.decode("utf-8", "replace").splitlines()[:40]]
        out.append(make_pdf([lines[i:i + 20] for i in range(0, len(lines), 20)] or [["x"]]))
        ops = b" ".join(b"(" + line.replace("\\", "").replace("(", "").replace(")", "").encode("cp1252") + b") Tj T*"
                        for line in lines[:20])
        out.append(flate_pdf(b"BT /F1 12 Tf 14 TL 72 720 Td " + ops + b" ET"))   # a compressed content stream
    out.append(make_table_pdf("Handlingsplan", TABLE, "Uppföljning"))   # a ruled table (the reader's table path)
    return out


CORRECTIONS_DOC = """Handlingsplan psykisk hälsa 2024–2026
Fokusområde 1: Trygghet
Mål: Ökad trygghet för äldre
Aktivitet: Utbilda personal
Aktivitet: Inventera utbildningsbehov
Indikator: Andel utbildade
Ansvar: Socialförvaltningen
"""
LABELS = ["Ökad trygghet för äldre", "Utbilda personal", "Inventera utbildningsbehov", "Andel utbildade",
          "@plan", "Trygghet", "Finns inte"]
CORRECTIONS_SEEDS = [
    """remove:
  - Andel utbildade
  - {type: ResponsibleBody, label: Socialförvaltningen}
unlink:
  - {subject: Utbilda personal, predicate: servesGoal, object: Ökad trygghet för äldre}
  - {subject: Trygghet, predicate: pg:hasGoal, object: {type: Goal, label: Ökad trygghet för äldre}}
""",
    """add:
  - type: Activity
    label: Ny aktivitet
    lines: 4-5
    quote: Inventera utbildningsbehov
    links:
      - servesGoal: Ökad trygghet för äldre
      - {predicate: measuredBy, object: Andel utbildade, lines: 6}
link:
  - {subject: "@plan", predicate: hasGoal, object: Ökad trygghet för äldre, lines: [1, 3]}
""",
    """# anchors are allowed, aliases are not
add:
  - &ny {type: Indicator, label: Antal utbildade, lines: 6}
remove: [Utbilda personal]
""",
]

TEXT_TOKENS = [b"\xff", b"\xe5", b"\xc3", b"\x00", b"\r", b"\f", b"\t", b"\xef\xbb\xbf", b"\xff\xfe",
               "Mål: ".encode(), b"Aktivitet: ", b"Indikator: ", "Delmål ".encode(), "Fokusområde ".encode(),
               b"Ansvar: ", b" | ", "• ".encode(), b"1.1 ", b"-\n", b"\n\n", b"\xe2\x80\x93", b"(", b")",
               b"%PDF-", b"PK\x03\x04", b"x" * 1000, b"2024-2030", b"Bilaga "]
XML_TOKENS = [b"<w:p>", b"</w:p>", b"<w:r>", b"<w:t>", b"</w:t>", b"<w:tbl>", b"<w:tr>", b"<w:tc>", b"<w:br/>",
              b"<w:tab/>", b"&amp;", b"&#0;", b"&#x10FFFF;", b"&bogus;", b"<!DOCTYPE d>", b"<![CDATA[x]]>",
              b"<w:numPr/>", b"<?pi x?>", b"<!-- -->", b"\x00", b"\xff", b'"', b"<", b">"]
PDF_TOKENS = [b"obj", b"endobj", b"stream\n", b"\nendstream", b"<<", b">>", b"[", b"]", b"/Filter /FlateDecode",
              b"/Length 99999999", b"9999999999", b"-1", b" 0 R", b"2 0 R", b"xref", b"trailer", b"%%EOF",
              b"startxref\n0", b"(", b")", b"\\", b"BT", b"ET", b"Tj", b"/Kids [2 0 R]", b"/Parent 3 0 R",
              b"/Encrypt 1 0 R", b"/Type /ObjStm", b"/Font", b"1e308", b"\x00", b"%PDF-"]
YAML_TOKENS = [b"&a ", b"*a", b"[", b"]", b"{", b"}", b": ", b"- ", b"\n  ", b"? ", b"!!binary ", b"!!python/none ",
               b"!x ", b"<<: ", b"|", b">", b"'", b'"', b"#", b"---\n", b"...\n", b"%YAML 1.1\n", b"\t", b"\xff",
               b"99999999999999999999", b"2024-13-45", b"1-9999", b"@plan", b"links:", b"lines: ", b"type: ",
               b"label: ", "Ökad trygghet för äldre".encode(), b"servesGoal", b"~", b"null", b"0x1F", b"1e999"]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], tokens: list[bytes], max_ops: int = 6) -> bytes:
    """A seed with 1..max_ops mutations: set, insert, token, delete, truncate, duplicate.

    Positions are mostly uniform (a Random seeded by hypothesis): hypothesis's integers favour the ends, and
    damage at byte 0 only ever tests the file-type sniffing. One position in 32 is hypothesis's.
    """
    data = bytearray(draw(st.sampled_from(seeds)))
    rng = random.Random(draw(st.integers(0, 2**32)))
    for _ in range(draw(st.integers(1, max_ops))):
        op = draw(st.sampled_from(["set", "insert", "token", "token", "delete", "truncate", "duplicate"]))
        pos = draw(st.integers(0, len(data))) if rng.random() < 1 / 32 else rng.randint(0, len(data))
        if op == "set" and data:
            data[min(pos, len(data) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(tokens)) * draw(st.sampled_from([1, 1, 1, 2, 10, 100]))
        elif op == "delete":
            del data[pos:pos + draw(st.integers(1, 256))]
        elif op == "truncate" and draw(st.integers(0, 3)) == 0:  # rarer: most damage is inside the file
            del data[pos:]
        elif op == "duplicate":
            data[pos:pos] = data[pos:pos + draw(st.integers(1, 512))] * draw(st.integers(1, 8))
    return bytes(data)


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    """A damaged ZIP container, damaged XML in a sound ZIP, or damaged text in sound XML."""
    branch = draw(st.integers(0, 2))
    if branch == 0:
        return draw(mutated(docx_seeds(), [b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\x00", b"\xff"]))
    if branch == 1:
        xml = draw(mutated(docx_xml_seeds(), XML_TOKENS))
    else:
        text = draw(mutated(text_seeds(), TEXT_TOKENS)).decode("utf-8", "replace")
        xml = docx_xml("".join(ch for ch in text if ch in "\t\n" or ch >= " "))   # what XML 1.0 allows
    return zip_docx(xml, draw(st.sampled_from([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2,
                                                zipfile.ZIP_LZMA])))


SECTION_KEYS = ["remove", "unlink", "add", "link"]
ENTRY_KEYS = ["type", "label", "lines", "line", "quote", "links", "subject", "predicate", "object", "iri",
              "servesGoal", "measuredBy", "hasGoal"]
SCALARS = st.one_of(st.sampled_from(LABELS), st.sampled_from(["Activity", "Goal", "Indicator", "Plan", "pg:Goal",
                                                              "servesGoal", "hasGoal", "measuredBy", "1-3", "4",
                                                              "3-2", "https://w3id.org/plangraf/id/x"]),
                    st.integers(-5, 20), st.none(), st.booleans(), st.floats(allow_nan=True), st.text(max_size=20))
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(ENTRY_KEYS), inner, max_size=5)), max_leaves=25)


@st.composite
def corrections_text(draw: st.DrawFn) -> bytes:
    """Structured nonsense (right section and key names, wrong shapes), or a damaged valid file."""
    if draw(st.booleans()):
        entry = st.one_of(st.dictionaries(st.sampled_from(ENTRY_KEYS), SCALARS | YAML_VALUES, max_size=6), SCALARS)
        doc = draw(st.dictionaries(st.sampled_from(SECTION_KEYS),
                                   st.lists(entry, max_size=4) | YAML_VALUES, max_size=4))
        return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode()
    return draw(mutated([s.encode() for s in CORRECTIONS_SEEDS], YAML_TOKENS))


@st.composite
def alias_bomb(draw: st.DrawFn) -> bytes:
    """"Billion laughs": each level a list of ``width`` aliases of the level before; or a self-reference."""
    if draw(st.integers(0, 4)) == 0:
        return b"add: &a [*a]\n"
    width, depth = draw(st.integers(2, 12)), draw(st.integers(2, 12))
    lines = ["l0: &l0 [Utbilda personal]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * width)}]" for i in range(1, depth)]
    lines.append(f"{draw(st.sampled_from(SECTION_KEYS))}: *l{depth - 1}")
    return ("\n".join(lines) + "\n").encode()
