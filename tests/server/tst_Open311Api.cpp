// Open311 GeoReport v2 at /open311/v2, end to end over real sockets, in both formats: every
// XML document is parsed and mapped onto the shape of its JSON twin, so one set of assertions
// checks both. Covers discovery, services and their definitions, filing requests (form and
// multipart with photos), the request list and its filters and extensions, tokens, mySociety's
// servicerequestupdates, the error documents and a client that knows only the spec.
#include <QBuffer>
#include <QDateTime>
#include <QImage>
#include <QImageWriter>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrl>
#include <QXmlStreamReader>

#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ReportRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr qint64 kMinuteMs = 60LL * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;
constexpr qint64 kDayMs = 24 * kHourMs;

// Other points inside the Serres boundary, a few hundred metres to a few kilometres apart.
constexpr double kNorthLat = 41.1000, kNorthLon = 23.5500;
constexpr double kSouthLat = 41.0700, kSouthLon = 23.5300;

#define START_SERVER(ts)                                                                                               \
    do {                                                                                                               \
        /* whole seconds, so the second-resolution datetimes of the API compare exactly */                             \
        (ts).clock().setMs((ts).clock().nowMs() / 1000 * 1000);                                                        \
        QString startError_;                                                                                           \
        QVERIFY2((ts).start(&startError_), qPrintable(startError_));                                                   \
    } while (false)

bool isXml(const QString &ext)
{
    return ext == u"xml";
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s);
}

const QRegularExpression &datetimePattern()
{
    static const QRegularExpression re(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"_s);
    return re;
}

// ---- documents -------------------------------------------------------------------------------

// XML elements whose children form a list, as the JSON twin has an array there.
bool isListElement(QStringView name)
{
    static const QStringView kLists[] = {u"services", u"service_requests", u"errors", u"service_request_updates",
        u"endpoints", u"formats", u"attributes", u"values", u"notes", u"photos"};
    return std::find(std::begin(kLists), std::end(kLists), name) != std::end(kLists);
}

// Reads the element the reader is positioned on (after its StartElement) into a JSON value:
// lists become arrays, elements with children objects, leaves strings.
QJsonValue readElement(QXmlStreamReader &xml)
{
    const bool list = isListElement(xml.name());
    QJsonArray items;
    QJsonObject fields;
    QString text;
    bool hasChildren = false;
    while (xml.readNext() != QXmlStreamReader::Invalid) {
        if (xml.isEndElement())
            break;
        if (xml.isCharacters()) {
            text += xml.text();
        } else if (xml.isStartElement()) {
            hasChildren = true;
            const QString name = xml.name().toString();
            const QJsonValue child = readElement(xml);
            if (list)
                items.append(child);
            else
                fields.insert(name, child);
        }
    }
    if (list)
        return items;
    if (hasChildren)
        return fields;
    return text;
}

QJsonValue parseXml(const QByteArray &body, QString *error)
{
    QXmlStreamReader xml(body);
    QJsonValue root;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            root = readElement(xml);
        }
    }
    if (xml.hasError())
        *error = u"XML error at line %1: %2"_s.arg(xml.lineNumber()).arg(xml.errorString());
    return root;
}

QJsonValue parseBody(const QByteArray &body, bool xml, QString *error)
{
    if (xml)
        return parseXml(body, error);
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        *error = jsonError.errorString();
        return {};
    }
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

// A scalar as the XML document writes it: strings as they are, booleans true/false, numbers in
// their shortest form, null empty.
QString text(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)))
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return v.toString();
    default:
        return {};
    }
}

QString field(const QJsonValue &object, const QString &name)
{
    return text(object.toObject().value(name));
}

struct Doc
{
    Reply reply;
    QJsonValue value;
    QString parseError;

    QJsonArray list() const { return value.toArray(); }
    QJsonObject first() const { return value.toArray().first().toObject(); }
};

Doc toDoc(Reply reply, bool xml)
{
    Doc d;
    d.reply = std::move(reply);
    d.value = parseBody(d.reply.body, xml, &d.parseError);
    return d;
}

Doc fetch(TestServer &ts, const QString &path, const QString &ext)
{
    return toDoc(ts.get(path), isXml(ext));
}

bool hasContentType(const Reply &r, const QString &ext)
{
    const QByteArray type = r.header("content-type").toLower();
    return isXml(ext) ? type.startsWith("text/xml") : type.startsWith("application/json");
}

// Checks a document answer: status, content type, well-formed body.
#define VERIFY_DOC(doc, expectedStatus, ext)                                                                           \
    do {                                                                                                               \
        QVERIFY2((doc).reply.status == (expectedStatus),                                                               \
            qPrintable(u"status %1: %2"_s.arg((doc).reply.status).arg(QString::fromUtf8((doc).reply.body))));          \
        QVERIFY2(hasContentType((doc).reply, ext), (doc).reply.header("content-type").constData());                    \
        QVERIFY2((doc).parseError.isEmpty(), qPrintable((doc).parseError));                                            \
    } while (false)

// Checks the spec's error document: one error with the HTTP status as code and a description
// containing `message`.
#define VERIFY_ERROR(doc, expectedStatus, ext, message)                                                                \
    do {                                                                                                               \
        VERIFY_DOC(doc, expectedStatus, ext);                                                                          \
        QCOMPARE((doc).list().size(), 1);                                                                              \
        QCOMPARE(field((doc).list().first(), u"code"_s), QString::number(expectedStatus));                             \
        const QString description_ = field((doc).list().first(), u"description"_s);                                    \
        QVERIFY2(description_.contains(message, Qt::CaseInsensitive), qPrintable(description_));                       \
    } while (false)

// ---- requests --------------------------------------------------------------------------------

using Fields = QList<std::pair<QString, QString>>;

QByteArray urlEncoded(const Fields &fields)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}

struct FilePart
{
    QString field;
    QString fileName;
    QByteArray type;
    QByteArray data;
};

const QByteArray kBoundary = "----dimos-test-boundary-7MA4YWxkTrZu0gW"_ba;

QByteArray multipart(const Fields &fields, const QList<FilePart> &files)
{
    QByteArray out;
    for (const auto &[name, value] : fields) {
        out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name.toUtf8() + "\"\r\n\r\n"
            + value.toUtf8() + "\r\n";
    }
    for (const FilePart &f : files) {
        out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.field.toUtf8() + "\"; filename=\""
            + f.fileName.toUtf8() + "\"\r\nContent-Type: " + f.type + "\r\n\r\n" + f.data + "\r\n";
    }
    out += "--" + kBoundary + "--\r\n";
    return out;
}

Reply postForm(TestServer &ts, const QString &path, const Fields &fields)
{
    return ts.send("POST"_ba, path, urlEncoded(fields), "application/x-www-form-urlencoded"_ba);
}

Reply postMultipart(TestServer &ts, const QString &path, const Fields &fields, const QList<FilePart> &files)
{
    return ts.send("POST"_ba, path, multipart(fields, files), "multipart/form-data; boundary=" + kBoundary);
}

Fields withField(Fields fields, const QString &name, const QString &value)
{
    fields.removeIf([&](const auto &f) { return f.first == name; });
    fields.append({name, value});
    return fields;
}

// A GET over a bare socket, so no header is added that the test did not write (QNAM always
// sends an Accept-Language).
Reply rawGet(TestServer &ts, const QByteArray &target, const QByteArray &extraHeaders = {})
{
    const QByteArray answer
        = ts.raw("GET " + target + " HTTP/1.1\r\nHost: dimos.test\r\nConnection: close\r\n" + extraHeaders + "\r\n");
    Reply r;
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return r;
    const QList<QByteArray> lines = answer.left(headEnd).split('\n');
    r.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    QByteArray body = answer.mid(headEnd + 4);
    if (r.header("transfer-encoding").toLower().contains("chunked")) {
        QByteArray decoded;
        qsizetype pos = 0;
        for (;;) {
            const qsizetype eol = body.indexOf("\r\n", pos);
            if (eol < 0)
                break;
            bool ok = false;
            const qsizetype size = body.mid(pos, eol - pos).trimmed().toLongLong(&ok, 16);
            if (!ok || size == 0)
                break;
            decoded += body.mid(eol + 2, size);
            pos = eol + 2 + size + 2;
        }
        body = decoded;
    }
    r.body = body;
    return r;
}

// ---- images ----------------------------------------------------------------------------------

QByteArray makeJpeg(int width = 64, int height = 48)
{
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, qRgb(x * 255 / width, y * 255 / height, 128));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg"_ba);
    writer.setQuality(90);
    if (!writer.write(image))
        qWarning("cannot write a JPEG: %s", qPrintable(writer.errorString()));
    return bytes;
}

const QByteArray kGpsSecret = "DIMOS-SECRET-GPS"_ba;

// An EXIF APP1 segment with a GPS IFD (41°5'28"N 23°32'55"E) and a recognisable processing method.
QByteArray exifGpsSegment()
{
    QByteArray t;
    auto be16 = [&](int v) {
        t += char((v >> 8) & 0xFF);
        t += char(v & 0xFF);
    };
    auto be32 = [&](qint64 v) {
        be16(int((v >> 16) & 0xFFFF));
        be16(int(v & 0xFFFF));
    };
    auto entry = [&](int tag, int type, int count, const QByteArray &valueOrOffset) {
        be16(tag);
        be16(type);
        be32(count);
        t += valueOrOffset.leftJustified(4, '\0', true);
    };
    auto offset = [](qint64 v) {
        QByteArray b;
        for (int shift = 24; shift >= 0; shift -= 8)
            b += char((v >> shift) & 0xFF);
        return b;
    };
    const QByteArray method = "ASCII\0\0\0"_ba + kGpsSecret;
    t += "MM"_ba;
    be16(0x002A);
    be32(8);
    // IFD0 at 8: one entry, the GPS IFD pointer.
    be16(1);
    entry(0x8825, 4, 1, offset(26));
    be32(0);
    // GPS IFD at 26: five entries, data from 92.
    be16(5);
    entry(0x0001, 2, 2, "N\0"_ba);
    entry(0x0002, 5, 3, offset(92));
    entry(0x0003, 2, 2, "E\0"_ba);
    entry(0x0004, 5, 3, offset(116));
    entry(0x001B, 7, int(method.size()), offset(140));
    be32(0);
    for (int v : {41, 5, 28, 23, 32, 55}) {
        be32(v);
        be32(1);
    }
    t += method;
    QByteArray segment = "\xFF\xE1"_ba;
    const int length = 2 + 6 + int(t.size());
    segment += char((length >> 8) & 0xFF);
    segment += char(length & 0xFF);
    segment += "Exif\0\0"_ba + t;
    return segment;
}

