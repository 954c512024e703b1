-- AgentLedger PostgreSQL schema, version 6: DLP findings as first-class data (issue 8), the same tables as SQLite's
-- 0006. Numbered 6 because 5 belongs to another branch (hash chain, retention, legal hold); the two touch different
-- tables. Written in the same transaction as the records they belong to. Never holds a finding's value: only where
-- it is and its keyed hash (HMAC-SHA256 under the server's DLP hash key). Every key leads with workspace_id.

CREATE TABLE dlp_findings (
    workspace_id    text        NOT NULL,
    seq             bigint      NOT NULL,
    ordinal         integer     NOT NULL,
    record_id       text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    user_id         text,
    session_id      text,
    agent           text        NOT NULL,
    rule            text        NOT NULL,
    category        text        NOT NULL,
    field           text        NOT NULL,
    action          text        NOT NULL,
    start           integer     NOT NULL,
    length          integer     NOT NULL,
    original_start  integer     NOT NULL,
    original_length integer     NOT NULL,
    value_hash      text        NOT NULL,
    PRIMARY KEY (workspace_id, seq, ordinal)
);

CREATE INDEX ix_dlp_findings_rule ON dlp_findings (workspace_id, rule, seq);
CREATE INDEX ix_dlp_findings_category ON dlp_findings (workspace_id, category, action, seq);
CREATE INDEX ix_dlp_findings_user ON dlp_findings (workspace_id, user_id, seq);
CREATE INDEX ix_dlp_findings_time ON dlp_findings (workspace_id, occurred_at);
CREATE INDEX ix_dlp_findings_hash ON dlp_findings (workspace_id, value_hash);

CREATE TABLE dlp_finding_hours (
    workspace_id text        NOT NULL,
    hour_start   timestamptz NOT NULL,
    rule         text        NOT NULL,
    action       text        NOT NULL,
    category     text        NOT NULL,
    findings     bigint      NOT NULL,
    PRIMARY KEY (workspace_id, hour_start, rule, action)
);

CREATE TABLE dlp_keys (
    key_name   text        NOT NULL PRIMARY KEY,
    key_bytes  bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
