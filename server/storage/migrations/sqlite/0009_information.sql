-- Version 9: information categories (municipal events, pets, tourism, …) beside the problem
-- categories citizens report in, and the items staff publish in them. Citizens subscribe to
-- an information category like to any other and get a mail for each new item.

-- 'problem': reports are filed in it (Open311 services, the web form); 'information': staff
-- publish items in it and no report can be filed.
ALTER TABLE categories ADD COLUMN kind TEXT NOT NULL DEFAULT 'problem'
    CHECK (kind IN ('problem', 'information'));

CREATE TABLE information_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    category_code TEXT NOT NULL REFERENCES categories(code),
    title_el TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    body_el TEXT NOT NULL,
    body_en TEXT NOT NULL DEFAULT '',
    starts_ms INTEGER, -- an event's start and end (end only with a start)
    ends_ms INTEGER,
    lat REAL, -- a place: both or neither, and/or an address text
    lon REAL,
    address TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'published' CHECK (state IN ('published', 'withdrawn')),
    created_by INTEGER REFERENCES users(id),
    updated_by INTEGER REFERENCES users(id),
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    withdrawn_ms INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    is_demo INTEGER NOT NULL DEFAULT 0,
    CHECK ((lat IS NULL) = (lon IS NULL)),
    CHECK (ends_ms IS NULL OR (starts_ms IS NOT NULL AND ends_ms >= starts_ms))
);
CREATE INDEX information_items_category ON information_items(category_code, state, created_ms);

CREATE TABLE information_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES information_items(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX information_photos_item ON information_photos(item_id);
CREATE INDEX information_photos_sha ON information_photos(sha256);
