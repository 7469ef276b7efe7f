# wagtail-osce: developer commands. Everything runs in a local virtual environment
# (.venv), created on first use with Python 3.11 (or the newest python3 found, if >= 3.11).

VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := cd example_project && ../$(PY) manage.py
PYTEST_ARGS ?=
DEMO_ADDR ?= 127.0.0.1:8000
FRONTEND_ADDR ?= 127.0.0.1:3000
# The webhook secret 'make demo' signs with when OSCE_FRONTEND_URL is set (example_project settings/dev.py).
OSCE_WEBHOOK_SECRET ?= dev-only-webhook-secret
FRONTEND_ENV := NEXT_TELEMETRY_DISABLED=1 OSCE_API_URL=http://$(DEMO_ADDR)/api/osce OSCE_SITE_URL=http://$(FRONTEND_ADDR) OSCE_WEBHOOK_SECRET=$(OSCE_WEBHOOK_SECRET)

# The first of python3.11, python3 that runs and is at least 3.11.
BOOTSTRAP_PYTHON := $(shell for p in python3.11 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; \
	done)

.PHONY: help demo test lint format migrations-check wheel clean browser fuzz-long load messages frontend frontend-check frontend-test

help:
	@echo "make demo              run the example site on http://$(DEMO_ADDR)/ (admin login printed first)"
	@echo "make test              run the test suite (PYTEST_ARGS='-k something' to narrow it)"
	@echo "make lint              ruff check, ruff format --check and lint-imports (the layers)"
	@echo "make format            ruff format and ruff check --fix"
	@echo "make migrations-check  fail if a model change lacks a migration"
	@echo "make wheel             build the wheel into dist/"
	@echo "make messages          refresh and compile the package's translation catalogues (wagtail_osce/locale)"
	@echo "make browser           the browser tests (needs chromium: apt-get install chromium)"
	@echo "make fuzz-long         a long randomised schemathesis run against the API"
	@echo "make load              bench/load.py: gunicorn, 32 clients, 30 s per scenario"
	@echo "make frontend          the Next.js frontend on http://$(FRONTEND_ADDR)/, built and served against 'make demo' (needs node >= 20)"
	@echo "make frontend-check    the frontend's generated API types up to date, tsc --noEmit and eslint"
	@echo "make frontend-test     frontend-check, then the frontend's browser tests (next build, live example site, Chromium)"

$(PY):
	@test -n "$(BOOTSTRAP_PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11 or python3)." >&2; exit 1; }
	$(BOOTSTRAP_PYTHON) -m venv $(VENV)

# Installs are recorded in stamp files, redone when the package metadata changes.
$(VENV)/.installed-test: $(PY) setup.cfg pyproject.toml
	$(PY) -m pip install --quiet --editable ".[test]"
	@touch $@

$(VENV)/.installed-dev: $(PY) setup.cfg pyproject.toml
	$(PY) -m pip install --quiet --editable ".[dev]"
	@touch $@ $(VENV)/.installed-test

demo: $(VENV)/.installed-dev
	$(MANAGE) migrate --noinput
	$(MANAGE) osce_demo
	$(MANAGE) runserver $(DEMO_ADDR)

# axe-core, which the browser tests inject into pages to check accessibility.
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund
	@touch $@

test: $(VENV)/.installed-test $(AXE)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: $(VENV)/.installed-test
	$(MANAGE) makemigrations --check --dry-run

wheel: $(VENV)/.installed-test
	$(PY) -m build --wheel --outdir dist .

clean:
	rm -rf build dist

browser: $(VENV)/.installed-test $(AXE)
	$(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

fuzz-long: $(VENV)/.installed-test
	OSCE_FUZZ_EXAMPLES=300 OSCE_FUZZ_RANDOM=1 $(VENV)/bin/pytest tests/fuzz -q $(PYTEST_ARGS)

load: $(VENV)/.installed-dev
	$(PY) bench/load.py $(LOAD_ARGS)

messages: $(VENV)/.installed-test
	cd wagtail_osce && ../$(PY) ../example_project/manage.py makemessages -l fr -l de -l it -l ru -l es --no-location --no-obsolete
	cd wagtail_osce && ../$(PY) ../example_project/manage.py compilemessages

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

frontend: frontend/node_modules/.package-lock.json
	cd frontend && $(FRONTEND_ENV) npx next build
	cd frontend && $(FRONTEND_ENV) npx next start -H $(firstword $(subst :, ,$(FRONTEND_ADDR))) -p $(lastword $(subst :, ,$(FRONTEND_ADDR)))

frontend-check: $(VENV)/.installed-test frontend/node_modules/.package-lock.json
	cd frontend && npm run check:types && npm run typecheck && npm run lint

frontend-test: frontend-check
	$(VENV)/bin/pytest -m frontend tests/frontend $(PYTEST_ARGS)
