-- Client-version rollup (issue 6): records per workspace × UTC hour × user × team × client × model × client version, kept by
-- the writer in the same transaction as usage_hourly. Active users by agent and version, with every analytics filter,
-- in any time zone. A table of its own: usage_hourly's grain and size stay as they are. Agent and surface follow from
-- the client id, as in usage_hourly; an absent version is ''.
CREATE TABLE usage_versions_hourly (
    workspace_id   text        NOT NULL,
    hour_start     timestamptz NOT NULL,
    user_id        text        NOT NULL,
    team           text        NOT NULL,
    client_id      text        NOT NULL,
    model          text        NOT NULL,
    agent          text        NOT NULL,
    surface        text        NOT NULL,
    client_version text        NOT NULL,
    records        bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, hour_start, user_id, team, client_id, model, client_version)
);

-- Backfill from the stored records; agent and surface are taken from the usage_hourly row of the same key, which the
-- writer derived from the client id.
INSERT INTO usage_versions_hourly (workspace_id, hour_start, user_id, team, client_id, model, agent, surface, client_version, records)
SELECT v.workspace_id, v.hour_start, v.user_id, v.team, v.client_id, v.model,
       coalesce(u.agent, 'unknown'), coalesce(u.surface, 'other'), v.client_version, v.records
FROM (
    SELECT workspace_id, date_trunc('hour', occurred_at, 'UTC') AS hour_start, coalesce(user_id, '') AS user_id,
           coalesce(team, '') AS team, client_id, coalesce(model, '') AS model, coalesce(client_version, '') AS client_version,
           count(*) AS records
    FROM records
    GROUP BY 1, 2, 3, 4, 5, 6, 7
) AS v
LEFT JOIN usage_hourly u ON u.workspace_id = v.workspace_id AND u.hour_start = v.hour_start AND u.user_id = v.user_id
    AND u.team = v.team AND u.client_id = v.client_id AND u.model = v.model;
