// Open311 documents are built once as JSON and rendered to XML or JSON; both renderings must
// say the same thing in the shape GeoReport v2 clients parse.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QXmlStreamReader>

#include "shared/open311/Open311Document.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::open311;

namespace {

constexpr auto kXmlHead = R"(<?xml version="1.0" encoding="UTF-8"?>)";

// QXmlStreamWriter ends the document with a line break.
QByteArray xml(const QByteArray &body)
{
    return QByteArray(kXmlHead + body + '\n');
}

// A service definition with nested attributes and their values.
QJsonObject serviceDefinition()
{
    return QJsonObject{
        {u"service_code"_s, u"pothole"_s},
        {u"attributes"_s,
            QJsonArray{QJsonObject{{u"code"_s, u"surface"_s}, {u"required"_s, true},
                           {u"values"_s,
                               QJsonArray{QJsonObject{{u"key"_s, u"asphalt"_s}, {u"name"_s, u"Άσφαλτος"_s}},
                                   QJsonObject{{u"key"_s, u"cobbles"_s}, {u"name"_s, u"Πλάκες"_s}}}}},
                QJsonObject{{u"code"_s, u"depth"_s}, {u"required"_s, false}, {u"values"_s, QJsonArray{}}}}},
    };
}

// Every element's text in document order, as "path=text", to compare with the JSON tree.
QStringList flatten(const QByteArray &document, QString *error)
{
    QXmlStreamReader reader(document);
    QStringList path, out;
    QString text;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement:
            path.append(reader.name().toString());
            text.clear();
            break;
        case QXmlStreamReader::Characters:
            text += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            if (!text.isEmpty())
                out.append(path.join(u'/') + u'=' + text);
            text.clear();
            path.removeLast();
            break;
        default:
            break;
        }
    }
    if (reader.hasError())
        *error = reader.errorString();
    return out;
}

} // namespace

class tst_Open311Document : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nestedArraysTakeItemNames();
    void nestedArraysInJsonStayArrays();
    void itemNames_data();
    void itemNames();
    void scalars_data();
    void scalars();
    void escapingAndGreek();
    void xmlAndJsonSayTheSame();
    void controlCharactersKeepXmlWellFormed();
    void emptyList();
    void objectDocument();
    void errorsDocument_data();
    void errorsDocument();
    void contentTypes();
};

void tst_Open311Document::nestedArraysTakeItemNames()
{
    const QByteArray doc = renderObject(Format::Xml, u"service_definition", serviceDefinition());
    QCOMPARE(doc,
        xml("<service_definition>"
            "<attributes>"
            "<attribute><code>surface</code><required>true</required>"
            "<values><value><key>asphalt</key><name>Άσφαλτος</name></value>"
            "<value><key>cobbles</key><name>Πλάκες</name></value></values></attribute>"
            "<attribute><code>depth</code><required>false</required><values/></attribute>"
            "</attributes>"
            "<service_code>pothole</service_code>"
            "</service_definition>"));
}

void tst_Open311Document::nestedArraysInJsonStayArrays()
{
    const QByteArray doc = renderObject(Format::Json, u"service_definition", serviceDefinition());
    QJsonParseError e;
    const QJsonObject back = QJsonDocument::fromJson(doc, &e).object();
    QCOMPARE(e.error, QJsonParseError::NoError);
    QCOMPARE(back, serviceDefinition());
    // Compact and UTF-8, not \u-escaped.
    QVERIFY(!doc.contains('\n'));
    QVERIFY(doc.contains(u"Άσφαλτος"_s.toUtf8()));
    QVERIFY(!doc.contains("service_definition"));
}

void tst_Open311Document::itemNames_data()
{
    QTest::addColumn<QString>("array");
    QTest::addColumn<QString>("item");
    QTest::newRow("attributes") << u"attributes"_s << u"attribute"_s;
    QTest::newRow("values") << u"values"_s << u"value"_s;
    QTest::newRow("endpoints") << u"endpoints"_s << u"endpoint"_s;
    QTest::newRow("formats") << u"formats"_s << u"format"_s;
    QTest::newRow("notes") << u"notes"_s << u"note"_s;
    QTest::newRow("photos") << u"photos"_s << u"photo"_s;
    QTest::newRow("keywords") << u"keywords"_s << u"keyword"_s;
    QTest::newRow("service_requests") << u"service_requests"_s << u"request"_s;
    QTest::newRow("unknown") << u"things"_s << u"item"_s;
}

void tst_Open311Document::itemNames()
{
    QFETCH(QString, array);
    QFETCH(QString, item);
    const QJsonObject o{{array, QJsonArray{u"a"_s, u"b"_s}}};
    const QByteArray doc = renderObject(Format::Xml, u"root", o);
    const QString expected = u"<root><%1><%2>a</%2><%2>b</%2></%1></root>"_s.arg(array, item);
    QCOMPARE(doc, xml(expected.toUtf8()));
}

