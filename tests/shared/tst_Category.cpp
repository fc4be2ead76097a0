// Categories (Open311 services) and their attributes, and the report workflow: attribute
// definitions from JSON, validation of what a citizen filled in, status transitions and the
// status names Open311 and FixMyStreet clients see.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "shared/domain/Category.h"
#include "shared/domain/ReportStatus.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

QJsonObject attributeJson(const QString &code, const QString &datatype)
{
    return QJsonObject{
        {u"code"_s, code},
        {u"datatype"_s, datatype},
        {u"description"_s, QJsonObject{{u"el"_s, u"Ερώτηση"_s}, {u"en"_s, u"Question"_s}}},
    };
}

AttributeDefinition attribute(
    const QString &code, AttributeType type, bool required = false, const QStringList &options = {})
{
    AttributeDefinition a;
    a.code = code;
    a.type = type;
    a.required = required;
    a.description = {u"Ερώτηση "_s + code, u"Question "_s + code};
    for (const QString &o : options)
        a.values.append({o, {o, o}});
    return a;
}

// A pothole form with one attribute of each datatype.
Category potholes()
{
    Category c;
    c.code = u"pothole"_s;
    c.name = {u"Λακκούβα"_s, u"Pothole"_s};
    c.attributes = {
        attribute(u"place"_s, AttributeType::Text, true),
        attribute(u"depth_cm"_s, AttributeType::Number),
        attribute(u"seen_at"_s, AttributeType::Datetime),
        attribute(u"surface"_s, AttributeType::SingleValueList, false, {u"asphalt"_s, u"cobbles"_s}),
        attribute(u"hazards"_s, AttributeType::MultiValueList, false, {u"water"_s, u"traffic"_s, u"school"_s}),
        attribute(u"plate"_s, AttributeType::String),
    };
    AttributeDefinition info = attribute(u"info"_s, AttributeType::Text);
    info.variable = false; // an informational line, not a question
    c.attributes.append(info);
    return c;
}

// "code=value" entries, values of the same code grouped in order; "code" alone gives the code
// with no values.
QList<std::pair<QString, QStringList>> values(const QStringList &entries)
{
    QList<std::pair<QString, QStringList>> out;
    for (const QString &e : entries) {
        const qsizetype eq = e.indexOf(u'=');
        const QString code = eq < 0 ? e : e.left(eq);
        if (out.isEmpty() || out.last().first != code)
            out.append({code, {}});
        if (eq >= 0)
            out.last().second.append(e.mid(eq + 1));
    }
    return out;
}

} // namespace

class tst_Category : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void attributeFromJson();
    void attributeFromJsonDefaultsAndPlainText();
    void attributeFromJsonErrors_data();
    void attributeFromJsonErrors();
    void attributeJsonRoundTrip();
    void codes_data();
    void codes();
    void validateAttributeValues_data();
    void validateAttributeValues();
    void validationMessagesNameTheProblem();
    void canTransition_data();
    void canTransition();
    void noStatusTransitionsToItself();
    void open311Status_data();
    void open311Status();
    void statusNamesRoundTrip();
    void fmsStatusRoundTrip();
    void fmsStatusAliases_data();
    void fmsStatusAliases();
};

void tst_Category::attributeFromJson()
{
    QJsonObject o = attributeJson(u"surface"_s, u"singlevaluelist"_s);
    o.insert(u"required"_s, true);
    o.insert(u"variable"_s, true);
    o.insert(u"order"_s, 3);
    o.insert(u"datatype_description"_s, QJsonObject{{u"el"_s, u"Διαλέξτε ένα"_s}, {u"en"_s, u"Pick one"_s}});
    o.insert(u"values"_s,
        QJsonArray{QJsonObject{{u"key"_s, u"asphalt"_s},
                       {u"name"_s, QJsonObject{{u"el"_s, u"Άσφαλτος"_s}, {u"en"_s, u"Asphalt"_s}}}},
            QJsonObject{{u"key"_s, u"cobbles"_s}, {u"name"_s, u"Πλακόστρωτο"_s}}});
    QString error;
    const auto a = AttributeDefinition::fromJson(o, &error);
    QVERIFY2(a.has_value(), qPrintable(error));
    QCOMPARE(a->code, u"surface"_s);
    QCOMPARE(a->type, AttributeType::SingleValueList);
    QVERIFY(a->required);
    QVERIFY(a->variable);
    QCOMPARE(a->order, 3);
    QCOMPARE(a->description.el, u"Ερώτηση"_s);
    QCOMPARE(a->datatypeDescription.en, u"Pick one"_s);
    QCOMPARE(a->values.size(), 2);
    QCOMPARE(a->values.at(0).name.in(u"el"), u"Άσφαλτος"_s);
    QCOMPARE(a->values.at(0).name.in(u"en"), u"Asphalt"_s);
    QVERIFY(a->hasOption(u"cobbles"));
    QVERIFY(!a->hasOption(u"gravel"));
}

