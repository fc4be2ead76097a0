// Information categories and their items (docs/WEB.md "News from the municipality",
// docs/api/rest.md "Information items") end to end over real sockets: the storage and its
// version guard, who may publish where, the mail to subscribers (whole municipality, a circle
// that holds the item's place or not, an item without a place, the language, the RFC 8058
// headers) written in the item's transaction, withdrawing (no mail, gone from the pages, the
// feed and /media, a 410 page), Open311 and the web form refusing information categories, the
// pages (order, escaping, both languages) and the Atom feed.
#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>
#include <QXmlStreamReader>

#include "server/core/CitizenMail.h"
#include "server/core/InformationService.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/EventRepository.h"
#include "server/storage/InformationRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/SubscriptionRepository.h"
#include "shared/util/TimeFormat.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr qint64 kT0 = 1'790'000'000'000;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

struct Mail
{
    QString to, language, templateName, subject, text, html, listUnsubscribe;
};

QByteArray describe(const Reply &r)
{
    return QByteArray("HTTP " + QByteArray::number(r.status) + ": " + r.body.left(600));
}

QString errorMessage(const Reply &r)
{
    return r.object().value(u"error"_s).toObject().value(u"message"_s).toString();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject texts(const QString &el, const QString &en = {})
{
    return QJsonObject{{u"el"_s, el}, {u"en"_s, en}};
}

} // namespace

class tst_Information : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void migrationMakesEveryCategoryAProblemCategory();
    void repositoryRoundTripAndVersionGuard();
    void publishEditWithdrawThroughTheApi();
    void whoMayPublishWhere_data();
    void whoMayPublishWhere();
    void badItemsAreRefusedAndNothingIsStored_data();
    void badItemsAreRefusedAndNothingIsStored();
    void staleVersionIsAConflict();
    void photosGoThroughThePhotoChecks();
    void subscribersGetAMailInTheirLanguage();
    void circleMatching();
    void withdrawnItemsMailNobodyAndLeaveThePages();
    void open311RefusesInformationCategories();
    void webFormRefusesInformationCategories();
    void categoryPageOrdersEventsByDate();
    void pagesEscapeTheItemText();
    void pagesInBothLanguages();
    void feedListsPublishedItems();
    void subscribePageOffersInformationCategories();
    void categoryKindThroughTheApi();

private:
    void start();
    QList<Mail> mails(const QString &templateName) const;
    qint64 publish(const QString &token, const QJsonObject &body);
    // A confirmed subscription to `categories`.
    qint64 subscriber(const QString &email, const QStringList &categories,
        std::optional<Subscription::Circle> area = std::nullopt, const QString &language = u"el"_s);
    int itemCount() const;

    std::unique_ptr<TestServer> m_ts;
    qint64 m_culture = 0, m_roads = 0;
    StaffUser m_admin, m_manager, m_clerkCulture, m_clerkRoads;
    QString m_adminToken, m_clerkToken;
};

void tst_Information::init()
{
    start();
}

void tst_Information::cleanup()
{
    m_ts.reset();
}

void tst_Information::start()
{
    m_ts = std::make_unique<TestServer>();
    m_ts->clock().setMs(kT0);
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
    m_culture = m_ts->addDepartment(u"culture"_s);
    m_roads = m_ts->addDepartment(u"roads"_s);
    m_ts->addCategory(u"pothole"_s, m_roads);
    for (const auto &[code, dept] : {std::pair{u"events"_s, m_culture}, std::pair{u"pets"_s, m_roads}}) {
        Category c;
        c.code = code;
        c.name
            = {code == u"events" ? u"Εκδηλώσεις"_s : u"Ζώα συντροφιάς"_s, code == u"events" ? u"Events"_s : u"Pets"_s};
        c.departmentId = dept;
        c.kind = CategoryKind::Information;
        m_ts->ctx().catalog->insertCategory(c, kT0);
    }
    m_admin = m_ts->addUser(u"admin"_s, Role::Admin, {});
    m_manager = m_ts->addUser(u"manager"_s, Role::Manager, {m_roads});
    m_clerkCulture = m_ts->addUser(u"clerk-culture"_s, Role::Clerk, {m_culture});
    m_clerkRoads = m_ts->addUser(u"clerk-roads"_s, Role::Clerk, {m_roads});
    m_adminToken = m_ts->login(u"admin"_s);
    m_clerkToken = m_ts->login(u"clerk-culture"_s);
}

QList<Mail> tst_Information::mails(const QString &templateName) const
{
    QList<Mail> out;
    QSqlQuery q = m_ts->ctx().db->run(u"SELECT recipient, language, template, subject, text_body, html_body, "
                                      u"list_unsubscribe FROM mail_outbox WHERE template = ? ORDER BY id"_s,
        {templateName});
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toString()});
    return out;
}

qint64 tst_Information::publish(const QString &token, const QJsonObject &body)
{
    const Reply r = m_ts->postJson(u"/api/v1/information/items"_s, body, token);
    if (r.status != 201)
        qWarning() << describe(r);
    return r.object().value(u"item"_s).toObject().value(u"id"_s).toInteger();
}

