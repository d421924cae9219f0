"""Review UI speed on a big project, against named peers measured in the same run.

    python bench/bench_tui.py                    # 100,000 segments
    python bench/bench_tui.py --segments 10000   # quicker, while developing

Targets from the issue: first screen of a 100,000-segment project in <= 1.5 s, and
confirm-and-next in <= 50 ms.

Each contender runs in a fresh interpreter (no warm caches), headless at 120x40. Times are
from an input to the end of the next screen update that shows its effect, taken with
`App.post_display_hook` (called after every update is written to the terminal driver):

  first screen  tmbuilder review showing the segments (imports excluded; imports alone):
                the list, the current segment in the editor, typing and moving work; the
                first 500 rows are read first and the rest follow (times of the QA checks
                being ready, so confirm works, and of every row being loaded, are shown too)
                vs  peer "datatable": a bare Textual app with a DataTable of the same rows
                    (status, #, source, target), loaded from the same store
                vs  floor "load": store.segments() alone, the rows both have to read
  confirm       confirm in tmbuilder review with its QA checks (the segment's checks, then
                commit to the store, move to the next unreviewed, load editor and side
                panel, redraw), median of N. The key is ctrl+o (confirm anyway): it runs the
                same checks as ctrl+s but advances even when they find an error, so every
                press is a full confirm-and-next; how many presses an error would have
                stopped is reported beside it
                vs  floor "commit": store.update_unit of the same change, median of N
  page down     pagedown deep in the list: tmbuilder's line-API list vs the DataTable peer
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SIZE = (120, 40)


# -- the project --------------------------------------------------------------------------------
def make_project(root: Path, count: int) -> None:
    """`count` segments from the seed articles, drafted, with suggestions and 3,000 terms."""
    from tmbuilder.model import Match, SourceDocument, Status, Term, TermStatus
    from tmbuilder.project import Project
    from tmbuilder.store.base import NewSegment, UnitChange
    from tmbuilder.text.normalize import match_key

    sentences = [
        s.strip() + "."
        for path in sorted((REPO / "seeds").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for s in line.split(". ")
        if len(s.strip()) > 20
    ]
    root.mkdir(parents=True, exist_ok=True)
    project = Project(root)
    store = project.store
    new = []
    for i in range(count):
        text = f"{sentences[i % len(sentences)]} ({i})"
        new.append(NewSegment(i // 5, i % 5, text, match_key(text)))
    store.sync_document(SourceDocument("big.txt", "txt", "utf-8", "h", ()), new, "s")
    rows = store.segments()
    # Every segment has a target (a draft to confirm); a fifth is reviewed already.
    cycle = (Status.REVIEWED, Status.DRAFT, Status.TRANSLATED, Status.DRAFT, Status.REJECTED)
    store.update_units(
        UnitChange(seg.id, f"English sentence number {i}.", cycle[i % 5], "mt:google")
        for i, seg in enumerate(rows)
    )
    for seg in rows[:2000]:
        store.set_suggestions(
            seg.id, "tm", [Match(88.0, seg.source[:-3], "A fuzzy match target.", "old.tmx")]
        )
    # A glossary of realistic size: 3,000 two- and three-syllable phrases of the sources.
    phrases: dict[str, None] = {}
    for sentence in sentences:
        words = sentence.split()
        for n in (2, 3):
            for i in range(len(words) - n + 1):
                phrases.setdefault(" ".join(words[i : i + n]).strip('.,;:()"“”'), None)
    store.merge_terms(
        Term(source, f"term {i}", TermStatus.APPROVED if i % 3 else TermStatus.PROPOSED)
        for i, source in enumerate(list(phrases)[:3000])
        if source
    )
    project.close()


# -- children: each contender in its own interpreter --------------------------------------------
async def _first_screen(marks: dict[str, float], timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while "first" not in marks:
        if time.perf_counter() > deadline:
            raise SystemExit("the first screen never appeared")
        await asyncio.sleep(0.001)


def child_review(root: Path, confirms: int) -> dict[str, Any]:
    t_import = time.perf_counter()
    from textual import events

    from tmbuilder.project import Project
    from tmbuilder.review.assist import is_error
    from tmbuilder.tui.app import ReviewApp
    from tmbuilder.tui.screens.review import ReviewScreen

    imports = time.perf_counter() - t_import
    marks: dict[str, float] = {}

    class TimedApp(ReviewApp):
        bench_waiting: asyncio.Event | None = None
        bench_ready: Any = None

        def post_display_hook(self) -> None:
            now = time.perf_counter()
            screen = self.screen
            if "frame" not in marks and isinstance(screen, ReviewScreen):
                marks["frame"] = now  # the window is up, the list still loading
            # The first screen counts once it shows the segments, not the loading frame.
            if (
                "first" not in marks
                and isinstance(screen, ReviewScreen)
                and not screen.rows_pending
                and screen.session.rows
            ):
                marks["first"] = now
                marks["first_cpu"] = time.process_time()
            if isinstance(screen, ReviewScreen) and not screen.rows_pending:
                # confirmable: the QA checks are loaded (confirm waits for them)
                if "checks" not in marks and not screen.assist.placeholder:
                    marks["checks"] = now
                if "all" not in marks and screen.session.complete:
                    marks["all"] = now
            if (
                self.bench_waiting is not None
                and self.bench_ready is not None
                and self.bench_ready()
            ):
                marks["done"] = now
                marks["done_cpu"] = time.process_time()
                self.bench_waiting.set()
                self.bench_waiting = None

    cpu_times: list[float] = []

    async def until(app: TimedApp, key: str, ready: Any) -> float:
        app.bench_ready = ready
        app.bench_waiting = asyncio.Event()
        t0, cpu0 = time.perf_counter(), time.process_time()
        assert app._driver is not None
        app._driver.send_message(events.Key(key, None))
        await asyncio.wait_for(app.bench_waiting.wait(), 10)
        cpu_times.append(marks["done_cpu"] - cpu0)
        return marks["done"] - t0

    async def main() -> dict[str, Any]:
        t0 = time.perf_counter()
        cpu0 = time.process_time()
        project = Project(root)
        app = TimedApp(project, author="bench")
        async with app.run_test(size=SIZE) as pilot:
            await _first_screen(marks)
            first = marks["first"] - t0
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            session = screen.session
            latencies: list[float] = []
            stopped = 0
            qa_times: list[float] = []
            for _ in range(confirms):
                before = session.pos
                seg = session.current
                assert seg is not None
                t_qa = time.perf_counter()
                findings = screen.assist.findings(seg, screen.target.text)
                qa_times.append(time.perf_counter() - t_qa)
                stopped += any(is_error(f) for f in findings)
                latencies.append(await until(app, "ctrl+o", lambda b=before: session.pos != b))
                await pilot.pause()
            confirm_cpu = statistics.median(cpu_times)
            # Page down from deep in the list: the line API draws only what is visible.
            session.move_to(len(session.view) - 5000)
            screen.show_current()
            screen.segment_list.focus()
            await pilot.pause()
            pages: list[float] = []
            for _ in range(10):
                before = session.pos
                pages.append(await until(app, "pagedown", lambda b=before: session.pos != b))
                await pilot.pause()
            app.shutdown()
        project.close()
        return {
            "imports": imports,
            "first_screen": first,
            "first_frame": marks["frame"] - t0,
            "first_cpu": marks["first_cpu"] - cpu0,
            "checks_ready": marks["checks"] - t0,
            "all_rows": marks["all"] - t0,
            "confirm_median": statistics.median(latencies),
            "confirm_cpu": confirm_cpu,
            "confirm_p90": sorted(latencies)[int(len(latencies) * 0.9) - 1],
            "pagedown_median": statistics.median(pages),
            "qa_median": statistics.median(qa_times),
            "qa_stopped": stopped,
        }

    return asyncio.run(main())


def child_datatable(root: Path) -> dict[str, Any]:
    from textual import events
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    from tmbuilder.project import Project

    marks: dict[str, float] = {}

    class TableApp(App[None]):
        bench_waiting: asyncio.Event | None = None

        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("", "#", "Source", "Target")
            project = Project(root)
            rows = project.store.segments()
            table.add_rows(
                (seg.status.value[0], str(n), seg.source, seg.target)
                for n, seg in enumerate(rows, 1)
            )
            project.close()
            table.focus()

        def post_display_hook(self) -> None:
            now = time.perf_counter()
            if (
                "first" not in marks
                and self.query(DataTable)
                and self.query_one(DataTable).row_count
            ):
                marks["first"] = now
            if self.bench_waiting is not None:
                marks["done"] = now
                marks["done_cpu"] = time.process_time()
                self.bench_waiting.set()
                self.bench_waiting = None

    async def main() -> dict[str, Any]:
        t0 = time.perf_counter()
        app = TableApp()
        async with app.run_test(size=SIZE) as pilot:
            await _first_screen(marks)
            first = marks["first"] - t0
            table = app.query_one(DataTable)
            table.move_cursor(row=table.row_count - 5000)
            await pilot.pause()
            pages: list[float] = []
            for _ in range(10):
                app.bench_waiting = asyncio.Event()
                t = time.perf_counter()
                assert app._driver is not None
                app._driver.send_message(events.Key("pagedown", None))
                await asyncio.wait_for(app.bench_waiting.wait(), 10)
                pages.append(marks["done"] - t)
                await pilot.pause()
        return {"first_screen": first, "pagedown_median": statistics.median(pages)}

    return asyncio.run(main())


def child_floor(root: Path, confirms: int) -> dict[str, Any]:
    from tmbuilder.model import Status
    from tmbuilder.project import Project
    from tmbuilder.store.base import UnitChange

    t0, cpu0 = time.perf_counter(), time.process_time()
    project = Project(root)
    rows = project.store.segments()
    load = time.perf_counter() - t0
    load_cpu = time.process_time() - cpu0
    todo = [s for s in rows if s.status != Status.REVIEWED][:confirms]
    commits = []
    for seg in todo:
        t = time.perf_counter()
        project.store.update_unit(
            UnitChange(seg.id, seg.target + " ok", Status.REVIEWED, "human", "bench", "edit")
        )
        commits.append(time.perf_counter() - t)
    project.close()
    return {"load": load, "load_cpu": load_cpu, "commit_median": statistics.median(commits)}


def run_child(kind: str, root: Path, confirms: int) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            kind,
            "--root",
            str(root),
            "--confirms",
            str(confirms),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--confirms", type=int, default=50)
    parser.add_argument("--child", choices=["review", "datatable", "floor"])
    parser.add_argument("--root", type=Path)
    parser.add_argument(
        "--project",
        type=Path,
        help="keep the built project here and reuse it (each run works on a fresh copy)",
    )
    parser.add_argument(
        "--no-peer", action="store_true", help="skip the DataTable peer (slow at 100,000)"
    )
    args = parser.parse_args()
    if args.child:
        if args.child == "review":
            result = child_review(args.root, args.confirms)
        elif args.child == "datatable":
            result = child_datatable(args.root)
        else:
            result = child_floor(args.root, args.confirms)
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-tui-") as tmp:
        t = time.perf_counter()
        review_root, floor_root = Path(tmp) / "review", Path(tmp) / "floor"
        built = args.project or Path(tmp) / "built"
        if not (built / ".tmbuilder" / "project.db").exists():
            make_project(built, args.segments)
            print(f"{args.segments:,}-segment project built in {time.perf_counter() - t:.1f} s")
        # the floor's commits must not help review: each works on its own copy
        shutil.copytree(built, review_root)
        shutil.copytree(built, floor_root)
        review = run_child("review", review_root, args.confirms)
        table = None if args.no_peer else run_child("datatable", review_root, args.confirms)
        floor = run_child("floor", floor_root, args.confirms)

    ms = 1000.0
    load1, load5, _ = os.getloadavg()
    print(f"load average (1, 5 min) {load1:.1f} {load5:.1f} on {os.cpu_count()} CPUs")
    print(f"\nfirst screen, {args.segments:,} segments, 120x40 (imports excluded):")
    print(f"  tmbuilder review      {review['first_screen'] * ms:8.0f} ms   target <= 1500 ms")
    print(f"    + imports           {review['imports'] * ms:8.0f} ms")
    print(f"    (loading frame at   {review['first_frame'] * ms:8.0f} ms)")
    print(f"    CPU time to first   {review['first_cpu'] * ms:8.0f} ms   (all threads)")
    print(f"    QA checks ready at  {review['checks_ready'] * ms:8.0f} ms   (confirm works)")
    print(f"    every row loaded at {review['all_rows'] * ms:8.0f} ms")
    if table is not None:
        print(
            f"  peer DataTable app    {table['first_screen'] * ms:8.0f} ms   "
            f"ratio review/peer {review['first_screen'] / table['first_screen']:.2f}"
        )
    print(
        f"  floor store.segments  {floor['load'] * ms:8.0f} ms   "
        f"(CPU {floor['load_cpu'] * ms:.0f} ms) "
        f"ratio review/floor {review['first_screen'] / floor['load']:.2f}"
    )
    print(f"\nconfirm-and-next, median of {args.confirms} (key -> screen updated):")
    print(
        f"  tmbuilder review      {review['confirm_median'] * ms:8.1f} ms   target <= 50 ms "
        f"(p90 {review['confirm_p90'] * ms:.1f} ms)"
    )
    print(f"    CPU time (median)   {review['confirm_cpu'] * ms:8.1f} ms")
    print(
        f"    of which QA checks  {review['qa_median'] * ms:8.1f} ms   "
        f"({review['qa_stopped']} of {args.confirms} would stop at ctrl+s on a QA error)"
    )
    print(
        f"  floor update_unit     {floor['commit_median'] * ms:8.1f} ms   "
        f"ratio review/floor {review['confirm_median'] / floor['commit_median']:.1f}"
    )
    print("\npage down deep in the list, median of 10 (key -> screen updated):")
    print(f"  tmbuilder list        {review['pagedown_median'] * ms:8.1f} ms")
    if table is not None:
        print(
            f"  peer DataTable        {table['pagedown_median'] * ms:8.1f} ms   "
            f"ratio review/peer {review['pagedown_median'] / table['pagedown_median']:.2f}"
        )
    ok = review["first_screen"] <= 1.5 and review["confirm_median"] <= 0.05
    print("\ntargets met" if ok else "\nTARGET MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
