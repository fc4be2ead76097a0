#pragma once

namespace dimos {

class Router;
struct AppContext;

// /api/v1/protocol: the protocol register for staff (docs/api/rest.md, docs/PROTOCOL.md):
// search, read, register by hand, export and import as CSV.
void registerProtocolApi(Router &router, AppContext &ctx);

} // namespace dimos
