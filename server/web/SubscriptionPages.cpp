#include "SubscriptionPages.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cmath>

#include "server/app/AppContext.h"
#include "server/core/CitizenMail.h"
#include "server/core/RateLimiter.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/http/Router.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/ReportRepository.h"
#include "server/web/Csrf.h"
#include "server/web/ReportForm.h"
#include "server/web/SubscriptionForm.h"
#include "server/web/WebPage.h"
#include "server/web/WebReports.h"
#include "server/web/WebSettings.h"
#include "shared/geo/Boundary.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr auto &kRadii = kSubscriptionRadii;
constexpr int kDefaultRadius = kDefaultSubscriptionRadius;
constexpr int kMaxComment = 2000;

QString escapedToken(const QString &token)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(token));
}

// The path of a URL CitizenMail makes (the pages link within the site).
QString pathOf(const QString &url)
{
    return QUrl(url).path(QUrl::FullyEncoded);
}

} // namespace

struct SubscriptionPages::Impl
{
    Impl(AppContext &c, const WebPage &p) : ctx(c), page(p), limiter(*c.clock, kMailRequestsPerHour, 3600LL * 1000) { }

    AppContext &ctx;
    const WebPage &page;
    RateLimiter limiter; // requests that mail a link, per client address
    ReportPage reportPage;

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

    HttpResponse invalidLink(const WebRequest &web) const
    {
        return page.error(web, 404, page.text(web, u"web.links.invalid_title"_s),
            page.text(web, u"web.links.invalid"_s), u"/"_s, page.text(web, u"web.error.home_action"_s));
    }

    // A page that says it is done (class message-success), with up to one link onwards.
    HttpResponse done(const WebRequest &web, const QString &heading, const QString &message, const QString &href = {},
        const QString &label = {}, int status = 200) const
    {
        QJsonObject values{{u"heading"_s, heading}, {u"message"_s, message}, {u"action"_s, false}};
        if (!href.isEmpty())
            values.insert(u"action"_s, QJsonObject{{u"href"_s, href}, {u"label"_s, label}});
        WebPage::Options options;
        options.status = status;
        return page.render(web, u"web/done"_s, heading, values, options);
    }

    // The page a mailed link opens: what pressing the button does, and the button (a POST).
    HttpResponse linkPage(const WebRequest &web, const QString &key, const QString &action, const QString &text = {},
        bool danger = false) const
    {
        const QJsonObject values{{u"heading"_s, page.text(web, key + u".title"_s)},
            {u"text"_s, text.isEmpty() ? page.text(web, key + u".text"_s) : text},
            {u"button"_s, page.text(web, key + u".button"_s)}, {u"action"_s, action}, {u"danger"_s, danger}};
        return page.render(web, u"web/link_action"_s, values[u"heading"_s].toString(), values, {});
    }

    // A 429 page with Retry-After.
    HttpResponse tooMany(const WebRequest &web, int waitSeconds) const
    {
        const int wait = std::max(1, waitSeconds);
        HttpResponse r = page.error(web, 429, page.text(web, u"web.subscribe.rate_title"_s),
            page.text(web, u"web.subscribe.rate"_s, {QString::number((wait + 59) / 60)}), u"/"_s,
            page.text(web, u"web.error.home_action"_s));
        r.withHeader("Retry-After"_ba, QByteArray::number(wait));
        return r;
    }

    // RFC 8058: the mail client's POST carries List-Unsubscribe=One-Click and no cookie.
    static bool oneClick(const std::optional<FormData> &data)
    {
        return data && data->value(u"List-Unsubscribe") == u"One-Click";
    }

    // ---- the subscription form ----

    QJsonObject field(const QString &value, const QList<FieldError> &errors, const QString &id) const
    {
        QJsonObject f{{u"value"_s, value}, {u"id"_s, id}, {u"error"_s, false}};
        for (const FieldError &e : errors)
            if (e.field == id) {
                f.insert(u"error"_s, e.message);
                break;
            }
        return f;
    }

