"""Template: verksamhetsplan with area header blocks and four-column goal tables.

Layout this template reads (Swedish municipal/regional "verksamhetsplan med budget"):

* a bulleted list of the organisation's strategic goals under a line "… strategiska mål";
* section headings (programmes, FoU areas) and per-area header blocks of ``Label: value`` fields
  (``Område:``, ``Målgrupp:``, ``Syfte:``, ``Hur mäts resultatet:``, ``Budget och finansiering:``,
  ``Uppföljningsansvarig:`` …);
* after each block a table "Strategiskt mål | Mål på områdesnivå | Mätetal | Aktivitet".

PDF-to-text extraction flattens each table row cell by cell: the strategic goal's lines, then the
area goal's, then the indicators', then the activities'. Row starts are found by re-finding the
strategic goals (known from the list). Within a row the cell boundaries are not marked, so the
rest of the row is cut into items (sentences, or bare noun lines) and :func:`assign_columns`
chooses the two cut points that best fit two observations: every column wraps its text at one
width (estimated with proportional glyph widths), and indicator cue words ("75 % av", "Antal",
"Nyckeltal:") belong in the Mätetal column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from rdflib import URIRef

from plangraf.graph.model import GraphBuilder, Span
from plangraf.loaders.base import Extractor, SourceDocument
from plangraf.loaders.templates import goal_table_parts as parts
from plangraf.namespace import PG
