-- Version 13: GIS layers edited by administrators over the API (PUT /api/v1/layers/{code}).
-- `visible`: whether maps show the layer when they open (the desk's layer panel starts with it
-- ticked); a hidden layer stays public and listed. `edits` counts the edits of names, style and
-- visibility, so the spatial index of every process sees them (LayerRepository::revision).
ALTER TABLE gis_layers ADD COLUMN visible INTEGER NOT NULL DEFAULT 1;
ALTER TABLE gis_layers ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;
