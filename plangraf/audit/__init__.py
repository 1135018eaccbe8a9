"""The audit: where is the chain goal → activity → indicator → data source broken, and who owns it?

The rules are the SHACL shapes in ``plangraf/ontology/shapes.ttl`` (their ids, severities and
Swedish/English messages), plus rules that only a query checks (a målbild no goal leads to).
Every rule has a *twin* in the query catalogue that gives the same focus nodes (a test holds the
two to that), so the audit can run in two ways:

- the twin queries, on the store itself, on two threads: fast on any backend (Oxigraph answers each
  in about a second or less at a million triples); then one lookup per kind adds each finding's
  first mention (line, quote) and responsible bodies (plangraf.audit.enrich);
- pySHACL on an rdflib copy of the data: exact SHACL semantics and any shape added later, but
  copying a million triples out of the store and validating them takes minutes.

``shacl="auto"`` (the default) always runs the twins and adds pySHACL when the data to validate
has at most ``shacl_limit`` triples; findings of both are merged by (rule, node). A shape with no
twin still runs through pySHACL (whatever the size), and says so in :attr:`AuditReport.engine`.

Modules: ``model`` (rules, findings, the report object), ``engine`` (:func:`audit`), ``enrich``
(lookups), ``shacl`` (pySHACL and merging), ``report`` (JSON, Markdown, CSV, HTML writers).

Scores: per plan, the share of goals with an indicator, of indicators with a data source, of
activities that serve a goal and of activities with a responsible body; ``completeness`` is
their mean (over the ones the plan has anything to count for).
"""
from __future__ import annotations

from plangraf.audit.engine import audit
from plangraf.audit.model import TWINS, AuditError, AuditReport, Finding, Rule, rules

__all__ = ["TWINS", "AuditError", "AuditReport", "Finding", "Rule", "audit", "rules"]
