#pragma once

#include <functional>
#include <memory>

#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

namespace dimos {

class WebPage;
struct AppContext;
struct WebRequest;

// "What applies at my address" (/lookup, docs/WEB.md): an address from the street list, a point
// on the map or typed coordinates, and the answer from the GIS layers' spatial index — the
// municipal unit, the school district(s), the urban-planning zone with its building terms
// (shared/domain/BuildingTerms) —, with the layers' attributions. A GET form: it works without
// JavaScript, needs no CSRF token and changes nothing. When no layer of a kind is loaded the
// page says so rather than guessing.
class LookupPages final
{
public:
    using PageHandler = std::function<HttpResponse(HttpRequest &, const WebRequest &)>;
    using PageRoute = std::function<HttpHandler(PageHandler)>;

    LookupPages(AppContext &ctx, const WebPage &page);
    ~LookupPages();
    LookupPages(const LookupPages &) = delete;
    LookupPages &operator=(const LookupPages &) = delete;

    void registerRoutes(Router &router, const PageRoute &pageRoute);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
