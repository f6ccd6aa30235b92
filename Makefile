# The interface for people and CI: make test, make report, make lint.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test report lint format clean extract-seed

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Until the report notebooks exist, the report of the seed is its tables.
report: $(STAMP)
	$(PY) -m analysis extract seeds/ --out reports/seed --format csv

clean:
	rm -rf reports .pytest_cache .ruff_cache
