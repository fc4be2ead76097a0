#include "AccountPages.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>

#include "server/app/AppContext.h"
#include "server/core/CitizenAccounts.h"
#include "server/core/RequestService.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/storage/CitizenRepository.h"
#include "server/web/CitizenSession.h"
#include "server/web/Csrf.h"
#include "server/web/WebPage.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// What a field's help text is filled with: the password's rule names its minimum length; the
// other help texts take nothing.
QStringList helpArguments(const QString &type)
{
    return type == u"password" ? QStringList{QString::number(accountcheck::kMinPassword)} : QStringList{};
}

// One input of an account form as the template web/account_field draws it.
struct Input
{
    Input(QString id_, QString type_, QString autocomplete_, int maxLength_, bool required_ = false,
        QString inputMode_ = {}, bool help_ = false)
        : id(std::move(id_)),
          type(std::move(type_)),
          autocomplete(std::move(autocomplete_)),
          maxLength(maxLength_),
          required(required_),
          inputMode(std::move(inputMode_)),
          help(help_)
    { }
    QString id;
    QString type;
    QString autocomplete;
    int maxLength = 0;
    bool required = false;
    QString inputMode;
    bool help = false; // web.account.help.<id> under the label
};

QString escapedToken(const QString &token)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(token));
}

} // namespace

struct AccountPages::Impl
{
    Impl(AppContext &c, const WebPage &p) : ctx(c), page(p) { }

    AppContext &ctx;
    const WebPage &page;

    CitizenAccounts &accounts() const { return *ctx.citizenAccounts; }

    // ---- shared pieces ----

    std::optional<FormData> form(const HttpRequest &req) const
    {
        QString why;
        return parseForm(req.contentType(), req.body, FormLimits{}, &why);
    }

    bool csrfOk(const WebRequest &web, const std::optional<FormData> &data) const
    {
        return data && !web.newCsrf && csrf::matches(web.csrf, data->value(u"csrf"));
    }

    HttpResponse csrfRefused(const WebRequest &web, const QString &again) const
    {
        return page.error(web, 403, page.text(web, u"web.error.csrf_title"_s), page.text(web, u"web.error.csrf"_s),
            again, page.text(web, u"web.error.csrf_action"_s));
    }

    HttpResponse invalidLink(const WebRequest &web, const QString &key) const
    {
        return page.error(web, 404, page.text(web, key + u"_title"_s), page.text(web, key), u"/account/reset"_s,
            page.text(web, u"web.account.reset.title"_s));
    }

    HttpResponse tooMany(const WebRequest &web, int waitSeconds) const
    {
        const int wait = std::max(1, waitSeconds);
        HttpResponse r = page.error(web, 429, page.text(web, u"web.account.rate_title"_s),
            page.text(web, u"web.account.rate"_s, {QString::number((wait + 59) / 60)}), u"/"_s,
            page.text(web, u"web.error.home_action"_s));
        r.withHeader("Retry-After"_ba, QByteArray::number(wait));
        return r;
    }

    HttpResponse done(const WebRequest &web, const QString &heading, const QString &message, const QString &href = {},
        const QString &label = {}) const
    {
        QJsonObject values{{u"heading"_s, heading}, {u"message"_s, message}, {u"action"_s, false}};
        if (!href.isEmpty())
            values.insert(u"action"_s, QJsonObject{{u"href"_s, href}, {u"label"_s, label}});
        WebPage::Options options;
        options.nav = WebPage::Nav::Account;
        return page.render(web, u"web/done"_s, heading, values, options);
    }

