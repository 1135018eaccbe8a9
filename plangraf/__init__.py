"""plangraf: a knowledge graph of Swedish public-sector plans, goals, activities and indicators.

Documents are read by the loaders (:mod:`plangraf.loaders`) into one named graph per document,
kept in a store (:mod:`plangraf.graph`), and queried with the named SPARQL queries in
:mod:`plangraf.queries`, the audit, the CLI and the web API.
"""
__version__ = "0.1.0"