QByteArray jpegWithGps()
{
    QByteArray jpeg = makeJpeg();
    jpeg.insert(2, exifGpsSegment()); // right after SOI
    return jpeg;
}

// The marker segments of a JPEG before its first scan.
QList<int> jpegHeaderMarkers(const QByteArray &jpeg)
{
    QList<int> markers;
    qsizetype pos = 2;
    while (pos + 4 <= jpeg.size() && uchar(jpeg[pos]) == 0xFF) {
        const int marker = uchar(jpeg[pos + 1]);
        markers.append(marker);
        if (marker == 0xDA)
            break;
        pos += 2 + ((uchar(jpeg[pos + 2]) << 8) | uchar(jpeg[pos + 3]));
    }
    return markers;
}

QString pathOf(const QString &url)
{
    const QUrl u(url);
    return u.path() + (u.hasQuery() ? QString(u'?' + u.query()) : QString());
}

// ---- fixtures --------------------------------------------------------------------------------

struct Fixture
{
    qint64 departmentId = 0;
    StaffUser staff;
    QString apiKey;
};

AttributeDefinition attribute(
    const QString &code, AttributeType type, int order, bool required, QList<AttributeOption> values = {})
{
    AttributeDefinition a;
    a.code = code;
    a.type = type;
    a.order = order;
    a.required = required;
    a.description = {u"Ερώτηση "_s + code, u"Question "_s + code};
    a.datatypeDescription = {u"Βοήθεια "_s + code, u"Help "_s + code};
    a.values = std::move(values);
    return a;
}

// "pothole" has one attribute of every datatype (and an informational text); "graffiti" and
// "lights" have none; "retired" is inactive.
Fixture seed(TestServer &ts)
{
    Fixture f;
    f.departmentId = ts.addDepartment(u"roads"_s);
    AttributeDefinition info = attribute(u"info"_s, AttributeType::Text, 0, false);
    info.variable = false;
    ts.addCategory(u"pothole"_s, f.departmentId,
        {
            info,
            attribute(u"size"_s, AttributeType::Number, 1, true),
            attribute(u"seen_at"_s, AttributeType::Datetime, 2, false),
            attribute(u"street"_s, AttributeType::String, 3, false),
            attribute(u"details"_s, AttributeType::Text, 4, false),
            attribute(u"danger"_s, AttributeType::SingleValueList, 5, true,
                {{u"low"_s, {u"Χαμηλός"_s, u"Low"_s}}, {u"high"_s, {u"Υψηλός"_s, u"High"_s}}}),
            attribute(u"kinds"_s, AttributeType::MultiValueList, 6, false,
                {{u"a"_s, {u"Άλφα"_s, u"Alpha"_s}}, {u"b"_s, {u"Βήτα"_s, u"Beta"_s}},
                    {u"c"_s, {u"Γάμμα"_s, u"Gamma"_s}}}),
        });
    ts.addCategory(u"graffiti"_s, f.departmentId);
    ts.addCategory(u"lights"_s, f.departmentId);
    Category retired;
    retired.code = u"retired"_s;
    retired.name = {u"Παλιά"_s, u"Retired"_s};
    retired.departmentId = f.departmentId;
    retired.active = false;
    ts.ctx().catalog->insertCategory(retired, ts.clock().nowMs());
    f.staff = ts.addUser(u"clerk"_s, Role::Admin, {f.departmentId});
    f.apiKey = ts.apiKey();
    return f;
}

Fields validPothole(const Fixture &f)
{
    return {
        {u"api_key"_s, f.apiKey},
        {u"service_code"_s, u"pothole"_s},
        {u"lat"_s, QString::number(kInsideLat, 'f', 6)},
        {u"long"_s, QString::number(kInsideLon, 'f', 6)},
        {u"description"_s, u"Λακκούβα μπροστά στο σχολείο"_s},
        {u"attribute[size]"_s, u"12"_s},
        {u"attribute[danger]"_s, u"high"_s},
    };
}

// Files a report the way staff or a web form would, bypassing HTTP.
Report file(TestServer &ts, const QString &code, double lat, double lon, const QString &description,
    std::optional<qint64> requestedMs = std::nullopt)
{
    NewReport in;
    in.serviceCode = code;
    in.lat = lat;
    in.lon = lon;
    in.description = description;
    in.channel = u"web"_s;
    in.requestedMs = requestedMs;
    return ts.ctx().reportService->create(in);
}

QStringList idsOf(const Doc &doc)
{
    QStringList ids;
    for (const QJsonValue &v : doc.list())
        ids.append(field(v, u"service_request_id"_s));
    return ids;
}

QString id(const Report &r)
{
    return QString::number(r.id);
}

void addFormats()
{
    QTest::addColumn<QString>("ext");
    QTest::newRow("json") << u"json"_s;
    QTest::newRow("xml") << u"xml"_s;
}

} // namespace

class tst_Open311Api : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discovery_data() { addFormats(); }
    void discovery();
    void servicesList_data() { addFormats(); }
    void servicesList();
    void servicesLanguage_data();
    void servicesLanguage();
    void serviceDefinition_data();
    void serviceDefinition();
    void unknownServiceIs404_data();
    void unknownServiceIs404();

    void postFormCreatesRequest_data() { addFormats(); }
    void postFormCreatesRequest();
    void postMultipartWithPhoto_data() { addFormats(); }
    void postMultipartWithPhoto();
    void photoMetadataIsStripped();
    void nonImageUploadIsRefused_data();
    void nonImageUploadIsRefused();
    void postValidation_data();
    void postValidation();
    void postAcceptsLimits_data() { addFormats(); }
    void postAcceptsLimits();
    void addressOnlyReport_data() { addFormats(); }
    void addressOnlyReport();
    void rateLimitPerAddress_data() { addFormats(); }
    void rateLimitPerAddress();

    void defaultWindowIs90Days_data() { addFormats(); }
    void defaultWindowIs90Days();
    void idListOverridesOtherFilters_data() { addFormats(); }
    void idListOverridesOtherFilters();
    void filterByServiceCodeAndStatus_data();
    void filterByServiceCodeAndStatus();
    void dateRange_data() { addFormats(); }
    void dateRange();
    void badListParameters_data();
    void badListParameters();
    void paging_data() { addFormats(); }
    void paging();
    void bboxAndRadius_data();
    void bboxAndRadius();
    void updatedAfterAndBefore_data() { addFormats(); }
    void updatedAfterAndBefore();
    void extensions_data() { addFormats(); }
    void extensions();
    void requestFieldsAreInteroperable_data() { addFormats(); }
    void requestFieldsAreInteroperable();
    void singleRequestAndUnknownId_data() { addFormats(); }
    void singleRequestAndUnknownId();
    void tokens_data() { addFormats(); }
    void tokens();
    void controlCharactersKeepXmlWellFormed();

    void serviceRequestUpdatesList_data() { addFormats(); }
    void serviceRequestUpdatesList();
    void serviceRequestUpdatesCarryStatusOfTheirTime();
    void serviceRequestUpdatesPostReopens_data() { addFormats(); }
    void serviceRequestUpdatesPostReopens();
    void serviceRequestUpdatesPostErrors_data();
    void serviceRequestUpdatesPostErrors();

    void genericClientFilesAndReadsBack();
};

// ---- discovery and services ------------------------------------------------------------------

void tst_Open311Api::discovery()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Doc d = fetch(ts, u"/open311/v2/discovery."_s + ext, ext);
    VERIFY_DOC(d, 200, ext);
    const QJsonObject o = d.value.toObject();
    QVERIFY(datetimePattern().match(field(o, u"changeset"_s)).hasMatch());
    QVERIFY(field(o, u"contact"_s).contains(u'@'));
    QVERIFY(!field(o, u"key_service"_s).isEmpty());
    const QJsonArray endpoints = o.value(u"endpoints"_s).toArray();
    QCOMPARE(endpoints.size(), 1);
    const QJsonObject e = endpoints.first().toObject();
    QCOMPARE(field(e, u"specification"_s), u"http://wiki.open311.org/GeoReport_v2"_s);
    QCOMPARE(field(e, u"url"_s), u"http://dimos.test/open311/v2"_s);
    QVERIFY(datetimePattern().match(field(e, u"changeset"_s)).hasMatch());
    QVERIFY(QStringList({u"production"_s, u"test"_s}).contains(field(e, u"type"_s)));
    QStringList formats;
    for (const QJsonValue &v : e.value(u"formats"_s).toArray())
        formats.append(text(v));
    QCOMPARE(formats, QStringList({u"text/xml"_s, u"application/json"_s}));
}

void tst_Open311Api::servicesList()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const Doc d = fetch(ts, u"/open311/v2/services."_s + ext + u"?locale=en"_s, ext);
    VERIFY_DOC(d, 200, ext);
    QHash<QString, QJsonObject> byCode;
    for (const QJsonValue &v : d.list())
        byCode.insert(field(v, u"service_code"_s), v.toObject());
    QCOMPARE(QSet<QString>(byCode.keyBegin(), byCode.keyEnd()),
        QSet<QString>({u"pothole"_s, u"graffiti"_s, u"lights"_s})); // not the inactive one
    const QJsonObject pothole = byCode.value(u"pothole"_s);
    QCOMPARE(field(pothole, u"service_name"_s), u"Category pothole"_s);
    QCOMPARE(field(pothole, u"description"_s), u"Description"_s);
    QCOMPARE(field(pothole, u"metadata"_s), u"true"_s);
    QCOMPARE(field(pothole, u"type"_s), u"realtime"_s);
    QCOMPARE(field(pothole, u"keywords"_s), u"λέξη,word"_s);
    QCOMPARE(field(pothole, u"group"_s), u"Group"_s);
    QCOMPARE(field(byCode.value(u"graffiti"_s), u"metadata"_s), u"false"_s);
    for (const QJsonObject &o : std::as_const(byCode)) {
        for (const QString &key : {u"service_code"_s, u"service_name"_s, u"description"_s, u"metadata"_s, u"type"_s,
                 u"keywords"_s, u"group"_s})
            QVERIFY2(o.contains(key), qPrintable(key));
    }
    if (isXml(ext)) {
        QVERIFY(d.reply.body.contains("<metadata>true</metadata>"));
        QVERIFY(d.reply.body.contains("<metadata>false</metadata>"));
    } else {
        QVERIFY(pothole.value(u"metadata"_s).isBool()); // a real boolean, not "true"
    }
}

