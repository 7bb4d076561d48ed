# Polku: `make run` serves the demo site, `make test` runs every test.
# Needs only Python 3.11+ on a fresh machine; npm and Debian's Chromium are used
# for the browser tests when present (CI installs them).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install messages migrate static demo lint check clean

# The demo is served with DEBUG off, so that a missing page or an error shows
# Polku's own 404 and 500 pages (DJANGO_DEBUG=1 make run for Django's debug pages).
# A task worker runs beside the server: it sends the e-mails (printed here, by the
# console backend of config/settings/local.py) and does the other background work.
run: setup demo
	@echo ""
	@echo "Polku is running at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo "Log in at http://$(HOST):$(PORT)/kirjaudu/ with a demo user above."
	@echo "E-mails are printed here by the task worker that runs beside the server."
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  export DJANGO_DEBUG=$${DJANGO_DEBUG:-0} POLKU_BASE_URL=$${POLKU_BASE_URL:-http://$(HOST):$(PORT)}; \
	  $(BIN)/python manage.py db_worker -v0 --no-reload --interval 2 & worker=$$!; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: install messages migrate static

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Polku needs Python 3.11 or newer")'
	@echo "Installing the pinned dependencies into $(VENV) …"
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -e '.[dev]'
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent; \
	  else echo "npm not found: browser accessibility tests will be skipped"; fi
	touch $(STAMP)

install: $(STAMP)

# English needs no translations (the message ids are English), so no statistics.
messages: install
	@$(BIN)/pybabel compile -d locale -D django 2>&1 | grep -v "^compiling" || true
	@test -f locale/fi/LC_MESSAGES/django.mo

migrate: install
	@echo "Migrating the database …"
	@$(BIN)/python manage.py migrate --noinput -v0
	@$(BIN)/python manage.py polku_setup

static: install
	@$(BIN)/python manage.py collectstatic --noinput -v0

# load_demo prints the demo staff's authenticator key and, last, the demo users.
demo: install
	@$(BIN)/python manage.py load_demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
