"""The draft flow end to end: TM leverage first, then deep-translator's real engines talking to
a local server that speaks the provider's protocol (tests/mt_servers.py). No engine is swapped
out: the requests leave through deep-translator and requests, over a real socket."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mt_servers import MTServer, lexicon_translate, refused_url
from tmbuilder.cli import main
from tmbuilder.model import MemoryUnit, Status
from tmbuilder.pipeline import EngineOptions, build_sources, draft
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange

DOC = (
    "Hai nước ký kết văn kiện hợp tác.\n"
    "Việt Nam và Lào tăng cường hợp tác toàn diện.\n"
    "Cuộc gặp diễn ra tại thủ đô Viêng Chăn.\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(DOC, encoding="utf-8")
    project = Project(tmp_path)
    build_sources(project, [tmp_path / "a.txt"])
    return project


def _by_source(project: Project) -> dict[str, object]:
    return {s.source: s for s in project.store.segments()}


def test_machine_translation_through_the_google_protocol(project: Project) -> None:
    with MTServer("google") as server:
        report = draft(project, engine=EngineOptions("google", base_url=server.url))
        assert len(server.requests) == 3
    assert (report.mt_translated, report.left) == (3, 0)
    for seg in project.store.segments():
        assert seg.status == Status.DRAFT and seg.origin == "mt:google"
        # post-edited: sentence case, Moses punctuation normalization
        expected = lexicon_translate(seg.source).strip()
        assert seg.target == expected[0].upper() + expected[1:]
        assert [m.kind for m in project.store.suggestions(seg.id)] == ["mt"]
        assert project.store.history(seg.id)[-1].action == "draft"


def test_the_cache_means_nothing_is_translated_twice(project: Project) -> None:
    with MTServer("google") as server:
        draft(project, engine=EngineOptions("google", base_url=server.url))
        again = draft(
            project, engine=EngineOptions("google", base_url=server.url), retranslate=True
        )
        assert len(server.requests) == 3  # the second run asked nothing
    assert again.cache_hits == 3


def test_tm_exact_fills_fuzzy_suggests_and_mt_fills_the_rest(project: Project) -> None:
    project.store.add_memory(
        [
            MemoryUnit("Hai nước ký kết văn kiện hợp tác.", "The two countries signed documents."),
            # one word different: a fuzzy match for the second sentence
            MemoryUnit(
                "Việt Nam và Lào tăng cường hợp tác chiến lược.",
                "Vietnam and Laos step up strategic cooperation.",
            ),
        ],
        "old.tmx",
    )
    with MTServer("google") as server:
        report = draft(project, engine=EngineOptions("google", base_url=server.url))
        asked = server.texts()
    segs = _by_source(project)
    exact = segs["Hai nước ký kết văn kiện hợp tác."]
    assert (exact.target, exact.status, exact.origin) == (  # type: ignore[attr-defined]
        "The two countries signed documents.",
        Status.TRANSLATED,
        "tm:100",
    )
    fuzzy = segs["Việt Nam và Lào tăng cường hợp tác toàn diện."]
    tm = [m for m in project.store.suggestions(fuzzy.id) if m.kind == "tm"]  # type: ignore[attr-defined]
    assert tm and 75 <= tm[0].score < 100
    assert fuzzy.status == Status.DRAFT  # type: ignore[attr-defined]
    assert (report.tm_exact, report.tm_fuzzy, report.mt_translated) == (1, 1, 2)
    assert "Hai nước ký kết văn kiện hợp tác." not in asked  # MT only where TM had no exact


def test_in_context_exact_match_scores_101(project: Project, tmp_path: Path) -> None:
    store = project.store
    for seg in store.segments():
        store.update_unit(UnitChange(seg.id, f"EN {seg.position}", Status.REVIEWED, "human"))
    (tmp_path / "b.txt").write_text(DOC + "Một câu mới.\n", encoding="utf-8")
    build_sources(project, [tmp_path / "b.txt"])
    draft(project, engine=EngineOptions("none"))
    doc_b = next(d.id for d in store.documents() if d.path == "b.txt")
    b = store.segments(document_id=doc_b)
    assert [s.origin for s in b[:2]] == ["tm:101", "tm:101"]
    # the third sentence's next neighbour differs in b.txt: exact, not in context
    assert b[2].origin == "tm:100"
    assert b[3].status == Status.NEW


def test_reviewed_work_is_never_touched(project: Project) -> None:
    first = project.store.segments()[0]
    project.store.update_unit(UnitChange(first.id, "Mine.", Status.REVIEWED, "human"))
    with MTServer("google") as server:
        draft(project, engine=EngineOptions("google", base_url=server.url), retranslate=True)
        assert first.source not in server.texts()
    assert project.store.segment(first.id).target == "Mine."


def test_unreachable_engine_leaves_segments_for_later(project: Project) -> None:
    report = draft(project, engine=EngineOptions("libre", url=refused_url(), timeout=0.5))
    assert report.left == 3 and "cannot reach" in report.left_reason
    assert all(s.status == Status.NEW for s in project.store.segments())
    with MTServer("libre") as server:  # back online: a later draft picks them up
        report = draft(project, engine=EngineOptions("libre", url=server.url))
    assert report.left == 0
    assert all(s.status == Status.DRAFT for s in project.store.segments())


def test_cli_draft_json_through_libre(project: Project) -> None:
    with MTServer("libre") as server:
        result = CliRunner().invoke(
            main,
            [
                "draft",
                "-p",
                str(project.root),
                "--engine",
                "libre",
                "--url",
                server.url,
                "--workers",
                "2",
                "--json",
            ],
        )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["segments"], data["mt_translated"], data["left"]) == (3, 3, 0)


def test_cli_draft_offline_says_so_in_one_line(project: Project) -> None:
    result = CliRunner().invoke(
        main,
        [
            "draft",
            "-p",
            str(project.root),
            "--engine",
            "libre",
            "--url",
            refused_url(),
            "--timeout",
            "0.5",
        ],
    )
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "left without a draft" in line]
    assert len(lines) == 1 and lines[0].startswith("3 segments left without a draft: ")


def test_api_key_reaches_the_provider_but_never_the_project_files(project: Project) -> None:
    key = "libre-SECRET-5b0e7d21"
    with MTServer("libre", key=key) as server:
        result = CliRunner().invoke(
            main,
            ["draft", "-p", str(project.root), "--engine", "libre", "--url", server.url,
             "--api-key", key, "--json"],
        )  # fmt: skip
        sent = [r.query.get("api_key", "") for r in server.requests]
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mt_translated"] == 3
    assert sent and all(key in value for value in sent)
    project.close()
    export = CliRunner().invoke(main, ["export", "tmx", "-p", str(project.root), "--status", "all"])
    assert export.exit_code == 0, export.output
    assert key not in result.output + export.output
    files = [p for p in project.root.rglob("*") if p.is_file()]
    assert any(p.suffix == ".tmx" for p in files) and any(p.name == "project.db" for p in files)
    for path in files:  # the store and its WAL, the TMX, the config
        assert key.encode() not in path.read_bytes(), path