void tst_Open311Api::servicesLanguage_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("group");
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(ext + u": "_s + QLatin1StringView(what)));
        };
        row("default is Greek") << ext << QByteArray() << QByteArray() << u"Κατηγορία pothole"_s << u"Ομάδα"_s;
        row("locale=en") << ext << "?locale=en"_ba << QByteArray() << u"Category pothole"_s << u"Group"_s;
        row("locale=en_US") << ext << "?locale=en_US"_ba << QByteArray() << u"Category pothole"_s << u"Group"_s;
        row("locale=el") << ext << "?locale=el"_ba
                         << "Accept-Language: en\r\n"_ba << u"Κατηγορία pothole"_s << u"Ομάδα"_s;
        row("Accept-Language el") << ext << QByteArray() << "Accept-Language: el-GR,el;q=0.9,en;q=0.5\r\n"_ba
                                  << u"Κατηγορία pothole"_s << u"Ομάδα"_s;
        row("Accept-Language en") << ext << QByteArray() << "Accept-Language: en-GB,en;q=0.9\r\n"_ba
                                  << u"Category pothole"_s << u"Group"_s;
    }
}

void tst_Open311Api::servicesLanguage()
{
    QFETCH(QString, ext);
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, headers);
    QFETCH(QString, name);
    QFETCH(QString, group);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const Doc d = toDoc(rawGet(ts, "/open311/v2/services." + ext.toLatin1() + query, headers), isXml(ext));
    VERIFY_DOC(d, 200, ext);
    const QJsonArray services = d.list();
    const auto it = std::find_if(services.begin(), services.end(),
        [](const QJsonValue &v) { return field(v, u"service_code"_s) == u"pothole"; });
    QVERIFY(it != services.end());
    QCOMPARE(field(*it, u"service_name"_s), name);
    QCOMPARE(field(*it, u"group"_s), group);
}

void tst_Open311Api::serviceDefinition_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QString>("locale");
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        QTest::newRow(qPrintable(ext + u": el"_s)) << ext << u"el"_s;
        QTest::newRow(qPrintable(ext + u": en"_s)) << ext << u"en"_s;
    }
}

void tst_Open311Api::serviceDefinition()
{
    QFETCH(QString, ext);
    QFETCH(QString, locale);
    const bool en = locale == u"en";
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const Doc d = fetch(ts, u"/open311/v2/services/pothole."_s + ext + u"?locale="_s + locale, ext);
    VERIFY_DOC(d, 200, ext);
    const QJsonObject def = d.value.toObject();
    QCOMPARE(field(def, u"service_code"_s), u"pothole"_s);
    const QJsonArray attributes = def.value(u"attributes"_s).toArray();
    QCOMPARE(attributes.size(), 7);

    struct Expected
    {
        QString code, datatype, variable, required;
        int order;
        QStringList keys;
    };
    const QList<Expected> expected{
        {u"info"_s, u"text"_s, u"false"_s, u"false"_s, 0, {}},
        {u"size"_s, u"number"_s, u"true"_s, u"true"_s, 1, {}},
        {u"seen_at"_s, u"datetime"_s, u"true"_s, u"false"_s, 2, {}},
        {u"street"_s, u"string"_s, u"true"_s, u"false"_s, 3, {}},
        {u"details"_s, u"text"_s, u"true"_s, u"false"_s, 4, {}},
        {u"danger"_s, u"singlevaluelist"_s, u"true"_s, u"true"_s, 5, {u"low"_s, u"high"_s}},
        {u"kinds"_s, u"multivaluelist"_s, u"true"_s, u"false"_s, 6, {u"a"_s, u"b"_s, u"c"_s}},
    };
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject a = attributes.at(i).toObject();
        const Expected &e = expected.at(i);
        QCOMPARE(field(a, u"code"_s), e.code);
        QCOMPARE(field(a, u"datatype"_s), e.datatype);
        QCOMPARE(field(a, u"variable"_s), e.variable);
        QCOMPARE(field(a, u"required"_s), e.required);
        QCOMPARE(field(a, u"order"_s), QString::number(e.order));
        QCOMPARE(field(a, u"description"_s), QString((en ? u"Question "_s : u"Ερώτηση "_s) + e.code));
        QCOMPARE(field(a, u"datatype_description"_s), QString((en ? u"Help "_s : u"Βοήθεια "_s) + e.code));
        const QJsonArray values = a.value(u"values"_s).toArray();
        QStringList keys;
        for (const QJsonValue &v : values) {
            keys.append(field(v, u"key"_s));
            QVERIFY(!field(v, u"name"_s).isEmpty());
        }
        QCOMPARE(keys, e.keys);
        if (!isXml(ext)) {
            QVERIFY(a.value(u"required"_s).isBool());
            QVERIFY(a.value(u"variable"_s).isBool());
            QVERIFY(a.value(u"order"_s).isDouble());
        }
    }
    const QJsonObject danger = attributes.at(5).toObject();
    QCOMPARE(field(danger.value(u"values"_s).toArray().at(1), u"name"_s), en ? u"High"_s : u"Υψηλός"_s);
    if (isXml(ext))
        QVERIFY(d.reply.body.contains("<values><value><key>low</key>"));
}

void tst_Open311Api::unknownServiceIs404_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QString>("path");
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        QTest::newRow(qPrintable(ext + u": unknown"_s)) << ext << QString(u"/open311/v2/services/nosuch."_s + ext);
        QTest::newRow(qPrintable(ext + u": inactive"_s)) << ext << QString(u"/open311/v2/services/retired."_s + ext);
    }
    QTest::newRow("no format: XML error") << u"xml"_s << u"/open311/v2/services/pothole.html"_s;
}

void tst_Open311Api::unknownServiceIs404()
{
    QFETCH(QString, ext);
    QFETCH(QString, path);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const Doc d = fetch(ts, path, ext);
    VERIFY_ERROR(d, 404, ext, u""_s);
    QVERIFY(!field(d.list().first(), u"description"_s).isEmpty());
    if (isXml(ext)) {
        QVERIFY2(d.reply.body.contains("<errors><error><code>404</code><description>"), d.reply.body.constData());
    } else {
        QVERIFY(d.list().first().toObject().value(u"code"_s).isDouble()); // [{"code":404,...}]
    }
}

// ---- filing requests -------------------------------------------------------------------------

void tst_Open311Api::postFormCreatesRequest()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    Fields form = validPothole(f);
    form += Fields{{u"attribute[kinds][]"_s, u"a"_s}, {u"attribute[kinds][]"_s, u"c"_s},
        {u"attribute[street]"_s, u"Ερμού & Βενιζέλου"_s}, {u"attribute[seen_at]"_s, u"2026-01-02T10:00:00Z"_s},
        {u"email"_s, u"citizen@example.org"_s}, {u"first_name"_s, u"Μαρία"_s}};
    const Doc created = toDoc(postForm(ts, u"/open311/v2/requests."_s + ext, form), isXml(ext));
    VERIFY_DOC(created, 200, ext);
    QCOMPARE(created.list().size(), 1);
    const QString requestId = field(created.first(), u"service_request_id"_s);
    QVERIFY(!requestId.isEmpty());
    QVERIFY(!field(created.first(), u"token"_s).isEmpty());
    QVERIFY(created.first().contains(u"service_notice"_s));
    QVERIFY(created.first().contains(u"account_id"_s));

    const std::optional<Report> stored = ts.ctx().reports->find(requestId.toLongLong());
    QVERIFY(stored);
    QCOMPARE(stored->channel, u"open311"_s);
    QCOMPARE(stored->contact.email, u"citizen@example.org"_s);
    const QList<std::pair<QString, QStringList>> expectedAttributes{
        {u"danger"_s, {u"high"_s}},
        {u"kinds"_s, {u"a"_s, u"c"_s}},
        {u"seen_at"_s, {u"2026-01-02T10:00:00Z"_s}},
        {u"size"_s, {u"12"_s}},
        {u"street"_s, {u"Ερμού & Βενιζέλου"_s}},
    };
    QCOMPARE(stored->attributes, expectedAttributes);

    const Doc read = fetch(ts, u"/open311/v2/requests/"_s + requestId + u'.' + ext, ext);
    VERIFY_DOC(read, 200, ext);
    QCOMPARE(read.list().size(), 1);
    const QJsonObject r = read.first();
    QCOMPARE(field(r, u"service_request_id"_s), requestId);
    QCOMPARE(field(r, u"service_code"_s), u"pothole"_s);
    QCOMPARE(field(r, u"description"_s), u"Λακκούβα μπροστά στο σχολείο"_s);
    QCOMPARE(field(r, u"status"_s), u"open"_s);
    QCOMPARE(field(r, u"lat"_s).toDouble(), kInsideLat);
    QCOMPARE(field(r, u"long"_s).toDouble(), kInsideLon);
    QCOMPARE(field(r, u"agency_responsible"_s), u"Τμήμα roads"_s);
    QVERIFY(field(r, u"media_url"_s).isEmpty());
    // The citizen's contact details are private.
    QVERIFY(!read.reply.body.contains("citizen@example.org"));
    QVERIFY(!read.reply.body.contains("Μαρία"));
}

