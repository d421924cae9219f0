"""The glossary on text it has never seen: tests/data/terms_dev/ (see its SOURCES.md).

    python bench/bench_terms_dev.py [dev|heldout]

Per genre (legal: codified health-insurance law; techdocs: React documentation in Vietnamese;
talks: the Vietnamese side of IWSLT'15 tst2012 TED talk pairs):

* recall: of the gold terms (gold_dev.tsv, gold_heldout.tsv) that recur in the genre's text,
  how many are among the candidates (preferred forms and variants, compared by matching
  key), tmbuilder beside poterminology at its best settings (`-t 6`, a Vietnamese stoplist);
* precision of the top 50: real terms (gold, or judged real in judged_dev.tsv or
  judged_heldout.tsv) among the first 50 candidates; candidates nobody has judged are
  counted and listed, never guessed;
* English (talks, whose pairs serve as the reviewed memory): each gold term with accepted
  English that got a proposal is correct (equal to an accepted rendering, plural/singular and
  case aside), partly (shares a content word) or wrong.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tmbuilder.glossary.align import propose_translations
from tmbuilder.glossary.extract import extract_terms
from tmbuilder.glossary.syllables import BREAK, token_spans
from tmbuilder.glossary.variants import group_variants
from tmbuilder.model import Term
from tmbuilder.text.normalize import match_key
from tmbuilder.text.segment import Segmenter

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "terms_dev"
GENRES = ("legal", "techdocs", "talks")
TOP = 50


def _keys(text: str) -> list[str]:
    return [k for _s, _e, k in token_spans(text, cut_at_break_words=False) if k != BREAK]


def occurrences(term: str, sentences: list[str]) -> int:
    wanted = _keys(term)
    n = len(wanted)
    count = 0
    for sentence in sentences:
        keys = _keys(sentence)
        count += sum(keys[i : i + n] == wanted for i in range(len(keys) - n + 1))
    return count


def gold(genre: str, part: str = "dev") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (DEV / f"gold_{part}.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        g, term, english = [*line.split("\t"), ""][:3]
        if g == genre:
            out[term] = [e for e in english.split(";") if e]
    return out


def judged(genre: str, part: str = "dev") -> dict[str, bool]:
    path = DEV / f"judged_{part}.tsv"
    out: dict[str, bool] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                g, term, verdict = line.split("\t")
                if g == genre:
                    out[match_key(term)] = verdict == "yes"
    return out


def sentences_of(part: str, genre: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(document, sentence) pairs, and the (vi, en) pairs for the talks."""
    segmenter = Segmenter()
    pairs: list[tuple[str, str]] = []
    if genre == "talks":
        rows = (DEV / f"{part}_pairs.tsv").read_text(encoding="utf-8").splitlines()
        pairs = [(r.split("\t")[0], r.split("\t")[1]) for r in rows if "\t" in r]
        paragraphs = [vi for vi, _en in pairs]
    else:
        paragraphs = (DEV / f"{part}_{genre}.txt").read_text(encoding="utf-8").splitlines()
    out = [
        (f"{genre}{i // 40}", s)
        for i, paragraph in enumerate(paragraphs)
        for s in segmenter.split(paragraph)
        if s.strip()
    ]
    return out, pairs


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word.removesuffix("s")


def _words(text: str) -> list[str]:
    return [_singular(w) for w in match_key(text).replace("-", " ").split()]


def judge_english(proposed: str, accepted: list[str]) -> str:
    words = _words(proposed)
    if any(words == _words(a) for a in accepted):
        return "correct"
    if any(set(words) & set(_words(a)) for a in accepted):
        return "partly"
    return "wrong"


