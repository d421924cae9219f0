"""The helper process that cuts sentences into tagged words on the second core.

`python -m tmbuilder.workers.word_tagger` reads a JSON list of sentences on stdin, and answers
with one JSON line per sentence (UTF-8): its words as [start, end, key, tag, capital, initial,
syllables] lists (`glossary.tagged.Word`). Anything else, a crash included, is a failure the
parent recovers from by tagging those sentences itself.
"""

from __future__ import annotations

import json
import sys

from tmbuilder.glossary.tagged import analyse_many

CHUNK = 2_000  # sentences tagged together, then written: the parent reads as they come


def main() -> int:
    sentences = json.loads(sys.stdin.buffer.read())
    out = sys.stdout.buffer  # UTF-8 whatever the locale says
    for start in range(0, len(sentences), CHUNK):
        lines = [
            json.dumps(words, ensure_ascii=False) + "\n"
            for words in analyse_many(sentences[start : start + CHUNK])
        ]
        out.write("".join(lines).encode("utf-8"))
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