    // The Art. 13 GDPR notice of the registration and profile pages.
    QJsonObject privacy(const WebRequest &web) const
    {
        const QString municipality = page.municipality(web.lang);
        const int days = int(accounts().settings().sessionLifetimeMs / (24LL * 3600 * 1000));
        QJsonArray items;
        for (const QString &key :
            {u"controller"_s, u"purpose"_s, u"basis"_s, u"recipients"_s, u"retention"_s, u"rights"_s}) {
            const QStringList args = key == u"controller" ? QStringList{municipality, ctx.contactEmail}
                : key == u"retention"                     ? QStringList{QString::number(days)}
                : key == u"rights"                        ? QStringList{ctx.contactEmail}
                                                          : QStringList{};
            items.append(QJsonObject{{u"label"_s, page.text(web, u"web.account.privacy."_s + key + u"_label"_s)},
                {u"text"_s, page.text(web, u"web.account.privacy."_s + key, args)}});
        }
        return {{u"items"_s, items}};
    }

    // Problems (field, message key) in words, in the order the form asks.
    QList<std::pair<QString, QString>> messages(const WebRequest &web, const QList<FormProblem> &problems) const
    {
        QList<std::pair<QString, QString>> out;
        for (const FormProblem &p : problems)
            out.append({p.field, page.text(web, p.key, p.args)});
        return out;
    }

    static QList<FormProblem> problemsOf(const ApiError &e)
    {
        QList<FormProblem> out;
        for (const QJsonValue &v : e.details[u"problems"_s].toArray())
            out.append({v[u"field"_s].toString(), v[u"key"_s].toString()});
        return out;
    }

    QJsonObject input(const WebRequest &web, const Input &in, const QString &value,
        const QList<std::pair<QString, QString>> &errors) const
    {
        QString error;
        for (const auto &[field, message] : errors)
            if (field == in.id) {
                error = message;
                break;
            }
        QStringList describedBy;
        if (in.help)
            describedBy.append(in.id + u"-help"_s);
        if (!error.isEmpty())
            describedBy.append(in.id + u"-error"_s);
        return {{u"id"_s, in.id}, {u"type"_s, in.type}, {u"value"_s, in.type == u"password" ? QString() : value},
            {u"label"_s, page.text(web, u"web.account.field."_s + in.id)},
            {u"help"_s,
                in.help ? QJsonValue(page.text(web, u"web.account.help."_s + in.id, helpArguments(in.type)))
                        : QJsonValue(false)},
            {u"error"_s, textOrFalse(error)}, {u"required"_s, in.required},
            {u"autocomplete"_s, textOrFalse(in.autocomplete)}, {u"maxlength"_s, in.maxLength},
            {u"inputmode"_s, textOrFalse(in.inputMode)}, {u"describedby"_s, textOrFalse(describedBy.join(u' '))}};
    }

    // The error summary above a form: links to the fields.
    QJsonObject withErrors(const WebRequest &web, QJsonObject values, const QList<std::pair<QString, QString>> &errors,
        const QString &headingKey) const
    {
        QJsonArray summary;
        for (const auto &[field, message] : errors)
            summary.append(QJsonObject{{u"target"_s, field},
                {u"label"_s, page.text(web, u"web.account.field."_s + field)}, {u"message"_s, message}});
        values.insert(u"errors"_s, summary);
        values.insert(u"has_errors"_s, !summary.isEmpty());
        values.insert(u"errors_heading"_s, page.text(web, headingKey));
        return values;
    }

    HttpResponse render(const WebRequest &web, const QString &templateName, const QString &titleKey,
        const QJsonObject &values, int status = 200) const
    {
        WebPage::Options options;
        options.status = status;
        options.nav = WebPage::Nav::Account;
        return page.render(web, templateName, page.text(web, titleKey), values, options);
    }

    // ---- registration ----

    HttpResponse registerForm(
        const WebRequest &web, const QString &email, const QList<std::pair<QString, QString>> &errors, int status) const
    {
        QJsonArray fields{
            input(web, {u"email"_s, u"email"_s, u"email"_s, 254, true, {}, true}, email, errors),
            input(web, {u"password"_s, u"password"_s, u"new-password"_s, accountcheck::kMaxPassword, true, {}, true},
                {}, errors),
            input(
                web, {u"password2"_s, u"password"_s, u"new-password"_s, accountcheck::kMaxPassword, true}, {}, errors),
        };
        QJsonObject values{{u"fields"_s, fields}, {u"privacy"_s, privacy(web)}};
        return render(web, u"web/account_register"_s, u"web.account.register.title"_s,
            withErrors(web, values, errors, u"web.account.register.errors_heading"_s), status);
    }

