-- SIEM destinations and their delivery progress (issue 10). One row per destination holds its configuration and its
-- durable checkpoint on the seq of its source (records or the audit log); permanently rejected items are kept in
-- siem_set_aside so that they stay visible while the rest flows. Times are Unix microseconds.
CREATE TABLE siem_destinations (
    workspace_id         TEXT    NOT NULL REFERENCES workspaces (workspace_id),
    destination_id       TEXT    NOT NULL,
    name                 TEXT    NOT NULL,
    kind                 TEXT    NOT NULL,
    enabled              INTEGER NOT NULL,
    format               TEXT    NOT NULL,
    content_level        TEXT    NOT NULL,
    filter               TEXT    NOT NULL,
    endpoint             TEXT    NOT NULL,
    secrets              TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    checkpoint_seq       INTEGER NOT NULL,
    attempted_seq        INTEGER NOT NULL,
    delivered_count      INTEGER NOT NULL DEFAULT 0,
    redelivered_count    INTEGER NOT NULL DEFAULT 0,
    set_aside_count      INTEGER NOT NULL DEFAULT 0,
    last_success_at      INTEGER,
    last_error_at        INTEGER,
    last_error           TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, destination_id)
) STRICT;

CREATE TABLE siem_set_aside (
    workspace_id   TEXT    NOT NULL,
    destination_id TEXT    NOT NULL,
    seq            INTEGER NOT NULL,
    set_aside_at   INTEGER NOT NULL,
    error          TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, destination_id, seq),
    FOREIGN KEY (workspace_id, destination_id) REFERENCES siem_destinations (workspace_id, destination_id) ON DELETE CASCADE
) STRICT;
