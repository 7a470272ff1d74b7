# Two commands matter: `make site` builds the demo district into site/, `make test` runs every test.
# Both create .venv with the pinned dependencies first; only Python 3.11 is needed on the machine.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
DATE   ?=

.PHONY: site test check golden schema lock clean bench screenshots

$(VENV)/.runtime: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.lock
	$(PIP) install -r requirements-dev.lock
	touch $@

site: $(VENV)/.runtime
	$(BIN)/nastavnik build --data data --out site $(if $(DATE),--date $(DATE))

check: $(VENV)/.runtime
	$(BIN)/nastavnik check --data data

# Browser tests drive Debian's chromium through Playwright; CI runs as root on a fresh machine.
CHROMIUM ?= /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else echo "Нужен браузер chromium: sudo apt-get install chromium" >&2; exit 1; fi

test: $(VENV)/.dev $(CHROMIUM)
	$(BIN)/python -m pytest

# The benchmark (not a test): synthetic districts of 10 and 100 schools, beside plain mkdocs build.
# BIG=1 adds 1,000 schools (about 53,000 pages: about 15 minutes on an idle 2-core machine).
bench: $(VENV)/.runtime
	$(BIN)/python -m bench.run 10 100 $(if $(BIG),1000)

# PNGs of the demo for the README (desktop, phone, low-vision mode) into docs/screenshots/.
screenshots: $(VENV)/.dev $(CHROMIUM)
	$(BIN)/nastavnik build --data data --out site --date 2026-11-23
	$(BIN)/python tests/browser/screenshots.py site docs/screenshots

# Rewrites tests/golden/ from the current templates; review the diff before committing.
golden: $(VENV)/.dev
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# Rewrites site_config/schema/ (the editors' JSON Schemas) from generator/model.py after a model change.
schema: $(VENV)/.runtime
	$(BIN)/nastavnik schema --out site_config/schema

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install -q -e .
	{ echo "# Exact versions of every runtime dependency (pip freeze of a clean install)."; \
	  echo "# Regenerate: make lock"; .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site $(VENV)
