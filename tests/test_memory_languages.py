"""Languages are data, and only real translations become memory (issue 12, items 1 and 2)."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmbuilder.cli import main
from tmbuilder.formats.reading import EMPTY, NOT_TRANSLATABLE, SOURCE_COPY, UNCONFIRMED
from tmbuilder.langtags import LangPair, same_language
from tmbuilder.pipeline.imports import ImportSettings, import_files
from tmbuilder.project import Project
from tmbuilder.tm.leverage import EXACT, Leverage

EN_VI_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1"
 segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en"><seg>The two countries cooperate.</seg></tuv>
<tuv xml:lang="vi"><seg>Hai nước hợp tác.</seg></tuv></tu>
</body></tmx>
"""
EN_FR_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en-US" creationtool="x" creationtoolversion="1"
 segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Hello</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Thanks</seg></tuv><tuv xml:lang="fr-FR"><seg>Merci</seg></tuv></tu>
</body></tmx>
"""
# An en→es XLIFF whose source is also Vietnamese-free: it must never answer a vi→en lookup.
EN_ES_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="en" target-language="es" datatype="plaintext"><body>
<trans-unit id="1"><source>Hai nước hợp tác.</source><target>Dos países.</target></trans-unit>
</body></file></xliff>
"""
SKIPS_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="vi" target-language="en" datatype="plaintext"><body>
<trans-unit id="1"><source>Một</source><target state="translated">One</target></trans-unit>
<trans-unit id="2"><source>Hai</source><target/></trans-unit>
<trans-unit id="3"><source>Ba</source><target state="needs-review-translation">Three</target>
</trans-unit>
<trans-unit id="4" translate="no"><source>Bốn</source><target>Four</target></trans-unit>
<trans-unit id="5"><source>OK</source><target>OK</target></trans-unit>
</body></file></xliff>
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "tmbuilder.toml").write_text('[engine]\nname = "none"\n', encoding="utf-8")
    return tmp_path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_region_fallback() -> None:
    assert same_language("vi", "vi-VN") and same_language("VI_vn", "vi-VN")
    assert same_language("en-GB", "en-US") and not same_language("fr", "en-US")
    pair = LangPair("en-US", "en-GB")  # two variants of one language: regions must agree
    assert pair.serves("en-us", "en-gb") and not pair.serves("en-gb", "en-us")
    assert LangPair.parse("vi-VN:en-US") == LangPair()


def test_en_vi_tmx_serves_vi_en_and_says_it_was_reversed(project: Path) -> None:
    tmx = _write(project / "en_vi.tmx", EN_VI_TMX)
    with closing(Project(project)) as p:
        import_files(p, [tmx])
        (match,) = Leverage(p.store, pair=p.config.pair).lookup("Hai nước hợp tác.")
        assert match.score >= EXACT and match.target == "The two countries cooperate."
        assert "reversed" in match.origin and "en→vi" in match.origin


def test_other_languages_are_kept_and_reported_never_matched(project: Path) -> None:
    fr = _write(project / "en_fr.tmx", EN_FR_TMX)
    es = _write(project / "en_es.xlf", EN_ES_XLIFF)
    with closing(Project(project)) as p:
        report = import_files(p, [fr, es])
        assert p.store.memory_count() == 3  # kept with their labels
        (fr_detail, es_detail) = report.details
        assert fr_detail.usable == 0 and es_detail.usable == 0
        assert fr_detail.lines()[0] == "2 units kept (2 en-US→fr-FR), 0 usable for vi-VN→en-US"
        assert Leverage(p.store, pair=p.config.pair).lookup("Hai nước hợp tác.") == []
    # A project set to en-US→fr-FR uses the same file.
    fr_project = project / "fr"
    fr_project.mkdir()
    (fr_project / "tmbuilder.toml").write_text(
        '[languages]\nsource = "en-US"\ntarget = "fr-FR"\n[engine]\nname = "none"\n',
        encoding="utf-8",
    )
    with closing(Project(fr_project)) as p:
        report = import_files(p, [fr])
        assert report.details[0].usable == 2 and report.details[0].lines() == []
        (match,) = Leverage(p.store, pair=p.config.pair).lookup("Hello")
        assert match.score >= EXACT and match.target == "Bonjour"


def test_only_real_translations_become_memory(project: Path) -> None:
    xlf = _write(project / "skips.xlf", SKIPS_XLIFF)
    with closing(Project(project)) as p:
        report = import_files(p, [xlf])
        assert [u.source for _, u in p.store.memory_units()] == ["Một"]
        skipped = report.details[0].counts.skipped
        assert skipped == {EMPTY: 1, UNCONFIRMED: 1, NOT_TRANSLATABLE: 1, SOURCE_COPY: 1}


def test_keep_unconfirmed_gives_suggestions_never_exact_matches(project: Path) -> None:
    xlf = _write(project / "skips.xlf", SKIPS_XLIFF)
    with closing(Project(project)) as p:
        settings = ImportSettings(keep_unconfirmed=True, keep_copies=True)
        report = import_files(p, [xlf], settings=settings)
        assert report.details[0].counts.unconfirmed == 1
        assert sorted(u.source for _, u in p.store.memory_units()) == ["Ba", "Một", "OK"]
        (match,) = Leverage(p.store, pair=p.config.pair).lookup("Ba")
        assert match.target == "Three" and match.score < EXACT


def test_import_prints_skips_and_languages(project: Path) -> None:
    fr = _write(project / "en_fr.tmx", EN_FR_TMX)
    xlf = _write(project / "skips.xlf", SKIPS_XLIFF)
    result = CliRunner().invoke(main, ["import", str(fr), str(xlf), "-p", str(project)])
    assert result.exit_code == 0, result.output
    assert "2 units kept (2 en-US→fr-FR), 0 usable for vi-VN→en-US" in result.output
    assert "not imported as memory: " in result.output and "1 empty target" in result.output
    assert f"{xlf}: 5 units read, 1 added" in result.output  # 4 left out, each counted


def test_tsv_without_header_takes_the_given_languages(project: Path) -> None:
    tsv = _write(project / "bitext.tsv", "Hello\tBonjour\n")
    with closing(Project(project)) as p:
        report = import_files(p, [tsv], settings=ImportSettings("en", "fr"))
        ((_, unit),) = p.store.memory_units()
        assert (unit.src_lang, unit.tgt_lang) == ("en", "fr") and report.details[0].usable == 0
