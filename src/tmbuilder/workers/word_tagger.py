"""The helper process that cuts sentences into tagged words on the second core.

`python -m tmbuilder.workers.word_tagger` reads a JSON list of sentences on stdin, and answers
with one JSON line per sentence: its words as [start, end, key, tag, capital, initial,
syllables] lists (`glossary.tagged.Word`). Anything else, a crash included, is a failure the
parent recovers from by tagging those sentences itself.
"""

from __future__ import annotations

import json
import sys

from tmbuilder.glossary.tagged import analyse


def main() -> int:
    sentences = json.loads(sys.stdin.buffer.read())
    out = sys.stdout
    for sentence in sentences:
        words = [
            [w.start, w.end, w.key, w.tag, w.capital, w.initial, w.syllables]
            for w in analyse(sentence)
        ]
        out.write(json.dumps(words, ensure_ascii=False))
        out.write("\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