    QJsonObject formValues(const WebRequest &web, const SubscriptionInput &in, const QList<FieldError> &errors) const
    {
        const QString &lang = web.lang;
        // The categories as checkboxes, grouped as the catalogue groups them.
        QStringList groupNames;
        QList<QJsonArray> groupOptions;
        // The municipality's news (information categories) after the problems, in a group of
        // their own unless the catalogue names one.
        QList<Category> listed = ctx.catalog->categories(true);
        std::stable_partition(listed.begin(), listed.end(), [](const Category &c) { return !c.isInformation(); });
        for (const Category &c : std::as_const(listed)) {
            const QString group = c.isInformation() && c.group.in(lang).isEmpty()
                ? page.text(web, u"web.subscribe.information_group"_s)
                : c.group.in(lang);
            qsizetype at = groupNames.indexOf(group);
            if (at < 0) {
                groupNames.append(group);
                groupOptions.append(QJsonArray());
                at = groupNames.size() - 1;
            }
            groupOptions[at].append(QJsonObject{{u"value"_s, c.code}, {u"label"_s, c.name.in(lang)},
                {u"id"_s, QString(u"cat-"_s + c.code)}, {u"checked"_s, in.categories.contains(c.code)}});
        }
        QJsonArray groups;
        for (qsizetype i = 0; i < groupNames.size(); ++i)
            groups.append(QJsonObject{{u"has_label"_s, !groupNames[i].isEmpty()},
                {u"label"_s, groupNames[i].isEmpty() ? page.text(web, u"web.subscribe.other_group"_s) : groupNames[i]},
                {u"options"_s, groupOptions[i]}});
        QJsonObject categories = field({}, errors, u"categories"_s);
        categories.insert(u"groups"_s, groups);
        categories.insert(u"first_id"_s,
            groupOptions.isEmpty() || groupOptions[0].isEmpty() ? u"categories"_s
                                                                : groupOptions[0][0].toObject()[u"id"_s].toString());

        const int radius = in.radius.toInt() > 0 ? in.radius.toInt() : kDefaultRadius;
        QJsonArray radii;
        for (const int r : kRadii)
            radii.append(QJsonObject{{u"value"_s, r}, {u"selected"_s, r == radius},
                {u"label"_s,
                    r < 1000 ? page.text(web, u"web.subscribe.radius_m"_s, {QString::number(r)})
                             : page.text(web, u"web.subscribe.radius_km"_s, {QString::number(r / 1000)})}});
        QJsonObject radiusField = field(in.radius, errors, u"radius"_s);
        radiusField.insert(u"options"_s, radii);

        // The municipal units, when a municipal_units layer has been imported: a plain select.
        const QList<Subscription::Unit> units = ctx.citizenMail->municipalUnits();
        QJsonValue unitField = false;
        if (!units.isEmpty()) {
            bool severalLayers = false;
            for (const Subscription::Unit &u : units)
                severalLayers = severalLayers || u.layer != units.first().layer;
            QJsonArray options;
            for (const Subscription::Unit &u : units) {
                const QString value = u.layer + u':' + u.name;
                options.append(QJsonObject{{u"value"_s, value}, {u"selected"_s, value == in.unit},
                    {u"label"_s, severalLayers ? QString(u.name + u" (" + u.layer + u')') : u.name}});
            }
            QJsonObject f = field(in.unit, errors, u"unit"_s);
            f.insert(u"options"_s, options);
            unitField = f;
        }

        QJsonArray summary;
        for (const FieldError &e : errors)
            summary.append(
                QJsonObject{{u"target"_s, e.field == u"categories" ? categories[u"first_id"_s].toString() : e.field},
                    {u"label"_s, textOrFalse(e.label)}, {u"message"_s, e.message}});

        return QJsonObject{{u"email"_s, field(in.email, errors, u"email"_s)}, {u"categories"_s, categories},
            {u"lat"_s, field(in.lat, errors, u"lat"_s)}, {u"lon"_s, field(in.lon, errors, u"lon"_s)},
            {u"radius"_s, radiusField}, {u"unit"_s, unitField}, {u"errors"_s, summary},
            {u"has_errors"_s, !summary.isEmpty()}, {u"map"_s, page.hasMap()}, {u"tiles"_s, page.tiles()},
            {u"bounds"_s, page.bounds()}, {u"feed"_s, QString(u"/feeds/reports.atom?lang="_s + lang)}};
    }

