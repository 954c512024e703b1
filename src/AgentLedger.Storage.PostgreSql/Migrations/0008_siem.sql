-- SIEM destinations and their delivery progress (issue 10). One row per destination holds its configuration and its
-- durable checkpoint on the seq of its source (records or the audit log); permanently rejected items are kept in
-- siem_set_aside so that they stay visible while the rest flows. Both lead with workspace_id, so that they can be
-- distributed with the records (Citus).
CREATE TABLE siem_destinations (
    workspace_id         text        NOT NULL REFERENCES workspaces (workspace_id),
    destination_id       text        NOT NULL,
    name                 text        NOT NULL,
    kind                 text        NOT NULL,
    enabled              boolean     NOT NULL,
    format               text        NOT NULL,
    content_level        text        NOT NULL,
    filter               text        NOT NULL,
    endpoint             text        NOT NULL,
    secrets              text        NOT NULL,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    checkpoint_seq       bigint      NOT NULL,
    attempted_seq        bigint      NOT NULL,
    delivered_count      bigint      NOT NULL DEFAULT 0,
    redelivered_count    bigint      NOT NULL DEFAULT 0,
    set_aside_count      bigint      NOT NULL DEFAULT 0,
    last_success_at      timestamptz,
    last_error_at        timestamptz,
    last_error           text,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, destination_id)
);

CREATE TABLE siem_set_aside (
    workspace_id   text        NOT NULL,
    destination_id text        NOT NULL,
    seq            bigint      NOT NULL,
    set_aside_at   timestamptz NOT NULL,
    error          text        NOT NULL,
    PRIMARY KEY (workspace_id, destination_id, seq),
    FOREIGN KEY (workspace_id, destination_id) REFERENCES siem_destinations (workspace_id, destination_id) ON DELETE CASCADE
);