    HttpResponse registerPage(HttpRequest &, const WebRequest &web)
    {
        if (web.citizen)
            return page.redirect(web, u"/account"_s);
        return registerForm(web, {}, {}, 200);
    }

    HttpResponse registerPost(HttpRequest &req, const WebRequest &web)
    {
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/account/register"_s);
        if (!data->value(u"website").isEmpty())
            return page.error(web, 400, page.text(web, u"web.error.honeypot_title"_s),
                page.text(web, u"web.error.honeypot"_s), u"/account/register"_s,
                page.text(web, u"web.error.csrf_action"_s));
        const QString email = data->value(u"email").trimmed();
        const QString password = data->value(u"password");
        QList<FormProblem> problems = accountcheck::email(email);
        problems += accountcheck::passwordForm(email, password, data->value(u"password2"));
        if (!problems.isEmpty())
            return registerForm(web, email, messages(web, problems), 422);
        try {
            accounts().registerAccount(email, password, web.lang, req.remote.toString());
        } catch (const ApiError &e) {
            if (e.kind == ApiError::Kind::TooManyRequests)
                return tooMany(web, e.retryAfterSeconds);
            if (e.kind != ApiError::Kind::Validation)
                throw;
            return registerForm(web, email, messages(web, problemsOf(e)), 422);
        }
        // The same page whether the address was new or had an account (its owner got a mail).
        return done(web, page.text(web, u"web.account.register.sent_title"_s),
            page.text(web, u"web.account.register.sent"_s, {CitizenAccounts::normalisedEmail(email)}), u"/"_s,
            page.text(web, u"web.error.home_action"_s));
    }

    // ---- verification ----

    HttpResponse verifyPage(HttpRequest &req, const WebRequest &web)
    {
        // A mail scanner that opens the link changes nothing: the button does it.
        const QString token = req.queryValue(u"token"_s);
        const QJsonObject values{{u"heading"_s, page.text(web, u"web.account.verify.title"_s)},
            {u"text"_s, page.text(web, u"web.account.verify.text"_s)},
            {u"button"_s, page.text(web, u"web.account.verify.button"_s)},
            {u"action"_s, QString(u"/account/verify?token="_s + escapedToken(token))}, {u"danger"_s, false}};
        return render(web, u"web/link_action"_s, u"web.account.verify.title"_s, values);
    }

    HttpResponse verifyPost(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.queryValue(u"token"_s);
        if (!csrfOk(web, form(req)))
            return csrfRefused(web, u"/account/verify?token="_s + escapedToken(token));
        const std::optional<Citizen> c = accounts().verifyEmail(token);
        if (!c)
            return page.error(web, 404, page.text(web, u"web.account.verify.invalid_title"_s),
                page.text(web, u"web.account.verify.invalid"_s), u"/account"_s, page.text(web, u"web.account.title"_s));
        WebRequest now = web;
        if (now.citizen && now.citizen->id == c->id)
            now.citizen->verified = true;
        return done(now, page.text(web, u"web.account.verify.done_title"_s),
            page.text(web, u"web.account.verify.done"_s, {c->email}), now.citizen ? u"/account"_s : u"/account/login"_s,
            page.text(web, now.citizen ? u"web.account.title"_s : u"web.account.login.title"_s));
    }

    HttpResponse resendPost(HttpRequest &req, const WebRequest &web)
    {
        if (!csrfOk(web, form(req)))
            return csrfRefused(web, u"/account"_s);
        if (auto refusal = citizensession::requireCitizen(page, web, false))
            return *refusal;
        if (!web.citizen->verified && !accounts().resendVerification(web.citizen->id))
            return tooMany(web, 3600);
        return page.redirect(web, u"/account?sent=1"_s);
    }