qint64 tst_Information::subscriber(const QString &email, const QStringList &categories,
    std::optional<Subscription::Circle> area, const QString &language)
{
    const Subscription s = m_ts->ctx().citizenMail->subscribe(email, language, categories, area);
    SubscriptionRepository repo(*m_ts->ctx().db);
    repo.confirm(s.id, kT0);
    return s.id;
}

int tst_Information::itemCount() const
{
    QSqlQuery q = m_ts->ctx().db->run(u"SELECT COUNT(*) FROM information_items"_s);
    q.next();
    return q.value(0).toInt();
}

// ---- storage ------------------------------------------------------------------------------

void tst_Information::migrationMakesEveryCategoryAProblemCategory()
{
    // addCategory writes no kind: the column's default makes it a problem category.
    QSqlQuery q = m_ts->ctx().db->run(u"SELECT code, kind FROM categories ORDER BY code"_s);
    QStringList rows;
    while (q.next())
        rows.append(q.value(0).toString() + u'=' + q.value(1).toString());
    QCOMPARE(rows, (QStringList{u"events=information"_s, u"pets=information"_s, u"pothole=problem"_s}));
    QVERIFY(!m_ts->ctx().catalog->category(u"pothole"_s)->isInformation());
    QVERIFY(m_ts->ctx().catalog->category(u"events"_s)->isInformation());
    // The schema refuses what is neither.
    bool refused = false;
    try {
        m_ts->ctx().db->run(u"UPDATE categories SET kind = 'news' WHERE code = 'pothole'"_s);
    } catch (const std::exception &) {
        refused = true;
    }
    QVERIFY(refused);
}

void tst_Information::repositoryRoundTripAndVersionGuard()
{
    InformationRepository repo(*m_ts->ctx().db);
    InformationItem item;
    item.categoryCode = u"events"_s;
    item.title = {u"Συναυλία"_s, u"Concert"_s};
    item.body = {u"Στην πλατεία"_s, {}};
    item.startsMs = kT0 + kDayMs;
    item.endsMs = kT0 + kDayMs + 7200'000;
    item.hasLocation = true;
    item.lat = kInsideLat;
    item.lon = kInsideLon;
    item.address = u"Κεντρική Πλατεία"_s;
    item.createdBy = item.updatedBy = m_admin.id;
    item.createdMs = item.updatedMs = kT0;
    repo.insert(item);
    QVERIFY(item.id > 0);
    const qint64 photoId = repo.addPhoto(item.id, {0, QString(64, u'b'), 40, 30}, kT0);

    std::optional<InformationItem> back = repo.find(item.id);
    QVERIFY(back);
    QCOMPARE(back->title, item.title);
    QCOMPARE(back->body.en, QString());
    QCOMPARE(back->startsMs, item.startsMs);
    QCOMPARE(back->endsMs, item.endsMs);
    QVERIFY(back->hasLocation);
    QCOMPARE(back->lat, kInsideLat);
    QCOMPARE(back->createdByName, m_admin.displayName);
    QCOMPARE(back->photos.size(), 1);
    QCOMPARE(back->photos.first().id, photoId);
    QVERIFY(repo.isPublicPhoto(QString(64, u'b')));
    QCOMPARE(back->version, 1);

    // The JSON the desk reads gives the same item back.
    const std::optional<InformationItem> json = informationItemFromJson(informationItemToJson(*back));
    QVERIFY(json);
    QCOMPARE(json->title, back->title);
    QCOMPARE(json->startsMs, back->startsMs);
    QCOMPARE(json->photos.size(), 1);

    back->state = InformationItem::State::Withdrawn;
    back->withdrawnMs = kT0 + 1000;
    QVERIFY(repo.update(*back, 1));
    QVERIFY(!repo.update(*back, 1)); // the version moved on
    QCOMPARE(repo.find(item.id)->version, 2);
    QVERIFY(!repo.isPublicPhoto(QString(64, u'b')));
    QVERIFY(repo.hasPhoto(QString(64, u'b')));

    InformationQuery q;
    q.categories = {u"events"_s};
    q.state = InformationItem::State::Published;
    QVERIFY(repo.list(q).isEmpty());
    q.state = InformationItem::State::Withdrawn;
    QCOMPARE(repo.list(q).size(), 1);
    QCOMPARE(repo.countInCategory(u"events"_s), 1);
    QCOMPARE(repo.countInCategory(u"pets"_s), 0);
}

// ---- the staff API ------------------------------------------------------------------------

