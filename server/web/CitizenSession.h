#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "server/http/HttpTypes.h"
#include "server/storage/CitizenRepository.h"

namespace dimos {

class CitizenAccounts;
class WebPage;
struct WebRequest;

// The citizen signed in on a web request (docs/WEB.md "Accounts"). Pages read it from
// WebRequest::citizen, which WebPage::begin() fills from the `dimos_session` cookie, so every
// page (and its header) knows who is signed in with one lookup.
struct SignedInCitizen
{
    qint64 id = 0; // citizens.id
    QString email; // lower case
    bool verified = false; // the e-mail was confirmed through the mailed link (or a reset)
    QString language; // the language of the citizen's mails: "el" or "en"
    CitizenProfile profile; // as stored: ΑΦΜ/ΑΜΚΑ normalised, birth date YYYY-MM-DD

    // What a request needs of the profile (docs/EDIMOTIS.md "Submit"): name, surname and ΑΦΜ.
    bool profileComplete() const
    {
        return !profile.givenName.isEmpty() && !profile.surname.isEmpty() && !profile.afm.isEmpty();
    }
};

namespace citizensession {

inline constexpr char kCookieName[] = "dimos_session";

// The session token of the request's cookie; null when there is none.
QString tokenFromCookie(const HttpRequest &request);
// The Set-Cookie value of a session: HttpOnly, SameSite=Lax, Path=/, Secure on https.
QByteArray setCookie(const QString &token, qint64 maxAgeSeconds, bool secure);
// The Set-Cookie value that removes it.
QByteArray clearCookie(bool secure);

// The citizen signed in on `request`, for code that has no WebRequest (an API route). Pages
// use WebRequest::citizen instead. Extends the session like a page does (without a cookie).
std::optional<SignedInCitizen> signedIn(CitizenAccounts &accounts, const HttpRequest &request);

// `next` when it is a path on this site ("/requests/7?x=1"), else null: no scheme, no host,
// no "//" or "/\" (which browsers read as another host), no control characters.
QString localPath(const QString &next);
// "/account/login?next=<this request's path and query>".
QString loginPath(const HttpRequest &request);

// For pages that act for a citizen: nothing when `web` has a signed-in citizen (and, with
// `needVerified`, one whose e-mail is verified); otherwise the answer to send instead — a 303 to
// the sign-in page that comes back to this page afterwards (GET) or to /account (other methods),
// or a 403 page saying to confirm the e-mail first, with a link to /account to resend it.
std::optional<HttpResponse> requireCitizen(const WebPage &page, const WebRequest &web, bool needVerified = true);

} // namespace citizensession

} // namespace dimos
