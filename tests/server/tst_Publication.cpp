// Publication of reports filed on the citizens' web pages (ReportService, ReportRepository,
// Open311, /media, the staff API): a report waits for the citizen's e-mailed confirmation and,
// in a moderated category, for a moderator; until then neither Open311 nor /media shows it or
// its photos, staff see everything; moderators approve, hide, show or withhold photos and
// redact text; roles are enforced.
#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QTest>

#include "server/core/PhotoProcessor.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

ProcessedPhoto photo()
{
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(qRgb(200, 100, 50));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter(&buffer, "jpeg"_ba).write(image);
    QString error;
    const std::optional<ProcessedPhoto> p = processPhoto(bytes, "image/jpeg"_ba, PhotoLimits{}, &error);
    if (!p)
        qFatal("cannot make a test photo: %s", qPrintable(error));
    return *p;
}

NewReport webReport(const QString &code, const QString &description, QString *token)
{
    NewReport in;
    in.serviceCode = code;
    in.lat = kInsideLat;
    in.lon = kInsideLon;
    in.description = description;
    in.channel = u"web"_s;
    in.contact.email = u"eleni@example.org"_s;
    in.contact.firstName = u"Ελένη"_s;
    in.contact.language = u"en"_s;
    in.photos = {photo()};
    in.needsConfirmation = true;
    in.onStored = [token](const Report &, const QString &t) { *token = t; };
    return in;
}

QString mediaPath(const Report &r)
{
    return u"/media/"_s + r.photos.first().sha256 + u".jpg"_s;
}

} // namespace

class tst_Publication : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unconfirmedReportIsNowhereInPublic();
    void confirmationPublishesOnce();
    void moderatedCategoryWaitsForAModerator();
    void photosWaitForAModerator();
    void redactionKeepsNoTraceOfTheOldText();
    void moderationNeedsTheRightRole();
    void failedMailWritingRollsTheReportBack();
    void webReportNeedsAnEmail();
};

#define START(ts)                                                                                                      \
    QString startError_;                                                                                               \
    QVERIFY2((ts).start(&startError_), qPrintable(startError_));                                                       \
    const qint64 roads_ = (ts).addDepartment(u"roads"_s);                                                              \
    (ts).addCategory(u"pothole"_s, roads_);                                                                            \
    const QString admin_ = (ts).login((ts).addUser(u"admin"_s, Role::Admin, {}).username)

void tst_Publication::unconfirmedReportIsNowhereInPublic()
{
    TestServer ts;
    START(ts);
    QString token;
    const Report r = ts.ctx().reportService->create(webReport(u"pothole"_s, u"not yet confirmed"_s, &token));
    QCOMPARE(token.size(), 32);
    const Report stored = *ts.ctx().reports->find(r.id);
    QCOMPARE(stored.visibility, Visibility::Unconfirmed);
    QCOMPARE(stored.contact.language, u"en"_s);

    QCOMPARE(ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id)).status, 404);
    QVERIFY(!ts.get(u"/open311/v2/requests.json"_s).body.contains("not yet confirmed"));
    QCOMPARE(ts.get(mediaPath(stored)).status, 404);

    // Staff see it, with its visibility, and its photo (never cached by a browser).
    const Reply staff = ts.get(u"/api/v1/reports/%1"_s.arg(r.id), admin_);
    QCOMPARE(staff.status, 200);
    QCOMPARE(staff.object()[u"report"_s][u"visibility"_s].toString(), u"unconfirmed"_s);
    QCOMPARE(staff.object()[u"report"_s][u"photos"_s].toArray().first()[u"public"_s].toBool(), false);
    const Reply image = ts.get(mediaPath(stored), admin_);
    QCOMPARE(image.status, 200);
    QCOMPARE(image.header("cache-control"), "private, no-store"_ba);
    QCOMPARE(ts.get(mediaPath(stored), u"not-a-token"_s).status, 401);
    const Reply list = ts.get(u"/api/v1/reports?visibility=unconfirmed"_s, admin_);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.object()[u"reports"_s].toArray().size(), 1);
    QCOMPARE(ts.get(u"/api/v1/reports?visibility=secret"_s, admin_).status, 422);
}

