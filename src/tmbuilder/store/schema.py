"""The SQLite schema as an ordered list of migrations.

`MIGRATIONS[i]` takes a store from schema version i to i+1; the version lives in
`PRAGMA user_version`. Never edit a released migration: append a new one.
"""

from __future__ import annotations

STATUSES = "('new', 'draft', 'translated', 'reviewed', 'rejected')"

_V1 = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL UNIQUE,   -- relative to the project root when inside it
    format       TEXT NOT NULL,
    encoding     TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    seg_hash     TEXT NOT NULL DEFAULT '', -- fingerprint of the segmentation rules used
    added_at     TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    paragraph   INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    source      TEXT NOT NULL,
    key         TEXT NOT NULL,
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    archived_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX segments_order ON segments(document_id, archived, paragraph, position);
CREATE INDEX segments_key ON segments(key);

CREATE TABLE units (
    segment_id INTEGER PRIMARY KEY REFERENCES segments(id),
    target     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'new' CHECK (status IN {STATUSES}),
    origin     TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX units_status ON units(status);

CREATE TABLE history (
    id         INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id),
    at         TEXT NOT NULL,
    author     TEXT NOT NULL,
    action     TEXT NOT NULL,
    old_target TEXT NOT NULL DEFAULT '',
    new_target TEXT NOT NULL DEFAULT '',
    old_status TEXT NOT NULL DEFAULT '',
    new_status TEXT NOT NULL DEFAULT '',
    origin     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX history_segment ON history(segment_id, id);

-- Imported memories (TMX, PO, XLIFF, TSV). Conflicting targets of one source are kept as
-- alternatives: one row each, newest changed_at first when read. Duplicates are found and
-- lookups made through compact integer hashes (bigimport/key_worker.py): a million long-text index
-- entries would make imports crawl, and every lookup hit is confirmed on the key itself.
-- Rows are written in bulk by bigimport/memory_import.py, laid out by store/memory_rows.py.
CREATE TABLE memory (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    key        TEXT,                      -- match key, or NULL when it is source casefolded
    key_hash   INTEGER NOT NULL,          -- 64-bit hash of the match key
    pair_hash  INTEGER NOT NULL UNIQUE,   -- 64-bit hash of match key and target together
    src_lang   TEXT NOT NULL,
    tgt_lang   TEXT NOT NULL,
    origin     TEXT NOT NULL DEFAULT '',  -- file it was imported from
    tuid       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL DEFAULT '',
    props      TEXT NOT NULL DEFAULT '',  -- type and value strings, each after U+001F
    notes      TEXT NOT NULL DEFAULT ''   -- strings, each after U+001F
);
CREATE INDEX memory_key ON memory(key_hash);

-- TM and MT suggestions shown to the reviewer next to a segment.
CREATE TABLE suggestions (
    id         INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id),
    kind       TEXT NOT NULL CHECK (kind IN ('tm', 'mt')),
    score      REAL NOT NULL DEFAULT 0,
    source     TEXT NOT NULL DEFAULT '',
    target     TEXT NOT NULL,
    origin     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (segment_id, kind, target)
);

-- Machine translations already paid for, keyed by engine, languages and normalized source.
CREATE TABLE mt_cache (
    engine      TEXT NOT NULL,
    src_lang    TEXT NOT NULL,
    tgt_lang    TEXT NOT NULL,
    key         TEXT NOT NULL,
    translation TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (engine, src_lang, tgt_lang, key)
);

