# roi: two commands from a fresh clone: `make report` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# the exact versions every install uses (pyproject.toml keeps the ranges); `make lock` re-resolves them
LOCK := requirements.lock

.PHONY: report test lint bench sample clean lock

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## lock: upgrade the pinned versions in requirements.lock to the newest that pyproject.toml's ranges allow
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --upgrade --allow-unsafe --extra test --strip-extras --no-emit-index-url \
		--no-emit-trusted-host --no-emit-find-links --output-file $(LOCK) pyproject.toml

## report: the periodic report of the bundled sample (October 2025, Spanish) in reports/2025-10/report.html
report: $(STAMP)
	$(BIN)/roi report --config data/samples/roi.toml --period 2025-10 --lang es

## test: install everything and run the whole suite, with ruff
test: $(STAMP)
	$(BIN)/ruff check roi tests bench scripts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check roi tests bench scripts

## bench: speed and memory on 1,000,000 generated messages (the whole pipeline vs DuckDB; reading; business time; speed family; text rules)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/pipeline.py --messages 1000000
	$(BIN)/python bench/read_speed.py --messages 1000000
	$(BIN)/python bench/business_time.py
	$(BIN)/python bench/speed_summary.py --messages 1000000
	$(BIN)/python bench/text_markers.py --messages 1000000
	$(BIN)/python bench/sentiment_speed.py --messages 1000000
	$(BIN)/python bench/judgments.py --messages 1000000

## sample: regenerate data/samples (deterministic; the files are committed)
sample: $(STAMP)
	$(BIN)/roi sample --out data/samples --seed 2026

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
