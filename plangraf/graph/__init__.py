"""Stores (one interface, several backends) and the graph model helpers."""
