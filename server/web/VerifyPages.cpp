#include "VerifyPages.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>

#include "server/app/AppContext.h"
#include "server/core/RateLimiter.h"
#include "server/core/VerificationCode.h"
#include "server/http/FormData.h"
#include "server/storage/IssuedDocumentRepository.h"
#include "server/web/Csrf.h"
#include "server/web/WebPage.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// A day as the documents print it: DD-MM-YYYY in Greek time.
QString documentDate(qint64 epochMs)
{
    static const QTimeZone athens("Europe/Athens");
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc());
    return (athens.isValid() ? utc.toTimeZone(athens) : utc).date().toString(u"dd-MM-yyyy"_s);
}

QString codePath(const QString &code)
{
    return u"/verify/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code));
}

} // namespace

struct VerifyPages::Impl
{
    Impl(AppContext &c, const WebPage &p)
        : ctx(c), page(p), documents(*c.db), limiter(*c.clock, kLookupsPerHour, 3600LL * 1000)
    { }

    AppContext &ctx;
    const WebPage &page;
    IssuedDocumentRepository documents;
    RateLimiter limiter; // look-ups per client address

    // What a result of a file check shows.
    struct Check
    {
        bool done = false;
        bool matches = false;
        QString fileName;
        QString sha256;
        QString error; // the upload could not be checked
    };

    HttpResponse noStore(HttpResponse r) const
    {
        // A code is as good as a link to the page: keep the pages out of caches and search engines.
        r.withHeader("Cache-Control"_ba, "no-store"_ba);
        r.withHeader("X-Robots-Tag"_ba, "noindex"_ba);
        return r;
    }

    // The form: a code to look up, or a file with its code to check. `codeError` and
    // `uploadError` are shown at their fields.
    HttpResponse formPage(const WebRequest &web, const QString &typed, const QString &codeError, int status,
        const QString &uploadCode = {}, const QString &uploadError = {}) const
    {
        QJsonObject values{{u"code"_s, typed}, {u"code_error"_s, textOrFalse(codeError)},
            {u"upload_code"_s, uploadCode}, {u"upload_error"_s, textOrFalse(uploadError)},
            {u"max_upload"_s, formatByteSize(kMaxUploadBytes)}};
        WebPage::Options options;
        options.status = status;
        return noStore(page.render(web, u"web/verify"_s, page.text(web, u"web.verify.title"_s), values, options));
    }

    HttpResponse tooMany(const WebRequest &web, int waitSeconds) const
    {
        const int wait = std::max(1, waitSeconds);
        HttpResponse r = page.error(web, 429, page.text(web, u"web.verify.rate_title"_s),
            page.text(web, u"web.verify.rate"_s, {QString::number((wait + 59) / 60)}), u"/verify"_s,
            page.text(web, u"web.verify.again"_s));
        r.withHeader("Retry-After"_ba, QByteArray::number(wait));
        return noStore(r);
    }

    HttpResponse unknown(const WebRequest &web, const QString &code) const
    {
        return noStore(page.error(web, 404, page.text(web, u"web.verify.unknown_title"_s),
            page.text(web, u"web.verify.unknown"_s, {code}), u"/verify"_s, page.text(web, u"web.verify.again"_s)));
    }

    // Counts a look-up by the caller; the wait in seconds when it has had its share.
    int spend(const HttpRequest &req)
    {
        const QString client = req.remote.toString();
        if (const int wait = limiter.retryAfterSeconds(client); wait > 0)
            return wait;
        limiter.record(client);
        return 0;
    }

    HttpResponse documentPage(const WebRequest &web, const IssuedDocument &d, const Check &check, int status) const
    {
        const bool en = web.lang == u"en";
        QJsonObject values{{u"code"_s, d.verificationCode},
            {u"type"_s, en && !d.typeNameEn.isEmpty() ? d.typeNameEn : d.typeNameEl}, {u"protocol"_s, d.protocolNumber},
            {u"issued"_s, documentDate(d.issuedMs)}, {u"revoked"_s, d.revoked()},
            {u"revoked_on"_s, d.revokedMs ? documentDate(*d.revokedMs) : QString()},
            {u"revoked_text"_s,
                d.revokedMs ? page.text(web, u"web.verify.revoked"_s, {documentDate(*d.revokedMs)}) : QString()},
            {u"check_action"_s, QString(codePath(d.verificationCode) + u"/check"_s)},
            {u"max_upload"_s, formatByteSize(kMaxUploadBytes)}, {u"checked"_s, check.done},
            {u"matches"_s, check.matches}, {u"file_name"_s, check.fileName}, {u"file_sha256"_s, check.sha256},
            {u"upload_error"_s, textOrFalse(check.error)}};
        WebPage::Options options;
        options.status = status;
        return noStore(page.render(
            web, u"web/verify_document"_s, page.text(web, u"web.verify.document_title"_s), values, options));
    }

