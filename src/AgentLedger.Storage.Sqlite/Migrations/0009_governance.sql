-- Budgets, alert channels, privacy settings and the durable record of governance alerts (issue 13).
-- Money is integer micro-units, times Unix microseconds, as everywhere in this schema.
CREATE TABLE budgets (
    workspace_id  TEXT    NOT NULL,
    budget_id     TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    scope         TEXT    NOT NULL, -- workspace | team | user
    scope_value   TEXT    NOT NULL, -- team name or user id; empty for the workspace
    period        TEXT    NOT NULL, -- day | week | month
    unit          TEXT    NOT NULL, -- credits | usd
    amount_micros INTEGER NOT NULL,
    thresholds    TEXT    NOT NULL, -- ascending percentages, comma-separated
    mode          TEXT    NOT NULL, -- alert_only | block
    time_zone     TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, budget_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE alert_channels (
    workspace_id TEXT    NOT NULL,
    channel_id   TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL, -- webhook | slack | email
    target       TEXT    NOT NULL,
    secret       TEXT,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, channel_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE governance_settings (
    workspace_id       TEXT    NOT NULL PRIMARY KEY,
    pseudonymise_users INTEGER NOT NULL,
    min_group_size     INTEGER NOT NULL,
    report_show_names  INTEGER NOT NULL,
    report_schedule    TEXT    NOT NULL, -- off | weekly | monthly
    report_time_zone   TEXT    NOT NULL,
    pseudonym_key      BLOB    NOT NULL,
    updated_at         INTEGER NOT NULL
) STRICT;

-- One row per alert or report; the unique dedupe key (budget + period + threshold, user + day, report period)
-- is what makes each go out once, however many instances evaluate the same budgets.
CREATE TABLE governance_notifications (
    workspace_id    TEXT    NOT NULL,
    notification_id TEXT    NOT NULL, -- UUIDv7, time-sortable
    dedupe_key      TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, notification_id)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX ux_governance_notifications_dedupe ON governance_notifications (workspace_id, dedupe_key);

CREATE TABLE notification_deliveries (
    workspace_id    TEXT    NOT NULL,
    notification_id TEXT    NOT NULL,
    channel_id      TEXT    NOT NULL,
    status          TEXT    NOT NULL, -- pending | delivered | abandoned
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    delivered_at    INTEGER,
    last_error      TEXT,
    PRIMARY KEY (workspace_id, notification_id, channel_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
