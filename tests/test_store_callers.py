"""The rest of tmbuilder depends on the ProjectStore protocol, not on a backend class.

`Project.store` picks a backend; every other caller (leverage, pipelines) sees the protocol, so
importing them loads neither SqliteStore nor PostgresStore (nor psycopg).
"""

from __future__ import annotations

import subprocess
import sys


def test_project_and_leverage_import_no_backend() -> None:
    code = (
        "import sys, tmbuilder.project, tmbuilder.tm.leverage\n"
        "loaded = [m for m in ('tmbuilder.store.sqlite', 'tmbuilder.store.postgres.store',"
        " 'psycopg') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""
