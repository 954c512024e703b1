-- Each user's last active UTC day per membership value (issue 11): the distinct users of the last N days are the users
-- whose last day is on or after the window's first day, provided nobody has a day at or after its end. Counting them
-- reads one index range of those users, instead of every membership row of the window (30 days x users). Kept by the
-- writer whenever it inserts an active_user_days row; filled here from active_user_days (see DailyGroupRollup in Core).
CREATE TABLE active_user_last_days (
    workspace_id text NOT NULL,
    dimension    text NOT NULL, -- as in active_user_days: workspace, team, surface, client, model, agent
    value        text NOT NULL,
    user_id      text NOT NULL,
    last_day     timestamptz NOT NULL, -- max(day_start) of the user's membership rows
    PRIMARY KEY (workspace_id, dimension, value, user_id)
);

INSERT INTO active_user_last_days (workspace_id, dimension, value, user_id, last_day)
SELECT workspace_id, dimension, value, user_id, max(day_start)
FROM active_user_days
GROUP BY workspace_id, dimension, value, user_id;

-- A window's users are one range of it, and its last entry is the latest day (the exactness check).
CREATE INDEX ix_active_user_last_days_day ON active_user_last_days (workspace_id, dimension, value, last_day);
