-- Version 3: the event log behind the live stream (docs/api/live.md). Every change to a report
-- writes one row in the same transaction as the change; seq is the global, strictly increasing
-- sequence number clients resume from. Rows older than live/retention_days are pruned (never
-- the newest, so the last sequence number survives a quiet week).

CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    type TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    department_id INTEGER,
    previous_department_id INTEGER,
    service_code TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL
);
CREATE INDEX events_at ON events(at_ms);
