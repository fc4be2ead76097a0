#include <QRandomGenerator>
#include <QTest>

#include "server/http/FormData.h"

using namespace Qt::StringLiterals;
using dimos::FormData;
using dimos::FormLimits;

namespace {

const QByteArray kBoundary = "----dimosBoundary7MA4YWxk"_ba;
const QByteArray kContentType = "multipart/form-data; boundary=----dimosBoundary7MA4YWxk"_ba;

QByteArray fieldPart(const QByteArray &name, const QByteArray &value)
{
    return "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value;
}

QByteArray filePart(const QByteArray &name, const QByteArray &fileName, const QByteArray &type, const QByteArray &data)
{
    return "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + type + "\r\n\r\n" + data;
}

QByteArray multipartBody(const QByteArray &boundary, const QList<QByteArray> &parts)
{
    QByteArray out;
    for (const QByteArray &part : parts)
        out += "--" + boundary + "\r\n" + part + "\r\n";
    out += "--" + boundary + "--\r\n";
    return out;
}

QByteArray multipartBody(const QList<QByteArray> &parts)
{
    return multipartBody(kBoundary, parts);
}

// Printable ASCII as is, everything else as \xNN, so binary data can sit in expected lists.
QString escaped(QByteArrayView data)
{
    QString out;
    for (const char c : data) {
        if (c >= 0x20 && c < 0x7f && c != '\\')
            out += QChar::fromLatin1(c);
        else
            out += u"\\x"_s + QString::number(static_cast<uchar>(c), 16).rightJustified(2, u'0');
    }
    return out;
}

QString fileLine(const QString &field, const QString &fileName, const QByteArray &type, const QByteArray &data)
{
    return u"file "_s + field + u" \""_s + fileName + u"\" "_s + QString::fromLatin1(type) + u' ' + escaped(data);
}

QStringList describe(const FormData &form)
{
    QStringList out;
    for (const dimos::FormField &field : form.fields)
        out.append(field.name + u'=' + field.value);
    for (const dimos::FormFile &file : form.files)
        out.append(fileLine(file.fieldName, file.fileName, file.declaredType, file.data));
    return out;
}

FormLimits smallLimits()
{
    FormLimits limits;
    limits.maxParts = 3;
    limits.maxFieldBytes = 10;
    limits.maxFileBytes = 100;
    limits.maxTotalFileBytes = 150;
    limits.maxHeaderBytes = 200;
    return limits;
}

// Data that starts like the delimiter without being one, plus CR/LF/NUL runs.
QByteArray trickyBinary()
{
    QByteArray data = "\x00\x01\r\n\r\n"_ba;
    data += "\r\n--" + kBoundary.first(10) + "\r\n";
    data += "\r\n--" + kBoundary + "X\r\n";
    data += "\n--" + kBoundary + "-x";
    data += "mid line --" + kBoundary + "\r\n";
    data += "\r\r\n\xff\xfe\x00\r"_ba;
    return data;
}

} // namespace

Q_DECLARE_METATYPE(dimos::FormLimits)

class tst_FormData final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void multipartValid_data();
    void multipartValid();
    void multipartInvalid_data();
    void multipartInvalid();
    void limits_data();
    void limits();
    void urlEncoded_data();
    void urlEncoded();
    void urlEncodedInvalid_data();
    void urlEncodedInvalid();
    void lookups();
    void parseFormDispatch_data();
    void parseFormDispatch();
    void formatByteSize_data();
    void formatByteSize();
    void nullErrorPointer();
    void largeFileWithNearBoundaries();
    void roundTrip_data();
    void roundTrip();
};