void tst_Information::publishEditWithdrawThroughTheApi()
{
    const qint64 lastSeq = m_ts->ctx().events->lastSeq();
    const Reply created = m_ts->postJson(u"/api/v1/information/items"_s,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Συναυλία"_s, u"Concert"_s)},
            {u"text"_s, texts(u"Η Φιλαρμονική παίζει."_s)}, {u"starts_at"_s, u"2026-09-20T18:00:00Z"_s},
            {u"ends_at"_s, u"2026-09-20T20:00:00Z"_s}, {u"lat"_s, kInsideLat}, {u"lon"_s, kInsideLon},
            {u"address"_s, u"Κεντρική Πλατεία"_s}},
        m_clerkToken);
    QVERIFY2(created.status == 201, describe(created));
    const QJsonObject item = created.object().value(u"item"_s).toObject();
    const qint64 id = item.value(u"id"_s).toInteger();
    QCOMPARE(item.value(u"state"_s).toString(), u"published"_s);
    QCOMPARE(item.value(u"starts_at"_s).toString(), u"2026-09-20T18:00:00Z"_s);
    QCOMPARE(item.value(u"created_by"_s).toObject().value(u"id"_s).toInteger(), m_clerkCulture.id);
    QCOMPARE(item.value(u"can_edit"_s).toBool(), true);
    QCOMPARE(item.value(u"version"_s).toInt(), 1);

    // The event log has it (the live stream), with the category's department.
    const QList<StoredEvent> events = m_ts->ctx().events->range(lastSeq, m_ts->ctx().events->lastSeq(), 10);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().type, u"information.published"_s);
    QCOMPARE(events.first().entity, u"information_item"_s);
    QCOMPARE(events.first().entityId, id);
    QCOMPARE(events.first().departmentId, std::optional<qint64>(m_culture));

    // Edit: fields not sent stay; the place can be cleared.
    const Reply edited = m_ts->send("PUT"_ba, u"/api/v1/information/items/%1"_s.arg(id),
        compact({{u"version"_s, 1}, {u"title"_s, texts(u"Συναυλία (νέα ώρα)"_s, u"Concert (new time)"_s)},
            {u"starts_at"_s, u"2026-09-20T19:00:00Z"_s}, {u"ends_at"_s, QJsonValue::Null}, {u"lat"_s, QJsonValue::Null},
            {u"lon"_s, QJsonValue::Null}}),
        "application/json"_ba, m_clerkToken);
    QVERIFY2(edited.status == 200, describe(edited));
    const QJsonObject e = edited.object().value(u"item"_s).toObject();
    QCOMPARE(e.value(u"title"_s).toObject().value(u"el"_s).toString(), u"Συναυλία (νέα ώρα)"_s);
    QCOMPARE(e.value(u"text"_s).toObject().value(u"el"_s).toString(), u"Η Φιλαρμονική παίζει."_s);
    QVERIFY(e.value(u"ends_at"_s).isNull());
    QVERIFY(e.value(u"lat"_s).isNull());
    QCOMPARE(e.value(u"address"_s).toString(), u"Κεντρική Πλατεία"_s);
    QCOMPARE(e.value(u"version"_s).toInt(), 2);

    const Reply list = m_ts->get(u"/api/v1/information/items?category=events"_s, m_clerkToken);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.object().value(u"items"_s).toArray().size(), 1);

    const Reply withdrawn
        = m_ts->postJson(u"/api/v1/information/items/%1/withdraw"_s.arg(id), {{u"version"_s, 2}}, m_clerkToken);
    QVERIFY2(withdrawn.status == 200, describe(withdrawn));
    QCOMPARE(withdrawn.object().value(u"item"_s).toObject().value(u"state"_s).toString(), u"withdrawn"_s);
    QCOMPARE(withdrawn.object().value(u"item"_s).toObject().value(u"can_edit"_s).toBool(), false);
    QCOMPARE(m_ts->get(u"/api/v1/information/items?state=published"_s, m_clerkToken)
                 .object()
                 .value(u"items"_s)
                 .toArray()
                 .size(),
        0);
    QCOMPARE(m_ts->get(u"/api/v1/information/items?state=gone"_s, m_clerkToken).status, 422);
    const QList<StoredEvent> after = m_ts->ctx().events->range(lastSeq, m_ts->ctx().events->lastSeq(), 10);
    QCOMPARE(after.size(), 3);
    QCOMPARE(after.last().type, u"information.withdrawn"_s);
}

void tst_Information::whoMayPublishWhere_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("status");
    QTest::newRow("anonymous") << QString() << u"events"_s << 401;
    QTest::newRow("clerk in the category's department") << u"clerk-culture"_s << u"events"_s << 201;
    QTest::newRow("clerk of another department") << u"clerk-roads"_s << u"events"_s << 403;
    QTest::newRow("clerk in a problem category of their own") << u"clerk-roads"_s << u"pothole"_s << 422;
    QTest::newRow("manager of another department") << u"manager"_s << u"events"_s << 201;
    QTest::newRow("admin") << u"admin"_s << u"pets"_s << 201;
    QTest::newRow("admin in a problem category") << u"admin"_s << u"pothole"_s << 422;
    QTest::newRow("admin in no category") << u"admin"_s << u"nothing"_s << 404;
}

void tst_Information::whoMayPublishWhere()
{
    QFETCH(QString, user);
    QFETCH(QString, category);
    QFETCH(int, status);
    const QString token = user.isEmpty() ? QString() : m_ts->login(user);
    const Reply r = m_ts->postJson(u"/api/v1/information/items"_s,
        {{u"category"_s, category}, {u"title"_s, texts(u"Τίτλος"_s)}, {u"text"_s, texts(u"Κείμενο"_s)}}, token);
    QVERIFY2(r.status == status, describe(r));
    QCOMPARE(itemCount(), status == 201 ? 1 : 0);
    if (status != 201)
        QVERIFY(!errorMessage(r).isEmpty());
}

