"""Real PO and MO files (tests/data/real/po, mo; see SOURCES.md there) against independent readers.

Every message polib reads is a unit of ours with the same text (placeholders rendered back),
plural forms and context; nothing lost, nothing altered. Our export of those units passes
`msgfmt --check` and polib reads the same messages from it. Strictness: on mutated copies of
the real files, our reader refuses exactly when `msgfmt --check` does.
"""

from __future__ import annotations

import random
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from tmbuilder.errors import FormatError, TmBuilderError
from tmbuilder.formats.po import read_mo, read_po, write_mo, write_po
from tmbuilder.formats.po_read import OBSOLETE
from tmbuilder.inline import by_key, render
from tmbuilder.model import MemoryUnit
from tmbuilder.store.sqlite import SqliteStore

REAL = Path(__file__).parent / "data" / "real"
PO_FILES = sorted((REAL / "po").glob("*.po"))
MO_FILES = sorted((REAL / "mo").glob("*.mo"))


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def message(unit: MemoryUnit) -> tuple[str | None, str, str | None, tuple[str, ...]]:
    """(msgctxt, msgid, msgid_plural, msgstr forms) of a unit, placeholders rendered."""
    codes = by_key(unit.codes)
    forms = [render(unit.target, codes)]
    plural = unit.prop("x-po-msgid-plural") or None
    if plural is not None:
        n = 1
        while any(k == f"x-po-msgstr-{n}" for k, _ in unit.props):
            forms.append(unit.prop(f"x-po-msgstr-{n}"))
            n += 1
    context = next((v for k, v in unit.props if k == "x-po-msgctxt"), None)
    return (context, render(unit.source, codes), plural, tuple(forms))


# polib reads "charset= koi8-r" (a blank after "=") as no charset: tell it.
POLIB_ENCODING = {"tt-f43.tgif.fr.po": "koi8-r"}


def polib_po(path: Path) -> polib.POFile:
    return polib.pofile(str(path), encoding=POLIB_ENCODING.get(path.name))


def polib_messages(
    catalogue: polib.POFile | polib.MOFile,
) -> list[tuple[str | None, str, str | None, tuple[str, ...]]]:
    out = []
    for entry in catalogue:
        if entry.obsolete or (entry.msgid == "" and not entry.msgctxt):
            continue
        if entry.msgid_plural:
            forms = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            out.append((entry.msgctxt, entry.msgid, entry.msgid_plural, forms))
        else:
            out.append((entry.msgctxt, entry.msgid, None, (entry.msgstr,)))
    return out


def test_the_corpus_is_there() -> None:
    assert len(PO_FILES) >= 8 and len(MO_FILES) >= 8
    assert (REAL / "po" / "SOURCES.md").is_file() and (REAL / "mo" / "SOURCES.md").is_file()


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.name)
def test_real_po_unit_by_unit(path: Path) -> None:
    assert msgfmt_check(path).returncode == 0
    ours = [message(u) for u in read_po(path, everything=True)]
    assert ours == polib_messages(polib_po(path))


@pytest.mark.parametrize("path", MO_FILES, ids=lambda p: p.name)
def test_real_mo_unit_by_unit(path: Path) -> None:
    ours = [message(u) for u in read_mo(path, everything=True)]
    assert ours == polib_messages(polib.mofile(str(path)))


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: p.name)
def test_real_po_round_trip_through_our_writer(path: Path, tmp_path: Path) -> None:
    units = list(read_po(path, everything=True))
    out = tmp_path / "out.po"
    write_po(units, out, src_lang=units[0].src_lang, tgt_lang=units[0].tgt_lang)
    result = msgfmt_check(out)
    assert result.returncode == 0, result.stderr
    assert polib_messages(polib.pofile(str(out))) == polib_messages(polib_po(path))
    back = list(read_po(out, everything=True))
    assert [message(u) for u in back] == [message(u) for u in units]
    # Our own file keeps every prop (order aside: plural props come from the entry itself).
    assert [sorted(u.props) for u in back] == [sorted(u.props) for u in units]


@pytest.mark.parametrize("path", MO_FILES, ids=lambda p: p.name)
def test_real_mo_round_trip_through_our_writer(path: Path, tmp_path: Path) -> None:
    units = list(read_mo(path, everything=True))
    out = tmp_path / "out.mo"
    write_mo(units, out, src_lang="en", tgt_lang="vi")
    assert sorted(map(repr, polib_messages(polib.mofile(str(out))))) == sorted(
        map(repr, polib_messages(polib.mofile(str(path))))
    )


