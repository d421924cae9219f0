"""Whether QA takes its shortcuts: pre-filters that skip work which can find nothing.

Every shortcut in `qa` (tokens that cannot start a number, texts with no URL, no inline code,
no acronym...) is exact: it skips only work that would have found nothing. Each one reads
`ENABLED`, so a test can switch them all off and check that the findings are the same
(tests/test_qa_skim.py); nothing else should change it.
"""

from __future__ import annotations

ENABLED = True