    // Checks the form; fills *categories, *area and *unit. Errors in the order of the form.
    QList<FieldError> validate(const WebRequest &web, const SubscriptionInput &in, bool needEmail,
        QStringList *categories, std::optional<Subscription::Circle> *area,
        std::optional<Subscription::Unit> *unit) const
    {
        const auto active = [this](const QString &code) -> std::optional<QString> {
            const std::optional<Category> c = ctx.catalog->category(code);
            return c && c->active ? std::optional(c->code) : std::nullopt;
        };
        SubscriptionChoice choice;
        const QList<FormProblem> problems = checkSubscriptionForm(in, needEmail, active, ctx.boundary, &choice);
        *categories = choice.categories;
        *area = choice.area;
        QList<FieldError> errors;
        for (const FormProblem &p : problems) {
            const QString label = p.field == u"email" ? page.text(web, u"web.subscribe.email"_s)
                : p.field == u"categories"            ? page.text(web, u"web.subscribe.categories"_s)
                : p.field == u"radius"                ? page.text(web, u"web.subscribe.radius"_s)
                                                      : page.text(web, u"web.form."_s + p.field);
            errors.append({p.field, page.text(web, p.key, p.args), label});
        }
        unit->reset();
        if (!in.unit.isEmpty()) {
            const QString unitLabel = page.text(web, u"web.subscribe.unit"_s);
            const Subscription::Unit u{in.unit.section(u':', 0, 0), in.unit.section(u':', 1)};
            if (!ctx.citizenMail->municipalUnits().contains(u))
                errors.append({u"unit"_s, page.text(web, u"web.error.option"_s), unitLabel});
            else if (!in.lat.isEmpty() || !in.lon.isEmpty())
                errors.append({u"unit"_s, page.text(web, u"web.subscribe.unit_or_circle"_s), unitLabel});
            else
                *unit = u;
        }
        return errors;
    }

    HttpResponse subscribeForm(
        const WebRequest &web, const SubscriptionInput &in, const QList<FieldError> &errors, int status)
    {
        QJsonObject values = formValues(web, in, errors);
        values.insert(u"action"_s, u"/subscribe"_s);
        values.insert(u"manage"_s, false);
        WebPage::Options options;
        options.status = status;
        options.nav = WebPage::Nav::Subscribe;
        options.map = true;
        options.scripts = {u"map-picker.js"_s, u"subscribe.js"_s};
        options.feeds = {{u"/feeds/reports.atom?lang="_s + web.lang, page.text(web, u"web.feeds.all"_s)}};
        return page.render(web, u"web/subscribe"_s, page.text(web, u"web.subscribe.title"_s), values, options);
    }

    HttpResponse subscribe(HttpRequest &req, const WebRequest &web)
    {
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/subscribe"_s);
        const SubscriptionInput in = SubscriptionInput::fromForm(*data);
        if (!in.honeypot.isEmpty())
            return page.error(web, 400, page.text(web, u"web.error.honeypot_title"_s),
                page.text(web, u"web.error.honeypot"_s), u"/subscribe"_s, page.text(web, u"web.error.csrf_action"_s));
        const QString client = req.remote.toString();
        if (const int wait = limiter.retryAfterSeconds(client); wait > 0)
            return tooMany(web, wait);

        QStringList categories;
        std::optional<Subscription::Circle> area;
        std::optional<Subscription::Unit> unit;
        const QList<FieldError> errors = validate(web, in, true, &categories, &area, &unit);
        if (!errors.isEmpty())
            return subscribeForm(web, in, errors, 422);
        try {
            ctx.citizenMail->subscribe(in.email, web.lang, categories, area, unit);
        } catch (const ApiError &e) {
            if (e.kind == ApiError::Kind::TooManyRequests)
                return tooMany(web, e.retryAfterSeconds > 0 ? e.retryAfterSeconds : 3600);
            if (e.kind != ApiError::Kind::Validation)
                throw;
            // What the checks above could not know (a category deactivated a moment ago).
            return subscribeForm(web, in,
                {{u"categories"_s, page.text(web, u"web.error.unknown_category"_s),
                    page.text(web, u"web.subscribe.categories"_s)}},
                422);
        }
        limiter.record(client);
        return done(web, page.text(web, u"web.subscribe.sent_title"_s),
            page.text(web, u"web.subscribe.sent"_s, {in.email}), u"/"_s, page.text(web, u"web.error.home_action"_s));
    }

