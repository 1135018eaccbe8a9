"""What the public SPARQL endpoint lets a query do, decided from a parse, not from a text scanner.

Two steps, in this order:

1. :func:`check_size` — before any parser sees the text: the query's length and its bracket
   nesting depth (``(``, ``{``, ``[``). Parsers recurse once per nesting level; a query of about
   10 KB with 5,000 nested parentheses used to crash the server (SIGSEGV in the engine's parser).
   The depth is counted over SPARQL's lexical structure (comments, strings and IRIs are skipped;
   brackets inside an IRI-looking token count while the token lasts), on the text both before
   and after ``\\u`` escapes are expanded, and the larger count is taken.
2. :func:`check_query` / :func:`check_update` — the query is parsed with rdflib's SPARQL parser
   (the parse tree, so prefixed names, ``\\u`` escapes, nesting and comments are resolved the way
   a SPARQL parser resolves them) and refused (403) when it holds ``SERVICE`` (federated query: a
   request from the server to any address), ``LOAD``, or ``FROM``/``FROM NAMED``/``USING``
   naming a graph outside plangraf's own (``GRAPH_BASE…``). A query the parser cannot read is
   refused (400): the guard fails closed. Variables and prefixes named ``service`` are fine.

The endpoint runs queries in worker processes without network access (see
:mod:`plangraf.api.sandbox`), so a query that slipped past this guard still could not reach
another host; the guard is the first wall, not the only one.
"""
from __future__ import annotations

import os
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from plangraf.graph.results import QueryError
from plangraf.namespace import GRAPH_BASE

# rdflib's pyparsing grammar is not safe to use from two threads at once (it fails now and then).
_PARSE_LOCK = threading.Lock()


def _fresh_lock() -> None:  # a worker forked while a server thread parsed must not inherit it held
    global _PARSE_LOCK
    _PARSE_LOCK = threading.Lock()


os.register_at_fork(after_in_child=_fresh_lock)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# SPARQL's tokens that can hide a bracket: comments, the four string forms, IRIs; then brackets.
_LEX = re.compile(r"""
    (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
""", re.VERBOSE | re.DOTALL)


@dataclass(frozen=True)
class Limits:
    """Checked before any parser sees a query (see the module docstring)."""
    max_chars: int = 100_000
    max_depth: int = 128


@dataclass(frozen=True)
class QueryInfo:
    """What the parse told the guard: the query form and its top-level LIMIT (None: no LIMIT)."""
    form: str              # "select", "ask", "construct" or "describe"
    limit: int | None


