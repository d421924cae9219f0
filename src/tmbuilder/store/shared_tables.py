"""Everything the two stores share above SQL, in one base class.

SqliteStore and PostgresStore are `SharedTables` plus their own connection and memory tables;
a table written once (store/*_tables.py, on store/sql.py's seam) is added here, once.
"""

from __future__ import annotations

from tmbuilder.store.alignment_tables import AlignmentTables
from tmbuilder.store.document_tables import DocumentTables
from tmbuilder.store.meta_tables import MetaTables
from tmbuilder.store.sql import NestedTransactions
from tmbuilder.store.suggestion_tables import SuggestionTables
from tmbuilder.store.sync_tables import SyncTables
from tmbuilder.store.term_tables import TermTables
from tmbuilder.store.unit_tables import UnitTables


class SharedTables(
    NestedTransactions,  # first: its transaction() is the one the tables' stubs name
    DocumentTables,
    UnitTables,
    TermTables,
    AlignmentTables,
    SyncTables,
    MetaTables,
    SuggestionTables,
):
    """The shared tables and transactions; a store adds `_sql`, `_outermost()` and memory."""
