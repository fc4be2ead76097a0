#include "CitizenMail.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <cmath>

#include "server/core/LinkTokens.h"
#include "server/http/ApiError.h"
#include "server/render/MessageCatalog.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "shared/util/Clock.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr auto kSubscriptionConfirm = u"subscription-confirm";
constexpr auto kSubscription = u"subscription";
constexpr auto kFollowConfirm = u"follow-confirm";
constexpr auto kFollow = u"follow";

ApiError invalid(const QString &message)
{
    return ApiError(ApiError::Kind::Validation, message);
}

QString checkedEmail(const QString &email)
{
    const QString e = email.trimmed();
    // What a mail server accepts is its business; this only refuses what cannot be an address.
    static const QRegularExpression re(
        uR"(\A[^@\s<>(),;:"\[\]\\]{1,64}@[^@\s<>(),;:"\[\]\\]+\.[^@\s<>(),;:"\[\]\\]+\z)"_s);
    if (e.size() > 254 || !re.match(e).hasMatch())
        throw invalid(u"\"%1\" is not an e-mail address"_s.arg(e.left(64)));
    return e;
}

QString checkedLanguage(const QString &language)
{
    return language == u"en" ? u"en"_s : u"el"_s;
}

// A time as the municipality's readers say it: Greek time, in their language.
QString localTime(qint64 epochMs, const QString &language)
{
    static const QTimeZone athens("Europe/Athens");
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc());
    const QDateTime local = athens.isValid() ? utc.toTimeZone(athens) : utc;
    return language == u"en" ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(local, u"d MMM yyyy, HH:mm"_s)
                             : QLocale(QLocale::Greek).toString(local, u"d/M/yyyy, HH:mm"_s);
}

} // namespace

CitizenMail::CitizenMail(Database &db, SubscriptionRepository &subscriptions, CatalogRepository &catalog,
    const LinkTokens &tokens, const Clock &clock, QString baseUrl, MailSink sink, const MessageCatalog *messages)
    : m_db(db),
      m_subscriptions(subscriptions),
      m_catalog(catalog),
      m_tokens(tokens),
      m_clock(clock),
      m_baseUrl(std::move(baseUrl)),
      m_sink(std::move(sink)),
      m_messages(messages)
{ }

QString CitizenMail::subscriptionUrl(qint64 id) const
{
    return m_baseUrl + u"/subscriptions/"_s + m_tokens.make(kSubscription, id);
}

QString CitizenMail::followUrl(qint64 followerId) const
{
    return m_baseUrl + u"/follow/"_s + m_tokens.make(kFollow, followerId);
}

QStringList CitizenMail::checkedCategories(const QStringList &codes) const
{
    QStringList out;
    for (const QString &code : codes) {
        const std::optional<Category> c = m_catalog.category(code);
        if (!c || !c->active)
            throw invalid(u"there is no category \"%1\""_s.arg(code.left(64)));
        if (!out.contains(c->code))
            out.append(c->code);
    }
    if (out.isEmpty())
        throw invalid(u"choose at least one category"_s);
    out.sort();
    return out;
}

std::optional<Subscription::Circle> CitizenMail::checkedArea(std::optional<Subscription::Circle> area)
{
    if (!area)
        return std::nullopt;
    if (!std::isfinite(area->lat) || !std::isfinite(area->lon) || std::fabs(area->lat) > 90
        || std::fabs(area->lon) > 180)
        throw invalid(u"the centre of the area must be a point on the map"_s);
    if (!std::isfinite(area->radiusMeters) || area->radiusMeters < kMinRadius || area->radiusMeters > kMaxRadius)
        throw invalid(u"the radius must be between %1 and %2 metres"_s.arg(kMinRadius).arg(kMaxRadius));
    return area;
}

std::optional<Subscription::Unit> CitizenMail::checkedUnit(
    const std::optional<Subscription::Unit> &unit, const std::optional<Subscription::Circle> &area) const
{
    if (!unit)
        return std::nullopt;
    if (area)
        throw invalid(u"choose either a circle on the map or a municipal unit, not both"_s);
    if (!municipalUnits().contains(*unit))
        throw invalid(u"there is no municipal unit \"%1\"; choose one from the list"_s.arg(unit->name.left(100)));
    return unit;
}

