-- AgentLedger SQLite schema, version 1.
-- Times are Unix microseconds (INTEGER) unless the column says seconds; money is integer micro-units,
-- so that rollup sums are exact. Every key leads with workspace_id, as on PostgreSQL.

CREATE TABLE workspaces (
    workspace_id TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    -- highest seq assigned; advanced only by the single writer inside its transaction, so seq is gap-free
    last_seq     INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE api_keys (
    key_id       TEXT    NOT NULL PRIMARY KEY,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (workspace_id),
    name         TEXT    NOT NULL,
    scopes       TEXT    NOT NULL,
    secret_hash  BLOB    NOT NULL,
    created_at   INTEGER NOT NULL,
    revoked_at   INTEGER
) STRICT;

CREATE INDEX ix_api_keys_workspace ON api_keys (workspace_id, key_id);

CREATE TABLE users (
    workspace_id TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    email        TEXT,
    display_name TEXT,
    team         TEXT,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_users_email ON users (workspace_id, email) WHERE email IS NOT NULL;

-- every identifier (email:…, account:…, external:…, login:…) a user was seen under
CREATE TABLE user_identifiers (
    workspace_id TEXT NOT NULL,
    identifier   TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, identifier)
) STRICT, WITHOUT ROWID;

CREATE TABLE records (
    workspace_id        TEXT    NOT NULL,
    seq                 INTEGER NOT NULL,
    record_id           TEXT    NOT NULL,
    event_id            TEXT    NOT NULL,
    occurred_at         INTEGER NOT NULL,
    received_at         INTEGER NOT NULL,
    source              TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    user_id             TEXT,
    actor               TEXT    NOT NULL,
    team                TEXT,
    client_ip           TEXT,
    user_agent          TEXT,
    agent               TEXT    NOT NULL,
    client_id           TEXT    NOT NULL,
    surface             TEXT    NOT NULL,
    client_version      TEXT,
    session_id          TEXT,
    turn_id             TEXT,
    model               TEXT,
    status              TEXT,
    error               TEXT,
    input_tokens        INTEGER NOT NULL,
    cached_input_tokens INTEGER NOT NULL,
    output_tokens       INTEGER NOT NULL,
    reasoning_tokens    INTEGER NOT NULL,
    cost_usd_micros     INTEGER,
    credits_micros      INTEGER,
    duration_ms         INTEGER,
    prompt_text         TEXT,
    response_text       TEXT,
    tool_name           TEXT,
    tool_input          TEXT,
    tool_output         TEXT,
    review_repository   TEXT,
    review_pull_request INTEGER,
    review_id           TEXT,
    review_comment_id   TEXT,
    review_priority     TEXT,
    review_reaction     TEXT,
    attributes          TEXT,
    PRIMARY KEY (workspace_id, seq)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_records_event ON records (workspace_id, event_id);
CREATE INDEX ix_records_occurred ON records (workspace_id, occurred_at);
CREATE INDEX ix_records_user ON records (workspace_id, user_id, occurred_at);
CREATE INDEX ix_records_session ON records (workspace_id, session_id, seq) WHERE session_id IS NOT NULL;

-- first record of each session: a thread is counted once, in the bucket of its first record
CREATE TABLE sessions (
    workspace_id      TEXT    NOT NULL,
    session_id        TEXT    NOT NULL,
    first_seq         INTEGER NOT NULL,
    first_occurred_at INTEGER NOT NULL,
    user_id           TEXT,
    client_id         TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, session_id)
) STRICT, WITHOUT ROWID;

-- hourly rollup: workspace × hour × user × team × client × model; every counter is a sum
CREATE TABLE usage_hourly (
    workspace_id          TEXT    NOT NULL,
    hour_start            INTEGER NOT NULL, -- Unix seconds
    user_id               TEXT    NOT NULL,
    team                  TEXT    NOT NULL,
    client_id             TEXT    NOT NULL,
    model                 TEXT    NOT NULL,
    agent                 TEXT    NOT NULL,
    surface               TEXT    NOT NULL,
    records               INTEGER NOT NULL DEFAULT 0,
    threads               INTEGER NOT NULL DEFAULT 0,
    turns                 INTEGER NOT NULL DEFAULT 0,
    messages              INTEGER NOT NULL DEFAULT 0,
    tool_calls            INTEGER NOT NULL DEFAULT 0,
    errors                INTEGER NOT NULL DEFAULT 0,
    input_tokens          INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens   INTEGER NOT NULL DEFAULT 0,
    output_tokens         INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens      INTEGER NOT NULL DEFAULT 0,
    cost_usd              INTEGER NOT NULL DEFAULT 0, -- micro-USD
    credits               INTEGER NOT NULL DEFAULT 0, -- micro-credits
    duration_ms           INTEGER NOT NULL DEFAULT 0,
    cloud_tasks_created   INTEGER NOT NULL DEFAULT 0,
    cloud_tasks_completed INTEGER NOT NULL DEFAULT 0,
    cloud_tasks_failed    INTEGER NOT NULL DEFAULT 0,
    reviews               INTEGER NOT NULL DEFAULT 0,
    review_comments       INTEGER NOT NULL DEFAULT 0,
    comments_p0           INTEGER NOT NULL DEFAULT 0,
    comments_p1           INTEGER NOT NULL DEFAULT 0,
    comments_p2           INTEGER NOT NULL DEFAULT 0,
    comments_p3           INTEGER NOT NULL DEFAULT 0,
    replies               INTEGER NOT NULL DEFAULT 0,
    reactions_up          INTEGER NOT NULL DEFAULT 0,
    reactions_down        INTEGER NOT NULL DEFAULT 0,
    reactions_other       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, hour_start, user_id, team, client_id, model)
) STRICT, WITHOUT ROWID;
