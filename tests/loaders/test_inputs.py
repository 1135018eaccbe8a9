"""Reading files: encodings, PDF, DOCX, content sniffing, and one clear error for each failure.

Inputs are made in tmp_path; the one committed binary is tests/data/inputs/plan.pdf (1 KB, written
by :func:`make_pdf` below, see the README there).
"""
from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from plangraf.loaders.base import LoaderError
from plangraf.loaders.inputs import (
    decode_text,
    doc_id_for,
    flate_size,
    plausibility,
    read_document,
    split_lines,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "inputs"
SWEDISH = "Mål: Öka tillgängligheten för äldre med psykisk ohälsa – ”stöd i vardagen”.\nAktivitet: Utbilda personal.\n"


def make_pdf(pages: list[list[str]], text_layer: bool = True) -> bytes:
    """A minimal valid PDF: one page per list of lines in Helvetica (WinAnsi, so åäö work).

    Without a text layer each page only strokes a rectangle, like a scan without OCR.
    """
    objects: list[tuple[int, bytes]] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for n, lines in enumerate(pages):
        page_id, content_id = 3 + 2 * n, 4 + 2 * n
        kids.append(f"{page_id} 0 R")
        if text_layer:
            ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
            ops += ["(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
                    for line in lines]
            ops.append("ET")
        else:
            ops = ["0 0 0 RG", "72 600 200 100 re S"]
        stream = "\n".join(ops).encode("cp1252")
        objects.append((page_id, (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                                  f"<< /Font << /F1 {font_id} 0 R >> >> /Contents {content_id} 0 R >>").encode()))
        objects.append((content_id, b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"))
    objects.append((1, b"<< /Type /Catalog /Pages 2 0 R >>"))
    objects.append((2, f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()))
    objects.append((font_id, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
    objects.sort()
    out = bytearray(b"%PDF-1.4\n%\xe5\xe4\xf6\n")
    offsets = {}
    for num, body in objects:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offsets[num] for num in range(1, len(objects) + 1))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PLAN_PDF_PAGES = [["Handlingsplan för psykisk hälsa 2024", "Mål: Ökad tillgänglighet till stöd och utveckl-",
                   "ing av insatser för äldre."],
                  ["Sida 2 av 2", "Aktivitet: Utbilda personal inför SIP-mötena."]]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- text encodings --------------------------------------------------------------------------
@pytest.mark.parametrize("data, encoding", [
    (SWEDISH.encode("utf-8"), "utf-8"),
    (SWEDISH.encode("utf-8-sig"), "utf-8-sig"),
    (SWEDISH.encode("utf-16"), "utf-16"),                       # with BOM (little-endian here)
    (b"\xfe\xff" + SWEDISH.encode("utf-16-be"), "utf-16"),
    (SWEDISH.encode("utf-16-le"), "utf-16-le"),                 # no BOM, recognised by its NULs
    (SWEDISH.encode("utf-32"), "utf-32"),
    (SWEDISH.encode("cp1252"), "cp1252"),                       # Windows export
    (SWEDISH.replace("–", "-").replace("”", '"').encode("cp850"), "cp850"),   # DOS export
])
def test_text_encodings_decode_to_the_same_text(tmp_path, data, encoding):
    doc = read_document(write(tmp_path, "plan.txt", data))
    expected = SWEDISH.replace("–", "-").replace("”", '"') if encoding == "cp850" else SWEDISH
    assert doc.raw_lines == expected.splitlines()
    assert doc.encoding == encoding
    assert doc.media_type == "text/plain"
    assert doc.lines[0].text.startswith("Mål: Öka tillgängligheten för äldre")


def test_double_encoded_utf8_is_repaired(tmp_path):
    text = "Mål: Öka tillgängligheten för äldre – på lika villkor.\n"
    doc = read_document(write(tmp_path, "plan.txt", text.encode().decode("cp1252").encode()))
    assert doc.raw_lines == [text.strip()]
    assert doc.encoding == "utf-8 (repaired double encoding)"


@pytest.mark.parametrize("text, lines", [
    ("a\nb\n", ["a", "b"]),
    ("a\r\nb\r\n", ["a", "b"]),
    ("a\rb", ["a", "b"]),
    ("a\n\nb", ["a", "", "b"]),
    ("a\fb\nc\u2028d", ["a\fb", "c\u2028d"]),      # only newlines end lines: numbers match an editor's
])
def test_split_lines(text, lines):
    assert split_lines(text) == lines


def test_form_feeds_become_pages(tmp_path):
    doc = read_document(write(tmp_path, "plan.txt", "Sida ett\n\fSida två\nmer\n".encode()))
    assert doc.pages == [1, 2, 2]
    assert [(l.text, l.page) for l in doc.lines] == [("Sida ett", 1), ("Sida två", 2), ("mer", 2)]
    assert doc.meta["pages"] == "2"


def test_plausibility_prefers_the_right_code_page():
    data = SWEDISH.encode("cp1252")
    assert plausibility(data.decode("cp1252")) > plausibility(data.decode("cp850"))
    assert plausibility((b"x" + bytes(range(0xa0, 0xc0)) * 3).decode("cp850")) is None


def test_sha256_and_doc_id(tmp_path):
    doc = read_document(write(tmp_path, "Plan för Åre 2024.txt", b"Plan\n"))
    assert doc.doc_id == "Plan-for-Are-2024"
    assert len(doc.meta["sha256"]) == 64
    assert doc_id_for(Path("###.txt")) == "document"


def test_doc_ids_keep_swedish_letters_apart(tmp_path):
    """Issue 11: "Handlingsplan Öland" and "Handlingsplan Åland" both became Handlingsplan-land."""
    oland = read_document(write(tmp_path, "Handlingsplan Öland.txt", b"Plan\n"))
    aland = read_document(write(tmp_path, "Handlingsplan Åland.txt", b"Plan\n"))
    assert (oland.doc_id, aland.doc_id) == ("Handlingsplan-Oland", "Handlingsplan-Aland")


@pytest.mark.parametrize("stem, doc_id", [
    ("Folkhälsoplan Västerås 2024–2027", "Folkhalsoplan-Vasteras-2024-2027"),
    ("Handlingsplan O\u0308land", "Handlingsplan-Oland"),        # decomposed (NFD), as macOS stores names
    ("Strategi för Malmö & Göteborg", "Strategi-for-Malmo-Goteborg"),
    ("Café Ångström straße Ærø", "Cafe-Angstrom-strasse-AEro"),
    ("plan_v2.1-final", "plan_v2.1-final"),
])
def test_doc_ids_transliterate(stem, doc_id):
    assert doc_id_for(Path(stem + ".txt")) == doc_id


def test_doc_ids_without_latin_letters_stay_distinct():
    greek, cyrillic = doc_id_for(Path("Σχέδιο.txt")), doc_id_for(Path("План.txt"))
    assert greek != cyrillic
    assert greek.startswith("document-") and len(greek) == len("document-") + 8
    assert doc_id_for(Path("Plan 計画.txt")).startswith("Plan-")


# -- PDF and DOCX ----------------------------------------------------------------------------
def test_committed_pdf_matches_its_generator():
    assert (DATA / "plan.pdf").read_bytes() == make_pdf(PLAN_PDF_PAGES)


def test_pdf_text_layer_with_pages():
    doc = read_document(DATA / "plan.pdf")
    assert doc.media_type == "application/pdf"
    assert doc.raw_lines == [line for page in PLAN_PDF_PAGES for line in page]
    assert doc.pages == [1, 1, 1, 2, 2]
    assert [(l.text, l.start, l.end, l.page) for l in doc.lines] == [
        ("Handlingsplan för psykisk hälsa 2024", 1, 1, 1),
        ("Mål: Ökad tillgänglighet till stöd och utveckling", 2, 3, 1),
        ("av insatser för äldre.", 3, 3, 1),
        ("Aktivitet: Utbilda personal inför SIP-mötena.", 5, 5, 2)]     # "Sida 2 av 2" dropped


def make_table_pdf(above: str, rows: list[list[list[str]]], below: str, ruled: bool = True) -> bytes:
    """One page: a line of text, a table whose cells hold wrapped lines (each cell a list of lines),
    ruled with lines around every cell unless ``ruled`` is false, and a line of text under it."""
    width, line_h, x0, top = 150, 14, 72, 700
    ops, rules = ["BT", "/F1 10 Tf", f"1 0 0 1 {x0} {top + 30} Tm ({above}) Tj", "ET"], []
    y = top
    for row in rows:
        height = line_h * max(len(cell) for cell in row) + 6
        for c, cell in enumerate(row):
            x = x0 + c * width
            rules.append(f"{x} {y - height} {width} {height} re S")
            for k, text in enumerate(cell):
                ops += ["BT", "/F1 10 Tf", f"1 0 0 1 {x + 4} {y - 12 - k * line_h} Tm ({text}) Tj", "ET"]
        y -= height
    ops += ["BT", "/F1 10 Tf", f"1 0 0 1 {x0} {y - 30} Tm ({below}) Tj", "ET"]
    stream = "\n".join(ops + (["0 0 0 RG", "0.5 w"] + rules if ruled else [])).encode("cp1252")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                b"/Contents 4 0 R >>"),
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


TABLE = [[["Mål"], ["Indikator"], ["Aktivitet"]],
         [["Fler äldre känner", "sig trygga."], ["Andel trygga", "äldre (%)"], ["Ordna", "trygghetsvandringar."]]]


def test_pdf_ruled_table_is_read_row_by_row(tmp_path):
    """A ruled table's printed lines run across its cells; the reader writes each row as one
    "cell | cell" line (wrapped cell text joined), between the page's other lines."""
    path = tmp_path / "tabell.pdf"
    path.write_bytes(make_table_pdf("Handlingsplan för trygghet", TABLE, "Planen följs upp årligen."))
    assert read_document(path).raw_lines == [
        "Handlingsplan för trygghet",
        "Mål | Indikator | Aktivitet",
        "Fler äldre känner sig trygga. | Andel trygga äldre (%) | Ordna trygghetsvandringar.",
        "Planen följs upp årligen."]


def test_pdf_text_without_rules_stays_line_by_line(tmp_path):
    """Without ruling lines there is no table to find: the printed lines as pdfplumber gives them."""
    path = tmp_path / "utan.pdf"
    path.write_bytes(make_table_pdf("Handlingsplan för trygghet", TABLE, "Planen följs upp årligen.", ruled=False))
    lines = read_document(path).raw_lines
    assert not any(" | " in line for line in lines)
    assert lines[0] == "Handlingsplan för trygghet" and lines[-1] == "Planen följs upp årligen."


def test_pdf_is_sniffed_whatever_its_name(tmp_path):
    doc = read_document(write(tmp_path, "upload.bin", (DATA / "plan.pdf").read_bytes()))
    assert doc.media_type == "application/pdf"


def docx_bytes(body: str, parts: dict[str, str] | None = None) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        for name, text in (parts if parts is not None else {"word/document.xml":
                           f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>'}).items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_docx_paragraphs_lists_and_tables(tmp_path):
    body = ("<w:p><w:r><w:t>Mål för </w:t></w:r><w:r><w:t>2024</w:t></w:r></w:p>"
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>Öka tryggheten</w:t></w:r></w:p>"
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Mål</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p><w:r><w:t>Indikator</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            "<w:p><w:r><w:t>Rad ett</w:t><w:br/><w:t>Rad två</w:t></w:r></w:p>")
    doc = read_document(write(tmp_path, "plan.docx", docx_bytes(body)))
    assert doc.media_type.endswith("wordprocessingml.document")
    assert doc.raw_lines == ["Mål för 2024", "• Öka tryggheten", "Mål | Indikator", "", "Rad ett", "Rad två"]
    assert doc.lines[1].bullet and doc.lines[1].text == "Öka tryggheten"


# -- errors ----------------------------------------------------------------------------------
def error(path: Path, **kw) -> LoaderError:
    with pytest.raises(LoaderError) as info:
        read_document(path, **kw)
    return info.value


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\n \t\n", "the file is empty"),
    ("bom.txt", b"\xef\xbb\xbf\n", "the file is empty"),
    ("binary.txt", b"abc\x00\x01\x02\xff" * 50, "NUL bytes"),
    ("controls.txt", bytes(range(1, 9)) * 40, "looks binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x10" * 40, "is a PNG image"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "legacy Office file"),
    ("fake.pdf", b"just text", "not a PDF"),
    ("odd.txt", b"Rubrik\n" + bytes(range(0xa0, 0xc0)) * 3 + b"\n", "unknown text encoding"),
    ("bad16.txt", b"\xff\xfe" + "Mål".encode("utf-16-le") + b"\x00\xd8", "not valid UTF-16"),
    ("archive.zip", docx_bytes("", {"data.csv": "a,b"}), "not a Word document"),
])
def test_unreadable_files_say_why(tmp_path, name, data, message):
    path = write(tmp_path, name, data)
    err = error(path)
    assert message in err.message
    assert err.source == str(path)
    assert str(path) in str(err)


# -- damaged DOCX: zipfile/zlib errors were tracebacks (issue 11 fuzzing) ----------------------
def deflated_docx(paragraphs: int = 40) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>Mål {i}: Öka tryggheten för äldre</w:t></w:r></w:p>" for i in range(paragraphs))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def central_entry(data: bytes, name: bytes = b"word/document.xml") -> int:
    """Offset of the central-directory record of ``name``."""
    at = data.index(b"PK\x01\x02")
    while data[at + 46:at + 46 + len(name)] != name:
        at = data.index(b"PK\x01\x02", at + 4)
    return at


def patch(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    out = bytearray(data)
    struct.pack_into(fmt, out, offset, value)
    return bytes(out)


def corrupt_deflate(data: bytes) -> bytes:
    """Garble the middle of document.xml's compressed data (it follows the name in the local header)."""
    start = data.index(b"word/document.xml") + len(b"word/document.xml")
    out = bytearray(data)
    out[start + 20:start + 40] = b"\xff" * 20
    return bytes(out)


def unknown_method(data: bytes) -> bytes:
    return patch(data, central_entry(data) + 10, "<H", 99)


def newer_zip_version(data: bytes) -> bytes:
    return patch(data, central_entry(data) + 6, "<H", 0x10a4)   # "needs ZIP version 16.4"


def negative_offset(data: bytes) -> bytes:
    """The end record claims the central directory starts later than it does: offsets go negative."""
    eocd = data.rindex(b"PK\x05\x06")
    (cd_offset,) = struct.unpack_from("<I", data, eocd + 16)
    return patch(data, eocd + 16, "<I", cd_offset + 5000)


def encrypted(data: bytes) -> bytes:
    at = central_entry(data)
    (flags,) = struct.unpack_from("<H", data, at + 8)
    return patch(data, at + 8, "<H", flags | 1)


@pytest.mark.parametrize("damage, raw_error, message", [
    (corrupt_deflate, "error", "damaged or truncated DOCX"),            # zlib.error
    (unknown_method, "NotImplementedError", "damaged or truncated DOCX"),
    (newer_zip_version, "NotImplementedError", "damaged or truncated DOCX"),
    (negative_offset, "ValueError", "damaged or truncated DOCX"),      # was reported as "unknown template"
    (encrypted, "RuntimeError", "password-protected DOCX"),
])
def test_damaged_docx_is_a_loader_error(tmp_path, damage, raw_error, message):
    data = damage(deflated_docx())
    with pytest.raises(Exception) as raw, zipfile.ZipFile(io.BytesIO(data)) as zf:   # the crash it reproduces
        zf.read("word/document.xml")
    assert type(raw.value).__name__ == raw_error
    path = write(tmp_path, "plan.docx", data)
    err = error(path)
    assert message in err.message
    assert str(path) in str(err) and "\n" not in str(err)


def test_docx_zip_bomb_and_entities_are_refused(tmp_path):
    body = "<w:p><w:r><w:t>" + "a" * 3_000_000 + "</w:t></w:r></w:p>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>')
    assert len(buf.getvalue()) < 50_000
    assert "over the limit" in error(write(tmp_path, "bomb.docx", buf.getvalue()), max_bytes=500_000).message
    laughs = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              '<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    err = error(write(tmp_path, "dtd.docx", docx_bytes("", {"word/document.xml": laughs})))
    assert "declares a DTD" in err.message


# -- stray bytes in UTF-8 ----------------------------------------------------------------------
def test_a_stray_byte_in_utf8_is_replaced_with_a_warning(tmp_path):
    """Issue 11: one invalid byte in a 157 KB UTF-8 sample rejected it as "unknown text encoding"."""
    from importlib.resources import files
    sample = files("plangraf.samples").joinpath("003_9d966ace21cafa6d.txt").read_bytes()
    assert len(sample) > 150_000
    cut = sample.index(b"\n", len(sample) // 2) + 1
    line = sample.count(b"\n", 0, cut) + 1
    path = write(tmp_path, "plan.txt", sample[:cut] + b"Mal\xe5 " + sample[cut:])
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert doc.raw_lines[line - 1].startswith("Mal\ufffd ")
    assert doc.raw_lines[:line - 1] == sample[:cut].decode().splitlines()
    assert doc.warnings == [f"{path}:{line}: invalid UTF-8 byte 0xE5 replaced with U+FFFD (�)"]


def test_many_stray_bytes_are_summarised(tmp_path):
    text = "".join(f"Mål {i}: Öka tryggheten för äldre\n" for i in range(40)).encode()
    lines = text.split(b"\n")
    for i in range(0, 16, 2):
        lines[i] += b" \xff"
    doc = read_document(write(tmp_path, "plan.txt", b"\n".join(lines)))
    assert doc.raw_lines[0].endswith("\ufffd") and len(doc.warnings) == 6
    assert doc.warnings[0].endswith(":1: invalid UTF-8 byte 0xFF replaced with U+FFFD (�)")
    assert doc.warnings[-1].endswith("invalid UTF-8 bytes on 3 more lines replaced too")


def test_single_byte_text_is_not_mistaken_for_damaged_utf8(tmp_path):
    doc = read_document(write(tmp_path, "plan.txt", SWEDISH.encode("cp1252")))
    assert doc.encoding == "cp1252" and not doc.warnings


def test_errors_name_the_line_when_known(tmp_path):
    err = error(write(tmp_path, "odd.txt", b"Rubrik\nMer\n" + bytes(range(0xa0, 0xc0)) * 3))
    assert err.line == 3


def test_missing_file_and_directory(tmp_path):
    assert error(tmp_path / "nope.txt").message == "no such file"
    assert "is a directory" in error(tmp_path).message


def test_pdf_without_text_layer(tmp_path):
    err = error(write(tmp_path, "scan.pdf", make_pdf([["x"], ["y"]], text_layer=False)))
    assert "has no text layer; it needs OCR" in err.message


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_truncated_pdf(tmp_path, fraction):
    data = (DATA / "plan.pdf").read_bytes()
    err = error(write(tmp_path, "cut.pdf", data[:int(len(data) * fraction)]))
    assert "damaged or truncated PDF" in err.message


def test_size_limit(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", SWEDISH.encode() * 20)
    assert "over the limit" in error(path, max_bytes=100).message
    monkeypatch.setenv("PLANGRAF_MAX_MB", "0.0001")
    assert "PLANGRAF_MAX_MB" in error(path).message
    monkeypatch.setenv("PLANGRAF_MAX_MB", "lots")
    assert "must be a number" in error(path).message
    monkeypatch.setenv("PLANGRAF_MAX_MB", "1")
    assert read_document(path).raw_lines[0].startswith("Mål")


def test_pdf_may_be_four_times_the_text_limit(tmp_path):
    pdf = DATA / "plan.pdf"
    size = pdf.stat().st_size
    assert read_document(pdf, max_bytes=size // 2).media_type == "application/pdf"
    assert "over the limit" in error(pdf, max_bytes=size // 5).message
    text = write(tmp_path, "plan.txt", b"x" * size)
    assert "over the limit" in error(text, max_bytes=size // 2).message


def test_decode_text_direct():
    assert decode_text("åäö".encode("cp1252")) == ("åäö", "cp1252")
    assert decode_text("åäö".encode()) == ("åäö", "utf-8")


def flate_pdf(content: bytes) -> bytes:
    """A one-page PDF whose content stream is ``content``, FlateDecode-compressed."""
    import zlib
    packed = zlib.compress(content, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                b"/Contents 4 0 R >>"),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_decompression_bomb_is_refused(tmp_path):
    text = b"BT /F1 12 Tf 72 720 Td (Handlingsplan 2024) Tj ET\n"
    fine = write(tmp_path, "plan.pdf", flate_pdf(text + b" " * 200_000))
    assert read_document(fine, max_bytes=100_000).raw_lines == ["Handlingsplan 2024"]   # unpacks to 0.2 MB
    bomb = write(tmp_path, "bomb.pdf", flate_pdf(text + b" " * 2_000_000))
    assert bomb.stat().st_size < 5_000
    err = error(bomb, max_bytes=100_000)       # PDF limit 0.4 MB, so 2 MB unpacked is too much
    assert "compressed streams unpack to over 0.4 MB" in err.message and str(bomb) in str(err)
    assert read_document(bomb, max_bytes=1_000_000).raw_lines == ["Handlingsplan 2024"]   # limit 4 MB


def test_flate_size_counts_up_to_just_over_the_budget():
    pdf = flate_pdf(b"x" * 3_000_000)
    assert flate_size(pdf, 10_000_000) == 3_000_000
    assert flate_size(pdf, 1_000_000) == 1_000_001
    assert flate_size((DATA / "plan.pdf").read_bytes(), 1000) == 0    # uncompressed streams
