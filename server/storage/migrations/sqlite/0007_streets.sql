-- Version 7: the municipality's own street list, for finding a place by its address on the
-- report form (imported with `dimosd streets import FILE`, CSV or GeoJSON).

CREATE TABLE streets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    folded TEXT NOT NULL, -- both names folded (case, accents: shared/text/SearchFold) for search
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    postcode TEXT NOT NULL DEFAULT ''
);
CREATE INDEX streets_folded ON streets(folded);