    // ---- signing in and out ----

    HttpResponse loginForm(
        const WebRequest &web, const QString &email, const QString &next, const QString &error, int status) const
    {
        QList<std::pair<QString, QString>> errors;
        if (!error.isEmpty())
            errors.append({u"email"_s, error});
        QJsonArray fields{
            input(web, {u"email"_s, u"email"_s, u"email"_s, 254, true}, email, errors),
            input(web, {u"password"_s, u"password"_s, u"current-password"_s, accountcheck::kMaxPassword, true}, {}, {}),
        };
        const QJsonObject values{{u"fields"_s, fields}, {u"next"_s, next},
            {u"action"_s,
                next.isEmpty() ? u"/account/login"_s : QString(u"/account/login?next="_s + escapedToken(next))}};
        return render(web, u"web/account_login"_s, u"web.account.login.title"_s,
            withErrors(web, values, errors, u"web.account.login.errors_heading"_s), status);
    }

    HttpResponse loginPage(HttpRequest &req, const WebRequest &web)
    {
        const QString next = citizensession::localPath(req.queryValue(u"next"_s));
        if (web.citizen)
            return page.redirect(web, next.isEmpty() ? u"/account"_s : next);
        return loginForm(web, {}, next, {}, 200);
    }

    HttpResponse loginPost(HttpRequest &req, const WebRequest &web)
    {
        const std::optional<FormData> data = form(req);
        const QString next = citizensession::localPath(
            data && !data->value(u"next").isEmpty() ? data->value(u"next") : req.queryValue(u"next"_s));
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/account/login"_s);
        const QString email = data->value(u"email").trimmed();
        CitizenAccounts::Session s;
        try {
            s = accounts().login(email, data->value(u"password"), req.remote.toString());
        } catch (const ApiError &e) {
            if (e.kind == ApiError::Kind::TooManyRequests)
                return tooMany(web, e.retryAfterSeconds);
            if (e.kind != ApiError::Kind::Unauthorized)
                throw;
            return loginForm(web, email, next, page.text(web, u"web.account.login.failed"_s), 401);
        }
        WebRequest signedIn = web;
        signedIn.sessionCookie.clear();
        HttpResponse r = page.redirect(signedIn, next.isEmpty() ? u"/account"_s : next);
        r.withHeader("Set-Cookie"_ba,
            citizensession::setCookie(s.token, (s.expiresMs - ctx.clock->nowMs()) / 1000, page.secureCookies()));
        return r;
    }

    // The answer with the session cookie removed, as a signed-out page.
    static WebRequest signedOut(const WebRequest &web)
    {
        WebRequest out = web;
        out.citizen.reset();
        out.sessionCookie.clear();
        return out;
    }

    HttpResponse logoutPost(HttpRequest &req, const WebRequest &web)
    {
        if (!csrfOk(web, form(req)))
            return csrfRefused(web, u"/account"_s);
        accounts().logout(citizensession::tokenFromCookie(req));
        HttpResponse r = done(signedOut(web), page.text(web, u"web.account.logout.done_title"_s),
            page.text(web, u"web.account.logout.done"_s), u"/account/login"_s,
            page.text(web, u"web.account.login.title"_s));
        r.withHeader("Set-Cookie"_ba, citizensession::clearCookie(page.secureCookies()));
        return r;
    }

    // ---- password reset ----

    HttpResponse resetRequestForm(
        const WebRequest &web, const QString &email, const QList<std::pair<QString, QString>> &errors, int status) const
    {
        const QJsonObject values{
            {u"fields"_s, QJsonArray{input(web, {u"email"_s, u"email"_s, u"email"_s, 254, true}, email, errors)}}};
        return render(web, u"web/account_reset_request"_s, u"web.account.reset.title"_s,
            withErrors(web, values, errors, u"web.account.reset.errors_heading"_s), status);
    }

