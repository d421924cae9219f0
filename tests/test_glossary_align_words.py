"""English from word alignment: the aligner, the renderings, what is never proposed, and the
glossary as data (`glossary list --json`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import seed_project_dir
from tmbuilder.cli import main
from tmbuilder.glossary.align import ALIGN_FROM, propose_translations
from tmbuilder.glossary.proposals import acceptable
from tmbuilder.glossary.wordalign import align
from tmbuilder.model import Status, Term
from tmbuilder.project import Project
from tmbuilder.store.base import UnitChange

DEV_PAIRS = Path(__file__).parent / "data" / "terms_dev" / "dev_pairs.tsv"


def talk_pairs(limit: int) -> list[tuple[str, str]]:
    rows = DEV_PAIRS.read_text(encoding="utf-8").splitlines()[:limit]
    return [(r.split("\t")[0], r.split("\t")[1]) for r in rows]


def test_the_aligner_links_words_that_travel_together() -> None:
    source = [["con_mèo", "ngủ"], ["con_mèo", "ăn"], ["con_chó", "ngủ"], ["con_chó", "ăn"]] * 3
    target = [
        ["the", "cat", "sleeps"],
        ["the", "cat", "eats"],
        ["the", "dog", "sleeps"],
        ["the", "dog", "eats"],
    ] * 3
    links = align(source, target)
    assert (0, 1) in links[0]  # con_mèo - cat
    assert (1, 2) in links[0]  # ngủ - sleeps
    assert (0, 1) in links[2]  # con_chó - dog
    assert align(source, target) == links  # the same every time


def test_real_pairs_give_real_renderings_with_counts_and_examples() -> None:
    pairs = talk_pairs(800)
    assert len(pairs) >= ALIGN_FROM
    terms = [Term("bệnh viện"), Term("câu chuyện"), Term("án tử hình")]
    out = {t.source: t for t in propose_translations(terms, pairs)}
    assert out["bệnh viện"].target == "hospital"
    assert out["án tử hình"].target == "death penalty"
    assert out["bệnh viện"].origin == "align"
    proposals = json.loads(out["câu chuyện"].extra["proposals"])
    assert 1 <= len(proposals) <= 3
    assert proposals[0]["english"] == out["câu chuyện"].target == "story"
    assert proposals[0]["count"] >= 2
    vi, en = proposals[0]["examples"][0]
    assert "câu chuyện" in vi.lower() and "story" in en.lower()
    counts = [p["count"] for p in proposals]
    assert counts == sorted(counts, reverse=True)


def test_numbers_function_words_pronouns_and_verb_phrases_are_never_proposed() -> None:
    assert not acceptable(False, False, ["1.4"])
    assert acceptable(False, True, ["12"])  # a term with a number may be rendered by one
    assert not acceptable(True, False, ["the"])
    assert not acceptable(True, False, ["my"])  # "Mỹ"
    assert not acceptable(True, False, ["had", "refused"])
    assert not acceptable(True, False, ["north"])  # a name's English is capitalised
    assert acceptable(True, False, ["North", "Korea"])
    assert acceptable(False, False, ["export", "turnover"])


def test_a_name_is_not_its_ascii_spelling_as_a_common_word() -> None:
    pairs = [("Mỹ là một nước lớn.", "My country is big.")] * 3
    (term,) = propose_translations([Term("Mỹ")], pairs)
    assert term.target != "my" and term.target != "My"


def _proposals_under(seed: str) -> str:
    code = (
        "import json, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_glossary_align_words import talk_pairs\n"
        "from tmbuilder.glossary.align import propose_translations\n"
        "from tmbuilder.model import Term\n"
        "terms = [Term(s) for s in ('bệnh viện', 'câu hỏi', 'gia đình', 'Mỹ', 'hệ thống')]\n"
        "out = propose_translations(terms, talk_pairs(800))\n"
        "print(json.dumps([[t.target, t.confidence, t.extra] for t in out], ensure_ascii=False))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=root
    )
    return done.stdout


def test_proposals_do_not_depend_on_the_hash_seed() -> None:
    first = _proposals_under("0")
    assert "hospital" in first
    assert first == _proposals_under("31337")


def test_glossary_list_json_prints_every_candidate_in_rank_order(tmp_path: Path) -> None:
    project_dir = seed_project_dir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(project_dir / "docs"), "-p", str(project_dir)])
    assert result.exit_code == 0, result.output
    project = Project(project_dir)
    store = project.store
    for segment in store.segments()[:5]:
        store.update_unit(
            UnitChange(segment.id, f"English of {segment.id}.", Status.REVIEWED, "human")
        )
    project.close()
    result = runner.invoke(main, ["glossary", "extract", "-p", str(project_dir)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["glossary", "list", "--json", "-p", str(project_dir)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == len(Project(project_dir).store.terms()) > 10
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)
    first = rows[0]
    for key in ("source", "target", "status", "frequency", "documents", "confidence"):
        assert key in first
    assert isinstance(first["variants"], list) and isinstance(first["proposals"], list)
    assert first["status"] == "proposed" and first["frequency"] >= 2


def test_a_name_is_not_rendered_by_a_piece_of_an_english_name() -> None:
    # Too few pairs to align: the Dice path; "North" alone is a piece of "North Korea".
    pairs = [
        ("Triều Tiên phóng tên lửa.", "North Korea launched a missile."),
        ("Hàn Quốc và Triều Tiên họp.", "South Korea and North Korea met."),
        ("Triều Tiên đóng cửa biên giới.", "North Korea closed its border."),
    ]
    (term,) = propose_translations([Term("Triều Tiên")], pairs)
    assert term.target in ("", "North Korea")


def test_an_english_word_that_is_never_a_noun_does_not_render_a_noun_term() -> None:
    # SPECIALIST Lexicon classes (data/english_non_nouns.tsv): adjective, verb, adverb only.
    assert not acceptable(False, False, ["financial"])
    assert not acceptable(False, False, ["represent"])
    assert not acceptable(False, False, ["energizing"])
    assert not acceptable(False, False, ["around", "us"])  # nor one headed by a pronoun
    assert acceptable(False, False, ["finance"])
    assert acceptable(False, False, ["now"])  # a noun too ("until now")
    assert acceptable(False, False, ["poor"])  # "the poor"
    assert acceptable(False, False, ["financial", "resources"])  # the head is what counts
    out = {
        t.source: t.target
        for t in propose_translations(
            [Term("tài chính"), Term("đại diện"), Term("bệnh viện")], talk_pairs(800)
        )
    }
    assert out["tài chính"] != "financial"
    assert out["đại diện"] != "represent"
    assert out["bệnh viện"] == "hospital"


def test_an_acronym_and_its_expansion_pool_their_counts() -> None:
    (term,) = propose_translations([Term("Mỹ")], talk_pairs(800))
    proposals = json.loads(term.extra["proposals"])
    english = [p["english"] for p in proposals]
    assert "U.S" not in english  # one rendering with "United States", not two
    assert proposals[0]["english"] == "United States"
    assert proposals[0]["count"] >= 4


def test_english_that_renders_a_larger_unit_around_the_term_is_not_its_rendering() -> None:
    from tmbuilder.glossary.proposals import _inside_larger_unit

    # người(0) Mỹ(1) gốc(2) Phi(3) -> African-American(0): linked on both sides of "Mỹ"
    links = {(0, 0), (1, 0), (2, 0), (3, 0)}
    assert _inside_larger_unit(links, {1}, [0])
    # ông(0) Stevenson(1) -> Mr(0) Stevenson(1): a title before a name leaves the name free
    assert not _inside_larger_unit({(0, 0), (1, 0), (1, 1)}, {1}, [0, 1])
