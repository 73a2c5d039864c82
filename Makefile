# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make demo   build the default bank on DuckDB (environment, generate, load, dbt build)
#   make test   run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export DBT_PROFILES_DIR ?= $(CURDIR)

.PHONY: demo test lint governance env clean churn-model serve docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# profiles.yml is a copy of the example (which reads everything from environment variables);
# an existing profiles.yml is never overwritten.
profiles.yml:
	cp profiles.example.yml profiles.yml

env: $(STAMP) profiles.yml

# c360 run: load, source freshness, dbt build, evaluate, LookML regeneration and validation, recorded in
# data/run_summary.md and the warehouse's audit tables.
demo: env
	$(BIN)/c360 generate
	$(BIN)/c360 run --target duckdb --landing data/landing --truth data/truth

# The dashboards, the customer 360 page and the REST API on http://127.0.0.1:8360/ (run `make demo` first).
serve: env
	$(BIN)/c360 serve --target duckdb

# dbt docs for analysts (the overview, every model and column, the lineage graph with the dashboards as
# exposures) on http://127.0.0.1:8080/ (run `make demo` first).
docs: env
	$(BIN)/dbt docs generate --target duckdb
	$(BIN)/dbt docs serve --target duckdb --host 127.0.0.1 --port 8080 --no-browser

# Retrain the churn model on the default bank (run `make demo` first) and rewrite its scoring macros and model
# card; `make demo` itself scores with the committed model, and the tests fail when it is stale.
churn-model: env
	$(BIN)/c360 churn train --target duckdb --truth data/truth
	$(BIN)/dbt build --target duckdb --select churn_predictions

lint: env
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	C360_DUCKDB_PATH=:memory: $(BIN)/sqlfluff lint models --processes 2

# pytest runs the BigQuery emulator build in a process of its own beside the rest of the suite (builds.py).
# With C360_DEMO_BUILD=1 (CI, after make demo) the default-bank measurements use the demo build in data/.
test: lint
	$(BIN)/pytest --durations=15

# Governance checks on a DuckDB build (run `make demo` first): dbt-bouncer with dbt_project_evaluator's
# rules, dbt-score and dbt-coverage, configured in pyproject.toml and below. The test suite runs the same
# target on its own build by setting BUILD_DIR (the folder holding that build's target/).
BUILD_DIR ?= $(CURDIR)
ARTIFACTS = $(BUILD_DIR)/target
governance: env
	$(BIN)/dbt docs generate --target duckdb --target-path $(ARTIFACTS) --quiet
	DBT_PROJECT_DIR=$(BUILD_DIR) $(BIN)/dbt-bouncer run --config-file pyproject.toml
	$(BIN)/dbt-score lint --manifest $(ARTIFACTS)/manifest.json
	@# Marts are what analysts and Looker read: every column documented.
	$(BIN)/dbt-coverage compute doc --run-artifacts-dir $(ARTIFACTS) --cov-report $(ARTIFACTS)/doc-coverage-marts.json \
		--model-path-filter models/marts --cov-fail-under 1.0
	@# Intermediate models are where analysts look when a mart surprises them: every column documented too.
	$(BIN)/dbt-coverage compute doc --run-artifacts-dir $(ARTIFACTS) --cov-report $(ARTIFACTS)/doc-coverage-intermediate.json \
		--model-path-filter models/intermediate --cov-fail-under 1.0
	@# Ratchets at today's level, so coverage never goes down: staging columns are described at the
	@# source, and many mart columns are descriptive attributes that need no test of their own.
	$(BIN)/dbt-coverage compute doc --run-artifacts-dir $(ARTIFACTS) --cov-report $(ARTIFACTS)/doc-coverage.json \
		--cov-fail-under 0.55
	@# dbt-coverage counts data tests only: the marts' not-null checks are enforced constraints, which
	@# tests/python/test_governance.py counts with the tests (at least 40% of mart columns checked).
	$(BIN)/dbt-coverage compute test --run-artifacts-dir $(ARTIFACTS) --cov-report $(ARTIFACTS)/test-coverage.json \
		--model-path-filter models/marts --cov-fail-under 0.22

clean:
	rm -rf data target logs bench/out