void tst_Open311Document::scalars_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("xmlElement");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("true") << QJsonValue(true) << "<v>true</v>"_ba
                          << "true"_ba;
    QTest::newRow("false") << QJsonValue(false) << "<v>false</v>"_ba
                           << "false"_ba;
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << "<v/>"_ba
                          << "null"_ba;
    QTest::newRow("empty string") << QJsonValue(u""_s) << "<v></v>"_ba
                                  << R"("")"_ba;
    QTest::newRow("integer") << QJsonValue(1234) << "<v>1234</v>"_ba
                             << "1234"_ba;
    QTest::newRow("large id") << QJsonValue(qint64(9007199254740991)) << "<v>9007199254740991</v>"_ba
                              << "9007199254740991"_ba;
    QTest::newRow("negative") << QJsonValue(-3) << "<v>-3</v>"_ba
                              << "-3"_ba;
    QTest::newRow("latitude") << QJsonValue(41.0912) << "<v>41.0912</v>"_ba
                              << "41.0912"_ba;
    QTest::newRow("longitude") << QJsonValue(23.548612345) << "<v>23.548612345</v>"_ba
                               << "23.548612345"_ba;
    QTest::newRow("zero") << QJsonValue(0.0) << "<v>0</v>"_ba
                          << "0"_ba;
}

void tst_Open311Document::scalars()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, xmlElement);
    QFETCH(QByteArray, json);
    const QJsonArray items{QJsonObject{{u"v"_s, value}}};
    QCOMPARE(renderList(Format::Xml, u"list", u"entry", items),
        xml(QByteArray("<list><entry>"_ba + xmlElement + "</entry></list>"_ba)));
    QCOMPARE(renderList(Format::Json, u"list", u"entry", items), QByteArray("[{\"v\":"_ba + json + "}]"_ba));
}

