#pragma once

#include <functional>
#include <memory>

#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

namespace dimos {

class WebPage;
struct AppContext;
struct WebRequest;

// The citizens' account pages (docs/WEB.md "Accounts") over core/CitizenAccounts:
//   /account/register        GET form, POST registers (the same answer for a known address)
//   /account/verify?token=   GET a page whose button (POST) confirms the e-mail
//   /account/verify/resend   POST (signed in): a new verification link
//   /account/login?next=     GET form, POST signs in (cookie dimos_session) and goes to `next`
//                            when it is a local path, else to /account
//   /account/logout          POST
//   /account/reset           GET form, POST mails a reset link (the same answer for any address)
//   /account/reset/<token>   GET new-password form, POST sets it (ends every session)
//   /account                 GET the profile (view and edit), POST saves it
// Every POST carries the CSRF token. Other pages find the signed-in citizen in
// WebRequest::citizen and send the signed-out to sign in with citizensession::requireCitizen()
// (web/CitizenSession.h).
class AccountPages final
{
public:
    using PageHandler = std::function<HttpResponse(HttpRequest &, const WebRequest &)>;
    using PageRoute = std::function<HttpHandler(PageHandler)>;

    AccountPages(AppContext &ctx, const WebPage &page);
    ~AccountPages();
    AccountPages(const AccountPages &) = delete;
    AccountPages &operator=(const AccountPages &) = delete;

    void registerRoutes(Router &router, const PageRoute &pageRoute);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace dimos