void tst_Open311Api::postMultipartWithPhoto()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const QByteArray jpeg = makeJpeg(640, 480);
    QVERIFY(jpeg.startsWith("\xFF\xD8"));
    Fields form = validPothole(f);
    form += Fields{{u"attribute[kinds][]"_s, u"b"_s}};
    const Doc created = toDoc(postMultipart(ts, u"/open311/v2/requests."_s + ext, form,
                                  {{u"media"_s, u"pothole.jpg"_s, "image/jpeg"_ba, jpeg}}),
        isXml(ext));
    VERIFY_DOC(created, 200, ext);
    const QString requestId = field(created.first(), u"service_request_id"_s);
    const std::optional<Report> stored = ts.ctx().reports->find(requestId.toLongLong());
    QVERIFY(stored);
    QCOMPARE(stored->photos.size(), 1);
    QCOMPARE(stored->attributes.value(1), (std::pair<QString, QStringList>(u"kinds"_s, {u"b"_s})));

    const Doc read = fetch(ts, u"/open311/v2/requests/"_s + requestId + u'.' + ext, ext);
    VERIFY_DOC(read, 200, ext);
    const QString mediaUrl = field(read.first(), u"media_url"_s);
    QVERIFY2(mediaUrl.startsWith(u"http://dimos.test/media/"_s), qPrintable(mediaUrl));
    const Reply photo = ts.get(pathOf(mediaUrl));
    QCOMPARE(photo.status, 200);
    QCOMPARE(photo.header("content-type"), "image/jpeg"_ba);
    QVERIFY(photo.body.startsWith("\xFF\xD8\xFF"));
    QImage decoded;
    QVERIFY(decoded.loadFromData(photo.body, "JPEG"));
    QCOMPARE(decoded.size(), QSize(640, 480));

    const Reply thumb = ts.get(pathOf(mediaUrl).replace(u".jpg"_s, u".thumb.jpg"_s));
    QCOMPARE(thumb.status, 200);
    QCOMPARE(thumb.header("content-type"), "image/jpeg"_ba);
    QVERIFY(decoded.loadFromData(thumb.body, "JPEG"));
    QVERIFY(std::max(decoded.width(), decoded.height()) <= 320);

    // A digest that is not a report's photo is not served.
    QCOMPARE(ts.get(u"/media/"_s + QString(64, u'a') + u".jpg"_s).status, 404);
}

void tst_Open311Api::photoMetadataIsStripped()
{
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const QByteArray upload = jpegWithGps();
    // The upload really carries the metadata (and stays a readable JPEG).
    QVERIFY(upload.contains("Exif"));
    QVERIFY(upload.contains(kGpsSecret));
    QVERIFY(jpegHeaderMarkers(upload).contains(0xE1));
    QImage check;
    QVERIFY(check.loadFromData(upload, "JPEG"));

    const Doc created = toDoc(postMultipart(ts, u"/open311/v2/requests.json"_s, validPothole(f),
                                  {{u"media"_s, u"IMG_0001.JPG"_s, "image/jpeg"_ba, upload}}),
        false);
    VERIFY_DOC(created, 200, u"json"_s);
    const QString requestId = field(created.first(), u"service_request_id"_s);
    const Doc read = fetch(ts, u"/open311/v2/requests/"_s + requestId + u".json"_s, u"json"_s);
    const QString mediaUrl = field(read.first(), u"media_url"_s);
    QVERIFY(!mediaUrl.isEmpty());
    for (const QString &path : {pathOf(mediaUrl), pathOf(mediaUrl).replace(u".jpg"_s, u".thumb.jpg"_s)}) {
        const Reply served = ts.get(path);
        QCOMPARE(served.status, 200);
        QCOMPARE(served.header("content-type"), "image/jpeg"_ba);
        QVERIFY(!served.body.contains("Exif"));
        QVERIFY(!served.body.contains(kGpsSecret));
        const QList<int> markers = jpegHeaderMarkers(served.body);
        QVERIFY(markers.contains(0xDA)); // walked up to the scan
        QVERIFY2(!markers.contains(0xE1), "an APP1 (EXIF/XMP) segment survived");
    }
}

void tst_Open311Api::nonImageUploadIsRefused_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("message");
    const QByteArray pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"_ba;
    const QByteArray html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"_ba;
    QByteArray truncated = makeJpeg();
    truncated.chop(truncated.size() / 2);
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        QTest::newRow(qPrintable(ext + u": PDF as image/jpeg"_s)) << ext << pdf << u"PDF"_s;
        QTest::newRow(qPrintable(ext + u": HTML as image/jpeg"_s)) << ext << html << u"HTML"_s;
        QTest::newRow(qPrintable(ext + u": cut-off JPEG"_s)) << ext << truncated << u"incomplete"_s;
    }
}

void tst_Open311Api::nonImageUploadIsRefused()
{
    QFETCH(QString, ext);
    QFETCH(QByteArray, data);
    QFETCH(QString, message);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const Doc d = toDoc(postMultipart(ts, u"/open311/v2/requests."_s + ext, validPothole(f),
                            {{u"media"_s, u"photo.jpg"_s, "image/jpeg"_ba, data}}),
        isXml(ext));
    VERIFY_ERROR(d, 400, ext, message);
    QVERIFY(field(d.list().first(), u"description"_s).contains(u"photo.jpg"_s)); // names the file
    QCOMPARE(ts.ctx().reports->count(), 0);
}

void tst_Open311Api::postValidation_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QStringList>("set"); // name, value, name, value ...: replaces, or adds "...[]" fields
    QTest::addColumn<QStringList>("remove"); // names to drop
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString tooLong(4001, u'x');
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(ext + u": "_s + QLatin1StringView(what)));
        };
        row("missing api_key") << ext << QStringList() << QStringList{u"api_key"_s} << 403 << u"api_key"_s;
        row("invalid api_key") << ext << QStringList{u"api_key"_s, u"not-a-key"_s} << QStringList() << 403
                               << u"not valid"_s;
        row("unknown service") << ext << QStringList{u"service_code"_s, u"nosuch"_s} << QStringList() << 404
                               << u"nosuch"_s;
        row("missing service_code") << ext << QStringList() << QStringList{u"service_code"_s} << 400
                                    << u"service_code"_s;
        row("missing required attribute")
            << ext << QStringList() << QStringList{u"attribute[danger]"_s} << 400 << u"danger"_s;
        row("blank required list attribute")
            << ext << QStringList{u"attribute[danger]"_s, u" "_s} << QStringList() << 400 << u"danger"_s;
        row("blank required number") << ext << QStringList{u"attribute[size]"_s, u" "_s} << QStringList() << 400
                                     << u"\"size\" (Question size) is required"_s;
        row("value not in the list") << ext << QStringList{u"attribute[danger]"_s, u"extreme"_s} << QStringList() << 400
                                     << u"not one of the allowed values"_s;
        row("multivalue not in the list")
            << ext << QStringList{u"attribute[kinds][]"_s, u"a"_s, u"attribute[kinds][]"_s, u"zzz"_s} << QStringList()
            << 400 << u"zzz"_s;
        row("two values for a single list")
            << ext << QStringList{u"attribute[danger][]"_s, u"low"_s, u"attribute[danger][]"_s, u"high"_s}
            << QStringList{u"attribute[danger]"_s} << 400 << u"single value"_s;
        row("number not numeric") << ext << QStringList{u"attribute[size]"_s, u"big"_s} << QStringList() << 400
                                  << u"number"_s;
        row("datetime malformed") << ext << QStringList{u"attribute[seen_at]"_s, u"yesterday"_s} << QStringList() << 400
                                  << u"date-time"_s;
        row("undefined attribute") << ext << QStringList{u"attribute[colour]"_s, u"red"_s} << QStringList() << 400
                                   << u"not defined"_s;
        row("informational attribute") << ext << QStringList{u"attribute[info]"_s, u"x"_s} << QStringList() << 400
                                       << u"not defined"_s;
        row("description over 4000") << ext << QStringList{u"description"_s, tooLong} << QStringList() << 400
                                     << u"4000"_s;
        row("outside the boundary") << ext
                                    << QStringList{u"lat"_s, QString::number(kOutsideLat), u"long"_s,
                                           QString::number(kOutsideLon)}
                                    << QStringList() << 400 << u"outside"_s;
        row("malformed lat") << ext << QStringList{u"lat"_s, u"41,09"_s} << QStringList() << 400 << u"lat"_s;
        row("lat out of range") << ext << QStringList{u"lat"_s, u"91"_s} << QStringList() << 400 << u"between"_s;
        row("lat without long") << ext << QStringList() << QStringList{u"long"_s} << 400 << u"together"_s;
        row("no location") << ext << QStringList() << QStringList{u"lat"_s, u"long"_s} << 400 << u"location"_s;
        row("bad email") << ext << QStringList{u"email"_s, u"not-an-address"_s} << QStringList() << 400 << u"email"_s;
    }
}

void tst_Open311Api::postValidation()
{
    QFETCH(QString, ext);
    QFETCH(QStringList, set);
    QFETCH(QStringList, remove);
    QFETCH(int, status);
    QFETCH(QString, message);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    Fields form = validPothole(f);
    form.removeIf([&](const auto &field) { return remove.contains(field.first); });
    for (qsizetype i = 0; i + 1 < set.size(); i += 2)
        form = set[i].endsWith(u"[]"_s) ? Fields(form) << std::pair(set[i], set[i + 1])
                                        : withField(form, set[i], set[i + 1]);
    const Doc d = toDoc(postForm(ts, u"/open311/v2/requests."_s + ext, form), isXml(ext));
    VERIFY_ERROR(d, status, ext, message);
    QCOMPARE(ts.ctx().reports->count(), 0);
}

void tst_Open311Api::postAcceptsLimits()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const QString longest(4000, u'λ');
    Fields form = withField(validPothole(f), u"description"_s, longest);
    form += Fields{
        {u"attribute[kinds][]"_s, u"a"_s}, {u"attribute[kinds][]"_s, u"b"_s}, {u"attribute[kinds][]"_s, u"c"_s}};
    const Doc d = toDoc(postForm(ts, u"/open311/v2/requests."_s + ext, form), isXml(ext));
    VERIFY_DOC(d, 200, ext);
    const auto stored = ts.ctx().reports->find(field(d.first(), u"service_request_id"_s).toLongLong());
    QVERIFY(stored);
    QCOMPARE(stored->description, longest);
    // Without a location check for a category-less boundary: a point on the edge of the town.
    const Doc plain = toDoc(postForm(ts, u"/open311/v2/requests."_s + ext,
                                {{u"api_key"_s, f.apiKey}, {u"service_code"_s, u"graffiti"_s},
                                    {u"lat"_s, QString::number(kNorthLat)}, {u"long"_s, QString::number(kNorthLon)}}),
        isXml(ext));
    VERIFY_DOC(plain, 200, ext);
}

void tst_Open311Api::addressOnlyReport()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const QString address = u"Μεραρχίας 12, Σέρρες"_s;
    const Doc created = toDoc(postForm(ts, u"/open311/v2/requests."_s + ext,
                                  {{u"api_key"_s, f.apiKey}, {u"service_code"_s, u"graffiti"_s},
                                      {u"address_string"_s, address}, {u"description"_s, u"Γκράφιτι στον τοίχο"_s}}),
        isXml(ext));
    VERIFY_DOC(created, 200, ext);
    const QString requestId = field(created.first(), u"service_request_id"_s);

    const Doc list = fetch(ts, u"/open311/v2/requests."_s + ext, ext);
    VERIFY_DOC(list, 200, ext);
    QCOMPARE(idsOf(list), QStringList{requestId});
    const QJsonObject r = list.first();
    QCOMPARE(field(r, u"address"_s), address);
    QVERIFY(field(r, u"lat"_s).isEmpty());
    QVERIFY(field(r, u"long"_s).isEmpty());
    if (!isXml(ext))
        QVERIFY(r.value(u"lat"_s).isNull());
}

