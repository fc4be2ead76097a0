// The pure checks behind the citizens' forms (no server, no page): the report form
// (checkReportForm: category, its own fields, typed coordinates, contact), the subscription form
// (checkSubscriptionForm: categories, circle), the CSRF comparison and the mailed links' tokens.
// The same functions are fuzzed (tests/fuzz); inputs the fuzzers found are kept here.
#include <QFile>
#include <QTest>

#include <limits>

#include "server/core/LinkTokens.h"
#include "server/core/ReportService.h"
#include "server/http/FormData.h"
#include "server/web/Csrf.h"
#include "server/web/ReportForm.h"
#include "server/web/SubscriptionForm.h"
#include "shared/domain/Category.h"
#include "shared/geo/Boundary.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

Boundary serres()
{
    QFile file(QStringLiteral(DIMOS_SOURCE_DIR) + u"/resources/demo/serres-boundary.geojson"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("the demo boundary is missing");
    QString error;
    return *Boundary::fromGeoJson(file.readAll(), &error);
}

Category pothole()
{
    Category c;
    c.code = u"pothole"_s;
    AttributeDefinition depth;
    depth.code = u"depth"_s;
    depth.type = AttributeType::Number;
    depth.required = true;
    AttributeDefinition seen;
    seen.code = u"seen"_s;
    seen.type = AttributeType::Datetime;
    AttributeDefinition lanes;
    lanes.code = u"lanes"_s;
    lanes.type = AttributeType::MultiValueList;
    lanes.values = {{u"left"_s, {}}, {u"right"_s, {}}};
    c.attributes = {depth, seen, lanes};
    return c;
}

ReportFormInput validInput()
{
    ReportFormInput in;
    in.category = u"pothole"_s;
    in.lat = QString::number(kInsideLat, 'f', 6).replace(u'.', u',');
    in.lon = QString::number(kInsideLon, 'f', 6);
    in.description = u"  Λακκούβα  "_s;
    in.email = u"eleni@example.org"_s;
    in.attributes[u"depth"_s] = {u"12,5"_s};
    in.attributes[u"lanes"_s] = {u"left"_s, u"right"_s};
    return in;
}

QStringList fields(const QList<FormProblem> &problems)
{
    QStringList out;
    for (const FormProblem &p : problems)
        out.append(p.field + u':' + p.key.section(u'.', -1));
    return out;
}

std::optional<QString> activeOnly(const QString &code)
{
    if (code == u"pothole" || code == u"streetlight")
        return code;
    return std::nullopt;
}

} // namespace

class tst_WebForms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportFormAcceptsAValidForm();
    void reportFormNamesEachProblem_data();
    void reportFormNamesEachProblem();
    void reportFormReadsTheCategorysFieldsFromTheBody();
    void subscriptionFormMakesTheChoice();
    void subscriptionFormNamesEachProblem_data();
    void subscriptionFormNamesEachProblem();
    void csrfTokensMatchOnlyWhenEqualAndWellFormed();
    void linkTokensAreCheckedExactly();
};

void tst_WebForms::reportFormAcceptsAValidForm()
{
    const Boundary boundary = serres();
    const Category category = pothole();
    NewReport out;
    const QList<FormProblem> problems = checkReportForm(validInput(), &category, &boundary, 5, &out);
    QVERIFY2(problems.isEmpty(), qPrintable(fields(problems).join(u", "_s)));
    QCOMPARE(out.serviceCode, u"pothole"_s);
    QVERIFY(out.lat && qAbs(*out.lat - kInsideLat) < 1e-6); // "41,091200": a comma is a decimal point
    QCOMPARE(out.description, u"Λακκούβα"_s);
    QCOMPARE(out.attributes.size(), 2);
    QCOMPARE(out.attributes[0], (std::pair{u"depth"_s, QStringList{u"12.5"_s}}));
    QCOMPARE(out.attributes[1], (std::pair{u"lanes"_s, QStringList{u"left"_s, u"right"_s}}));
    // What the web form accepts, the validator every channel shares accepts too.
    QCOMPARE(validateAttributeValues(category, out.attributes), std::nullopt);
}

