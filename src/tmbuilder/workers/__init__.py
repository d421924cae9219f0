"""Helper processes: starting them, and the entry points kept apart from the heavy packages
so a helper starts fast and small (importing tmbuilder.pipeline alone pulls in the MT engines
and sacremoses, 60 MB)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_helper(module: str) -> subprocess.Popen[bytes]:
    """`python -m module` with pipes on stdin and stdout; its stderr is dropped (a crash shows
    as a missing answer, which every caller recovers from)."""
    # The child must import this very tmbuilder, wherever the parent found it.
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, path]))}
    return subprocess.Popen(
        [sys.executable, "-m", module],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
    )