def report_dev_set(part: str = "dev") -> dict[str, float]:
    from bench_terms import poterminology

    print(f"\n== dev set, {part} part ==")
    totals = {"recurring": 0, "found": 0, "peer": 0, "top": 0, "real": 0}
    english = {"correct": 0, "partly": 0, "wrong": 0}
    for genre in GENRES:
        sentences, pairs = sentences_of(part, genre)
        texts = [s for _d, s in sentences]
        start = time.perf_counter()
        terms = group_variants(extract_terms(sentences), sentences)
        elapsed = time.perf_counter() - start
        forms = {match_key(f) for t in terms for f in (t.source, *t.variants)}
        wanted = gold(genre, part)
        recurring = [t for t in wanted if occurrences(t, texts) >= 2]
        found = [t for t in recurring if match_key(t) in forms]
        peer, _peer_time = poterminology(texts, best=True)
        peer_forms = {match_key(p) for p in peer}
        peer_found = [t for t in recurring if match_key(t) in peer_forms]
        verdicts = judged(genre, part)
        gold_keys = {match_key(t) for t in wanted}
        top = terms[:TOP]
        real = [
            t for t in top if match_key(t.source) in gold_keys or verdicts.get(match_key(t.source))
        ]
        unjudged = [
            t.source
            for t in top
            if match_key(t.source) not in gold_keys and match_key(t.source) not in verdicts
        ]
        print(
            f"{genre:9} {len(sentences):5} sentences, {len(terms):4} candidates ({elapsed:.1f} s): "
            f"recall {len(found)}/{len(recurring)} (poterminology {len(peer_found)}/"
            f"{len(recurring)}, {len(peer)} candidates); top {len(top)}: {len(real)} real"
            + (f", {len(unjudged)} unjudged" if unjudged else "")
        )
        missed = [t for t in recurring if t not in found]
        if missed:
            print(f"          missed: {', '.join(missed)}")
        if unjudged:
            print(f"          unjudged: {' | '.join(unjudged)}")
        totals["recurring"] += len(recurring)
        totals["found"] += len(found)
        totals["peer"] += len(peer_found)
        totals["top"] += len(top)
        totals["real"] += len(real)
        if pairs:
            _report_english(terms, pairs, wanted, english, part)
    judged_english = sum(english.values())
    result = {
        "recall": totals["found"] / max(totals["recurring"], 1),
        "peer_recall": totals["peer"] / max(totals["recurring"], 1),
        "top50_precision": totals["real"] / max(totals["top"], 1),
        "english_correct": english["correct"] / max(judged_english, 1),
        "english_wrong": english["wrong"] / max(judged_english, 1),
    }
    print(
        f"all genres: recall {totals['found']}/{totals['recurring']} = {result['recall']:.0%} "
        f"(poterminology {result['peer_recall']:.0%}); real terms in the top {TOP} of each: "
        f"{totals['real']}/{totals['top']} = {result['top50_precision']:.0%}; English: "
        f"{english['correct']} correct, {english['partly']} partly, {english['wrong']} wrong "
        f"of {judged_english}"
    )
    return result


def english_judged(part: str) -> dict[tuple[str, str], str]:
    path = DEV / f"english_judged_{part}.tsv"
    out: dict[tuple[str, str], str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                _genre, term, rendering, verdict = line.split("\t")
                out[match_key(term), rendering.casefold()] = verdict
    return out


def _report_english(
    terms: list[Term],
    pairs: list[tuple[str, str]],
    wanted: dict[str, list[str]],
    english: dict[str, int],
    part: str,
) -> None:
    start = time.perf_counter()
    proposed = propose_translations(terms, pairs)
    elapsed = time.perf_counter() - start
    by_key = {match_key(f): t for t in proposed for f in (t.source, *t.variants)}
    lines = []
    for term, accepted in wanted.items():
        got = by_key.get(match_key(term))
        if not accepted or got is None or not got.target:
            continue
        verdict = judge_english(got.target, accepted)
        english[verdict] += 1
        lines.append(f"{term} → {got.target} ({verdict})")
    print(f"          English ({len(pairs)} pairs, {elapsed:.1f} s): " + "; ".join(lines))
    # Every proposal, not only the gold terms': the terminologist's verdicts, where recorded.
    verdicts = english_judged(part)
    tally = {"correct": 0, "partly": 0, "wrong": 0}
    unjudged = []
    proposed = [t for t in proposed if t.target]
    for t in proposed:
        verdict = verdicts.get((match_key(t.source), t.target.casefold()))
        if verdict is None:
            unjudged.append(f"{t.source} → {t.target}")
        else:
            tally[verdict] += 1
    print(
        f"          all {len(proposed)} proposals: {tally['correct']} correct, "
        f"{tally['partly']} partly, {tally['wrong']} wrong"
        + (f", {len(unjudged)} unjudged: {'; '.join(unjudged)}" if unjudged else "")
    )


if __name__ == "__main__":
    for name in sys.argv[1:] or ["dev"]:
        report_dev_set(name)
