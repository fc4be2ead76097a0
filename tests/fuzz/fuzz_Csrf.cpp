// libFuzzer target for the CSRF check of the citizens' forms (server/web/Csrf): the token read
// from the request's Cookie headers and compared with the form's hidden field.
//
// Input: lines; all but the last are Cookie header values, the last is the form's csrf field.
// Beyond crashes: a token read from a cookie is well formed (43 characters of base64url) and is
// the value of a dimos_csrf pair of one of the headers; two tokens match only when they are
// equal and well formed, in either order; a well-formed token matches itself and survives the
// trip through its own Set-Cookie.

#include "server/http/HttpTypes.h"
#include "server/web/Csrf.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

bool wellFormed(const QString &token)
{
    if (token.size() != 43)
        return false;
    for (const QChar c : token)
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
                || c == u'_'))
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QList<QByteArray> lines = fuzz::bytes(data, size).split('\n');
    const QString field = QString::fromUtf8(lines.takeLast());
    HttpRequest request;
    for (const QByteArray &line : std::as_const(lines))
        request.headers.append({"cookie"_ba, line});

    const QString fromCookie = csrf::tokenFromCookie(request);
    if (!fromCookie.isNull()) {
        FUZZ_REQUIRE(wellFormed(fromCookie));
        bool found = false;
        for (const QByteArray &line : std::as_const(lines))
            found = found || line.contains(QByteArray(QByteArray(csrf::kCookieName) + '=' + fromCookie.toLatin1()));
        FUZZ_REQUIRE(found);
    }

    const bool matched = csrf::matches(fromCookie, field);
    FUZZ_REQUIRE(matched == csrf::matches(field, fromCookie));
    if (matched)
        FUZZ_REQUIRE(fromCookie == field && wellFormed(field));
    FUZZ_REQUIRE(csrf::matches(field, field) == wellFormed(field));

    if (wellFormed(field)) {
        // The browser sends back the name=value of the Set-Cookie it was given.
        HttpRequest back;
        back.headers.append({"cookie"_ba, "a=b; " + csrf::setCookie(field, true).split(';').first() + "; c"});
        FUZZ_REQUIRE(csrf::tokenFromCookie(back) == field);
    }
    return 0;
}