def _store_round_trip(units: list[MemoryUnit], tmp_path: Path) -> list[MemoryUnit]:
    store = SqliteStore(tmp_path / "project.db")
    store.add_memory(units, "real.po")
    return [u for _, u in store.memory_units()]


def test_plurals_and_context_survive_the_store(tmp_path: Path) -> None:
    units: list[MemoryUnit] = []
    # Placeholders rendered as text: this test is about plurals and context.
    for name in ("gdk-pixbuf-vi.po", "glib20-vi.msgctxt.po"):
        units += [
            replace(u, source=message(u)[1], target=message(u)[3][0], codes=())
            for u in read_po(REAL / "po" / name)
        ]
    stored = _store_round_trip(units, tmp_path)
    out = tmp_path / "out.po"
    write_po(stored, out, src_lang="en", tgt_lang="vi")
    assert msgfmt_check(out).returncode == 0
    # The memory merges units with the same source and target: the first one's context stays
    # (glib's 12 months are there twice, "abbreviated month name" with and without a day).
    first: dict[tuple[object, ...], tuple[object, ...]] = {}
    for unit in units:
        context, msgid, plural, forms = message(unit)
        first.setdefault((msgid, plural, forms), (context, msgid, plural, forms))
    assert len(first) <= len(units) - 24
    assert sorted(map(repr, polib_messages(polib.pofile(str(out))))) == sorted(
        map(repr, first.values())
    )
    assert sum(1 for u in stored if u.prop("x-po-msgid-plural")) == 4
    with_context = sum(1 for value in first.values() if value[0] is not None)
    assert sum(1 for u in stored if u.prop("x-po-msgctxt")) == with_context > 40


def test_placeholders_survive_the_store(tmp_path: Path) -> None:
    units = list(read_po(REAL / "po" / "xz-vi.po"))
    stored = _store_round_trip(units, tmp_path)
    if not any(u.codes for u in stored):
        pytest.skip("this store keeps no inline codes yet (the memory codes column)")
    out = tmp_path / "out.po"
    write_po(stored, out, src_lang="en", tgt_lang="vi")
    assert sorted(map(repr, polib_messages(polib.pofile(str(out))))) == sorted(
        repr(message(u)) for u in units
    )


def test_windows_1251_po_is_read(tmp_path: Path) -> None:
    units = list(read_po(REAL / "po" / "libidn2-ru.cp1251.po"))
    assert units and all(u.tgt_lang == "ru" for u in units)
    assert any("ошибк" in u.target.lower() for u in units)


def test_only_real_translations_from_a_real_file() -> None:
    units = read_po(REAL / "po" / "xz-vi.po")
    kept = list(units)
    everything = list(read_po(REAL / "po" / "xz-vi.po", everything=True))
    assert units.skipped[OBSOLETE] == 3
    assert units.skipped["untranslated"] == 5
    assert units.skipped["source-copy"] == 1  # "%s: " -> "%s: "
    assert len(kept) + units.skipped["untranslated"] + units.skipped["source-copy"] == len(
        everything
    )
    assert all(u.target and u.src_lang == "en" and u.tgt_lang == "vi" for u in kept)


# ---- strictness: msgfmt --check refuses <=> we refuse ------------------------------------


def _mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    lines = data.split(b"\n")
    kind = rng.randrange(8)
    quotes = [i for i, b in enumerate(data) if b == 0x22]
    if kind == 0:
        i = rng.choice(quotes)
        return "drop-quote", data[:i] + data[i + 1 :]
    if kind == 1:
        return "truncate", data[: rng.randrange(len(data))]
    if kind == 2:
        # "\0" is left out: msgfmt cuts the string at a NUL escape, we refuse (tested below);
        # "\x" may make an escape of undecodable bytes, which we refuse too (DELIBERATE).
        i = rng.choice(quotes) + 1
        return "escape", data[:i] + b"\\" + bytes([rng.choice(b'qz?x8n"7abU')]) + data[i:]
    if kind == 3:
        word = rng.choice([b"msgstr", b"msgid", b"msgctxt", b"msgid_plural"])
        found = [i for i, line in enumerate(lines) if line.startswith(word)]
        if found:
            i = rng.choice(found)
            lines[i] = lines[i].replace(word, word + rng.choice([b"x", b"_", b"s"]), 1)
        return "keyword", b"\n".join(lines)
    if kind == 4:
        i = rng.randrange(len(data))
        return "bad-byte", data[:i] + b"\xff" + data[i:]
    if kind == 5:
        del lines[rng.randrange(len(lines))]
        return "drop-line", b"\n".join(lines)
    if kind == 6:
        i = rng.randrange(len(lines) - 1)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        return "swap-lines", b"\n".join(lines)
    blocks = data.split(b"\n\n")
    if len(blocks) < 2:
        return "dup-entry", data + data[data.find(b"\nmsgid") :]
    blocks.insert(rng.randrange(1, len(blocks)), blocks[rng.randrange(1, len(blocks))])
    return "dup-entry", b"\n\n".join(blocks)


