-- Budgets, alert channels, privacy settings and the durable record of governance alerts (issue 13).
-- Every key leads with workspace_id, so the tables can be distributed by it.
CREATE TABLE budgets (
    workspace_id text          NOT NULL,
    budget_id    text          NOT NULL,
    name         text          NOT NULL,
    scope        text          NOT NULL, -- workspace | team | user
    scope_value  text          NOT NULL, -- team name or user id; empty for the workspace
    period       text          NOT NULL, -- day | week | month
    unit         text          NOT NULL, -- credits | usd
    amount       numeric(20,6) NOT NULL,
    thresholds   text          NOT NULL, -- ascending percentages, comma-separated
    mode         text          NOT NULL, -- alert_only | block
    time_zone    text          NOT NULL,
    created_at   timestamptz   NOT NULL,
    updated_at   timestamptz   NOT NULL,
    PRIMARY KEY (workspace_id, budget_id)
);

CREATE TABLE alert_channels (
    workspace_id text        NOT NULL,
    channel_id   text        NOT NULL,
    name         text        NOT NULL,
    kind         text        NOT NULL, -- webhook | slack | email
    target       text        NOT NULL,
    secret       text,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, channel_id)
);

CREATE TABLE governance_settings (
    workspace_id       text        NOT NULL PRIMARY KEY,
    pseudonymise_users boolean     NOT NULL,
    min_group_size     integer     NOT NULL,
    report_show_names  boolean     NOT NULL,
    report_schedule    text        NOT NULL, -- off | weekly | monthly
    report_time_zone   text        NOT NULL,
    pseudonym_key      bytea       NOT NULL,
    updated_at         timestamptz NOT NULL
);

-- One row per alert or report; the unique dedupe key (budget + period + threshold, user + day, report period)
-- is what makes each go out once, however many instances evaluate the same budgets.
CREATE TABLE governance_notifications (
    workspace_id    text        NOT NULL,
    notification_id text        NOT NULL, -- UUIDv7, time-sortable
    dedupe_key      text        NOT NULL,
    kind            text        NOT NULL,
    subject         text        NOT NULL,
    payload         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (workspace_id, notification_id),
    UNIQUE (workspace_id, dedupe_key)
);

CREATE TABLE notification_deliveries (
    workspace_id    text        NOT NULL,
    notification_id text        NOT NULL,
    channel_id      text        NOT NULL,
    status          text        NOT NULL, -- pending | delivered | abandoned
    attempts        integer     NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    delivered_at    timestamptz,
    last_error      text,
    PRIMARY KEY (workspace_id, notification_id, channel_id)
);

CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
