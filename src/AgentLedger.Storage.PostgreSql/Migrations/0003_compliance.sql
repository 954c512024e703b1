-- AgentLedger PostgreSQL schema, version 3: the compliance API (issue 7), the same tables as SQLite's 0003.
-- Numbered 3 because 0002 is the analytics migration of another branch; the two touch different tables.
-- Every key leads with workspace_id, so that the tables can be distributed by it.

-- The audit log of each workspace: administrative actions and every read of compliance data.
CREATE TABLE audit_events (
    workspace_id  text        NOT NULL,
    seq           bigint      NOT NULL,
    event_id      text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    action        text        NOT NULL,
    action_result text        NOT NULL,
    privilege     text,
    actor_type    text        NOT NULL,
    actor_id      text,
    actor_name    text,
    client_ip     text,
    user_agent    text,
    action_data   text,
    PRIMARY KEY (workspace_id, seq)
);

-- Highest audit seq per workspace. An append upserts this row first and holds its lock until commit, so the next
-- event of the workspace is numbered only after this one committed: seq is gap-free and in commit order. It is a
-- table of its own so that audit writes never wait on ingest's lock of the workspaces row.
CREATE TABLE audit_heads (
    workspace_id text   NOT NULL PRIMARY KEY,
    last_seq     bigint NOT NULL
);

-- Per workspace: how far each log type is sealed, and the end time of the last sealed file. A seal locks this row
-- first, so seals of one workspace are serialised and end times increase in the order files become visible.
CREATE TABLE compliance_log_heads (
    workspace_id     text        NOT NULL PRIMARY KEY,
    codex_sealed_seq bigint      NOT NULL DEFAULT 0,
    audit_sealed_seq bigint      NOT NULL DEFAULT 0,
    last_end_time    timestamptz NOT NULL DEFAULT 'epoch'
);

-- Sealed, immutable JSONL log files. content is the file gzip-compressed; file_size and file_sha256 describe the
-- uncompressed bytes as served.
CREATE TABLE compliance_log_files (
    workspace_id text        NOT NULL,
    file_id      text        NOT NULL,
    event_type   text        NOT NULL,
    end_time     timestamptz NOT NULL,
    first_seq    bigint      NOT NULL,
    last_seq     bigint      NOT NULL,
    record_count integer     NOT NULL,
    file_name    text        NOT NULL,
    file_size    bigint      NOT NULL,
    file_sha256  text        NOT NULL,
    content      bytea       NOT NULL,
    PRIMARY KEY (workspace_id, file_id)
);

CREATE UNIQUE INDEX ux_compliance_log_files_end ON compliance_log_files (workspace_id, end_time);
CREATE UNIQUE INDEX ux_compliance_log_files_range ON compliance_log_files (workspace_id, event_type, first_seq);
CREATE INDEX ix_compliance_log_files_type_end ON compliance_log_files (workspace_id, event_type, end_time);

-- eDiscovery export jobs. filter, requested_by and files are JSON text, as on SQLite.
CREATE TABLE compliance_exports (
    workspace_id  text        NOT NULL,
    export_id     text        NOT NULL,
    status        text        NOT NULL,
    filter        text        NOT NULL,
    requested_by  text        NOT NULL,
    justification text,
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    completed_at  timestamptz,
    upto_seq      bigint,
    record_count  bigint      NOT NULL DEFAULT 0,
    bytes         bigint      NOT NULL DEFAULT 0,
    error         text,
    files         text,
    PRIMARY KEY (workspace_id, export_id)
);

CREATE INDEX ix_compliance_exports_status ON compliance_exports (status, created_at) WHERE status IN ('queued', 'running');
