// What citizens get by e-mail besides their report's confirmation (server/core/CitizenMail,
// LinkTokens, SubscriptionRepository, ReportService's listeners): signed link tokens;
// subscriptions with double opt-in, by category and circle, with an unsubscribe link; the
// reporter and other followers get public updates (never internal notes); "not fixed" within
// the window reopens; every mail is written in the transaction of the change.
#include <QTest>

#include "server/core/CitizenMail.h"
#include "server/core/LinkTokens.h"
#include "server/core/ReportService.h"
#include "server/http/ApiError.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/SubscriptionRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

NewReport report(const QString &code, double lat = kInsideLat, double lon = kInsideLon)
{
    NewReport in;
    in.serviceCode = code;
    in.lat = lat;
    in.lon = lon;
    in.description = u"Λακκούβα"_s;
    in.channel = u"open311"_s;
    return in;
}

// dimosd with CitizenMail wired to ReportService as Server does, mails captured.
struct World
{
    World()
    {
        QString error;
        if (!ts.start(&error))
            qFatal("%s", qPrintable(error));
        roads = ts.addDepartment(u"roads"_s);
        ts.addCategory(u"pothole"_s, roads);
        ts.addCategory(u"graffiti"_s, roads);
        admin = ts.addUser(u"admin"_s, Role::Admin, {});
        tokens = std::make_unique<LinkTokens>(*ts.ctx().db);
        subscriptions = std::make_unique<SubscriptionRepository>(*ts.ctx().db);
        mail = std::make_unique<CitizenMail>(*ts.ctx().db, *subscriptions, *ts.ctx().catalog, *tokens, ts.clock(),
            u"https://dimos.example"_s, [this](const MailRequest &m) {
                if (failMail)
                    throw std::runtime_error("the outbox refused the mail");
                sent.append(m);
            });
        ReportService &rs = *ts.ctx().reportService;
        rs.setPublishedListener([this](const Report &r) { mail->reportPublished(r); });
        rs.setPublicUpdateListener([this](const Report &r, const ReportHistoryEntry &e) { mail->publicUpdate(r, e); });
        rs.setConfirmedListener([this](const Report &r) { mail->reporterConfirmed(r); });
    }
    ~World()
    {
        ReportService &rs = *ts.ctx().reportService;
        rs.setPublishedListener({});
        rs.setPublicUpdateListener({});
        rs.setConfirmedListener({});
    }
    QList<MailRequest> take()
    {
        QList<MailRequest> out = sent;
        sent.clear();
        return out;
    }
    // The token at the end of a link in a mail.
    static QString tokenOf(const QString &url, const QString &after)
    {
        const qsizetype at = url.indexOf(after);
        return at < 0 ? QString() : url.mid(at + after.size()).section(u'/', 0, 0);
    }
    Subscription subscribeConfirmed(
        const QString &email, const QStringList &codes, std::optional<Subscription::Circle> area = std::nullopt)
    {
        const Subscription s = mail->subscribe(email, u"el"_s, codes, area);
        const QList<MailRequest> m = take();
        mail->confirmSubscription(tokenOf(m.last().values[u"confirm_url"_s].toString(), u"/confirm/"_s));
        return s;
    }

    TestServer ts;
    qint64 roads = 0;
    StaffUser admin;
    std::unique_ptr<LinkTokens> tokens;
    std::unique_ptr<SubscriptionRepository> subscriptions;
    std::unique_ptr<CitizenMail> mail;
    QList<MailRequest> sent;
    bool failMail = false;
};

} // namespace

class tst_CitizenMail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linkTokensAreSignedAndBound();
    void subscriptionNeedsConfirmation();
    void subscribeRefusesBadInput();
    void newPublicReportsReachMatchingSubscribers();
    void followersGetPublicUpdatesOnly();
    void notFixedReopensWithinTheWindow();
    void mailsShareTheChangesTransaction();
};

