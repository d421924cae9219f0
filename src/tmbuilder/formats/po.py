"""Gettext PO and MO: written through polib, read by our strict reader (po_read, re-exported).

Mapping between a PO entry and a MemoryUnit (files carrying the `X-Tmbuilder-Format: 1` header):

- msgid/msgstr <-> source/target; the header's X-Source-Language and Language <-> src_lang and
  tgt_lang (Language in gettext form: en_US <-> en-US).
- msgctxt is "document:paragraph:position" (from x-document/x-paragraph/x-position), else the
  tuid, else none; a repeated msgctxt+msgid gets "#2", "#3", ... appended, because gettext
  forbids duplicates. msgctxt is for gettext and humans: the reader takes the unit's metadata
  from the comments below, and parses msgctxt only in files tmbuilder did not write.
- Extracted comments hold the metadata, one escaped line each: `#. @x-status: reviewed` for
  every prop in order, `#. @@tuid: 17`, `@@created`, `@@created-by`, `@@changed`, `@@changed-by`;
  a unit with inline codes adds `@@codes` (inline.dumps) and `@@coded-source`/`-target` (the
  texts with their code characters), which the reader uses while they still render to the
  msgid and msgstr (a target edited in a PO editor comes back as plain text).
- Translator comments hold the notes, one escaped line per note.
- The fuzzy flag marks draft and rejected units, and any unit whose msgid and msgstr do not
  both begin and end with a newline (msgfmt --check refuses those unless fuzzy). A reader that
  finds the flag disagreeing with the stored x-status trusts the flag: a translator who clears
  "fuzzy" in Poedit has accepted the draft (x-status becomes translated).

Escaping in comment lines: backslash, newline, CR and tab as \\\\ \\n \\r \\t; a blank at either
end as \\s (space) or \\uHHHH (polib strips lines with str.strip()); an empty note as \\e.

Units with an empty source are skipped with a warning: the empty msgid is the PO header.
MO keeps only msgctxt, msgid and msgstr, and only translated, non-fuzzy entries.

Units read from other tools' files (po_read) are written back as they came: `x-po-msgctxt`
is the msgctxt, `x-po-msgid-plural` and `x-po-msgstr-N` the plural entry (with the header's
Plural-Forms from `x-po-plural-forms`, else gettext's rule for the target language; an entry
whose form count is not the header's nplurals is flagged fuzzy), and inline codes are
written as the text they stood for.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import polib

from tmbuilder.formats.atomic import WriteReport, atomic_path, tool_version
from tmbuilder.formats.po_common import (
    FORMAT_HEADER,
    KEY_ESCAPES,
    META_KEYS,
    escape,
    from_gettext_lang,
    to_gettext_lang,
    wants_fuzzy,
)
from tmbuilder.formats.po_read import PoUnits, read_mo, read_po
from tmbuilder.formats.xmlsafe import TextCleaner
from tmbuilder.inline import by_key, dumps, render
from tmbuilder.model import MemoryUnit

__all__ = [
    "PoUnits",
    "from_gettext_lang",
    "read_mo",
    "read_po",
    "to_gettext_lang",
    "wants_fuzzy",
    "write_mo",
    "write_po",
]


def _gettext_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")


def _build_pofile(
    units: Iterable[MemoryUnit], src_lang: str, tgt_lang: str, report: WriteReport
) -> polib.POFile:
    clean = TextCleaner(report)
    now = _gettext_now()
    po = polib.POFile(wrapwidth=0)  # wrapping would reflow comment lines and lose blanks
    po.metadata = {
        "Project-Id-Version": "tmbuilder export",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now,
        "PO-Revision-Date": now,
        "Last-Translator": "tmbuilder",
        "Language-Team": "none",
        "Language": to_gettext_lang(clean(tgt_lang, "target language")),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"tmbuilder {tool_version()}",
        "X-Source-Language": clean(src_lang, "source language"),
        FORMAT_HEADER: "1",
    }
    plural_forms = ""
    seen: set[tuple[str | None, str]] = set()
    mismatched = 0
    for index, unit in enumerate(units, start=1):
        where = f"unit {index}" + (f" (tuid {unit.tuid})" if unit.tuid else "")
        plural_forms = plural_forms or clean(unit.prop("x-po-plural-forms"), where)
        entry = _entry(unit, where, clean)
        if entry is None:
            report.warn(f"{where}: empty source cannot be a PO msgid; skipped")
            continue
        if (unit.src_lang, unit.tgt_lang) != (src_lang, tgt_lang):
            mismatched += 1
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            base, n = entry.msgctxt or "", 2
            while (f"{base}#{n}", entry.msgid) in seen:
                n += 1
            entry.msgctxt = f"{base}#{n}"
            key = (entry.msgctxt, entry.msgid)
        seen.add(key)
        po.append(entry)
    plurals = [entry for entry in po if entry.msgid_plural]
    if plurals or tgt_lang.lower().startswith("en"):
        po.metadata["Plural-Forms"] = plural_forms or default_plural_forms(tgt_lang)
    _check_plural_counts(plurals, po.metadata.get("Plural-Forms", ""), report)
    if mismatched:
        report.warn(
            f"{mismatched} unit(s) have languages other than {src_lang} -> {tgt_lang}; "
            "PO records one language pair per file"
        )
    return po


# Languages with one plural form (CLDR): Vietnamese and its neighbours in this project's use.
_ONE_FORM = frozenset({"vi", "ja", "zh", "ko", "th", "id", "ms", "lo", "km", "my"})
# Props the PO entry itself carries (msgid_plural, msgstr[n]) or the header does: not repeated
# in comment lines, so an edit in a PO editor is what the reader sees.
_ENTRY_PROPS = ("x-po-msgid-plural", "x-po-plural-forms")


def default_plural_forms(lang: str) -> str:
    """gettext's Plural-Forms for a language, for files whose units name none."""
    if lang.lower().replace("_", "-").split("-")[0] in _ONE_FORM:
        return "nplurals=1; plural=0;"
    return "nplurals=2; plural=(n != 1);"