def expand_escapes(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _ESCAPE.sub(one, text)


def nesting_depth(text: str) -> int:
    """The deepest bracket nesting of ``text`` read as SPARQL (see the module docstring)."""
    depth = deepest = 0
    for m in _LEX.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "iri":
            # Parsed as `<` (less than) instead, its brackets would be real: count them while it lasts.
            inner = local = 0
            for ch in m.group(0):
                if ch in "({[":
                    local += 1
                    inner = max(inner, local)
            deepest = max(deepest, depth + inner)
    return deepest


def check_size(text: str, limits: Limits, what: str = "query") -> None:
    """Raise QueryError (400) for a text too long or too deeply nested to hand to a parser."""
    if len(text) > limits.max_chars:
        raise QueryError(f"the {what} is {len(text):,} characters long; this endpoint takes at most "
                         f"{limits.max_chars:,}", 400)
    # Every level of nesting needs an opening bracket, written or as an escape: a text with fewer
    # of them than the limit cannot nest past it (one pass in C instead of the lexer: ~60 µs per
    # request for a query with the predeclared prefixes).
    if text.count("(") + text.count("{") + text.count("[") + text.count("\\") <= limits.max_depth:
        return
    depth = max(nesting_depth(text), nesting_depth(expand_escapes(text)) if "\\" in text else 0)
    if depth > limits.max_depth:
        raise QueryError(f"the {what} nests brackets {depth} deep; this endpoint takes at most "
                         f"{limits.max_depth} levels", 400)


def _parse(text: str, update: bool) -> Any:
    # Imported here: rdflib's parser costs ~0.3 s to import and only the workers need it.
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    # The parser recurses ~15 Python frames per bracket level; check_size bounds the depth.
    if sys.getrecursionlimit() < 20_000:
        sys.setrecursionlimit(20_000)
    try:
        with _PARSE_LOCK:
            return parseUpdate(text) if update else parseQuery(text)
    except RecursionError as exc:
        raise QueryError("the query nests too deeply to parse", 400) from exc
    except Exception as exc:  # pyparsing's ParseException and rdflib's own errors
        what = "update" if update else "query"
        raise QueryError(f"malformed {what} (the endpoint's guard could not parse it): {exc}", 400) from exc


def _walk(node: Any) -> Any:
    """Every CompValue in a parse tree, depth first, without recursion (trees can be deep)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, ParseResults)):
            stack.extend(n)


class _Prologue:
    def __init__(self, decls: Any, prefixes: dict[str, str] | None) -> None:
        self.base: str | None = None
        self.prefixes: dict[str, str] = dict(prefixes or {})
        for d in decls or []:
            if d.name == "Base":
                self.base = self.resolve(str(d.iri))
            elif d.name == "PrefixDecl":
                self.prefixes[str(d.prefix or "")] = self.resolve(str(d.iri))

    def resolve(self, iri: str) -> str:
        return urljoin(self.base, iri) if self.base else iri

    def iri(self, term: Any) -> str:
        """An IRI of the parse tree (an IRI or a prefixed name) as an absolute IRI."""
        if getattr(term, "name", None) == "pname":
            prefix = str(term.prefix or "")
            if prefix not in self.prefixes:
                raise QueryError(f"unknown prefix {prefix!r}:", 400)
            return self.prefixes[prefix] + str(term.localname or "")
        return self.resolve(str(term))


def _refuse_foreign_graph(keyword: str, iri: str) -> None:
    if not iri.startswith(GRAPH_BASE):
        raise QueryError(f"{keyword} <{iri}>: only plangraf's own graphs ({GRAPH_BASE}…) can be named "
                         "(this endpoint never fetches data from elsewhere)", 403)


def _check_tree(parts: list[Any], prologues: list[_Prologue], allow_service: bool) -> None:
    for part, pro in zip(parts, prologues, strict=True):
        for node in _walk(part):
            name = node.name
            if name == "ServiceGraphPattern" and not allow_service:
                raise QueryError("SERVICE (federated queries to other endpoints) is not allowed on this "
                                 "endpoint", 403)
            if name == "Load":
                raise QueryError("LOAD (fetching remote data) is not allowed on this endpoint", 403)
            if name in ("DatasetClause", "UsingClause"):
                keyword = "FROM" if name == "DatasetClause" else "USING"
                for key in ("default", "named"):
                    if dict.get(node, key) is not None:
                        named = " NAMED" if key == "named" else ""
                        _refuse_foreign_graph(keyword + named, pro.iri(node[key]))


@lru_cache(maxsize=512)
def _check_query(query: str, allow_service: bool, prefixes: tuple[tuple[str, str], ...]) -> QueryInfo:
    tree = _parse(query, update=False)
    prologue = _Prologue(tree[0], dict(prefixes))
    body = tree[1]
    _check_tree([body], [prologue], allow_service)
    form = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
            "DescribeQuery": "describe"}.get(body.name, body.name)
    limit = None
    lo = dict.get(body, "limitoffset")
    if lo is not None and dict.get(lo, "limit") is not None:
        limit = int(lo["limit"])
    return QueryInfo(form, limit)


def check_query(query: str, allow_service: bool = False, limits: Limits | None = None,
                prefixes: dict[str, str] | None = None) -> QueryInfo:
    """Raise QueryError (400 unreadable or too big, 403 refused) or say what the query is.
    ``prefixes``: prefixes the engine will predeclare for this query."""
    check_size(query, limits or Limits())
    return _check_query(query, allow_service, tuple(sorted((prefixes or {}).items())))


def check_update(update: str, limits: Limits | None = None) -> None:
    """Raise QueryError for an update that would fetch something (LOAD, SERVICE, USING elsewhere)."""
    check_size(update, limits or Limits(), "update")
    tree = _parse(update, update=True)
    # An update is operations with a prologue each; the prefixes of earlier ones carry over.
    parts, prologues = [], []
    decls: list[Any] = []
    for pro, req in zip(dict.get(tree, "prologue") or [], dict.get(tree, "request") or [], strict=False):
        decls = decls + list(pro or [])
        prologues.append(_Prologue(decls, None))
        parts.append(req)
    _check_tree(parts, prologues, allow_service=False)