void tst_FormData::multipartValid_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("fields and two files")
        << kContentType
        << multipartBody({fieldPart("category", "pothole"), fieldPart("description", "Big hole\r\nnear school"),
               filePart("photo", "a.jpg", "image/jpeg", "\xff\xd8\xff\xe0JFIF"_ba),
               filePart("photo", "b.png", "image/png", "\x89PNG\r\n\x1a\n"_ba)})
        << QStringList{u"category=pothole"_s, u"description=Big hole\r\nnear school"_s,
               fileLine(u"photo"_s, u"a.jpg"_s, "image/jpeg", "\xff\xd8\xff\xe0JFIF"_ba),
               fileLine(u"photo"_s, u"b.png"_s, "image/png", "\x89PNG\r\n\x1a\n"_ba)};
    QTest::newRow("repeated names") << kContentType
                                    << multipartBody(
                                           {fieldPart("attribute[code][]", "a"), fieldPart("attribute[code][]", "b"),
                                               fieldPart("x", "1"), fieldPart("attribute[code][]", "c")})
                                    << QStringList{u"attribute[code][]=a"_s, u"attribute[code][]=b"_s, u"x=1"_s,
                                           u"attribute[code][]=c"_s};
    QTest::newRow("quoted boundary") << "multipart/form-data; boundary=\"simple\""_ba
                                     << multipartBody("simple", {fieldPart("a", "1")}) << QStringList{u"a=1"_s};
    QTest::newRow("boundary with all RFC 2046 specials")
        << "multipart/form-data; boundary=\"'()+_,-./:=? x\""_ba
        << multipartBody("'()+_,-./:=? x", {fieldPart("a", "1"), fieldPart("b", "2")})
        << QStringList{u"a=1"_s, u"b=2"_s};
    QTest::newRow("unquoted boundary with = and -")
        << "multipart/form-data; boundary=----=_Part_0_1234.5678"_ba
        << multipartBody("----=_Part_0_1234.5678", {fieldPart("a", "1")}) << QStringList{u"a=1"_s};
    QTest::newRow("unquoted boundary with apostrophe, charset first, odd case")
        << "Multipart/Form-Data ; charset=utf-8 ;BOUNDARY = it's"_ba << multipartBody("it's", {fieldPart("a", "1")})
        << QStringList{u"a=1"_s};
    QTest::newRow("one-character boundary") << "multipart/form-data; boundary=z"_ba
                                            << multipartBody("z", {fieldPart("a", "z--z")}) << QStringList{u"a=z--z"_s};
    QTest::newRow("70-character boundary")
        << QByteArray("multipart/form-data; boundary=" + QByteArray(70, 'b'))
        << multipartBody(QByteArray(70, 'b'), {fieldPart("a", "1")}) << QStringList{u"a=1"_s};
    QTest::newRow("empty file") << kContentType
                                << multipartBody({filePart("doc", "empty.txt", "text/plain", QByteArray())})
                                << QStringList{fileLine(u"doc"_s, u"empty.txt"_s, "text/plain", QByteArray())};
    QTest::newRow("binary data with CRLF and partial boundaries")
        << kContentType << multipartBody({filePart("blob", "b.bin", "application/octet-stream", trickyBinary())})
        << QStringList{fileLine(u"blob"_s, u"b.bin"_s, "application/octet-stream", trickyBinary())};
    QTest::newRow("data ending in CR keeps it")
        << kContentType << multipartBody({filePart("f", "cr.bin", "x/y", "abc\r"_ba)})
        << QStringList{fileLine(u"f"_s, u"cr.bin"_s, "x/y", "abc\r"_ba)};
    QTest::newRow("windows path") << kContentType
                                  << multipartBody({filePart("photo", "C:\\x\\y.jpg", "image/jpeg", "J"_ba)})
                                  << QStringList{fileLine(u"photo"_s, u"y.jpg"_s, "image/jpeg", "J"_ba)};
    QTest::newRow("unix and relative paths")
        << kContentType
        << multipartBody({filePart("a", "/etc/passwd", "text/plain", "1"_ba),
               filePart("b", "../../up.jpg", "image/jpeg", "2"_ba), filePart("c", "..", "x/y", "3"_ba)})
        << QStringList{fileLine(u"a"_s, u"passwd"_s, "text/plain", "1"_ba),
               fileLine(u"b"_s, u"up.jpg"_s, "image/jpeg", "2"_ba), fileLine(u"c"_s, QString(), "x/y", "3"_ba)};
    QTest::newRow("escaped backslash in path")
        << kContentType << multipartBody({filePart("p", "C:\\\\dir\\\\z.png", "image/png", "Z"_ba)})
        << QStringList{fileLine(u"p"_s, u"z.png"_s, "image/png", "Z"_ba)};
    QTest::newRow("control and bidi characters dropped from file name")
        << kContentType << multipartBody({filePart("p", "evil\x01\xe2\x80\xaegpj.exe", "image/png", "Z"_ba)})
        << QStringList{fileLine(u"p"_s, u"evilgpj.exe"_s, "image/png", "Z"_ba)};
    QTest::newRow("Greek field and file name") << kContentType
                                               << multipartBody({fieldPart("περιγραφή", "Λακκούβα στην οδό Σερρών"),
                                                      filePart("photo", "φωτογραφία.jpg", "image/jpeg", "J"_ba)})
                                               << QStringList{u"περιγραφή=Λακκούβα στην οδό Σερρών"_s,
                                                      fileLine(u"photo"_s, u"φωτογραφία.jpg"_s, "image/jpeg", "J"_ba)};
    QTest::newRow("filename* preferred over filename")
        << kContentType
        << multipartBody({"Content-Disposition: form-data; name=\"photo\"; filename=\"fallback.jpg\"; "
                          "filename*=UTF-8''%CE%A6%CF%89%CF%84%CE%BF.jpg\r\nContent-Type: image/jpeg\r\n\r\nJ"_ba})
        << QStringList{fileLine(u"photo"_s, u"Φωτο.jpg"_s, "image/jpeg", "J"_ba)};
    QTest::newRow("filename* alone, lower-case charset and a language")
        << kContentType
        << multipartBody({"Content-Disposition: form-data; name=photo; filename*=utf-8'el'%CE%A3.jpg\r\n\r\nJ"_ba})
        << QStringList{fileLine(u"photo"_s, u"Σ.jpg"_s, QByteArray(), "J"_ba)};
    QTest::newRow("filename* in ISO-8859-1")
        << kContentType
        << multipartBody({"Content-Disposition: form-data; name=f; filename*=iso-8859-1''caf%E9.txt\r\n\r\nJ"_ba})
        << QStringList{fileLine(u"f"_s, u"café.txt"_s, QByteArray(), "J"_ba)};
    QTest::newRow("unusable filename* falls back to filename")
        << kContentType
        << multipartBody({"Content-Disposition: form-data; name=f; filename*=KOI8-R''%C1; filename=\"ok.txt\"\r\n"
                          "\r\nJ"_ba})
        << QStringList{fileLine(u"f"_s, u"ok.txt"_s, QByteArray(), "J"_ba)};
    QTest::newRow("quoted strings with escapes and semicolons")
        << kContentType
        << multipartBody({"Content-Disposition: form-data; name=\"a\\\"b;c\"\r\n\r\nv"_ba,
               "Content-Disposition: form-data; name=\"f\"; filename=\"say \\\"hi\\\"; ok.txt\"\r\n\r\nF"_ba})
        << QStringList{u"a\"b;c=v"_s, fileLine(u"f"_s, u"say \"hi\"; ok.txt"_s, QByteArray(), "F"_ba)};
    QTest::newRow("preamble and epilogue")
        << kContentType
        << QByteArray("This is the preamble.\r\n--ignored\r\n" + multipartBody({fieldPart("a", "1")}) + "epilogue\r\n--"
               + kBoundary + "\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n")
        << QStringList{u"a=1"_s};
    QTest::newRow("bare LF in part headers")
        << kContentType
        << QByteArray("--" + kBoundary
               + "\r\nContent-Disposition: form-data; name=\"a\"\nContent-Type: text/plain\n\n1\r\n--" + kBoundary
               + "--\r\n")
        << QStringList{u"a=1"_s};
    QTest::newRow("bare LF everywhere")
        << kContentType
        << QByteArray("--" + kBoundary + "\nContent-Disposition: form-data; name=\"a\"\n\nline1\nline2\n--" + kBoundary
               + "\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\n\n\r\n\n--" + kBoundary + "--")
        << QStringList{u"a=line1\nline2"_s, fileLine(u"f"_s, u"x"_s, QByteArray(), "\r\n"_ba)};
    QTest::newRow("header names and disposition are case-insensitive")
        << kContentType
        << multipartBody({"CONTENT-DISPOSITION: Form-Data; NAME=\"a\"\r\ncontent-type: TEXT/PLAIN\r\n\r\n1"_ba})
        << QStringList{u"a=1"_s};
    QTest::newRow("unknown headers ignored")
        << kContentType
        << multipartBody({"X-Thing: 1\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: "
                          "8bit\r\n\r\n1"_ba})
        << QStringList{u"a=1"_s};
    QTest::newRow("folded header") << kContentType
                                   << multipartBody({"Content-Disposition: form-data;\r\n\tname=\"a\"\r\n\r\n1"_ba})
                                   << QStringList{u"a=1"_s};
    QTest::newRow("transport padding after delimiters")
        << kContentType
        << QByteArray("--" + kBoundary + "  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" + kBoundary
               + " \r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--" + kBoundary + "--")
        << QStringList{u"a=1"_s, u"b=2"_s};
    QTest::newRow("empty value is kept, empty file input is not")
        << kContentType
        << multipartBody({fieldPart("a", QByteArray()),
               filePart("photo", QByteArray(), "application/octet-stream", QByteArray())})
        << QStringList{u"a="_s};
    QTest::newRow("headers only, no blank line")
        << kContentType
        << QByteArray("--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n--" + kBoundary + "--")
        << QStringList{u"a="_s};
    QTest::newRow("no parts") << kContentType << QByteArray("--" + kBoundary + "--\r\n") << QStringList();
    QTest::newRow("unquoted filename, no Content-Type")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=f; filename=plain.txt\r\n\r\nhi"_ba})
        << QStringList{fileLine(u"f"_s, u"plain.txt"_s, QByteArray(), "hi"_ba)};
}