def _check_plural_counts(plurals: list[polib.POEntry], spec: str, report: WriteReport) -> None:
    """Entries whose number of forms is not the header's nplurals are flagged fuzzy (msgfmt
    --check refuses them otherwise) and counted in a warning."""
    from tmbuilder.formats.po_checks import nplurals

    wanted = nplurals(spec)
    odd = [e for e in plurals if wanted is not None and len(e.msgstr_plural) != wanted]
    for entry in odd:
        if "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    if odd:
        report.warn(f"{len(odd)} plural unit(s) do not have the {wanted} forms of {spec!r}; fuzzy")


def _is_entry_prop(kind: str) -> bool:
    return kind in _ENTRY_PROPS or kind.startswith("x-po-msgstr-")


def _entry(unit: MemoryUnit, where: str, clean: TextCleaner) -> polib.POEntry | None:
    codes = by_key(unit.codes)
    msgid = clean(render(unit.source, codes), where)
    if not msgid:
        return None
    msgstr = clean(render(unit.target, codes), where)
    all_props = [(clean(kind, where), clean(value, where)) for kind, value in unit.props]
    props = [(kind, value) for kind, value in all_props if not _is_entry_prop(kind)]
    lines = [f"@{escape(kind, KEY_ESCAPES)}: {escape(value)}" for kind, value in props]
    for key, attr in META_KEYS:
        value = clean(getattr(unit, attr), where)
        if value:
            lines.append(f"@@{key}: {escape(value)}")
    if unit.codes:
        # The texts with their code characters and the codes, so that our reader gives the
        # codes back (msgid and msgstr carry the codes' own text, as other tools need it).
        lines.append(f"@@codes: {escape(dumps(unit.codes))}")
        lines.append(f"@@coded-source: {escape(clean(unit.source, where))}")
        lines.append(f"@@coded-target: {escape(clean(unit.target, where))}")
    notes = [escape(clean(note, where)) for note in unit.notes]
    found: dict[str, str] = {}
    for kind, value in props:
        found.setdefault(kind, value)  # the first of a repeated type, as MemoryUnit.prop()
    position = (found.get("x-document"), found.get("x-paragraph"), found.get("x-position"))
    msgctxt: str | None
    if "x-po-msgctxt" in found:
        msgctxt = found["x-po-msgctxt"]
    elif all(part is not None for part in position):
        msgctxt = ":".join(str(part) for part in position)
    else:
        msgctxt = clean(unit.tuid, where) or None
    status = found.get("x-status", "")  # cleaned, as the reader will see it
    entry = polib.POEntry(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=msgctxt,
        comment="\n".join(lines),
        tcomment="\n".join(notes),
        flags=["fuzzy"] if wants_fuzzy(status, msgid, msgstr) else [],
    )
    plural = dict(all_props).get("x-po-msgid-plural")
    if plural is not None:
        forms = {0: msgstr}
        for kind, value in all_props:
            number = kind.removeprefix("x-po-msgstr-")
            if kind.startswith("x-po-msgstr-") and number.isdigit():
                forms[int(number)] = value
        entry.msgid_plural = plural
        entry.msgstr = ""
        entry.msgstr_plural = {i: forms.get(i, "") for i in range(max(forms) + 1)}
        texts = [plural, *entry.msgstr_plural.values()]
        if not entry.flags and any(wants_fuzzy("", msgid, text) for text in texts):
            entry.flags = ["fuzzy"]
    return entry


def write_po(
    units: Iterable[MemoryUnit], path: Path, *, src_lang: str = "vi-VN", tgt_lang: str = "en-US"
) -> WriteReport:
    """Write `units` as a UTF-8 PO file that passes `msgfmt --check`, atomically."""
    report = WriteReport()
    po = _build_pofile(units, src_lang, tgt_lang, report)
    report.units = len(po)
    with atomic_path(Path(path)) as tmp:
        po.save(str(tmp))
    report.close()
    return report


def write_mo(
    units: Iterable[MemoryUnit], path: Path, *, src_lang: str = "vi-VN", tgt_lang: str = "en-US"
) -> WriteReport:
    """Write the translated, non-fuzzy units as a gettext MO catalogue, atomically.

    Untranslated and fuzzy units (draft, rejected) are left out, as msgfmt would; the report
    counts them. MO keeps no comments: props and notes other than the msgctxt are lost.
    """
    report = WriteReport()
    po = _build_pofile(units, src_lang, tgt_lang, report)
    kept = po.translated_entries()
    report.units = len(kept)
    if len(po) > len(kept):
        report.warn(f"{len(po) - len(kept)} untranslated or fuzzy unit(s) left out of the MO")
    with atomic_path(Path(path)) as tmp:
        po.save_as_mofile(str(tmp))
    report.close()
    return report
