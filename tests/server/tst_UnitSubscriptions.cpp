// Subscriptions by municipal unit: once a municipal_units GIS layer is imported (here from a
// Shapefile in EPSG:2100 with Greek Windows-1253 names that the test writes through GDAL), the
// /subscribe page offers its units in a plain select (no JavaScript), and a new public report
// inside the chosen unit's polygon mails the subscriber; one outside it, or without a place,
// does not. The manage page shows and changes the unit; bad choices are refused next to the field.
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include "server/GisFixtures.h"
#include "server/core/ReportService.h"
#include "server/gis/GisLayers.h"
#include "server/http/ApiError.h"
#include "server/storage/Database.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

const QString kWest = u"Ενότητα Δύσης (δοκιμή)"_s;
const QString kEast = u"Ενότητα <Ανατολής> & «δοκιμή»"_s;
// Two test units split at easting 461500 m (Greek Grid), about 0.5 km west of the town hall.
constexpr double kLat = 41.0912, kWestLon = 23.50, kEastLon = 23.60;

// A browser with its own cookies (the CSRF token's), no automatic redirects.
class Browser
{
public:
    explicit Browser(TestServer &ts) : m_ts(ts) { }

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        QNetworkRequest request(m_ts.url(path));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        if (method == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
        QByteArray cookie;
        for (auto it = m_cookies.cbegin(); it != m_cookies.cend(); ++it)
            cookie += (cookie.isEmpty() ? "" : "; ") + it.key() + '=' + it.value();
        if (!cookie.isEmpty())
            request.setRawHeader("Cookie", cookie);
        request.setRawHeader("Accept-Language", "el");
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            if (pair.first.compare("set-cookie", Qt::CaseInsensitive) == 0)
                for (const QByteArray &line : pair.second.split('\n')) {
                    const QByteArray nameValue = line.split(';').first().trimmed();
                    const qsizetype eq = nameValue.indexOf('=');
                    m_cookies.insert(nameValue.left(eq), nameValue.mid(eq + 1));
                }
        reply->deleteLater();
        return r;
    }
    Reply get(const QString &path) { return request("GET"_ba, path); }
    // Posts a form with the CSRF token of the page at `pagePath`.
    Reply post(const QString &pagePath, const QString &path, QList<std::pair<QString, QString>> fields)
    {
        static const QRegularExpression csrf(u"name=\"csrf\" value=\"([^\"]+)\""_s);
        fields.prepend({u"csrf"_s, csrf.match(QString::fromUtf8(get(pagePath).body)).captured(1)});
        QUrlQuery q;
        for (const auto &[name, value] : fields)
            q.addQueryItem(name,
                QString(value)
                    .replace(u'%', u"%25"_s)
                    .replace(u'+', u"%2B"_s)
                    .replace(u'&', u"%26"_s)
                    .replace(u';', u"%3B"_s));
        return request("POST"_ba, path, q.toString(QUrl::FullyEncoded).toUtf8());
    }

private:
    TestServer &m_ts;
    QMap<QByteArray, QByteArray> m_cookies;
    QNetworkAccessManager m_nam;
};

QString html(const Reply &r)
{
    return QString::fromUtf8(r.body);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

class tst_UnitSubscriptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void withoutAUnitsLayerThereIsNoChoice();
    void aReportInsideTheUnitMailsTheSubscriber();
    void managePageShowsAndChangesTheUnit();
    void badUnitChoicesAreRefused();

private:
    void start(bool withUnits);
    qint64 publicReport(double lat, double lon, bool located = true);
    QStringList mailsTo(const QString &templateName) const; // their text bodies
    QString confirmedSubscription(Browser &b, const QString &unitValue); // the manage path

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_ts;
};

void tst_UnitSubscriptions::init()
{
    m_ts.reset();
}

void tst_UnitSubscriptions::cleanup()
{
    m_ts.reset();
}

