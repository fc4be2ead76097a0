#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

#include "server/storage/SubscriptionRepository.h"
#include "shared/domain/InformationItem.h"
#include "shared/domain/Report.h"

namespace dimos {

class CatalogRepository;
class Clock;
class Database;
class LinkTokens;
class MessageCatalog;
class RateLimiter;

// A mail to write to the outbox (the mail subsystem renders template `templateName` in
// `language` with `values`; a non-empty unsubscribeUrl becomes the RFC 8058 headers).
struct MailRequest
{
    QString to;
    QString language;
    QString templateName;
    QJsonObject values;
    QString unsubscribeUrl;
};
// Writes one mail inside the caller's transaction.
using MailSink = std::function<void(const MailRequest &)>;

// The municipal units a subscription may name instead of a circle (features of municipal_units
// GIS layers, server/gis): all of them, and those that hold a point. Unset: there are none.
struct MunicipalUnits
{
    std::function<QList<Subscription::Unit>()> all;
    std::function<QList<Subscription::Unit>(double lat, double lon)> at;
};

// What citizens receive by e-mail besides the confirmation of their own report: updates of
// reports they follow (the reporter follows their own once confirmed), new public reports in
// the categories (and area) they subscribed to, with double opt-in and one-click
// unsubscribe. Links carry LinkTokens; the web pages call the token methods below.
//
// Link paths (on the public web pages, under AppContext::baseUrl):
//   /subscriptions/confirm/<token>   confirm a subscription        (purpose "subscription-confirm")
//   /subscriptions/<token>           manage it; POST …/unsubscribe (purpose "subscription")
//   /follow/confirm/<token>          confirm following a report    (purpose "follow-confirm")
//   /follow/<token>                  stop following; "not fixed"   (purpose "follow")
class CitizenMail final
{
public:
    static constexpr int kPendingPerDay = 5; // unconfirmed subscriptions per address and day
    static constexpr double kMinRadius = 50, kMaxRadius = 20'000;

    // `messages` (may be null) gives the statuses in words for the mails.
    CitizenMail(Database &db, SubscriptionRepository &subscriptions, CatalogRepository &catalog,
        const LinkTokens &tokens, const Clock &clock, QString baseUrl, MailSink sink,
        const MessageCatalog *messages = nullptr);

    // A new subscription, unconfirmed; mails the confirmation link. ApiError Validation for a
    // bad address, no or unknown categories, an area out of bounds; TooManyRequests when the
    // address has too many unconfirmed ones.
    // A unit instead of a circle must be one of municipalUnits() (else Validation).
    Subscription subscribe(const QString &email, const QString &language, const QStringList &categories,
        std::optional<Subscription::Circle> area, std::optional<Subscription::Unit> unit = std::nullopt);
    std::optional<Subscription> confirmSubscription(const QString &token);
    // The subscription a manage/unsubscribe link names.
    std::optional<Subscription> subscription(const QString &token) const;
    Subscription changeSubscription(const QString &token, const QStringList &categories,
        std::optional<Subscription::Circle> area, const QString &language,
        std::optional<Subscription::Unit> unit = std::nullopt);

    void setMunicipalUnits(MunicipalUnits units) { m_units = std::move(units); }
    QList<Subscription::Unit> municipalUnits() const
    {
        return m_units.all ? m_units.all() : QList<Subscription::Unit>();
    }
    bool unsubscribe(const QString &token);

    // Someone asks for a public report's updates: the reporter's own address is confirmed at
    // once when the report is; anyone else gets a confirmation link.
    ReportFollower follow(const Report &report, const QString &email, const QString &language);
    std::optional<ReportFollower> confirmFollow(const QString &token);
    std::optional<ReportFollower> follower(const QString &token) const;
    bool unfollow(const QString &token);

    // Hooks for ReportService's listeners (inside its transaction).
    void reporterConfirmed(const Report &report);
    void reportPublished(const Report &report);
    void publicUpdate(const Report &report, const ReportHistoryEntry &entry);
    // InformationService's listener (inside its transaction): a new item in an information
    // category mails its subscribers; one with an area gets it when the item's point is in
    // it, or when the item has no point (it is about the whole municipality).
    void informationPublished(const InformationItem &item);
    // The item's page on the web pages.
    QString informationUrl(const InformationItem &item) const;

    QString subscriptionUrl(qint64 id) const;
    QString followUrl(qint64 followerId) const;

private:
    QStringList checkedCategories(const QStringList &codes) const;
    static std::optional<Subscription::Circle> checkedArea(std::optional<Subscription::Circle> area);
    std::optional<Subscription::Unit> checkedUnit(
        const std::optional<Subscription::Unit> &unit, const std::optional<Subscription::Circle> &area) const;
    QJsonObject reportValues(const Report &report, const QString &language) const;

    Database &m_db;
    SubscriptionRepository &m_subscriptions;
    CatalogRepository &m_catalog;
    const LinkTokens &m_tokens;
    const Clock &m_clock;
    QString m_baseUrl;
    MailSink m_sink;
    const MessageCatalog *m_messages;
    MunicipalUnits m_units;
};

} // namespace dimos
