"""Read documents (text, PDF, DOCX), clean their text, and extract one graph per document.

Entry points: :func:`plangraf.loaders.pipeline.extract_file` (file -> rdflib Graph) and the
extractor registry :data:`plangraf.loaders.registry.EXTRACTORS`.
"""
