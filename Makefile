# Every developer command of the Impulsregion platform. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/impulsregion
PYTEST_ARGS ?= -n 2 -q -p no:cacheprovider
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install system run serve serve-production worker data test test-sqlite test-postgres cluster-test lint fmt typecheck bench messages schema clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/impulsregion: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/impulsregion  ## create .venv and install the project with its dev tools

system:  ## install the Debian packages the tests call (chromium, haproxy, postgresql-client, nginx, systemd-analyze) when missing
	@sh scripts/system-packages.sh

data: install  ## migrate the database and load the region's data (idempotent)
	$(BIN)/impulsregion migrate --no-input -v 0
	$(BIN)/impulsregion load-demo
	$(BIN)/impulsregion create-demo-office

run: data  ## set up everything and serve the platform with the region's data on http://127.0.0.1:8000, with one job worker
	IMPULSREGION_DEBUG=$${IMPULSREGION_DEBUG:-1} $(BIN)/impulsregion serve --with-worker 127.0.0.1:8000

serve: install  ## serve without reloading data (development server and one job worker)
	$(BIN)/impulsregion serve --with-worker 127.0.0.1:8000

serve-production: install  ## gunicorn as in production (settings from IMPULSREGION_*; see docs/operations.md)
	$(BIN)/impulsregion serve --production

worker: install  ## one job worker that also schedules the periodic jobs
	$(BIN)/impulsregion worker --schedule

test: install system lint test-sqlite test-postgres cluster-test  ## linters, the suite on SQLite and on PostgreSQL, then the cluster test

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install  ## the database tests again on PostgreSQL (not the domain tests, which need no database, nor the browser tests, which test pages: the views under them run here through the integration tests; fails on CI when unreachable)
	@if $(BIN)/python scripts/pg_reachable.py "$(PG_URL)"; then \
		echo "== PostgreSQL: $(PG_URL)"; \
		DATABASE_URL="$(PG_URL)" $(BIN)/pytest $(PYTEST_ARGS) -m "not domain and not browser"; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable, and CI must test on it." >&2; exit 1; \
	else \
		echo "== PostgreSQL at $(PG_URL) not reachable: skipped (set CI=true to make this an error)."; \
	fi

cluster-test: install system  ## two app nodes and two job workers behind HAProxy on PostgreSQL and Redis (scripts/cluster_test.py)
	$(BIN)/python scripts/cluster_test.py --pg "$(PG_URL)"

lint: install  ## ruff (format check and lint), mypy --strict on domain/, migrations complete
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/impulsregion makemigrations --check --dry-run -v 0

fmt: install  ## format and auto-fix
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

typecheck: install
	$(BIN)/mypy

bench: install  ## run every benchmark and print its figures (HTTP ones with wrk and nginx)
	@sh scripts/system-packages.sh bench
	$(BIN)/python benchmarks/run.py

messages: install  ## update and compile the German catalogues of every app
	$(BIN)/python scripts/messages.py

schema: install  ## write the OpenAPI schema to docs/api/openapi.json
	$(BIN)/impulsregion export-openapi docs/api/openapi.json

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