void tst_CitizenMail::linkTokensAreSignedAndBound()
{
    const LinkTokens a(QByteArray(32, 'a')), b(QByteArray(32, 'b'));
    const QString t = a.make(u"follow", 42);
    QVERIFY(t.startsWith(u"42."_s));
    QCOMPARE(a.check(u"follow", t), std::optional<qint64>(42));
    QVERIFY(!a.check(u"subscription", t)); // another purpose
    QVERIFY(!b.check(u"follow", t)); // another server
    QString tampered = t;
    tampered[tampered.size() - 1] = tampered.back() == u'A' ? u'B' : u'A';
    QVERIFY(!a.check(u"follow", tampered));
    QVERIFY(!a.check(u"follow", QString(u"042."_s + t.section(u'.', 1))));
    QVERIFY(!a.check(u"follow", QString(u"43."_s + t.section(u'.', 1))));
    QVERIFY(!a.check(u"follow", u""));
    QVERIFY(!a.check(u"follow", u"42"));

    // The secret lives in the database: two instances on it agree, and it is made once.
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    const LinkTokens first(*ts.ctx().db), second(*ts.ctx().db);
    QCOMPARE(second.check(u"follow", first.make(u"follow", 7)), std::optional<qint64>(7));
    QVERIFY(!a.check(u"follow", first.make(u"follow", 7)));
}

void tst_CitizenMail::subscriptionNeedsConfirmation()
{
    World w;
    const Subscription s = w.mail->subscribe(u" maria@example.org "_s, u"en"_s, {u"pothole"_s}, std::nullopt);
    QCOMPARE(s.email, u"maria@example.org"_s);
    QList<MailRequest> m = w.take();
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].templateName, u"subscription_confirm"_s);
    QCOMPARE(m[0].language, u"en"_s);
    const QString confirmUrl = m[0].values[u"confirm_url"_s].toString();
    QVERIFY(confirmUrl.startsWith(u"https://dimos.example/subscriptions/confirm/"_s));

    w.ts.ctx().reportService->create(report(u"pothole"_s));
    QVERIFY(w.take().isEmpty()); // not confirmed: nothing

    QVERIFY(!w.mail->confirmSubscription(u"1.AAAAAAAAAAAAAAAAAAAAAA"_s));
    const std::optional<Subscription> confirmed
        = w.mail->confirmSubscription(World::tokenOf(confirmUrl, u"/confirm/"_s));
    QVERIFY(confirmed && confirmed->confirmedMs);
    w.ts.ctx().reportService->create(report(u"pothole"_s));
    m = w.take();
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].templateName, u"subscription_new_report"_s);
    QVERIFY(m[0].unsubscribeUrl.endsWith(u"/unsubscribe"_s));

    // The manage link names it; unsubscribing ends the mails.
    const QString manage = World::tokenOf(m[0].values[u"manage_url"_s].toString(), u"/subscriptions/"_s);
    QCOMPARE(w.mail->subscription(manage)->id, s.id);
    QVERIFY(!w.mail->subscription(World::tokenOf(confirmUrl, u"/confirm/"_s))); // a confirm token is not a manage token
    const Subscription changed
        = w.mail->changeSubscription(manage, {u"graffiti"_s, u"pothole"_s}, std::nullopt, u"el"_s);
    QCOMPARE(changed.categories, QStringList({u"graffiti"_s, u"pothole"_s}));
    QVERIFY(w.mail->unsubscribe(manage));
    QVERIFY(!w.mail->unsubscribe(manage));
    w.ts.ctx().reportService->create(report(u"pothole"_s));
    QVERIFY(w.take().isEmpty());
}

