"""Form templates: configurations of the general stages for documents laid out as repeated forms.

A template is a YAML file in :mod:`plangraf.loaders.templates` (e.g. ``logic_model.yaml``), not
code. The general stages already read a form's cells — a question and the answer under it
(:func:`plangraf.loaders.layout.layout` makes "prompt" leads, the vocabulary's ``prompts`` say
what an answer is, :func:`plangraf.loaders.link_rules.prompt_links` links the answers question by
question). A template adds what the form's layout says beyond its cells:

- ``header`` / ``header_min``: a line holding that many of the header words opens a form;
- ``title``: the heading above the header names what the form plans (its kind);
- ``title_list``: a numbered list between that heading and the header names what it serves;
- ``title_links``: how the form's answers belong to its title.

A document follows a template when it has ``min_forms`` forms; the template then adds to what
the general stages find (the items and links below), never replacing it.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from plangraf.loaders.layout import Block
from plangraf.loaders.links import Link, items_by_block, orient

if TYPE_CHECKING:
    from plangraf.loaders.general import Item

TITLE_REACH = 12        # blocks between a form's header and its title heading, at most


@dataclass(frozen=True)
class FormTemplate:
    name: str
    description: str
    header: tuple[str, ...]
    header_min: int
    min_forms: int
    title: str | None = None
    title_list: str | None = None
    title_links: tuple[tuple[str, str, str], ...] = ()   # (answer kind, predicate, direction)

    def is_header(self, text: str) -> bool:
        low = text.lower()
        return sum(w in low for w in self.header) >= self.header_min

    def matches(self, blocks: list[Block]) -> float:
        """1.0 when the document has ``min_forms`` form headers, in proportion below that."""
        found = sum(1 for b in blocks if len(b.text) <= 300 and self.is_header(b.text))
        return min(1.0, found / self.min_forms)


@lru_cache(maxsize=1)
def form_templates() -> tuple[FormTemplate, ...]:
    """Every form template of :mod:`plangraf.loaders.templates` (a ``*.yaml`` with ``kind: form``)."""
    out = []
    for entry in sorted(resources.files("plangraf.loaders.templates").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.safe_load(entry.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("kind") != "form":
            continue        # a code template's word lists, not a form configuration
        links = tuple((kind, pred, direction) for kind, (pred, direction) in (data.get("title_links") or {}).items())
        out.append(FormTemplate(data["name"], " ".join(str(data.get("description", "")).split()),
                                tuple(w.lower() for w in data["header"]), int(data["header_min"]),
                                int(data.get("min_forms", 1)), data.get("title"), data.get("title_list"), links))
    return tuple(out)


@dataclass
class Form:
    header: int                 # block index of the header row
    title: int | None           # block index of the title heading
    listed: list[int]           # block indices of the numbered list under the title
    end: int                    # the block index where the next form's title (or header) starts


def forms_in(blocks: list[Block], template: FormTemplate) -> list[Form]:
    """The forms of a document: each header row, the title heading above it and the list between."""
    out: list[Form] = []
    for b in blocks:
        if len(b.text) > 300 or not template.is_header(b.text):
            continue
        title, heading = None, None
        listed: list[int] = []
        for k in range(b.index - 1, max(-1, b.index - 1 - TITLE_REACH), -1):
            above = blocks[k]
            if above.marker in ("prompt", "answer") or template.is_header(above.text):
                break           # the form before: this one has no title of its own
            if above.marker in ("num", "bullet", "dash", "alpha"):
                if listed and listed[-1] != k + 1:
                    break       # a second list: the title is the heading over the nearer one
                listed.append(k)
            elif above.kind == "heading":
                if listed:      # the heading over the list (a comment heading may sit below it)
                    title = k
                    break
                heading = k if heading is None else heading
        title = title if title is not None else (heading if not listed else None)
        out.append(Form(b.index, title, sorted(listed) if title is not None else [], len(blocks)))
    for here, nxt in itertools.pairwise(out):
        here.end = nxt.title if nxt.title is not None else nxt.header
    return out


def form_items(items: list[Item], blocks: list[Block], template: FormTemplate, forms: list[Form]) -> list[Item]:
    """The items with each form's title and listed areas given the template's kinds (an item the
    general stages found on those blocks takes the template's kind; a missing one is added).
    ``forms``: :func:`forms_in` of the blocks."""
    from plangraf.loaders.general import Item
    wanted: dict[int, str] = {}
    for form in forms:
        if form.title is not None and template.title:
            wanted[form.title] = template.title
            for k in form.listed:
                if template.title_list:
                    wanted[k] = template.title_list
    out: list[Item] = []
    done: set[int] = set()
    for it in items:
        kind = wanted.get(it.block.index)
        if kind is not None and it.label == it.block.text:
            if it.block.index in done:
                continue
            done.add(it.block.index)
            out.append(Item(kind, it.label, it.block, max(it.confidence, 0.6), it.serves))
        else:
            out.append(it)
    for k, kind in wanted.items():
        if k not in done:
            out.append(Item(kind, blocks[k].text, blocks[k], 0.6))
    return out


def form_links(items: list[Item], blocks: list[Block], template: FormTemplate, forms: list[Form]) -> list[Link]:
    """Each form's answers (and listed areas) linked to its title as ``title_links`` says."""
    rules = {kind: (pred, direction) for kind, pred, direction in template.title_links}
    by_block = items_by_block(items)
    out: list[Link] = []
    for form in forms:
        if form.title is None:
            continue
        titles = [i for i in by_block.get(form.title, []) if items[i].kind == template.title]
        if not titles:
            continue
        members = [i for k in form.listed for i in by_block.get(k, [])]
        members += [i for k in range(form.header + 1, form.end) for i in by_block.get(k, [])
                    if blocks[k].marker == "answer"]
        for i in members:
            rule = rules.get(items[i].kind)
            if rule is not None:
                out.append(orient(i, titles[0], rule))
    return out
