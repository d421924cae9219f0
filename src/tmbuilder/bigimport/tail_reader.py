"""The helper process that reads the tail part of a big TMX import into a stage file.

`python -m tmbuilder.bigimport.tail_reader` gets its job as one JSON object on stdin (see
bigimport/parts.TailReading), writes the stage file (bigimport/stage) and answers with
one JSON line on stdout: {"ok": true, "units": N, "kept": K} or {"ok": false, "error": "..."}.
Anything else, a crash included, is a failure the parent recovers from by reading it whole.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from tmbuilder.bigimport.stage import write_stage
from tmbuilder.bigimport.tmx_parts import TmxPart
from tmbuilder.errors import FormatError, InputError
from tmbuilder.formats.reading import MemoryFilter, ReadOptions
from tmbuilder.formats.tmx import read_tmx_part
from tmbuilder.langtags import LangPair
from tmbuilder.model import MemoryUnit


@dataclass(frozen=True)
class Keep:
    """Which imported units the importer wants back: those naming one of `documents` in their
    x-document prop, or all of them (`everything`)."""

    documents: frozenset[str]
    everything: bool = False

    def __call__(self, unit: MemoryUnit) -> bool:
        if self.everything:
            return True
        return bool(self.documents) and unit.prop("x-document") in self.documents


def job(
    tail: TmxPart,
    origin: str,
    keep: Keep,
    stage: Path,
    options: ReadOptions | None = None,
    memory: MemoryFilter | None = None,
) -> bytes:
    """The job `main` reads: with `options` (languages) and `memory` (which units become
    memory; its counts come back in the answer, see MemoryFilter.as_dict)."""
    options = options or ReadOptions()
    return json.dumps(
        {
            "pair": [options.pair.source, options.pair.target],
            "langs": [options.source_lang, options.target_lang],
            "filter": [memory.keep_unconfirmed, memory.keep_copies] if memory else None,
            "path": str(tail.path),
            "ranges": tail.ranges,
            "suffix": tail.suffix.decode("latin-1"),
            "origin": origin,
            "stage": str(stage),
            "documents": sorted(keep.documents),
            "everything": keep.everything,
        }
    ).encode()


def main() -> None:
    """Read the job, write the stage, answer in one JSON line."""
    spec = json.loads(sys.stdin.buffer.read())
    tail = TmxPart(
        Path(spec["path"]),
        tuple((int(start), int(end)) for start, end in spec["ranges"]),
        str(spec["suffix"]).encode("latin-1"),
    )
    keep = Keep(frozenset(spec["documents"]), bool(spec["everything"]))
    pair = spec.get("pair") or ["vi-VN", "en-US"]
    langs = spec.get("langs") or ["", ""]
    options = ReadOptions(LangPair(str(pair[0]), str(pair[1])), str(langs[0]), str(langs[1]))
    flags = spec.get("filter")
    memory = MemoryFilter(options.skipped, bool(flags[0]), bool(flags[1])) if flags else None
    try:
        units = read_tmx_part(tail, head=False, options=options)
        count, kept = write_stage(Path(spec["stage"]), units, str(spec["origin"]), keep, memory)
    except (FormatError, InputError, OSError, sqlite3.Error) as exc:
        print(json.dumps({"ok": False, "error": str(exc)}))
        raise SystemExit(1) from None
    answer: dict[str, object] = {"ok": True, "units": count, "kept": kept}
    if memory is not None:
        answer["filter"] = memory.as_dict()
    else:
        answer["filter"] = {"skipped": dict(options.skipped)}
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
