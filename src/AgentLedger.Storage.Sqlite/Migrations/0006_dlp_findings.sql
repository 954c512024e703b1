-- AgentLedger SQLite schema, version 6: DLP findings as first-class data (issue 8). Numbered 6 because 5 belongs to
-- another branch (hash chain, retention, legal hold); the two touch different tables.
-- Written by the single writer in the same transaction as the records they belong to. Never holds a finding's value:
-- only where it is and its keyed hash (HMAC-SHA256 under the server's DLP hash key).

CREATE TABLE dlp_findings (
    workspace_id    TEXT    NOT NULL,
    seq             INTEGER NOT NULL,  -- the record's seq
    ordinal         INTEGER NOT NULL,  -- position among the record's findings
    record_id       TEXT    NOT NULL,
    occurred_at     INTEGER NOT NULL,  -- the record's, Unix microseconds
    user_id         TEXT,
    session_id      TEXT,
    agent           TEXT    NOT NULL,
    rule            TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    field           TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    start           INTEGER NOT NULL,  -- UTF-16 offsets in the text as stored
    length          INTEGER NOT NULL,
    original_start  INTEGER NOT NULL,  -- UTF-16 offsets in the text as sent
    original_length INTEGER NOT NULL,
    value_hash      TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, seq, ordinal)
) STRICT, WITHOUT ROWID;

-- Searches page on (seq, ordinal); each index leads with what a search narrows by, then seq for the cursor.
CREATE INDEX ix_dlp_findings_rule ON dlp_findings (workspace_id, rule, seq);
CREATE INDEX ix_dlp_findings_category ON dlp_findings (workspace_id, category, action, seq);
CREATE INDEX ix_dlp_findings_user ON dlp_findings (workspace_id, user_id, seq);
CREATE INDEX ix_dlp_findings_time ON dlp_findings (workspace_id, occurred_at);
CREATE INDEX ix_dlp_findings_hash ON dlp_findings (workspace_id, value_hash);

-- Findings per UTC hour by rule and action, updated with the findings: analytics reads only this.
CREATE TABLE dlp_finding_hours (
    workspace_id TEXT    NOT NULL,
    hour_start   INTEGER NOT NULL,  -- Unix seconds
    rule         TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    findings     INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, hour_start, rule, action)
) STRICT, WITHOUT ROWID;

-- The generated DLP hash key when Dlp:HashKey is not configured: created once, kept so that equal values still
-- correlate after a restart. One row.
CREATE TABLE dlp_keys (
    key_name   TEXT    NOT NULL PRIMARY KEY,
    key_bytes  BLOB    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