void tst_CitizenMail::subscribeRefusesBadInput()
{
    World w;
    auto refused = [&](const QString &email, const QStringList &codes, std::optional<Subscription::Circle> area,
                       ApiError::Kind kind) {
        try {
            w.mail->subscribe(email, u"el"_s, codes, area);
        } catch (const ApiError &e) {
            return e.kind == kind && !e.message.isEmpty();
        }
        return false;
    };
    QVERIFY(refused(u"not-an-address"_s, {u"pothole"_s}, std::nullopt, ApiError::Kind::Validation));
    QVERIFY(refused(u"a@b@example.org"_s, {u"pothole"_s}, std::nullopt, ApiError::Kind::Validation));
    QVERIFY(refused(u"x@example.org"_s, {}, std::nullopt, ApiError::Kind::Validation));
    QVERIFY(refused(u"x@example.org"_s, {u"nope"_s}, std::nullopt, ApiError::Kind::Validation));
    QVERIFY(refused(u"x@example.org"_s, {u"pothole"_s}, Subscription::Circle{41, 23, 10}, ApiError::Kind::Validation));
    QVERIFY(refused(
        u"x@example.org"_s, {u"pothole"_s}, Subscription::Circle{qQNaN(), 23, 500}, ApiError::Kind::Validation));
    for (int i = 0; i < CitizenMail::kPendingPerDay; ++i)
        w.mail->subscribe(u"spam@example.org"_s, u"el"_s, {u"pothole"_s}, std::nullopt);
    QVERIFY(refused(u"spam@example.org"_s, {u"pothole"_s}, std::nullopt, ApiError::Kind::TooManyRequests));
    QCOMPARE(w.take().size(), CitizenMail::kPendingPerDay);
}

void tst_CitizenMail::newPublicReportsReachMatchingSubscribers()
{
    World w;
    w.subscribeConfirmed(u"everywhere@example.org"_s, {u"pothole"_s});
    w.subscribeConfirmed(u"near@example.org"_s, {u"pothole"_s}, Subscription::Circle{41.0912, 23.5486, 500});
    w.subscribeConfirmed(u"graffiti@example.org"_s, {u"graffiti"_s});
    ReportService &rs = *w.ts.ctx().reportService;

    rs.create(report(u"pothole"_s, 41.0912, 23.5686)); // ~1.7 km away
    QList<MailRequest> m = w.take();
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].to, u"everywhere@example.org"_s);

    rs.create(report(u"pothole"_s, 41.0913, 23.5487));
    m = w.take();
    QCOMPARE(m.size(), 2);
    QCOMPARE(m[1].to, u"near@example.org"_s);
    QVERIFY(m[1].values[u"report_url"_s].toString().startsWith(u"https://dimos.example/reports/"_s));

    // A web report reaches them only once it is public.
    NewReport web = report(u"pothole"_s);
    web.channel = u"web"_s;
    web.needsConfirmation = true;
    web.contact.email = u"reporter@example.org"_s;
    QString token;
    web.onStored = [&](const Report &, const QString &t) { token = t; };
    rs.create(web);
    QVERIFY(w.take().isEmpty());
    rs.confirm(token);
    QCOMPARE(w.take().size(), 2);
}

