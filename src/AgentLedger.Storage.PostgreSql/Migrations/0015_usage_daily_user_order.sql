-- Per-user analytics pages (the Codex usage feed, the native per-user series) walk each day's users in "C" order, the
-- order SQLite's keys have and the cursor encodes. The primary key orders user_id by the database's collation, so a
-- page could not seek to its users: it read every rollup row of the day (≈ 11,000 at 5,000 users) and kept its
-- thousand users' rows (≈ 3,700). This index keeps each day's rows in "C" order, so a page reads its own users' rows
-- only: 6 ms instead of 17–21 ms per page at 50 million records (issue 11, docs/perf/scale.md).
CREATE INDEX ix_usage_daily_user_c ON usage_daily (workspace_id, day_start, (user_id COLLATE "C"));
