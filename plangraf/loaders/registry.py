"""The extractor registry: a plain list. The general pipeline reads every document (its layout
readers and the form configurations of :mod:`plangraf.loaders.forms` included); an extractor
added here that recognises a document would run first and the general stages add to it."""
from __future__ import annotations

from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.forms import form_templates
from plangraf.loaders.general import GeneralExtractor

EXTRACTORS: list[type[Extractor]] = [
    GeneralExtractor,
]
THRESHOLD = 0.5


def template_names() -> list[str]:
    """Every name ``--template`` takes: the form configurations, then the extractors."""
    return [t.name for t in form_templates()] + [cls.name for cls in EXTRACTORS]


def choose(doc: SourceDocument, only: str | None = None) -> list[Extractor]:
    """Every template that recognises the document (score >= THRESHOLD), then the general pipeline.

    ``only`` forces one extractor by name (``plangraf extract --template NAME``).
    """
    extractors = [cls() for cls in EXTRACTORS]
    if only:
        chosen: list[Extractor] = [e for e in extractors if e.name == only]
        forms = [t for t in form_templates() if t.name == only]
        if forms:       # a configuration: the general stages with that form template, whatever it scores
            chosen = [GeneralExtractor(forms=tuple(forms))]
        if not chosen:
            raise ValueError(f"unknown template {only!r}; known: {', '.join(template_names())}")
        return chosen
    scored = [(e.matches(doc), e) for e in extractors[:-1]]
    chosen = [e for s, e in sorted(scored, key=lambda p: -p[0]) if s >= THRESHOLD]
    return [*chosen, extractors[-1]]   # templates first, so the general reader joins their nodes