void tst_Information::badItemsAreRefusedAndNothingIsStored_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("says");
    const QString ok = uR"("category":"events","title":{"el":"Τ"},"text":{"el":"Κ"})"_s;
    QTest::newRow("no category") << uR"({"title":{"el":"Τ"},"text":{"el":"Κ"}})"_s << 422 << u"category"_s;
    QTest::newRow("no Greek title") << uR"({"category":"events","title":{"en":"T"},"text":{"el":"Κ"}})"_s << 422
                                    << u"title.el"_s;
    QTest::newRow("no Greek text") << uR"({"category":"events","title":{"el":"Τ"},"text":{"en":"x"}})"_s << 422
                                   << u"text.el"_s;
    QTest::newRow("title as a string") << uR"({"category":"events","title":"Τ","text":{"el":"Κ"}})"_s << 422
                                       << u"title"_s;
    QTest::newRow("ends before it starts")
        << u"{"_s + ok + uR"(,"starts_at":"2026-09-20T18:00:00Z","ends_at":"2026-09-20T17:00:00Z"})"_s << 422
        << u"before"_s;
    QTest::newRow("ends without a start")
        << u"{"_s + ok + uR"(,"ends_at":"2026-09-20T17:00:00Z"})"_s << 422 << u"starts_at"_s;
    QTest::newRow("bad time") << u"{"_s + ok + uR"(,"starts_at":"tomorrow"})"_s << 422 << u"ISO 8601"_s;
    QTest::newRow("lat without lon") << u"{"_s + ok + uR"(,"lat":41.09})"_s << 422 << u"together"_s;
    QTest::newRow("outside the municipality")
        << u"{"_s + ok + u",\"lat\":%1,\"lon\":%2}"_s.arg(kOutsideLat).arg(kOutsideLon) << 422 << u"outside"_s;
    QTest::newRow("title too long") << uR"({"category":"events","title":{"el":")"_s + QString(201, u'α')
            + uR"("},"text":{"el":"Κ"}})"_s
                                    << 422 << u"limit"_s;
    QTest::newRow("not JSON") << u"category=events"_s << 400 << u"JSON"_s;
}

void tst_Information::badItemsAreRefusedAndNothingIsStored()
{
    QFETCH(QString, body);
    QFETCH(int, status);
    QFETCH(QString, says);
    const Reply r
        = m_ts->send("POST"_ba, u"/api/v1/information/items"_s, body.toUtf8(), "application/json"_ba, m_adminToken);
    QVERIFY2(r.status == status, describe(r));
    QVERIFY2(errorMessage(r).contains(says), qPrintable(errorMessage(r)));
    QCOMPARE(itemCount(), 0);
    QCOMPARE(mails(u"subscription_new_item"_s).size(), 0);
}

