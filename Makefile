# Two entry points: `make run` and `make test`. Everything else is a step they take.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The PostgreSQL the tests use; its database is only the maintenance one, a test_ copy is made.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# Unset on a laptop (missing parts are skipped, with a message); .ci/run sets both to 1.
REQUIRE_POSTGRES ?=
REQUIRE_BROWSER ?=
export REQUIRE_BROWSER REQUIRE_POSTGRES

.PHONY: run test install messages superuser lint test-sqlite test-postgres benchmark-import js test-ops benchmark check-translations

$(BIN)/.installed: requirements.lock
	$(PY) -c 'import sys; sys.exit("Python 3.11 or newer is needed" if sys.version_info < (3, 11) else 0)'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

# The interface's translations (locale/*/django.po, in the repo) compiled by Babel, which is
# pure Python, so no GNU gettext is needed to run the site.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))
locale/%.mo: locale/%.po $(BIN)/.installed
	$(BIN)/pybabel -q compile -i $< -o $@

messages: $(MO_FILES)

# Every string the pages show has its Japanese and Korean translation, and the catalogues hold
# exactly the strings the code marks now (dialogue/management/commands/check_translations.py).
# Needs GNU gettext's xgettext: without it the check is skipped, unless REQUIRE_GETTEXT=1 (CI).
check-translations: install
	REQUIRE_GETTEXT=$(REQUIRE_GETTEXT) DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py check_translations

run: install messages
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_seed
	@echo "Admin login: run 'make superuser' in another terminal, then open http://127.0.0.1:8000/admin/"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

superuser: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py createsuperuser

# TimelineJS, for the browser test of the TimelineJS export, and the Nu Html Checker (vnu.jar,
# run on Java) for tests/test_valid_html.py. Without npm those tests are skipped; with
# REQUIRE_BROWSER (set by .ci/run) npm is required.
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	elif [ -n "$(REQUIRE_BROWSER)" ]; then echo "npm is needed for the TimelineJS browser test (REQUIRE_BROWSER is set)"; exit 1; \
	else echo "npm not found: the TimelineJS browser test will be skipped (install Node.js and npm to run it)."; fi

js: node_modules/.package-lock.json

lint: install messages check-translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

# The browser tests (marked `browser`) run once: in the PostgreSQL run, or on SQLite where there is
# no PostgreSQL. (A command-line -m replaces addopts' `not ops`, so both say it again.)
test-sqlite: install messages
	$(BIN)/python -m pytest -m "not browser and not ops"

test-postgres: install messages js
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(TEST_DATABASE_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== the same suite on PostgreSQL ($(TEST_DATABASE_URL)), with the browser tests"; \
	  DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python -m pytest; \
	elif [ -n "$(REQUIRE_POSTGRES)" ]; then \
	  echo "PostgreSQL is required but not reachable at $(TEST_DATABASE_URL)"; exit 1; \
	else \
	  echo "PostgreSQL not reachable at $(TEST_DATABASE_URL): its run is skipped (set TEST_DATABASE_URL);"; \
	  echo "== the browser tests on SQLite instead"; \
	  $(BIN)/python -m pytest -m "browser and not ops"; \
	fi

# On demand, not in CI: server, wrk, browser and peer figures at several sizes (bench/run.py --help).
benchmark: install messages js
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# A real gunicorn against PostgreSQL: the server stopped mid-run, and a minute of load.
test-ops: install messages
	$(BIN)/python -m pytest tests/ops -m ops -s -p no:cacheprovider

# The two runs side by side (one mostly waits on PostgreSQL and Chromium), each one's output
# printed whole when it ends.
test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

# Scores the article import against the curated seed events, in a new empty SQLite database.
benchmark-import: install
	rm -f .benchmark.sqlite3
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/.benchmark.sqlite3 $(BIN)/python manage.py migrate --noinput -v0
	DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/.benchmark.sqlite3 $(BIN)/python manage.py benchmark_import $(BENCHMARK_IMPORT_ARGS)
	rm -f .benchmark.sqlite3
