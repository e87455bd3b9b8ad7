# An Sinh: `make run` serves the demo province, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PEOPLE ?= 20000
SEED ?= 42
HOST ?= 127.0.0.1:8000
DEV := DEBUG=1

.PHONY: run test lint fuzz-api install messages system-deps browser-deps java-deps demo clean-db

$(VENV)/.installed: pyproject.toml
	@echo "==> Python environment: creating $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@echo "==> Python packages: upgrading pip"
	@$(VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip
	@echo "==> Python packages: installing An Sinh and its dependencies (a few minutes the first time)"
	@$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test]'
	@touch $@

# The suite also runs the linkage on Spark (local mode): pyspark and a Java runtime.
$(VENV)/.spark: $(VENV)/.installed
	@echo "==> Python packages: installing pyspark for the linkage-on-Spark test"
	@$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test,spark]'
	@touch $@

install: $(VENV)/.installed

# gettext (msgfmt) compiles the translations; chromium drives the browser tests. Debian's packages.
system-deps:
	@command -v msgfmt >/dev/null || (echo "==> System packages: installing gettext" && apt-get update -qq && apt-get install -y -qq gettext)

browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)

java-deps:
	@command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless)

messages: install system-deps
	@echo "==> Translations: compiling the Vietnamese and English messages"
	@cd ansinh && DEBUG=1 ../$(PY) ../manage.py compilemessages -v0

run: messages
	@echo "==> Database: applying migrations"
	@$(DEV) $(PY) manage.py migrate -v0
	@echo "==> Demo province: $(PEOPLE) people, seed $(SEED) (built on the first run only; make clean-db builds it again)"
	@$(DEV) $(PY) manage.py build_demo --people $(PEOPLE) --seed $(SEED) --if-empty
	@echo "==> Server: starting at http://$(HOST)/"
	@$(DEV) $(PY) manage.py serve_demo $(HOST) --noreload --skip-checks

test: lint messages browser-deps java-deps $(VENV)/.spark
	$(PY) -m pytest -q -n 2 --dist loadfile

# Style: ruff's lint rules and its formatter; the import graph: import-linter's contracts (apps depend downwards,
# no circles), all as configured in pyproject.toml; `make test` runs it first.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

# Schemathesis over /api/v1 with every check, boundary values and every client kind; fails on any 5xx and
# writes what the other checks found to var/fuzz-api.jsonl (docs/operations.md, Security).
fuzz-api: messages
	rm -f var/fuzz-api.jsonl
	FUZZ_FULL=1 FUZZ_REPORT=$(CURDIR)/var/fuzz-api.jsonl $(PY) -m pytest -q ansinh/core/tests/test_api_fuzzing.py

demo: messages
	@echo "==> Database: applying migrations"
	@$(DEV) $(PY) manage.py migrate -v0
	@$(DEV) $(PY) manage.py build_demo --people $(PEOPLE) --seed $(SEED) --if-empty

clean-db:
	rm -f var/ansinh.sqlite3 var/ansinh.sqlite3-wal var/ansinh.sqlite3-shm