void tst_Open311Api::rateLimitPerAddress()
{
    QFETCH(QString, ext);
    TestServer ts({u"open311/reports_per_hour_per_address=3"_s});
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const QString path = u"/open311/v2/requests."_s + ext;
    // Refused reports do not count against the client.
    QCOMPARE(postForm(ts, path, withField(validPothole(f), u"service_code"_s, u"nosuch"_s)).status, 404);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(postForm(ts, path, validPothole(f)).status, 200);
    const Doc refused = toDoc(postForm(ts, path, validPothole(f)), isXml(ext));
    VERIFY_ERROR(refused, 429, ext, u"too many"_s);
    bool ok = false;
    const int retryAfter = refused.reply.header("retry-after").toInt(&ok);
    QVERIFY2(ok, refused.reply.header("retry-after").constData());
    QVERIFY(retryAfter > 0);
    QVERIFY(retryAfter <= 3600);
    QCOMPARE(ts.ctx().reports->count(), 3);
    // Reading is not limited; after the wait, filing works again.
    QCOMPARE(ts.get(u"/open311/v2/requests."_s + ext).status, 200);
    ts.clock().advanceMs(qint64(retryAfter) * 1000 + 1000);
    QCOMPARE(postForm(ts, path, validPothole(f)).status, 200);
}

// ---- the request list ------------------------------------------------------------------------

void tst_Open311Api::defaultWindowIs90Days()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const qint64 now = ts.clock().nowMs();
    const Report old = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"old"_s, now - 100 * kDayMs);
    const Report edge = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"edge"_s, now - 89 * kDayMs);
    const Report recent = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"recent"_s);

    const Doc byDefault = fetch(ts, u"/open311/v2/requests."_s + ext, ext);
    VERIFY_DOC(byDefault, 200, ext);
    QCOMPARE(idsOf(byDefault), QStringList({id(recent), id(edge)})); // newest first, not the old one
    QCOMPARE(field(byDefault.list().at(1), u"requested_datetime"_s), iso(now - 89 * kDayMs));

    const Doc back = fetch(ts,
        u"/open311/v2/requests."_s + ext + u"?start_date="_s + iso(now - 120 * kDayMs) + u"&end_date="_s
            + iso(now - 80 * kDayMs),
        ext);
    VERIFY_DOC(back, 200, ext);
    QCOMPARE(idsOf(back), QStringList({id(edge), id(old)}));

    const Doc byId = fetch(ts, u"/open311/v2/requests."_s + ext + u"?service_request_id="_s + id(old), ext);
    QCOMPARE(idsOf(byId), QStringList{id(old)});
    QCOMPARE(fetch(ts, u"/open311/v2/requests/"_s + id(old) + u'.' + ext, ext).reply.status, 200);
}

void tst_Open311Api::idListOverridesOtherFilters()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const qint64 now = ts.clock().nowMs();
    const Report a = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"a"_s, now - 200 * kDayMs);
    const Report b = file(ts, u"lights"_s, kNorthLat, kNorthLon, u"b"_s);
    const Report c = file(ts, u"lights"_s, kSouthLat, kSouthLon, u"c"_s);
    ts.ctx().reportService->changeStatus(f.staff, b.id, b.version, ReportStatus::Closed, u"done"_s, true);

    const Doc d = fetch(ts,
        u"/open311/v2/requests."_s + ext + u"?service_request_id="_s + id(a) + u", "_s + id(b)
            + u"&service_code=pothole&status=open&start_date=2020-01-01T00:00:00Z"
              u"&end_date=2020-01-02T00:00:00Z&bbox=0,0,1,1"_s,
        ext);
    VERIFY_DOC(d, 200, ext);
    const QStringList found = idsOf(d);
    QCOMPARE(QSet<QString>(found.begin(), found.end()), QSet<QString>({id(a), id(b)}));
    QVERIFY(!found.contains(id(c)));

    const Doc unknown = fetch(ts, u"/open311/v2/requests."_s + ext + u"?service_request_id=999999"_s, ext);
    VERIFY_DOC(unknown, 200, ext);
    QVERIFY(unknown.list().isEmpty());
    // A blank service_request_id is no filter at all.
    const Doc blank = fetch(ts, u"/open311/v2/requests."_s + ext + u"?service_request_id=&service_code=lights"_s, ext);
    VERIFY_DOC(blank, 200, ext);
    QCOMPARE(idsOf(blank), QStringList({id(c), id(b)}));
    const Doc malformed = fetch(ts, u"/open311/v2/requests."_s + ext + u"?service_request_id=1,abc"_s, ext);
    VERIFY_ERROR(malformed, 400, ext, u"abc"_s);
}

void tst_Open311Api::filterByServiceCodeAndStatus_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // descriptions, newest first
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(ext + u": "_s + QLatin1StringView(what)));
        };
        row("all") << ext << QString() << QStringList{u"l-closed"_s, u"l-open"_s, u"g-open"_s};
        row("one code") << ext << u"service_code=lights"_s << QStringList{u"l-closed"_s, u"l-open"_s};
        row("code list") << ext << u"service_code=graffiti,%20lights"_s
                         << QStringList{u"l-closed"_s, u"l-open"_s, u"g-open"_s};
        row("unknown code") << ext << u"service_code=nosuch"_s << QStringList();
        row("open") << ext << u"status=open"_s << QStringList{u"l-open"_s, u"g-open"_s};
        row("closed") << ext << u"status=closed"_s << QStringList{u"l-closed"_s};
        row("open,closed") << ext << u"status=open,closed"_s << QStringList{u"l-closed"_s, u"l-open"_s, u"g-open"_s};
        row("code and status") << ext << u"service_code=lights&status=open"_s << QStringList{u"l-open"_s};
    }
}

void tst_Open311Api::filterByServiceCodeAndStatus()
{
    QFETCH(QString, ext);
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"g-open"_s);
    ts.clock().advanceMs(kMinuteMs);
    file(ts, u"lights"_s, kInsideLat, kInsideLon, u"l-open"_s);
    ts.clock().advanceMs(kMinuteMs);
    const Report closed = file(ts, u"lights"_s, kInsideLat, kInsideLon, u"l-closed"_s);
    ts.clock().advanceMs(kMinuteMs);
    ts.ctx().reportService->changeStatus(f.staff, closed.id, closed.version, ReportStatus::Resolved, u"fixed"_s, true);
    const Doc d = fetch(ts, u"/open311/v2/requests."_s + ext + u'?' + query, ext);
    VERIFY_DOC(d, 200, ext);
    QStringList descriptions;
    for (const QJsonValue &v : d.list()) {
        descriptions.append(field(v, u"description"_s));
        QCOMPARE(field(v, u"status"_s), field(v, u"description"_s).endsWith(u"closed"_s) ? u"closed"_s : u"open"_s);
    }
    QCOMPARE(descriptions, expected);
}

void tst_Open311Api::dateRange()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const qint64 now = ts.clock().nowMs();
    const Report d10 = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"10 days ago"_s, now - 10 * kDayMs);
    const Report d5 = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"5 days ago"_s, now - 5 * kDayMs);
    const Report d1 = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"1 day ago"_s, now - 1 * kDayMs);
    const QString base = u"/open311/v2/requests."_s + ext + u'?';
    auto ids = [&](const QString &query) {
        const Doc d = fetch(ts, base + query, ext);
        return d.reply.status == 200 ? idsOf(d) : QStringList{u"status %1"_s.arg(d.reply.status)};
    };
    // Both ends are inclusive, to the second.
    QCOMPARE(ids(u"start_date="_s + iso(now - 5 * kDayMs) + u"&end_date="_s + iso(now - 1 * kDayMs)),
        QStringList({id(d1), id(d5)}));
    QCOMPARE(ids(u"start_date="_s + iso(now - 5 * kDayMs + 1000)), QStringList{id(d1)});
    QCOMPARE(ids(u"end_date="_s + iso(now - 5 * kDayMs - 1000)), QStringList{id(d10)});
    // Other ISO forms clients send: a bare date, an offset (Athens is UTC+2/+3), fractions.
    const QDate day = QDateTime::fromMSecsSinceEpoch(now - 5 * kDayMs, Qt::UTC).date();
    QCOMPARE(ids(u"start_date="_s + day.toString(Qt::ISODate) + u"&end_date="_s + day.addDays(1).toString(Qt::ISODate)),
        QStringList{id(d5)});
    const QString withOffset
        = QDateTime::fromMSecsSinceEpoch(now - 5 * kDayMs, Qt::UTC).toOffsetFromUtc(3 * 3600).toString(Qt::ISODate);
    QVERIFY(withOffset.endsWith(u"+03:00"_s));
    QCOMPARE(ids(u"start_date="_s + QString::fromLatin1(QUrl::toPercentEncoding(withOffset)) + u"&end_date="_s
                 + iso(now - 5 * kDayMs)),
        QStringList{id(d5)});
    QCOMPARE(ids(u"end_date="_s + iso(now - 5 * kDayMs).replace(u"Z"_s, u".000Z"_s)), QStringList({id(d5), id(d10)}));

    // At most 90 days apart, and in order.
    QCOMPARE(ids(u"start_date="_s + iso(now - 90 * kDayMs) + u"&end_date="_s + iso(now)).size(), 3);
    const Doc tooWide = fetch(ts, base + u"start_date="_s + iso(now - 91 * kDayMs) + u"&end_date="_s + iso(now), ext);
    VERIFY_ERROR(tooWide, 400, ext, u"90 days"_s);
    const Doc reversed = fetch(ts, base + u"start_date="_s + iso(now) + u"&end_date="_s + iso(now - kDayMs), ext);
    VERIFY_ERROR(reversed, 400, ext, u"before"_s);
}

