"""OmegaT TSV and CSV glossaries: round trips, bad input, and the tools that read them.

OmegaT proof: `omegat --mode=console-translate` runs a project holding our glossaries to the
end, but OmegaT 3.6 logs nothing about glossaries in console mode (its glossary manager lives in
the GUI). So the tests also compile a ten-line Java harness against OmegaT.jar that calls
OmegaT's own readers (GlossaryReaderTSV, GlossaryReaderTBX) on our files and prints what they
return: that is the code the OmegaT GUI loads glossary files with.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omegat_project import console_translate, make_project
from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.glossary_csv import read_glossary_csv, write_glossary_csv
from tmbuilder.formats.glossary_read import stamped
from tmbuilder.formats.glossary_tsv import HEADER, read_glossary_tsv, write_glossary_tsv
from tmbuilder.formats.tbx import write_tbx
from tmbuilder.model import Term, TermStatus

OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

# Stamped as every export stamps its terms (pipeline/merge_terms.py): the tools below must
# read the files with their stamps as they read them without.
TERMS = [
    stamped(term, str(n + 1), f"parent{n}" if n else "")
    for n, term in enumerate(
        [
            Term(
                "Tổng Bí thư",
                "General Secretary",
                TermStatus.APPROVED,
                note="title; before the name\twith a tab",
                variants=("Tổng bí thư", "TBT"),
            ),
            Term(
                "hợp tác toàn diện",
                "comprehensive cooperation",
                note='say "comprehensive", not "all-round"',
            ),
            Term("Viêng Chăn", "Viang Chan", TermStatus.FORBIDDEN, variants=("Vientiane",)),
            Term("#hashtag", "", note="line one\nline two\\n is not a break"),
        ]
    )
]

FIELD = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
SOURCE = FIELD.filter(lambda s: s.strip() != "")
TERM = st.builds(
    Term,
    source=SOURCE,
    target=FIELD,
    status=st.sampled_from(list(TermStatus)),
    note=FIELD,
    variants=st.lists(FIELD.filter(bool), max_size=3).map(tuple),
)


def comparable(terms: list[Term]) -> list[tuple[str, str, TermStatus, str, tuple[str, ...]]]:
    return [(t.source, t.target, t.status, t.note, t.variants) for t in terms]


@pytest.mark.parametrize(
    ("write", "read", "name"),
    [
        (write_glossary_tsv, read_glossary_tsv, "g.txt"),
        (write_glossary_csv, read_glossary_csv, "g.csv"),
    ],
)
def test_round_trip_and_origin(write, read, name, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    write(TERMS, path)
    back = read(path)
    assert comparable(back) == comparable(TERMS)
    assert {t.origin for t in back} == {f"import:{name}"}
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temp file left behind


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(TERM, max_size=6))
def test_tsv_round_trips_any_text(tmp_path: Path, terms: list[Term]) -> None:
    path = tmp_path / "any.txt"
    write_glossary_tsv(terms, path)
    assert comparable(read_glossary_tsv(path)) == comparable(terms)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        TERM.filter(lambda t: "\x00" not in "".join((t.source, t.target, t.note, *t.variants))),
        max_size=6,
    )
)
def test_csv_round_trips_any_text(tmp_path: Path, terms: list[Term]) -> None:
    path = tmp_path / "any.csv"
    write_glossary_csv(terms, path)
    assert comparable(read_glossary_csv(path)) == comparable(terms)


def test_plain_omegat_and_foreign_csv_files_read(tmp_path: Path) -> None:
    tsv = tmp_path / "omegat.utf8"
    tsv.write_text("# made by hand\nhòa bình\tpeace\r\n\nchiến lược\tstrategy\tnoun\n", "utf-8")
    assert comparable(read_glossary_tsv(tsv)) == [
        ("hòa bình", "peace", TermStatus.PROPOSED, "", ()),
        ("chiến lược", "strategy", TermStatus.PROPOSED, "noun", ()),
    ]
    csv_path = tmp_path / "memoq.csv"
    csv_path.write_bytes("\ufeffTarget,Source,Extra\r\npeace,hòa bình,x\r\n,,\r\n".encode())
    assert comparable(read_glossary_csv(csv_path)) == [
        ("hòa bình", "peace", TermStatus.PROPOSED, "", ())
    ]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bin.txt", b"abc\x00def\tx\n", "binary file"),
        ("latin.txt", "café\tcoffee\n".encode("latin-1"), "not UTF-8"),
        ("status.txt", HEADER.encode() + b"\na\tb\tc\tmaybe\n", "line 2: unknown status 'maybe'"),
        ("empty.csv", b"", "empty file"),
        ("header.csv", b"en,fr\na,b\n", "no vi column: the header names en, fr"),
        ("quote.csv", b'source,target\n"a,b\n', "bad CSV"),
        ("status.csv", b"source,target,status\na,b,done\n", "row 2: unknown status 'done'"),
    ],
)
def test_bad_files_give_one_line_errors(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    read = read_glossary_csv if name.endswith(".csv") else read_glossary_tsv
    with pytest.raises(FormatError) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt"):
        read_glossary_tsv(tmp_path / "nope.txt")


def test_translate_toolkit_reads_the_csv(tmp_path: Path) -> None:
    from translate.storage import csvl10n

    path = tmp_path / "g.csv"
    write_glossary_csv(TERMS, path)
    store = csvl10n.csvfile.parsefile(str(path))  # type: ignore[no-untyped-call]
    assert [(u.source, u.target, u.getnotes()) for u in store.units] == [
        (t.source, t.target, t.note) for t in TERMS
    ]


HARNESS = """
import java.io.File;
import java.util.List;
import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;
import org.omegat.gui.glossary.GlossaryReaderTSV;

