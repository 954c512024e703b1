-- AgentLedger SQLite schema, version 2: analytics read paths, per-comment review engagement, GitHub integration.

-- Per-user filters and rankings seek by user first, then hour.
CREATE INDEX ix_usage_hourly_user ON usage_hourly (workspace_id, user_id, hour_start);

-- One row per AI review comment: its bucket (hour of the comment record) and dimensions, plus the state that
-- comment_response_details needs (whether it was replied to, up-, down- or otherwise reacted to). A reply or a
-- reaction that arrives before its comment creates the row with hour_start NULL; the comment fills it in.
-- Engagement is a state of a comment, not a sum of events, so it cannot live in usage_hourly.
CREATE TABLE review_comments (
    workspace_id TEXT    NOT NULL,
    comment_id   TEXT    NOT NULL,
    hour_start   INTEGER,          -- Unix seconds of the comment record's hour; NULL until the comment is stored
    user_id      TEXT    NOT NULL DEFAULT '',
    team         TEXT    NOT NULL DEFAULT '',
    client_id    TEXT    NOT NULL DEFAULT '',
    model        TEXT    NOT NULL DEFAULT '',
    agent        TEXT    NOT NULL DEFAULT '',
    surface      TEXT    NOT NULL DEFAULT '',
    replies      INTEGER NOT NULL DEFAULT 0,
    upvotes      INTEGER NOT NULL DEFAULT 0,
    downvotes    INTEGER NOT NULL DEFAULT 0,
    other_reactions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, comment_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_review_comments_hour ON review_comments (workspace_id, hour_start, user_id) WHERE hour_start IS NOT NULL;

-- Daily (UTC) rollup: usage_hourly's grain with the hour replaced by its UTC day, kept by the writer in the same
-- transaction. Whole-UTC-day reads (the Codex API, UTC day and week buckets) read one row per day instead of 24.
CREATE TABLE usage_daily (
    workspace_id          TEXT    NOT NULL,
    day_start             INTEGER NOT NULL, -- Unix seconds of 00:00 UTC
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
    cost_usd              INTEGER NOT NULL DEFAULT 0,
    credits               INTEGER NOT NULL DEFAULT 0,
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
    PRIMARY KEY (workspace_id, day_start, user_id, team, client_id, model)
) STRICT, WITHOUT ROWID;

INSERT INTO usage_daily (workspace_id, day_start, user_id, team, client_id, model, agent, surface, records, threads, turns, messages, tool_calls, errors, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd, credits, duration_ms, cloud_tasks_created, cloud_tasks_completed, cloud_tasks_failed, reviews, review_comments, comments_p0, comments_p1, comments_p2, comments_p3, replies, reactions_up, reactions_down, reactions_other)
SELECT workspace_id, hour_start - hour_start % 86400, user_id, team, client_id, model, min(agent), min(surface), sum(records), sum(threads), sum(turns), sum(messages), sum(tool_calls), sum(errors), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd), sum(credits), sum(duration_ms), sum(cloud_tasks_created), sum(cloud_tasks_completed), sum(cloud_tasks_failed), sum(reviews), sum(review_comments), sum(comments_p0), sum(comments_p1), sum(comments_p2), sum(comments_p3), sum(replies), sum(reactions_up), sum(reactions_down), sum(reactions_other)
FROM usage_hourly
GROUP BY workspace_id, hour_start - hour_start % 86400, user_id, team, client_id, model;

-- GitHub webhook settings per workspace. The secret is kept as sent: verifying X-Hub-Signature-256 needs it.
CREATE TABLE github_integrations (
    workspace_id    TEXT    NOT NULL PRIMARY KEY REFERENCES workspaces (workspace_id),
    webhook_secret  TEXT    NOT NULL,
    reviewer_logins TEXT    NOT NULL, -- JSON array of lower-cased bot logins
    client_id       TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
