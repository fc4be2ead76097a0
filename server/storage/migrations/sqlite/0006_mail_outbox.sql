-- Version 6: the mail outbox (server/mail, docs/MAIL.md). A mail is written here, rendered, in
-- the same transaction as the change that causes it, so it exists exactly when that change
-- commits; the mail worker (a thread with its own connection) sends it later.
-- status: 'pending' (waits for next_attempt_ms), 'sending' (claimed by a worker until
-- next_attempt_ms, then given up as 'failed' unless the worker finished: it may have reached
-- the server, and a mail is never sent twice), 'sent', 'failed' (last_error says why).

CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_ms INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    template TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    list_unsubscribe TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms INTEGER NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    sent_ms INTEGER
);
-- The worker's pick: the oldest due row of a status.
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_ms);
-- Pruning old sent and failed mails.
CREATE INDEX mail_outbox_created ON mail_outbox(created_ms);
