"""URLs and e-mail addresses: found in the source, they must be carried into the target."""

from __future__ import annotations

import functools
import re

from tmbuilder.qa import skim

# Bare domains count only with a TLD news text actually uses: "sggp.org.vn" is a URL, but
# "v.v." or "TP.HCM" is not.
# The look-behinds let a match start only where a run of address characters starts: without them
# a long run that is no address ("a.a.a.a…") is retried from every character, in quadratic time.
URL_PATTERN = re.compile(
    r"(?<![\w./-])(?:https?://|www\.)[^\s<>\"“”]+"
    r"|(?<![\w./-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:vn|com|org|net|gov|edu|int|info|io|asia)\b"
    r"(?:/[^\s<>\"“”]*)?",
    re.IGNORECASE,
)
EMAIL_PATTERN = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# What every URL_PATTERN match holds: a scheme, "www." or a dot before one of its domains. This
# pattern starts with literals the regex engine scans for quickly, while URL_PATTERN's
# look-behinds are tried at every character: most sentences hold no URL, and saying so is
# then ten times cheaper.
_MAYBE_URL = re.compile(r"://|www\.|\.(?:vn|com|org|net|gov|edu|int|info|io|asia)\b", re.IGNORECASE)


def _may_have_url(text: str) -> bool:
    return not skim.ENABLED or _MAYBE_URL.search(text) is not None


_TRAILING = ".,;:!?)]}'’\"”»"


@functools.lru_cache(maxsize=256)  # each check asks again for the same two texts of a unit
def blank_urls(text: str) -> str:
    """`text` with URLs and e-mail addresses replaced by spaces (offsets kept)."""
    if "@" in text:
        text = EMAIL_PATTERN.sub(lambda m: " " * len(m.group()), text)
    if not _may_have_url(text):
        return text
    return URL_PATTERN.sub(lambda m: " " * len(m.group()), text)


def find_emails(text: str) -> list[str]:
    """The e-mail addresses in `text`, in order."""
    if "@" not in text:
        return []
    return [m.group().rstrip(_TRAILING) for m in EMAIL_PATTERN.finditer(text)]


def find_urls(text: str) -> list[str]:
    """The URLs and bare web domains in `text` (e-mail addresses excluded), in order."""
    if not _may_have_url(text):
        return []
    without_mail = text
    if "@" in text or not skim.ENABLED:
        without_mail = EMAIL_PATTERN.sub(lambda m: " " * len(m.group()), text)
    return [m.group().rstrip(_TRAILING) for m in URL_PATTERN.finditer(without_mail)]


def _url_key(url: str) -> str:
    # A translator who writes sggp.org.vn for http://www.sggp.org.vn/ kept the address.
    key = re.sub(r"^(?:https?://)?(?:www\.)?", "", url, flags=re.IGNORECASE)
    return key.rstrip("/").casefold()


def missing_urls(source: str, target: str) -> list[str]:
    """Source URLs the target does not carry."""
    present = {_url_key(u) for u in find_urls(target)}
    return [u for u in dict.fromkeys(find_urls(source)) if _url_key(u) not in present]


def missing_emails(source: str, target: str) -> list[str]:
    """Source e-mail addresses the target does not carry."""
    present = {e.casefold() for e in find_emails(target)}
    return [e for e in dict.fromkeys(find_emails(source)) if e.casefold() not in present]
