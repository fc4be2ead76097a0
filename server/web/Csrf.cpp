#include "Csrf.h"

#include <sodium.h>

#include "server/core/PasswordHasher.h"
#include "server/http/HttpTypes.h"

using namespace Qt::StringLiterals;

namespace dimos::csrf {

namespace {
bool wellFormed(QStringView token)
{
    if (token.size() != 43)
        return false;
    for (const QChar c : token)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_')
            return false;
    return true;
}
} // namespace

QString cookie(const HttpRequest &request, const QString &name)
{
    for (const auto &[header, value] : request.headers) {
        if (header != "cookie")
            continue;
        for (const QByteArray &pair : value.split(';')) {
            const QByteArray p = pair.trimmed();
            const qsizetype eq = p.indexOf('=');
            if (eq > 0 && QString::fromLatin1(p.left(eq)) == name)
                return QString::fromLatin1(p.mid(eq + 1));
        }
    }
    return {};
}

QString tokenFromCookie(const HttpRequest &request)
{
    const QString token = cookie(request, QString::fromLatin1(kCookieName));
    return wellFormed(token) ? token : QString();
}

QString newToken()
{
    return PasswordHasher::randomToken(32);
}

QByteArray setCookie(const QString &token, bool secure)
{
    // A session cookie: nothing about the browser outlives it.
    return QByteArray(kCookieName) + '=' + token.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
}

bool matches(const QString &cookieToken, const QString &formToken)
{
    if (!wellFormed(cookieToken) || !wellFormed(formToken))
        return false;
    const QByteArray a = cookieToken.toLatin1(), b = formToken.toLatin1();
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace dimos::csrf
