"""The helper process that runs the per-segment QA checks over a share of the units.

`python -m tmbuilder.workers.qa_checks` reads one pickled job from stdin, `(units, terms,
disabled)`, runs `check_project` over those units with the project-wide checks switched off
(they need every unit: the parent runs them) and answers with the pickled list of findings.
Pickle is fine here: both ends are this tmbuilder, talking over a pipe nobody else holds.
Anything else, a crash included, is a failure the parent recovers from by checking the share
itself.
"""

from __future__ import annotations

import pickle
import sys

from tmbuilder.qa.checks import check_project


def main() -> int:
    units, terms, disabled = pickle.loads(sys.stdin.buffer.read())
    findings = check_project(units, terms=terms, disabled=disabled)
    sys.stdout.buffer.write(pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