void tst_Information::staleVersionIsAConflict()
{
    const qint64 id = publish(
        m_adminToken, {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Α"_s)}, {u"text"_s, texts(u"Β"_s)}});
    QVERIFY(id > 0);
    const QString path = u"/api/v1/information/items/%1"_s.arg(id);
    QCOMPARE(m_ts->send("PUT"_ba, path, compact({{u"version"_s, 1}, {u"title"_s, texts(u"Γ"_s)}}),
                     "application/json"_ba, m_adminToken)
                 .status,
        200);
    const Reply stale = m_ts->send(
        "PUT"_ba, path, compact({{u"version"_s, 1}, {u"title"_s, texts(u"Δ"_s)}}), "application/json"_ba, m_adminToken);
    QCOMPARE(stale.status, 409);
    QCOMPARE(m_ts->ctx().information->find(id)->title.el, u"Γ"_s);
    const Reply moved = m_ts->send(
        "PUT"_ba, path, compact({{u"version"_s, 2}, {u"category"_s, u"pets"_s}}), "application/json"_ba, m_adminToken);
    QCOMPARE(moved.status, 422);
    QCOMPARE(m_ts->get(u"/api/v1/information/items/999"_s, m_adminToken).status, 404);
}

void tst_Information::photosGoThroughThePhotoChecks()
{
    const qint64 id = publish(
        m_clerkToken, {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Α"_s)}, {u"text"_s, texts(u"Β"_s)}});
    const QString path = u"/api/v1/information/items/%1/photos"_s.arg(id);
    // Not an image: refused by the same checks as a citizen's photo.
    const Reply bad = m_ts->send("POST"_ba, path, "GIF89a not really"_ba, "image/jpeg"_ba, m_clerkToken);
    QVERIFY2(bad.status == 422, describe(bad));
    QCOMPARE(m_ts->send("POST"_ba, path, "{}"_ba, "application/json"_ba, m_clerkToken).status, 415);
    // A real PNG becomes a JPEG without metadata, served publicly while the item is published.
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    const Reply added = m_ts->send("POST"_ba, path, png, "image/png"_ba, m_clerkToken);
    QVERIFY2(added.status == 201, describe(added));
    const QJsonArray photos = added.object().value(u"item"_s).toObject().value(u"photos"_s).toArray();
    QCOMPARE(photos.size(), 1);
    const QString sha = photos.first().toObject().value(u"sha256"_s).toString();
    QCOMPARE(m_ts->get(u"/media/"_s + sha + u".jpg"_s).status, 200);
    const Reply page = m_ts->get(u"/information/events/%1"_s.arg(id));
    QVERIFY(QString::fromUtf8(page.body).contains(u"/media/"_s + sha + u".thumb.jpg"_s));
    // Someone else's department may not add one.
    QCOMPARE(m_ts->send("POST"_ba, path, png, "image/png"_ba, m_ts->login(u"clerk-roads"_s)).status, 403);
    const Reply removed = m_ts->send("DELETE"_ba,
        path + u'/' + QString::number(photos.first().toObject().value(u"id"_s).toInteger()), {}, {}, m_clerkToken);
    QVERIFY2(removed.status == 200, describe(removed));
    QVERIFY(removed.object().value(u"item"_s).toObject().value(u"photos"_s).toArray().isEmpty());
    QCOMPARE(m_ts->get(u"/media/"_s + sha + u".jpg"_s).status, 404);
}

// ---- mail -----------------------------------------------------------------------------------

void tst_Information::subscribersGetAMailInTheirLanguage()
{
    subscriber(u"eleni@example.org"_s, {u"events"_s});
    subscriber(u"john@example.org"_s, {u"events"_s, u"pothole"_s}, std::nullopt, u"en"_s);
    subscriber(u"pets@example.org"_s, {u"pets"_s});
    m_ts->ctx().citizenMail->subscribe(u"unconfirmed@example.org"_s, u"el"_s, {u"events"_s}, std::nullopt);

    const qint64 id = publish(m_clerkToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Συναυλία <b>δωρεάν</b>"_s, u"Free concert"_s)},
            {u"text"_s, texts(u"Στην πλατεία & στο πάρκο"_s, u"In the square"_s)},
            {u"starts_at"_s, u"2026-09-20T16:00:00Z"_s}, {u"address"_s, u"Κεντρική Πλατεία"_s}});
    QVERIFY(id > 0);
    const QList<Mail> m = mails(u"subscription_new_item"_s);
    QCOMPARE(m.size(), 2);
    const Mail &el = m[0];
    QCOMPARE(el.to, u"eleni@example.org"_s);
    QCOMPARE(el.language, u"el"_s);
    QVERIFY2(el.subject.contains(u"Νέα ανακοίνωση: Συναυλία <b>δωρεάν</b>"_s), qPrintable(el.subject));
    QVERIFY(el.text.contains(u"/information/events/%1"_s.arg(id)));
    QVERIFY(el.text.contains(u"20/9/2026, 19:00"_s)); // Greek summer time
    QVERIFY(el.text.contains(u"Κεντρική Πλατεία"_s));
    // The HTML part escapes what staff typed; the text part keeps it as typed.
    QVERIFY(el.html.contains(u"Συναυλία &lt;b&gt;δωρεάν&lt;/b&gt;"_s));
    QVERIFY(!el.html.contains(u"<b>δωρεάν"_s));
    QVERIFY(el.html.contains(u"&amp; στο πάρκο"_s));
    QVERIFY(el.listUnsubscribe.contains(u"/subscriptions/"_s));
    QVERIFY(el.listUnsubscribe.endsWith(u"/unsubscribe"_s));
    const Mail &en = m[1];
    QCOMPARE(en.to, u"john@example.org"_s);
    QVERIFY2(en.subject.contains(u"New announcement: Free concert"_s), qPrintable(en.subject));
    QVERIFY(en.text.contains(u"In the square"_s));
    QVERIFY(en.text.contains(u"20 Sept 2026, 19:00"_s) || en.text.contains(u"20 Sep 2026, 19:00"_s));

    // An edit mails nobody.
    QCOMPARE(
        m_ts->send("PUT"_ba, u"/api/v1/information/items/%1"_s.arg(id),
                compact({{u"version"_s, 1}, {u"title"_s, texts(u"Συναυλία"_s)}}), "application/json"_ba, m_clerkToken)
            .status,
        200);
    QCOMPARE(mails(u"subscription_new_item"_s).size(), 2);
}

void tst_Information::circleMatching()
{
    const double nearLat = kInsideLat + 0.002, farLat = kInsideLat + 0.05; // ~220 m and ~5.5 km north
    subscriber(u"whole@example.org"_s, {u"events"_s});
    subscriber(u"near@example.org"_s, {u"events"_s}, Subscription::Circle{nearLat, kInsideLon, 500});
    subscriber(u"far@example.org"_s, {u"events"_s}, Subscription::Circle{farLat, kInsideLon, 1000});

    auto recipients = [this] {
        QStringList out;
        for (const Mail &m : mails(u"subscription_new_item"_s))
            out.append(m.to);
        return out;
    };
    // With a point: the whole municipality and the circle that holds it.
    publish(m_adminToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Α"_s)}, {u"text"_s, texts(u"Β"_s)}, {u"lat"_s, kInsideLat},
            {u"lon"_s, kInsideLon}});
    QCOMPARE(recipients(), (QStringList{u"whole@example.org"_s, u"near@example.org"_s}));
    // Without a point (an address only, or nothing): about the whole municipality, so everyone.
    publish(m_adminToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Γ"_s)}, {u"text"_s, texts(u"Δ"_s)},
            {u"address"_s, u"Όλες οι συνοικίες"_s}});
    QCOMPARE(recipients().mid(2), (QStringList{u"whole@example.org"_s, u"near@example.org"_s, u"far@example.org"_s}));
}

void tst_Information::withdrawnItemsMailNobodyAndLeaveThePages()
{
    subscriber(u"eleni@example.org"_s, {u"events"_s});
    const qint64 id = publish(m_clerkToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Λάθος ανακοίνωση"_s)}, {u"text"_s, texts(u"Β"_s)}});
    QCOMPARE(mails(u"subscription_new_item"_s).size(), 1);
    QCOMPARE(m_ts->get(u"/information/events/%1"_s.arg(id)).status, 200);
    QVERIFY(QString::fromUtf8(m_ts->get(u"/information/events"_s).body).contains(u"Λάθος ανακοίνωση"_s));

    QCOMPARE(
        m_ts->postJson(u"/api/v1/information/items/%1/withdraw"_s.arg(id), {{u"version"_s, 1}}, m_clerkToken).status,
        200);
    QCOMPARE(mails(u"subscription_new_item"_s).size(), 1); // withdrawing mails nobody
    // The mail's link now says it was withdrawn (410), the lists and the feed leave it out.
    const Reply page = m_ts->get(u"/information/events/%1?lang=el"_s.arg(id));
    QCOMPARE(page.status, 410);
    QVERIFY(QString::fromUtf8(page.body).contains(u"Η ανακοίνωση αποσύρθηκε"_s));
    QVERIFY(!QString::fromUtf8(page.body).contains(u"Λάθος ανακοίνωση"_s));
    QVERIFY(!QString::fromUtf8(m_ts->get(u"/information/events"_s).body).contains(u"Λάθος ανακοίνωση"_s));
    QVERIFY(!QString::fromUtf8(m_ts->get(u"/"_s).body).contains(u"Λάθος ανακοίνωση"_s));
    QVERIFY(!QString::fromUtf8(m_ts->get(u"/feeds/information/events.atom"_s).body).contains(u"Λάθος"_s));
    // A withdrawn item stays as it is: no edit, no second withdrawal.
    const Reply edit = m_ts->send("PUT"_ba, u"/api/v1/information/items/%1"_s.arg(id),
        compact({{u"version"_s, 2}, {u"title"_s, texts(u"Ξανά"_s)}}), "application/json"_ba, m_clerkToken);
    QCOMPARE(edit.status, 409);
    QCOMPARE(
        m_ts->postJson(u"/api/v1/information/items/%1/withdraw"_s.arg(id), {{u"version"_s, 2}}, m_clerkToken).status,
        409);
    QCOMPARE(mails(u"subscription_new_item"_s).size(), 1);
}

// ---- rules for reports --------------------------------------------------------------------

void tst_Information::open311RefusesInformationCategories()
{
    const Reply services = m_ts->get(u"/open311/v2/services.json"_s);
    QCOMPARE(services.status, 200);
    QStringList codes;
    for (const QJsonValue &v : services.array())
        codes.append(v.toObject().value(u"service_code"_s).toString());
    QCOMPARE(codes, QStringList{u"pothole"_s});
    QCOMPARE(m_ts->get(u"/open311/v2/services/events.json"_s).status, 404);

    const QString key = m_ts->apiKey();
    const QByteArray body = "api_key=" + key.toUtf8() + "&service_code=events&lat=" + QByteArray::number(kInsideLat)
        + "&long=" + QByteArray::number(kInsideLon) + "&description=test";
    const Reply r = m_ts->send("POST"_ba, u"/open311/v2/requests.json"_s, body, "application/x-www-form-urlencoded"_ba);
    QVERIFY2(r.status == 400, describe(r));
    QVERIFY2(QString::fromUtf8(r.body).contains(u"information category"_s), r.body.constData());
    QCOMPARE(m_ts->ctx().reports->count(), 0);
    // The service itself still takes reports.
    NewReport in;
    in.serviceCode = u"events"_s;
    in.lat = kInsideLat;
    in.lon = kInsideLon;
    QVERIFY_THROWS_EXCEPTION(ApiError, m_ts->ctx().reportService->create(in));
    // And the reports feed has no such category.
    QCOMPARE(m_ts->get(u"/feeds/reports.atom?category=events"_s).status, 404);
}

void tst_Information::webFormRefusesInformationCategories()
{
    const Reply form = m_ts->get(u"/report"_s);
    QCOMPARE(form.status, 200);
    const QString html = QString::fromUtf8(form.body);
    QVERIFY(html.contains(u"value=\"pothole\""_s));
    QVERIFY(!html.contains(u"value=\"events\""_s));

    // A hand-made POST naming the category is refused next to the field, and nothing is filed.
    QByteArray cookie;
    for (const auto &[name, value] : form.headers)
        if (name.compare("set-cookie", Qt::CaseInsensitive) == 0)
            for (const QByteArray &line : value.split('\n'))
                if (line.startsWith("dimos_csrf="))
                    cookie = line.split(';').first();
    const QString token = QString::fromLatin1(cookie.mid(cookie.indexOf('=') + 1));
    QVERIFY(!token.isEmpty());
    const QByteArray body = "csrf=" + token.toUtf8() + "&category=events&lat=" + QByteArray::number(kInsideLat)
        + "&lon=" + QByteArray::number(kInsideLon) + "&description=x&email=a%40example.org";
    const QByteArray request = "POST /report HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: " + cookie
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
    const QString answer = QString::fromUtf8(m_ts->raw(request));
    QVERIFY2(answer.startsWith(u"HTTP/1.1 422"_s), qPrintable(answer.left(200)));
    QVERIFY2(answer.contains(u"«Εκδηλώσεις» είναι κατηγορία ενημέρωσης"_s), qPrintable(answer.left(4000)));
    QCOMPARE(m_ts->ctx().reports->count(), 0);
}

// ---- the pages and the feed -----------------------------------------------------------------

void tst_Information::categoryPageOrdersEventsByDate()
{
    auto item = [this](const QString &title, std::optional<qint64> startsMs) {
        QJsonObject body{{u"category"_s, u"events"_s}, {u"title"_s, texts(title)}, {u"text"_s, texts(u"…"_s)}};
        if (startsMs)
            body.insert(u"starts_at"_s, formatUtc(*startsMs));
        return publish(m_adminToken, body);
    };
    item(u"Σε δέκα μέρες"_s, kT0 + 10 * kDayMs);
    item(u"Χωρίς ημερομηνία"_s, std::nullopt);
    item(u"Αύριο"_s, kT0 + kDayMs);
    item(u"Χθες"_s, kT0 - kDayMs);
    m_ts->clock().setMs(kT0 + 1000);
    item(u"Νεότερη χωρίς ημερομηνία"_s, std::nullopt);

    const QString html = QString::fromUtf8(m_ts->get(u"/information/events?lang=el"_s).body);
    QStringList order;
    static const QRegularExpression link(uR"(class="report-link" href="[^"]+">([^<]+)</a>)"_s);
    for (auto it = link.globalMatch(html); it.hasNext();)
        order.append(it.next().captured(1));
    QCOMPARE(order,
        (QStringList{u"Αύριο"_s, u"Σε δέκα μέρες"_s, u"Νεότερη χωρίς ημερομηνία"_s, u"Χωρίς ημερομηνία"_s, u"Χθες"_s}));
    QVERIFY(html.indexOf(u"Περασμένες εκδηλώσεις"_s) < html.indexOf(u"Χθες"_s));
    QVERIFY(html.indexOf(u"Περασμένες εκδηλώσεις"_s) > html.indexOf(u"Χωρίς ημερομηνία"_s));
    // The home page shows the current ones, events first.
    const QString home = QString::fromUtf8(m_ts->get(u"/?lang=el"_s).body);
    QVERIFY(home.contains(u"Ενημέρωση από τον Δήμο"_s));
    QVERIFY(home.indexOf(u"Αύριο"_s) < home.indexOf(u"Σε δέκα μέρες"_s));
    QVERIFY(!home.contains(u"Χθες"_s));
    QCOMPARE(m_ts->get(u"/information/pothole"_s).status, 404);
    QCOMPARE(m_ts->get(u"/information/nothing"_s).status, 404);
    QCOMPARE(m_ts->get(u"/information/pets/1"_s).status, 404); // item 1 is an event
    QCOMPARE(m_ts->get(u"/information/events/abc"_s).status, 404);
}

void tst_Information::pagesEscapeTheItemText()
{
    const QString evil = u"<script>alert(1)</script><img src=x onerror=alert(2)>"_s;
    const qint64 id = publish(m_adminToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(evil)}, {u"text"_s, texts(u"\"quoted\" "_s + evil)},
            {u"address"_s, evil}, {u"lat"_s, kInsideLat}, {u"lon"_s, kInsideLon}});
    for (const QString &path :
        {u"/information/events/%1"_s.arg(id), u"/information/events"_s, u"/information"_s, u"/"_s}) {
        const Reply r = m_ts->get(path);
        QVERIFY2(r.status == 200, qPrintable(path));
        const QString html = QString::fromUtf8(r.body);
        QVERIFY2(!html.contains(u"<script>alert"_s), qPrintable(path));
        QVERIFY2(!html.contains(u"<img src=x"_s), qPrintable(path));
        QVERIFY2(html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s), qPrintable(path));
        QVERIFY(r.header("content-security-policy").contains("script-src 'self'"));
        QVERIFY(!html.contains(u"style=\""_s));
    }
    const QString item = QString::fromUtf8(m_ts->get(u"/information/events/%1"_s.arg(id)).body);
    QVERIFY(item.contains(u"&quot;quoted&quot;"_s));
    QVERIFY(item.contains(u"data-lat=\"41.091200\""_s));
    QVERIFY(item.contains(u"type=\"application/atom+xml\""_s));
}

