-- Version 4: reports from the citizens' web pages become public only when the citizen confirms
-- by an e-mailed link, and in a moderated category only when a moderator then approves them;
-- their photos wait for a moderator. Reports filed before this version, through Open311 apps
-- or by staff, are public as they were.

ALTER TABLE categories ADD COLUMN moderated INTEGER NOT NULL DEFAULT 0;

ALTER TABLE reports ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('unconfirmed', 'moderation', 'public', 'hidden'));
-- SHA-256 (hex) of the token in the confirmation link; the token itself is only in the mail.
ALTER TABLE reports ADD COLUMN confirm_token_hash TEXT;
ALTER TABLE reports ADD COLUMN confirmed_ms INTEGER;
-- The language of the citizen's mails about this report.
ALTER TABLE reports ADD COLUMN reporter_language TEXT NOT NULL DEFAULT 'el';
CREATE INDEX reports_visibility ON reports(visibility, requested_ms);
CREATE UNIQUE INDEX reports_confirm_token ON reports(confirm_token_hash) WHERE confirm_token_hash IS NOT NULL;
