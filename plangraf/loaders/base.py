"""What every extractor sees and implements: a cleaned document and the Extractor protocol."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.text import Line

MAX_MESSAGE = 400  # characters of a LoaderError message: one line, even for a huge bad value


class LoaderError(Exception):
    """A document could not be read. Names the file (and line when known), on one line.

    Newlines and runs of spaces in ``message`` are collapsed and an over-long message is cut, so
    a damaged input (a 1 MB label, a parser's multi-line complaint) still gives one readable line.
    """

    def __init__(self, message: str, source: str | Path | None = None, line: int | None = None) -> None:
        message = " ".join(str(message).split())
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE - 1] + "…"
        self.message = message
        self.source = str(source) if source is not None else None
        self.line = line
        where = self.source or ""
        if where and line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class SourceDocument:
    """One input document: the original lines (for provenance) and the cleaned lines (to read).

    ``raw_lines[i]`` is original line ``i + 1``. ``lines`` are cleaned lines that each carry the
    span of original lines they came from (dehyphenation can join two original lines).
    ``warnings`` are one-line messages ("FILE:LINE: ...") about repairs made while reading, such as
    invalid UTF-8 bytes replaced.
    """

    path: Path
    doc_id: str
    raw_lines: list[str]
    lines: list[Line]
    pages: list[int | None] | None = None
    encoding: str = "utf-8"
    media_type: str = "text/plain"
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # read, but with a repair the user should know of

    @property
    def file_name(self) -> str:
        return self.path.name

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def span(self, first: Line, last: Line | None = None) -> Span:
        last = last or first
        return Span(first.start, last.end, first.page)


class Extractor:
    """One document template. Subclasses set ``name`` and implement both methods.

    ``matches`` returns a score in [0, 1]: how sure the extractor is that the document (or a
    large part of it) follows its template; the registry runs every template scoring >= 0.5
    and falls back to the generic extractor when none does. ``extract`` adds nodes and links
    to the builder, with a :class:`Span` for each, and must never invent links the text does
    not state.
    """

    name: str = "base"

    def matches(self, doc: SourceDocument) -> float:
        raise NotImplementedError

    def extract(self, doc: SourceDocument, builder: GraphBuilder) -> None:
        raise NotImplementedError
