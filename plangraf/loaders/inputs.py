"""Read a file into a :class:`SourceDocument`: text in any common encoding, PDF, DOCX.

(First version: UTF-8 text only.)
"""
from __future__ import annotations

import re
from pathlib import Path

from plangraf.loaders.base import LoaderError, SourceDocument
from plangraf.loaders.text import clean_lines


def doc_id_for(path: Path) -> str:
    """The document id: the file stem, restricted to IRI-safe characters."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-") or "document"


def read_document(path: str | Path) -> SourceDocument:
    path = Path(path)
    if not path.is_file():
        raise LoaderError("no such file", path)
    data = path.read_bytes()
    if not data.strip():
        raise LoaderError("the file is empty", path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoaderError(f"not UTF-8 text ({exc.reason})", path) from exc
    raw = text.splitlines()
    return SourceDocument(path=path, doc_id=doc_id_for(path), raw_lines=raw, lines=clean_lines(raw))
