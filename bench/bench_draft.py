"""Drafting throughput: tmbuilder's translate_all against deep-translator's own batch loop.

Both talk to the same local Google-protocol server (tests/mt_servers.py) that takes `--delay`
seconds per request, standing in for a real provider's latency; both go through
deep-translator's GoogleTranslator. The texts are distinct sentences from the seed articles,
so the cache and de-duplication cannot help: the gain measured is concurrency.

    python bench/bench_draft.py            # 1,000 segments, 100 ms per request (~2 minutes)
    python bench/bench_draft.py --n 100    # a quick run
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from deep_translator import GoogleTranslator  # noqa: E402

from mt_servers import MTServer  # noqa: E402
from tmbuilder.engines.registry import create_engine  # noqa: E402
from tmbuilder.engines.runner import translate_all  # noqa: E402


def seed_sentences(n: int) -> list[str]:
    """`n` distinct Vietnamese sentences: the seeds' sentences, numbered when recycled."""
    sentences: list[str] = []
    for path in sorted((REPO / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s]
    sentences = [s for s in dict.fromkeys(sentences) if len(s) < 4999]
    if not sentences:
        raise SystemExit("bench_draft: no seed sentences under seeds/")
    return [
        sentences[i % len(sentences)] + ("" if i < len(sentences) else f" (bản {i})")
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="segments (default 1000)")
    parser.add_argument("--delay", type=float, default=0.1, help="seconds per request")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    texts = seed_sentences(args.n)

    with MTServer("google", delay=args.delay) as server:
        peer = GoogleTranslator(source="vi", target="en")
        peer._base_url = server.url + "/m"
        start = time.perf_counter()
        peer_out = peer.translate_batch(texts)
        peer_time = time.perf_counter() - start
        peer_requests = len(server.requests)

        engine = create_engine("google", base_url=server.url)
        drafts: dict[int, str] = {}
        start = time.perf_counter()
        report = translate_all(
            engine,
            texts,
            cache=None,
            src="vi",
            tgt="en",
            workers=args.workers,
            on_result=lambda index, english, _cached: drafts.__setitem__(index, english),
        )
        ours_time = time.perf_counter() - start
        ours_requests = len(server.requests) - peer_requests

    print(f"segments: {len(texts)}, server delay: {args.delay * 1000:.0f} ms/request")
    print(
        f"deep-translator GoogleTranslator.translate_batch (sequential): {peer_time:8.2f} s "
        f"({peer_requests} requests, {len(peer_out)} translations)"
    )
    print(
        f"tmbuilder translate_all, {args.workers} workers:                {ours_time:8.2f} s "
        f"({ours_requests} requests, {len(drafts)} drafts, {report.failed} failed, "
        f"{report.placeholder_fallbacks} placeholder fallbacks)"
    )
    print(f"speed-up: {peer_time / ours_time:.2f}x (target >= 3.5x with 4 workers)")


if __name__ == "__main__":
    main()
