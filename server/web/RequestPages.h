#pragma once

#include <functional>
#include <memory>

#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

namespace dimos {

class WebPage;
struct AppContext;
struct WebRequest;

// The citizens' pages of e-Dimotis requests (docs/WEB.md "Requests", docs/EDIMOTIS.md) over
// core/RequestService's citizen entry points:
//   /requests                       GET the citizen's requests and what can be requested (the
//                                   catalogue is public; signed out: "sign in to apply")
//   /requests/new/<type>            GET the form (the type's fields, its documents, the applicant
//                                   from the profile), POST submits
//   /requests/<id>/sent             GET the receipt: the protocol number
//   /requests/<id>                  GET the request: status, history, documents, the answer
//   /requests/<id>/documents        POST documents the department asked for
//   /requests/<id>/withdraw         GET a confirmation page, POST withdraws
//   /requests/<id>/documents/<doc>  GET a document of the request (audited)
//   /requests/<id>/answer.pdf       GET the issued answer (audited)
// Every page needs a signed-in citizen with a verified e-mail (citizensession::requireCitizen);
// another citizen's request is the same 404 page as one that does not exist. Every POST carries
// the CSRF token; submissions and uploads are limited per citizen and per client address
// (kSubmissionsPerHour, 429 with Retry-After).
class RequestPages final
{
public:
    using PageHandler = std::function<HttpResponse(HttpRequest &, const WebRequest &)>;
    using PageRoute = std::function<HttpHandler(PageHandler)>;

    static constexpr int kSubmissionsPerHour = 10;

    RequestPages(AppContext &ctx, const WebPage &page);
    ~RequestPages();
    RequestPages(const RequestPages &) = delete;
    RequestPages &operator=(const RequestPages &) = delete;

    void registerRoutes(Router &router, const PageRoute &pageRoute);

    // The most one submission's files may add up to: requests/max_documents ×
    // requests/max_document_mib, or less when http/max_body_mib is smaller (the form's own
    // fields need room too). The pages state it; the HTTP layer refuses more (413).
    static qint64 uploadLimit(const AppContext &ctx);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
