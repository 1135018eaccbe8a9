"""Text cleaning: pure functions from original lines to cleaned lines with a map back.

(Minimal first version: strips whitespace and private-use bullets; blank runs collapse.)
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangraf.graph.model import Span

BULLETS = re.compile(r"^[\s\uf000-\uf8ff•·▪►●○■□✓\-–]+(?=\S)")


@dataclass(frozen=True)
class Line:
    """A cleaned line and the original 1-based line numbers (inclusive) it came from."""

    text: str
    start: int
    end: int
    page: int | None = None
    bullet: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.page)


def clean_lines(raw_lines: list[str], pages: list[int | None] | None = None) -> list[Line]:
    out: list[Line] = []
    for i, raw in enumerate(raw_lines, start=1):
        page = pages[i - 1] if pages else None
        text = raw.replace("\u00a0", " ").replace("\u00ad", "")
        bullet = bool(re.match(r"^\s*[\uf000-\uf8ff•·▪►●○■□✓]", text))
        text = BULLETS.sub("", text) if bullet else text
        text = re.sub(r"\s+", " ", text).strip()
        if not text and out and not out[-1].text:
            continue
        out.append(Line(text, i, i, page, bullet))
    return out