void tst_CitizenMail::followersGetPublicUpdatesOnly()
{
    World w;
    ReportService &rs = *w.ts.ctx().reportService;
    NewReport web = report(u"pothole"_s);
    web.channel = u"web"_s;
    web.needsConfirmation = true;
    web.contact.email = u"reporter@example.org"_s;
    web.contact.language = u"en"_s;
    QString token;
    web.onStored = [&](const Report &, const QString &t) { token = t; };
    const qint64 id = rs.create(web).id;
    rs.confirm(token);
    w.take();
    // Someone else asks to follow: a confirmation first.
    const ReportFollower other = w.mail->follow(*w.ts.ctx().reports->find(id), u"neighbour@example.org"_s, u"el"_s);
    QList<MailRequest> m = w.take();
    QCOMPARE(m.size(), 1);
    QCOMPARE(m[0].templateName, u"follow_confirm"_s);

    Report r = rs.addNote(w.admin, id, w.ts.ctx().reports->find(id)->version, u"internal only"_s, false);
    QVERIFY(w.take().isEmpty());
    r = rs.changeStatus(w.admin, id, r.version, ReportStatus::InProgress, u"Crew on the way"_s, true);
    m = w.take();
    QCOMPARE(m.size(), 1); // the reporter, not yet the neighbour
    QCOMPARE(m[0].to, u"reporter@example.org"_s);
    QCOMPARE(m[0].language, u"en"_s);
    QCOMPARE(m[0].templateName, u"report_update"_s);
    QCOMPARE(m[0].values[u"note"_s].toString(), u"Crew on the way"_s);
    QCOMPARE(m[0].values[u"not_fixed_url"_s].toString(), QString()); // still open

    QVERIFY(!w.mail->confirmFollow(u"1.AAAAAAAAAAAAAAAAAAAAAA"_s)); // a forged link
    // The neighbour confirms with the link from the mail.
    const QString followConfirm = QStringLiteral("https://dimos.example/follow/confirm/")
        + LinkTokens(*w.ts.ctx().db).make(u"follow-confirm", other.id);
    QVERIFY(w.mail->confirmFollow(World::tokenOf(followConfirm, u"/confirm/"_s)));
    r = rs.changeStatus(w.admin, id, r.version, ReportStatus::Resolved, u"Fixed"_s, true);
    m = w.take();
    QCOMPARE(m.size(), 2);
    const MailRequest &toReporter = m[0].to == u"reporter@example.org" ? m[0] : m[1];
    const MailRequest &toNeighbour = m[0].to == u"reporter@example.org" ? m[1] : m[0];
    QVERIFY(toReporter.values[u"not_fixed_url"_s].toString().endsWith(u"/not-fixed"_s));
    QCOMPARE(toNeighbour.values[u"not_fixed_url"_s].toString(), QString()); // only the reporter
    QVERIFY(toNeighbour.unsubscribeUrl.endsWith(u"/unfollow"_s));

    // Unfollowing with the link ends it.
    QVERIFY(w.mail->unfollow(World::tokenOf(toNeighbour.values[u"unfollow_url"_s].toString(), u"/follow/"_s)));
    rs.addNote(w.admin, id, r.version, u"Thank you"_s, true);
    QCOMPARE(w.take().size(), 1);
}

void tst_CitizenMail::notFixedReopensWithinTheWindow()
{
    World w;
    ReportService &rs = *w.ts.ctx().reportService;
    const qint64 id = rs.create(report(u"pothole"_s)).id;
    Report r = *w.ts.ctx().reports->find(id);
    try {
        rs.citizenNotFixed(id, {}, 30);
        QFAIL("an open report was reopened");
    } catch (const ApiError &e) {
        QCOMPARE(e.kind, ApiError::Kind::Validation);
    }
    r = rs.changeStatus(w.admin, id, r.version, ReportStatus::Resolved, u"Fixed"_s, true);
    w.ts.clock().advanceMs(10LL * 24 * 3600 * 1000);
    r = rs.citizenNotFixed(id, u"Still there"_s, 30);
    QCOMPARE(r.status, ReportStatus::Acknowledged);
    const QList<ReportHistoryEntry> history = w.ts.ctx().reports->history(id, true);
    QCOMPARE(history.last().kind, ReportHistoryEntry::Kind::Reopen);
    QCOMPARE(history.last().text, u"Still there"_s); // as written: readers get the rest in their language
    QCOMPARE(history.last().actorName, u"citizen"_s);

    r = rs.changeStatus(w.admin, id, r.version, ReportStatus::Closed, u"Done"_s, true);
    w.ts.clock().advanceMs(31LL * 24 * 3600 * 1000);
    try {
        rs.citizenNotFixed(id, {}, 30);
        QFAIL("a report closed 31 days ago was reopened");
    } catch (const ApiError &e) {
        QVERIFY(e.message.contains(u"30 days"_s));
    }
}

void tst_CitizenMail::mailsShareTheChangesTransaction()
{
    World w;
    w.subscribeConfirmed(u"everywhere@example.org"_s, {u"pothole"_s});
    const qint64 before = w.ts.ctx().reports->count();
    w.failMail = true;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, w.ts.ctx().reportService->create(report(u"pothole"_s)));
    QCOMPARE(w.ts.ctx().reports->count(), before); // no report without its mails
}

QTEST_GUILESS_MAIN(tst_CitizenMail)
#include "tst_CitizenMail.moc"
