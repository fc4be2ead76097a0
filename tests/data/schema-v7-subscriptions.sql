-- A Dimos database at schema version 7, as `sqlite3 FILE .dump` writes it: made by loading
-- schema-v3.sql (the same rows) and applying server/storage/migrations/sqlite/0004 to 0007, with
-- two confirmed subscriptions to "pothole": one for the whole municipality (id 1), one within a
-- 1 km circle around the town hall (id 2).
-- tst_Migrator loads it and migrates it to the latest version (0008 adds the GIS layers and a
-- subscription's municipal unit).
-- Do not edit it by hand to match a later schema: it stands for the databases already in the field.
-- The staff password of every user is "fixture-password-1" (Argon2id at minimum cost).
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES(7);
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
, moderated INTEGER NOT NULL DEFAULT 0);
INSERT INTO categories VALUES('pothole','Λακκούβα στο οδόστρωμα','Pothole','Λακκούβα ή καθίζηση σε δρόμο','A pothole or subsidence in a road','Οδοποιία','Roads','λακκούβα,δρόμος,άσφαλτος',1,1,1,1763622000000,1763622000000,0);
INSERT INTO categories VALUES('bulky-waste','Ογκώδη αντικείμενα','Bulky waste','Παλιά έπιπλα ή στρώματα στο πεζοδρόμιο','Old furniture or mattresses on the pavement','Καθαριότητα','Cleaning','έπιπλα,στρώμα',2,1,2,1763622000000,1763622000000,0);
INSERT INTO categories VALUES('old-service','Παλιά υπηρεσία','Retired service','','','','','',2,0,9,1763622000000,1763622000000,0);
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
    confirmed_ms INTEGER, -- NULL until the citizen follows the confirmation link
    CHECK ((area_lat IS NULL) = (area_lon IS NULL) AND (area_lat IS NULL) = (area_radius_m IS NULL))
);
INSERT INTO subscriptions VALUES(1,'whole@example.org','el',NULL,NULL,NULL,1760000000000,1760000100000);
INSERT INTO subscriptions VALUES(2,'circle@example.org','en',41.091200000000000615,23.548600000000000421,1000.0,1760000000000,1760000100000);
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
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('departments',2);
INSERT INTO sqlite_sequence VALUES('users',3);
INSERT INTO sqlite_sequence VALUES('auth_tokens',1);
INSERT INTO sqlite_sequence VALUES('reports',3);
INSERT INTO sqlite_sequence VALUES('report_history',7);
INSERT INTO sqlite_sequence VALUES('api_keys',1);
INSERT INTO sqlite_sequence VALUES('report_photos',1);
INSERT INTO sqlite_sequence VALUES('subscriptions',2);
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
COMMIT;