void tst_UnitSubscriptions::start(bool withUnits)
{
    m_ts = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_ts->start(&error), qPrintable(error));
    m_ts->addCategory(u"pothole"_s, m_ts->addDepartment(u"roads"_s));
    if (!withUnits)
        return;
    Fixture fx;
    fx.driver = "ESRI Shapefile";
    fx.path = m_dir.filePath(u"units.shp"_s);
    fx.epsg = 2100;
    fx.type = wkbPolygon;
    fx.fields = {{"onoma", OFTString}};
    fx.features = {{"POLYGON ((440000 4530000,461500 4530000,461500 4570000,440000 4570000,440000 4530000))", {kWest}},
        {"POLYGON ((461500 4530000,480000 4530000,480000 4570000,461500 4570000,461500 4530000))", {kEast}}};
    fx.layerOptions = {"ENCODING=CP1253"};
    QCOMPARE(writeFixture(fx), QString());
    LayerImportRequest r;
    r.path = fx.path;
    r.code = u"units"_s;
    r.kind = u"municipal_units"_s;
    r.nameEl = u"Δημοτικές ενότητες"_s;
    QVERIFY2(m_ts->ctx().gis->importLayer(r, {}, &error), qPrintable(error));
}

qint64 tst_UnitSubscriptions::publicReport(double lat, double lon, bool located)
{
    NewReport in;
    in.serviceCode = u"pothole"_s;
    if (located) {
        in.lat = lat;
        in.lon = lon;
    } else {
        in.addressString = u"Κάπου στον δήμο 10"_s; // no street list: no point
    }
    in.description = u"Λακκούβα"_s;
    in.channel = u"open311"_s;
    return m_ts->ctx().reportService->create(in).id;
}

QStringList tst_UnitSubscriptions::mailsTo(const QString &templateName) const
{
    QSqlQuery q
        = m_ts->ctx().db->run(u"SELECT text_body FROM mail_outbox WHERE template = ? ORDER BY id"_s, {templateName});
    QStringList out;
    while (q.next())
        out.append(q.value(0).toString());
    return out;
}

QString tst_UnitSubscriptions::confirmedSubscription(Browser &b, const QString &unitValue)
{
    const Reply r = b.post(u"/subscribe"_s, u"/subscribe"_s,
        {{u"email"_s, u"eleni@example.org"_s}, {u"category"_s, u"pothole"_s}, {u"unit"_s, unitValue}});
    if (r.status != 200)
        return u"subscribe: HTTP %1"_s.arg(r.status);
    const QString mail = mailsTo(u"subscription_confirm"_s).value(0);
    static const QRegularExpression link(u"https?://\\S+/subscriptions/confirm/\\S+"_s);
    const QString confirm = QUrl(link.match(mail).captured(0)).path();
    const Reply done = b.post(confirm, confirm, {});
    static const QRegularExpression manage(u"href=\"(/subscriptions/[^\"/]+)\""_s);
    return manage.match(html(done)).captured(1);
}

void tst_UnitSubscriptions::withoutAUnitsLayerThereIsNoChoice()
{
    start(false);
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    QCOMPARE(page.status, 200);
    QVERIFY(!html(page).contains(u"name=\"unit\""_s));
    QVERIFY(m_ts->ctx().citizenMail->municipalUnits().isEmpty());
    // A unit cannot be named without one.
    const Reply r = b.post(u"/subscribe"_s, u"/subscribe"_s,
        {{u"email"_s, u"eleni@example.org"_s}, {u"category"_s, u"pothole"_s}, {u"unit"_s, u"units:" + kWest}});
    QCOMPARE(r.status, 422);
    QVERIFY(mailsTo(u"subscription_confirm"_s).isEmpty());
}

void tst_UnitSubscriptions::aReportInsideTheUnitMailsTheSubscriber()
{
    start(true);
    Browser b(*m_ts);
    const Reply page = b.get(u"/subscribe"_s);
    QCOMPARE(page.status, 200);
    // A select of the units, their Greek names intact and escaped, after a "none" choice.
    QVERIFY2(html(page).contains(u"<select id=\"unit\" name=\"unit\""_s), qPrintable(html(page)));
    QVERIFY(html(page).contains(u"<option value=\"\">Καμία"_s));
    QVERIFY(html(page).contains(u"<option value=\"units:%1\">%1</option>"_s.arg(escaped(kWest))));
    QVERIFY(html(page).contains(u"<option value=\"units:%1\">%1</option>"_s.arg(escaped(kEast))));
    QVERIFY(!html(page).contains(u"<Ανατολής>"_s));

    const QString manage = confirmedSubscription(b, u"units:"_s + kWest);
    QVERIFY2(manage.startsWith(u"/subscriptions/"_s), qPrintable(manage));
    // The confirmation mail names the unit.
    QVERIFY2(mailsTo(u"subscription_confirm"_s).value(0).contains(u"Δημοτική ενότητα: "_s + kWest),
        qPrintable(mailsTo(u"subscription_confirm"_s).value(0)));

    const qint64 inside = publicReport(kLat, kWestLon);
    QStringList mails = mailsTo(u"subscription_new_report"_s);
    QCOMPARE(mails.size(), 1);
    QVERIFY(mails[0].contains(u"/reports/%1"_s.arg(inside)));
    publicReport(kLat, kEastLon); // the other unit
    publicReport(0, 0, false); // no place: not known to be in the unit
    QCOMPARE(mailsTo(u"subscription_new_report"_s).size(), 1);
}

