"""tmbuilder.toml: documented defaults are the real defaults; mistakes are one-line errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tmbuilder.config import DEFAULT_CONFIG_TEXT, Config, load_config, parse_config
from tmbuilder.errors import ConfigError
from tmbuilder.project import Project

README = Path(__file__).resolve().parent.parent / "README.md"


def test_default_text_states_the_real_defaults() -> None:
    assert parse_config(tomllib.loads(DEFAULT_CONFIG_TEXT)) == Config()


def test_readme_states_the_real_defaults() -> None:
    block = re.search(r"```toml\n(\[languages\].*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "README lost its tmbuilder.toml defaults block"
    assert parse_config(tomllib.loads(block.group(1))) == Config()


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.source_lang == "vi-VN" and config.target_lang == "en-US"
    assert config.engine.name == "google" and config.engine.workers == 4
    assert config.tm.fuzzy_threshold == 75.0


@pytest.mark.parametrize(
    "text,message",
    [
        ("[tm]\nfuzzy_treshold = 80\n", "unknown key 'fuzzy_treshold' in [tm]"),
        ("[engines]\nname = 'x'\n", "unknown section [engines]"),
        ("[engine]\nworkers = 'four'\n", "[engine] workers should be int"),
        ("[tm]\nfuzzy_threshold = 150\n", "between 1 and 100"),
        ("[build]\ndraft = 1\n", "[build] draft should be bool"),
        ("[keys]\nconfirm = 3\n", "[keys] maps action names"),
        ("this is = = not toml", "not valid TOML"),
        ('[qa]\ndisabled = ["no-such-check"]\n', "no-such-check"),
    ],
)
def test_mistakes_are_config_errors_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "tmbuilder.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert message in str(info.value)
    assert "tmbuilder.toml" in str(info.value) and "\n" not in str(info.value)


def test_values_are_read(tmp_path: Path) -> None:
    (tmp_path / "tmbuilder.toml").write_text(
        '[languages]\ntarget = "en-GB"\n[tm]\nfuzzy_threshold = 80\n[keys]\nconfirm = "ctrl+s"\n'
        '[qa]\ndisabled = ["double-space"]\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path)
    assert config.target_lang == "en-GB" and config.tm.fuzzy_threshold == 80.0
    assert config.keys == {"confirm": "ctrl+s"} and config.qa.disabled == ("double-space",)


def test_extra_segmentation_rules_from_config_apply(tmp_path: Path) -> None:
    text = "Theo QĐ. Số 5 của Bộ. Hết."
    assert Project(tmp_path).segmenter.split(text)[0] == "Theo QĐ."
    (tmp_path / "tmbuilder.toml").write_text(
        '[segmentation]\nabbreviations = ["QĐ."]\n', encoding="utf-8"
    )
    assert Project(tmp_path).segmenter.split(text) == ["Theo QĐ. Số 5 của Bộ.", "Hết."]


def test_bad_segmentation_rule_is_config_error(tmp_path: Path) -> None:
    (tmp_path / "tmbuilder.toml").write_text(
        '[[segmentation.rules]]\nbreak = false\nbefore = "(unclosed"\nafter = "\\\\s"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"segmentation\.rules"):
        _ = Project(tmp_path).segmenter
