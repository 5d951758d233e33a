# Every developer command of the Impulsregion platform. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/impulsregion
PYTEST_ARGS ?= -n 2 -q -p no:cacheprovider
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install run serve data test test-sqlite test-postgres lint fmt typecheck bench messages schema clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/impulsregion: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/impulsregion  ## create .venv and install the project with its dev tools

data: install  ## migrate the database and load the region's data (idempotent)
	$(BIN)/impulsregion migrate --no-input -v 0
	$(BIN)/impulsregion load-demo
	$(BIN)/impulsregion create-demo-office

run: data  ## set up everything and serve the platform with the region's data on http://127.0.0.1:8000
	IMPULSREGION_DEBUG=$${IMPULSREGION_DEBUG:-1} $(BIN)/impulsregion serve 127.0.0.1:8000

serve: install  ## serve without reloading data
	$(BIN)/impulsregion serve 127.0.0.1:8000

test: install lint test-sqlite test-postgres  ## linters, then the whole suite on SQLite and on PostgreSQL

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install  ## the database tests again on PostgreSQL (domain tests need no database; fails on CI when unreachable)
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
		echo "== PostgreSQL: $(PG_URL)"; \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest $(PYTEST_ARGS) -m "not domain"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable, and CI must test on it." >&2; exit 1; \
	else \
		echo "== PostgreSQL at $(PG_URL) not reachable: skipped (set CI=true to make this an error)."; \
	fi

lint: install  ## ruff (format check and lint), mypy --strict on domain/, migrations complete
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/impulsregion makemigrations --check --dry-run -v 0

fmt: install  ## format and auto-fix
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

typecheck: install
	$(BIN)/mypy

bench: install  ## run every benchmark and print its figures
	$(BIN)/python benchmarks/run.py

messages: install  ## update and compile the German catalogues of every app
	$(BIN)/python scripts/messages.py

schema: install  ## write the OpenAPI schema to docs/api/openapi.json
	$(BIN)/impulsregion export-openapi docs/api/openapi.json

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
