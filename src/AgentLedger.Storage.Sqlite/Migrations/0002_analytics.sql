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

-- GitHub webhook settings per workspace. The secret is kept as sent: verifying X-Hub-Signature-256 needs it.
CREATE TABLE github_integrations (
    workspace_id    TEXT    NOT NULL PRIMARY KEY REFERENCES workspaces (workspace_id),
    webhook_secret  TEXT    NOT NULL,
    reviewer_logins TEXT    NOT NULL, -- JSON array of lower-cased bot logins
    client_id       TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
