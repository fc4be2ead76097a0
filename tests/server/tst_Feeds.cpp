// Atom feeds of the public reports (server/feeds): well-formed Atom, newest first, filters by
// category and by circle, a report's public timeline, Greek and English, and nothing that is
// not public — no unconfirmed or hidden report, no internal note, no reporter identity.
#include <QTest>
#include <QXmlStreamReader>

#include "server/core/ReportService.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/UserRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

struct Entry
{
    QString id, title, summary, link, category;
};

struct AtomFeed
{
    QString title, lang;
    QList<Entry> entries;
    QString error;
};

AtomFeed parse(const QByteArray &xml)
{
    AtomFeed feed;
    QXmlStreamReader r(xml);
    Entry *current = nullptr;
    while (!r.atEnd()) {
        r.readNext();
        if (!r.isStartElement())
            continue;
        if (r.namespaceUri() != u"http://www.w3.org/2005/Atom") {
            feed.error = u"element outside the Atom namespace: "_s + r.name().toString();
            break;
        }
        const QStringView name = r.name();
        if (name == u"feed") {
            feed.lang = r.attributes().value(u"xml:lang"_s).toString();
        } else if (name == u"entry") {
            feed.entries.append(Entry());
            current = &feed.entries.last();
        } else if (name == u"title") {
            (current ? current->title : feed.title) = r.readElementText();
        } else if (name == u"id" && current) {
            current->id = r.readElementText();
        } else if (name == u"summary" && current) {
            current->summary = r.readElementText();
        } else if (name == u"link" && current) {
            current->link = r.attributes().value(u"href"_s).toString();
        } else if (name == u"category" && current) {
            current->category = r.attributes().value(u"term"_s).toString();
        }
    }
    if (r.hasError())
        feed.error = r.errorString();
    return feed;
}

NewReport report(const QString &code, const QString &description, double lat = kInsideLat, double lon = kInsideLon)
{
    NewReport in;
    in.serviceCode = code;
    in.lat = lat;
    in.lon = lon;
    in.description = description;
    in.channel = u"open311"_s;
    in.contact.email = u"secret.reporter@example.org"_s;
    in.contact.firstName = u"Κρυφό"_s;
    return in;
}

} // namespace

class tst_Feeds : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsFeedIsAtomNewestFirstAndPublicOnly();
    void categoryAndCircleFilter();
    void reportTimelineShowsOnlyPublicLines();
    void badParametersAreRefused();
};

#define START(ts)                                                                                                      \
    QString startError_;                                                                                               \
    QVERIFY2((ts).start(&startError_), qPrintable(startError_));                                                       \
    const qint64 roads_ = (ts).addDepartment(u"roads"_s);                                                              \
    (ts).addCategory(u"pothole"_s, roads_);                                                                            \
    (ts).addCategory(u"graffiti"_s, roads_)

void tst_Feeds::reportsFeedIsAtomNewestFirstAndPublicOnly()
{
    TestServer ts;
    START(ts);
    ReportService &rs = *ts.ctx().reportService;
    rs.create(report(u"pothole"_s, u"first <b>&amp; \"quoted\"</b>"_s));
    ts.clock().advanceMs(60000);
    rs.create(report(u"graffiti"_s, u"second"_s));
    NewReport pending = report(u"pothole"_s, u"waiting for confirmation"_s);
    pending.needsConfirmation = true;
    rs.create(pending);

    // QNetworkAccessManager asks for English (Accept-Language): Greek by ?lang.
    const Reply reply = ts.get(u"/feeds/reports.atom?lang=el"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), "application/atom+xml; charset=utf-8"_ba);
    const AtomFeed feed = parse(reply.body);
    QVERIFY2(feed.error.isEmpty(), qPrintable(feed.error));
    QCOMPARE(feed.entries.size(), 2);
    QCOMPARE(feed.entries[0].summary, u"second"_s); // newest first
    QCOMPARE(feed.entries[1].summary, u"first <b>&amp; \"quoted\"</b>"_s); // text, escaped in the XML
    QVERIFY(feed.entries[1].link.endsWith(u"/reports/1"_s));
    QVERIFY(feed.entries[0].id != feed.entries[1].id);
    QVERIFY(feed.entries[1].title.contains(u"Κατηγορία pothole"_s));
    QCOMPARE(feed.lang, u"el"_s);
    QVERIFY(!reply.body.contains("secret.reporter"));
    QVERIFY(!reply.body.contains("Κρυφό"));
    QVERIFY(!reply.body.contains("waiting for confirmation"));

    const AtomFeed en = parse(ts.get(u"/feeds/reports.atom?lang=en"_s).body);
    QCOMPARE(en.lang, u"en"_s);
    QVERIFY(en.entries[1].title.contains(u"Category pothole"_s));
    QVERIFY(en.entries[1].title.contains(u"(new)"_s));
}

