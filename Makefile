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

.PHONY: run test venv dev-venv system-deps score bench load loadtest lint typecheck fuzz clean

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

## test: install (venv, Debian chromium and virtuoso), type-check plangraf/ and run the whole test suite
test: dev-venv system-deps typecheck
	$(PY) -m pytest -q

system-deps:
	bash scripts/install-system-deps.sh

## score: extraction figures: the samples against ../shared/gold/dev, then the development corpus
score: venv
	$(PY) scripts/score.py --quiet

## bench: the speed benchmarks (extraction, queries, HTTP)
bench: dev-venv
	$(PY) scripts/bench_extraction.py
	$(PY) scripts/bench_queries.py

## fuzz: 10,000 new damaged inputs (text, DOCX, PDF, corrections) through the loaders; crash inputs kept in build/fuzz
fuzz: dev-venv
	PLANGRAF_FUZZ_EXAMPLES=10000 PLANGRAF_FUZZ_RANDOM=1 PLANGRAF_FUZZ_OUT=build/fuzz $(PY) -m pytest -q tests/fuzz

## lint: ruff on the code and tests, mypy on plangraf/ (settings and modules still to fix: pyproject [tool.mypy])
lint: dev-venv typecheck
	$(VENV)/bin/ruff check plangraf tests scripts

typecheck: dev-venv
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) data build *.egg-info

## loadtest: 10 clients for 60 s on loopback against `plangraf serve` on the samples (requests, errors, p50/p95/p99)
loadtest: dev-venv
	$(PY) scripts/loadtest.py --clients 10 --seconds 60
