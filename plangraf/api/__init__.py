"""The web app: SPARQL 1.1 endpoint, REST routes for queries, entities, audit and ontology,
and the network view. Build it with :func:`plangraf.api.app.create_app`."""