void tst_WebForms::reportFormNamesEachProblem_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no category") << u"category"_s << QString() << u"category:choose_category"_s;
    QTest::newRow("unknown category") << u"category"_s << u"nothing"_s << u"category:unknown_category"_s;
    QTest::newRow("depth not a number") << u"depth"_s << u"deep"_s << u"attr-depth:number"_s;
    QTest::newRow("depth infinite") << u"depth"_s << u"1e999"_s << u"attr-depth:number"_s;
    QTest::newRow("depth missing") << u"depth"_s << u" "_s << u"attr-depth:required"_s;
    QTest::newRow("date") << u"seen"_s << u"31/2/2025"_s << u"attr-seen:datetime"_s;
    QTest::newRow("option") << u"lanes"_s << u"middle"_s << u"attr-lanes:option"_s;
    QTest::newRow("lat only") << u"lon"_s << QString() << u"lon:coordinates_pair"_s;
    QTest::newRow("lat out of range") << u"lat"_s << u"91"_s << u"lat:coordinate"_s;
    QTest::newRow("lat two commas") << u"lat"_s << u"41,0,9"_s << u"lat:coordinate"_s;
    QTest::newRow("outside") << u"lat"_s << u"40.6401"_s << u"lat:outside"_s;
    QTest::newRow("no description") << u"description"_s << u"  "_s << u"description:required"_s;
    QTest::newRow("long description") << u"description"_s << QString(4001, u'α') << u"description:too_long"_s;
    QTest::newRow("email") << u"email"_s << u"eleni@"_s << u"email:email"_s;
    QTest::newRow("phone") << u"phone"_s << u"call me"_s << u"phone:phone"_s;
}

void tst_WebForms::reportFormNamesEachProblem()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    ReportFormInput in = validInput();
    if (field == u"category")
        in.category = value;
    else if (field == u"lat")
        in.lat = value;
    else if (field == u"lon")
        in.lon = value;
    else if (field == u"description")
        in.description = value;
    else if (field == u"email")
        in.email = value;
    else if (field == u"phone")
        in.phone = value;
    else
        in.attributes[field] = {value};
    const Boundary boundary = serres();
    const Category category = pothole();
    NewReport out;
    const QList<FormProblem> problems
        = checkReportForm(in, in.category == u"pothole" ? &category : nullptr, &boundary, 5, &out);
    QCOMPARE(fields(problems), QStringList{expected});
    for (const FormProblem &p : problems)
        QVERIFY(p.key.startsWith(u"web.error."_s));
}

void tst_WebForms::reportFormReadsTheCategorysFieldsFromTheBody()
{
    QString error;
    const auto form = parseForm("application/x-www-form-urlencoded"_ba,
        "category=pothole&lat=41.0912&lon=23.5486&description=x&email=a%40b.gr&attribute%5Bdepth%5D=3"
        "&attribute%5Blanes%5D%5B%5D=left&attribute%5Blanes%5D%5B%5D=right&attribute%5Bbad%20code%5D=1"
        "&attribute%5Bunclosed=1"_ba,
        FormLimits{}, &error);
    QVERIFY2(form, qPrintable(error));
    const ReportFormInput in = ReportFormInput::fromForm(*form);
    QCOMPARE(in.attributes.value(u"depth"_s), QStringList{u"3"_s});
    QCOMPARE(in.attributes.value(u"lanes"_s), (QStringList{u"left"_s, u"right"_s}));
    QCOMPARE(in.attributes.size(), 2); // an invalid code and a name without "]" are left out
    const Category category = pothole();
    NewReport out;
    QVERIFY(checkReportForm(in, &category, nullptr, 5, &out).isEmpty());
}

void tst_WebForms::subscriptionFormMakesTheChoice()
{
    SubscriptionInput in;
    in.email = u"maria@example.org"_s;
    in.categories = {u"pothole"_s, u"streetlight"_s, u"pothole"_s};
    in.lat = u"41,0912"_s;
    in.lon = u"23.5486"_s;
    in.radius = u"500"_s;
    const Boundary boundary = serres();
    SubscriptionChoice choice;
    QCOMPARE(checkSubscriptionForm(in, true, activeOnly, &boundary, &choice).size(), 0);
    QCOMPARE(choice.categories, (QStringList{u"pothole"_s, u"streetlight"_s}));
    QVERIFY(choice.area);
    QCOMPARE(choice.area->radiusMeters, 500.0);
    QVERIFY(qAbs(choice.area->lat - 41.0912) < 1e-9);

    in.radius.clear(); // the default
    QCOMPARE(checkSubscriptionForm(in, true, activeOnly, &boundary, &choice).size(), 0);
    QCOMPARE(choice.area->radiusMeters, double(kDefaultSubscriptionRadius));
    in.lat.clear();
    in.lon.clear(); // the whole municipality
    QCOMPARE(checkSubscriptionForm(in, true, activeOnly, &boundary, &choice).size(), 0);
    QVERIFY(!choice.area);
}