# Where we refuse on purpose what msgfmt accepts: an octal or hex escape whose bytes the
# charset cannot decode (msgfmt copies them raw into a catalogue that is then not valid in its
# own charset), and a \0 escape (msgfmt cuts the string there).
DELIBERATE = "in escapes"


def test_strict_as_msgfmt_check_on_mutated_real_files(tmp_path: Path) -> None:
    rng = random.Random(20261208)
    disagreements = []
    refused = 0
    for n in range(240):
        source = rng.choice(PO_FILES)
        kind, data = _mutate(source.read_bytes(), rng)
        path = tmp_path / f"m{n}.po"
        path.write_bytes(data)
        theirs = msgfmt_check(path).returncode != 0
        message = ""
        try:
            list(read_po(path, everything=True))
            ours = False
        except TmBuilderError as exc:
            ours, message = True, str(exc)
            assert message.startswith(str(path)) and "\n" not in message
        refused += theirs
        if theirs != ours and not (ours and DELIBERATE in message):
            disagreements.append((kind, source.name, theirs, ours))
    assert disagreements == []
    assert 60 < refused < 240  # the corpus holds both kinds


def test_nul_escape_is_refused_where_msgfmt_cuts_the_string(tmp_path: Path) -> None:
    path = tmp_path / "nul.po"
    data = (REAL / "po" / "xz-vi.po").read_bytes()
    path.write_bytes(data.replace(b'msgstr "B\xe1\xbb\x8b t\xe1\xba\xaft"', b'msgstr "B\\0"', 1))
    assert msgfmt_check(path).returncode == 0  # msgfmt stores "B"
    with pytest.raises(FormatError, match=r"line \d+:\d+: \\0 escape"):
        list(read_po(path))


def test_truncated_string_never_imports_cut_text(tmp_path: Path) -> None:
    # The case: "Hello" became "Hell" with polib.
    path = tmp_path / "cut.po"
    text = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Hello"\n'
    path.write_text(text + 'msgstr "Xin ch\n', encoding="utf-8")
    with pytest.raises(FormatError, match="line 5: end-of-line within string"):
        list(read_po(path))
    assert msgfmt_check(path).returncode != 0


def test_import_keeps_only_real_translations_with_their_languages(tmp_path: Path) -> None:
    from tmbuilder.pipeline.imports import import_files
    from tmbuilder.project import Project

    project = Project(tmp_path / "p")
    path = REAL / "po" / "xz-vi.po"
    report = import_files(project, [path])
    kept = list(read_po(path))
    assert report.read == len(kept)
    stored = [u for _, u in project.store.memory_units()]
    assert all(u.target and (u.src_lang, u.tgt_lang) == ("en", "vi") for u in stored)
    untranslated = {e.msgid for e in polib.pofile(str(path)) if not e.translated()}
    assert not {render(u.source, by_key(u.codes)) for u in stored} & untranslated
    project.close()


@pytest.mark.parametrize("path", sorted((REAL / "po-broken").glob("*.po")), ids=lambda p: p.name)
def test_real_po_that_msgfmt_check_refuses_is_refused(path: Path) -> None:
    assert msgfmt_check(path).returncode != 0
    with pytest.raises(FormatError) as caught:
        list(read_po(path))
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message and "line " in message


def test_utf8_text_under_a_legacy_charset_is_refused(tmp_path: Path) -> None:
    # issue 14: "a PO declaring the wrong charset imports mojibake silently" (msgfmt compiles it).
    path = tmp_path / "vi.po"
    data = (REAL / "po" / "xz-vi.po").read_bytes()
    path.write_bytes(data.replace(b"charset=UTF-8", b"charset=ISO-8859-1", 1))
    assert msgfmt_check(path).returncode == 0
    with pytest.raises(FormatError, match=r"line \d+: the header says charset=ISO-8859-1, but"):
        list(read_po(path))
