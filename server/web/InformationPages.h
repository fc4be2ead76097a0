#pragma once

#include <QJsonValue>
#include <QString>

#include <functional>

#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

namespace dimos {

class WebPage;
struct AppContext;
struct InformationItem;
struct WebRequest;

// The citizens' pages of the information categories (docs/WEB.md): the list of categories
// (/information), a category's current items, events first by date, and its past events
// (/information/{code}), one item with its dates, place (a small map), photos and text
// (/information/{code}/{id}; a withdrawn item answers 410 with a page that says so).
class InformationPages final
{
public:
    using PageHandler = std::function<HttpResponse(HttpRequest &, const WebRequest &)>;
    using PageRoute = std::function<HttpHandler(PageHandler)>;

    InformationPages(const AppContext &ctx, const WebPage &page) : m_ctx(ctx), m_page(page) { }

    void registerRoutes(Router &router, const PageRoute &pageRoute) const;

    // The home page's "from the municipality" section: the next events and newest items, and
    // the categories; false when there is no information category.
    QJsonValue homeSection(const WebRequest &web) const;

    static QString categoryPath(const QString &code);
    static QString itemPath(const InformationItem &item);

private:
    HttpResponse index(const WebRequest &web) const;
    HttpResponse category(const HttpRequest &req, const WebRequest &web) const;
    HttpResponse item(const HttpRequest &req, const WebRequest &web) const;
    QJsonObject entry(const WebRequest &web, const InformationItem &item) const;
    QJsonValue when(const WebRequest &web, const InformationItem &item) const;

    const AppContext &m_ctx;
    const WebPage &m_page;
};

} // namespace dimos
