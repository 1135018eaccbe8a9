"""Development-areas template, table level: the flattened goals / activities / responsible table.

Under each development area a three-column table (goals | activities | responsible bodies)
comes out of PDF-to-text extraction one column line after another, with no mark where a cell
ends. :class:`TableParser` is a small state machine over those lines: items are cut at blank
lines, horizon prefixes ("L:", "K.", "L,K:", "Långsiktigt mål:") and dashes, joined across wrapped lines (hyphen,
lowercase start, trailing function word, a next word that would have fitted), and assigned to a
column by cue words (activity verbs, role nouns, the general vocabulary's body names) and by
width, because each column wraps at its own width (measured on the cleaned lines). The words are
data: ``development_areas.yaml``. A table row is a run goals -> activities -> bodies; a prefixed goal after activities
starts a new row. :mod:`.development_areas` finds the tables and links what this module reads.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from plangraf.graph.model import Span
from plangraf.loaders.text import Line
from plangraf.loaders.values import CONNECT
from plangraf.loaders.vocab import vocabulary

CI = re.IGNORECASE


def alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first, a space matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


WORDS = yaml.safe_load(resources.files(__package__).joinpath("development_areas.yaml").read_text("utf-8"))
FOOTER = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,3})$")
_MARK = rf"(?-i:[{''.join(w.upper() for ws in WORDS['horizons'].values() for w in ws if len(w) == 1)}])"
_SPELLED = alternation([w for ws in WORDS["horizons"].values() for w in ws if len(w) > 1])
# "L: …", "K. …", "L,K: …" (initials: a colon, a full stop or a space after) or "Långsiktigt mål: …"
GOAL_PREFIX = re.compile(rf"^(?:(?P<p>{_MARK}(?:\s*,\s*{_MARK})?)(?:\s*[:.]\s*|\s+)|(?P<w>{_SPELLED})\s*:\s*)"
                         rf"(?=\S)(?P<rest>.*)$", CI)
DASH = re.compile(r"^[-–]\s*(?=\w)")
HYPHEN_END = re.compile(r"[a-zåäöé]-$")
SENTENCE_END = (".", "!", "?")
ROLE = re.compile(rf"(?:{alternation(WORDS['role_word_ends'])})$|^(?:{alternation(WORDS['role_words'])})$", CI)
ROLE_ACRONYMS = frozenset(WORDS["role_acronyms"])
NOT_ROLE = frozenset(WORDS["not_role_words"])
ROLE_SPLIT = re.compile(rf"^[A-ZÅÄÖ][\wåäö-]*(?:{alternation(WORDS['role_split_ends'])})\W*$")
NOT_VERBS = frozenset(WORDS["not_verbs"])
VERB_ENDINGS = tuple(WORDS["verb_endings"])


def horizon(m: re.Match[str]) -> str:
    """The horizon kind of a GOAL_PREFIX match: "L", "K" or "KL" (both)."""
    if m.group("p"):
        return "".join(sorted({c.upper() for c in m.group("p") if c.isalpha()}))
    said = re.sub(r"\s+", " ", m.group("w").lower())
    return next(k for k, ws in WORDS["horizons"].items() if said in ws)


# -- text helpers ---------------------------------------------------------------------------
def join_parts(parts: list[str]) -> tuple[str, list[int]]:
    """Join wrapped fragments; return the text and each fragment's start offset in it.

    A line-break hyphen is dropped before a lowercase continuation ("utveckl-" + "ing"), kept
    before 'och'/'eller' ("hälso- och") and after acronyms or single letters ("CA-CBT", "e-").
    """
    out: list[str] = []
    starts: list[int] = []
    size = 0
    for raw in parts:
        part = re.sub(r"\s+", " ", raw).strip()
        prev = out[-1] if out else ""
        sep = " " if prev else ""
        if part and HYPHEN_END.search(prev):
            if re.match(r"(och|eller|samt|resp)\b", part):
                sep = " "
            elif len(prev.rsplit(" ", 1)[-1]) > 2 and part[0].islower():
                out[-1], size, sep = prev[:-1], size - 1, ""
            else:
                sep = ""
        elif prev.endswith("/") or (prev.endswith("-") and prev[-2:-1].isupper()):
            sep = ""
        if not part:
            starts.append(size)
            continue
        out.append(sep + part)
        starts.append(size + len(sep))
        size += len(sep) + len(part)
    return "".join(out), starts


def join_text(parts: list[str]) -> str:
    return join_parts(parts)[0]


def first_word(text: str) -> str:
    return (re.findall(r"[\wåäöÅÄÖ-]+", text) or [""])[0]


def starts_lower(text: str) -> bool:
    return bool(text) and (text[0].islower() or text[0] in "(%&")


def verb_cue(text: str) -> bool:
    """Does the item start like an activity? An infinitive ('Genomföra', 'Inventera') or an
    action noun with 'av' ('Implementering av'). Suffix rules: a lemma dictionary loads in ~1 s."""
    words = re.findall(r"[\wåäöÅÄÖ/-]+", text)
    word = (words or [""])[0].split("/")[0].lower()
    if word.endswith("ing") and len(words) > 1 and words[1] == "av":
        return True
    return len(word) >= 5 and word not in NOT_VERBS and word.endswith(VERB_ENDINGS)


@lru_cache(maxsize=4096)
def role_cue(text: str) -> bool:
    """Does the item name a body or role: a role word among its first two words ('Enhetschef för',
    'IT Ledningsgrupp', 'BUP …') or a body's name at its start (the general vocabulary's bodies:
    'Kultur- och fritidsförvaltningen')?"""
    m = vocabulary().bodies.match(text)
    return bool(m and m.end() >= min(len(text), 12)) or any(
        (ROLE.search(w) and w.lower() not in NOT_ROLE) or w in ROLE_ACRONYMS
        for w in re.findall(r"[\wåäöÅÄÖ-]+", text)[:2])


def role_split(text: str) -> int | None:
    """Where a body's name starts at the tail of an activity line ('… ska ges. Enhetschefer').

    A capitalised role noun after an ordinary lowercase word (not 'inom', 'för') or a full stop,
    within the last four words, starts the body.
    """
    words = list(re.finditer(r"\S+", text))
    for k in range(max(1, len(words) - 4), len(words)):
        prev = words[k - 1].group()
        if ROLE_SPLIT.match(words[k].group()) and (prev.endswith(".") or (
                prev.isalpha() and prev.islower() and prev not in CONNECT)):
            return words[k].start()
    return None


def line_width(line: Line) -> int:
    """A line's printed width in characters (each table column wraps at its own width). Where the
    cleaner joined the rest of a hyphenated last word from the next printed line (the line spans
    two), about half of that word was printed on this one."""
    if line.start == line.end:
        return len(line.text)
    last = (line.text.split() or [""])[-1]
    return len(line.text) - len(last) // 2


# -- table parsing ----------------------------------------------------------------------------
@dataclass
class Item:
    """One cell entry of the flattened table: a goal (G), activity (A) or responsible body (R)."""

    col: str
    row: int
    pieces: list[tuple[str, Line]] = field(default_factory=list)
    kind: str = ""  # "L", "K" or "KL" for prefixed goals
    dash: bool = False

    @property
    def text(self) -> str:
        return join_text([p for p, _ in self.pieces])

    @property
    def last(self) -> str:
        return self.pieces[-1][0].strip()

    @property
    def span(self) -> Span:
        return Span.covering(line.span for _, line in self.pieces)

    @property
    def dangling(self) -> bool:
        return bool(HYPHEN_END.search(self.last))

    @property
    def open(self) -> bool:
        words = self.last.split()
        return bool(words) and (self.last.endswith((",", "–", " -")) or words[-1].lower() in CONNECT)

    def runs(self, others: list[int]) -> list[tuple[str, Span]]:
        """The text in runs of adjacent lines: a cell the PDF interleaved with another column's
        lines gets one quote per run, so every quote stands within its own lines."""
        groups: list[list[tuple[str, Line]]] = [[self.pieces[0]]]
        for text, line in self.pieces[1:]:
            if any(groups[-1][-1][1].end < o < line.start for o in others):
                groups.append([])
            groups[-1].append((text, line))
        return [(join_text([t for t, _ in g]), Span.covering(l.span for _, l in g)) for g in groups]


class TableParser:
    """Reads one flattened goals / activities / responsible table (see the module docstring).

    ``phrases`` (the document's lines) and ``vocab`` (its word counts) let the parser ask the
    document itself whether two body lines ('Enhetschef för avdelning' + 'Skola och fritid') are
    one name it writes elsewhere on one line, or whether a lower-case fragment ('ställa') is a word
    of its own or the rest of a word hyphenated before another column's lines.
    """

    def __init__(self, goal_width: int, phrases: list[str], vocab: Counter) -> None:
        self.goal_width, self.phrases, self.vocab = goal_width, phrases, vocab
        self.items: list[Item] = []
        self.col = ""
        self.row = 0
        self.width = {"G": 0, "A": 0, "R": 0}

    def parse(self, lines: list[Line]) -> list[Item]:
        blank = True
        for idx, line in enumerate(lines):
            if not line.text or FOOTER.match(line.text):
                blank = blank or not line.text
                continue
            self.feed(line, blank, lines[idx + 1:idx + 3])
            blank = False
        self.fix_rows()
        return [i for i in self.items if len(re.sub(r"\W", "", i.text)) >= 3]

    def add(self, col: str, text: str, line: Line, *, kind: str = "", dash: bool = False) -> None:
        self.col = col
        self.items.append(Item(col, self.row, [(text, line)], kind=kind, dash=dash))
        self.width[col] = max(self.width[col], line_width(line))

    def append(self, item: Item, text: str, line: Line) -> None:
        self.col = item.col
        item.pieces.append((text, line))
        self.width[item.col] = max(self.width[item.col], line_width(line))

    def feed(self, line: Line, blank: bool, ahead: list[Line]) -> None:
        dash = line.bullet or bool(DASH.match(line.text))
        text = DASH.sub("", line.text)
        goal = None if dash else GOAL_PREFIX.match(text)
        cur = next((i for i in reversed(self.items) if i.col == self.col), None)
        if goal:
            if any(i.row == self.row and i.col in "AR" for i in self.items):
                self.row += 1
            self.add("G", goal.group("rest"), line, kind=horizon(goal))
            return
        target = self.continuation(cur, line, text, blank) if cur is not None and not dash else None
        if target is not None:
            self.append(target, text, line)
        else:
            self.add(self.classify(cur, text, line, dash, ahead), text, line, dash=dash)
            target = self.items[-1]
        self.split_role(target)

    def continuation(self, cur: Item, line: Line, text: str, blank: bool) -> Item | None:
        """The item this line continues, or None when it starts a new one."""
        for item in reversed(self.items):  # the cleaner moved a word fragment across this break
            if item.pieces[-1][1].end >= line.start:  # ... unless a body's name follows the fragment
                return None if item.col == "A" and ROLE_SPLIT.match(first_word(text)) else item
        if cur.dangling:
            return cur if starts_lower(text) or re.search(r"[A-ZÅÄÖ0-9]-$", cur.last) else None
        other = next((i for i in reversed(self.items) if i.dangling and i is not cur), None)
        if starts_lower(text) and other is not None and not cur.open and (
                cur.last.endswith(SENTENCE_END) or self.vocab[first_word(text).lower()] <= 1):
            return other  # the rest of a word hyphenated before another column's lines
        if starts_lower(text) or cur.open or text[0].isdigit():
            return cur
        if cur.col == "R":  # one body per line, unless the document writes the two as one name
            joined = f"{cur.last} {first_word(text)}".lower()
            return cur if any(joined in p for p in self.phrases) else None
        if blank or (role_cue(text) and not verb_cue(text)):
            return None
        if verb_cue(text) and (cur.col == "G" or cur.last.endswith(SENTENCE_END)):
            return None
        fits = line_width(cur.pieces[-1][1]) + 1 + len(first_word(text)) <= self.width[cur.col]
        return None if fits else cur  # a word that would have fitted means a hard line break

    def classify(self, cur: Item | None, text: str, line: Line, dash: bool, ahead: list[Line]) -> str:
        """Column of a new item, from cue words, width and the column it follows."""
        width = line_width(line)
        peek = join_text([text] + [l.text for l in ahead if starts_lower(l.text)])
        role, verb = role_cue(peek), verb_cue(text)
        if dash:
            return "A" if self.col in ("", "R") else self.col
        if cur is None:
            return "A" if width > self.goal_width + 2 else "G"
        if self.col == "G":
            gmax = self.width["G"] or self.goal_width
            if role and not verb and width < gmax - 3:
                return "R"
            return "A" if verb or width > gmax + 2 else "G"
        if self.col == "A" and cur.dangling:  # a line slipped in between two halves of a word
            return "R" if role else "G"
        if role and not verb:
            return "R"
        return "A" if self.col == "A" or verb or width > self.width["R"] + 4 else "R"

    def split_role(self, item: Item) -> None:
        """Move a responsible body glued to the end of an activity line into its own item."""
        text, line = item.pieces[-1]
        cut = role_split(text) if item.col == "A" else None
        if cut is not None:
            item.pieces[-1] = (text[:cut].rstrip(), line)
            self.col = "R"
            self.items.append(Item("R", item.row, [(text[cut:], line)]))

    def fix_rows(self) -> None:
        """A row with goals and bodies but no activity: its last unprefixed 'goal' is the activity."""
        for row in {i.row for i in self.items}:
            items = [i for i in self.items if i.row == row]
            goals = [i for i in items if i.col == "G"]
            if goals and not any(i.col == "A" for i in items) and not goals[-1].kind and (
                    len(goals) > 1 or any(i.col == "R" for i in items)):
                goals[-1].col = "A"
                self.split_role(goals[-1])