    // ---- a subscription's links ----

    HttpResponse confirmSubscription(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const QString self = u"/subscriptions/confirm/"_s + escapedToken(token);
        if (!csrfOk(web, form(req)))
            return csrfRefused(web, self);
        const std::optional<Subscription> s = ctx.citizenMail->confirmSubscription(token);
        if (!s)
            return invalidLink(web);
        return done(web, page.text(web, u"web.subscription.confirmed_title"_s),
            page.text(web, u"web.subscription.confirmed"_s), pathOf(ctx.citizenMail->subscriptionUrl(s->id)),
            page.text(web, u"web.subscription.manage_action"_s));
    }

    HttpResponse managePage(const WebRequest &web, const QString &token, const SubscriptionInput &in,
        const QList<FieldError> &errors, bool saved, int status)
    {
        const QString self = u"/subscriptions/"_s + escapedToken(token);
        QJsonObject values = formValues(web, in, errors);
        values.insert(u"action"_s, self);
        QJsonArray languages;
        for (const QString &l : {u"el"_s, u"en"_s})
            languages.append(QJsonObject{{u"value"_s, l}, {u"label"_s, page.text(web, u"web.subscription.lang_"_s + l)},
                {u"selected"_s, (in.language.isEmpty() ? web.lang : in.language) == l}});
        values.insert(u"manage"_s,
            QJsonObject{{u"languages"_s, languages}, {u"unsubscribe"_s, QString(self + u"/unsubscribe"_s)},
                {u"saved"_s, saved}, {u"email"_s, in.email}});
        WebPage::Options options;
        options.status = status;
        options.map = true;
        options.scripts = {u"map-picker.js"_s, u"subscribe.js"_s};
        return page.render(web, u"web/subscribe"_s, page.text(web, u"web.subscription.title"_s), values, options);
    }

    HttpResponse manage(const HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<Subscription> s = ctx.citizenMail->subscription(token);
        if (!s)
            return invalidLink(web);
        return managePage(web, token, SubscriptionInput::from(*s), {}, false, 200);
    }

    HttpResponse change(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/subscriptions/"_s + escapedToken(token));
        const std::optional<Subscription> s = ctx.citizenMail->subscription(token);
        if (!s)
            return invalidLink(web);
        SubscriptionInput in = SubscriptionInput::fromForm(*data);
        in.email = s->email;
        QStringList categories;
        std::optional<Subscription::Circle> area;
        std::optional<Subscription::Unit> unit;
        const QList<FieldError> errors = validate(web, in, false, &categories, &area, &unit);
        if (!errors.isEmpty())
            return managePage(web, token, in, errors, false, 422);
        Subscription changed;
        try {
            changed = ctx.citizenMail->changeSubscription(
                token, categories, area, in.language == u"en" ? u"en"_s : u"el"_s, unit);
        } catch (const ApiError &e) {
            if (e.kind == ApiError::Kind::NotFound)
                return invalidLink(web);
            if (e.kind != ApiError::Kind::Validation)
                throw;
            return managePage(web, token, in,
                {{u"categories"_s, page.text(web, u"web.error.unknown_category"_s),
                    page.text(web, u"web.subscribe.categories"_s)}},
                false, 422);
        }
        return managePage(web, token, SubscriptionInput::from(changed), {}, true, 200);
    }

    HttpResponse unsubscribePage(const HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        if (!ctx.citizenMail->subscription(token))
            return invalidLink(web);
        return linkPage(
            web, u"web.unsubscribe"_s, u"/subscriptions/"_s + escapedToken(token) + u"/unsubscribe"_s, {}, true);
    }

    HttpResponse unsubscribe(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<FormData> data = form(req);
        if (!oneClick(data) && !csrfOk(web, data))
            return csrfRefused(web, u"/subscriptions/"_s + escapedToken(token) + u"/unsubscribe"_s);
        if (!ctx.citizenMail->unsubscribe(token))
            return invalidLink(web);
        return done(web, page.text(web, u"web.unsubscribe.done_title"_s), page.text(web, u"web.unsubscribe.done"_s),
            u"/subscribe"_s, page.text(web, u"web.unsubscribe.again"_s));
    }

    // ---- following a report ----