void tst_Open311Api::badListParameters_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(ext + u": "_s + QLatin1StringView(what)));
        };
        row("status") << ext << u"status=pending"_s << u"status"_s;
        row("start_date") << ext << u"start_date=yesterday"_s << u"start_date"_s;
        row("end_date") << ext << u"end_date=2026-13-45T00:00:00Z"_s << u"end_date"_s;
        row("updated_after") << ext << u"updated_after=soon"_s << u"updated_after"_s;
        row("page_size 0") << ext << u"page_size=0"_s << u"page_size"_s;
        row("page_size too big") << ext << u"page_size=1001"_s << u"page_size"_s;
        row("page 0") << ext << u"page=0"_s << u"page"_s;
        row("page text") << ext << u"page=two"_s << u"page"_s;
        row("bbox three numbers") << ext << u"bbox=23.5,41.0,23.6"_s << u"bbox"_s;
        row("bbox reversed") << ext << u"bbox=23.6,41.1,23.5,41.0"_s << u"bbox"_s;
        row("bbox text") << ext << u"bbox=a,b,c,d"_s << u"bbox"_s;
        row("lat without long") << ext << u"lat=41.09"_s << u"long"_s;
        row("radius 0") << ext << u"lat=41.09&long=23.54&radius=0"_s << u"radius"_s;
        row("radius huge") << ext << u"lat=41.09&long=23.54&radius=1000000"_s << u"radius"_s;
        row("lat malformed") << ext << u"lat=north&long=23.54"_s << u"lat"_s;
    }
}

void tst_Open311Api::badListParameters()
{
    QFETCH(QString, ext);
    QFETCH(QString, query);
    QFETCH(QString, message);
    TestServer ts;
    START_SERVER(ts);
    const Doc d = fetch(ts, u"/open311/v2/requests."_s + ext + u'?' + query, ext);
    VERIFY_ERROR(d, 400, ext, message);
}

void tst_Open311Api::paging()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    QStringList newestFirst;
    for (int i = 0; i < 5; ++i) {
        newestFirst.prepend(id(file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"r%1"_s.arg(i))));
        ts.clock().advanceMs(kMinuteMs);
    }
    const QString base = u"/open311/v2/requests."_s + ext + u"?page_size=2"_s;
    QStringList seen;
    for (int page = 1; page <= 3; ++page) {
        const Doc d = fetch(ts, base + u"&page="_s + QString::number(page), ext);
        VERIFY_DOC(d, 200, ext);
        QCOMPARE(d.list().size(), page < 3 ? 2 : 1);
        seen += idsOf(d);
    }
    QCOMPARE(seen, newestFirst);
    const Doc beyond = fetch(ts, base + u"&page=4"_s, ext);
    VERIFY_DOC(beyond, 200, ext);
    QVERIFY(beyond.list().isEmpty());
    QCOMPARE(idsOf(fetch(ts, u"/open311/v2/requests."_s + ext + u"?page_size=3"_s, ext)), newestFirst.mid(0, 3));
}

void tst_Open311Api::bboxAndRadius_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected"); // descriptions, any order
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(ext + u": "_s + QLatin1StringView(what)));
        };
        row("bbox around the centre") << ext << u"bbox=23.545,41.089,23.552,41.093"_s << QStringList{u"centre"_s};
        row("bbox around north and centre")
            << ext << u"bbox=23.54,41.09,23.56,41.11"_s << QStringList{u"centre"_s, u"north"_s};
        row("bbox everywhere") << ext << u"bbox=23,40,24,42"_s << QStringList{u"centre"_s, u"north"_s, u"south"_s};
        row("bbox nowhere") << ext << u"bbox=22.9,40.6,23.0,40.7"_s << QStringList();
        row("radius 300 m around the centre")
            << ext << u"lat=41.0912&long=23.5486&radius=300"_s << QStringList{u"centre"_s};
        // north is about 1 km from the centre, south about 3 km
        row("radius 1.5 km") << ext << u"lat=41.0912&long=23.5486&radius=1500"_s
                             << QStringList{u"centre"_s, u"north"_s};
        row("radius 5 km") << ext << u"lat=41.0912&long=23.5486&radius=5000"_s
                           << QStringList{u"centre"_s, u"north"_s, u"south"_s};
        row("default radius") << ext << u"lat=41.1&long=23.55"_s << QStringList{u"north"_s};
    }
}

void tst_Open311Api::bboxAndRadius()
{
    QFETCH(QString, ext);
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"centre"_s);
    file(ts, u"graffiti"_s, kNorthLat, kNorthLon, u"north"_s);
    file(ts, u"graffiti"_s, kSouthLat, kSouthLon, u"south"_s);
    const Doc d = fetch(ts, u"/open311/v2/requests."_s + ext + u'?' + query, ext);
    VERIFY_DOC(d, 200, ext);
    QStringList descriptions;
    for (const QJsonValue &v : d.list())
        descriptions.append(field(v, u"description"_s));
    descriptions.sort();
    QCOMPARE(descriptions, expected);
}

void tst_Open311Api::updatedAfterAndBefore()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const qint64 t0 = ts.clock().nowMs();
    const Report a = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"a"_s, t0 - 200 * kDayMs);
    const Report b = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"b"_s);
    const Report c = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"c"_s);
    ts.clock().advanceMs(kHourMs);
    ts.ctx().reportService->changeStatus(f.staff, c.id, c.version, ReportStatus::InProgress, u"on it"_s, true);
    ts.clock().advanceMs(kHourMs);
    // Updating an old report brings it back to clients that sync by update time.
    ts.ctx().reportService->changeStatus(f.staff, a.id, a.version, ReportStatus::Closed, u"closed"_s, true);

    const QString base = u"/open311/v2/requests."_s + ext + u'?';
    const Doc after = fetch(ts, base + u"updated_after="_s + iso(t0 + 30 * kMinuteMs), ext);
    VERIFY_DOC(after, 200, ext);
    QCOMPARE(idsOf(after), QStringList({id(c), id(a)})); // oldest update first
    QCOMPARE(field(after.list().at(0), u"updated_datetime"_s), iso(t0 + kHourMs));
    QCOMPARE(field(after.list().at(1), u"updated_datetime"_s), iso(t0 + 2 * kHourMs));

    const Doc before = fetch(ts, base + u"updated_before="_s + iso(t0 + 30 * kMinuteMs), ext);
    VERIFY_DOC(before, 200, ext);
    QCOMPARE(idsOf(before), QStringList{id(b)});

    const Doc between = fetch(ts,
        base + u"updated_after="_s + iso(t0 + 30 * kMinuteMs) + u"&updated_before="_s + iso(t0 + 90 * kMinuteMs), ext);
    QCOMPARE(idsOf(between), QStringList{id(c)});
}

void tst_Open311Api::extensions()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    Fields form = validPothole(f);
    form += Fields{{u"attribute[kinds][]"_s, u"a"_s}, {u"attribute[kinds][]"_s, u"b"_s}};
    const Doc created = toDoc(postMultipart(ts, u"/open311/v2/requests.json"_s, form,
                                  {{u"media"_s, u"one.jpg"_s, "image/jpeg"_ba, makeJpeg(80, 60)},
                                      {u"media2"_s, u"two.jpg"_s, "image/jpeg"_ba, makeJpeg(60, 80)}}),
        false);
    VERIFY_DOC(created, 200, u"json"_s);
    const qint64 requestId = field(created.first(), u"service_request_id"_s).toLongLong();
    Report r = *ts.ctx().reports->find(requestId);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->addNote(f.staff, r.id, r.version, u"PUBLIC-NOTE"_s, true);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->addNote(f.staff, r.id, r.version, u"INTERNAL-NOTE"_s, false);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->changeStatus(f.staff, r.id, r.version, ReportStatus::InProgress, u"WORKING"_s, true);

    for (const QString &path : {u"/open311/v2/requests/%1.%2?extensions=true&locale=en"_s.arg(requestId).arg(ext),
             u"/open311/v2/requests.%2?extensions=true&locale=en&service_request_id=%1"_s.arg(requestId).arg(ext)}) {
        const Doc d = fetch(ts, path, ext);
        VERIFY_DOC(d, 200, ext);
        QVERIFY(!d.reply.body.contains("INTERNAL-NOTE"));
        const QJsonObject o = d.first();
        QCOMPARE(field(o, u"status_notes"_s), u"WORKING"_s);

        QStringList attributes;
        for (const QJsonValue &v : o.value(u"attributes"_s).toArray())
            attributes.append(field(v, u"code"_s) + u'=' + field(v, u"value"_s) + u'/' + field(v, u"name"_s));
        QCOMPARE(
            attributes, QStringList({u"danger=high/High"_s, u"kinds=a/Alpha"_s, u"kinds=b/Beta"_s, u"size=12/"_s}));

        QStringList notes;
        for (const QJsonValue &v : o.value(u"notes"_s).toArray()) {
            notes.append(field(v, u"type"_s) + u':' + field(v, u"description"_s));
            QVERIFY(datetimePattern().match(field(v, u"datetime"_s)).hasMatch());
        }
        QCOMPARE(notes, QStringList({u"note:PUBLIC-NOTE"_s, u"status:WORKING"_s}));

        const QJsonObject extended = o.value(u"extended_attributes"_s).toObject();
        QCOMPARE(field(extended, u"channel"_s), u"open311"_s);
        QCOMPARE(field(extended, u"detailed_status"_s), u"in_progress"_s);
        const QJsonArray photos = extended.value(u"photos"_s).toArray();
        QCOMPARE(photos.size(), 2);
        QCOMPARE(field(photos.first(), u"media_url"_s), field(o, u"media_url"_s));
        for (const QJsonValue &p : photos) {
            QCOMPARE(ts.get(pathOf(field(p, u"media_url"_s))).status, 200);
            QCOMPARE(ts.get(pathOf(field(p, u"thumbnail_url"_s))).header("content-type"), "image/jpeg"_ba);
            QVERIFY(datetimePattern().match(field(p, u"created_datetime"_s)).hasMatch());
        }
    }
    // Without extensions=true none of it is there.
    const Doc plain = fetch(ts, u"/open311/v2/requests/%1.%2"_s.arg(requestId).arg(ext), ext);
    VERIFY_DOC(plain, 200, ext);
    QVERIFY(!plain.first().contains(u"attributes"_s));
    QVERIFY(!plain.first().contains(u"notes"_s));
    QVERIFY(!plain.first().contains(u"extended_attributes"_s));
}

