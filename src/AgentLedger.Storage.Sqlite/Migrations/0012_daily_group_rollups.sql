-- User-free daily rollups (issue 11): what a dashboard series grouped by workspace, team, surface, client, model or
-- agent needs, at a cost that follows its days and groups instead of its users (see DailyGroupRollup in Core). Kept by
-- the writer in the same transaction as usage_daily, from the same commit deltas; filled here from usage_daily, so a
-- store of any size gets them on its first start with this build.

-- usage_daily without the user: the same sums per workspace x UTC day x team x client x model.
CREATE TABLE usage_daily_totals (
    workspace_id           TEXT NOT NULL,
    day_start              INTEGER NOT NULL, -- Unix seconds of 00:00 UTC
    team                   TEXT NOT NULL,
    client_id              TEXT NOT NULL,
    model                  TEXT NOT NULL,
    agent                  TEXT NOT NULL,
    surface                TEXT NOT NULL,
    records                INTEGER NOT NULL DEFAULT 0,
    threads                INTEGER NOT NULL DEFAULT 0,
    turns                  INTEGER NOT NULL DEFAULT 0,
    messages               INTEGER NOT NULL DEFAULT 0,
    tool_calls             INTEGER NOT NULL DEFAULT 0,
    errors                 INTEGER NOT NULL DEFAULT 0,
    input_tokens           INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens    INTEGER NOT NULL DEFAULT 0,
    output_tokens          INTEGER NOT NULL DEFAULT 0,
    reasoning_tokens       INTEGER NOT NULL DEFAULT 0,
    cost_usd               INTEGER NOT NULL DEFAULT 0,
    credits                INTEGER NOT NULL DEFAULT 0,
    duration_ms            INTEGER NOT NULL DEFAULT 0,
    cloud_tasks_created    INTEGER NOT NULL DEFAULT 0,
    cloud_tasks_completed  INTEGER NOT NULL DEFAULT 0,
    cloud_tasks_failed     INTEGER NOT NULL DEFAULT 0,
    reviews                INTEGER NOT NULL DEFAULT 0,
    review_comments        INTEGER NOT NULL DEFAULT 0,
    comments_p0            INTEGER NOT NULL DEFAULT 0,
    comments_p1            INTEGER NOT NULL DEFAULT 0,
    comments_p2            INTEGER NOT NULL DEFAULT 0,
    comments_p3            INTEGER NOT NULL DEFAULT 0,
    replies                INTEGER NOT NULL DEFAULT 0,
    reactions_up           INTEGER NOT NULL DEFAULT 0,
    reactions_down         INTEGER NOT NULL DEFAULT 0,
    reactions_other        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, day_start, team, client_id, model)
) STRICT, WITHOUT ROWID;

INSERT INTO usage_daily_totals (workspace_id, day_start, team, client_id, model, agent, surface, records, threads, turns, messages, tool_calls, errors, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd, credits, duration_ms, cloud_tasks_created, cloud_tasks_completed, cloud_tasks_failed, reviews, review_comments, comments_p0, comments_p1, comments_p2, comments_p3, replies, reactions_up, reactions_down, reactions_other)
SELECT workspace_id, day_start, team, client_id, model, min(agent), min(surface), sum(records), sum(threads), sum(turns), sum(messages), sum(tool_calls), sum(errors), sum(input_tokens), sum(cached_input_tokens), sum(output_tokens), sum(reasoning_tokens), sum(cost_usd), sum(credits), sum(duration_ms), sum(cloud_tasks_created), sum(cloud_tasks_completed), sum(cloud_tasks_failed), sum(reviews), sum(review_comments), sum(comments_p0), sum(comments_p1), sum(comments_p2), sum(comments_p3), sum(replies), sum(reactions_up), sum(reactions_down), sum(reactions_other)
FROM usage_daily
GROUP BY workspace_id, day_start, team, client_id, model;

-- Active-user membership: one row per user per UTC day per value of each dimension they had records under
-- ('workspace' has the value ''). Only users with an id and records count, as everywhere in analytics.
CREATE TABLE active_user_days (
    workspace_id TEXT NOT NULL,
    day_start    INTEGER NOT NULL,
    dimension    TEXT NOT NULL, -- workspace, team, surface, client, model, agent
    value        TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    -- Led by (dimension, value), then the day: a distinct count over days reads one contiguous range per value.
    PRIMARY KEY (workspace_id, dimension, value, day_start, user_id)
) STRICT, WITHOUT ROWID;

INSERT INTO active_user_days (workspace_id, day_start, dimension, value, user_id)
SELECT DISTINCT workspace_id, day_start, 'workspace', '', user_id FROM usage_daily WHERE user_id <> '' AND records > 0
UNION ALL SELECT DISTINCT workspace_id, day_start, 'team', team, user_id FROM usage_daily WHERE user_id <> '' AND records > 0
UNION ALL SELECT DISTINCT workspace_id, day_start, 'surface', surface, user_id FROM usage_daily WHERE user_id <> '' AND records > 0
UNION ALL SELECT DISTINCT workspace_id, day_start, 'client', client_id, user_id FROM usage_daily WHERE user_id <> '' AND records > 0
UNION ALL SELECT DISTINCT workspace_id, day_start, 'model', model, user_id FROM usage_daily WHERE user_id <> '' AND records > 0
UNION ALL SELECT DISTINCT workspace_id, day_start, 'agent', agent, user_id FROM usage_daily WHERE user_id <> '' AND records > 0;

-- The membership rows counted per (day, dimension, value): a day's active users of each group, one row read per group.
CREATE TABLE active_user_day_counts (
    workspace_id TEXT NOT NULL,
    day_start    INTEGER NOT NULL,
    dimension    TEXT NOT NULL,
    value        TEXT NOT NULL,
    users        INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, day_start, dimension, value)
) STRICT, WITHOUT ROWID;

INSERT INTO active_user_day_counts (workspace_id, day_start, dimension, value, users)
SELECT workspace_id, day_start, dimension, value, count(*)
FROM active_user_days
GROUP BY workspace_id, day_start, dimension, value;