void tst_Publication::confirmationPublishesOnce()
{
    TestServer ts;
    START(ts);
    QString token;
    const Report r = ts.ctx().reportService->create(webReport(u"pothole"_s, u"confirm me"_s, &token));
    QVERIFY(!ts.ctx().reportService->confirm(u"x"_s.repeated(32)));
    QVERIFY(!ts.ctx().reportService->confirm(u"short"_s));
    const std::optional<Report> confirmed = ts.ctx().reportService->confirm(token);
    QVERIFY(confirmed);
    QCOMPARE(confirmed->visibility, Visibility::Public);
    QVERIFY(!ts.ctx().reportService->confirm(token)); // used once

    const Reply open311 = ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id));
    QCOMPARE(open311.status, 200);
    QVERIFY(open311.body.contains("confirm me"));
    QVERIFY(!open311.body.contains("eleni@example.org"));
    QVERIFY(ts.get(u"/open311/v2/requests.json"_s).body.contains("confirm me"));
    const QList<ReportHistoryEntry> history = ts.ctx().reports->history(r.id, false);
    QCOMPARE(history.last().kind, ReportHistoryEntry::Kind::Confirmed);
    QVERIFY(!history.last().isPublic);
}

void tst_Publication::moderatedCategoryWaitsForAModerator()
{
    TestServer ts;
    START(ts);
    Category graffiti = ts.addCategory(u"graffiti"_s, roads_);
    graffiti.moderated = true;
    ts.ctx().catalog->updateCategory(graffiti, ts.clock().nowMs());
    bool listed = false;
    for (const QJsonValue &v : ts.get(u"/api/v1/categories"_s, admin_).object()[u"categories"_s].toArray())
        if (v[u"code"_s] == u"graffiti"_s)
            listed = v[u"moderated"_s].toBool();
    QVERIFY(listed);

    QString token;
    const Report r = ts.ctx().reportService->create(webReport(u"graffiti"_s, u"on the wall"_s, &token));
    QCOMPARE(ts.ctx().reportService->confirm(token)->visibility, Visibility::Moderation);
    QCOMPARE(ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id)).status, 404);
    const Reply queue = ts.get(u"/api/v1/reports?visibility=moderation"_s, admin_);
    QCOMPARE(queue.object()[u"reports"_s].toArray().size(), 1);

    int version = queue.object()[u"reports"_s].toArray().first()[u"version"_s].toInt();
    Reply approved = ts.postJson(u"/api/v1/reports/%1/moderation"_s.arg(r.id),
        {{u"version"_s, version}, {u"action"_s, u"approve"_s}, {u"reason"_s, u"fine"_s}}, admin_);
    QCOMPARE(approved.status, 200);
    QCOMPARE(approved.object()[u"report"_s][u"visibility"_s].toString(), u"public"_s);
    QCOMPARE(ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id)).status, 200);

    version = approved.object()[u"report"_s][u"version"_s].toInt();
    QCOMPARE(ts.postJson(u"/api/v1/reports/%1/moderation"_s.arg(r.id),
                   {{u"version"_s, version}, {u"action"_s, u"publish"_s}}, admin_)
                 .status,
        422);
    const Reply hidden = ts.postJson(
        u"/api/v1/reports/%1/moderation"_s.arg(r.id), {{u"version"_s, version}, {u"action"_s, u"hide"_s}}, admin_);
    QCOMPARE(hidden.status, 200);
    QCOMPARE(hidden.object()[u"report"_s][u"visibility"_s].toString(), u"hidden"_s);
    QCOMPARE(ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id)).status, 404);
    // Stale version: the usual conflict.
    QCOMPARE(ts.postJson(u"/api/v1/reports/%1/moderation"_s.arg(r.id),
                   {{u"version"_s, version}, {u"action"_s, u"approve"_s}}, admin_)
                 .status,
        409);
}

void tst_Publication::photosWaitForAModerator()
{
    TestServer ts;
    START(ts);
    QString token;
    const Report r = ts.ctx().reportService->create(webReport(u"pothole"_s, u"with a photo"_s, &token));
    ts.ctx().reportService->confirm(token);
    const Report stored = *ts.ctx().reports->find(r.id);
    QVERIFY(!stored.photos.first().isPublic);
    // The report is public, its photo not yet.
    const QJsonObject open311 = ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id)).array().first().toObject();
    QCOMPARE(open311[u"media_url"_s].toString(), QString());
    QCOMPARE(ts.get(mediaPath(stored)).status, 404);

    const Reply shown = ts.postJson(u"/api/v1/reports/%1/photo"_s.arg(r.id),
        {{u"version"_s, stored.version}, {u"photo_id"_s, stored.photos.first().id}, {u"public"_s, true}}, admin_);
    QCOMPARE(shown.status, 200);
    QVERIFY(ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id))
                .array()
                .first()[u"media_url"_s]
                .toString()
                .endsWith(stored.photos.first().sha256 + u".jpg"_s));
    const Reply image = ts.get(mediaPath(stored));
    QCOMPARE(image.status, 200);
    QVERIFY(image.header("cache-control").startsWith("public"));
    QCOMPARE(ts.postJson(u"/api/v1/reports/%1/photo"_s.arg(r.id),
                   {{u"version"_s, shown.object()[u"report"_s][u"version"_s].toInt()}, {u"photo_id"_s, 999999},
                       {u"public"_s, true}},
                   admin_)
                 .status,
        404);
}