void tst_Information::pagesInBothLanguages()
{
    const qint64 both = publish(m_adminToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Συναυλία"_s, u"Concert"_s)},
            {u"text"_s, texts(u"Ελληνικό κείμενο"_s, u"English text"_s)}});
    const qint64 greekOnly = publish(m_adminToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Μόνο ελληνικά"_s)}, {u"text"_s, texts(u"Κείμενο"_s)}});
    const QString en = QString::fromUtf8(m_ts->get(u"/information/events/%1?lang=en"_s.arg(both)).body);
    QVERIFY(en.contains(u"<html lang=\"en\">"_s));
    QVERIFY(en.contains(u"Concert"_s));
    QVERIFY(en.contains(u"Back to “Events”"_s));
    QVERIFY(en.contains(u"English text"_s));
    QVERIFY(!en.contains(u"Ελληνικό κείμενο"_s));
    QVERIFY(!en.contains(u"Greek only"_s));
    const QString el = QString::fromUtf8(m_ts->get(u"/information/events/%1?lang=el"_s.arg(both)).body);
    QVERIFY(el.contains(u"<html lang=\"el\">"_s));
    QVERIFY(el.contains(u"Συναυλία"_s));
    QVERIFY(el.contains(u"href=\"/information\" aria-current=\"page\""_s));
    const QString fallback = QString::fromUtf8(m_ts->get(u"/information/events/%1?lang=en"_s.arg(greekOnly)).body);
    QVERIFY(fallback.contains(u"Μόνο ελληνικά"_s));
    QVERIFY(fallback.contains(u"available in Greek only"_s));
    QVERIFY(QString::fromUtf8(m_ts->get(u"/information?lang=en"_s).body).contains(u"News from the municipality"_s));
}

