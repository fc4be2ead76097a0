#pragma once

namespace dimos {

class Router;
struct AppContext;

// /api/v1: the staff REST API the desktop app uses. See docs/api/rest.md.
void registerStaffApi(Router &router, AppContext &ctx);

} // namespace dimos