void tst_FormData::multipartValid()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);

    QString error;
    const std::optional<FormData> form = dimos::parseMultipart(contentType, body, FormLimits(), &error);
    QVERIFY2(form.has_value(), qPrintable(error));
    QCOMPARE(describe(*form), expected);

    const std::optional<FormData> viaDispatch = dimos::parseForm(contentType, body, FormLimits(), &error);
    QVERIFY2(viaDispatch.has_value(), qPrintable(error));
    QCOMPARE(describe(*viaDispatch), expected);
}

void tst_FormData::multipartInvalid_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedError");

    const QByteArray valid = multipartBody({fieldPart("a", "1"), filePart("f", "x.bin", "x/y", "0123456789")});

    QTest::newRow("no boundary parameter") << "multipart/form-data"_ba << valid << u"has no boundary parameter"_s;
    QTest::newRow("boundary parameter without value")
        << "multipart/form-data; boundary"_ba << valid << u"has no boundary parameter"_s;
    QTest::newRow("empty boundary") << "multipart/form-data; boundary=\"\""_ba << valid
                                    << u"boundary is 0 characters long; RFC 2046 allows 1 to 70"_s;
    QTest::newRow("boundary of 71 characters") << QByteArray("multipart/form-data; boundary=" + QByteArray(71, 'b'))
                                               << multipartBody(QByteArray(71, 'b'), {fieldPart("a", "1")})
                                               << u"boundary is 71 characters long; RFC 2046 allows 1 to 70"_s;
    QTest::newRow("boundary with @") << "multipart/form-data; boundary=a@b"_ba
                                     << multipartBody("a@b", {fieldPart("a", "1")})
                                     << u"boundary contains '@', which RFC 2046 does not allow"_s;
    QTest::newRow("boundary with control byte")
        << "multipart/form-data; boundary=\"a\x01\""_ba << valid << u"boundary contains byte 0x01"_s;
    QTest::newRow("boundary ending in space")
        << "multipart/form-data; boundary=\"ab \""_ba << valid << u"boundary ends with a space"_s;
    QTest::newRow("unterminated quoted boundary")
        << "multipart/form-data; boundary=\"abc"_ba << valid << u"unterminated quoted string"_s;
    QTest::newRow("multipart/mixed") << "multipart/mixed; boundary=x"_ba << valid
                                     << u"the Content-Type is \"multipart/mixed\", not multipart/form-data"_s;
    QTest::newRow("boundary not in body") << "multipart/form-data; boundary=other"_ba << valid
                                          << u"the body contains no multipart boundary \"--other\""_s;
    QTest::newRow("garbage") << kContentType << "\x8f\x00garbage\r\n\r\n--\r\n"_ba
                             << u"the body contains no multipart boundary"_s;
    QTest::newRow("empty body") << kContentType << QByteArray() << u"the body contains no multipart boundary"_s;
    QTest::newRow("truncated in file data")
        << kContentType << valid.first(valid.size() - 36) << u"the body ends without the closing boundary"_s;
    QTest::newRow("truncated in the closing boundary")
        << kContentType << valid.first(valid.size() - 20) << u"the body ends without the closing boundary"_s;
    QTest::newRow("truncated after a delimiter line")
        << kContentType << QByteArray("--" + kBoundary + "\r\n") << u"the body ends without the closing boundary"_s;
    QTest::newRow("truncated inside the closing delimiter")
        << kContentType << valid.first(valid.size() - 3) << u"the body ends without the closing boundary"_s;
    QTest::newRow("delimiter followed by junk only")
        << kContentType << QByteArray("--" + kBoundary + "junk") << u"the body contains no multipart boundary"_s;
    QTest::newRow("part without Content-Disposition")
        << kContentType << multipartBody({"Content-Type: text/plain\r\n\r\nhello"_ba})
        << u"part 1 has no Content-Disposition header"_s;
    QTest::newRow("empty part") << kContentType << QByteArray("--" + kBoundary + "\r\n--" + kBoundary + "--")
                                << u"part 1 has no Content-Disposition header"_s;
    QTest::newRow("disposition attachment")
        << kContentType
        << multipartBody({fieldPart("a", "1"), "Content-Disposition: attachment; name=\"b\"\r\n\r\n2"_ba})
        << u"part 2 has Content-Disposition \"attachment\", not form-data"_s;
    QTest::newRow("disposition without name")
        << kContentType << multipartBody({"Content-Disposition: form-data; filename=\"x.jpg\"\r\n\r\nJ"_ba})
        << u"part 1 has no field name"_s;
    QTest::newRow("disposition with empty name")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=\"\"\r\n\r\nJ"_ba})
        << u"part 1 has no field name"_s;
    QTest::newRow("unterminated quoted name")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=\"abc\r\n\r\nJ"_ba})
        << u"part 1 has a Content-Disposition header with an unterminated quoted string"_s;
    QTest::newRow("header line without colon")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=a\r\nnonsense\r\n\r\nJ"_ba})
        << u"part 1 has a malformed header line \"nonsense\""_s;
    QTest::newRow("field not UTF-8") << kContentType << multipartBody({fieldPart("desc", "caf\xe9")})
                                     << u"field \"desc\" is not valid UTF-8"_s;
    QTest::newRow("field name not UTF-8") << kContentType << multipartBody({fieldPart("d\xff", "x")})
                                          << u"part 1 has a field name that is not valid UTF-8"_s;
    QTest::newRow("malformed filename* without filename")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=f; filename*=%CE%A3.jpg\r\n\r\nJ"_ba})
        << u"part 1 (\"f\") has a filename* that is not a valid RFC 5987 value"_s;
    QTest::newRow("filename* with bad escape")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=f; filename*=UTF-8''%C\r\n\r\nJ"_ba})
        << u"has a filename* that is not a valid RFC 5987 value"_s;
    QTest::newRow("filename* not UTF-8")
        << kContentType << multipartBody({"Content-Disposition: form-data; name=f; filename*=UTF-8''%FF\r\n\r\nJ"_ba})
        << u"has a filename* that is not a valid RFC 5987 value"_s;
    QTest::newRow("header block over 8 KB")
        << kContentType << multipartBody({filePart("photo", QByteArray(9000, 'n') + ".jpg", "image/jpeg", "J"_ba)})
        << u"the headers of part 1 are longer than 8 KB"_s;
    QTest::newRow("no line break in a long part")
        << kContentType << multipartBody({QByteArray(20000, 'x')}) << u"the headers of part 1 are longer than 8 KB"_s;
    QTest::newRow("too many parts") << kContentType << multipartBody(QList<QByteArray>(65, fieldPart("a", "1")))
                                    << u"the form has more than 64 parts; send fewer fields or files"_s;
}

