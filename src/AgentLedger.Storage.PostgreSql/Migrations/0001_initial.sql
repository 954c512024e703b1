-- AgentLedger PostgreSQL schema, version 1. The same tables as SQLite's 0001, in PostgreSQL's types:
-- timestamptz for times (microsecond precision, as SQLite keeps), numeric(20,6) for money (exact sums).
-- Every primary and unique key leads with workspace_id, so that every table can be distributed by it
-- (e.g. Citus); the one exception, api_keys.key_id, is explained below and in docs/adr/0002-postgresql-seq.md.

CREATE TABLE workspaces (
    workspace_id text        NOT NULL PRIMARY KEY,
    name         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    -- highest seq assigned; read and advanced under this row's lock by the writer that holds it, so seq is
    -- gap-free and in commit order however many instances write (docs/adr/0002-postgresql-seq.md)
    last_seq     bigint      NOT NULL DEFAULT 0
);

CREATE TABLE api_keys (
    workspace_id text        NOT NULL REFERENCES workspaces (workspace_id),
    key_id       text        NOT NULL,
    name         text        NOT NULL,
    scopes       text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    PRIMARY KEY (workspace_id, key_id)
);

-- Authentication looks a key up before it knows the workspace (the key decides the workspace), so key ids are
-- unique across workspaces. With Citus this small table is a reference table, not a distributed one.
CREATE UNIQUE INDEX ux_api_keys_key_id ON api_keys (key_id);

CREATE TABLE users (
    workspace_id text        NOT NULL,
    user_id      text        NOT NULL,
    email        text,
    display_name text,
    team         text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE UNIQUE INDEX ux_users_email ON users (workspace_id, email) WHERE email IS NOT NULL;

-- every identifier (email:…, account:…, external:…, login:…) a user was seen under
CREATE TABLE user_identifiers (
    workspace_id text NOT NULL,
    identifier   text NOT NULL,
    user_id      text NOT NULL,
    PRIMARY KEY (workspace_id, identifier)
);

-- Partitioned by month of occurred_at, so that retention drops whole partitions instead of deleting rows.
-- A unique key of a partitioned table must contain the partition key, so (workspace_id, event_id) cannot be
-- unique here: dedupe and seq uniqueness live in record_event_ids below. Partitions are created by the
-- application (PostgreSqlRecordPartitions), ahead of time and on demand for late events.
CREATE TABLE records (
    workspace_id        text          NOT NULL,
    seq                 bigint        NOT NULL,
    occurred_at         timestamptz   NOT NULL,
    record_id           text          NOT NULL,
    event_id            text          NOT NULL,
    received_at         timestamptz   NOT NULL,
    source              text          NOT NULL,
    kind                text          NOT NULL,
    user_id             text,
    actor               jsonb         NOT NULL,
    team                text,
    client_ip           text,
    user_agent          text,
    agent               text          NOT NULL,
    client_id           text          NOT NULL,
    surface             text          NOT NULL,
    client_version      text,
    session_id          text,
    turn_id             text,
    model               text,
    status              text,
    error               text,
    input_tokens        bigint        NOT NULL,
    cached_input_tokens bigint        NOT NULL,
    output_tokens       bigint        NOT NULL,
    reasoning_tokens    bigint        NOT NULL,
    cost_usd            numeric(20,6),
    credits             numeric(20,6),
    duration_ms         bigint,
    prompt_text         text,
    response_text       text,
    tool_name           text,
    tool_input          text,
    tool_output         text,
    review_repository   text,
    review_pull_request bigint,
    review_id           text,
    review_comment_id   text,
    review_priority     text,
    review_reaction     text,
    -- json, not jsonb: "everything else the source sent, losslessly" keeps key order and duplicate keys
    attributes          json,
    PRIMARY KEY (workspace_id, seq, occurred_at)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX ix_records_occurred ON records (workspace_id, occurred_at);
CREATE INDEX ix_records_user ON records (workspace_id, user_id, occurred_at);
CREATE INDEX ix_records_session ON records (workspace_id, session_id, seq) WHERE session_id IS NOT NULL;

-- One row per stored record, not partitioned: the idempotency key (workspace_id, event_id) and the global
-- uniqueness of (workspace_id, seq) that the partitioned table cannot enforce. It also tells in which partition
-- a seq lives. Retention that drops a month of records keeps these rows, so a re-sent purged event stays a
-- duplicate instead of coming back.
CREATE TABLE record_event_ids (
    workspace_id text        NOT NULL,
    event_id     text        NOT NULL,
    seq          bigint      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, event_id)
);

CREATE UNIQUE INDEX ux_record_event_ids_seq ON record_event_ids (workspace_id, seq);

-- first record of each session: a thread is counted once, in the bucket of its first record
CREATE TABLE sessions (
    workspace_id      text        NOT NULL,
    session_id        text        NOT NULL,
    first_seq         bigint      NOT NULL,
    first_occurred_at timestamptz NOT NULL,
    user_id           text,
    client_id         text        NOT NULL,
    PRIMARY KEY (workspace_id, session_id)
);

-- hourly rollup: workspace × hour × user × team × client × model; every counter is a sum
CREATE TABLE usage_hourly (
    workspace_id          text          NOT NULL,
    hour_start            timestamptz   NOT NULL,
    user_id               text          NOT NULL,
    team                  text          NOT NULL,
    client_id             text          NOT NULL,
    model                 text          NOT NULL,
    agent                 text          NOT NULL,
    surface               text          NOT NULL,
    records               bigint        NOT NULL DEFAULT 0,
    threads               bigint        NOT NULL DEFAULT 0,
    turns                 bigint        NOT NULL DEFAULT 0,
    messages              bigint        NOT NULL DEFAULT 0,
    tool_calls            bigint        NOT NULL DEFAULT 0,
    errors                bigint        NOT NULL DEFAULT 0,
    input_tokens          bigint        NOT NULL DEFAULT 0,
    cached_input_tokens   bigint        NOT NULL DEFAULT 0,
    output_tokens         bigint        NOT NULL DEFAULT 0,
    reasoning_tokens      bigint        NOT NULL DEFAULT 0,
    cost_usd              numeric(20,6) NOT NULL DEFAULT 0,
    credits               numeric(20,6) NOT NULL DEFAULT 0,
    duration_ms           bigint        NOT NULL DEFAULT 0,
    cloud_tasks_created   bigint        NOT NULL DEFAULT 0,
    cloud_tasks_completed bigint        NOT NULL DEFAULT 0,
    cloud_tasks_failed    bigint        NOT NULL DEFAULT 0,
    reviews               bigint        NOT NULL DEFAULT 0,
    review_comments       bigint        NOT NULL DEFAULT 0,
    comments_p0           bigint        NOT NULL DEFAULT 0,
    comments_p1           bigint        NOT NULL DEFAULT 0,
    comments_p2           bigint        NOT NULL DEFAULT 0,
    comments_p3           bigint        NOT NULL DEFAULT 0,
    replies               bigint        NOT NULL DEFAULT 0,
    reactions_up          bigint        NOT NULL DEFAULT 0,
    reactions_down        bigint        NOT NULL DEFAULT 0,
    reactions_other       bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, hour_start, user_id, team, client_id, model)
);
