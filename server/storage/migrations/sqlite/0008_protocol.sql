-- Version 8: the document protocol (πρωτόκολλο, Ν.4727/2020). Every public body keeps one: a
-- register in which each incoming and outgoing document gets a number, sequential and without
-- gaps per protocol book and calendar year (Greek time), restarting each January. Municipalities
-- keep a general book and a confidential one. Entries are never deleted, and their number,
-- book, year and registration time never change (the triggers below refuse it).

CREATE TABLE protocol_books (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0 -- only managers and admins see its entries
);
INSERT INTO protocol_books (code, name_el, name_en, confidential)
    VALUES ('general', 'Γενικό πρωτόκολλο', 'General register', 0),
           ('confidential', 'Εμπιστευτικό πρωτόκολλο', 'Confidential register', 1);

-- The last number given per book and year. Taking a number updates this row first thing in
-- the registering transaction, so concurrent registrations queue on it, and a transaction that
-- rolls back gives its number back: no gaps, no duplicates.
CREATE TABLE protocol_counters (
    book_id INTEGER NOT NULL REFERENCES protocol_books(id),
    year INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (book_id, year)
);

CREATE TABLE protocol_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    book_id INTEGER NOT NULL REFERENCES protocol_books(id),
    year INTEGER NOT NULL, -- the calendar year of registered_ms in Greek time
    number INTEGER NOT NULL CHECK (number > 0),
    registered_ms INTEGER NOT NULL, -- the legal registration time
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'internal')),
    correspondent TEXT NOT NULL, -- the sender of an incoming document, the recipient of an outgoing one
    subject TEXT NOT NULL,
    folded TEXT NOT NULL, -- subject and correspondent folded (shared/text/SearchFold) for search
    sender_reference TEXT NOT NULL DEFAULT '', -- the sender's own number, as written
    sender_reference_date TEXT NOT NULL DEFAULT '', -- its date, YYYY-MM-DD or empty
    department_id INTEGER REFERENCES departments(id), -- the unit it is assigned to (χρέωση)
    classification TEXT NOT NULL DEFAULT '',
    archive_code TEXT NOT NULL DEFAULT '',
    registered_by TEXT NOT NULL, -- a staff user's name, "web" (a citizen's request) or "import"
    registered_by_user_id INTEGER REFERENCES users(id),
    imported INTEGER NOT NULL DEFAULT 0, -- 1: number given by another protocol system, imported
    UNIQUE (book_id, year, number)
);
CREATE INDEX protocol_entries_time ON protocol_entries(registered_ms);
CREATE INDEX protocol_entries_department ON protocol_entries(department_id, registered_ms);

CREATE TABLE protocol_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES protocol_entries(id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL -- hex; the file itself is stored content-addressed by this hash
);
CREATE INDEX protocol_attachments_entry ON protocol_attachments(entry_id);

-- Related numbers (σχετ.): another entry of this register, or a reference outside it as text.
CREATE TABLE protocol_relations (
    entry_id INTEGER NOT NULL REFERENCES protocol_entries(id),
    related_entry_id INTEGER REFERENCES protocol_entries(id),
    related_text TEXT NOT NULL DEFAULT '',
    CHECK ((related_entry_id IS NULL) <> (related_text = ''))
);
CREATE INDEX protocol_relations_entry ON protocol_relations(entry_id);
CREATE INDEX protocol_relations_related ON protocol_relations(related_entry_id);

CREATE TRIGGER protocol_entries_never_deleted BEFORE DELETE ON protocol_entries
BEGIN
    SELECT RAISE(ABORT, 'protocol entries are never deleted');
END;
CREATE TRIGGER protocol_entries_number_fixed
BEFORE UPDATE OF book_id, year, number, registered_ms, direction ON protocol_entries
BEGIN
    SELECT RAISE(ABORT, 'a protocol entry''s book, year, number, time and direction never change');
END;
CREATE TRIGGER protocol_attachments_never_deleted BEFORE DELETE ON protocol_attachments
BEGIN
    SELECT RAISE(ABORT, 'protocol attachments are never deleted');
END;