void tst_FormData::multipartInvalid()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedError);

    QString error;
    const std::optional<FormData> form = dimos::parseMultipart(contentType, body, FormLimits(), &error);
    if (form)
        QFAIL(qPrintable(u"parsed as "_s + describe(*form).join(u'|')));
    QVERIFY2(error.contains(expectedError), qPrintable(error));
}

void tst_FormData::limits_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<FormLimits>("limits");
    QTest::addColumn<QString>("expectedError"); // empty: must parse

    const QByteArray urlencoded = "application/x-www-form-urlencoded"_ba;
    QTest::newRow("parts at the limit") << kContentType
                                        << multipartBody(
                                               {fieldPart("a", "1"), fieldPart("b", "2"), fieldPart("c", "3")})
                                        << smallLimits() << QString();
    QTest::newRow("parts over the limit")
        << kContentType
        << multipartBody({fieldPart("a", "1"), fieldPart("b", "2"), fieldPart("c", "3"), fieldPart("d", "4")})
        << smallLimits() << u"the form has more than 3 parts; send fewer fields or files"_s;
    QTest::newRow("empty file inputs count as parts")
        << kContentType
        << multipartBody({fieldPart("a", "1"), filePart("p", "", "x/y", ""), filePart("p", "", "x/y", ""),
               filePart("p", "", "x/y", "")})
        << smallLimits() << u"more than 3 parts"_s;
    QTest::newRow("field at the limit") << kContentType << multipartBody({fieldPart("a", "0123456789")})
                                        << smallLimits() << QString();
    QTest::newRow("field over the limit")
        << kContentType << multipartBody({fieldPart("description", "0123456789A")}) << smallLimits()
        << u"field \"description\" is 11 bytes; the limit is 10 bytes; shorten it"_s;
    QTest::newRow("file at the limit") << kContentType
                                       << multipartBody({filePart("f", "a.bin", "x/y", QByteArray(100, 'z'))})
                                       << smallLimits() << QString();
    QTest::newRow("file over the limit")
        << kContentType << multipartBody({filePart("photo", "x.jpg", "image/jpeg", QByteArray(101, 'z'))})
        << smallLimits() << u"photo \"x.jpg\" is 101 bytes; the limit is 100 bytes; send a smaller file"_s;
    QTest::newRow("files at the total limit") << kContentType
                                              << multipartBody({filePart("f", "a", "x/y", QByteArray(100, 'z')),
                                                     filePart("f", "b", "x/y", QByteArray(50, 'z'))})
                                              << smallLimits() << QString();
    QTest::newRow("files over the total limit")
        << kContentType
        << multipartBody(
               {filePart("f", "a", "x/y", QByteArray(100, 'z')), filePart("f", "b", "x/y", QByteArray(51, 'z'))})
        << smallLimits()
        << u"the files up to f \"b\" add up to 151 bytes; the limit is 150 bytes for all files together"_s;
    const QByteArray headerAtLimit = "Content-Disposition: form-data; name=\"" + QByteArray(200 - 39, 'n') + "\"";
    QTest::newRow("headers at the limit")
        << kContentType << multipartBody({headerAtLimit + "\r\n\r\nv"}) << smallLimits() << QString();
    QTest::newRow("headers over the limit") << kContentType << multipartBody({headerAtLimit + " \r\n\r\nv"})
                                            << smallLimits() << u"the headers of part 1 are longer than 200 bytes"_s;

    FormLimits kilobyte;
    kilobyte.maxFileBytes = 1024;
    QTest::newRow("rounding alike shows exact bytes")
        << kContentType << multipartBody({filePart("f", "k.bin", "x/y", QByteArray(1025, 'z'))}) << kilobyte
        << u"f \"k.bin\" is 1025 bytes; the limit is 1024 bytes"_s;
    QTest::newRow("default file limit, megabytes")
        << kContentType
        << multipartBody({filePart("photo", "x.jpg", "image/jpeg", QByteArray(12 * 1024 * 1024 + 300 * 1024, 'j'))})
        << FormLimits() << u"photo \"x.jpg\" is 12.3 MB; the limit is 10 MB"_s;

    QTest::newRow("urlencoded fields at the limit") << urlencoded << "a=1&b=2&c"_ba << smallLimits() << QString();
    QTest::newRow("urlencoded fields over the limit")
        << urlencoded << "a=1&b=2&c&d"_ba << smallLimits() << u"the form has more than 3 fields"_s;
    QTest::newRow("urlencoded value at the limit (decoded size)")
        << urlencoded << "a=%CE%A3%CE%A3%CE%A3%CE%A3%CE%A3"_ba << smallLimits() << QString();
    QTest::newRow("urlencoded value over the limit")
        << urlencoded << "title=01234567890"_ba << smallLimits()
        << u"field \"title\" is 11 bytes; the limit is 10 bytes; shorten it"_s;
    QTest::newRow("urlencoded name over the limit")
        << urlencoded << "01234567890=x"_ba << smallLimits() << u"a field name is 11 bytes; the limit is 10 bytes"_s;
}