void tst_Information::feedListsPublishedItems()
{
    publish(m_adminToken,
        {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Συναυλία <&>"_s, u"Concert"_s)},
            {u"text"_s, texts(u"Κείμενο"_s)}, {u"starts_at"_s, u"2026-09-20T22:30:00Z"_s}});
    publish(m_adminToken,
        {{u"category"_s, u"pets"_s}, {u"title"_s, texts(u"Χάθηκε σκύλος"_s)}, {u"text"_s, texts(u"Λευκός"_s)}});
    const Reply r = m_ts->get(u"/feeds/information/events.atom?lang=el"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("content-type").startsWith("application/atom+xml"));
    QXmlStreamReader xml(r.body);
    QStringList titles;
    QString feedTitle;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"title") {
            const QString t = xml.readElementText();
            if (feedTitle.isEmpty())
                feedTitle = t;
            else
                titles.append(t);
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(feedTitle.contains(u"Εκδηλώσεις"_s));
    // One entry, its day in Greek time (22:30 UTC is already the 21st in Athens).
    QCOMPARE(titles, QStringList{u"Συναυλία <&> (21/09/2026)"_s});
    QVERIFY(QString::fromUtf8(r.body).contains(u"/information/events/1"_s));
    QVERIFY(QString::fromUtf8(m_ts->get(u"/feeds/information/events.atom?lang=en"_s).body).contains(u"Concert"_s));
    QCOMPARE(m_ts->get(u"/feeds/information/pothole.atom"_s).status, 404);
    QCOMPARE(m_ts->get(u"/feeds/information/events"_s).status, 404);
}

