"""Store URLs and connections to a PostgreSQL server, with the checks made before any use.

A URL comes from `[store] url` in tmbuilder.toml or `TMBUILDER_STORE_URL`. A password never
comes from tmbuilder.toml (a file teams commit): libpq takes it from PGPASSWORD or ~/.pgpass,
or from the URL in the environment, and tmbuilder never writes it anywhere.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from tmbuilder.errors import StoreError

if TYPE_CHECKING:
    import psycopg

SCHEMES = ("postgresql", "postgres")
URL_VARIABLE = "TMBUILDER_STORE_URL"
# pg_trgm keeps only what the database's ctype calls alphanumeric: in a C/POSIX ctype every
# letter outside ASCII (ă, ê, ơ, đ, ...) is a separator, and Vietnamese fuzzy matches degrade.
_BAD_CTYPES = ("C", "POSIX")


def is_server_url(url: str) -> bool:
    return urlsplit(url).scheme in SCHEMES


def url_problem(url: str) -> str:
    """What is wrong with a store URL written in tmbuilder.toml ('' when nothing is)."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES:
        return f"url must start with postgresql:// (got {url.split(':', 1)[0]!r})"
    if parts.password is not None:
        return "url must not hold a password: set PGPASSWORD or ~/.pgpass (or TMBUILDER_STORE_URL)"
    return ""


def store_url(configured: str) -> str:
    """The store URL in force: the environment's, else the config's ('' = local SQLite)."""
    return os.environ.get(URL_VARIABLE, "").strip() or configured


def display_url(url: str) -> str:
    """A URL fit for messages: any password replaced by '***'."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def connect(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """An autocommit connection to a UTF-8 database with pg_trgm usable; StoreError if not."""
    where = display_url(url)
    try:
        import psycopg
    except ImportError:
        raise StoreError(
            f"{where}: a PostgreSQL store needs psycopg: pip install 'tmbuilder[postgres]'"
        ) from None
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"{where}: cannot connect ({first})") from None
    try:
        check_database(conn, where)
    except BaseException:
        conn.close()
        raise
    return conn


def check_database(conn: psycopg.Connection[tuple[object, ...]], where: str) -> None:
    """Refuse a database whose encoding or ctype would corrupt or degrade Vietnamese text."""
    row = conn.execute(
        "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database "
        "WHERE datname = current_database()"
    ).fetchone()
    encoding, ctype = (str(row[0]), str(row[1])) if row else ("", "")
    if encoding != "UTF8":
        raise StoreError(
            f"{where}: database encoding is {encoding}, not UTF8; create it with "
            "ENCODING 'UTF8' LC_CTYPE 'C.UTF-8'"
        )
    if ctype in _BAD_CTYPES:
        raise StoreError(
            f"{where}: database ctype is {ctype}: pg_trgm would drop Vietnamese letters with "
            "diacritics; create it with LC_CTYPE 'C.UTF-8' (or another UTF-8 locale)"
        )


def server_error(exc: BaseException) -> str | None:
    """One line for a PostgreSQL error met in the middle of a command (the server went away, a
    table was dropped by hand, ...), or None when `exc` is not one. psycopg is looked up, not
    imported: a project without a server store never loads it."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is None or not isinstance(exc, psycopg.Error):
        return None
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return f"PostgreSQL store: {first}"
