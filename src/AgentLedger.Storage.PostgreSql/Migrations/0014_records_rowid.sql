-- AgentLedger PostgreSQL schema, version 14: nothing changes (the number is kept in step with SQLite's 0014).
-- SQLite's 0014 turns records from a WITHOUT ROWID table (rows stored inside the (workspace_id, seq) B-tree, where a
-- multi-kilobyte OTLP row spilled to half-empty overflow pages) into an ordinary rowid table with a unique index on
-- (workspace_id, seq). PostgreSQL's records already have that shape: a heap (partitioned by occurred_at) whose primary
-- key is a separate B-tree, with large attributes values compressed and moved out of line by TOAST, and its event ids
-- in record_event_ids. See docs/perf/ingest-throughput.md, "Third pass".
SELECT 1;
