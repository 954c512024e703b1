-- AgentLedger SQLite schema, version 14: records become an ordinary rowid table (issue 11, ingest throughput; measured
-- in docs/perf/ingest-throughput.md, "Third pass").
-- Until now records was WITHOUT ROWID, keyed (workspace_id, seq). A WITHOUT ROWID table is an index B-tree, whose cells
-- hold at most ~1 KB of a row on a 4 KiB page before the rest spills to overflow pages: an OTLP record (its lossless
-- attributes JSON alone is 1–6 KB) spilled nearly every time, so the table took ~4.6 KiB per record where a rowid table
-- takes ~2.4 KiB, and each group commit wrote about twice the WAL bytes. SQLite itself advises rowid tables for rows
-- larger than ~1/20 of a page (https://sqlite.org/withoutrowid.html, "When To Use WITHOUT ROWID").
-- Same columns in the same order, same values, same indexes; (workspace_id, seq) keeps its uniqueness through a unique
-- index, which every seq-ordered read walks in the same order as the old primary key. The rows are copied in
-- (workspace_id, seq) order, so rowid order follows seq within a workspace, as new inserts by the single writer do.
-- Stored bytes do not change, so the content and chain hashes stay valid. This rewrites the table: on a large store it
-- takes time and, until the WAL is checkpointed, about the table's size again in disk space (see the perf doc).
CREATE TABLE records_rowid (
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
    content_sha256      BLOB,
    chain_sha256        BLOB,
    content_purged_at   INTEGER
) STRICT;

INSERT INTO records_rowid (
    workspace_id, seq, record_id, event_id, occurred_at, received_at, source, kind, user_id, actor, team, client_ip,
    user_agent, agent, client_id, surface, client_version, session_id, turn_id, model, status, error, input_tokens,
    cached_input_tokens, output_tokens, reasoning_tokens, cost_usd_micros, credits_micros, duration_ms, prompt_text,
    response_text, tool_name, tool_input, tool_output, review_repository, review_pull_request, review_id,
    review_comment_id, review_priority, review_reaction, attributes, content_sha256, chain_sha256, content_purged_at)
SELECT
    workspace_id, seq, record_id, event_id, occurred_at, received_at, source, kind, user_id, actor, team, client_ip,
    user_agent, agent, client_id, surface, client_version, session_id, turn_id, model, status, error, input_tokens,
    cached_input_tokens, output_tokens, reasoning_tokens, cost_usd_micros, credits_micros, duration_ms, prompt_text,
    response_text, tool_name, tool_input, tool_output, review_repository, review_pull_request, review_id,
    review_comment_id, review_priority, review_reaction, attributes, content_sha256, chain_sha256, content_purged_at
FROM records
ORDER BY workspace_id, seq;

-- Dropping the old table drops its indexes; they are rebuilt below from the copied rows (one sort each).
DROP TABLE records;
ALTER TABLE records_rowid RENAME TO records;

CREATE UNIQUE INDEX ux_records_seq ON records (workspace_id, seq);
CREATE UNIQUE INDEX ux_records_event ON records (workspace_id, event_id);
CREATE INDEX ix_records_occurred ON records (workspace_id, occurred_at);
CREATE INDEX ix_records_user ON records (workspace_id, user_id, occurred_at);
CREATE INDEX ix_records_session ON records (workspace_id, session_id, seq) WHERE session_id IS NOT NULL;
CREATE INDEX ix_records_content_purge ON records (workspace_id, occurred_at) WHERE content_purged_at IS NULL;
