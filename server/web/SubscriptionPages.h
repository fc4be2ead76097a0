#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

namespace dimos {

class RateLimiter;
class WebPage;
struct AppContext;
struct Report;
struct WebRequest;

// The citizens' e-mail pages (docs/WEB.md) over CitizenMail: subscribing to new reports by
// category and area, confirming, changing and ending a subscription; following a report's
// updates from its page; the reporter's "not fixed". Every link in a mail opens a page whose
// button does the thing (a mail scanner that opens links changes nothing); every form carries
// the CSRF token, except the RFC 8058 one-click unsubscribe POST that mail clients send
// (List-Unsubscribe=One-Click), which the link's secret token protects.
class SubscriptionPages final
{
public:
    using PageHandler = std::function<HttpResponse(HttpRequest &, const WebRequest &)>;
    using PageRoute = std::function<HttpHandler(PageHandler)>;
    // Renders a report's page with these values for its "e-mail me updates" form, and status.
    using ReportPage = std::function<HttpResponse(const HttpRequest &, const WebRequest &, const QJsonObject &, int)>;

    SubscriptionPages(AppContext &ctx, const WebPage &page);
    ~SubscriptionPages();
    SubscriptionPages(const SubscriptionPages &) = delete;
    SubscriptionPages &operator=(const SubscriptionPages &) = delete;

    // `pageRoute` turns a page handler into a route (errors become pages); `reportPage` shows
    // a report again when its follow form has an error.
    void registerRoutes(Router &router, const PageRoute &pageRoute, ReportPage reportPage);

    // The values of the follow form (web/follow_form) on report `r`'s page.
    static QJsonObject followForm(
        const WebRequest &web, const Report &r, const QString &email = {}, const QString &error = {});

    // Subscriptions and follow requests (each mails a link) per client address and hour.
    static constexpr int kMailRequestsPerHour = 10;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
