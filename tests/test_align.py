"""The aligner on real translated documents: beads, confidence, nothing lost, and the CLI."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tmbuilder.align.core import Bead, align_sentences
from tmbuilder.align.english import split_english
from tmbuilder.align.lexicon import Lexicon
from tmbuilder.align.tokens import fold, names, numbers
from tmbuilder.cli import main

DATA = Path(__file__).parent / "data" / "align"
PAGES = ("lo-basic-properties", "lo-calc-statistics")
Gold = list[tuple[tuple[int, ...], tuple[int, ...]]]


def page(name: str) -> tuple[list[str], list[str]]:
    vi = (DATA / f"{name}.vi.txt").read_text(encoding="utf-8").splitlines()
    en = (DATA / f"{name}.en.txt").read_text(encoding="utf-8").splitlines()
    assert len(vi) == len(en) > 100
    return vi, en


def perturb(vi: list[str], en: list[str], seed: int) -> tuple[list[str], list[str], Gold]:
    """Merge some neighbours on one side and drop some lines, as real documents do."""
    rng = random.Random(seed)
    out_vi: list[str] = []
    out_en: list[str] = []
    gold: Gold = []
    k = 0
    while k < len(vi):
        r = rng.random()
        if r < 0.06 and k + 1 < len(vi):
            out_vi.append(f"{vi[k]} {vi[k + 1]}")
            out_en += [en[k], en[k + 1]]
            gold.append(((len(out_vi) - 1,), (len(out_en) - 2, len(out_en) - 1)))
            k += 2
        elif r < 0.12 and k + 1 < len(vi):
            out_en.append(f"{en[k]} {en[k + 1]}")
            out_vi += [vi[k], vi[k + 1]]
            gold.append(((len(out_vi) - 2, len(out_vi) - 1), (len(out_en) - 1,)))
            k += 2
        elif r < 0.15:
            out_en.append(en[k])
            gold.append(((), (len(out_en) - 1,)))
            k += 1
        else:
            out_vi.append(vi[k])
            out_en.append(en[k])
            gold.append(((len(out_vi) - 1,), (len(out_en) - 1,)))
            k += 1
    return out_vi, out_en, gold


def strict_f1(gold: Gold, beads: list[Bead]) -> float:
    g = {b for b in gold if b[0] and b[1]}
    t = {(b.vi, b.en) for b in beads if b.vi and b.en}
    hits = len(g & t)
    return 2 * hits / (len(g) + len(t))


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.general()


@pytest.mark.parametrize("name", PAGES)
def test_real_help_pages_align_with_merges_and_drops(name: str, lexicon: Lexicon) -> None:
    vi, en = page(name)
    for seed in (1, 2):
        pvi, pen, gold = perturb(vi, en, seed)
        beads = align_sentences(pvi, pen, lexicon)
        assert strict_f1(gold, beads) >= 0.9, (name, seed)


def test_the_lexicon_beats_length_alone(lexicon: Lexicon) -> None:
    vi, en = page(PAGES[0])
    pvi, pen, gold = perturb(vi, en, 3)
    with_lexicon = strict_f1(gold, align_sentences(pvi, pen, lexicon))
    length_only = strict_f1(gold, align_sentences(pvi, pen, Lexicon(), realign=False))
    assert with_lexicon > length_only


def covers_in_order(beads: list[Bead], n: int, m: int) -> bool:
    vi = [i for b in beads for i in b.vi]
    en = [j for b in beads for j in b.en]
    return vi == list(range(n)) and en == list(range(m))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 60), st.integers(0, 60))
def test_every_sentence_is_in_exactly_one_bead_in_order(
    seed: int, cut_vi: int, cut_en: int
) -> None:
    vi, en = page(PAGES[1])
    pvi, pen, _ = perturb(vi[:60], en[:60], seed)
    pvi, pen = pvi[: 10 + cut_vi], pen[: 10 + cut_en]  # one side may run on further
    beads = align_sentences(pvi, pen, Lexicon(), realign=False)
    assert covers_in_order(beads, len(pvi), len(pen))
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_empty_sides_give_unpaired_beads() -> None:
    beads = align_sentences(["Một câu."], [], Lexicon())
    assert [(b.vi, b.en) for b in beads] == [((0,), ())]
    assert align_sentences([], [], Lexicon()) == []


def test_numbers_names_and_english_sentences() -> None:
    assert numbers("1.500.000 đồng", "vi") == numbers("1,500,000 dong", "en") == {"1500000"}
    assert numbers("10,5%", "vi") == numbers("10.5%", "en") == {"21/2"}
    assert fold("Tô") == "to" and fold("Đà") == "da"
    assert {"to", "lam"} <= names("Hôm nay Tổng Bí thư Tô Lâm đến") & names("Today To Lam came")
    text = 'Mr. J. Smith arrived at 5 p.m. on Monday. "Is it late?" she asked. No. 5 is next.'
    assert split_english(text) == [
        "Mr. J. Smith arrived at 5 p.m. on Monday.",
        '"Is it late?" she asked.',
        "No. 5 is next.",
    ]


def test_cli_writes_tmx_with_confidence_outside_a_project(tmp_path: Path) -> None:
    vi, en = page(PAGES[0])
    (tmp_path / "a.vi.txt").write_text("\n".join(vi[:30]), encoding="utf-8")
    (tmp_path / "a.en.txt").write_text("\n".join(en[:30]), encoding="utf-8")
    out = tmp_path / "out" / "a.tmx"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main,
        [
            "align",
            str(tmp_path / "a.vi.txt"),
            str(tmp_path / "a.en.txt"),
            "-o",
            str(out),
            "--segmented",
            "-p",
            str(tmp_path / "none"),
        ],
    )
    assert result.exit_code == 0, result.output
    tree = etree.parse(str(out))
    tus = tree.findall(".//tu")
    assert len(tus) >= 28
    sources = [tu.find("tuv/seg").text for tu in tus]
    # Every written unit is input text, unchanged: nothing rewritten.
    assert all(any(s == line or s in " ".join(vi[:30]) for line in vi[:30]) for s in sources)
    confidence = tus[0].find("prop[@type='x-align-confidence']")
    assert confidence is not None and 0 <= float(confidence.text or "") <= 1
    assert not (tmp_path / "none").exists()


def test_cli_stores_pairs_as_project_memory_and_pairs_folders(tmp_path: Path) -> None:
    vi, en = page(PAGES[1])
    (tmp_path / "vi").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "vi" / "stats.txt").write_text("\n".join(vi[:40]), encoding="utf-8")
    (tmp_path / "en" / "stats.txt").write_text("\n".join(en[:40]), encoding="utf-8")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "doc.txt").write_text("Xin chào.\n", encoding="utf-8")
    runner = CliRunner()
    built = runner.invoke(
        main, ["build", str(project / "doc.txt"), "-p", str(project), "--engine", "none", "-q"]
    )
    assert built.exit_code == 0, built.output
    result = runner.invoke(
        main,
        ["align", str(tmp_path / "vi"), str(tmp_path / "en"), "--segmented", "-p", str(project)],
    )
    assert result.exit_code == 0, result.output
    assert "pairs added to the project's memory" in result.output
    import sqlite3

    with sqlite3.connect(project / ".tmbuilder" / "project.db") as db:
        rows = db.execute("SELECT origin, count(*) FROM memory GROUP BY origin").fetchall()
    assert len(rows) == 1 and rows[0][0] == "align:stats.txt" and rows[0][1] >= 25
    assert (project / "tmx" / "align-vi.tmx").exists()


def test_cli_missing_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "align",
            str(tmp_path / "no.txt"),
            str(tmp_path / "no2.txt"),
            "-o",
            str(tmp_path / "x.tmx"),
        ],
    )
    assert result.exit_code != 0
    assert "no.txt" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.tmx").exists()


def test_machine_translation_is_one_more_score(tmp_path: Path) -> None:
    """Bleualign's idea through a real provider protocol on 127.0.0.1."""
    from mt_servers import MTServer, refused_url
    from tmbuilder.events import Event, Notice
    from tmbuilder.pipeline.align import align_files
    from tmbuilder.pipeline.drafts import EngineOptions
    from tmbuilder.project import Project

    vi, en = page(PAGES[1])
    pvi, pen, gold = perturb(vi, en, 5)
    (tmp_path / "s.txt").write_text("\n".join(pvi), encoding="utf-8")
    (tmp_path / "s.en.txt").write_text("\n".join(pen), encoding="utf-8")
    english_of = dict(zip(vi, en, strict=True))

    def oracle(text: str) -> str:  # the English of each paragraph, as a perfect engine would
        return english_of.get(text, text)

    project = Project(tmp_path / "none")
    with MTServer("google", translate=oracle) as server:
        options = EngineOptions("google", base_url=server.url)
        report = align_files(
            project, tmp_path / "s.txt", tmp_path / "s.en.txt", segmented=True, engine=options
        )
        assert server.requests  # the engine was asked
    with_mt = strict_f1(gold, report.documents[0].beads)
    without = strict_f1(
        gold,
        align_sentences(pvi, pen, Lexicon.general()),
    )
    assert with_mt >= without and with_mt >= 0.95
    notices: list[Event] = []
    offline = align_files(
        project,
        tmp_path / "s.txt",
        tmp_path / "s.en.txt",
        segmented=True,
        engine=EngineOptions("google", base_url=refused_url(), timeout=2),
        sink=notices.append,
    )
    assert strict_f1(gold, offline.documents[0].beads) == pytest.approx(without)
    said = [e.message for e in notices if isinstance(e, Notice)]
    assert any("without machine translation" in m for m in said)