    HttpResponse resetRequestPost(HttpRequest &req, const WebRequest &web)
    {
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/account/reset"_s);
        const QString email = data->value(u"email").trimmed();
        if (const QList<FormProblem> problems = accountcheck::email(email); !problems.isEmpty())
            return resetRequestForm(web, email, messages(web, problems), 422);
        try {
            accounts().requestReset(email, req.remote.toString());
        } catch (const ApiError &e) {
            if (e.kind == ApiError::Kind::TooManyRequests)
                return tooMany(web, e.retryAfterSeconds);
            throw;
        }
        return done(web, page.text(web, u"web.account.reset.sent_title"_s),
            page.text(web, u"web.account.reset.sent"_s, {CitizenAccounts::normalisedEmail(email)}), u"/account/login"_s,
            page.text(web, u"web.account.login.title"_s));
    }

    HttpResponse newPasswordForm(
        const WebRequest &web, const QString &token, const QList<std::pair<QString, QString>> &errors, int status) const
    {
        const QJsonObject values{{u"action"_s, QString(u"/account/reset/"_s + escapedToken(token))},
            {u"fields"_s,
                QJsonArray{
                    input(web,
                        {u"password"_s, u"password"_s, u"new-password"_s, accountcheck::kMaxPassword, true, {}, true},
                        {}, errors),
                    input(web, {u"password2"_s, u"password"_s, u"new-password"_s, accountcheck::kMaxPassword, true}, {},
                        errors)}}};
        return render(web, u"web/account_reset_password"_s, u"web.account.reset.new_title"_s,
            withErrors(web, values, errors, u"web.account.reset.errors_heading"_s), status);
    }

    HttpResponse newPasswordPage(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        if (!accounts().resetAccount(token))
            return invalidLink(web, u"web.account.reset.invalid"_s);
        return newPasswordForm(web, token, {}, 200);
    }

    HttpResponse newPasswordPost(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/account/reset/"_s + escapedToken(token));
        const std::optional<Citizen> c = accounts().resetAccount(token);
        if (!c)
            return invalidLink(web, u"web.account.reset.invalid"_s);
        const QString password = data->value(u"password");
        if (const QList<FormProblem> problems
            = accountcheck::passwordForm(c->email, password, data->value(u"password2"));
            !problems.isEmpty())
            return newPasswordForm(web, token, messages(web, problems), 422);
        std::optional<Citizen> changed;
        try {
            changed = accounts().resetPassword(token, password);
        } catch (const ApiError &e) {
            if (e.kind != ApiError::Kind::Validation)
                throw;
            return newPasswordForm(web, token, messages(web, problemsOf(e)), 422);
        }
        if (!changed)
            return invalidLink(web, u"web.account.reset.invalid"_s);
        // Every session ended, this browser's too.
        HttpResponse r = done(signedOut(web), page.text(web, u"web.account.reset.done_title"_s),
            page.text(web, u"web.account.reset.done"_s), u"/account/login"_s,
            page.text(web, u"web.account.login.title"_s));
        r.withHeader("Set-Cookie"_ba, citizensession::clearCookie(page.secureCookies()));
        return r;
    }

    // ---- the profile ----

    static CitizenProfile profileFromForm(const FormData &data)
    {
        CitizenProfile p;
        p.givenName = data.value(u"given_name");
        p.surname = data.value(u"surname");
        p.fatherName = data.value(u"father_name");
        p.motherName = data.value(u"mother_name");
        p.birthDate = data.value(u"birth_date");
        p.afm = data.value(u"afm");
        p.amka = data.value(u"amka");
        p.idCard = data.value(u"id_card");
        p.address = data.value(u"address");
        p.phone = data.value(u"phone");
        return p;
    }

