"""One module per document template; each defines one :class:`~plangraf.loaders.base.Extractor`."""