void tst_UnitSubscriptions::managePageShowsAndChangesTheUnit()
{
    start(true);
    Browser b(*m_ts);
    const QString manage = confirmedSubscription(b, u"units:"_s + kWest);
    QVERIFY2(manage.startsWith(u"/subscriptions/"_s), qPrintable(manage));
    Reply page = b.get(manage);
    QCOMPARE(page.status, 200);
    QVERIFY(html(page).contains(u"<option value=\"units:%1\" selected>"_s.arg(escaped(kWest))));

    const Reply saved = b.post(
        manage, manage, {{u"category"_s, u"pothole"_s}, {u"unit"_s, u"units:"_s + kEast}, {u"language"_s, u"el"_s}});
    QVERIFY2(saved.status == 200, qPrintable(html(saved).left(2000)));
    QVERIFY(html(saved).contains(u"<option value=\"units:%1\" selected>"_s.arg(escaped(kEast))));
    publicReport(kLat, kWestLon);
    QVERIFY(mailsTo(u"subscription_new_report"_s).isEmpty());
    publicReport(kLat, kEastLon);
    QCOMPARE(mailsTo(u"subscription_new_report"_s).size(), 1);

    // Back to the whole municipality: the west report now reaches the subscriber too.
    QCOMPARE(b.post(manage, manage, {{u"category"_s, u"pothole"_s}, {u"unit"_s, QString()}, {u"language"_s, u"el"_s}})
                 .status,
        200);
    publicReport(kLat, kWestLon);
    QCOMPARE(mailsTo(u"subscription_new_report"_s).size(), 2);
}

void tst_UnitSubscriptions::badUnitChoicesAreRefused()
{
    start(true);
    Browser b(*m_ts);
    // A unit that is not in the list (a forged form).
    Reply r = b.post(u"/subscribe"_s, u"/subscribe"_s,
        {{u"email"_s, u"eleni@example.org"_s}, {u"category"_s, u"pothole"_s}, {u"unit"_s, u"units:Αλλού"_s}});
    QCOMPARE(r.status, 422);
    QVERIFY(html(r).contains(u"id=\"unit-error\""_s));
    // A circle and a unit together.
    r = b.post(u"/subscribe"_s, u"/subscribe"_s,
        {{u"email"_s, u"eleni@example.org"_s}, {u"category"_s, u"pothole"_s}, {u"lat"_s, u"41.0912"_s},
            {u"lon"_s, u"23.5486"_s}, {u"unit"_s, u"units:"_s + kWest}});
    QCOMPARE(r.status, 422);
    QVERIFY2(html(r).contains(u"όχι και τα δύο"_s), qPrintable(html(r).left(3000)));
    // The form comes back with the choice kept.
    QVERIFY(html(r).contains(u"<option value=\"units:%1\" selected>"_s.arg(escaped(kWest))));
    QVERIFY(mailsTo(u"subscription_confirm"_s).isEmpty());

    // The service checks the same (for callers other than the page).
    bool refused = false;
    try {
        m_ts->ctx().citizenMail->subscribe(
            u"x@example.org"_s, u"el"_s, {u"pothole"_s}, std::nullopt, Subscription::Unit{u"units"_s, u"Αλλού"_s});
    } catch (const ApiError &e) {
        refused = e.kind == ApiError::Kind::Validation && e.message.contains(u"no municipal unit"_s);
    }
    QVERIFY(refused);
}

QTEST_GUILESS_MAIN(tst_UnitSubscriptions)
#include "tst_UnitSubscriptions.moc"