void tst_Open311Api::requestFieldsAreInteroperable()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const Report located = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"located"_s);
    NewReport byAddress;
    byAddress.serviceCode = u"lights"_s;
    byAddress.addressId = u"ADDR-17"_s;
    byAddress.channel = u"desk"_s;
    ts.ctx().reportService->create(byAddress);
    ts.clock().advanceMs(kMinuteMs);
    ts.ctx().reportService->changeStatus(
        f.staff, located.id, located.version, ReportStatus::Rejected, u"not ours"_s, true);

    const Doc d = fetch(ts, u"/open311/v2/requests."_s + ext, ext);
    VERIFY_DOC(d, 200, ext);
    QCOMPARE(d.list().size(), 2);
    const QStringList keys{u"service_request_id"_s, u"status"_s, u"status_notes"_s, u"service_name"_s,
        u"service_code"_s, u"description"_s, u"agency_responsible"_s, u"service_notice"_s, u"requested_datetime"_s,
        u"updated_datetime"_s, u"expected_datetime"_s, u"address"_s, u"address_id"_s, u"zipcode"_s, u"lat"_s, u"long"_s,
        u"media_url"_s};
    for (const QJsonValue &v : d.list()) {
        const QJsonObject o = v.toObject();
        for (const QString &key : keys)
            QVERIFY2(o.contains(key), qPrintable(key));
        QVERIFY(datetimePattern().match(field(o, u"requested_datetime"_s)).hasMatch());
        QVERIFY(datetimePattern().match(field(o, u"updated_datetime"_s)).hasMatch());
        const QString expectedAt = field(o, u"expected_datetime"_s);
        QVERIFY(expectedAt.isEmpty() || datetimePattern().match(expectedAt).hasMatch());
        QVERIFY2(!field(o, u"address"_s).trimmed().isEmpty(), qPrintable(field(o, u"service_request_id"_s)));
        QVERIFY(QStringList({u"open"_s, u"closed"_s}).contains(field(o, u"status"_s)));
        QVERIFY(!field(o, u"service_name"_s).isEmpty());
        if (!isXml(ext)) {
            QVERIFY(o.value(u"service_request_id"_s).isString());
            QVERIFY(o.value(u"lat"_s).isDouble() || o.value(u"lat"_s).isNull());
        }
    }
    const QJsonObject rejected = d.list().at(0).toObject().value(u"description"_s) == u"located"_s
        ? d.list().at(0).toObject()
        : d.list().at(1).toObject();
    QCOMPARE(field(rejected, u"status"_s), u"closed"_s);
    QCOMPARE(field(rejected, u"status_notes"_s), u"not ours"_s);
    QVERIFY(field(rejected, u"address"_s).contains(u"41.09120"_s)); // placed by its coordinates
}

void tst_Open311Api::singleRequestAndUnknownId()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    seed(ts);
    const Report r = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"one"_s);
    const Doc d = fetch(ts, u"/open311/v2/requests/"_s + id(r) + u'.' + ext, ext);
    VERIFY_DOC(d, 200, ext);
    QCOMPARE(idsOf(d), QStringList{id(r)});
    QCOMPARE(field(d.first(), u"requested_datetime"_s), iso(r.requestedMs));
    if (isXml(ext))
        QVERIFY(d.reply.body.contains("<service_requests><request><"));

    for (const QString &missing : {u"999999"_s, u"abc"_s, u"-1"_s}) {
        const Doc unknown = fetch(ts, u"/open311/v2/requests/"_s + missing + u'.' + ext, ext);
        VERIFY_ERROR(unknown, 404, ext, missing);
    }
}

void tst_Open311Api::tokens()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const Doc created = toDoc(postForm(ts, u"/open311/v2/requests."_s + ext, validPothole(f)), isXml(ext));
    VERIFY_DOC(created, 200, ext);
    const QString token = field(created.first(), u"token"_s);
    QVERIFY(!token.isEmpty());
    const Doc d = fetch(ts, u"/open311/v2/tokens/"_s + token + u'.' + ext, ext);
    VERIFY_DOC(d, 200, ext);
    QCOMPARE(d.list().size(), 1);
    QCOMPARE(field(d.first(), u"service_request_id"_s), field(created.first(), u"service_request_id"_s));
    QCOMPARE(field(d.first(), u"token"_s), token);

    const Doc unknown = fetch(ts, u"/open311/v2/tokens/nosuchtoken."_s + ext, ext);
    VERIFY_ERROR(unknown, 404, ext, u"nosuchtoken"_s);
}

void tst_Open311Api::controlCharactersKeepXmlWellFormed()
{
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    // A description pasted from somewhere odd: a form feed, a vertical tab, an escape.
    const QString description = u"line one\fline two\u000B\u001B[0m <b>&amp;</b>"_s;
    const Reply created
        = postForm(ts, u"/open311/v2/requests.json"_s, withField(validPothole(f), u"description"_s, description));
    QCOMPARE(created.status, 200);
    const QString requestId = field(created.array().first(), u"service_request_id"_s);
    // JSON can carry every character; XML 1.0 cannot carry these, and must still parse.
    const Doc json = fetch(ts, u"/open311/v2/requests/"_s + requestId + u".json"_s, u"json"_s);
    VERIFY_DOC(json, 200, u"json"_s);
    QCOMPARE(field(json.first(), u"description"_s), description);
    const Doc xml = fetch(ts, u"/open311/v2/requests/"_s + requestId + u".xml"_s, u"xml"_s);
    VERIFY_DOC(xml, 200, u"xml"_s);
    const QString xmlDescription = field(xml.first(), u"description"_s);
    QVERIFY(xmlDescription.startsWith(u"line one"_s));
    QVERIFY(xmlDescription.endsWith(u"<b>&amp;</b>"_s));
    const Doc list = fetch(ts, u"/open311/v2/requests.xml"_s, u"xml"_s);
    VERIFY_DOC(list, 200, u"xml"_s);
}

// ---- servicerequestupdates -------------------------------------------------------------------

void tst_Open311Api::serviceRequestUpdatesList()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    const QString path = u"/open311/v2/servicerequestupdates."_s + ext;
    Report r = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"wall"_s);
    const Report other = file(ts, u"lights"_s, kNorthLat, kNorthLon, u"lamp"_s);
    const qint64 t0 = ts.clock().nowMs();
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->changeStatus(
        f.staff, r.id, r.version, ReportStatus::InProgress, u"Crew on the way"_s, true);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->addNote(f.staff, r.id, r.version, u"INTERNAL-SECRET-1"_s, false);
    ts.clock().advanceMs(kMinuteMs);
    const qint64 t3 = ts.clock().nowMs();
    r = ts.ctx().reportService->changeStatus(
        f.staff, r.id, r.version, ReportStatus::Resolved, u"INTERNAL-SECRET-2"_s, false);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->addNote(f.staff, r.id, r.version, u"Thank you for reporting"_s, true);
    ts.clock().advanceMs(kMinuteMs);
    ts.ctx().reportService->changeStatus(
        f.staff, other.id, other.version, ReportStatus::Closed, u"Duplicate lamp"_s, true);
    const qint64 t5 = ts.clock().nowMs();

    // The key is required.
    const Doc noKey = fetch(ts, path, ext);
    VERIFY_ERROR(noKey, 403, ext, u"api_key"_s);
    const Doc badKey = fetch(ts, path + u"?api_key=bogus"_s, ext);
    VERIFY_ERROR(badKey, 403, ext, u"api_key"_s);

    const QString window = u"?api_key="_s + f.apiKey + u"&start_date="_s + iso(t0) + u"&end_date="_s + iso(t5);
    const Doc d = fetch(ts, path + window, ext);
    VERIFY_DOC(d, 200, ext);
    QVERIFY(!d.reply.body.contains("INTERNAL-SECRET"));
    QStringList seen;
    QSet<QString> updateIds;
    for (const QJsonValue &v : d.list()) {
        const QJsonObject u = v.toObject();
        seen.append(
            field(u, u"service_request_id"_s) + u' ' + field(u, u"status"_s) + u' ' + field(u, u"description"_s));
        QVERIFY(!field(u, u"update_id"_s).isEmpty());
        updateIds.insert(field(u, u"update_id"_s));
        QVERIFY(datetimePattern().match(field(u, u"updated_datetime"_s)).hasMatch());
        QVERIFY(u.contains(u"media_url"_s));
    }
    QCOMPARE(seen,
        QStringList({id(r) + u" IN_PROGRESS Crew on the way"_s, id(r) + u" FIXED "_s,
            id(r) + u" FIXED Thank you for reporting"_s, id(other) + u" CLOSED Duplicate lamp"_s}));
    QCOMPARE(updateIds.size(), 4);
    QCOMPARE(field(d.list().at(1), u"updated_datetime"_s), iso(t3));

    // The window bounds the updates, inclusively.
    const Doc later = fetch(ts,
        path + u"?api_key="_s + f.apiKey + u"&start_date="_s + iso(t3) + u"&end_date="_s + iso(t3 + kMinuteMs), ext);
    VERIFY_DOC(later, 200, ext);
    QCOMPARE(later.list().size(), 2);
    QCOMPARE(field(later.list().at(0), u"status"_s), u"FIXED"_s);
    const Doc reversed
        = fetch(ts, path + u"?api_key="_s + f.apiKey + u"&start_date="_s + iso(t5) + u"&end_date="_s + iso(t0), ext);
    VERIFY_ERROR(reversed, 400, ext, u"before"_s);
}

void tst_Open311Api::serviceRequestUpdatesCarryStatusOfTheirTime()
{
    // A public note made while a report was in progress says IN_PROGRESS, even after the report
    // was fixed: FixMyStreet applies each update's status in order.
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    Report r = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"wall"_s);
    const qint64 t0 = ts.clock().nowMs();
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->changeStatus(f.staff, r.id, r.version, ReportStatus::InProgress, u"started"_s, true);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->addNote(f.staff, r.id, r.version, u"halfway there"_s, true);
    ts.clock().advanceMs(kMinuteMs);
    r = ts.ctx().reportService->changeStatus(f.staff, r.id, r.version, ReportStatus::Resolved, u"done"_s, true);
    const Doc d = fetch(ts,
        u"/open311/v2/servicerequestupdates.json?api_key="_s + f.apiKey + u"&start_date="_s + iso(t0) + u"&end_date="_s
            + iso(ts.clock().nowMs()),
        u"json"_s);
    VERIFY_DOC(d, 200, u"json"_s);
    QStringList seen;
    for (const QJsonValue &v : d.list())
        seen.append(field(v, u"status"_s) + u' ' + field(v, u"description"_s));
    QCOMPARE(seen, QStringList({u"IN_PROGRESS started"_s, u"IN_PROGRESS halfway there"_s, u"FIXED done"_s}));
}

