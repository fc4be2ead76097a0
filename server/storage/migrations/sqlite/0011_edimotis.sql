-- Version 11: e-Dimotis — citizen accounts, certificate and programme requests with their
-- supporting documents, the answers the municipality issues, and the audit log of who opened
-- personal documents. See docs/EDIMOTIS.md.

-- A citizen's account. The e-mail is the login (stored lower-cased); the password hash is
-- Argon2id (core/PasswordHasher) and may be empty for an account that only signs in through an
-- external identity (citizen_identities). Profile fields are empty until the citizen fills
-- them; ΑΦΜ and ΑΜΚΑ are stored normalised (9 and 11 digits) after shared/domain/GreekIds
-- accepted them.
CREATE TABLE citizens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    email_verified_ms INTEGER, -- NULL until the link in the verification mail was opened
    password_hash TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'el' CHECK (language IN ('el', 'en')),
    active INTEGER NOT NULL DEFAULT 1,
    given_name TEXT NOT NULL DEFAULT '',
    surname TEXT NOT NULL DEFAULT '',
    father_name TEXT NOT NULL DEFAULT '',
    mother_name TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or empty
    afm TEXT NOT NULL DEFAULT '',
    amka TEXT NOT NULL DEFAULT '',
    id_card TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    last_login_ms INTEGER
);

-- An external identity linked to an account (the national TaxisNet / gov.gr login through
-- OAuth 2.0, later): the provider's stable subject identifier. One subject links to one account.
CREATE TABLE citizen_identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    provider TEXT NOT NULL, -- e.g. 'govgr'
    subject TEXT NOT NULL,
    linked_ms INTEGER NOT NULL,
    UNIQUE (provider, subject)
);
CREATE INDEX citizen_identities_citizen ON citizen_identities(citizen_id);

-- Signed-in browser sessions: the cookie holds a random token, only its SHA-256 is stored.
CREATE TABLE citizen_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    last_used_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX citizen_sessions_citizen ON citizen_sessions(citizen_id);

-- One-time tokens mailed to a citizen: e-mail verification and password reset. Only the
-- SHA-256 is stored; a token is used once and expires.
CREATE TABLE citizen_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    token_hash TEXT NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER
);
CREATE INDEX citizen_tokens_citizen ON citizen_tokens(citizen_id, purpose);

-- What a citizen can ask for: a certificate or attestation, or an enrolment in a programme.
-- The answer template is a Mustache text (docs/EDIMOTIS.md lists its values) that dimos-pdf
-- lays out under the municipal header.
CREATE TABLE request_types (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('certificate', 'programme')),
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_el TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    department_id INTEGER NOT NULL REFERENCES departments(id),
    deadline_days INTEGER NOT NULL CHECK (deadline_days >= 0), -- the legal time to answer
    fee_el TEXT NOT NULL DEFAULT '', -- e.g. 'Δωρεάν'
    fee_en TEXT NOT NULL DEFAULT '',
    opens_on TEXT NOT NULL DEFAULT '', -- programmes: enrolment window, YYYY-MM-DD or empty
    closes_on TEXT NOT NULL DEFAULT '',
    answer_title_el TEXT NOT NULL DEFAULT '', -- the issued document's heading
    answer_title_en TEXT NOT NULL DEFAULT '',
    answer_template TEXT NOT NULL DEFAULT '', -- the issued document's body (Greek)
    active INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);

-- A request type's own form fields (Open311 datatypes: string, text, number, datetime,
-- singlevaluelist, multivaluelist).
CREATE TABLE request_type_fields (
    type_code TEXT NOT NULL REFERENCES request_types(code) ON DELETE CASCADE,
    code TEXT NOT NULL,
    datatype TEXT NOT NULL,
    required INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    label_el TEXT NOT NULL,
    label_en TEXT NOT NULL,
    help_el TEXT NOT NULL DEFAULT '',
    help_en TEXT NOT NULL DEFAULT '',
    value_options TEXT NOT NULL DEFAULT '[]', -- JSON [{"key":..,"name_el":..,"name_en":..}]
    PRIMARY KEY (type_code, code)
);