    HttpResponse profilePage(const WebRequest &web, const CitizenProfile &p, const QString &language,
        const QList<std::pair<QString, QString>> &errors, bool saved, bool sent, int status) const
    {
        const SignedInCitizen &c = *web.citizen;
        const auto name = [&](const QString &id, const QString &value, const QString &autocomplete) {
            return input(web, {id, u"text"_s, autocomplete, accountcheck::kMaxName}, value, errors);
        };
        const QJsonArray names{name(u"given_name"_s, p.givenName, u"given-name"_s),
            name(u"surname"_s, p.surname, u"family-name"_s), name(u"father_name"_s, p.fatherName, {}),
            name(u"mother_name"_s, p.motherName, {})};
        const QJsonArray ids{
            input(web, {u"birth_date"_s, u"text"_s, u"bday"_s, 10, false, {}, true}, p.birthDate, errors),
            input(web, {u"afm"_s, u"text"_s, {}, 16, false, u"numeric"_s, true}, p.afm, errors),
            input(web, {u"amka"_s, u"text"_s, {}, 16, false, u"numeric"_s, true}, p.amka, errors),
            input(web, {u"id_card"_s, u"text"_s, {}, 16, false, {}, true}, p.idCard, errors)};
        const QJsonArray contact{
            input(web, {u"address"_s, u"text"_s, u"street-address"_s, accountcheck::kMaxAddress}, p.address, errors),
            input(web, {u"phone"_s, u"tel"_s, u"tel"_s, 32}, p.phone, errors)};
        QJsonArray languages;
        for (const QString &l : {u"el"_s, u"en"_s})
            languages.append(QJsonObject{{u"value"_s, l}, {u"selected"_s, l == language},
                {u"label"_s, page.text(web, u"web.account.language_"_s + l)}});
        const QJsonObject values{{u"email"_s, c.email}, {u"verified"_s, c.verified}, {u"saved"_s, saved},
            {u"sent"_s, sent}, {u"unverified_text"_s, page.text(web, u"web.account.unverified"_s, {c.email})},
            {u"names"_s, names}, {u"ids"_s, ids}, {u"contact"_s, contact}, {u"languages"_s, languages},
            {u"privacy"_s, privacy(web)}};
        return render(web, u"web/account"_s, u"web.account.title"_s,
            withErrors(web, values, errors, u"web.account.profile.errors_heading"_s), status);
    }