void tst_Category::attributeFromJsonDefaultsAndPlainText()
{
    QJsonObject o{{u"code"_s, u"note"_s}, {u"datatype"_s, u"text"_s}, {u"description"_s, u"Σχόλια"_s}};
    QString error;
    const auto a = AttributeDefinition::fromJson(o, &error);
    QVERIFY2(a.has_value(), qPrintable(error));
    QVERIFY(a->variable);
    QVERIFY(!a->required);
    QCOMPARE(a->order, 0);
    // A plain string description serves both languages.
    QCOMPARE(a->description.el, u"Σχόλια"_s);
    QCOMPARE(a->description.en, u"Σχόλια"_s);
    QVERIFY(a->values.isEmpty());
}

void tst_Category::attributeFromJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("no code") << R"({"datatype":"string","description":"q"})"_ba
                             << u"attribute code \"\" is not valid"_s;
    QTest::newRow("code with space") << R"({"code":"a b","datatype":"string","description":"q"})"_ba
                                     << u"attribute code \"a b\" is not valid"_s;
    QTest::newRow("code with Greek") << R"({"code":"βάθος","datatype":"string","description":"q"})"_ba
                                     << u"is not valid"_s;
    QTest::newRow("code too long") << QByteArray(
        R"({"code":")" + QByteArray(65, 'x') + R"(","datatype":"string","description":"q"})")
                                   << u"1–64 letters"_s;
    QTest::newRow("no datatype") << R"({"code":"a","description":"q"})"_ba << u"attribute \"a\": datatype must be"_s;
    QTest::newRow("unknown datatype") << R"({"code":"a","datatype":"integer","description":"q"})"_ba
                                      << u"datatype must be one of string, number"_s;
    QTest::newRow("datatype in capitals")
        << R"({"code":"a","datatype":"String","description":"q"})"_ba << u"datatype must be"_s;
    QTest::newRow("single list without values") << R"({"code":"a","datatype":"singlevaluelist","description":"q"})"_ba
                                                << u"a singlevaluelist needs at least one value"_s;
    QTest::newRow("multi list with empty values")
        << R"({"code":"a","datatype":"multivaluelist","description":"q","values":[]})"_ba
        << u"a multivaluelist needs at least one value"_s;
    QTest::newRow("value without key")
        << R"({"code":"a","datatype":"singlevaluelist","description":"q","values":[{"name":"x"}]})"_ba
        << u"every value needs a non-empty key"_s;
    QTest::newRow("value with empty key")
        << R"({"code":"a","datatype":"singlevaluelist","description":"q","values":[{"key":"ok"},{"key":""}]})"_ba
        << u"every value needs a non-empty key"_s;
    QTest::newRow("no description") << R"({"code":"a","datatype":"string"})"_ba
                                    << u"attribute \"a\": a description (the question asked) is required"_s;
    QTest::newRow("empty description") << R"({"code":"a","datatype":"string","description":{"el":"","en":""}})"_ba
                                       << u"description"_s;
}

void tst_Category::attributeFromJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedError);
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(json, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QString error;
    const auto a = AttributeDefinition::fromJson(o, &error);
    QVERIFY(!a.has_value());
    QVERIFY2(error.contains(expectedError), qPrintable(error));
}

void tst_Category::attributeJsonRoundTrip()
{
    const Category c = potholes();
    for (const AttributeDefinition &a : c.attributes) {
        QString error;
        const auto back = AttributeDefinition::fromJson(a.toJson(), &error);
        QVERIFY2(back.has_value(), qPrintable(a.code + u": "_s + error));
        QCOMPARE(*back, a);
    }
    const QJsonObject json = c.toJson();
    QCOMPARE(json.value(u"code"_s).toString(), u"pothole"_s);
    QCOMPARE(json.value(u"attributes"_s).toArray().size(), c.attributes.size());
    QCOMPARE(
        json.value(u"attributes"_s).toArray().at(3).toObject().value(u"datatype"_s).toString(), u"singlevaluelist"_s);
}