public class ReadGlossary {
    public static void main(String[] args) throws Exception {
        File file = new File(args[0]);
        ProjectProperties props = new ProjectProperties(file.getAbsoluteFile().getParentFile());
        props.setSourceLanguage("vi");
        props.setTargetLanguage("en");
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() { return props; }
        });
        List<GlossaryEntry> entries = file.getName().endsWith(".tbx")
            ? GlossaryReaderTBX.read(file, false) : GlossaryReaderTSV.read(file, false);
        for (GlossaryEntry e : entries) {
            System.out.println(e.getSrcText() + "\\t" + e.getLocText() + "\\t"
                + e.getCommentText().replace("\\n", "\\\\n"));
        }
    }
}
"""


@pytest.fixture(scope="module")
def omegat_reader(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A compiled harness that prints what OmegaT's glossary readers make of a file."""
    assert OMEGAT_JAR.exists() and shutil.which("javac"), "OmegaT (Debian omegat) must be installed"
    out = tmp_path_factory.mktemp("omegat-harness")
    (out / "ReadGlossary.java").write_text(HARNESS, encoding="utf-8")
    subprocess.run(
        ["javac", "-cp", str(OMEGAT_JAR), "ReadGlossary.java"], cwd=out, check=True, timeout=120
    )
    return out


def omegat_entries(harness: Path, glossary: Path) -> list[list[str]]:
    run = subprocess.run(
        ["java", "-cp", f"{OMEGAT_JAR}{os.pathsep}{harness}", "ReadGlossary", str(glossary)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [line.split("\t") for line in run.stdout.splitlines()]


def test_omegat_reads_the_tsv(omegat_reader: Path, tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    write_glossary_tsv(TERMS, path)
    entries = omegat_entries(omegat_reader, path)
    # OmegaT keeps the first three columns; escapes stay as typed (it has none of its own).
    assert [e[:2] for e in entries] == [[t.source, t.target] for t in TERMS[:3]] + [
        ["\\#hashtag", ""]
    ]
    assert entries[1][2] == TERMS[1].note


def test_omegat_reads_tbx_v2_with_variants_and_notes(omegat_reader: Path, tmp_path: Path) -> None:
    path = tmp_path / "glossary.tbx"
    write_tbx(TERMS, path, version=2)
    entries = omegat_entries(omegat_reader, path)
    pairs = [(e[0], e[1]) for e in entries]
    assert ("Tổng Bí thư", "General Secretary") in pairs
    assert ("TBT", "General Secretary") in pairs  # a variant is a source synonym in OmegaT
    assert ("hợp tác toàn diện", "comprehensive cooperation") in pairs
    comment = next(e[2] for e in entries if e[0] == "hợp tác toàn diện")
    assert TERMS[1].note in comment


def test_omegat_console_translate_runs_with_our_glossaries(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "source" / "news.txt").write_text(
        "Tổng Bí thư thúc đẩy hợp tác toàn diện.\n", encoding="utf-8"
    )
    write_glossary_tsv(TERMS, project / "glossary" / "glossary.txt")
    write_tbx(TERMS, project / "glossary" / "terms.tbx", version=2)
    run = console_translate(project, home=tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Finished" in run.stdout
    assert (project / "target" / "news.txt").read_text(encoding="utf-8").startswith("Tổng Bí thư")
