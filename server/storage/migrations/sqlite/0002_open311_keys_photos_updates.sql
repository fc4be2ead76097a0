-- Version 2: what Open311 needs beyond the core: API keys for third-party apps, tokens for
-- requests filed without an immediate id, photos, and an index for servicerequestupdates.

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    name TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE reports ADD COLUMN token TEXT;
ALTER TABLE reports ADD COLUMN api_key_id INTEGER REFERENCES api_keys(id);
CREATE UNIQUE INDEX reports_token ON reports(token) WHERE token IS NOT NULL;

CREATE TABLE report_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    is_public INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX report_photos_report ON report_photos(report_id);
CREATE INDEX report_photos_sha ON report_photos(sha256);

ALTER TABLE report_history ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
CREATE INDEX report_history_public ON report_history(is_public, at_ms);