void tst_Category::codes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::newRow("letters") << u"pothole"_s << true;
    QTest::newRow("digits dash underscore") << u"street-light_02"_s << true;
    QTest::newRow("64 characters") << QString(64, u'a') << true;
    QTest::newRow("65 characters") << QString(65, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << u"pot hole"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("Greek") << u"λακκούβα"_s << false;
    QTest::newRow("newline at end") << u"pothole\n"_s << false;
}

void tst_Category::codes()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(isValidCode(code), valid);
}

void tst_Category::validateAttributeValues_data()
{
    QTest::addColumn<QStringList>("given");
    QTest::addColumn<QString>("expectedError"); // empty: valid

    const QString place = u"place=Οδός Μεραρχίας 12"_s;
    QTest::newRow("only the required one") << QStringList{place} << QString();
    QTest::newRow("everything") << QStringList{place, u"depth_cm= 12.5 "_s, u"seen_at=2026-05-19T10:00:00+03:00"_s,
        u"surface=cobbles"_s, u"hazards=water"_s, u"hazards=school"_s, u"plate=ΚΗΗ-1234"_s}
                                << QString();
    // number
    QTest::newRow("number integer") << QStringList{place, u"depth_cm=7"_s} << QString();
    QTest::newRow("number negative exponent") << QStringList{place, u"depth_cm=-1.5e2"_s} << QString();
    QTest::newRow("number blank is not given") << QStringList{place, u"depth_cm=  "_s} << QString();
    QTest::newRow("number words") << QStringList{place, u"depth_cm=twelve"_s}
                                  << u"attribute \"depth_cm\" must be a number, got \"twelve\""_s;
    QTest::newRow("number with unit") << QStringList{place, u"depth_cm=12cm"_s} << u"must be a number"_s;
    QTest::newRow("number with decimal comma") << QStringList{place, u"depth_cm=12,5"_s} << u"must be a number"_s;
    QTest::newRow("number nan") << QStringList{place, u"depth_cm=nan"_s} << u"must be a number"_s;
    QTest::newRow("number inf") << QStringList{place, u"depth_cm=inf"_s} << u"must be a number"_s;
    // datetime
    QTest::newRow("datetime Z") << QStringList{place, u"seen_at=2026-05-19T10:00:00Z"_s} << QString();
    QTest::newRow("datetime date only") << QStringList{place, u"seen_at=2026-05-19"_s} << QString();
    QTest::newRow("datetime impossible date")
        << QStringList{place, u"seen_at=2026-02-30"_s} << u"attribute \"seen_at\" must be an ISO 8601 date-time"_s;
    QTest::newRow("datetime words") << QStringList{place, u"seen_at=χθες το βράδυ"_s} << u"ISO 8601"_s;
    // single-value list
    QTest::newRow("single list unknown key")
        << QStringList{place, u"surface=gravel"_s}
        << u"attribute \"surface\": \"gravel\" is not one of the allowed values (asphalt, cobbles)"_s;
    QTest::newRow("single list is case sensitive")
        << QStringList{place, u"surface=Asphalt"_s} << u"not one of the allowed values"_s;
    QTest::newRow("single list two values") << QStringList{place, u"surface=asphalt"_s, u"surface=cobbles"_s}
                                            << u"attribute \"surface\" takes a single value, 2 were given"_s;
    QTest::newRow("string two values") << QStringList{place, u"plate=A"_s, u"plate=B"_s} << u"takes a single value"_s;
    // multi-value list
    QTest::newRow("multi list all keys") << QStringList{place, u"hazards=water"_s, u"hazards=traffic"_s,
        u"hazards=school"_s} << QString();
    QTest::newRow("multi list one unknown") << QStringList{place, u"hazards=water"_s, u"hazards=fire"_s}
                                            << u"\"fire\" is not one of the allowed values (water, traffic, school)"_s;
    // required
    QTest::newRow("required missing") << QStringList{u"depth_cm=3"_s}
                                      << u"attribute \"place\" (Question place) is required for service \"pothole\""_s;
    QTest::newRow("nothing at all") << QStringList{} << u"\"place\" (Question place) is required"_s;
    QTest::newRow("required blank") << QStringList{u"place=  \t "_s} << u"\"place\" (Question place) is required"_s;
    QTest::newRow("required without values") << QStringList{u"place"_s} << u"is required"_s;
    // not ours to fill in
    QTest::newRow("unknown attribute") << QStringList{place, u"colour=red"_s}
                                       << u"attribute \"colour\" is not defined for service \"pothole\""_s;
    QTest::newRow("non-variable attribute")
        << QStringList{place, u"info=hello"_s} << u"attribute \"info\" is not defined for service \"pothole\""_s;
    QTest::newRow("code differs in case") << QStringList{place, u"Plate=A"_s} << u"is not defined"_s;
    // length
    QTest::newRow("4000 characters") << QStringList{place, u"plate="_s + QString(4000, u'Ω')} << QString();
    QTest::newRow("4001 characters") << QStringList{place, u"plate="_s + QString(4001, u'Ω')}
                                     << u"attribute \"plate\" is longer than 4000 characters"_s;
    QTest::newRow("too long in a list") << QStringList{place, u"hazards=water"_s, u"hazards="_s + QString(5000, u'x')}
                                        << u"longer than 4000 characters"_s;
}

