#pragma once

#include <memory>

namespace dimos {

class EventRepository;
class ReportMapIndex;
class Router;
struct AppContext;

// The citizens' web pages (docs/WEB.md): the home page with the map and the latest reports,
// a report's page, the report form, the map's GeoJSON and the static files. Owns what they
// keep between requests (the clustered map index, the static files) and registers the routes.
class WebSite final
{
public:
    // `ctx` must be complete (templates, messages, web settings, repositories) and outlive this.
    WebSite(AppContext &ctx, const EventRepository &events);
    ~WebSite();
    WebSite(const WebSite &) = delete;
    WebSite &operator=(const WebSite &) = delete;

    void registerRoutes(Router &router);
    ReportMapIndex &mapIndex();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