void tst_Publication::redactionKeepsNoTraceOfTheOldText()
{
    TestServer ts;
    START(ts);
    QString token;
    const Report r = ts.ctx().reportService->create(
        webReport(u"pothole"_s, u"My neighbour Papadopoulos phone 6912345678 parks here"_s, &token));
    ts.ctx().reportService->confirm(token);
    const int version = ts.ctx().reports->find(r.id)->version;
    QCOMPARE(ts.postJson(u"/api/v1/reports/%1/redact"_s.arg(r.id),
                   {{u"version"_s, version}, {u"description"_s, u"A car parks here"_s}}, admin_)
                 .status,
        422); // a reason is required
    const Reply redacted = ts.postJson(u"/api/v1/reports/%1/redact"_s.arg(r.id),
        {{u"version"_s, version}, {u"description"_s, u"A car parks here"_s}, {u"reason"_s, u"personal data"_s}},
        admin_);
    QCOMPARE(redacted.status, 200);
    QCOMPARE(redacted.object()[u"report"_s][u"description"_s].toString(), u"A car parks here"_s);
    QVERIFY(!ts.get(u"/open311/v2/requests/%1.json"_s.arg(r.id)).body.contains("6912345678"));
    // Not in the search text, nor in the history.
    QCOMPARE(ts.get(u"/api/v1/reports?q=6912345678"_s, admin_).object()[u"reports"_s].toArray().size(), 0);
    QCOMPARE(ts.get(u"/api/v1/reports?q=parks"_s, admin_).object()[u"reports"_s].toArray().size(), 1);
    const QByteArray history = ts.get(u"/api/v1/reports/%1"_s.arg(r.id), admin_).body; // with its history
    QVERIFY(history.contains("\"kind\":\"redacted\""));
    QVERIFY(history.contains("personal data"));
    QVERIFY(!history.contains("6912345678"));
}

void tst_Publication::moderationNeedsTheRightRole()
{
    TestServer ts;
    START(ts);
    const qint64 parks = ts.addDepartment(u"parks"_s);
    const QString otherClerk = ts.login(ts.addUser(u"parksclerk"_s, Role::Clerk, {parks}).username);
    const QString roadsClerk = ts.login(ts.addUser(u"roadsclerk"_s, Role::Clerk, {roads_}).username);
    QString token;
    const Report r = ts.ctx().reportService->create(webReport(u"pothole"_s, u"roles"_s, &token));
    const QJsonObject body{{u"version"_s, 1}, {u"action"_s, u"approve"_s}};
    const QString path = u"/api/v1/reports/%1/moderation"_s.arg(r.id);
    QCOMPARE(ts.postJson(path, body).status, 401);
    QCOMPARE(ts.postJson(path, body, otherClerk).status, 403);
    QCOMPARE(ts.postJson(u"/api/v1/reports/%1/redact"_s.arg(r.id),
                   {{u"version"_s, 1}, {u"description"_s, u"x"_s}, {u"reason"_s, u"y"_s}}, otherClerk)
                 .status,
        403);
    QCOMPARE(ts.postJson(u"/api/v1/reports/%1/photo"_s.arg(r.id),
                   {{u"version"_s, 1}, {u"photo_id"_s, 1}, {u"public"_s, true}}, otherClerk)
                 .status,
        403);
    QCOMPARE(ts.postJson(path, body, roadsClerk).status, 200); // the report's own department
}

void tst_Publication::failedMailWritingRollsTheReportBack()
{
    TestServer ts;
    START(ts);
    const qint64 before = ts.ctx().reports->count();
    QString token;
    NewReport in = webReport(u"pothole"_s, u"rolled back"_s, &token);
    in.onStored = [](const Report &, const QString &) { throw std::runtime_error("the outbox is full"); };
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, ts.ctx().reportService->create(in));
    QCOMPARE(ts.ctx().reports->count(), before);
}

void tst_Publication::webReportNeedsAnEmail()
{
    TestServer ts;
    START(ts);
    QString token;
    NewReport in = webReport(u"pothole"_s, u"no address"_s, &token);
    in.contact.email.clear();
    try {
        ts.ctx().reportService->create(in);
        QFAIL("a web report without an e-mail address was accepted");
    } catch (const ApiError &e) {
        QVERIFY2(e.message.contains(u"e-mail"_s), qPrintable(e.message));
    }
}

QTEST_GUILESS_MAIN(tst_Publication)
#include "tst_Publication.moc"
