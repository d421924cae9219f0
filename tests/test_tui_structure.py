"""The review UI's import graph: screens and widgets never import the app; no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "src" / "tmbuilder" / "tui"


def _module(path: Path) -> str:
    rel = path.relative_to(TUI.parent.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every tmbuilder.tui module `path` imports, at any depth (function-level included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found.update(n for n in names if n.startswith("tmbuilder.tui"))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tmbuilder.tui"))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in TUI.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


def test_screens_and_widgets_never_import_the_app_or_the_palette() -> None:
    graph = _graph()
    for name, deps in graph.items():
        if ".screens." in name or ".widgets." in name:
            assert "tmbuilder.tui.app" not in deps, name
            assert "tmbuilder.tui.commands" not in deps, name


def test_no_import_cycle_in_the_tui() -> None:
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in graph[node]:
            if state.get(dep) == 1:
                raise AssertionError(" -> ".join([*path, node, dep]))
            if dep not in state:
                visit(dep, [*path, node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_one_table_of_background_jobs() -> None:
    from tmbuilder.review.jobs import JOBS, PALETTE_JOBS

    commands = (TUI / "commands.py").read_text(encoding="utf-8")
    assert "JOBS =" not in commands and "JOBS: " not in commands
    assert set(PALETTE_JOBS) <= set(JOBS)
