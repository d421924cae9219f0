"""Align a Vietnamese document with its English translation into memory units.

`align_files` reads both documents with the project's readers, segments them (Vietnamese with
the project's rules, English with English ones), aligns the sentences (tmbuilder.align), and
returns the pairs; `write_alignment` writes them as TMX and, inside a project, stores them as
a memory of their own (origin `align:<file>`) that draft and QA use like any imported memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tmbuilder.align.core import Bead, align_sentences
from tmbuilder.align.english import split_english
from tmbuilder.align.lexicon import Lexicon
from tmbuilder.align.record import Alignment, Pair
from tmbuilder.errors import InputError
from tmbuilder.events import Notice, Progress, Sink, ignore
from tmbuilder.ingest import read_source, supported_extensions
from tmbuilder.model import MemoryUnit, Status, utc_now
from tmbuilder.pipeline.drafts import EngineOptions
from tmbuilder.project import Project


@dataclass
class AlignedDocument:
    """Two documents' sentences and the beads that pair them."""

    vi_path: Path
    en_path: Path
    vi: list[str]
    en: list[str]
    beads: list[Bead]

    def units(self, src_lang: str, tgt_lang: str) -> list[MemoryUnit]:
        """One unit per bead with both sides; merged sentences joined by a space."""
        now = utc_now()
        out = []
        for bead in self.beads:
            if not bead.vi or not bead.en:
                continue
            out.append(
                MemoryUnit(
                    source=" ".join(self.vi[i] for i in bead.vi),
                    target=" ".join(self.en[j] for j in bead.en),
                    src_lang=src_lang,
                    tgt_lang=tgt_lang,
                    created_at=now,
                    changed_at=now,
                    created_by="tmbuilder-align",
                    props=(
                        ("x-align-confidence", f"{bead.confidence:.3f}"),
                        ("x-align-vi", _span(bead.vi)),
                        ("x-align-en", _span(bead.en)),
                        ("x-align-document", self.vi_path.name),
                    ),
                )
            )
        return out

    def record(self, project: Project) -> Alignment:
        """The alignment as the store keeps it for review."""
        now = utc_now()
        return Alignment(
            0,
            self.vi_path.name,
            project.relpath(self.vi_path),
            project.relpath(self.en_path),
            tuple(self.vi),
            tuple(self.en),
            tuple(
                Pair(
                    b.vi[0] if b.vi else _start(self.beads, k, "vi"),
                    (b.vi[-1] + 1) if b.vi else _start(self.beads, k, "vi"),
                    b.en[0] if b.en else _start(self.beads, k, "en"),
                    (b.en[-1] + 1) if b.en else _start(self.beads, k, "en"),
                    b.confidence,
                    changed_by="tmbuilder-align",
                    changed_at=now,
                )
                for k, b in enumerate(self.beads)
            ),
            project.config.source_lang,
            project.config.target_lang,
        )

    @property
    def unpaired(self) -> tuple[int, int]:
        """Vietnamese and English sentences with no counterpart."""
        return (
            sum(len(b.vi) for b in self.beads if not b.en),
            sum(len(b.en) for b in self.beads if not b.vi),
        )


@dataclass
class AlignReport:
    documents: list[AlignedDocument] = field(default_factory=list)
    written: Path | None = None
    stored: int = 0

    @property
    def pairs(self) -> int:
        return sum(1 for d in self.documents for b in d.beads if b.vi and b.en)


def _start(beads: Sequence[Bead], k: int, side: str) -> int:
    """Where side `side` stands at bead k when bead k has no sentence there."""
    for earlier in reversed(beads[:k]):
        ids = earlier.vi if side == "vi" else earlier.en
        if ids:
            return ids[-1] + 1
    return 0


def _span(ids: Sequence[int]) -> str:
    """1-based sentence numbers, as a person counts them: "4" or "4-5"."""
    return f"{ids[0] + 1}" if len(ids) == 1 else f"{ids[0] + 1}-{ids[-1] + 1}"


def pair_paths(vi: Path, en: Path) -> list[tuple[Path, Path]]:
    """The document pairs to align: two files, or two folders whose files pair by name."""
    if vi.is_dir() != en.is_dir():
        raise InputError(str(en if vi.is_dir() else vi), "give two files or two folders")
    if not vi.is_dir():
        return [(vi, en)]
    extensions = set(supported_extensions())
    english = {p.stem.lower(): p for p in sorted(en.iterdir()) if p.suffix.lower() in extensions}
    pairs = []
    for path in sorted(vi.iterdir()):
        if path.suffix.lower() not in extensions or path.is_symlink():
            continue
        match = english.get(path.stem.lower()) or english.get(_swap_language(path.stem.lower()))
        if match is not None:
            pairs.append((path, match))
    if not pairs:
        raise InputError(str(vi), f"no file here has a namesake in {en}")
    return pairs


def _swap_language(stem: str) -> str:
    for a, b in ((".vi", ".en"), ("_vi", "_en"), ("-vi", "-en")):
        if stem.endswith(a):
            return stem[: -len(a)] + b
    return stem