void tst_FormData::limits()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(FormLimits, limits);
    QFETCH(QString, expectedError);

    QString error;
    const std::optional<FormData> form = dimos::parseForm(contentType, body, limits, &error);
    if (expectedError.isEmpty()) {
        QVERIFY2(form.has_value(), qPrintable(error));
    } else {
        QVERIFY(!form.has_value());
        QVERIFY2(error.contains(expectedError), qPrintable(error));
    }
}

void tst_FormData::urlEncoded_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QByteArray() << QStringList();
    QTest::newRow("two fields") << "a=1&b=2"_ba << QStringList{u"a=1"_s, u"b=2"_s};
    QTest::newRow("plus is space") << "q=dimos+city+hall&x=a%2Bb"_ba << QStringList{u"q=dimos city hall"_s, u"x=a+b"_s};
    QTest::newRow("Greek") << "%CE%A3%CE%B5%CF%81%CF%81%CE%AD%CF%82=%ce%a3"_ba << QStringList{u"Σερρές=Σ"_s};
    QTest::newRow("raw UTF-8 bytes") << "city=Σέρρες"_ba << QStringList{u"city=Σέρρες"_s};
    QTest::newRow("repeated bracket names")
        << "attribute%5Bcode%5D%5B%5D=a&attribute[code][]=b&other=1&attribute[code][]=c"_ba
        << QStringList{u"attribute[code][]=a"_s, u"attribute[code][]=b"_s, u"other=1"_s, u"attribute[code][]=c"_s};
    QTest::newRow("empty pairs skipped") << "&&a=1&&&b=2&"_ba << QStringList{u"a=1"_s, u"b=2"_s};
    QTest::newRow("pair without equals") << "flag&a=1"_ba << QStringList{u"flag="_s, u"a=1"_s};
    QTest::newRow("empty name") << "=x"_ba << QStringList{u"=x"_s};
    QTest::newRow("equals in value") << "a=b=c"_ba << QStringList{u"a=b=c"_s};
    QTest::newRow("encoded separators") << "a=%26%3D%25&b=%0D%0A"_ba << QStringList{u"a=&=%"_s, u"b=\r\n"_s};
    QTest::newRow("NUL byte") << "a=%00"_ba << QStringList{u"a="_s + QChar(u'\0')};
}