    HttpResponse follow(HttpRequest &req, const WebRequest &web)
    {
        const QString idText = req.params.value(u"id"_s);
        bool ok = false;
        const qint64 id = idText.toLongLong(&ok);
        const std::optional<Report> r
            = ok && id > 0 && !idText.startsWith(u'+') ? ctx.reports->find(id, /*publicOnly=*/true) : std::nullopt;
        if (!r || !WebReports::isPublic(*r))
            return page.notFound(web);
        const QString back = u"/reports/%1"_s.arg(r->id);
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, back);
        if (!data->value(u"website").isEmpty())
            return page.error(web, 400, page.text(web, u"web.error.honeypot_title"_s),
                page.text(web, u"web.error.honeypot"_s), back, page.text(web, u"web.error.csrf_action"_s));
        const QString client = req.remote.toString();
        if (const int wait = limiter.retryAfterSeconds(client); wait > 0)
            return tooMany(web, wait);
        const QString email = data->value(u"email").trimmed();
        QString error;
        if (email.isEmpty())
            error = page.text(web, u"web.error.required"_s);
        else if (!plausibleEmail(email))
            error = page.text(web, u"web.error.email"_s);
        if (error.isEmpty()) {
            try {
                ctx.citizenMail->follow(*r, email, web.lang);
            } catch (const ApiError &e) {
                if (e.kind != ApiError::Kind::Validation)
                    throw;
                error = page.text(web, u"web.error.email"_s);
            }
        }
        if (!error.isEmpty())
            return reportPage(req, web, SubscriptionPages::followForm(web, *r, email, error), 422);
        limiter.record(client);
        // The same answer whether or not the address already follows it (or made the report):
        // the page tells nobody who follows what.
        return done(web, page.text(web, u"web.follow.sent_title"_s),
            page.text(web, u"web.follow.sent"_s, {QString::number(r->id), email}), back,
            page.text(web, u"web.follow.back"_s, {QString::number(r->id)}));
    }

    HttpResponse confirmFollow(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        if (!csrfOk(web, form(req)))
            return csrfRefused(web, u"/follow/confirm/"_s + escapedToken(token));
        const std::optional<ReportFollower> f = ctx.citizenMail->confirmFollow(token);
        if (!f)
            return invalidLink(web);
        return done(web, page.text(web, u"web.follow.confirmed_title"_s),
            page.text(web, u"web.follow.confirmed"_s, {QString::number(f->reportId)}),
            u"/reports/%1"_s.arg(f->reportId), page.text(web, u"web.follow.back"_s, {QString::number(f->reportId)}));
    }

    HttpResponse unfollowPage(const HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<ReportFollower> f = ctx.citizenMail->follower(token);
        if (!f)
            return invalidLink(web);
        return linkPage(web, u"web.unfollow"_s, u"/follow/"_s + escapedToken(token) + u"/unfollow"_s,
            page.text(web, u"web.unfollow.text"_s, {QString::number(f->reportId)}), true);
    }

    HttpResponse unfollow(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<FormData> data = form(req);
        if (!oneClick(data) && !csrfOk(web, data))
            return csrfRefused(web, u"/follow/"_s + escapedToken(token) + u"/unfollow"_s);
        const std::optional<ReportFollower> f = ctx.citizenMail->follower(token);
        if (!f || !ctx.citizenMail->unfollow(token))
            return invalidLink(web);
        return done(web, page.text(web, u"web.unfollow.done_title"_s),
            page.text(web, u"web.unfollow.done"_s, {QString::number(f->reportId)}), u"/reports/%1"_s.arg(f->reportId),
            page.text(web, u"web.follow.back"_s, {QString::number(f->reportId)}));
    }

    // ---- "not fixed" ----

    // The reporter's follower and their report, or nothing (then *refusal says why).
    std::optional<Report> reportersReport(const WebRequest &web, const QString &token, HttpResponse *refusal) const
    {
        const std::optional<ReportFollower> f = ctx.citizenMail->follower(token);
        if (!f) {
            *refusal = invalidLink(web);
            return std::nullopt;
        }
        const std::optional<Report> r = ctx.reports->find(f->reportId);
        if (!r || !WebReports::isPublic(*r)) {
            *refusal = invalidLink(web);
            return std::nullopt;
        }
        if (r->contact.email.isEmpty() || f->email.compare(r->contact.email, Qt::CaseInsensitive) != 0) {
            *refusal = page.error(web, 403, page.text(web, u"web.not_fixed.not_reporter_title"_s),
                page.text(web, u"web.not_fixed.not_reporter"_s), u"/reports/%1"_s.arg(r->id),
                page.text(web, u"web.follow.back"_s, {QString::number(r->id)}));
            return std::nullopt;
        }
        return r;
    }

    // Why a report cannot be reopened now, as a page.
    HttpResponse cannotReopen(const WebRequest &web, const Report &r, bool tooLate) const
    {
        QString key = u"web.not_fixed.cannot"_s;
        if (isOpen(r.status))
            key = u"web.not_fixed.still_open"_s;
        else if (tooLate)
            key = u"web.not_fixed.too_late"_s;
        return page.error(web, 409, page.text(web, key + u"_title"_s),
            page.text(web, key,
                tooLate && !isOpen(r.status)
                    ? QStringList{QString::number(r.id), QString::number(ctx.web->notFixedDays)}
                    : QStringList{QString::number(r.id)}),
            u"/reports/%1"_s.arg(r.id), page.text(web, u"web.follow.back"_s, {QString::number(r.id)}));
    }

    HttpResponse notFixedForm(const WebRequest &web, const QString &token, const Report &r, const QString &comment,
        const QString &error, int status)
    {
        const QJsonObject values{{u"id"_s, QString::number(r.id)}, {u"url"_s, u"/reports/%1"_s.arg(r.id)},
            {u"action"_s, QString(u"/follow/"_s + escapedToken(token) + u"/not-fixed"_s)},
            {u"intro"_s, page.text(web, u"web.not_fixed.text"_s, {QString::number(r.id)})},
            {u"comment"_s,
                QJsonObject{{u"value"_s, comment}, {u"id"_s, u"comment"_s}, {u"error"_s, textOrFalse(error)}}},
            {u"max"_s, kMaxComment}};
        WebPage::Options options;
        options.status = status;
        return page.render(web, u"web/not_fixed"_s, page.text(web, u"web.not_fixed.title"_s), values, options);
    }

    HttpResponse notFixedPage(const HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        HttpResponse refusal;
        const std::optional<Report> r = reportersReport(web, token, &refusal);
        if (!r)
            return refusal;
        if (r->status != ReportStatus::Resolved && r->status != ReportStatus::Closed)
            return cannotReopen(web, *r, false);
        return notFixedForm(web, token, *r, {}, {}, 200);
    }

    HttpResponse notFixed(HttpRequest &req, const WebRequest &web)
    {
        const QString token = req.params.value(u"token"_s);
        const std::optional<FormData> data = form(req);
        if (!csrfOk(web, data))
            return csrfRefused(web, u"/follow/"_s + escapedToken(token) + u"/not-fixed"_s);
        HttpResponse refusal;
        const std::optional<Report> r = reportersReport(web, token, &refusal);
        if (!r)
            return refusal;
        const QString comment = data->value(u"comment").trimmed();
        if (comment.size() > kMaxComment)
            return notFixedForm(
                web, token, *r, comment, page.text(web, u"web.error.too_long"_s, {QString::number(kMaxComment)}), 422);
        if (r->status != ReportStatus::Resolved && r->status != ReportStatus::Closed)
            return cannotReopen(web, *r, false);
        try {
            // The reopening and the department's mail commit together, or neither does.
            ctx.db->transaction([&] {
                const Report reopened = ctx.reportService->citizenNotFixed(r->id, comment, ctx.web->notFixedDays);
                mailDepartment(reopened, comment);
            });
        } catch (const ApiError &e) {
            if (e.kind != ApiError::Kind::Validation)
                throw;
            const std::optional<Report> now = ctx.reports->find(r->id);
            return cannotReopen(web, now ? *now : *r, true);
        }
        // To the report's timeline, where the reopening and the comment now are.
        return page.redirect(web, u"/reports/%1#timeline-heading"_s.arg(r->id));
    }

    void mailDepartment(const Report &r, const QString &comment) const
    {
        if (!ctx.mail || !r.departmentId)
            return;
        const std::optional<Department> dept = ctx.catalog->department(*r.departmentId);
        if (!dept || dept->email.trimmed().isEmpty())
            return;
        const std::optional<Category> c = ctx.catalog->category(r.serviceCode);
        const QString lang = u"el"_s; // the municipality's staff
        const QJsonObject values{{u"report_id"_s, r.id},
            {u"report_url"_s, QString(ctx.baseUrl + u"/reports/"_s + QString::number(r.id))},
            {u"category"_s, c ? c->name.in(lang) : r.serviceCode}, {u"address"_s, r.address},
            {u"description"_s, r.description}, {u"comment"_s, comment}, {u"department"_s, dept->name.in(lang)},
            {u"days"_s, ctx.web->notFixedDays}};
        ctx.mail(MailRequest{dept->email.trimmed(), lang, u"department_not_fixed"_s, values, QString()});
    }
};

