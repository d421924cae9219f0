"""A real PostgreSQL server for the tests: Debian's `postgresql` package, one cluster a session.

`PgServer.start()` runs `initdb` in a fresh temporary directory with a UTF-8 locale (pg_trgm
needs a UTF-8 ctype to keep Vietnamese letters, see store/postgres/connect.py), starts
`postgres` on a free port on 127.0.0.1 (its unix socket stays in that directory), installs
pg_trgm in template1 so every database made for a test has it, and `stop()` shuts it down and
removes the directory.

initdb and postgres refuse to run as root. Run as root (CI, this container), they run as the
`postgres` user the Debian package creates, through `runuser`, on a directory handed to it;
run as anyone else, they run as that user. The cluster trusts local connections (a throwaway
cluster for tests, reachable from this machine only) and skips fsync: a test never needs a
committed row to survive a power cut, and the suite runs faster without it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

SERVICE_USER = "postgres"


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or None when it is not installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    """One throwaway PostgreSQL cluster."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="tmbuilder-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user = SERVICE_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self._databases = 0

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", SERVICE_USER, "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=self.dir)
        if done.returncode:
            raise RuntimeError(f"{' '.join(cmd)} failed: {done.stderr.strip() or done.stdout}")

    def start(self) -> PgServer:
        if os.geteuid() == 0:
            entry = pwd.getpwnam(SERVICE_USER)
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", self.user, "--auth=trust",
            "--locale=C.UTF-8", "--encoding=UTF8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=40 -c shared_buffers=64MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-o", options, "-w",
            "-t", "60", "start",
        )  # fmt: skip
        self.psql("template1", "CREATE EXTENSION IF NOT EXISTS pg_trgm")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def psql(self, database: str, sql: str) -> None:
        self._run("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(database), "-c", sql)

    def new_database(self, *, ctype: str = "") -> str:
        """A fresh empty database (with pg_trgm); its URL."""
        self._databases += 1
        name = f"t{os.getpid()}_{self._databases}"
        extra = ""
        if ctype:  # another ctype than template1's needs template0 (then pg_trgm is missing)
            extra = f" TEMPLATE template0 LC_COLLATE '{ctype}' LC_CTYPE '{ctype}'"
        self.psql("postgres", f'CREATE DATABASE "{name}"{extra}')
        return self.url(name)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)
