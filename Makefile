# Two commands matter: `make site` builds the demo district into site/, `make test` runs every test.
# Both create .venv with the pinned dependencies first; only Python 3.11 is needed on the machine.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q
DATE   ?=

.PHONY: site test check golden lock clean

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

test: $(VENV)/.dev
	$(BIN)/python -m pytest

# Rewrites tests/golden/ from the current templates; review the diff before committing.
golden: $(VENV)/.dev
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install -q -e .
	{ echo "# Exact versions of every runtime dependency (pip freeze of a clean install)."; \
	  echo "# Regenerate: make lock"; .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv

clean:
	rm -rf site $(VENV)
