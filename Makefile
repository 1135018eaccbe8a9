# plangraf — the README's commands. `make run` and `make test` each set up what they need.
PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
PG      = $(VENV)/bin/plangraf
# empty: the CLI's default store ($PLANGRAF_STORE, else ~/.local/share/plangraf/store), so the
# README's commands read what `make run` loaded; `make run STORE=oxigraph:/elsewhere` to change it
STORE  ?=
STORE_OPT = $(if $(STORE),--store $(STORE))
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test venv dev-venv system-deps score bench load lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install -q -e '.[test]'
	touch $@

venv: $(VENV)/.installed
dev-venv: $(VENV)/.installed-test

## run: install, load the bundled sample documents, serve the view and SPARQL endpoint on localhost
run: venv
	$(PG) load --samples $(STORE_OPT)
	$(PG) serve $(STORE_OPT) --host $(HOST) --port $(PORT)

## test: install (venv, Debian chromium and virtuoso) and run the whole test suite
test: dev-venv system-deps
	$(PY) -m pytest -q

system-deps:
	bash scripts/install-system-deps.sh

## score: extract each sample document and score it against ../shared/gold/dev
score: venv
	$(PY) scripts/score.py

## bench: the speed benchmarks (extraction, queries, HTTP)
bench: dev-venv
	$(PY) scripts/bench_extraction.py
	$(PY) scripts/bench_queries.py

lint: dev-venv
	$(VENV)/bin/ruff check plangraf tests scripts

clean:
	rm -rf $(VENV) data build *.egg-info