SubscriptionPages::SubscriptionPages(AppContext &ctx, const WebPage &page) : d(std::make_unique<Impl>(ctx, page)) { }

SubscriptionPages::~SubscriptionPages() = default;

QJsonObject SubscriptionPages::followForm(
    const WebRequest &web, const Report &r, const QString &email, const QString &error)
{
    return QJsonObject{{u"action"_s, u"/reports/%1/follow"_s.arg(r.id)},
        {u"email"_s, QJsonObject{{u"value"_s, email}, {u"id"_s, u"follow-email"_s}, {u"error"_s, textOrFalse(error)}}},
        {u"csrf"_s, web.csrf}};
}

void SubscriptionPages::registerRoutes(Router &router, const PageRoute &pageRoute, ReportPage reportPage)
{
    Impl *p = d.get();
    p->reportPage = std::move(reportPage);
    auto route = [&](const char *method, const QString &pattern,
                     HttpResponse (Impl::*handler)(HttpRequest &, const WebRequest &)) {
        router.add(QByteArray(method), pattern,
            pageRoute([p, handler](HttpRequest &req, const WebRequest &web) { return (p->*handler)(req, web); }));
    };
    auto constRoute
        = [&](const QString &pattern, HttpResponse (Impl::*handler)(const HttpRequest &, const WebRequest &)) {
              router.add("GET"_ba, pattern,
                  pageRoute([p, handler](HttpRequest &req, const WebRequest &web) { return (p->*handler)(req, web); }));
          };

    router.add("GET"_ba, u"/subscribe"_s, pageRoute([p](HttpRequest &, const WebRequest &web) {
        return p->subscribeForm(web, SubscriptionInput{}, {}, 200);
    }));
    route("POST", u"/subscribe"_s, &Impl::subscribe);
    router.add("GET"_ba, u"/subscriptions/confirm/{token}"_s, pageRoute([p](HttpRequest &req, const WebRequest &web) {
        return p->linkPage(web, u"web.subscription.confirm"_s,
            u"/subscriptions/confirm/"_s + escapedToken(req.params.value(u"token"_s)));
    }));
    route("POST", u"/subscriptions/confirm/{token}"_s, &Impl::confirmSubscription);
    constRoute(u"/subscriptions/{token}"_s, &Impl::manage);
    route("POST", u"/subscriptions/{token}"_s, &Impl::change);
    constRoute(u"/subscriptions/{token}/unsubscribe"_s, &Impl::unsubscribePage);
    route("POST", u"/subscriptions/{token}/unsubscribe"_s, &Impl::unsubscribe);

    route("POST", u"/reports/{id}/follow"_s, &Impl::follow);
    router.add("GET"_ba, u"/follow/confirm/{token}"_s, pageRoute([p](HttpRequest &req, const WebRequest &web) {
        return p->linkPage(
            web, u"web.follow.confirm"_s, u"/follow/confirm/"_s + escapedToken(req.params.value(u"token"_s)));
    }));
    route("POST", u"/follow/confirm/{token}"_s, &Impl::confirmFollow);
    // The update mails link to /follow/<token> to stop the updates.
    constRoute(u"/follow/{token}"_s, &Impl::unfollowPage);
    constRoute(u"/follow/{token}/unfollow"_s, &Impl::unfollowPage);
    route("POST", u"/follow/{token}/unfollow"_s, &Impl::unfollow);
    constRoute(u"/follow/{token}/not-fixed"_s, &Impl::notFixedPage);
    route("POST", u"/follow/{token}/not-fixed"_s, &Impl::notFixed);
}

} // namespace dimos