void tst_Open311Api::serviceRequestUpdatesPostReopens()
{
    QFETCH(QString, ext);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    Report r = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"wall"_s);
    r = ts.ctx().reportService->changeStatus(f.staff, r.id, r.version, ReportStatus::Resolved, u"painted over"_s, true);
    QCOMPARE(
        field(fetch(ts, u"/open311/v2/requests/"_s + id(r) + u".json"_s, u"json"_s).first(), u"status"_s), u"closed"_s);
    const qint64 before = ts.clock().nowMs();
    ts.clock().advanceMs(kMinuteMs);

    const Doc posted = toDoc(postForm(ts, u"/open311/v2/servicerequestupdates."_s + ext,
                                 {{u"api_key"_s, f.apiKey}, {u"service_request_id"_s, id(r)}, {u"status"_s, u"OPEN"_s},
                                     {u"description"_s, u"It is back again"_s}, {u"first_name"_s, u"Νίκος"_s},
                                     {u"last_name"_s, u"Π."_s}, {u"updated_datetime"_s, iso(ts.clock().nowMs())}}),
        isXml(ext));
    VERIFY_DOC(posted, 200, ext);
    QCOMPARE(posted.list().size(), 1);
    const QString updateId = field(posted.first(), u"update_id"_s);
    QVERIFY(!updateId.isEmpty());
    if (isXml(ext))
        QVERIFY(posted.reply.body.contains("<service_request_updates><request_update><update_id>"));

    const Doc read = fetch(ts, u"/open311/v2/requests/"_s + id(r) + u'.' + ext + u"?extensions=true"_s, ext);
    VERIFY_DOC(read, 200, ext);
    QCOMPARE(field(read.first(), u"status"_s), u"open"_s);
    QCOMPARE(field(read.first().value(u"extended_attributes"_s), u"detailed_status"_s), u"acknowledged"_s);
    QCOMPARE(field(read.first(), u"updated_datetime"_s), iso(ts.clock().nowMs()));

    // The reopening is itself an update other clients see.
    const Doc updates = fetch(ts,
        u"/open311/v2/servicerequestupdates."_s + ext + u"?api_key="_s + f.apiKey + u"&start_date="_s
            + iso(before + 1000) + u"&end_date="_s + iso(ts.clock().nowMs()),
        ext);
    VERIFY_DOC(updates, 200, ext);
    QCOMPARE(updates.list().size(), 1);
    QCOMPARE(field(updates.first(), u"update_id"_s), updateId);
    QCOMPARE(field(updates.first(), u"description"_s), u"It is back again"_s);
    QCOMPARE(field(updates.first(), u"status"_s), u"INVESTIGATING"_s);

    // A note without a status on an open report leaves it as it is.
    ts.clock().advanceMs(kMinuteMs);
    const Doc note
        = toDoc(postForm(ts, u"/open311/v2/servicerequestupdates."_s + ext,
                    {{u"api_key"_s, f.apiKey}, {u"service_request_id"_s, id(r)}, {u"description"_s, u"Still there"_s}}),
            isXml(ext));
    VERIFY_DOC(note, 200, ext);
    QVERIFY(field(note.first(), u"update_id"_s) != updateId);
    QCOMPARE(ts.ctx().reports->find(r.id)->status, ReportStatus::Acknowledged);
}

void tst_Open311Api::serviceRequestUpdatesPostErrors_data()
{
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QString>("apiKey"); // "valid": the fixture's key
    QTest::addColumn<QString>("requestId"); // "valid": the report's id
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("description");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("message");
    for (const QString &ext : {u"json"_s, u"xml"_s}) {
        auto row = [&](const char *what) -> QTestData & {
            return QTest::newRow(qPrintable(ext + u": "_s + QLatin1StringView(what)));
        };
        row("no api_key") << ext << QString() << u"valid"_s << u"OPEN"_s << u"back"_s << 403 << u"api_key"_s;
        row("bad api_key") << ext << u"bogus"_s << u"valid"_s << u"OPEN"_s << u"back"_s << 403 << u"api_key"_s;
        row("unknown request") << ext << u"valid"_s << u"999999"_s << u"OPEN"_s << u"back"_s << 404 << u"999999"_s;
        row("no request id") << ext << u"valid"_s << QString() << u"OPEN"_s << u"back"_s << 400
                             << u"service_request_id"_s;
        row("no description") << ext << u"valid"_s << u"valid"_s << u"OPEN"_s << QString() << 400 << u"description"_s;
        row("unknown status") << ext << u"valid"_s << u"valid"_s << u"MAYBE"_s << u"back"_s << 400 << u"MAYBE"_s;
    }
}

void tst_Open311Api::serviceRequestUpdatesPostErrors()
{
    QFETCH(QString, ext);
    QFETCH(QString, apiKey);
    QFETCH(QString, requestId);
    QFETCH(QString, status);
    QFETCH(QString, description);
    QFETCH(int, httpStatus);
    QFETCH(QString, message);
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);
    Report r = file(ts, u"graffiti"_s, kInsideLat, kInsideLon, u"wall"_s);
    r = ts.ctx().reportService->changeStatus(f.staff, r.id, r.version, ReportStatus::Resolved, u"done"_s, true);
    Fields form{{u"status"_s, status}, {u"description"_s, description}};
    if (!apiKey.isEmpty())
        form.append({u"api_key"_s, apiKey == u"valid" ? f.apiKey : apiKey});
    if (!requestId.isEmpty())
        form.append({u"service_request_id"_s, requestId == u"valid" ? id(r) : requestId});
    const Doc d = toDoc(postForm(ts, u"/open311/v2/servicerequestupdates."_s + ext, form), isXml(ext));
    VERIFY_ERROR(d, httpStatus, ext, message);
    QCOMPARE(ts.ctx().reports->find(r.id)->status, ReportStatus::Resolved);
    QCOMPARE(ts.ctx().reports->history(r.id, false).size(), 2); // created, resolved
}

// ---- a client that knows only the specification -----------------------------------------------

void tst_Open311Api::genericClientFilesAndReadsBack()
{
    TestServer ts;
    START_SERVER(ts);
    const Fixture f = seed(ts);

    // 1. Discovery, then everything relative to the endpoint it names.
    const Doc discovery = fetch(ts, u"/open311/v2/discovery.xml"_s, u"xml"_s);
    VERIFY_DOC(discovery, 200, u"xml"_s);
    QString endpoint;
    for (const QJsonValue &e : discovery.value.toObject().value(u"endpoints"_s).toArray()) {
        QStringList formats;
        for (const QJsonValue &v : e.toObject().value(u"formats"_s).toArray())
            formats.append(text(v));
        if (field(e, u"specification"_s) == u"http://wiki.open311.org/GeoReport_v2" && formats.contains(u"text/xml"_s))
            endpoint = QUrl(field(e, u"url"_s)).path();
    }
    QVERIFY(!endpoint.isEmpty());

    // 2. The services; pick one that has a definition.
    const Doc services = fetch(ts, endpoint + u"/services.xml"_s, u"xml"_s);
    VERIFY_DOC(services, 200, u"xml"_s);
    QString code;
    for (const QJsonValue &s : services.list())
        if (field(s, u"metadata"_s) == u"true")
            code = field(s, u"service_code"_s);
    QCOMPARE(code, u"pothole"_s);

    // 3. Its definition: answer every required question with something its datatype allows.
    const Doc definition = fetch(ts, endpoint + u"/services/"_s + code + u".xml"_s, u"xml"_s);
    VERIFY_DOC(definition, 200, u"xml"_s);
    Fields form{{u"api_key"_s, f.apiKey}, {u"service_code"_s, code}, {u"lat"_s, u"41.0912"_s},
        {u"long"_s, u"23.5486"_s}, {u"description"_s, u"Deep pothole in the right lane"_s},
        {u"device_id"_s, u"generic-client-1"_s}};
    int answered = 0;
    for (const QJsonValue &a : definition.value.toObject().value(u"attributes"_s).toArray()) {
        if (field(a, u"variable"_s) != u"true" || field(a, u"required"_s) != u"true")
            continue;
        const QString type = field(a, u"datatype"_s);
        const QString name = u"attribute["_s + field(a, u"code"_s) + u']';
        const QString firstKey = field(a.toObject().value(u"values"_s).toArray().first(), u"key"_s);
        if (type == u"multivaluelist")
            form.append({name + u"[]"_s, firstKey});
        else if (type == u"singlevaluelist")
            form.append({name, firstKey});
        else if (type == u"number")
            form.append({name, u"7"_s});
        else if (type == u"datetime")
            form.append({name, iso(ts.clock().nowMs())});
        else
            form.append({name, u"text"_s});
        ++answered;
    }
    QCOMPARE(answered, 2);

    // 4. File the request.
    const Doc created = toDoc(postForm(ts, endpoint + u"/requests.xml"_s, form), true);
    VERIFY_DOC(created, 200, u"xml"_s);
    QVERIFY(created.reply.body.contains("<service_requests><request>"));
    const QString requestId = field(created.first(), u"service_request_id"_s);
    QVERIFY(!requestId.isEmpty());

    // 5. Read it back.
    const Doc read = fetch(ts, endpoint + u"/requests/"_s + requestId + u".xml"_s, u"xml"_s);
    VERIFY_DOC(read, 200, u"xml"_s);
    QCOMPARE(read.list().size(), 1);
    const QJsonObject r = read.first();
    QCOMPARE(field(r, u"service_request_id"_s), requestId);
    QCOMPARE(field(r, u"service_code"_s), code);
    QCOMPARE(field(r, u"description"_s), u"Deep pothole in the right lane"_s);
    QCOMPARE(field(r, u"lat"_s).toDouble(), 41.0912);
    QCOMPARE(field(r, u"long"_s).toDouble(), 23.5486);
    QCOMPARE(field(r, u"status"_s), u"open"_s);
    QVERIFY(datetimePattern().match(field(r, u"requested_datetime"_s)).hasMatch());
    QVERIFY(!field(r, u"address"_s).isEmpty());

    // And it is in the list a polling client reads.
    const Doc list = fetch(ts, endpoint + u"/requests.xml?service_code="_s + code, u"xml"_s);
    QCOMPARE(idsOf(list), QStringList{requestId});
}

QTEST_GUILESS_MAIN(tst_Open311Api)
#include "tst_Open311Api.moc"