void tst_WebForms::subscriptionFormNamesEachProblem_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no email") << u"email"_s << QString() << u"email:required"_s;
    QTest::newRow("bad email") << u"email"_s << u"a@b"_s << u"email:email"_s;
    QTest::newRow("unknown category") << u"category"_s << u"graffiti"_s << u"categories:unknown_category"_s;
    QTest::newRow("no category") << u"category"_s << QString() << u"categories:choose_category"_s;
    QTest::newRow("lon only") << u"lat"_s << QString() << u"lat:coordinates_pair"_s;
    QTest::newRow("lat nan") << u"lat"_s << u"nan"_s << u"lat:coordinate"_s;
    QTest::newRow("lon range") << u"lon"_s << u"-181"_s << u"lon:coordinate"_s;
    QTest::newRow("outside") << u"lat"_s << u"40.6401"_s << u"lat:outside"_s;
    QTest::newRow("radius") << u"radius"_s << u"750"_s << u"radius:option"_s;
    QTest::newRow("radius text") << u"radius"_s << u"1km"_s << u"radius:option"_s;
}

void tst_WebForms::subscriptionFormNamesEachProblem()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    SubscriptionInput in;
    in.email = u"maria@example.org"_s;
    in.categories = {u"pothole"_s};
    in.lat = u"41.0912"_s;
    in.lon = u"23.5486"_s;
    if (field == u"email")
        in.email = value;
    else if (field == u"category")
        in.categories = value.isEmpty() ? QStringList() : QStringList{u"pothole"_s, value};
    else if (field == u"lat")
        in.lat = value;
    else if (field == u"lon")
        in.lon = value;
    else
        in.radius = value;
    const Boundary boundary = serres();
    SubscriptionChoice choice;
    QCOMPARE(fields(checkSubscriptionForm(in, true, activeOnly, &boundary, &choice)), QStringList{expected});
    QVERIFY(!choice.area || field == u"email" || field == u"category");
}

void tst_WebForms::csrfTokensMatchOnlyWhenEqualAndWellFormed()
{
    const QString token = csrf::newToken();
    QCOMPARE(token.size(), 43);
    QVERIFY(csrf::matches(token, token));
    QVERIFY(!csrf::matches(token, csrf::newToken()));
    QVERIFY(!csrf::matches(token, token.left(42)));
    QVERIFY(!csrf::matches(token, token + u'A'));
    QVERIFY(!csrf::matches(QString(), QString()));
    const QString greek = QString(42, u'A') + u'Α'; // a Greek capital alpha, not a Latin A
    QVERIFY(!csrf::matches(greek, greek));
    const QString padded = QString(42, u'A') + u'=';
    QVERIFY(!csrf::matches(padded, padded));
}

void tst_WebForms::linkTokensAreCheckedExactly()
{
    const LinkTokens tokens(QByteArray(32, 'k'));
    const QString token = tokens.make(u"unsubscribe", 42);
    QCOMPARE(tokens.check(u"unsubscribe", token), std::optional<qint64>(42));
    QCOMPARE(tokens.check(u"confirm", token), std::nullopt); // another purpose
    const QString mac = token.section(u'.', 1);
    for (const QString &forged : QStringList{u"042."_s + mac, u"+42."_s + mac, u" 42."_s + mac,
             u"42.."_s + mac.left(21), token + u"="_s, token.left(token.size() - 1), u"43."_s + mac, QString()})
        QCOMPARE(tokens.check(u"unsubscribe", forged), std::nullopt);
    // Found by fuzz_LinkTokens: a token for an id of 19 digits was made but refused.
    for (const qint64 id : {Q_INT64_C(999999999999999999), Q_INT64_C(1000000000000000000),
             Q_INT64_C(9223372036854711758), std::numeric_limits<qint64>::max()})
        QCOMPARE(tokens.check(u"subscription", tokens.make(u"subscription", id)), std::optional<qint64>(id));
    QCOMPARE(tokens.check(u"subscription", QString(u"1"_s + tokens.make(u"subscription", 1000000000000000000))),
        std::nullopt);
}

QTEST_GUILESS_MAIN(tst_WebForms)
#include "tst_WebForms.moc"
