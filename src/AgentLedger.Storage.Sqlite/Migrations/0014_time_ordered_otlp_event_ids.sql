-- OTLP event ids now begin with the item's own time (issue 11; Core's OtlpEventIds), so the ids a group commit inserts
-- sit together in ux_records_event instead of one per random leaf of an index as large as the history. Ids stored
-- before are hash-only. Before storing an OTLP item whose time is before the mark set here, the writer also looks for
-- its hash-only id, so that a batch an older server stored and a client re-sends is kept once. The mark is the time of
-- this migration plus an hour for senders' clocks that run ahead; a store that held no record needs none.
CREATE TABLE store_marks (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO store_marks (name, value)
SELECT 'legacy_otlp_event_ids_before_ms', (CAST(strftime('%s', 'now') AS INTEGER) + 3600) * 1000
WHERE EXISTS (SELECT 1 FROM records);