CREATE TABLE terms (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    key        TEXT NOT NULL UNIQUE,
    target     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'proposed'
               CHECK (status IN ('proposed', 'approved', 'forbidden')),
    note       TEXT NOT NULL DEFAULT '',
    variants   TEXT NOT NULL DEFAULT '[]',  -- JSON list of other source forms
    frequency  INTEGER NOT NULL DEFAULT 0,
    documents  INTEGER NOT NULL DEFAULT 0,
    score      REAL NOT NULL DEFAULT 0,
    confidence REAL NOT NULL DEFAULT 0,
    origin     TEXT NOT NULL DEFAULT '',
    contexts   TEXT NOT NULL DEFAULT '[]',  -- JSON list of example sentences
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

_MEMORY_COLUMNS = (
    "id, source, target, key, key_hash, pair_hash, src_lang, tgt_lang, origin, tuid, "
    "created_at, changed_at, created_by, changed_by, props, notes"
)

# One index serves lookups (by key hash) and merges duplicates (unique key and pair hash), where
# v1 had two, one of them behind a UNIQUE column: a big import drops the index, appends its rows
# and builds it once at the end (bigimport/memory_indexes.py), and SQLite cannot drop the index
# behind a UNIQUE column. The pair hash covers the key, so the pair alone decides a duplicate.
_V2 = f"""
CREATE TABLE memory_v2 (
    id         INTEGER PRIMARY KEY,
    source     TEXT NOT NULL,
    target     TEXT NOT NULL,
    key        TEXT,                      -- match key, or NULL when it is source casefolded
    key_hash   INTEGER NOT NULL,          -- 64-bit hash of the match key
    pair_hash  INTEGER NOT NULL,          -- 64-bit hash of match key and target together
    src_lang   TEXT NOT NULL,
    tgt_lang   TEXT NOT NULL,
    origin     TEXT NOT NULL DEFAULT '',  -- file it was imported from
    tuid       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL DEFAULT '',
    props      TEXT NOT NULL DEFAULT '',  -- type and value strings, each after U+001F
    notes      TEXT NOT NULL DEFAULT ''   -- strings, each after U+001F
);
INSERT INTO memory_v2({_MEMORY_COLUMNS}) SELECT {_MEMORY_COLUMNS} FROM memory;
DROP TABLE memory;
ALTER TABLE memory_v2 RENAME TO memory;
CREATE UNIQUE INDEX memory_key ON memory(key_hash, pair_hash);
"""

# Alignments under review (tmbuilder align): both documents' sentences, the pairs that cover
# them in order, and a history of every change made in review.
_ALIGNMENTS = """
CREATE TABLE alignments (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,   -- the Vietnamese file's name
    vi_path      TEXT NOT NULL,
    en_path      TEXT NOT NULL,
    vi_sentences TEXT NOT NULL,          -- JSON list
    en_sentences TEXT NOT NULL,          -- JSON list
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE TABLE alignment_pairs (
    alignment_id INTEGER NOT NULL REFERENCES alignments(id),
    position     INTEGER NOT NULL,
    vi_start     INTEGER NOT NULL,
    vi_end       INTEGER NOT NULL,
    en_start     INTEGER NOT NULL,
    en_end       INTEGER NOT NULL,
    confidence   REAL NOT NULL,
    status       TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed', 'wrong')),
    changed_by   TEXT NOT NULL DEFAULT '',
    changed_at   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (alignment_id, position)
);
CREATE TABLE alignment_history (
    id           INTEGER PRIMARY KEY,
    alignment_id INTEGER NOT NULL REFERENCES alignments(id),
    at           TEXT NOT NULL,
    author       TEXT NOT NULL,
    action       TEXT NOT NULL,
    detail       TEXT NOT NULL DEFAULT ''
);
"""

# Inline codes of a segment's source (Markdown code spans, HTML <code>): inline.dumps JSON, ''
# when the sentence has none. The characters stay in `source`; this keeps what they stand for.
_V_SEGMENT_CODES = """
ALTER TABLE segments ADD COLUMN codes TEXT NOT NULL DEFAULT '';
"""

# Inline codes of imported units (tmbuilder.inline.dumps: '' when a unit has none).
_MEMORY_CODES = "ALTER TABLE memory ADD COLUMN codes TEXT NOT NULL DEFAULT '';"

# What the store and an export (or import) last agreed on, per unit and per glossary term, so
# a restore merges unit by unit: a side that still holds the agreed content has not changed
# since (pipeline/merge.py). Conflicts (both sides changed) are kept for the review UI.
_SYNC = """
CREATE TABLE sync_base (
    kind    TEXT NOT NULL,     -- 'unit' (ref: segment id) or 'term' (ref: match key)
    ref     TEXT NOT NULL,
    content TEXT NOT NULL,     -- digest of what both sides held
    version INTEGER NOT NULL,  -- the unit's x-version then (terms: 0)
    parent  TEXT NOT NULL,     -- digest of the content it was edited from (x-parent)
    PRIMARY KEY (kind, ref)
);
CREATE TABLE merge_conflicts (
    kind      TEXT NOT NULL,
    ref       TEXT NOT NULL,
    file      TEXT NOT NULL,   -- the export or import that disagreed
    theirs    TEXT NOT NULL,   -- JSON: what the file held (target, status, ...)
    noted_at  TEXT NOT NULL,
    PRIMARY KEY (kind, ref, file)
);
"""

# A glossary term's English proposals from word alignment: up to three renderings, each with
# its count and example pairs, as a JSON list (glossary/proposals.py).
_TERM_PROPOSALS = """
ALTER TABLE terms ADD COLUMN proposals TEXT NOT NULL DEFAULT '[]';
"""

# Glossary terms keep their languages and their further forms (English synonyms, source
# variants' status) as a JSON list of [text, lang, status].
_TERM_FORMS = """
ALTER TABLE terms ADD COLUMN src_lang TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN tgt_lang TEXT NOT NULL DEFAULT '';
ALTER TABLE terms ADD COLUMN synonyms TEXT NOT NULL DEFAULT '[]';
"""

# The stored fuzzy index (tm/persist) trusts itself only while this generation is unchanged:
# any delete, or a change of a row's id, key, source or languages, moves it (store/fuzzy_tables).
# Plain inserts do not: they get ids above every indexed row and are caught up by id.
_MEMORY_GENERATION = """
INSERT OR IGNORE INTO meta(key, value) VALUES ('memory_generation', '0');
INSERT OR IGNORE INTO meta(key, value) VALUES ('memory_store_id', lower(hex(randomblob(16))));
CREATE TRIGGER memory_generation_delete AFTER DELETE ON memory BEGIN
    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'memory_generation';
END;
CREATE TRIGGER memory_generation_update
AFTER UPDATE OF id, key, source, src_lang, tgt_lang ON memory BEGIN
    UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'memory_generation';
END;
"""

# Per-segment claims of the review UI (store/review_tables.py, review/claims.py): the segment
# each open review session is editing, with a heartbeat, so two reviewers can share a document
# and a crashed session's claim lapses by itself.
_CLAIMS = """
CREATE TABLE claims (
    segment_id INTEGER PRIMARY KEY,
    token      TEXT NOT NULL,   -- the session's, unique per open review
    author     TEXT NOT NULL,
    host       TEXT NOT NULL,
    pid        INTEGER NOT NULL,
    since      TEXT NOT NULL,   -- ISO 8601 UTC, for people
    heartbeat  REAL NOT NULL    -- epoch seconds, for the lapse check
);
CREATE INDEX claims_token ON claims(token);
"""

MIGRATIONS: tuple[str, ...] = (
    _V1,
    _V2,
    _V_SEGMENT_CODES,
    _MEMORY_CODES,
    _ALIGNMENTS,
    _SYNC,
    _TERM_PROPOSALS,
    _TERM_FORMS,
    _MEMORY_GENERATION,
    _CLAIMS,
)
SCHEMA_VERSION = len(MIGRATIONS)
