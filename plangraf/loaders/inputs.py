"""Read a file into a :class:`SourceDocument`: plain text in any common encoding, PDF, DOCX.

What a file is comes from its bytes, not its name: "%PDF-" is a PDF, a ZIP with
``word/document.xml`` is DOCX, anything else must decode as text. Text is UTF-8 (with or without
BOM), UTF-16/32 with BOM, or a Windows/DOS single-byte export (cp1252, cp850, latin-1), chosen by
which decoding gives Swedish letters and no stray symbols; UTF-8 text that was decoded as cp1252
once too often ("hÃ¤lsa") is repaired, and a few invalid bytes in otherwise valid UTF-8 are replaced
by U+FFFD with a warning naming each line (``SourceDocument.warnings``). Lines are split on ``\\n`` (``\\r\\n`` and a lone ``\\r``
count as one), so line numbers match an editor's and pdftotext's; form feeds stay in the lines
as page breaks.

PDF text comes from pdfplumber page by page, with ``pages[i]`` the page of raw line ``i + 1``.
DOCX is read with the standard library (paragraphs in order; each table row one line with cells
joined by " | "; list paragraphs get a "• " bullet), so python-docx is not needed.

Every failure is a :class:`LoaderError` with one plain message: missing, unreadable or empty file,
binary data, a PDF without a text layer (needs OCR), a damaged PDF or DOCX (any error of zipfile,
zlib, pdfminer or the XML parser), a PDF or DOCX that unpacks to over four times the text limit
(a decompression bomb), an unknown encoding, or a file over
the size limit: 50 MB for text, 200 MB for PDF and DOCX, set with ``max_bytes`` (text limit; the
others are four times it) or the environment variable ``PLANGRAF_MAX_MB``.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import unicodedata
import zipfile
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from plangraf.loaders.base import LoaderError, SourceDocument
from plangraf.loaders.text import clean_lines, pages_from_form_feeds

DEFAULT_MAX_MB = 50
BINARY_FACTOR = 4  # PDF and DOCX carry layout and fonts: allow four times the text limit
MAX_STRAY_BYTES = 10  # invalid bytes in otherwise valid UTF-8 that are replaced (with a warning)
WARN_LINES = 5  # stray-byte warnings name at most this many lines, then one line says how many more
PDF_MEDIA = "application/pdf"
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
SINGLE_BYTE = ["cp1252", "cp850", "mac_roman", "latin-1"]
SWEDISH = set("åäöÅÄÖéÉüÜ")
TEXT_SYMBOLS = set("–—‘’‚“”„…•€§°±½¼¾×·«»\u00a0")
MOJIBAKE = re.compile("Ã[¤¥¶„…–©]")
CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
SIGNATURES = [(b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
              (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
              (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls); save it as .docx or PDF"),
              (b"{\\rtf", "an RTF file; save it as .docx, PDF or plain text"),
              (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive")]


# letters NFKD does not take apart into an ASCII letter and accents
TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
                               "ð": "d", "Ð": "D", "đ": "d", "Đ": "D", "þ": "th", "Þ": "Th", "ł": "l",
                               "Ł": "L", "ı": "i", "ŋ": "ng", "Ŋ": "Ng"})


def doc_id_for(path: Path) -> str:
    """The document id: the file stem in IRI-safe ASCII, readable and distinct per name.

    Accented letters lose their accents (å, ä → a; ö, ø → o; é → e; ß → ss), so
    "Handlingsplan Öland" is ``Handlingsplan-Oland`` whether the name is stored composed (NFC) or
    decomposed (NFD, as macOS does); other characters become "-". When a letter has no ASCII form
    (Greek, Cyrillic, CJK …) the id gets the first 8 hex digits of the stem's SHA-256, so two such
    names do not both become "document".
    """
    stem = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", path.stem).translate(TRANSLITERATE))
    stem = "".join(ch for ch in stem if not unicodedata.combining(ch))
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-")
    if any(ch.isalnum() and not ch.isascii() for ch in stem):
        digest = hashlib.sha256(unicodedata.normalize("NFC", path.stem).encode("utf-8", "surrogatepass"))
        return f"{readable or 'document'}-{digest.hexdigest()[:8]}"
    return readable or "document"


def text_limit(max_bytes: int | None = None) -> int:
    """The size limit for text files in bytes: ``max_bytes``, else $PLANGRAF_MAX_MB, else 50 MB."""
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get("PLANGRAF_MAX_MB", "").strip()
    try:
        return int(float(env) * 1_000_000) if env else DEFAULT_MAX_MB * 1_000_000
    except ValueError:
        raise LoaderError(f"PLANGRAF_MAX_MB must be a number of megabytes, not {env!r}") from None


def read_document(path: str | Path, *, max_bytes: int | None = None) -> SourceDocument:
    """Read and clean one file. Raises :class:`LoaderError` for anything it cannot read."""
    path = Path(path)
    if path.is_dir():
        raise LoaderError("is a directory, not a document file", path)
    if not path.is_file():
        raise LoaderError("no such file", path)
    limit = text_limit(max_bytes)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
            binary = b"%PDF-" in head or head.startswith(b"PK\x03\x04")
            if size > limit * (BINARY_FACTOR if binary else 1):
                raise LoaderError(_too_big(size, limit * (BINARY_FACTOR if binary else 1)), path)
            data = head + fh.read()
    except OSError as exc:
        raise LoaderError(f"cannot be read: {exc.strerror or exc}", path) from None
    warnings: list[str] = []
    if not data.strip():
        raise LoaderError("the file is empty", path)
    if b"%PDF-" in head:
        (raw, pages), encoding, media = _read_pdf(data, path, limit * BINARY_FACTOR), "binary", PDF_MEDIA
    elif head.startswith(b"PK\x03\x04"):
        raw, pages, encoding, media = _read_docx(data, path, limit * BINARY_FACTOR), None, "binary", DOCX_MEDIA
    else:
        if path.suffix.lower() == ".pdf":
            raise LoaderError("has a .pdf name but is not a PDF (no %PDF- header)", path)
        for magic, what in SIGNATURES:
            if data.startswith(magic):
                raise LoaderError(f"is {what}, not a text document", path)
        text, encoding = decode_text(data, path, warnings)
        raw, media = split_lines(text), "text/plain"
        pages = pages_from_form_feeds(raw)
    if not any(line.strip() for line in raw):
        raise LoaderError("the file is empty" if media == "text/plain" else "the document has no text", path)
    meta = {"sha256": hashlib.sha256(data).hexdigest()}
    if pages:
        meta["pages"] = str(max(p for p in pages if p is not None))
    return SourceDocument(path=path, doc_id=doc_id_for(path), raw_lines=raw, lines=clean_lines(raw, pages),
                          pages=pages, encoding=encoding, media_type=media, meta=meta, warnings=warnings)


def _too_big(size: int, limit: int) -> str:
    return (f"the file is {size / 1e6:.1f} MB, over the limit of {limit / 1e6:.0f} MB "
            "(raise it with PLANGRAF_MAX_MB or max_bytes)")


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: split on \\n, \\r\\n or \\r; no empty last line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# -- text ------------------------------------------------------------------------------------
def decode_text(data: bytes, source: str | Path | None = None,
                warnings: list[str] | None = None) -> tuple[str, str]:
    """(text, encoding name) of a text file's bytes; LoaderError for binary or unknown data.

    UTF-8 with a few invalid bytes (up to MAX_STRAY_BYTES, in a text whose other non-ASCII
    characters are valid UTF-8) is read with each bad byte replaced by U+FFFD, and a warning
    naming its line is appended to ``warnings``.
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise LoaderError(f"starts with a {name.upper()} byte-order mark but is not valid "
                                  f"{name.upper()} ({exc.reason})", source, _line_at(data, exc.start)) from None
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16:
            return utf16
        raise LoaderError("contains NUL bytes: a binary file, not text", source, _line_at(data, data.index(b"\0")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = None
        first_bad = exc.start
    if text is not None:
        _check_controls(text, source)
        return _repair_mojibake(text)
    mostly = _mostly_utf8(data, source)
    if mostly is not None:
        text, notes = mostly
        _check_controls(text, source)
        if warnings is not None:
            warnings.extend(notes)
        return text, "utf-8"
    best: tuple[float, str, str] | None = None
    for name in SINGLE_BYTE:
        try:
            candidate = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = plausibility(candidate)
        if score is not None and (best is None or score > best[0]):
            best = (score, candidate, name)
    if best is None:
        raise LoaderError("unknown text encoding: neither UTF-8 nor a Windows/DOS Swedish code page "
                          "(save it as UTF-8)", source, _line_at(data, first_bad))
    _check_controls(best[1], source)
    return best[1], best[2]


def _mostly_utf8(data: bytes, source: str | Path | None) -> tuple[str, list[str]] | None:
    """Valid UTF-8 but for a few stray bytes: the text with each replaced by U+FFFD, and one
    warning per line that had one ("FILE:LINE: ..."); None when it is not that."""
    text = data.decode("utf-8", "surrogateescape")  # each invalid byte becomes U+DC80..U+DCFF
    bad = [i for i, ch in enumerate(text) if "\udc80" <= ch <= "\udcff"]
    good = sum(1 for ch in text if ch >= "\x80") - len(bad)
    if not bad or len(bad) > MAX_STRAY_BYTES or good < 2 * len(bad):
        return None
    by_line: dict[int, list[str]] = {}
    for i in bad:
        line = len(split_lines(text[:i] + "x"))
        by_line.setdefault(line, []).append(f"0x{ord(text[i]) - 0xdc00:02X}")
    where = str(source) if source is not None else "<text>"
    notes = [f"{where}:{line}: invalid UTF-8 byte{'s' if len(found) > 1 else ''} {' '.join(found)} "
             "replaced with U+FFFD (�)" for line, found in list(by_line.items())[:WARN_LINES]]
    if len(by_line) > WARN_LINES:
        notes.append(f"{where}: invalid UTF-8 bytes on {len(by_line) - WARN_LINES} more lines replaced too")
    repaired = re.sub("[\udc80-\udcff]", "\ufffd", text)
    return repaired, notes


def plausibility(text: str) -> float | None:
    """How much a single-byte decoding looks like Swedish text; None when it surely is not.

    Swedish letters count for it, letters and symbols that Swedish text does not use (box drawing,
    C1 controls, "†" where "å" was meant) against it.
    """
    good: float = 0
    bad = 0
    for ch in text:
        if ch < "\x80":
            continue
        if ch in SWEDISH:
            good += 2
        elif ch in TEXT_SYMBOLS or (ch.isalpha() and ch <= "\u00ff"):
            good += 0.5
        else:
            bad += 1
    if bad > max(2, good / 20):
        return None
    return good - 5 * bad


def _repair_mojibake(text: str) -> tuple[str, str]:
    """UTF-8 text whose UTF-8 was once misread as cp1252 ("hÃ¤lsa"): undo that when it round-trips."""
    if len(MOJIBAKE.findall(text)) < 3:
        return text, "utf-8"
    try:
        return text.encode("cp1252").decode("utf-8"), "utf-8 (repaired double encoding)"
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text, "utf-8"


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: mostly ASCII text has a NUL in every other byte."""
    sample = data[:4000]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for name, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros > 0.3 * (len(sample) // 2) and other == 0:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    return None


def _check_controls(text: str, source: str | Path | None) -> None:
    """Binary data that happens to decode: many control characters besides tab, CR, LF, FF."""
    sample = text[:100_000]
    controls = len(CONTROLS.findall(sample))
    if controls > max(8, len(sample) // 200):
        raise LoaderError("looks binary (many control characters), not text", source)


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# -- PDF -------------------------------------------------------------------------------------
CID = re.compile(r"\(cid:\d+\)")
STEP = 1 << 20  # flate_size unpacks at most this much at a time


def flate_size(data: bytes, budget: int) -> int:
    """Bytes the PDF's FlateDecode streams other than images unpack to, counted up to budget + 1.

    pdfminer unpacks every content, font and object stream whole, in memory: a 100 KB PDF whose
    content stream unpacks to 100 MB takes 2 s and 330 MB, ten times that takes minutes. This
    scan unpacks each stream once with zlib, in 64 KB steps, and stops as soon as the total passes
    ``budget``. Images are skipped (pdfplumber does not unpack them to read text).
    """
    total = pos = 0
    while total <= budget:
        i = data.find(b"stream", pos)
        if i < 0:
            break
        pos = i + 6
        if data.endswith(b"end", 0, i):
            continue
        head = data[max(0, i - 2048):i]
        head = head[head.rfind(b"obj"):] if b"obj" in head else head
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue
        at = pos + (2 if data[pos:pos + 2] == b"\r\n" else 1 if data[pos:pos + 1] in (b"\r", b"\n") else 0)
        z = zlib.decompressobj()
        try:
            while not z.eof and at < len(data) and total <= budget:
                total += len(z.decompress(data[at:at + 65536], min(STEP, budget + 1 - total)))
                while z.unconsumed_tail and not z.eof and total <= budget:
                    total += len(z.decompress(z.unconsumed_tail, min(STEP, budget + 1 - total)))
                at += 65536
        except zlib.error:
            continue  # damaged data: pdfminer will say so
    return total


def _read_pdf(data: bytes, path: Path, max_unpacked: int) -> tuple[list[str], list[int | None]]:
    """Raw lines and their pages from a PDF's text layer (LoaderError for a decompression bomb)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    if flate_size(data, max_unpacked) > max_unpacked:
        raise LoaderError(f"is a PDF whose compressed streams unpack to over {max_unpacked / 1e6:g} MB "
                          "(raise the limit with PLANGRAF_MAX_MB)", path)
    raw: list[str] = []
    pages: list[int | None] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                for line in _page_lines(page):
                    raw.append(line)
                    pages.append(number)
    except PDFPasswordIncorrect:
        raise LoaderError("is a password-protected PDF; save an unprotected copy", path) from None
    except LoaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds for damaged files
        raise LoaderError(f"is a damaged or truncated PDF and cannot be read ({type(exc).__name__}: "
                          f"{str(exc)[:120]})", path) from None
    chars = sum(len(line.strip()) for line in raw)
    if not chars:
        raise LoaderError("is a PDF that has no text layer; it needs OCR", path)
    if sum(len(m) for line in raw for m in CID.findall(line)) > chars / 3:
        raise LoaderError("is a PDF whose fonts have no character map (text comes out as '(cid:NN)'); "
                          "it needs OCR", path)
    return raw, pages


MAX_RULES = 500        # ruling lines and boxes on a page, at most, for its tables to be looked for (cost grows
                       # with their square: ~0.3 s a page at 500, 3 s at 2,000)


def _page_lines(page: Any) -> list[str]:
    """A PDF page's lines. A ruled table (two rows and two columns or more) is written row by row,
    its cells joined by " | " (as DOCX tables are): read line by line, each printed line would run
    across all the cells of its row. The rest of the page keeps pdfplumber's lines, in reading order with
    the table rows by their height on the page."""
    if len(page.lines) + len(page.rects) > MAX_RULES:
        return split_lines(page.extract_text() or "")      # a drawing, not a table: finding cells costs too much
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and max(len(row.cells) for row in t.rows) >= 2]
    if not tables:
        return split_lines(page.extract_text() or "")
    boxes = [t.bbox for t in tables]

    def outside(obj: dict[str, Any]) -> bool:
        return not any(x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom
                       for x0, top, x1, bottom in boxes)

    placed = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
    for table in tables:
        for row, cells in zip(table.rows, table.extract()):
            texts = [" ".join((cell or "").split()) for cell in cells]
            if any(texts):
                placed.append((row.bbox[1], " | ".join(texts)))
    return [text for _top, text in sorted(placed, key=lambda p: p[0])]


# -- DOCX ------------------------------------------------------------------------------------
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(data: bytes, path: Path, max_xml: int) -> list[str]:
    """Lines of a DOCX body: paragraphs; tables row by row ("cell | cell"); list items bulleted.

    Anything wrong in the ZIP container (bad compressed data, an unknown compression method or
    ZIP version, bad offsets, encryption) or in the XML is a LoaderError. The body XML is read only
    up to ``max_xml`` bytes unpacked (a ZIP bomb stops there) and may not declare a DTD (Word never
    writes one; entity tricks need one).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise LoaderError("is a ZIP archive but not a Word document (no word/document.xml)", path)
            info = zf.getinfo("word/document.xml")
            if info.flag_bits & 0x1:
                raise LoaderError("is a password-protected DOCX; save an unprotected copy", path)
            if info.file_size > max_xml:
                raise LoaderError(f"is a DOCX whose text unpacks to {info.file_size / 1e6:.0f} MB, over the "
                                  f"limit of {max_xml / 1e6:.0f} MB (raise it with PLANGRAF_MAX_MB)", path)
            xml = zf.read(info)
        if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
            raise LoaderError("is a DOCX whose document.xml declares a DTD or entities, which Word never "
                              "writes; re-save it in Word", path)
        root = ElementTree.fromstring(xml)
    except LoaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/zlib/bz2/lzma/expat raise many kinds for damaged files
        raise LoaderError(f"is a damaged or truncated DOCX file ({type(exc).__name__}: {exc})", path) from None
    body = root.find(f"{W}body")
    lines: list[str] = []
    for block in (body if body is not None else []):
        if block.tag == f"{W}p":
            lines.extend(_paragraph_lines(block))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [" ".join(" ".join(_paragraph_lines(p)) for p in cell.iter(f"{W}p")).strip()
                         for cell in row.findall(f"{W}tc")]
                lines.append(" | ".join(cells))
            lines.append("")
    return lines


def _paragraph_lines(p: ElementTree.Element) -> list[str]:
    parts: list[str] = []
    for el in p.iter():
        if el.tag == f"{W}t" and el.text:
            parts.append(el.text)
        elif el.tag == f"{W}tab":
            parts.append("\t")
        elif el.tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    text = "".join(parts)
    if p.find(f"{W}pPr/{W}numPr") is not None and text.strip():
        text = "• " + text
    return text.split("\n")
