-- A Dimos database at schema version 11, as `sqlite3 FILE .dump` writes it: made by loading
-- schema-v7-subscriptions.sql (the same rows) and applying server/storage/migrations/sqlite/0008
-- to 0011, then adding a GIS layer "units" (EPSG:2100 source, two municipal units side by side:
-- "Δυτική ενότητα" west of lon 23.55, "Ανατολική ενότητα" east of it) and one audit-log row.
-- tst_Migrator loads it and migrates it to the latest version (0012 adds administration:
-- icons, service levels, canned responses, routing rules, must_change_password; 0013 the
-- layers' visibility and edit counter).
-- Do not edit it by hand to match a later schema: it stands for the databases already in the field.
-- The staff password of every user is "fixture-password-1" (Argon2id at minimum cost).
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES(11);
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
INSERT INTO departments VALUES(1,'technical','Διεύθυνση Τεχνικών Υπηρεσιών','Technical Services','technical@serres.example',1,1763622000000,1763622000000);
INSERT INTO departments VALUES(2,'cleaning','Διεύθυνση Καθαριότητας','Cleaning Department','cleaning@serres.example',1,1763622000000,1763622000000);
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
, moderated INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL DEFAULT 'problem'
    CHECK (kind IN ('problem', 'information')));
INSERT INTO categories VALUES('pothole','Λακκούβα στο οδόστρωμα','Pothole','Λακκούβα ή καθίζηση σε δρόμο','A pothole or subsidence in a road','Οδοποιία','Roads','λακκούβα,δρόμος,άσφαλτος',1,1,1,1763622000000,1763622000000,0,'problem');
INSERT INTO categories VALUES('bulky-waste','Ογκώδη αντικείμενα','Bulky waste','Παλιά έπιπλα ή στρώματα στο πεζοδρόμιο','Old furniture or mattresses on the pavement','Καθαριότητα','Cleaning','έπιπλα,στρώμα',2,1,2,1763622000000,1763622000000,0,'problem');
INSERT INTO categories VALUES('old-service','Παλιά υπηρεσία','Retired service','','','','','',2,0,9,1763622000000,1763622000000,0,'problem');
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
INSERT INTO category_attributes VALUES('pothole','depth','singlevaluelist',1,1,1,'Πόσο βαθιά είναι;','How deep is it?','','','[{"key":"shallow","name":{"el":"Ρηχή","en":"Shallow"}},{"key":"deep","name":{"el":"Βαθιά (πάνω από 5 εκ.)","en":"Deep (over 5 cm)"}}]');
INSERT INTO category_attributes VALUES('pothole','lane_blocked','singlevaluelist',1,0,2,'Κλείνει λωρίδα;','Does it block a lane?','','','[{"key":"yes","name":{"el":"Ναι","en":"Yes"}},{"key":"no","name":{"el":"Όχι","en":"No"}}]');
INSERT INTO category_attributes VALUES('bulky-waste','items','multivaluelist',1,0,1,'Τι αντικείμενα;','What items?','','','[{"key":"furniture","name":{"el":"Έπιπλα","en":"Furniture"}},{"key":"mattress","name":{"el":"Στρώμα","en":"Mattress"}},{"key":"appliance","name":{"el":"Ηλεκτρική συσκευή","en":"Appliance"}}]');
INSERT INTO category_attributes VALUES('bulky-waste','pickup_info','text',0,0,0,'Η αποκομιδή γίνεται κάθε Τρίτη.','Collection is every Tuesday.','','','[]');
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
INSERT INTO users VALUES(1,'admin','Διαχειριστής','admin@serres.example','$argon2id$v=19$m=1024,t=1,p=1$c7xsmTJ5rBwCeq0Z/yQveA$pnfVTtiqRwU/rvxuSQVpkj6OHcppD+v3m21OOJqfjyA','admin',1,1763622000000,1763622000000);
INSERT INTO users VALUES(2,'m.papadopoulou','Μαρία Παπαδοπούλου','m.papadopoulou@serres.example','$argon2id$v=19$m=1024,t=1,p=1$c7xsmTJ5rBwCeq0Z/yQveA$pnfVTtiqRwU/rvxuSQVpkj6OHcppD+v3m21OOJqfjyA','clerk',1,1763622000000,1763622000000);
INSERT INTO users VALUES(3,'k.georgiou','Κώστας Γεωργίου','','$argon2id$v=19$m=1024,t=1,p=1$c7xsmTJ5rBwCeq0Z/yQveA$pnfVTtiqRwU/rvxuSQVpkj6OHcppD+v3m21OOJqfjyA','manager',0,1763622000000,1763708400000);
CREATE TABLE user_departments (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    department_id INTEGER NOT NULL REFERENCES departments(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, department_id)
);
INSERT INTO user_departments VALUES(2,1);
INSERT INTO user_departments VALUES(3,1);
INSERT INTO user_departments VALUES(3,2);
CREATE TABLE auth_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    last_used_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
INSERT INTO auth_tokens VALUES(1,'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',2,1763622000000,1763665200000,1763630000000,0);
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
, token TEXT, api_key_id INTEGER REFERENCES api_keys(id), visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('unconfirmed', 'moderation', 'public', 'hidden')), confirm_token_hash TEXT, confirmed_ms INTEGER, reporter_language TEXT NOT NULL DEFAULT 'el');
INSERT INTO reports VALUES(1,'pothole','in_progress',1,NULL,'Μεγάλη λακκούβα μπροστά στο 12, κινδυνεύουν τα μηχανάκια',41.091200000000000615,23.548600000000000421,'Μεραρχίας 12, Σέρρες','','62123','Το συνεργείο θα περάσει την Πέμπτη.','Διεύθυνση Τεχνικών Υπηρεσιών','','open311',1763640000000,1763726400000,1764000000000,2,1,2,3,'giorgos@example.org','Γιώργος','Νικολάου','+30 23210 00000','device-7','','μεγαλη λακκουβα μπροστα στο 12, κινδυνευουν τα μηχανακια μεραρχιασ 12, σερρεσ pothole 1',0,'tok-v2-fixture',1,'public',NULL,NULL,'el');
INSERT INTO reports VALUES(2,'bulky-waste','resolved',0,NULL,replace('Ένας καναπές και ένα στρώμα\nστη γωνία εδώ και μια εβδομάδα.','\n',char(10)),41.085500000000003241,23.547100000000000363,'Πλατεία Ελευθερίας','','','Αποκομίστηκαν.','','','web',1763650000000,1763800000000,NULL,1,2,NULL,2,'','','','','','','ενασ καναπεσ και ενα στρωμα στη γωνια εδω και μια εβδομαδα. πλατεια ελευθεριασ bulky-waste 2 furniture mattress',0,NULL,NULL,'public',NULL,NULL,'el');
INSERT INTO reports VALUES(3,'pothole','new',1,NULL,'Λακκούβα χωρίς σημείο στον χάρτη',NULL,NULL,'Οδός Κερασούντος (κοντά στο σχολείο)','','','','','','desk',1763700000000,1763700000000,NULL,1,NULL,NULL,1,'','','','','','','λακκουβα χωρισ σημειο στον χαρτη οδοσ κερασουντοσ (κοντα στο σχολειο) pothole 3',0,NULL,NULL,'public',NULL,NULL,'el');
CREATE TABLE report_attribute_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    value TEXT NOT NULL,
    PRIMARY KEY (report_id, code, position)
);
INSERT INTO report_attribute_values VALUES(1,'depth',0,'deep');
INSERT INTO report_attribute_values VALUES(1,'lane_blocked',0,'yes');
INSERT INTO report_attribute_values VALUES(2,'items',0,'furniture');
INSERT INTO report_attribute_values VALUES(2,'items',1,'mattress');
INSERT INTO report_attribute_values VALUES(3,'depth',0,'shallow');
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
, external_id TEXT NOT NULL DEFAULT '');
INSERT INTO report_history VALUES(1,1,1763640000000,'created',NULL,'',NULL,'new','',1,'fms-4711');
INSERT INTO report_history VALUES(2,1,1763650000000,'status',2,'Μαρία Παπαδοπούλου','new','acknowledged','Ελήφθη, ευχαριστούμε.',1,'');
INSERT INTO report_history VALUES(3,1,1763726400000,'status',2,'Μαρία Παπαδοπούλου','acknowledged','in_progress','Το συνεργείο θα περάσει την Πέμπτη.',1,'');
INSERT INTO report_history VALUES(4,1,1763726500000,'internal_note',2,'Μαρία Παπαδοπούλου',NULL,NULL,'Να ενημερωθεί ο κ. Γεωργίου.',0,'');
INSERT INTO report_history VALUES(5,2,1763650000000,'created',NULL,'',NULL,'new','',1,'');
INSERT INTO report_history VALUES(6,2,1763800000000,'status',1,'Διαχειριστής','new','resolved','Αποκομίστηκαν.',1,'');
INSERT INTO report_history VALUES(7,3,1763700000000,'created',1,'Διαχειριστής',NULL,'new','',1,'');
CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    name TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
INSERT INTO api_keys VALUES(1,'3f1c9a2b7d4e8f6a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a','dk_7Hq2','FixMyStreet Serres',1763800000000,0);
CREATE TABLE report_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    is_public INTEGER NOT NULL DEFAULT 1
);
INSERT INTO report_photos VALUES(1,1,'9b2e4c6a8d0f1e3b5a7c9e1d3f5b7a9c1e3d5f7b9a1c3e5d7f9b1a3c5e7d9f1b',1600,1200,1763640000000,1);
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
    confirmed_ms INTEGER, area_layer TEXT, area_unit TEXT, -- NULL until the citizen follows the confirmation link
    CHECK ((area_lat IS NULL) = (area_lon IS NULL) AND (area_lat IS NULL) = (area_radius_m IS NULL))
);
INSERT INTO subscriptions VALUES(1,'whole@example.org','el',NULL,NULL,NULL,1760000000000,1760000100000,NULL,NULL);
INSERT INTO subscriptions VALUES(2,'circle@example.org','en',41.091200000000000615,23.548600000000000421,1000.0,1760000000000,1760000100000,NULL,NULL);
CREATE TABLE subscription_categories (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    category_code TEXT NOT NULL,
    PRIMARY KEY (subscription_id, category_code)
);
INSERT INTO subscription_categories VALUES(1,'pothole');
INSERT INTO subscription_categories VALUES(2,'pothole');
CREATE TABLE report_followers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'el',
    created_ms INTEGER NOT NULL,
    confirmed_ms INTEGER, -- the reporter is confirmed with the report; others by a link
    UNIQUE (report_id, email)
);
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
CREATE TABLE streets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    folded TEXT NOT NULL, -- both names folded (case, accents: shared/text/SearchFold) for search
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    postcode TEXT NOT NULL DEFAULT ''
);
CREATE TABLE protocol_books (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code TEXT NOT NULL UNIQUE,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    confidential INTEGER NOT NULL DEFAULT 0 -- only managers and admins see its entries
);
INSERT INTO protocol_books VALUES(1,'general','Γενικό πρωτόκολλο','General register',0);
INSERT INTO protocol_books VALUES(2,'confidential','Εμπιστευτικό πρωτόκολλο','Confidential register',1);
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
CREATE TABLE protocol_attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_id INTEGER NOT NULL REFERENCES protocol_entries(id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL -- hex; the file itself is stored content-addressed by this hash
);
CREATE TABLE protocol_relations (
    entry_id INTEGER NOT NULL REFERENCES protocol_entries(id),
    related_entry_id INTEGER REFERENCES protocol_entries(id),
    related_text TEXT NOT NULL DEFAULT '',
    CHECK ((related_entry_id IS NULL) <> (related_text = ''))
);
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
CREATE TABLE information_photos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES information_items(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE TABLE gis_layers (
    id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: the spatial index sees a re-import as new
    code TEXT NOT NULL UNIQUE,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('boundary', 'municipal_units', 'school_districts', 'networks',
                                       'planning_zones', 'poi')),
    style TEXT NOT NULL DEFAULT '{}', -- JSON: how maps draw it (colour, weight, fill)
    attribution TEXT NOT NULL DEFAULT '', -- the source and licence text that must travel with the data
    source_file TEXT NOT NULL, -- the imported file's name (no folder)
    source_crs TEXT NOT NULL, -- e.g. EPSG:2100
    feature_count INTEGER NOT NULL,
    imported_ms INTEGER NOT NULL,
    imported_by TEXT NOT NULL DEFAULT ''
);
INSERT INTO gis_layers VALUES(1,'units','Δημοτικές ενότητες','Municipal units','municipal_units','{"stroke":"#1f5fa8"}','ΕΛΣΤΑΤ, CC BY 4.0','units.shp','EPSG:2100',2,1763700000000,'admin');
CREATE TABLE gis_features (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    layer_id INTEGER NOT NULL REFERENCES gis_layers(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}', -- JSON object: the source's fields, UTF-8
    geometry BLOB NOT NULL, -- WKB, 2D, WGS84 lon/lat, valid (GEOS)
    min_lon REAL NOT NULL,
    min_lat REAL NOT NULL,
    max_lon REAL NOT NULL,
    max_lat REAL NOT NULL
);
INSERT INTO gis_features VALUES(1,1,'Δυτική ενότητα','{"NAME": "Δυτική ενότητα", "POP": 10000}',X'0103000000010000000500000000000000008037406666666666864440cdcccccccc8c37406666666666864440cdcccccccc8c37408fc2f5285c8f444000000000008037408fc2f5285c8f444000000000008037406666666666864440',23.499999999999999999,41.049999999999997159,23.550000000000000711,41.119999999999997442);
INSERT INTO gis_features VALUES(2,1,'Ανατολική ενότητα','{"NAME": "Ανατολική ενότητα", "POP": 20000}',X'01030000000100000005000000cdcccccccc8c374066666666668644409a9999999999374066666666668644409a999999999937408fc2f5285c8f4440cdcccccccc8c37408fc2f5285c8f4440cdcccccccc8c37406666666666864440',23.550000000000000711,41.049999999999997159,23.600000000000001421,41.119999999999997442);
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
CREATE TABLE citizen_identities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    provider TEXT NOT NULL, -- e.g. 'govgr'
    subject TEXT NOT NULL,
    linked_ms INTEGER NOT NULL,
    UNIQUE (provider, subject)
);
CREATE TABLE citizen_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    last_used_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE citizen_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    token_hash TEXT NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    used_ms INTEGER
);
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
CREATE TABLE request_values (
    request_id INTEGER NOT NULL REFERENCES requests(id),
    code TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    value TEXT NOT NULL,
    PRIMARY KEY (request_id, code, position)
);
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
INSERT INTO audit_log VALUES(1,1763800000000,'staff',1,NULL,'Διαχειριστής','view_request',NULL,'','fixture','127.0.0.1');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('departments',2);
INSERT INTO sqlite_sequence VALUES('users',3);
INSERT INTO sqlite_sequence VALUES('auth_tokens',1);
INSERT INTO sqlite_sequence VALUES('reports',3);
INSERT INTO sqlite_sequence VALUES('report_history',7);
INSERT INTO sqlite_sequence VALUES('api_keys',1);
INSERT INTO sqlite_sequence VALUES('report_photos',1);
INSERT INTO sqlite_sequence VALUES('subscriptions',2);
INSERT INTO sqlite_sequence VALUES('protocol_books',2);
INSERT INTO sqlite_sequence VALUES('gis_layers',1);
INSERT INTO sqlite_sequence VALUES('gis_features',2);
INSERT INTO sqlite_sequence VALUES('audit_log',1);
CREATE INDEX auth_tokens_user ON auth_tokens(user_id);
CREATE INDEX reports_requested ON reports(requested_ms, id);
CREATE INDEX reports_updated ON reports(updated_ms, id);
CREATE INDEX reports_status ON reports(status, updated_ms);
CREATE INDEX reports_department ON reports(department_id, updated_ms);
CREATE INDEX reports_service ON reports(service_code, requested_ms);
CREATE INDEX reports_location ON reports(lat, lon);
CREATE INDEX report_attribute_values_lookup ON report_attribute_values(code, value);
CREATE INDEX report_history_report ON report_history(report_id, id);
CREATE UNIQUE INDEX reports_token ON reports(token) WHERE token IS NOT NULL;
CREATE INDEX report_photos_report ON report_photos(report_id);
CREATE INDEX report_photos_sha ON report_photos(sha256);
CREATE INDEX report_history_public ON report_history(is_public, at_ms);
CREATE INDEX events_at ON events(at_ms);
CREATE INDEX reports_visibility ON reports(visibility, requested_ms);
CREATE UNIQUE INDEX reports_confirm_token ON reports(confirm_token_hash) WHERE confirm_token_hash IS NOT NULL;
CREATE INDEX subscriptions_email ON subscriptions(email);
CREATE INDEX subscription_categories_code ON subscription_categories(category_code);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_ms);
CREATE INDEX mail_outbox_created ON mail_outbox(created_ms);
CREATE INDEX streets_folded ON streets(folded);
CREATE INDEX protocol_entries_time ON protocol_entries(registered_ms);
CREATE INDEX protocol_entries_department ON protocol_entries(department_id, registered_ms);
CREATE INDEX protocol_attachments_entry ON protocol_attachments(entry_id);
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
CREATE INDEX information_items_category ON information_items(category_code, state, created_ms);
CREATE INDEX information_photos_item ON information_photos(item_id);
CREATE INDEX information_photos_sha ON information_photos(sha256);
CREATE INDEX gis_features_layer ON gis_features(layer_id);
CREATE INDEX gis_features_box ON gis_features(min_lon, max_lon, min_lat, max_lat);
CREATE INDEX citizen_identities_citizen ON citizen_identities(citizen_id);
CREATE INDEX citizen_sessions_citizen ON citizen_sessions(citizen_id);
CREATE INDEX citizen_tokens_citizen ON citizen_tokens(citizen_id, purpose);
CREATE INDEX requests_citizen ON requests(citizen_id, submitted_ms);
CREATE INDEX requests_queue ON requests(department_id, status, due_ms);
CREATE INDEX request_documents_request ON request_documents(request_id);
CREATE INDEX request_history_request ON request_history(request_id, id);
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
COMMIT;
