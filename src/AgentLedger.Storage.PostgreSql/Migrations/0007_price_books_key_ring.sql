-- Workspace price book versions (issue 5) and the ASP.NET Core Data Protection key ring that encrypts stored secrets.
-- A version is the whole book as JSON text (credits_per_usd and the model entries with exact decimal rates; text, not
-- jsonb, so it reads back exactly as written); versions are only ever added.
CREATE TABLE price_book_versions (
    workspace_id   text        NOT NULL REFERENCES workspaces (workspace_id),
    version        integer     NOT NULL,
    effective_from timestamptz NOT NULL,
    book           text        NOT NULL,
    created_at     timestamptz NOT NULL,
    created_by     text        NOT NULL,
    note           text,
    PRIMARY KEY (workspace_id, version)
);

-- One row per Data Protection key, shared by every instance on this database so that all of them can decrypt.
CREATE TABLE data_protection_keys (
    friendly_name text        NOT NULL PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL
);