void tst_FormData::urlEncoded()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, expected);

    QString error;
    const std::optional<FormData> form = dimos::parseUrlEncoded(body, FormLimits(), &error);
    QVERIFY2(form.has_value(), qPrintable(error));
    QCOMPARE(describe(*form), expected);
    QVERIFY(form->files.isEmpty());
}

void tst_FormData::urlEncodedInvalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("lone percent") << "a=%"_ba << u"malformed %-escape \"%\" at byte 2"_s;
    QTest::newRow("percent and one digit") << "a=1&b=%4"_ba << u"malformed %-escape \"%4\" at byte 6"_s;
    QTest::newRow("non-hex digit") << "a=%G1x"_ba << u"malformed %-escape \"%G1\" at byte 2"_s;
    QTest::newRow("bad escape in name") << "%ZZ=1"_ba << u"malformed %-escape \"%ZZ\" at byte 0"_s;
    QTest::newRow("literal percent") << "discount=50%"_ba << u"a literal '%' is written %25"_s;
    QTest::newRow("invalid UTF-8 byte") << "a=%FF"_ba << u"field \"a\" is not valid UTF-8"_s;
    QTest::newRow("raw Latin-1 byte") << "a=caf\xe9"_ba << u"field \"a\" is not valid UTF-8"_s;
    QTest::newRow("overlong encoding") << "a=%C0%AF"_ba << u"is not valid UTF-8"_s;
    QTest::newRow("encoded surrogate") << "a=%ED%A0%80"_ba << u"is not valid UTF-8"_s;
    QTest::newRow("truncated sequence") << "a=%CE"_ba << u"is not valid UTF-8"_s;
    QTest::newRow("name not UTF-8") << "%FF=1"_ba << u"a field name is not valid UTF-8"_s;
}

