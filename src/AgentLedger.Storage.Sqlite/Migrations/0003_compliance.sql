-- AgentLedger SQLite schema, version 3: the compliance API (issue 7). Numbered 3 because 0002 is the analytics
-- migration of another branch; the two touch different tables.
-- Times are Unix microseconds, as in 0001.

-- The audit log of each workspace: administrative actions and every read of compliance data.
CREATE TABLE audit_events (
    workspace_id  TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    event_id      TEXT    NOT NULL,
    occurred_at   INTEGER NOT NULL,
    action        TEXT    NOT NULL,
    action_result TEXT    NOT NULL,
    privilege     TEXT,
    actor_type    TEXT    NOT NULL,
    actor_id      TEXT,
    actor_name    TEXT,
    client_ip     TEXT,
    user_agent    TEXT,
    action_data   TEXT,
    PRIMARY KEY (workspace_id, seq)
) STRICT, WITHOUT ROWID;

-- highest audit seq per workspace; advanced in the same transaction as the event it numbers
CREATE TABLE audit_heads (
    workspace_id TEXT    NOT NULL PRIMARY KEY,
    last_seq     INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Per workspace: how far each log type is sealed, and the end time of the last sealed file. A seal updates this row
-- first, so seals of one workspace are serialised and end times increase in the order files become visible.
CREATE TABLE compliance_log_heads (
    workspace_id      TEXT    NOT NULL PRIMARY KEY,
    codex_sealed_seq  INTEGER NOT NULL DEFAULT 0,
    audit_sealed_seq  INTEGER NOT NULL DEFAULT 0,
    last_end_time     INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

-- Sealed, immutable JSONL log files. content is the file gzip-compressed; file_size and file_sha256 describe the
-- uncompressed bytes as served.
CREATE TABLE compliance_log_files (
    workspace_id TEXT    NOT NULL,
    file_id      TEXT    NOT NULL,
    event_type   TEXT    NOT NULL,
    end_time     INTEGER NOT NULL,
    first_seq    INTEGER NOT NULL,
    last_seq     INTEGER NOT NULL,
    record_count INTEGER NOT NULL,
    file_name    TEXT    NOT NULL,
    file_size    INTEGER NOT NULL,
    file_sha256  TEXT    NOT NULL,
    content      BLOB    NOT NULL,
    PRIMARY KEY (workspace_id, file_id)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_compliance_log_files_end ON compliance_log_files (workspace_id, end_time);
CREATE UNIQUE INDEX ux_compliance_log_files_range ON compliance_log_files (workspace_id, event_type, first_seq);
CREATE INDEX ix_compliance_log_files_type_end ON compliance_log_files (workspace_id, event_type, end_time);

-- eDiscovery export jobs. filter, requested_by and files are JSON.
CREATE TABLE compliance_exports (
    workspace_id  TEXT    NOT NULL,
    export_id     TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    filter        TEXT    NOT NULL,
    requested_by  TEXT    NOT NULL,
    justification TEXT,
    created_at    INTEGER NOT NULL,
    started_at    INTEGER,
    completed_at  INTEGER,
    upto_seq      INTEGER,
    record_count  INTEGER NOT NULL DEFAULT 0,
    bytes         INTEGER NOT NULL DEFAULT 0,
    error         TEXT,
    files         TEXT,
    PRIMARY KEY (workspace_id, export_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_compliance_exports_status ON compliance_exports (status, created_at) WHERE status IN ('queued', 'running');
