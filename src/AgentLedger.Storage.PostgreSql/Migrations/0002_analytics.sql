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

-- GitHub webhook settings per workspace. The secret is kept as sent: verifying X-Hub-Signature-256 needs it.
CREATE TABLE github_integrations (
    workspace_id    text        NOT NULL PRIMARY KEY REFERENCES workspaces (workspace_id),
    webhook_secret  text        NOT NULL,
    reviewer_logins text[]      NOT NULL,
    client_id       text        NOT NULL,
    updated_at      timestamptz NOT NULL
);
