-- Workspace price book versions (issue 5) and the ASP.NET Core Data Protection key ring that encrypts stored secrets.
-- A version is the whole book as JSON (credits_per_usd and the model entries with exact decimal rates); versions are
-- only ever added. Times are Unix microseconds.
CREATE TABLE price_book_versions (
    workspace_id   TEXT    NOT NULL REFERENCES workspaces (workspace_id),
    version        INTEGER NOT NULL,
    effective_from INTEGER NOT NULL,
    book           TEXT    NOT NULL,
    created_at     INTEGER NOT NULL,
    created_by     TEXT    NOT NULL,
    note           TEXT,
    PRIMARY KEY (workspace_id, version)
) STRICT, WITHOUT ROWID;

-- One row per Data Protection key (its XML as the key manager writes it, possibly itself encrypted by a certificate).
CREATE TABLE data_protection_keys (
    friendly_name TEXT    NOT NULL PRIMARY KEY,
    xml           TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
) STRICT;
