# One command for each job a developer or CI runs. `make check` is the README's test command.
PYTHON ?= python3

.PHONY: check install-test lint types test run bench faults

check: install-test lint types test

install-test:
	@command -v omegat >/dev/null && command -v msgfmt >/dev/null && command -v javac >/dev/null || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     omegat gettext default-jdk-headless >/dev/null)
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

# The fault suites' long run (issue 14): kill -9 eight times per command, longer merge sequences.
faults:
	TMBUILDER_LONG=1 $(PYTHON) -m pytest -q tests/test_faults_kill.py tests/test_faults_env.py \
	  tests/test_merge_properties.py
