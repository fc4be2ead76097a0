#pragma once

namespace dimos {

class Router;
struct AppContext;

// Open311 GeoReport v2 at /open311/v2 in XML and JSON, with the common extensions (page,
// page_size, bbox, lat/long/radius, updated_after/before, extensions=true) and mySociety's
// servicerequestupdates, plus /media/ for the photos. See docs/api/open311.md.
void registerOpen311Api(Router &router, AppContext &ctx);

} // namespace dimos
