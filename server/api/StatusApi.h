#pragma once

namespace dimos {

class Router;
struct AppContext;

// "/healthz" for monitors and load balancers: 200 when the database answers, 503 otherwise.
// ("/" is the citizens' home page: server/web/.)
void registerStatusApi(Router &router, AppContext &ctx);

} // namespace dimos
