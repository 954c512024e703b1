-- Local dashboard accounts (issue 6). Numbered 0004: 0003 is taken by the compliance tables on their branch.
-- email_key is the lower-cased e-mail, so that sign-in is case-insensitive and an address is used once.
CREATE TABLE dashboard_accounts (
    account_id    TEXT    NOT NULL PRIMARY KEY,
    email         TEXT    NOT NULL,
    email_key     TEXT    NOT NULL UNIQUE,
    workspace_id  TEXT    NOT NULL REFERENCES workspaces (workspace_id),
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER
) STRICT;