void tst_Category::validateAttributeValues()
{
    QFETCH(QStringList, given);
    QFETCH(QString, expectedError);
    const auto error = dimos::validateAttributeValues(potholes(), values(given));
    if (expectedError.isEmpty()) {
        QVERIFY2(!error.has_value(), qPrintable(error.value_or(QString())));
    } else {
        QVERIFY2(error.has_value(), "accepted");
        QVERIFY2(error->contains(expectedError), qPrintable(*error));
    }
}

void tst_Category::validationMessagesNameTheProblem()
{
    // A quoted value is cut to 64 characters so a hostile input cannot flood the reply.
    const auto error
        = dimos::validateAttributeValues(potholes(), values({u"place=x"_s, u"depth_cm="_s + QString(500, u'z')}));
    QVERIFY(error.has_value());
    QVERIFY(error->size() < 200);
    QVERIFY(error->contains(QString(64, u'z')));
    QVERIFY(!error->contains(QString(65, u'z')));
}

void tst_Category::canTransition_data()
{
    QTest::addColumn<ReportStatus>("from");
    QTest::addColumn<ReportStatus>("to");
    QTest::addColumn<bool>("allowed");
    using S = ReportStatus;
    QTest::newRow("new → acknowledged") << S::New << S::Acknowledged << true;
    QTest::newRow("new → in progress") << S::New << S::InProgress << true;
    QTest::newRow("new → resolved") << S::New << S::Resolved << true;
    QTest::newRow("new → rejected") << S::New << S::Rejected << true;
    QTest::newRow("new → duplicate") << S::New << S::Duplicate << true;
    QTest::newRow("acknowledged → new") << S::Acknowledged << S::New << true;
    QTest::newRow("acknowledged → closed") << S::Acknowledged << S::Closed << true;
    QTest::newRow("in progress → resolved") << S::InProgress << S::Resolved << true;
    QTest::newRow("in progress → acknowledged") << S::InProgress << S::Acknowledged << true;
    QTest::newRow("resolved → acknowledged (reopen)") << S::Resolved << S::Acknowledged << true;
    QTest::newRow("closed → in progress (reopen)") << S::Closed << S::InProgress << true;
    QTest::newRow("rejected → acknowledged (reopen)") << S::Rejected << S::Acknowledged << true;
    QTest::newRow("duplicate → acknowledged (reopen)") << S::Duplicate << S::Acknowledged << true;
    QTest::newRow("resolved → new") << S::Resolved << S::New << false;
    QTest::newRow("resolved → closed") << S::Resolved << S::Closed << true;
    QTest::newRow("closed → resolved") << S::Closed << S::Resolved << false;
    QTest::newRow("rejected → duplicate") << S::Rejected << S::Duplicate << false;
    QTest::newRow("duplicate → rejected") << S::Duplicate << S::Rejected << false;
    QTest::newRow("closed → new") << S::Closed << S::New << false;
}

void tst_Category::canTransition()
{
    QFETCH(ReportStatus, from);
    QFETCH(ReportStatus, to);
    QFETCH(bool, allowed);
    QCOMPARE(dimos::canTransition(from, to), allowed);
}

