#pragma once

namespace dimos {

class Router;
struct AppContext;

// /api/v1/information: the items staff publish in information categories (events, pets,
// tourism). Same conventions as StaffApi (bearer token, JSON errors); see docs/api/rest.md.
void registerInformationApi(Router &router, AppContext &ctx);

} // namespace dimos
