# Two commands do everything: `make run` (the demo on SQLite) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM_PATH ?= /usr/bin/chromium
export CHROMIUM_PATH

.PHONY: run test deps lint browser gettext messages collectstatic clean bench stack

run: deps
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Serving the portal at http://127.0.0.1:8000/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The suite runs in one process per core (pytest-xdist), each on its own test database.
# Two per core overloaded a 2-core machine: each browser test runs Chromium beside it.
TEST_WORKERS ?= auto
test: deps browser lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

deps: $(VENV)/.installed node_modules/.installed messages

# The translations (locale/*/LC_MESSAGES/django.po) are compiled here, never committed.
messages: $(VENV)/.installed gettext
	$(BIN)/python manage.py compilemessages --ignore=$(VENV) --ignore=node_modules

# $(call debian_package,TEST,PACKAGE,MESSAGE): unless the shell TEST holds, install Debian's
# PACKAGE where we may (apt-get, as root), or stop with MESSAGE.
define debian_package
	@if ! $(1); then \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y -qq $(2); \
		else \
			echo "$(3)" >&2; \
			exit 1; \
		fi; \
	fi
endef

# gettext's msgfmt compiles the translations; install Debian's where it is missing and we may.
gettext:
	$(call debian_package,command -v msgfmt >/dev/null,gettext,gettext's msgfmt is missing: install Debian's 'gettext' package.)

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed" or 0)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's Chromium; install it where it is missing and we may.
browser:
	$(call debian_package,[ -x "$(CHROMIUM_PATH)" ],chromium,Chromium is missing at $(CHROMIUM_PATH): install Debian's 'chromium' package or set CHROMIUM_PATH.)

# Production's process model on this machine: nginx, two app servers, worker, scheduler.
stack: deps
	bench/stack.sh

collectstatic: deps
	$(BIN)/python manage.py collectstatic --noinput

clean:
	rm -rf locale/*/LC_MESSAGES/*.mo $(VENV) node_modules staticfiles *.egg-info .pytest_cache .ruff_cache

# The benchmark (see the README): scale data in portal_bench, page times, then load.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
bench: deps
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py build_scale_data
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py measure_pages
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/load.py
