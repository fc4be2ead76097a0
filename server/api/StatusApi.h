#pragma once

namespace dimos {

class Router;
struct AppContext;

// "/": what this server offers and where (Open311, the staff API); "/healthz" for monitors
// and load balancers: 200 when the database answers, 503 otherwise.
void registerStatusApi(Router &router, AppContext &ctx);

} // namespace dimos