    // GET /verify and GET /verify?code=…: the form, or on to the code's page.
    HttpResponse form(const HttpRequest &req, const WebRequest &web) const
    {
        if (!req.hasQuery(u"code"_s))
            return formPage(web, {}, {}, 200);
        const QString typed = req.queryValue(u"code"_s);
        if (const std::optional<QString> code = verificationcode::normalise(typed))
            return noStore(page.redirect(web, codePath(*code)));
        return formPage(web, typed.left(64), page.text(web, u"web.verify.malformed"_s), 400);
    }

    // GET /verify/<code>: what the QR code opens.
    HttpResponse show(const HttpRequest &req, const WebRequest &web)
    {
        const QString typed = req.params.value(u"code"_s);
        const std::optional<QString> code = verificationcode::normalise(typed);
        if (!code)
            return formPage(web, typed.left(64), page.text(web, u"web.verify.malformed"_s), 400);
        if (const int wait = spend(req); wait > 0)
            return tooMany(web, wait);
        const std::optional<IssuedDocument> d = documents.findByCode(*code);
        if (!d)
            return unknown(web, *code);
        return documentPage(web, *d, {}, 200);
    }

    // POST /verify/<code>/check and POST /verify/check (the code in a field): is the uploaded
    // file the issued PDF?
    HttpResponse check(const HttpRequest &req, const WebRequest &web)
    {
        FormLimits limits;
        limits.maxParts = 8;
        limits.maxFileBytes = kMaxUploadBytes;
        limits.maxTotalFileBytes = kMaxUploadBytes;
        QString why;
        const std::optional<FormData> data = parseForm(req.contentType(), req.body, limits, &why);
        const bool fromForm = !req.params.contains(u"code"_s);
        const QString typed = fromForm ? (data ? data->value(u"code") : QString()) : req.params.value(u"code"_s);
        // The cookie's token, not a fresh one: a browser without it cannot have sent a form of ours.
        if (data && (web.newCsrf || !csrf::matches(web.csrf, data->value(u"csrf"))))
            return noStore(page.error(web, 403, page.text(web, u"web.error.csrf_title"_s),
                page.text(web, u"web.error.csrf"_s), u"/verify"_s, page.text(web, u"web.error.csrf_action"_s)));
        const std::optional<QString> code = verificationcode::normalise(typed);
        if (!code)
            return formPage(web, {}, {}, 400, typed.left(64), page.text(web, u"web.verify.malformed"_s));
        if (const int wait = spend(req); wait > 0)
            return tooMany(web, wait);
        const std::optional<IssuedDocument> d = documents.findByCode(*code);
        if (!d)
            return unknown(web, *code);

        Check result;
        const FormFile *file = data ? data->file(u"pdf") : nullptr;
        if (!data)
            result.error = page.text(web, u"web.verify.upload_unreadable"_s, {why});
        else if (!file)
            result.error = page.text(web, u"web.verify.upload_missing"_s);
        if (!result.error.isEmpty())
            return documentPage(web, *d, result, data ? 422 : 400);
        result.done = true;
        result.fileName = file->fileName;
        result.sha256 = QString::fromLatin1(QCryptographicHash::hash(file->data, QCryptographicHash::Sha256).toHex());
        result.matches = result.sha256.compare(d->sha256, Qt::CaseInsensitive) == 0;
        return documentPage(web, *d, result, 200);
    }
};

VerifyPages::VerifyPages(AppContext &ctx, const WebPage &page) : d(std::make_unique<Impl>(ctx, page)) { }

VerifyPages::~VerifyPages() = default;

void VerifyPages::registerRoutes(Router &router, const PageRoute &pageRoute)
{
    Impl *p = d.get();
    router.add(
        "GET"_ba, u"/verify"_s, pageRoute([p](HttpRequest &req, const WebRequest &web) { return p->form(req, web); }));
    router.add("GET"_ba, u"/verify/{code}"_s,
        pageRoute([p](HttpRequest &req, const WebRequest &web) { return p->show(req, web); }));
    router.add("POST"_ba, u"/verify/{code}/check"_s,
        pageRoute([p](HttpRequest &req, const WebRequest &web) { return p->check(req, web); }));
    router.add("POST"_ba, u"/verify/check"_s,
        pageRoute([p](HttpRequest &req, const WebRequest &web) { return p->check(req, web); }));
}

} // namespace dimos
