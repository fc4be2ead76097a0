#pragma once

namespace dimos {

class Router;
struct AppContext;

// The GIS layers, public and read-only (docs/api/rest.md, "GIS layers"):
//   GET /api/v1/layers                                  the layers, with style and attribution
//   GET /api/v1/layers/{code}/features.geojson          a layer's features (?bbox=&zoom=)
//   GET /api/v1/whatishere?lat=&lon=[&tolerance=]        features at a point across layers
void registerGisApi(Router &router, AppContext &ctx);

} // namespace dimos
