-- AgentLedger PostgreSQL schema, version 5: the hash chain of records, retention and legal holds (issue 8).
-- See docs/adr/0005-hash-chain-retention-and-holds.md. Same tables and meaning as SQLite's 0005.

-- Per record: SHA-256 of its content fields and its chain hash, written by the writer in the insert's transaction
-- under the workspace lock. Records stored before this migration are hashed by the migrator right after it.
ALTER TABLE records
    ADD COLUMN content_sha256    bytea,
    ADD COLUMN chain_sha256      bytea,
    ADD COLUMN content_purged_at timestamptz;

-- Per workspace: chain head and metadata purge checkpoint (records up to purged_seq deleted; chain resumes from
-- purged_sha256).
CREATE TABLE record_chain_heads (
    workspace_id  text   NOT NULL PRIMARY KEY,
    head_seq      bigint NOT NULL,
    head_sha256   bytea  NOT NULL,
    purged_seq    bigint NOT NULL DEFAULT 0,
    purged_sha256 bytea
);

ALTER TABLE compliance_log_files
    ADD COLUMN chain_sha256      bytea,
    ADD COLUMN content_purged_at timestamptz;

CREATE TABLE legal_holds (
    workspace_id text        NOT NULL,
    hold_id      text        NOT NULL,
    name         text        NOT NULL,
    reason       text,
    filter       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    released_at  timestamptz,
    released_by  text,
    PRIMARY KEY (workspace_id, hold_id)
);
