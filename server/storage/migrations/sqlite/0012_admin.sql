-- Administration (issue 7): what a category carries besides its fields — an icon, a service
-- level in days, canned public responses —, a report's due time taken from that level when it
-- is filed, routing rules (category, optionally within an area of a GIS layer → department
-- and/or clerk), and a flag that makes a staff user change a password an administrator set.

ALTER TABLE categories ADD COLUMN icon TEXT NOT NULL DEFAULT '';
-- sla_days 0: no service level.
ALTER TABLE categories ADD COLUMN sla_days INTEGER NOT NULL DEFAULT 0;

-- When a report should be dealt with: filed + the category's sla_days at the time (a later
-- change of the level does not move the reports already filed). NULL: no service level.
ALTER TABLE reports ADD COLUMN due_ms INTEGER;
CREATE INDEX reports_due ON reports(is_open, due_ms);

-- Canned public notes of a category, offered to staff when they answer a report.
CREATE TABLE category_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    category_code TEXT NOT NULL REFERENCES categories(code) ON DELETE CASCADE,
    sort_order INTEGER NOT NULL DEFAULT 0,
    title_el TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    text_el TEXT NOT NULL,
    text_en TEXT NOT NULL DEFAULT ''
);
CREATE INDEX category_responses_category ON category_responses(category_code, sort_order);

-- Where a new report goes. A rule names a category and, optionally, an area: a feature of a
-- GIS layer named by the layer's code and the feature's name (names survive a re-import of
-- the layer, feature ids do not). A rule with an area wins over one without, and among equals the
-- lower sort_order wins. It sets the department, the assignee (a member of it), or both.
CREATE TABLE routing_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    category_code TEXT NOT NULL REFERENCES categories(code) ON DELETE CASCADE,
    layer_code TEXT NOT NULL DEFAULT '',
    feature_name TEXT NOT NULL DEFAULT '',
    department_id INTEGER REFERENCES departments(id),
    assignee_id INTEGER REFERENCES users(id),
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX routing_rules_category ON routing_rules(category_code, sort_order);

-- Set when an administrator gives a user a password, cleared when the user changes it.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
