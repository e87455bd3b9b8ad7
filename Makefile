# An Sinh: `make run` serves the demo province, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PEOPLE ?= 20000
SEED ?= 42
HOST ?= 127.0.0.1:8000
DEV := DEBUG=1

.PHONY: run test install messages system-deps browser-deps java-deps demo clean-db

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

# The suite also runs the linkage on Spark (local mode): pyspark and a Java runtime.
$(VENV)/.spark: $(VENV)/.installed
	$(VENV)/bin/pip install -q --disable-pip-version-check -e '.[test,spark]'
	touch $@

install: $(VENV)/.installed

# gettext (msgfmt) compiles the translations; chromium drives the browser tests. Debian's packages.
system-deps:
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext)

browser-deps:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core)

java-deps:
	@command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless)

messages: install system-deps
	@cd ansinh && DEBUG=1 ../$(PY) ../manage.py compilemessages -v0

run: messages
	$(DEV) $(PY) manage.py migrate -v0
	$(DEV) $(PY) manage.py build_demo --people $(PEOPLE) --seed $(SEED) --if-empty
	$(DEV) $(PY) manage.py demo_logins --host $(HOST)
	$(DEV) $(PY) manage.py runserver $(HOST) --noreload

test: messages browser-deps java-deps $(VENV)/.spark
	$(PY) -m pytest -q -n 2 --dist loadfile

demo: messages
	$(DEV) $(PY) manage.py migrate -v0
	$(DEV) $(PY) manage.py build_demo --people $(PEOPLE) --seed $(SEED) --if-empty

clean-db:
	rm -f var/ansinh.sqlite3 var/ansinh.sqlite3-wal var/ansinh.sqlite3-shm
