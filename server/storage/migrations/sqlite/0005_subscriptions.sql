-- Version 5: citizens follow a report ("e-mail me updates") and subscribe to categories,
-- optionally within a circle, by e-mail with double opt-in. The links in the mails carry
-- tokens signed with a server secret (LinkTokens), so no token is stored.

CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL, -- base64
    created_ms INTEGER NOT NULL
);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'el',
    area_lat REAL, -- a circle: all three, or none (the whole municipality)
    area_lon REAL,
    area_radius_m REAL,
    created_ms INTEGER NOT NULL,
    confirmed_ms INTEGER, -- NULL until the citizen follows the confirmation link
    CHECK ((area_lat IS NULL) = (area_lon IS NULL) AND (area_lat IS NULL) = (area_radius_m IS NULL))
);
CREATE INDEX subscriptions_email ON subscriptions(email);

CREATE TABLE subscription_categories (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    category_code TEXT NOT NULL,
    PRIMARY KEY (subscription_id, category_code)
);
CREATE INDEX subscription_categories_code ON subscription_categories(category_code);

CREATE TABLE report_followers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'el',
    created_ms INTEGER NOT NULL,
    confirmed_ms INTEGER, -- the reporter is confirmed with the report; others by a link
    UNIQUE (report_id, email)
);