-- The supporting documents a request type asks for.
CREATE TABLE request_type_documents (
    type_code TEXT NOT NULL REFERENCES request_types(code) ON DELETE CASCADE,
    code TEXT NOT NULL,
    required INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0,
    label_el TEXT NOT NULL,
    label_en TEXT NOT NULL,
    help_el TEXT NOT NULL DEFAULT '',
    help_en TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (type_code, code)
);

-- A citizen's request. The applicant's profile is copied in at submission (applicant_json),
-- so a later profile change does not alter what was applied for. Every change goes through
-- core/RequestService with a history line, version-guarded like reports.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type_code TEXT NOT NULL REFERENCES request_types(code),
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    status TEXT NOT NULL CHECK (status IN ('submitted', 'in_progress', 'awaiting_documents',
                                           'issued', 'rejected', 'withdrawn')),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    assigned_user_id INTEGER REFERENCES users(id), -- the clerk who claimed it
    applicant_json TEXT NOT NULL,
    protocol_entry_id INTEGER NOT NULL REFERENCES protocol_entries(id), -- incoming registration
    answer_entry_id INTEGER REFERENCES protocol_entries(id), -- outgoing: the answer or the rejection
    requested_documents TEXT NOT NULL DEFAULT '', -- what the department asked for, while awaiting_documents
    reject_reason TEXT NOT NULL DEFAULT '',
    submitted_ms INTEGER NOT NULL,
    due_ms INTEGER NOT NULL, -- submitted + the type's deadline (the clock pauses are not modelled)
    updated_ms INTEGER NOT NULL,
    closed_ms INTEGER,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX requests_citizen ON requests(citizen_id, submitted_ms);
CREATE INDEX requests_queue ON requests(department_id, status, due_ms);

CREATE TABLE request_values (
    request_id INTEGER NOT NULL REFERENCES requests(id),
    code TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    value TEXT NOT NULL,
    PRIMARY KEY (request_id, code, position)
);

-- The files of a request: supporting documents from the citizen, each stored content-addressed
-- (core/DocumentStore) and registered as an attachment of the protocol entry it came with.
CREATE TABLE request_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    requirement_code TEXT NOT NULL DEFAULT '', -- request_type_documents.code, or '' for an extra one
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    protocol_entry_id INTEGER NOT NULL REFERENCES protocol_entries(id),
    uploaded_ms INTEGER NOT NULL
);
CREATE INDEX request_documents_request ON request_documents(request_id);

CREATE TABLE request_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES requests(id),
    at_ms INTEGER NOT NULL,
    kind TEXT NOT NULL, -- submitted, claimed, asked, documents_added, issued, rejected, withdrawn, note
    actor_user_id INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL DEFAULT '', -- a staff user's name, or 'citizen'
    old_status TEXT,
    new_status TEXT,
    text TEXT NOT NULL DEFAULT '',
    citizen_visible INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_history_request ON request_history(request_id, id);

-- The documents the municipality issued: the answer PDF of a request, its outgoing protocol
-- entry, and the verification code printed on it (with a QR code to /verify/<code>). The PDF
-- is kept content-addressed; its SHA-256 lets anyone check a copy on the verification page.
CREATE TABLE issued_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL UNIQUE REFERENCES requests(id),
    verification_code TEXT NOT NULL UNIQUE,
    type_code TEXT NOT NULL REFERENCES request_types(code),
    protocol_entry_id INTEGER NOT NULL REFERENCES protocol_entries(id),
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    issued_ms INTEGER NOT NULL,
    issued_by_user_id INTEGER REFERENCES users(id),
    revoked_ms INTEGER,
    revoked_reason TEXT NOT NULL DEFAULT ''
);

-- Who opened which personal document or applicant record, and when. Written in the same
-- request that served it; never changed or deleted (triggers). Admins read it.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('staff', 'citizen', 'system')),
    actor_user_id INTEGER REFERENCES users(id),
    actor_citizen_id INTEGER REFERENCES citizens(id),
    actor_name TEXT NOT NULL,
    action TEXT NOT NULL, -- open_document, open_answer, view_request, export ...
    request_id INTEGER REFERENCES requests(id),
    sha256 TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    client_address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_time ON audit_log(at_ms);
CREATE INDEX audit_log_request ON audit_log(request_id, at_ms);

CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log rows are never deleted');
END;
CREATE TRIGGER audit_log_never_changed BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log rows never change');
END;
