"""Role descriptions, role lists, course blocks and challenge tables: who does what.

* "Uppdragsbeskrivning <roll>" with an "Uppdrag" section, and role lists (a body heading followed
  by bulleted tasks): the role/body is a pg:ResponsibleBody, each task a pg:Activity it is
  responsible for (a list introduced by "... ska:" holds goals instead);
* course/satsning blocks with label lines ("Syftet med X:", "Målgrupp:", "Utbildare:") and the
  challenge table under them ("Team | Utmaning | ..."): activity, goals, target groups, bodies.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder
from plangraf.loaders.records_text import (
    FUNC_END,
    VOCAB,
    bullet_items,
    clean_label,
    continues,
    is_bullet,
    joined,
    line_items,
    link,
    next_nonblank,
    put,
    span_of,
    titlelike,
)
from plangraf.loaders.text import Line
from plangraf.loaders.vocab import alternatives
from plangraf.namespace import PG

# a cue ends its word (a compound's head: "Beredningsgrupperna", not "Styrgruppsmöten"), an ending may follow
BODY_CUE = re.compile(rf"(?:{alternatives(VOCAB['body_cues'])})(?:{alternatives(VOCAB['noun_endings'])})?(?![\wåäö])",
                      re.IGNORECASE)
NOT_BODY = re.compile(alternatives(VOCAB["not_body"]), re.IGNORECASE)
LABELS = VOCAB["label_lines"]
# one named group per kind of label: the match's lastgroup says what the value is
COURSE_LABEL = re.compile("^(?P<k>" + "|".join(f"(?P<{kind}>{alternatives(words)})" for kind, words in LABELS.items())
                          + r")\s*:\s*(?P<v>.*)$", re.IGNORECASE)
ROLE = VOCAB["role_description"]
ROLE_HEADING = re.compile(rf"(?i)^{ROLE['heading']}\b")
ROLE_PREFIX = re.compile(rf"(?i)^{ROLE['heading']}\w*\s*(?:[–-]\s*)?(?:(?:{alternatives(ROLE['qualifiers'])})\s+)*"
                         r"(?:för\s+)?")
ROLE_INTRO = re.compile(rf"^Följande (?:{alternatives(VOCAB['role_intro_nouns'])})\b.*?\bför (?P<b>.+?)\s*:$")
QWORDS = rf"(?:{alternatives(VOCAB['question_words'])})\b"
QWORD = re.compile(rf"^{QWORDS}")
# a table row run together: a name of at most four words, then the question in the next cell
ROW_START = re.compile(rf"^(?P<team>[A-ZÅÄÖ][\w&-]*(?: [\w&-]+){{0,3}}?) (?P<q>{QWORDS})")
TABLE = VOCAB["challenge_table"]
TABLE_HEAD = re.compile(rf"(?i)^(?:{alternatives(TABLE['first_column'])})\b")
TABLE_GOAL_COLUMN = re.compile(rf"(?i)\b(?:{alternatives(TABLE['goal_column'])})")
# Where a body heading's own words end: "Nämnden | för samverkan ...", "Studiebesök | på Region X".
HEAD_END = re.compile(r"\s(?:för|i|på|inom|vid|med|av|till|om|kring|mot|samt|och|under|hos)\s|[,(:–]")
AUXILIARY = frozenset(VOCAB["auxiliaries"])


def role_description(L: list[Line], title: tuple[int, int], secs: list[tuple[str, int]],
                     b: GraphBuilder) -> list[str]:
    """'Uppdragsbeskrivning [Reviderad] Lokal samordnare för …': the role (its first word plus the
    lowercase words after it, up to a preposition) is a body responsible for each item of the
    Uppdrag section."""
    s, e = title
    seg = joined(L[s:e + 1])
    rest = ROLE_PREFIX.sub("", seg.replace("\n", " "))
    # the role: its first word and the lowercase words after it, up to a preposition or a name
    m = re.match(r"\w[\w-]*(?: (?!(?:av|för|i|inom|på|vid|med|och)\b)[a-zåäö][\w-]*){0,3}", rest)
    role = m.group(0) if m else ""
    if not role:
        return []
    body = b.node(PG.ResponsibleBody, role, span_of(L[s:e + 1]), quote=role, confidence=0.8)
    for n, (name, i) in enumerate(secs):
        if name != "uppdrag":
            continue
        # a glyph-less task line may pass for the next title (where the sheet ends), so the list is
        # bounded by the next section name or sentence instead
        stop = secs[n + 1][1] if n + 1 < len(secs) else len(L)
        for _, lines in line_items(L, i + 1, stop, gaps=True):
            link(b, body, PG.responsibleFor, put(b, PG.Activity, joined(lines), lines, 0.8), lines, 0.8)
    return [role]


@lru_cache(maxsize=8192)
def _present_tense(text: str) -> bool:
    """'Beslutar', 'Gör', 'Ansvarar' (a task list) rather than plural nouns ('Insatser', 'Flickor')
    or yes/no questions ('Har personalen ...?', a follow-up checklist)."""
    w = text.split()[0].lower() if text.split() else ""
    if w in AUXILIARY or text.rstrip().endswith("?"):
        return False
    return len(w) >= 3 and bool(re.search(r"(?:ar|ör|er)$", w)) and not re.search(r"(?:ter|ser|ner|ier|or)$", w)


@lru_cache(maxsize=8192)
def _body_heading(head: str) -> bool | None:
    """Whether a heading names a body: True when its own words (before a preposition or aside)
    carry a body cue ('Beredningsgrupperna', 'Nämnden för ...'), None when undecided (the tasks
    below decide), False for what is no name: a question, an 'Att ...' phrase, a sentence with a
    finite verb, a label with its value ('Planen, målområde: X'), a cut-off parenthesis, or a heading
    whose head noun is a goal/activity word."""
    flat = head.replace("\n", " ").strip()
    words = flat.split()
    if not words or flat.endswith("?") or QWORD.match(flat) or words[0].lower() == "att" or ":" in flat \
            or flat.count("(") != flat.count(")") or any(w.lower() in AUXILIARY for w in words[1:]):
        return False
    core = HEAD_END.split(flat, maxsplit=1)[0].split()
    if NOT_BODY.match(flat) or not core or NOT_BODY.match(core[-1]):
        return False
    return True if BODY_CUE.search(" ".join(core)) else None


def _task_lines(L: list[Line], s: int, e: int) -> list[tuple[str, list[Line]]]:
    """Tasks under a body heading in text that lost its bullet glyphs: at least two lines that
    each open with a present-tense verb ('Beslutar om ...', 'Gör ...'), under a heading that names
    a body by its own words ('Beredningsgrupperna') and is no task itself."""
    head = joined(L[s:e + 1])
    if _present_tense(head) or _body_heading(head) is not True:
        return []
    items = line_items(L, e + 1, len(L), gaps=True)
    n = next((a for a, (_, ls) in enumerate(items) if not _present_tense(clean_label(joined(ls)))), len(items))
    return items[:n] if n >= 2 else []


def role_lists(L: list[Line], titles: list[tuple[int, int]], sheet_titles: set, b: GraphBuilder) -> list[str]:
    """A body heading (or "Följande punkter ... för X:") directly followed by bulleted tasks."""
    names: list[str] = []
    heads: list[tuple[int, int, re.Match[str] | None]] = [
        (s, e, None) for s, e in titles if (s, e) not in sheet_titles]
    heads += [(i, i, m) for i, ln in enumerate(L) if (m := ROLE_INTRO.match(ln.text))]
    # a body's name straight above its task lines is a heading even where no blank line sets it off
    starts = {s for s, _e, _m in heads}
    heads += [(i, i, None) for i, ln in enumerate(L[:-1]) if i not in starts and titlelike(ln)
              and ln.text[0].isupper() and _present_tense(L[i + 1].text) and _body_heading(ln.text) is True]
    for s, e, intro in sorted(heads, key=lambda h: h[0]):
        k = next_nonblank(L, e + 1)
        goals = False
        plain = _task_lines(L, s, e) if k is not None and not is_bullet(L[k]) and intro is None else []
        if plain:
            items = plain
        elif k is not None and not is_bullet(L[k]) and intro is None:
            # a short prose intro ending "...ska:" before the bullets holds goals
            j: int | None = k
            n = 0
            while j is not None and n < 4 and not is_bullet(L[j]) and not L[j].text.endswith(":") \
                    and not titlelike(L[j]):
                j, n = next_nonblank(L, j + 1), n + 1
            if j is None or not L[j].text.endswith("ska:") or n >= 4:
                continue
            goals = True
            k = next_nonblank(L, j + 1)
        if not plain:
            if k is None or not is_bullet(L[k]):
                continue
            items, _ = bullet_items(L, k, len(L))
        head = joined(L[s:e + 1])
        if intro is None and not plain:
            named = _body_heading(head)
            tasks = sum(_present_tense(clean_label(joined(ls))) for _, ls in items)
            if named is False or not (named or goals or 2 * tasks >= len(items)):
                continue
        body: URIRef | None
        if intro is not None:
            label, hl = intro.group("b"), L[s:s + 1]
            body = b.node(PG.ResponsibleBody, label, span_of(hl), quote=label, confidence=0.6)
        else:
            label = clean_label(head)
            body = put(b, PG.ResponsibleBody, head, L[s:e + 1], 0.75)
        names.append(label)
        for _, lines in items:
            node = put(b, PG.Goal if goals else PG.Activity, joined(lines), lines, 0.75)
            link(b, body, PG.responsibleFor, node, lines, 0.75)
    return names


def course_blocks(L: list[Line], b: GraphBuilder, anchors: list[tuple[int, URIRef | None]]) -> None:
    """Label-line blocks ("Syftet med utbildningen:", "Målgrupp:", "Utbildare:") under a heading."""
    hits = [(i, m) for i, ln in enumerate(L) if (m := COURSE_LABEL.match(ln.text))]
    used: set[int] = set()
    for n, (i, m) in enumerate(hits):
        if i in used:
            continue
        block = [(i, m)] + [(j, mm) for j, mm in hits[n + 1:] if j - i <= 25]
        if len(block) < 2:
            continue
        used.update(j for j, _ in block)
        t, seen = None, 0
        for j in range(i - 1, max(-1, i - 12), -1):
            ln = L[j]
            if not ln.text or re.match(r"^[A-ZÅÄÖ]\.\s", ln.text):
                continue
            seen += 1
            if ": " in ln.text or ln.text.endswith((".", "!", "?")):
                break    # a label line ("Område: X") or prose above the block: no title of its own
            if titlelike(ln) and ln.text[0].isupper() and not FUNC_END.search(ln.text):  # not 'Deltagande i'
                t = j
                break
            if seen > 3:
                break
        if t is None:
            continue
        # the record's title: the area an earlier reader (a template) made of it, else an activity
        act = b.find(PG.FocusArea, clean_label(L[t].text)) or put(b, PG.Activity, L[t].text, [L[t]], 0.8)
        anchors.append((t, act))
        for j, mm in block:
            kind, val = next(k for k in LABELS if mm.group(k)), mm.group("v").strip()
            if val:
                vals = [_wrapped(L, j, val)]
            else:
                items = line_items(L, j + 1, len(L), stop=lambda t: bool(COURSE_LABEL.match(t)))
                vals = [(joined(ls), ls) for _, ls in items]
            for seg, lines in vals:
                if kind == "goal":
                    link(b, act, PG.servesGoal, put(b, PG.Goal, seg, lines, 0.7), lines, 0.7)
                elif kind == "target_group":
                    link(b, act, PG.targetGroup, put(b, PG.TargetGroup, seg, lines, 0.75), lines, 0.75)
                elif kind == "body":
                    name = re.split(r"\bfrån\s+", seg)[-1].strip()
                    body = b.node(PG.ResponsibleBody, name, span_of(lines), quote=name, confidence=0.7)
                    link(b, body, PG.responsibleFor, act, lines, 0.7)


def _wrapped(L: list[Line], j: int, value: str) -> tuple[str, list[Line]]:
    """A label line's value with the lines that wrap it (a blank line may come between, as PDF text
    has it): each opens in lower case or follows a line ending on a connecting word or comma."""
    seg, lines, last = value, [L[j]], j
    k = next_nonblank(L, j + 1)
    while k is not None and k - last <= 2 and len(lines) < 4 and not COURSE_LABEL.match(L[k].text) \
            and continues("bullet", L[last].text, L[k].text, False):
        seg, lines, last = seg + "\n" + L[k].text, lines + [L[k]], k
        k = next_nonblank(L, k + 1)
    return seg, lines


def challenge_tables(L: list[Line], b: GraphBuilder, anchors: list[tuple[int, URIRef | None]]) -> None:
    """Tables whose header names a team/actor column and a challenge/goal column; one goal (the
    question in the second column) per row, the team in the first column responsible for it.
    The cells arrive run together ('Invånarkraft Hur kan vi'): a row starts where a short name
    (at most four words) precedes a question word, or with a question under a short name block."""
    for h, ln in enumerate(L):
        head = TABLE_HEAD.match(ln.text)
        if head is None or not TABLE_GOAL_COLUMN.search(ln.text[head.end():]):
            continue
        owner = next((a for i, a in reversed(anchors) if i < h), None)
        i = h + 1
        while i < min(len(L), h + 150):
            t = L[i].text
            if t.endswith(":") and len(t) < 60 or re.match(r"^[A-ZÅÄÖ]\.\s", t):
                break
            team: tuple[str, list[Line]] | None = None
            q_start = None
            if (m := ROW_START.match(t)) and not QWORD.match(t):
                team, q_start = (m.group("team"), [L[i]]), m.start("q")
            elif QWORD.match(t) and i >= 2 and not L[i - 1].text:
                k = i - 2
                block: list[Line] = []
                while k >= 0 and L[k].text and len(block) < 4:
                    block.insert(0, L[k])
                    k -= 1
                if block and len(block) <= 3 and all(len(x.text.split()) <= 3 and "." not in x.text for x in block):
                    team, q_start = (joined(block), block), 0
            if team is None:
                i += 1
                continue
            qlines, j = [L[i]], i
            while "?" not in joined(qlines) and j + 1 < len(L) and len(qlines) < 8:
                j += 1
                if L[j].text:
                    qlines.append(L[j])
            text = joined(qlines)
            if "?" in text:
                seg = text[q_start:text.index("?") + 1]
                goal = put(b, PG.Goal, seg, qlines, 0.75)
                body = put(b, PG.ResponsibleBody, team[0], team[1], 0.7)
                link(b, body, PG.responsibleFor, goal, team[1] + qlines, 0.7)
                link(b, goal, PG.partOf, owner, qlines, 0.6)
            i = j + 1
