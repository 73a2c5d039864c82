# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make demo   build the default bank on DuckDB (environment, generate, load, dbt build)
#   make test   run every check and test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export DBT_PROFILES_DIR ?= $(CURDIR)

.PHONY: demo test lint env clean

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

demo: env
	$(BIN)/c360 generate
	$(BIN)/c360 load --target duckdb --landing data/landing
	$(BIN)/dbt build --target duckdb
	$(BIN)/c360 evaluate --truth data/truth

lint: env
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	C360_DUCKDB_PATH=:memory: $(BIN)/sqlfluff lint models

test: lint
	$(BIN)/pytest

clean:
	rm -rf data target logs bench/out
