-- AgentLedger PostgreSQL schema, version 2: analytics read paths, per-comment review engagement, GitHub integration.
-- Mirrors SQLite's 0002_analytics.sql.

CREATE INDEX ix_usage_hourly_user ON usage_hourly (workspace_id, user_id, hour_start);

-- One row per AI review comment: its bucket (hour of the comment record) and dimensions, plus the state that
-- comment_response_details needs. A reply or reaction that arrives before its comment creates the row with
-- hour_start NULL; the comment fills it in. Engagement is a state of a comment, not a sum, so it is not in usage_hourly.
CREATE TABLE review_comments (
    workspace_id    text        NOT NULL,
    comment_id      text        NOT NULL,
    hour_start      timestamptz,
    user_id         text        NOT NULL DEFAULT '',
    team            text        NOT NULL DEFAULT '',
    client_id       text        NOT NULL DEFAULT '',
    model           text        NOT NULL DEFAULT '',
    agent           text        NOT NULL DEFAULT '',
    surface         text        NOT NULL DEFAULT '',
    replies         bigint      NOT NULL DEFAULT 0,
    upvotes         bigint      NOT NULL DEFAULT 0,
    downvotes       bigint      NOT NULL DEFAULT 0,
    other_reactions bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, comment_id)
);

CREATE INDEX ix_review_comments_hour ON review_comments (workspace_id, hour_start, user_id) WHERE hour_start IS NOT NULL;

-- Daily (UTC) rollup: usage_hourly's grain with the hour replaced by its UTC day, kept by the writer in the same
-- transaction. Whole-UTC-day reads (the Codex API, UTC day and week buckets) read one row per day instead of 24.
CREATE TABLE usage_daily (
    workspace_id          text          NOT NULL,
    day_start             timestamptz   NOT NULL,
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
    PRIMARY KEY (workspace_id, day_start, user_id, team, client_id, model)
);

INSERT INTO usage_daily (workspace_id, day_start, user_id, team, client_id, model, agent, surface, records, threads, turns, messages, tool_calls, errors, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd, credits, duration_ms, cloud_tasks_created, cloud_tasks_completed, cloud_tasks_failed, reviews, review_comments, comments_p0, comments_p1, comments_p2, comments_p3, replies, reactions_up, reactions_down, reactions_other)
SELECT workspace_id, date_trunc('day', hour_start, 'UTC'), user_id, team, client_id, model, min(agent), min(surface), sum(records), sum(threads), sum(turns), sum(messages), sum(tool_calls), sum(errors), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd), sum(credits), sum(duration_ms), sum(cloud_tasks_created), sum(cloud_tasks_completed), sum(cloud_tasks_failed), sum(reviews), sum(review_comments), sum(comments_p0), sum(comments_p1), sum(comments_p2), sum(comments_p3), sum(replies), sum(reactions_up), sum(reactions_down), sum(reactions_other)
FROM usage_hourly
GROUP BY workspace_id, date_trunc('day', hour_start, 'UTC'), user_id, team, client_id, model;

-- GitHub webhook settings per workspace. The secret is kept as sent: verifying X-Hub-Signature-256 needs it.
CREATE TABLE github_integrations (
    workspace_id    text        NOT NULL PRIMARY KEY REFERENCES workspaces (workspace_id),
    webhook_secret  text        NOT NULL,
    reviewer_logins text[]      NOT NULL,
    client_id       text        NOT NULL,
    updated_at      timestamptz NOT NULL
);
