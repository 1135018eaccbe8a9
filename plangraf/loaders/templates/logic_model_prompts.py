"""Logic-model tables, step 1: find the cell prompts in the flattened text.

Every cell of the SKL logic-model table opens with a fixed question ("Vad förväntas satsningen
uppnå på längre sikt?", "Hur kan det mätas?" …). PDF-to-text wraps, merges and interleaves them,
so prompts are matched on a whitespace-free, lower-cased character stream: wrapped
("förutsätt-/ning"), merged ("målgruppennås") and interleaved prompts (four prompt heads on two
lines, then each prompt's tail followed by its text) are all found. :func:`scan` turns the
cleaned lines into events in reading order; :mod:`.logic_model_cells` groups them into tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plangraf.loaders.text import Line

LT, ST, ACT, RES = "LT", "ST", "ACT", "RES"
LOGIC, IND, DATA, ASSUMP = "logic", "ind", "data", "assump"
PROMPTS: list[tuple[str, str | None, str]] = [  # (cell kind, row or None, prompt)
    (LOGIC, LT, "Vad förväntas satsningen uppnå på längre sikt"),
    (LOGIC, LT, "Vad förväntas satsningen uppnå"),
    (LOGIC, LT, "Vilka resultat förväntas satsningen uppnå på längre sikt"),
    (LOGIC, ST, "Vilka resultat förväntas satsningen uppnå på kort sikt"),
    (LOGIC, ST, "Vad förväntas satsningen uppnå på kort sikt"),
    (LOGIC, ACT, "Vilka aktiviteter ska genomföras i satsningen"),
    (LOGIC, RES, "Vilka resurser, verktyg och strukturer behövs för att genomföra satsningens aktiviteter"),
    (IND, None, "Hur kan det mätas"),
    (IND, ACT, "Hur mäts aktiviteternas genomförande och att målgruppen nås"),
    (DATA, None, "Vilken data kan användas för mätning"), (DATA, None, "Vilka data kan användas för mätning"),
    (ASSUMP, LT, "Vilka antaganden är en förutsättning för att satsningen ska uppnå de långsiktiga utfallen"),
    (ASSUMP, ST, "Vilka antaganden är en förutsättning för att satsningens kortsiktiga utfall uppnås"),
    (ASSUMP, ACT, "Vilka antaganden är en förutsättning för att satsningens aktiviteter kan genomföras"),
    (ASSUMP, RES, "Vilka antaganden är en förutsättning för satsningens insatta resurser"),
]
PROMPT_WORD = re.compile(r"\b(vad|vilk\w*|hur)\b")  # only lines with one can open a prompt
HEADER_WORDS = ("interventionslogik", "indikatorer", "datakällor", "antaganden")
NON_WORD = re.compile(r"[\W_]+")
DROPPED = re.compile(r"[^\w?]|_")  # what squash drops


def squash(text: str) -> str:
    """Lower-cased letters, digits and '?' of ``text``."""
    return DROPPED.sub("", text.lower())


def after(text: str, k: int) -> str:
    """``text`` after its first ``k`` squashed characters."""
    for i, c in enumerate(text):
        if k == 0:
            return text[i:]
        k -= not DROPPED.match(c)
    return ""


SQUASHED = [(kind, row, squash(text)) for kind, row, text in PROMPTS]
HEADS = {p[:3] for _, _, p in SQUASHED}
KINDS = {(kind, row) for kind, row, _ in SQUASHED}


def is_header(low: str) -> bool:
    """A table header line (lower-cased): three of the four column names."""
    return sum(w in low for w in HEADER_WORDS) >= 3


def count_headers(low: str) -> int:
    """Header lines in lower-cased text. Three of four names include "interventionslogik" or
    "indikatorer", so only the lines around those words are looked at."""
    starts = set()
    for word in HEADER_WORDS[:2]:
        i = low.find(word)
        while i >= 0:
            start, end = low.rfind("\n", 0, i) + 1, low.find("\n", i)
            end = len(low) if end < 0 else end
            if is_header(low[start:end]):
                starts.add(start)
            i = low.find(word, end)
    return len(starts)


def prompt_kinds(low: str) -> set[tuple[str, str | None]]:
    """The distinct (cell kind, row) prompts in lower-cased text, however wrapped.

    Fast on any document (``matches`` runs on all of them): every prompt opens with vad/vilka/
    vilken/hur and names the satsning or a measurement, so only the text after such a word that
    goes on to say "satsning" or "mät" is squashed and compared."""
    found: set[tuple[str, str | None]] = set()
    for head in ("vad", "vilk", "hur"):
        i = low.find(head)
        while i >= 0:
            window = low[i:i + 200]
            if (i == 0 or not low[i - 1].isalnum()) and ("satsning" in window or "mät" in window):
                window = NON_WORD.sub("", window)
                found.update((kind, row) for kind, row, p in SQUASHED if window.startswith(p))
                if len(found) == len(KINDS):
                    return found
            i = low.find(head, i + 3)
    return found


@dataclass
class Frag:
    """A cleaned line or the part of one after a prompt; ``raw``: the original (first) line of a
    whole line, whose leading space and double spaces mark PDF text boxes."""

    text: str
    line: Line
    raw: str = ""


@dataclass
class _Open:
    """A prompt whose head has been read but not yet its end (``done``: squashed text so far)."""

    done: str
    cands: list[tuple[str, str | None, str]]
    age: int = 0


def _advance(done: str, cands: list, s: str, pos: int, least: int) -> tuple[int, list, bool]:
    """How far ``s[pos:]`` continues a prompt of which ``done`` has been read.

    Returns (characters consumed, candidates still consistent, complete?). A complete match also
    consumes a following '?'; at the end of a line without one, a longer prompt may still go on.
    A partial match counts when it reaches the end of the line or another prompt head follows.
    """
    rest = s[pos:]
    if not done and rest[:3] not in HEADS:
        return 0, [], False
    live = [c for c in cands if c[2].startswith(done)]
    best: tuple[int, list, bool] = (0, [], False)
    for c in live:
        tail = c[2][len(done):]
        if tail and rest.startswith(tail) and len(tail) + 1 > best[0]:
            best = (len(tail) + (rest[len(tail):len(tail) + 1] == "?"), [c], True)
    part = [c for c in live if rest and c[2][len(done):].startswith(rest) and len(c[2]) > len(done + rest)]
    if part:  # the line ends inside a prompt ("Vad förväntas satsningen uppnå på")
        return len(rest), part + (best[1] if best[0] == len(rest) else []), False
    if best[2]:
        return best
    for c in live:  # "Vilka aktiviteter ska genomföras i Hur mäts aktiviteternas": two heads on a line
        tail = c[2][len(done):]
        cp = next((i for i, (a, b) in enumerate(zip(tail, rest)) if a != b), min(len(tail), len(rest)))
        for cut in range(cp, max(least - 1, cp - 3), -1):
            if _advance("", SQUASHED, s, pos + cut, 99)[0] >= 8:
                return cut, [x for x in live if x[2][len(done):].startswith(rest[:cut])], False
    return 0, [], False


def scan(lines: list[Line], raw: list[str]) -> list[tuple]:
    """Events in reading order: ('header',), ('cell', kind, row, Frag|None), ('text', Frag), ('blank',)."""
    events: list[tuple] = []
    opened: list[_Open] = []

    def close_complete() -> None:  # a prompt whole without '?' ends where something else starts
        for o in list(opened):
            whole = next((c for c in o.cands if c[2] == o.done), None)
            if whole is not None:
                opened.remove(o)
                events.append(("cell", whole[0], whole[1], None))

    for line in lines:
        text = line.text
        if not text:
            events.append(("blank",))
            continue
        low = text.lower()
        if is_header(low):
            opened.clear()
            events.append(("header",))
            continue
        s = squash(text) if opened or PROMPT_WORD.search(low) else ""
        pos, prompted = 0, False
        while pos < len(s):
            best = None
            for o in opened:  # the tail of an open prompt (interleaved heads close in order)
                k, cands, complete = _advance(o.done, o.cands, s, pos, 3)
                if k and (best is None or k > best[0]):
                    best = (k, o, cands, complete)
            k, cands, complete = _advance("", SQUASHED, s, pos, 8)
            if k >= 8 and (best is None or k > best[0]):
                close_complete()
                best = (k, _Open("", cands), cands, complete)
                opened.append(best[1])
            if best is None:
                break
            k, o, o.cands, complete = best
            o.done, o.age, pos, prompted = o.done + s[pos:pos + k].rstrip("?"), 0, pos + k, True
            if complete:
                opened.remove(o)
                rest = after(text, pos).strip(" ?") if pos < len(s) else ""
                heads = rest and (_advance("", SQUASHED, s, pos, 8)[0] >= 8
                                  or any(_advance(x.done, x.cands, s, pos, 3)[0] for x in opened))
                first = Frag(rest, line) if rest and not heads else None
                events.append(("cell", o.cands[0][0], o.cands[0][1], first))
                if rest and not heads:
                    break
        if prompted:
            continue
        close_complete()
        for o in list(opened):
            o.age += 1
            if o.age > 40:
                opened.remove(o)
        events.append(("text", Frag(text, line, raw[line.start - 1])))
    return events

