# One command for each job a developer or CI runs. `make check` is the README's test command.
PYTHON ?= python3

.PHONY: check install-test lint types test run bench

check: install-test lint types test

install-test:
	@command -v omegat >/dev/null && command -v msgfmt >/dev/null && command -v javac >/dev/null \
	  && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     omegat gettext default-jdk-headless postgresql postgresql-contrib >/dev/null)
	$(PYTHON) -m pip install -q -e '.[test]'

lint:
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m ruff check .

types:
	$(PYTHON) -m mypy

test:
	$(PYTHON) -m pytest

run:
	$(PYTHON) -m pip install -q .
	tmbuilder build seeds/

bench:
	$(PYTHON) -m pip install -q -e '.[bench]'
	$(PYTHON) bench/run_all.py