void tst_FormData::urlEncodedInvalid()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expectedError);

    QString error;
    QVERIFY(!dimos::parseUrlEncoded(body, FormLimits(), &error).has_value());
    QVERIFY2(error.contains(expectedError), qPrintable(error));
}

void tst_FormData::lookups()
{
    QString error;
    const std::optional<FormData> form = dimos::parseMultipart(kContentType,
        multipartBody({fieldPart("tag", "a"), fieldPart("empty", ""), fieldPart("tag", "b"),
            filePart("photo", "1.jpg", "image/jpeg", "1"), filePart("photo", "2.jpg", "image/jpeg", "2")}),
        FormLimits(), &error);
    QVERIFY2(form.has_value(), qPrintable(error));

    QCOMPARE(form->value(u"tag"), u"a"_s);
    QCOMPARE(form->values(u"tag"), (QStringList{u"a"_s, u"b"_s}));
    QVERIFY(form->contains(u"tag"));
    QVERIFY(form->contains(u"empty"));
    QVERIFY(!form->value(u"empty").isNull());
    QVERIFY(form->value(u"empty").isEmpty());
    QVERIFY(form->value(u"missing").isNull());
    QVERIFY(form->values(u"missing").isEmpty());
    QVERIFY(!form->contains(u"missing"));
    QVERIFY(!form->contains(u"photo")); // files are not fields

    QVERIFY(form->file(u"photo"));
    QCOMPARE(form->file(u"photo")->fileName, u"1.jpg"_s);
    QVERIFY(!form->file(u"tag"));
    QCOMPARE(form->filesNamed(u"photo").size(), 2);
    QCOMPARE(form->filesNamed(u"photo").at(1).data, "2"_ba);

    const std::optional<FormData> encoded = dimos::parseUrlEncoded("a=&b", FormLimits(), &error);
    QVERIFY(encoded.has_value());
    QVERIFY(!encoded->value(u"a").isNull());
    QVERIFY(!encoded->value(u"b").isNull());
    QVERIFY(encoded->value(u"c").isNull());
}

void tst_FormData::parseFormDispatch_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected"); // first field as name=value, or the error

    QTest::newRow("urlencoded") << "application/x-www-form-urlencoded"_ba
                                << "a=1"_ba << u"a=1"_s;
    QTest::newRow("urlencoded with charset and case") << "Application/X-WWW-Form-Urlencoded ; charset=UTF-8"_ba
                                                      << "a=%CE%A3"_ba << u"a=Σ"_s;
    QTest::newRow("multipart in capitals")
        << QByteArray("MULTIPART/FORM-DATA; BOUNDARY=" + kBoundary) << multipartBody({fieldPart("a", "1")}) << u"a=1"_s;
    QTest::newRow("text/plain") << "text/plain; charset=utf-8"_ba
                                << "a=1"_ba
                                << u"unsupported Content-Type \"text/plain\"; send the form as "
                                   u"application/x-www-form-urlencoded or multipart/form-data"_s;
    QTest::newRow("json") << "application/json"_ba
                          << "{}"_ba << u"unsupported Content-Type \"application/json\""_s;
    QTest::newRow("multipart/mixed") << "multipart/mixed; boundary=x"_ba
                                     << "--x--"_ba << u"unsupported Content-Type \"multipart/mixed\""_s;
    QTest::newRow("missing") << QByteArray() << "a=1"_ba
                             << u"the request has no Content-Type; send the form as "
                                u"application/x-www-form-urlencoded or multipart/form-data"_s;
    QTest::newRow("control characters not echoed") << "text/\x1b[31mred"_ba
                                                   << "a=1"_ba << u"unsupported Content-Type \"text/\uFFFD[31mred\""_s;
}

void tst_FormData::parseFormDispatch()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);

    QString error;
    const std::optional<FormData> form = dimos::parseForm(contentType, body, FormLimits(), &error);
    if (form) {
        QVERIFY(!form->fields.isEmpty());
        QCOMPARE(form->fields.first().name + u'=' + form->fields.first().value, expected);
    } else {
        QVERIFY2(error.startsWith(expected), qPrintable(error));
    }
}

void tst_FormData::formatByteSize_data()
{
    QTest::addColumn<qsizetype>("bytes");
    QTest::addColumn<QString>("expected");

    QTest::newRow("zero") << qsizetype(0) << u"0 bytes"_s;
    QTest::newRow("one") << qsizetype(1) << u"1 byte"_s;
    QTest::newRow("1023") << qsizetype(1023) << u"1023 bytes"_s;
    QTest::newRow("1 KB") << qsizetype(1024) << u"1 KB"_s;
    QTest::newRow("1.5 KB") << qsizetype(1536) << u"1.5 KB"_s;
    QTest::newRow("64 KB") << qsizetype(64 * 1024) << u"64 KB"_s;
    QTest::newRow("10 MB") << qsizetype(10 * 1024 * 1024) << u"10 MB"_s;
    QTest::newRow("12.3 MB") << qsizetype(12897485) << u"12.3 MB"_s;
}