void tst_Category::noStatusTransitionsToItself()
{
    for (ReportStatus s : allStatuses())
        QVERIFY2(!dimos::canTransition(s, s), qPrintable(statusToString(s)));
    // Every closed status can be reopened.
    for (ReportStatus s : allStatuses())
        if (!isOpen(s))
            QVERIFY2(dimos::canTransition(s, ReportStatus::Acknowledged), qPrintable(statusToString(s)));
}

void tst_Category::open311Status_data()
{
    QTest::addColumn<ReportStatus>("status");
    QTest::addColumn<QString>("open311");
    QTest::addColumn<QString>("name");
    QTest::newRow("new") << ReportStatus::New << u"open"_s << u"new"_s;
    QTest::newRow("acknowledged") << ReportStatus::Acknowledged << u"open"_s << u"acknowledged"_s;
    QTest::newRow("in progress") << ReportStatus::InProgress << u"open"_s << u"in_progress"_s;
    QTest::newRow("resolved") << ReportStatus::Resolved << u"closed"_s << u"resolved"_s;
    QTest::newRow("closed") << ReportStatus::Closed << u"closed"_s << u"closed"_s;
    QTest::newRow("rejected") << ReportStatus::Rejected << u"closed"_s << u"rejected"_s;
    QTest::newRow("duplicate") << ReportStatus::Duplicate << u"closed"_s << u"duplicate"_s;
}

void tst_Category::open311Status()
{
    QFETCH(ReportStatus, status);
    QFETCH(QString, open311);
    QFETCH(QString, name);
    QCOMPARE(dimos::open311Status(status), open311);
    QCOMPARE(isOpen(status), open311 == u"open");
    QCOMPARE(statusToString(status), name);
}

void tst_Category::statusNamesRoundTrip()
{
    QCOMPARE(allStatuses().size(), 7);
    for (ReportStatus s : allStatuses())
        QCOMPARE(statusFromString(statusToString(s)), std::optional<ReportStatus>(s));
    QVERIFY(!statusFromString(u"NEW").has_value());
    QVERIFY(!statusFromString(u"").has_value());
    QVERIFY(!statusFromString(u"open").has_value());
}

void tst_Category::fmsStatusRoundTrip()
{
    QStringList seen;
    for (ReportStatus s : allStatuses()) {
        const QString fms = fmsExternalStatus(s);
        QVERIFY(!fms.isEmpty());
        QVERIFY2(!seen.contains(fms), qPrintable(fms));
        seen.append(fms);
        QCOMPARE(statusFromFmsExternal(fms), std::optional<ReportStatus>(s));
        QCOMPARE(statusFromFmsExternal(fms.toLower()), std::optional<ReportStatus>(s));
    }
    QCOMPARE(fmsExternalStatus(ReportStatus::Resolved), u"FIXED"_s);
    QCOMPARE(fmsExternalStatus(ReportStatus::Rejected), u"NOT_COUNCILS_RESPONSIBILITY"_s);
}

void tst_Category::fmsStatusAliases_data()
{
    QTest::addColumn<QString>("fms");
    QTest::addColumn<int>("expected"); // -1: not known
    QTest::newRow("ACTION_SCHEDULED") << u"ACTION_SCHEDULED"_s << int(ReportStatus::Acknowledged);
    QTest::newRow("INTERNAL_REFERRAL") << u"INTERNAL_REFERRAL"_s << int(ReportStatus::Acknowledged);
    QTest::newRow("FOR_TRIAGE") << u"for_triage"_s << int(ReportStatus::Acknowledged);
    QTest::newRow("REOPEN") << u"REOPEN"_s << int(ReportStatus::Acknowledged);
    QTest::newRow("NO_FURTHER_ACTION") << u"NO_FURTHER_ACTION"_s << int(ReportStatus::Closed);
    QTest::newRow("CANCELLED") << u"Cancelled"_s << int(ReportStatus::Closed);
    QTest::newRow("unknown") << u"WHATEVER"_s << -1;
    QTest::newRow("empty") << QString() << -1;
}

void tst_Category::fmsStatusAliases()
{
    QFETCH(QString, fms);
    QFETCH(int, expected);
    const auto s = statusFromFmsExternal(fms);
    if (expected < 0)
        QVERIFY(!s.has_value());
    else
        QCOMPARE(s, std::optional<ReportStatus>(static_cast<ReportStatus>(expected)));
}

QTEST_GUILESS_MAIN(tst_Category)
#include "tst_Category.moc"
