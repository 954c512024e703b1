-- AgentLedger SQLite schema, version 5: the hash chain of records, retention and legal holds (issue 8).
-- See docs/adr/0005-hash-chain-retention-and-holds.md. Times are Unix microseconds, as in 0001.

-- Per record: SHA-256 of its content fields and its chain hash, both written by the single writer in the insert's
-- transaction. content_purged_at is set when retention removes the content; the content hash then stands for it.
-- Records stored before this migration are hashed by the migrator (in seq order) right after it.
ALTER TABLE records ADD COLUMN content_sha256 BLOB;
ALTER TABLE records ADD COLUMN chain_sha256 BLOB;
ALTER TABLE records ADD COLUMN content_purged_at INTEGER;

-- Per workspace: the chain head (hash at head_seq, which equals workspaces.last_seq once chained) and the metadata
-- purge checkpoint: records up to purged_seq were deleted by retention; the chain resumes from purged_sha256.
CREATE TABLE record_chain_heads (
    workspace_id  TEXT    NOT NULL PRIMARY KEY,
    head_seq      INTEGER NOT NULL,
    head_sha256   BLOB    NOT NULL,
    purged_seq    INTEGER NOT NULL DEFAULT 0,
    purged_sha256 BLOB
) STRICT, WITHOUT ROWID;

-- A sealed CODEX_LOG file carries the chain hash at its last seq; a purged file keeps its row (hashes, range) and
-- loses its content (set to an empty blob).
ALTER TABLE compliance_log_files ADD COLUMN chain_sha256 BLOB;
ALTER TABLE compliance_log_files ADD COLUMN content_purged_at INTEGER;

-- Legal holds. filter is a RecordFilter as JSON; a hold keeps every record it matches from any purge until released.
CREATE TABLE legal_holds (
    workspace_id TEXT    NOT NULL,
    hold_id      TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    reason       TEXT,
    filter       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    created_by   TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL,
    released_at  INTEGER,
    released_by  TEXT,
    PRIMARY KEY (workspace_id, hold_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_records_content_purge ON records (workspace_id, occurred_at) WHERE content_purged_at IS NULL;