void tst_FormData::formatByteSize()
{
    QFETCH(qsizetype, bytes);
    QFETCH(QString, expected);
    QCOMPARE(dimos::formatByteSize(bytes), expected);
}

void tst_FormData::nullErrorPointer()
{
    QVERIFY(!dimos::parseForm("text/plain"_ba, "x"_ba, FormLimits(), nullptr));
    QVERIFY(!dimos::parseMultipart(kContentType, "junk"_ba, FormLimits(), nullptr));
    QVERIFY(!dimos::parseUrlEncoded("a=%"_ba, FormLimits(), nullptr));
    QVERIFY(dimos::parseUrlEncoded("a=1"_ba, FormLimits(), nullptr));
}

// Tens of megabytes full of almost-delimiters: a parser that rescans or appends byte by byte
// would take minutes here, and the data must come back unchanged.
void tst_FormData::largeFileWithNearBoundaries()
{
    const QByteArray chunk = "\r\n--" + kBoundary.chopped(1) + "\r\n--" + kBoundary + "Z\n";
    QByteArray data;
    data.reserve(9 * 1024 * 1024);
    while (data.size() < 9 * 1024 * 1024)
        data += chunk;
    const QByteArray body = multipartBody(
        {fieldPart("a", "1"), filePart("f1", "big1.bin", "x/y", data), filePart("f2", "big2.bin", "x/y", data)});

    QString error;
    const std::optional<FormData> form = dimos::parseMultipart(kContentType, body, FormLimits(), &error);
    QVERIFY2(form.has_value(), qPrintable(error));
    QCOMPARE(form->files.size(), 2);
    QVERIFY(form->files.at(0).data == data);
    QVERIFY(form->files.at(1).data == data);
    QCOMPARE(form->value(u"a"), u"1"_s);
}

void tst_FormData::roundTrip_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed = 1; seed <= 40; ++seed)
        QTest::addRow("seed %u", seed) << seed;
}

// Random forms with random binary files and random (valid) boundaries survive encoding and
// parsing unchanged, whether line ends are CRLF or bare LF.
void tst_FormData::roundTrip()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    const QByteArray bchars = "0123456789abcdefXYZ'()+_,-./:=?"_ba;
    QByteArray boundary;
    const int boundaryLength = random.bounded(1, 71);
    for (int i = 0; i < boundaryLength; ++i)
        boundary += bchars.at(random.bounded(bchars.size()));
    const QByteArray eol = seed % 4 == 0 ? "\n"_ba : "\r\n"_ba;
    // Alphabet rich in the delimiter's own bytes, so near-misses are common.
    const QByteArray alphabet = "-\r\n\0"_ba + boundary.first(std::min<qsizetype>(3, boundary.size()));

    QStringList expected;
    QList<QByteArray> parts;
    QList<QString> fileLines;
    const int count = random.bounded(0, 10);
    for (int i = 0; i < count; ++i) {
        QByteArray data;
        const int size = random.bounded(0, 300);
        for (int j = 0; j < size; ++j)
            data += alphabet.at(random.bounded(alphabet.size()));
        // A client must pick a boundary that its data does not contain, and with bare LF a CR
        // right before the delimiter would read as part of a CRLF.
        const QByteArray delimiter = "--" + boundary;
        while (data.contains(delimiter))
            data.replace(delimiter, "-");
        if (eol == "\n" && data.endsWith('\r'))
            data += 'x';
        const QByteArray name = "n" + QByteArray::number(random.bounded(3));
        if (random.bounded(2) == 0) {
            data.replace('\0', 'x');
            parts.append("Content-Disposition: form-data; name=\"" + name + "\"" + eol + eol + data);
            expected.append(QString::fromLatin1(name) + u'=' + QString::fromUtf8(data));
        } else {
            const QByteArray fileName = "f" + QByteArray::number(i) + ".bin";
            parts.append("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"" + eol
                + "Content-Type: application/octet-stream" + eol + eol + data);
            fileLines.append(
                fileLine(QString::fromLatin1(name), QString::fromLatin1(fileName), "application/octet-stream", data));
        }
    }
    expected += fileLines;
    QByteArray body = "preamble" + eol;
    for (const QByteArray &part : parts)
        body += "--" + boundary + eol + part + eol;
    body += "--" + boundary + "--" + eol + "epilogue";

    QString error;
    const std::optional<FormData> form
        = dimos::parseMultipart("multipart/form-data; boundary=\"" + boundary + "\"", body, FormLimits(), &error);
    QVERIFY2(form.has_value(), qPrintable(error));
    QCOMPARE(describe(*form), expected);
}

QTEST_GUILESS_MAIN(tst_FormData)
#include "tst_FormData.moc"
