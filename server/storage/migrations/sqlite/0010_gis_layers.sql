-- Version 10: GIS layers (the municipal boundary, municipal units, school districts, networks,
-- planning zones, points of interest), imported with `dimosd layers import` (server/gis), and
-- a subscription's area as one feature of a municipal units layer.

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
CREATE INDEX gis_features_layer ON gis_features(layer_id);
CREATE INDEX gis_features_box ON gis_features(min_lon, max_lon, min_lat, max_lat);

-- A subscription's area may be a municipal unit instead of a circle: a feature of a
-- municipal_units layer, named by the layer's code and the feature's name (names outlive a
-- re-import of the layer, which gives its features new ids). Both or neither.
ALTER TABLE subscriptions ADD COLUMN area_layer TEXT;
ALTER TABLE subscriptions ADD COLUMN area_unit TEXT;
