#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

namespace dimos {

class WebPage;
struct AppContext;
struct WebRequest;

// The public verification page of the documents the municipality issues (docs/WEB.md,
// docs/EDIMOTIS.md): /verify (type a code, or upload a PDF with its code), /verify/<code> (what
// the QR code on the document opens: the document's type, outgoing protocol number and date,
// issue date, valid or revoked — nothing about the person it was issued to, since anyone may
// open it) and POST /verify/<code>/check (is this file exactly the issued PDF: its SHA-256
// against the stored one). Lookups are limited per client address, so codes cannot be tried
// in bulk.
class VerifyPages final
{
public:
    using PageHandler = std::function<HttpResponse(HttpRequest &, const WebRequest &)>;
    using PageRoute = std::function<HttpHandler(PageHandler)>;

    VerifyPages(AppContext &ctx, const WebPage &page);
    ~VerifyPages();
    VerifyPages(const VerifyPages &) = delete;
    VerifyPages &operator=(const VerifyPages &) = delete;

    void registerRoutes(Router &router, const PageRoute &pageRoute);

    // Look-ups (a code page, a file check) per client address and hour. With 60 random bits
    // per code, this makes guessing one hopeless; a person checking documents by hand stays
    // far below it.
    static constexpr int kLookupsPerHour = 60;
    // An uploaded file larger than this is refused before it is read (the answers are some 50 KB).
    static constexpr qsizetype kMaxUploadBytes = 10 * 1024 * 1024;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
