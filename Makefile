# Set-up is part of every target: a fresh machine needs only Python 3.11, git, make and apt.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build check report essay test lint linkcheck bench chromium clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

## serve: set up, then preview the site at http://127.0.0.1:8000 (rebuilds on save)
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

## build: strict build into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: every problem in the sources (seeds, claims, glossary, citations, settings), without building
check: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m explainer.check

## essay: a new seed folder: make essay SLUG=author-year (meta.yml with every key, a claims.md template)
essay: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m explainer.scaffold "$(SLUG)"

## report: the editors' report (passages without claims, unused terms, …); also written to reports/
report: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m explainer.report

## chromium: Debian's Chromium for the browser tests (no browser download), and poppler's
## pdftotext/pdftoppm, which read the essay printed to PDF (tests/browser/test_browser_notes.py)
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	@command -v pdftotext >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils; }

## test: set up, then run every test (unit, build, links, workflows, browser, accessibility)
test: $(STAMP) chromium
	$(BIN)/python -m pytest

## lint: ruff
lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench

## linkcheck: strict build, then lychee offline over the built HTML, fragments included
linkcheck: build
	$(BIN)/lychee --offline --include-fragments --index-files index.html --root-dir "$(CURDIR)/site" --no-progress site

## bench: the generator against plain MkDocs on a synthetic corpus (see bench/README.md)
bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site test-artifacts .pytest_cache
