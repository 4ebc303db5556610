# Citizen Diplomat CMS. `make run` serves the site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run serve test test-postgres lint format schema bench messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=…)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	@touch $(STAMP)

install: $(STAMP)

## Create .venv, migrate the SQLite database, load the programme, create `admin`, serve.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compile_translations -v0
	$(PY) manage.py load_programme --demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

serve: install
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole suite (SQLite unless DATABASE_URL says otherwise).
test: install
	$(PY) manage.py compile_translations -v0
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/citizen_diplomat $(MAKE) test

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .

## Regenerate the committed GraphQL SDL.
schema: install
	$(PY) manage.py export_schema graphql_api.schema:schema --path graphql_api/schema.graphql

## Update the translation catalogues (fa is kept complete).
messages: install
	$(PY) manage.py makemessages -l fa --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles --ignore=.test-media
	$(PY) manage.py compile_translations -v2

bench: install
	$(PY) benchmarks/content_api.py
	$(PY) benchmarks/query_cost.py
	$(PY) benchmarks/growth.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media