void tst_Feeds::categoryAndCircleFilter()
{
    TestServer ts;
    START(ts);
    ReportService &rs = *ts.ctx().reportService;
    rs.create(report(u"pothole"_s, u"near"_s, 41.0912, 23.5486));
    rs.create(report(u"pothole"_s, u"far"_s, 41.0912, 23.5686)); // about 1.7 km east
    rs.create(report(u"graffiti"_s, u"graffiti near"_s, 41.0913, 23.5487));

    const AtomFeed pothole = parse(ts.get(u"/feeds/reports.atom?category=pothole"_s).body);
    QCOMPARE(pothole.entries.size(), 2);
    for (const Entry &e : pothole.entries)
        QCOMPARE(e.category, u"pothole"_s);
    const AtomFeed circle = parse(ts.get(u"/feeds/reports.atom?lat=41.0912&lon=23.5486&radius=500"_s).body);
    QCOMPARE(circle.entries.size(), 2);
    for (const Entry &e : circle.entries)
        QVERIFY(e.summary.contains(u"near"_s));
    const AtomFeed both
        = parse(ts.get(u"/feeds/reports.atom?category=pothole&lat=41.0912&lon=23.5486&radius=500"_s).body);
    QCOMPARE(both.entries.size(), 1);
    QCOMPARE(both.entries[0].summary, u"near"_s);
    QVERIFY(both.title.contains(u"500"_s));
}

void tst_Feeds::reportTimelineShowsOnlyPublicLines()
{
    TestServer ts;
    START(ts);
    const StaffUser admin = ts.addUser(u"admin"_s, Role::Admin, {});
    ReportService &rs = *ts.ctx().reportService;
    const Report r = rs.create(report(u"pothole"_s, u"a deep hole"_s));
    Report now = rs.addNote(admin, r.id, 1, u"internal: call the contractor"_s, false);
    now = rs.changeStatus(admin, r.id, now.version, ReportStatus::InProgress, u"Το συνεργείο έρχεται"_s, true);

    const Reply reply = ts.get(u"/feeds/reports/%1.atom?lang=el"_s.arg(r.id));
    QCOMPARE(reply.status, 200);
    const AtomFeed feed = parse(reply.body);
    QVERIFY2(feed.error.isEmpty(), qPrintable(feed.error));
    QCOMPARE(feed.entries.size(), 2); // filed, in progress — not the internal note
    QCOMPARE(feed.entries[0].summary, u"Το συνεργείο έρχεται"_s);
    QVERIFY(feed.entries[0].title.contains(u"σε εξέλιξη"_s));
    QCOMPARE(feed.entries[1].summary, u"a deep hole"_s);
    QVERIFY(!reply.body.contains("contractor"));

    // Hidden by a moderator: the feed is gone.
    rs.moderate(admin, r.id, now.version, ModerationAction::Hide, u"spam"_s);
    QCOMPARE(ts.get(u"/feeds/reports/%1.atom"_s.arg(r.id)).status, 404);
    QCOMPARE(parse(ts.get(u"/feeds/reports.atom"_s).body).entries.size(), 0);
}

void tst_Feeds::badParametersAreRefused()
{
    TestServer ts;
    START(ts);
    QCOMPARE(ts.get(u"/feeds/reports.atom?category=nope"_s).status, 404);
    QCOMPARE(ts.get(u"/feeds/reports.atom?lat=41&lon=23"_s).status, 400); // radius missing
    QCOMPARE(ts.get(u"/feeds/reports.atom?lat=41&lon=23&radius=5"_s).status, 400);
    QCOMPARE(ts.get(u"/feeds/reports.atom?lat=91&lon=23&radius=500"_s).status, 400);
    QCOMPARE(ts.get(u"/feeds/reports.atom?lat=nan&lon=23&radius=500"_s).status, 400);
    QCOMPARE(ts.get(u"/feeds/reports/abc.atom"_s).status, 404);
    QCOMPARE(ts.get(u"/feeds/reports/99.atom"_s).status, 404);
    QCOMPARE(ts.get(u"/feeds/reports/1.rss"_s).status, 404);
}

QTEST_GUILESS_MAIN(tst_Feeds)
#include "tst_Feeds.moc"
