-- Local dashboard accounts (issue 6). Numbered 0004: 0003 is taken by the compliance tables on their branch.
-- email_key is the lower-cased e-mail, so that sign-in is case-insensitive and an address is used once.
-- A small administrative table: with Citus, a reference table.
CREATE TABLE dashboard_accounts (
    account_id    text        NOT NULL PRIMARY KEY,
    email         text        NOT NULL,
    email_key     text        NOT NULL UNIQUE,
    workspace_id  text        NOT NULL REFERENCES workspaces (workspace_id),
    role          text        NOT NULL,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL,
    disabled_at   timestamptz
);