    HttpResponse profileGet(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web, false))
            return *refusal;
        CitizenProfile shown = web.citizen->profile;
        // Shown as Greeks write dates; either form is accepted back.
        if (const QDate d = QDate::fromString(shown.birthDate, u"yyyy-MM-dd"_s); d.isValid())
            shown.birthDate = d.toString(u"dd/MM/yyyy"_s);
        return profilePage(web, shown, web.citizen->language, {}, req.queryValue(u"saved"_s) == u"1",
            req.queryValue(u"sent"_s) == u"1", 200);
    }

    // "Download my data" (GDPR Art. 15): the account, the profile and every request with its
    // history and documents as the citizen sees them, as one JSON file. Never cached.
    HttpResponse dataGet(HttpRequest &, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web, false))
            return *refusal;
        const std::optional<Citizen> stored = ctx.citizens->find(web.citizen->id);
        if (!stored)
            throw ApiError(ApiError::Kind::NotFound, u"no such account"_s);
        const Citizen &c = *stored;
        const CitizenProfile &p = c.profile;
        QJsonArray requests;
        for (const CitizenRequest &r : ctx.requestService->listMine(c.id))
            requests.append(ctx.requestService->citizenJson(ctx.requestService->getMine(c.id, r.id)));
        const auto time = [](std::optional<qint64> ms) { return ms ? QJsonValue(formatUtc(*ms)) : QJsonValue(); };
        const QJsonObject data{{u"exported_at"_s, formatUtc(ctx.clock->nowMs())},
            {u"municipality"_s, page.municipality(web.lang)},
            {u"account"_s,
                QJsonObject{{u"email"_s, c.email}, {u"email_verified_at"_s, time(c.emailVerifiedMs)},
                    {u"language"_s, c.language}, {u"created_at"_s, formatUtc(c.createdMs)},
                    {u"last_sign_in_at"_s, time(c.lastLoginMs)}}},
            {u"profile"_s,
                QJsonObject{{u"given_name"_s, p.givenName}, {u"surname"_s, p.surname}, {u"father_name"_s, p.fatherName},
                    {u"mother_name"_s, p.motherName}, {u"birth_date"_s, p.birthDate}, {u"afm"_s, p.afm},
                    {u"amka"_s, p.amka}, {u"id_card"_s, p.idCard}, {u"address"_s, p.address}, {u"phone"_s, p.phone}}},
            {u"requests"_s, requests}};
        HttpResponse r;
        r.status = 200;
        r.contentType = "application/json; charset=utf-8"_ba;
        r.body = QJsonDocument(data).toJson(QJsonDocument::Indented);
        const QString day
            = QDateTime::fromMSecsSinceEpoch(ctx.clock->nowMs(), QTimeZone::utc()).toString(u"yyyy-MM-dd"_s);
        r.withHeader("Content-Disposition"_ba, "attachment; filename=\"my-data-"_ba + day.toLatin1() + ".json\"");
        r.withHeader("Cache-Control"_ba, "no-store"_ba);
        return r;
    }

    HttpResponse profilePost(HttpRequest &req, const WebRequest &web)
    {
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/account"_s);
        if (auto refusal = citizensession::requireCitizen(page, web, false))
            return *refusal;
        const CitizenProfile given = profileFromForm(*data);
        const QString language = data->value(u"language") == u"en" ? u"en"_s : u"el"_s;
        const QDate today = QDateTime::fromMSecsSinceEpoch(ctx.clock->nowMs(), QTimeZone::utc()).date();
        if (const QList<FormProblem> problems = accountcheck::profile(given, nullptr, today); !problems.isEmpty())
            return profilePage(web, given, language, messages(web, problems), false, false, 422);
        try {
            accounts().updateProfile(web.citizen->id, given, language);
        } catch (const ApiError &e) {
            if (e.kind != ApiError::Kind::Validation)
                throw;
            return profilePage(web, given, language, messages(web, problemsOf(e)), false, false, 422);
        }
        return page.redirect(web, u"/account?saved=1"_s);
    }
};

AccountPages::AccountPages(AppContext &ctx, const WebPage &page) : d(std::make_unique<Impl>(ctx, page)) { }

AccountPages::~AccountPages() = default;

void AccountPages::registerRoutes(Router &router, const PageRoute &pageRoute)
{
    Impl *p = d.get();
    auto route = [&](const char *method, const QString &pattern,
                     HttpResponse (Impl::*handler)(HttpRequest &, const WebRequest &)) {
        router.add(QByteArray(method), pattern,
            pageRoute([p, handler](HttpRequest &req, const WebRequest &web) { return (p->*handler)(req, web); }));
    };
    route("GET", u"/account/register"_s, &Impl::registerPage);
    route("POST", u"/account/register"_s, &Impl::registerPost);
    route("GET", u"/account/verify"_s, &Impl::verifyPage);
    route("POST", u"/account/verify"_s, &Impl::verifyPost);
    route("POST", u"/account/verify/resend"_s, &Impl::resendPost);
    route("GET", u"/account/login"_s, &Impl::loginPage);
    route("POST", u"/account/login"_s, &Impl::loginPost);
    route("POST", u"/account/logout"_s, &Impl::logoutPost);
    router.add("GET"_ba, u"/account/reset"_s, pageRoute([p](HttpRequest &, const WebRequest &web) {
        return p->resetRequestForm(web, web.citizen ? web.citizen->email : QString(), {}, 200);
    }));
    route("POST", u"/account/reset"_s, &Impl::resetRequestPost);
    route("GET", u"/account/reset/{token}"_s, &Impl::newPasswordPage);
    route("POST", u"/account/reset/{token}"_s, &Impl::newPasswordPost);
    route("GET", u"/account"_s, &Impl::profileGet);
    route("GET", u"/account/data"_s, &Impl::dataGet);
    route("POST", u"/account"_s, &Impl::profilePost);
}

} // namespace dimos