void tst_Information::subscribePageOffersInformationCategories()
{
    const QString html = QString::fromUtf8(m_ts->get(u"/subscribe?lang=el"_s).body);
    QVERIFY(html.contains(u"value=\"events\""_s));
    QVERIFY(html.contains(u"value=\"pothole\""_s));
    // The news after the problems, under a heading of their own.
    QVERIFY(html.indexOf(u"value=\"pothole\""_s) < html.indexOf(u"Ενημέρωση από τον Δήμο"_s));
    QVERIFY(html.indexOf(u"Ενημέρωση από τον Δήμο"_s) < html.indexOf(u"value=\"events\""_s));
}

void tst_Information::categoryKindThroughTheApi()
{
    const Reply created = m_ts->postJson(u"/api/v1/categories"_s,
        {{u"code"_s, u"tourism"_s}, {u"name"_s, texts(u"Τουρισμός"_s, u"Tourism"_s)}, {u"kind"_s, u"information"_s},
            {u"department_id"_s, m_culture}},
        m_adminToken);
    QVERIFY2(created.status == 201, describe(created));
    QCOMPARE(created.object().value(u"category"_s).toObject().value(u"kind"_s).toString(), u"information"_s);
    QVERIFY(m_ts->ctx().catalog->category(u"tourism"_s)->isInformation());
    const Reply bad = m_ts->postJson(u"/api/v1/categories"_s,
        {{u"code"_s, u"x"_s}, {u"name"_s, texts(u"Χ"_s, u"X"_s)}, {u"kind"_s, u"news"_s}}, m_adminToken);
    QCOMPARE(bad.status, 422);
    // A category with items (or reports) keeps its kind; an empty one may change.
    publish(m_adminToken, {{u"category"_s, u"events"_s}, {u"title"_s, texts(u"Α"_s)}, {u"text"_s, texts(u"Β"_s)}});
    const Reply locked = m_ts->send("PUT"_ba, u"/api/v1/categories/events"_s, compact({{u"kind"_s, u"problem"_s}}),
        "application/json"_ba, m_adminToken);
    QCOMPARE(locked.status, 409);
    QVERIFY(m_ts->ctx().catalog->category(u"events"_s)->isInformation());
    const Reply changed = m_ts->send("PUT"_ba, u"/api/v1/categories/pets"_s, compact({{u"kind"_s, u"problem"_s}}),
        "application/json"_ba, m_adminToken);
    QCOMPARE(changed.status, 200);
    QVERIFY(!m_ts->ctx().catalog->category(u"pets"_s)->isInformation());
}

QTEST_GUILESS_MAIN(tst_Information)
#include "tst_Information.moc"
