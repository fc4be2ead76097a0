-- Dimos schema, version 1: departments, categories (Open311 services) and their
-- attributes, staff users and sessions, reports (service requests) and their history.
-- Times are epoch milliseconds (UTC); booleans are 0/1 integers.

CREATE TABLE schema_version (version INTEGER NOT NULL);

CREATE TABLE departments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);

CREATE TABLE categories (
    code TEXT PRIMARY KEY,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    description_el TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    group_el TEXT NOT NULL DEFAULT '',
    group_en TEXT NOT NULL DEFAULT '',
    keywords TEXT NOT NULL DEFAULT '',
    department_id INTEGER REFERENCES departments(id),
    active INTEGER NOT NULL DEFAULT 1,
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);

CREATE TABLE category_attributes (
    category_code TEXT NOT NULL REFERENCES categories(code) ON DELETE CASCADE,
    code TEXT NOT NULL,
    datatype TEXT NOT NULL,
    variable INTEGER NOT NULL DEFAULT 1,
    required INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0,
    description_el TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    datatype_description_el TEXT NOT NULL DEFAULT '',
    datatype_description_en TEXT NOT NULL DEFAULT '',
    value_options TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (category_code, code)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'admin')),
    active INTEGER NOT NULL DEFAULT 1,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);

CREATE TABLE user_departments (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, department_id)
);

CREATE TABLE auth_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    last_used_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);

CREATE TABLE reports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    service_code TEXT NOT NULL REFERENCES categories(code),
    status TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    duplicate_of INTEGER REFERENCES reports(id),
    description TEXT NOT NULL DEFAULT '',
    lat REAL,
    lon REAL,
    address TEXT NOT NULL DEFAULT '',
    address_id TEXT NOT NULL DEFAULT '',
    zipcode TEXT NOT NULL DEFAULT '',
    status_notes TEXT NOT NULL DEFAULT '',
    agency_responsible TEXT NOT NULL DEFAULT '',
    service_notice TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    requested_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    expected_ms INTEGER,
    priority INTEGER NOT NULL DEFAULT 1,
    department_id INTEGER REFERENCES departments(id),
    assignee_id INTEGER REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    contact_email TEXT NOT NULL DEFAULT '',
    contact_first_name TEXT NOT NULL DEFAULT '',
    contact_last_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_device_id TEXT NOT NULL DEFAULT '',
    contact_account_id TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reports_requested ON reports(requested_ms, id);
CREATE INDEX reports_updated ON reports(updated_ms, id);
CREATE INDEX reports_status ON reports(status, updated_ms);
CREATE INDEX reports_department ON reports(department_id, updated_ms);
CREATE INDEX reports_service ON reports(service_code, requested_ms);
CREATE INDEX reports_location ON reports(lat, lon);

CREATE TABLE report_attribute_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    value TEXT NOT NULL,
    PRIMARY KEY (report_id, code, position)
);
CREATE INDEX report_attribute_values_lookup ON report_attribute_values(code, value);

CREATE TABLE report_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    at_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    actor_name TEXT NOT NULL DEFAULT '',
    old_status TEXT,
    new_status TEXT,
    text TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX report_history_report ON report_history(report_id, id);
