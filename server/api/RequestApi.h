#pragma once

namespace dimos {

class Router;
struct AppContext;

// The staff side of e-Dimotis (docs/EDIMOTIS.md, docs/api/rest.md): request types (admins
// write them), the queue, one request with its documents and answer (each opening audited),
// claim / ask / issue / reject, and the audit log (admins).
void registerRequestApi(Router &router, AppContext &ctx);

} // namespace dimos
