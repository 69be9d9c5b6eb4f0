# l10n: the localisation pipeline for the Dr Pen safety guide.
# `make` installs, extracts, updates, checks, compiles and builds; `make test` tests.
# Targets depend on their input files, so a second `make` with nothing changed does no work.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
L10N    := $(BIN)/l10n
STAMPS  := build/.stamps
SETTING  = $(shell $(PYTHON) -c 'import tomllib; t = tomllib.load(open("pyproject.toml", "rb"))["tool"]["l10n"]; v = t.get("$(1)", "$(2)"); print(" ".join(v) if isinstance(v, list) else v)')
DOMAIN  := $(call SETTING,domain,messages)
SITE_DOMAIN := $(call SETTING,site_domain,site)
LOCALES := $(call SETTING,locales,)
OUTPUT  := $(call SETTING,output,build)
SOURCES := $(wildcard source/*.md)
POT     := locales/$(DOMAIN).pot
TEMPLATES := $(wildcard pipeline/document/site/templates/*)
POS     := $(foreach l,$(LOCALES),locales/$(l)/LC_MESSAGES/$(DOMAIN).po locales/$(l)/LC_MESSAGES/$(SITE_DOMAIN).po)
MOS     := $(POS:.po=.mo)
CODE    := $(wildcard pipeline/*.py pipeline/*/*.py pipeline/*/*/*)

.PHONY: all install extract update init compile check build pdf stats test system-test bench fuzz lint clean help
.DELETE_ON_ERROR:

all: extract update check compile build  ## everything a maintainer needs, in order

install: $(VENV)/.installed  ## create .venv and install the package with its dev tools

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

extract: $(STAMPS)/extract  ## source/*.md -> locales/<domain>.pot; the site's templates -> locales/<site_domain>.pot

$(STAMPS)/extract: $(SOURCES) $(TEMPLATES) pyproject.toml $(VENV)/.installed
	$(L10N) extract
	@mkdir -p $(@D) && touch $@

update: $(STAMPS)/update  ## merge the POT into every catalogue

$(STAMPS)/update: $(STAMPS)/extract $(POS)
	$(L10N) update
	@mkdir -p $(@D) && touch $@

init: $(VENV)/.installed  ## start a new catalogue: make init LOCALE=xx
	@test -n "$(LOCALE)" || { echo "usage: make init LOCALE=xx" >&2; exit 2; }
	$(L10N) init --locale '$(LOCALE)'

check: $(STAMPS)/check  ## lint the sources and every catalogue

$(STAMPS)/check: $(STAMPS)/update $(SOURCES) $(CODE) $(wildcard locales/glossary.csv)
	$(L10N) check
	@mkdir -p $(@D) && touch $@

compile: $(MOS)  ## catalogues -> .mo files

%.mo: %.po $(VENV)/.installed
	$(L10N) compile $<
	@touch $@  # compile leaves an unchanged .mo alone; make still needs it newer than the .po

build: $(foreach l,$(LOCALES),$(STAMPS)/build-$(l))  ## translated Markdown, the site, and PDFs when Chromium is installed

# One language's outputs: its Markdown, its pages and its PDF. The English pages,
# the status pages, the chart and the sitemap are brought up to date by every one,
# and all pages are rendered again when the set of published languages changes.
$(STAMPS)/build-%: locales/%/LC_MESSAGES/$(DOMAIN).po locales/%/LC_MESSAGES/$(SITE_DOMAIN).po $(SOURCES) $(TEMPLATES) $(wildcard pipeline/document/*.py pipeline/document/site/*) | $(STAMPS)/update
	$(L10N) build --locale $*
	@mkdir -p $(@D) && touch $@

pdf: $(STAMPS)/update  ## a PDF per language under build/<lang>/ (installs Chromium and fonts if missing)
	@scripts/system-packages pdf
	$(L10N) build --pdf

stats: $(VENV)/.installed  ## translation progress per locale
	$(L10N) stats

# System packages (apt-get as root, else sudo; otherwise one line naming them, and exit 1).
system-test:  ## install the system packages the tests need, if missing
	@scripts/system-packages test

node_modules/.package-lock.json: package-lock.json | system-test
	npm ci --no-audit --no-fund --loglevel=error

test: system-test $(VENV)/.installed node_modules/.package-lock.json  ## run the test suite
	$(BIN)/pytest -q

fuzz: $(VENV)/.installed  ## fuzz the Markdown segmenter and the PO reader for longer
	L10N_FUZZ_EXAMPLES=$${L10N_FUZZ_EXAMPLES:-50000} $(BIN)/pytest -q tests/test_fuzz.py

bench: $(VENV)/.bench-installed  ## benchmarks against msgmerge, pybabel, pofilter, dennis
	$(BIN)/python bench/run_all.py

$(VENV)/.bench-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

lint: $(VENV)/.installed  ## ruff check and format check
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/ruff format --check pipeline tests bench

clean:  ## remove build output, compiled catalogues and caches (never .po files)
	rm -rf build $(MOS) .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'