void tst_Open311Document::escapingAndGreek()
{
    const QString description = u"Λακκούβα <μεγάλη> & \"βαθιά\" στην οδό Μεραρχίας"_s;
    const QJsonArray items{QJsonObject{{u"description"_s, description}, {u"service_request_id"_s, u"7"_s}}};
    const QByteArray doc = renderList(Format::Xml, u"service_requests", u"request", items);
    QVERIFY(doc.contains("&lt;"));
    QVERIFY(doc.contains("&gt;") || doc.contains(">μεγάλη"));
    QVERIFY(doc.contains("&amp;"));
    QVERIFY(!doc.contains("<μεγάλη>"));
    QVERIFY(doc.contains(u"Λακκούβα "_s.toUtf8()));
    QString error;
    const QStringList flat = flatten(doc, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(flat,
        QStringList({u"service_requests/request/description="_s + description,
            u"service_requests/request/service_request_id=7"_s}));

    const QByteArray json = renderList(Format::Json, u"service_requests", u"request", items);
    QCOMPARE(QJsonDocument::fromJson(json).array().at(0).toObject().value(u"description"_s).toString(), description);
}

void tst_Open311Document::xmlAndJsonSayTheSame()
{
    const QJsonArray items{
        QJsonObject{{u"service_request_id"_s, 12}, {u"status"_s, u"open"_s}, {u"lat"_s, 41.0912}, {u"long"_s, 23.5486},
            {u"expected_datetime"_s, QJsonValue::Null},
            {u"notes"_s, QJsonArray{QJsonObject{{u"description"_s, u"Ελήφθη"_s}, {u"type"_s, u"status"_s}}}}},
        QJsonObject{{u"service_request_id"_s, 13}, {u"status"_s, u"closed"_s}},
    };
    QString error;
    const QStringList fromXml = flatten(renderList(Format::Xml, u"service_requests", u"request", items), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonArray fromJson = QJsonDocument::fromJson(renderList(Format::Json, u"s", u"r", items)).array();
    QCOMPARE(fromJson, items);
    QCOMPARE(fromXml,
        QStringList({
            u"service_requests/request/lat=41.0912"_s,
            u"service_requests/request/long=23.5486"_s,
            u"service_requests/request/notes/note/description=Ελήφθη"_s,
            u"service_requests/request/notes/note/type=status"_s,
            u"service_requests/request/service_request_id=12"_s,
            u"service_requests/request/status=open"_s,
            u"service_requests/request/service_request_id=13"_s,
            u"service_requests/request/status=closed"_s,
        }));
    // The null is there, as an empty element.
    QVERIFY(renderList(Format::Xml, u"service_requests", u"request", items).contains("<expected_datetime/>"));
}

void tst_Open311Document::controlCharactersKeepXmlWellFormed()
{
    // A citizen's text pasted from elsewhere may carry control characters that XML 1.0
    // cannot hold; the document must still parse, or every client loses the whole list.
    const QString description = u"γραμμή\u0001ένα\u000bδύο\u001fτρία\ttab\nnewline"_s;
    const QJsonArray items{QJsonObject{{u"description"_s, description}, {u"service_request_id"_s, 1}},
        QJsonObject{{u"description"_s, u"μετά"_s}, {u"service_request_id"_s, 2}}};
    const QByteArray doc = renderList(Format::Xml, u"service_requests", u"request", items);
    QString error;
    const QStringList flat = flatten(doc, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error + u": "_s + QString::fromUtf8(doc)));
    // Everything after the bad characters is still there.
    QCOMPARE(flat.size(), 4);
    QVERIFY(flat.at(0).startsWith(u"service_requests/request/description=γραμμή"_s));
    QVERIFY(flat.at(0).contains(u"τρία\ttab\nnewline"_s));
    QCOMPARE(flat.at(3), u"service_requests/request/service_request_id=2"_s);
    QVERIFY(flat.at(2).endsWith(u"=μετά"_s));
}

void tst_Open311Document::emptyList()
{
    QCOMPARE(renderList(Format::Json, u"services", u"service", {}), "[]"_ba);
    QString error;
    QXmlStreamReader reader(renderList(Format::Xml, u"services", u"service", {}));
    QVERIFY(reader.readNextStartElement());
    QCOMPARE(reader.name(), u"services");
    reader.skipCurrentElement();
    QVERIFY(!reader.hasError());
}

void tst_Open311Document::objectDocument()
{
    const QJsonObject discovery{
        {u"changeset"_s, u"2026-05-19T10:00:00Z"_s},
        {u"contact"_s, u"it@example.org"_s},
        {u"endpoints"_s,
            QJsonArray{QJsonObject{{u"specification"_s, u"http://wiki.open311.org/GeoReport_v2"_s},
                {u"url"_s, u"https://dimos.example/open311/v2"_s}, {u"type"_s, u"production"_s},
                {u"formats"_s, QJsonArray{u"text/xml"_s, u"application/json"_s}}}}},
    };
    const QByteArray doc = renderObject(Format::Xml, u"discovery", discovery);
    QVERIFY(doc.startsWith(kXmlHead));
    QVERIFY(doc.contains("<endpoints><endpoint>"));
    QVERIFY(doc.contains("<formats><format>text/xml</format><format>application/json</format></formats>"));
    QVERIFY(doc.trimmed().endsWith("</discovery>"));
    QCOMPARE(QJsonDocument::fromJson(renderObject(Format::Json, u"discovery", discovery)).object(), discovery);
}

void tst_Open311Document::errorsDocument_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QByteArray>("expectedXml");
    QTest::addColumn<QByteArray>("expectedJson");
    QTest::newRow("404") << 404 << u"service_code pothole not found"_s
                         << xml("<errors><error><code>404</code><description>service_code pothole not found"
                                "</description></error></errors>")
                         << R"([{"code":404,"description":"service_code pothole not found"}])"_ba;
    QTest::newRow("403 Greek with markup")
        << 403 << u"Λάθος κλειδί <api_key> & ξανά"_s
        << xml("<errors><error><code>403</code><description>Λάθος κλειδί &lt;api_key&gt; &amp; ξανά"
               "</description></error></errors>")
        << R"([{"code":403,"description":"Λάθος κλειδί <api_key> & ξανά"}])"_ba;
}

void tst_Open311Document::errorsDocument()
{
    QFETCH(int, code);
    QFETCH(QString, description);
    QFETCH(QByteArray, expectedXml);
    QFETCH(QByteArray, expectedJson);
    QCOMPARE(renderErrors(Format::Xml, {{code, description}}), expectedXml);
    QCOMPARE(renderErrors(Format::Json, {{code, description}}), expectedJson);
}

void tst_Open311Document::contentTypes()
{
    QCOMPARE(contentType(Format::Xml), "text/xml; charset=utf-8"_ba);
    QCOMPARE(contentType(Format::Json), "application/json; charset=utf-8"_ba);
    // Several errors in one document, in order.
    const QByteArray two = renderErrors(Format::Json, {{400, u"a"_s}, {400, u"b"_s}});
    const QJsonArray arr = QJsonDocument::fromJson(two).array();
    QCOMPARE(arr.size(), 2);
    QCOMPARE(arr.at(1).toObject().value(u"description"_s).toString(), u"b"_s);
}

QTEST_GUILESS_MAIN(tst_Open311Document)
#include "tst_Open311Document.moc"
