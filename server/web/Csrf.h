#pragma once

#include <QByteArray>
#include <QString>

namespace dimos {

struct HttpRequest;

// Cross-site request forgery protection for the citizens' forms (double-submit cookie): every
// browser gets a random token in an HttpOnly SameSite=Lax cookie, every form carries the same
// token in a hidden field, and a POST is accepted only when the two are equal (compared in
// constant time). Another site can make a browser send the cookie (SameSite=Lax already stops
// that for POSTs in today's browsers) but cannot read it to put it in the form.
namespace csrf {

inline constexpr char kCookieName[] = "dimos_csrf";
inline constexpr char kFieldName[] = "csrf";

// A cookie's value from the request's Cookie header; null when absent.
QString cookie(const HttpRequest &request, const QString &name);
// The token of the request's cookie when it is well formed; null otherwise.
QString tokenFromCookie(const HttpRequest &request);
// 32 random bytes, base64url (43 characters).
QString newToken();
// The Set-Cookie value that gives the browser `token`; `secure` when the site is on https.
QByteArray setCookie(const QString &token, bool secure);
// True when both are well-formed tokens and equal, compared in time that does not depend on
// where they differ.
bool matches(const QString &cookieToken, const QString &formToken);

} // namespace csrf

} // namespace dimos