def _sentences(path: Path, project: Project, english: bool, segmented: bool) -> list[str]:
    document = read_source(path)
    if segmented:
        return list(document.paragraphs)
    out: list[str] = []
    for paragraph in document.paragraphs:
        out += split_english(paragraph) if english else project.segmenter.split(paragraph)
    return out


def project_lexicon(project: Project) -> Lexicon:
    """The shipped lexicon plus what the project's glossary and reviewed pairs teach."""
    lexicon = Lexicon.general()
    if not project.exists():
        return lexicon
    pairs: list[tuple[str, str]] = []
    for term in project.store.terms():
        if term.target and term.status != "forbidden":
            pairs += [(term.source, english) for english in term.target.split(";")]
    for segment in project.store.segments():
        if segment.status == Status.REVIEWED and segment.target:
            pairs.append((segment.source, segment.target))
    if pairs:
        lexicon.learn(pairs)
    return lexicon


def machine_translations(
    project: Project, sentences: Sequence[str], options: EngineOptions, sink: Sink
) -> list[str] | None:
    """Each sentence's machine translation ("" where it failed), or None if the engine could
    not be used at all. Translations go through the project's MT cache when there is one."""
    from tmbuilder.engines.runner import translate_all
    from tmbuilder.errors import EngineError
    from tmbuilder.pipeline.drafts import engine_languages, make_engine

    name = options.name or "none"
    if name == "none" or not sentences:
        return None
    config = project.config
    src, tgt = engine_languages(project)
    try:
        engine = make_engine(project, options, name)
    except EngineError as exc:
        sink(Notice("warning", f"aligned without machine translation: {exc}"))
        return None
    out = [""] * len(sentences)

    def keep(index: int, english: str, _cached: bool) -> None:
        out[index] = english

    result = translate_all(
        engine,
        list(sentences),
        cache=project.store if project.exists() else None,
        src=src,
        tgt=tgt,
        workers=options.workers or config.engine.workers,
        on_result=keep,
    )
    if not any(out):
        reason = result.left_reason or "no translation came back"
        sink(Notice("warning", f"aligned without machine translation: {reason}"))
        return None
    if result.left_reason:
        sink(Notice("warning", f"machine translation incomplete: {result.left_reason}"))
    return out


def align_files(
    project: Project,
    vi: Path,
    en: Path,
    *,
    segmented: bool = False,
    engine: EngineOptions | None = None,
    sink: Sink = ignore,
) -> AlignReport:
    """Align every document pair `vi`/`en` names (two files or two folders).

    With an engine (`engine.name` other than "none"), each Vietnamese sentence's machine
    translation is compared with the English candidates as one more score; an engine that
    cannot be reached is reported and the alignment goes on without it.
    """
    pairs = pair_paths(vi, en)
    lexicon = project_lexicon(project)
    report = AlignReport()
    for done, (vi_path, en_path) in enumerate(pairs):
        sink(Progress("align", done, len(pairs), vi_path.name))
        vi_sentences = _sentences(vi_path, project, False, segmented)
        en_sentences = _sentences(en_path, project, True, segmented)
        mt = machine_translations(project, vi_sentences, engine or EngineOptions(), sink)
        beads = align_sentences(vi_sentences, en_sentences, lexicon, machine_translations=mt)
        aligned = AlignedDocument(vi_path, en_path, vi_sentences, en_sentences, beads)
        report.documents.append(aligned)
        vi_alone, en_alone = aligned.unpaired
        if vi_alone or en_alone:
            sink(
                Notice(
                    "warning",
                    f"{vi_path.name}: {vi_alone} Vietnamese and {en_alone} English "
                    "sentence(s) have no counterpart (not written)",
                )
            )
    sink(Progress("align", len(pairs), len(pairs)))
    return report


def write_alignment(
    project: Project,
    report: AlignReport,
    output: Path | None,
    *,
    store: bool,
    author: str = "",
    replace_reviewed: bool = False,
) -> AlignReport:
    """Write the pairs as TMX (`output`) and/or store them as the project's memory."""
    from tmbuilder.formats.tmx import TmxHeader, write_tmx

    src, tgt = project.config.source_lang, project.config.target_lang
    if output is not None:
        units = [u for d in report.documents for u in d.units(src, tgt)]
        write_tmx(units, output, TmxHeader(srclang=src))
        report.written = output
    if store:
        # One transaction for every document: all pairs stored, or none.
        with project.store.transaction():
            for document in report.documents:
                _refuse_replacing_review(project, document.vi_path.name, replace_reviewed)
                saved = project.store.save_alignment(
                    document.record(project),
                    author=author,
                    action="align",
                    detail=f"{document.vi_path} | {document.en_path}",
                )
                report.stored += sum(1 for p in saved.pairs if p.paired)
    return report


def _refuse_replacing_review(project: Project, name: str, replace_reviewed: bool) -> None:
    if replace_reviewed or name not in project.store.alignment_names():
        return
    reviewed = sum(1 for p in project.store.alignment(name).pairs if p.status != "draft")
    if reviewed:
        raise InputError(
            name,
            f"already aligned, with {reviewed} pair(s) reviewed; "
            "use --replace to align it again and drop that review",
        )
