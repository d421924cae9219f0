# One command for each job a developer or CI runs. `make check` is the README's test command.
PYTHON ?= python3

.PHONY: check install-test lint types test run bench fuzz faults

check: install-test lint types test

install-test:
	@command -v omegat >/dev/null && command -v msgfmt >/dev/null && command -v javac >/dev/null \
	  && command -v tmux >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     omegat gettext default-jdk-headless tmux postgresql postgresql-contrib >/dev/null)
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

# The long reader fuzz run (issue 14): 3,100 mutated real files per reader, about 40,000 in all;
# prints how many were tried. CI runs the same test module with 60 files per reader.
fuzz:
	TMBUILDER_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-3100} $(PYTHON) -m pytest tests/test_fuzz_readers.py -q -s -p no:cacheprovider
# The fault suites' long run (issue 14): kill -9 eight times per command, longer merge sequences.
faults:
	TMBUILDER_LONG=1 $(PYTHON) -m pytest -q tests/test_faults_kill.py tests/test_faults_env.py \
	  tests/test_merge_properties.py