Subscription CitizenMail::subscribe(const QString &email, const QString &language, const QStringList &categories,
    std::optional<Subscription::Circle> area, std::optional<Subscription::Unit> unit)
{
    Subscription s;
    s.email = checkedEmail(email);
    s.language = checkedLanguage(language);
    s.categories = checkedCategories(categories);
    s.area = checkedArea(area);
    s.unit = checkedUnit(unit, s.area);
    s.createdMs = m_clock.nowMs();
    m_db.transaction([&] {
        if (m_subscriptions.pendingCount(s.email, s.createdMs - 24LL * 3600 * 1000) >= kPendingPerDay) {
            ApiError e(ApiError::Kind::TooManyRequests,
                u"this address has %1 subscriptions waiting for confirmation: confirm them from your mailbox, or "
                u"try again tomorrow"_s.arg(kPendingPerDay));
            e.retryAfterSeconds = 3600;
            throw e;
        }
        m_subscriptions.insert(s);
        QJsonArray names;
        for (const QString &code : std::as_const(s.categories))
            if (const auto c = m_catalog.category(code))
                names.append(c->name.in(s.language));
        const QString confirmUrl = m_baseUrl + u"/subscriptions/confirm/"_s + m_tokens.make(kSubscriptionConfirm, s.id);
        const QJsonObject values{{u"confirm_url"_s, confirmUrl}, {u"categories"_s, names},
            {u"has_area"_s, s.area.has_value()}, {u"radius_m"_s, s.area ? qRound(s.area->radiusMeters) : 0},
            {u"has_unit"_s, s.unit.has_value()}, {u"unit"_s, s.unit ? s.unit->name : QString()}};
        m_sink(MailRequest{s.email, s.language, u"subscription_confirm"_s, values, QString()});
    });
    return s;
}

std::optional<Subscription> CitizenMail::confirmSubscription(const QString &token)
{
    const std::optional<qint64> id = m_tokens.check(kSubscriptionConfirm, token);
    if (!id || !m_subscriptions.find(*id))
        return std::nullopt;
    m_subscriptions.confirm(*id, m_clock.nowMs());
    return m_subscriptions.find(*id);
}

std::optional<Subscription> CitizenMail::subscription(const QString &token) const
{
    const std::optional<qint64> id = m_tokens.check(kSubscription, token);
    return id ? m_subscriptions.find(*id) : std::nullopt;
}

Subscription CitizenMail::changeSubscription(const QString &token, const QStringList &categories,
    std::optional<Subscription::Circle> area, const QString &language, std::optional<Subscription::Unit> unit)
{
    std::optional<Subscription> s = subscription(token);
    if (!s)
        throw ApiError(ApiError::Kind::NotFound, u"this subscription no longer exists"_s);
    s->categories = checkedCategories(categories);
    s->area = checkedArea(area);
    s->unit = checkedUnit(unit, s->area);
    s->language = checkedLanguage(language);
    m_subscriptions.update(*s);
    return *s;
}

bool CitizenMail::unsubscribe(const QString &token)
{
    const std::optional<qint64> id = m_tokens.check(kSubscription, token);
    return id && m_subscriptions.remove(*id);
}

ReportFollower CitizenMail::follow(const Report &report, const QString &email, const QString &language)
{
    if (report.visibility != Visibility::Public)
        throw ApiError(ApiError::Kind::NotFound, u"no public report %1"_s.arg(report.id));
    const QString address = checkedEmail(email);
    ReportFollower f;
    m_db.transaction([&] {
        f = m_subscriptions.addFollower(report.id, address, checkedLanguage(language), std::nullopt, m_clock.nowMs());
        if (f.confirmedMs)
            return; // already receives the updates
        QJsonObject values = reportValues(report, f.language);
        values.insert(
            u"confirm_url"_s, QString(m_baseUrl + u"/follow/confirm/"_s + m_tokens.make(kFollowConfirm, f.id)));
        m_sink({f.email, f.language, u"follow_confirm"_s, values, {}});
    });
    return f;
}

std::optional<ReportFollower> CitizenMail::confirmFollow(const QString &token)
{
    const std::optional<qint64> id = m_tokens.check(kFollowConfirm, token);
    if (!id || !m_subscriptions.follower(*id))
        return std::nullopt;
    m_subscriptions.confirmFollower(*id, m_clock.nowMs());
    return m_subscriptions.follower(*id);
}

std::optional<ReportFollower> CitizenMail::follower(const QString &token) const
{
    const std::optional<qint64> id = m_tokens.check(kFollow, token);
    return id ? m_subscriptions.follower(*id) : std::nullopt;
}

bool CitizenMail::unfollow(const QString &token)
{
    const std::optional<qint64> id = m_tokens.check(kFollow, token);
    return id && m_subscriptions.removeFollower(*id);
}

