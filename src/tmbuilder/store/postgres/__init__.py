"""The project store on a PostgreSQL server, for a team: `PostgresStore` (store.py).

Imported only when a project's store URL names a server, so psycopg stays an optional extra.
"""

from __future__ import annotations