QJsonObject CitizenMail::reportValues(const Report &report, const QString &language) const
{
    const std::optional<Category> c = m_catalog.category(report.serviceCode);
    return QJsonObject{
        {u"report_id"_s, report.id},
        {u"report_url"_s, QString(m_baseUrl + u"/reports/"_s + QString::number(report.id))},
        {u"category"_s, c ? c->name.in(language) : report.serviceCode},
        {u"address"_s, report.address},
        {u"description"_s, report.description},
        {u"status"_s, statusToString(report.status)},
        {u"status_text"_s,
            m_messages ? m_messages->text(language, u"feeds.status."_s + statusToString(report.status))
                       : statusToString(report.status)},
        {u"requested"_s, formatUtc(report.requestedMs)},
    };
}

void CitizenMail::reporterConfirmed(const Report &report)
{
    if (report.contact.email.isEmpty())
        return;
    m_subscriptions.addFollower(
        report.id, report.contact.email, report.contact.language, m_clock.nowMs(), m_clock.nowMs());
}

void CitizenMail::reportPublished(const Report &report)
{
    const auto point = report.hasLocation ? std::optional(std::pair(report.lat, report.lon)) : std::nullopt;
    const QList<Subscription::Unit> units
        = point && m_units.at ? m_units.at(point->first, point->second) : QList<Subscription::Unit>();
    for (const Subscription &s : m_subscriptions.matching(report.serviceCode, point, units)) {
        if (s.email.compare(report.contact.email, Qt::CaseInsensitive) == 0)
            continue; // their own report: they know
        QJsonObject values = reportValues(report, s.language);
        values.insert(u"manage_url"_s, subscriptionUrl(s.id));
        m_sink({s.email, s.language, u"subscription_new_report"_s, values, subscriptionUrl(s.id) + u"/unsubscribe"_s});
    }
}

void CitizenMail::publicUpdate(const Report &report, const ReportHistoryEntry &entry)
{
    for (const ReportFollower &f : m_subscriptions.followers(report.id, true)) {
        QJsonObject values = reportValues(report, f.language);
        values.insert(u"note"_s, entry.text);
        values.insert(u"new_status"_s, entry.newStatus ? statusToString(*entry.newStatus) : QString());
        const bool closed = !isOpen(report.status);
        values.insert(u"closed"_s, closed);
        // "Not fixed?" is offered to the reporter only.
        const bool reporter = f.email.compare(report.contact.email, Qt::CaseInsensitive) == 0;
        values.insert(u"not_fixed_url"_s, closed && reporter ? QString(followUrl(f.id) + u"/not-fixed"_s) : QString());
        values.insert(u"unfollow_url"_s, followUrl(f.id));
        m_sink({f.email, f.language, u"report_update"_s, values, followUrl(f.id) + u"/unfollow"_s});
    }
}

QString CitizenMail::informationUrl(const InformationItem &item) const
{
    return m_baseUrl + u"/information/"_s + QString::fromLatin1(QUrl::toPercentEncoding(item.categoryCode)) + u'/'
        + QString::number(item.id);
}

void CitizenMail::informationPublished(const InformationItem &item)
{
    if (!item.isPublished())
        return;
    const auto point = item.hasLocation ? std::optional(std::pair(item.lat, item.lon)) : std::nullopt;
    const std::optional<Category> category = m_catalog.category(item.categoryCode);
    const QList<Subscription::Unit> units
        = point && m_units.at ? m_units.at(point->first, point->second) : QList<Subscription::Unit>();
    for (const Subscription &s :
        m_subscriptions.matching(item.categoryCode, point, units, SubscriptionRepository::Unplaced::Include)) {
        QString when;
        if (item.startsMs) {
            when = localTime(*item.startsMs, s.language);
            if (item.endsMs)
                when += u" – "_s + localTime(*item.endsMs, s.language);
        }
        const QJsonObject values{{u"item_id"_s, item.id}, {u"item_url"_s, informationUrl(item)},
            {u"category"_s, category ? category->name.in(s.language) : item.categoryCode},
            {u"title"_s, item.title.in(s.language)}, {u"text"_s, item.body.in(s.language)}, {u"when"_s, when},
            {u"address"_s, item.address}, {u"manage_url"_s, subscriptionUrl(s.id)}};
        m_sink({s.email, s.language, u"subscription_new_item"_s, values, subscriptionUrl(s.id) + u"/unsubscribe"_s});
    }
}

} // namespace dimos
