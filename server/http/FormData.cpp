#include "FormData.h"

#include <algorithm>
#include <functional>
#include <utility>

#include <QByteArrayView>

using namespace Qt::StringLiterals;

namespace dimos {

QString FormData::value(QStringView name) const
{
    for (const FormField &field : fields) {
        if (field.name == name)
            return field.value;
    }
    return QString();
}

QStringList FormData::values(QStringView name) const
{
    QStringList out;
    for (const FormField &field : fields) {
        if (field.name == name)
            out.append(field.value);
    }
    return out;
}

bool FormData::contains(QStringView name) const
{
    return std::any_of(fields.cbegin(), fields.cend(), [name](const FormField &field) { return field.name == name; });
}

const FormFile *FormData::file(QStringView fieldName) const
{
    for (const FormFile &f : files) {
        if (f.fieldName == fieldName)
            return &f;
    }
    return nullptr;
}

QList<FormFile> FormData::filesNamed(QStringView fieldName) const
{
    QList<FormFile> out;
    for (const FormFile &f : files) {
        if (f.fieldName == fieldName)
            out.append(f);
    }
    return out;
}

QString formatByteSize(qsizetype bytes)
{
    if (bytes < 1024)
        return bytes == 1 ? u"1 byte"_s : QString::number(bytes) + u" bytes"_s;
    const bool mega = bytes >= 1024 * 1024;
    QString number = QString::number(static_cast<double>(bytes) / (mega ? 1024.0 * 1024.0 : 1024.0), 'f', 1);
    if (number.endsWith(u".0"))
        number.chop(2);
    return number + (mega ? u" MB"_s : u" KB"_s);
}

namespace {

const QString kAcceptedTypes = u"application/x-www-form-urlencoded or multipart/form-data"_s;

std::nullopt_t fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

// Names and types in messages come from the client: keep them short and free of control
// characters so a hostile value cannot forge log lines or flood a page.
QString shown(QStringView text)
{
    constexpr qsizetype kMaxShown = 80;
    QString out = text.size() > kMaxShown ? text.first(kMaxShown).toString() + u"…"_s : text.toString();
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control)
            c = QChar::ReplacementCharacter;
    }
    return out;
}

QString shown(QByteArrayView bytes)
{
    return shown(QString::fromUtf8(bytes));
}

// Two sizes rounded alike could read "10 MB; the limit is 10 MB"; exact counts avoid that.
QString sizeVersusLimit(qsizetype size, qsizetype limit)
{
    QString sizeText = formatByteSize(size);
    QString limitText = formatByteSize(limit);
    if (sizeText == limitText) {
        sizeText = QString::number(size) + u" bytes"_s;
        limitText = QString::number(limit) + u" bytes"_s;
    }
    return sizeText + u"; the limit is "_s + limitText;
}

// Null only for invalid input: an empty field must stay distinguishable from a missing one.
std::optional<QString> decodeUtf8(QByteArrayView bytes)
{
    if (!bytes.isValidUtf8())
        return std::nullopt;
    if (bytes.isEmpty())
        return u""_s;
    return QString::fromUtf8(bytes);
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Decodes %XX (and '+' as space when asked). Returns the offset of a malformed escape in
// `in`, or -1 on success.
qsizetype percentDecode(QByteArrayView in, bool plusIsSpace, QByteArray &out)
{
    out.resize(in.size());
    char *dst = out.data();
    const char *src = in.data();
    const qsizetype n = in.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = src[i];
        if (c == '%') {
            const int high = i + 2 < n ? hexDigit(src[i + 1]) : -1;
            const int low = high >= 0 ? hexDigit(src[i + 2]) : -1;
            if (low < 0)
                return i;
            *dst++ = static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            *dst++ = ' ';
        } else {
            *dst++ = c;
        }
    }
    out.truncate(dst - out.constData());
    return -1;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

bool isSpaceOrTab(char c)
{
    return c == ' ' || c == '\t';
}

// A header value of the form `value *( ";" name "=" ( token / quoted-string ) )`, as used by
// Content-Type and Content-Disposition. Parameter names are lower-cased.
struct HeaderValue
{
    QByteArray value;
    QList<std::pair<QByteArray, QByteArray>> parameters;

    const QByteArray *parameter(QByteArrayView name) const
    {
        for (const auto &[key, val] : parameters) {
            if (key == name)
                return &val;
        }
        return nullptr;
    }
};

// Quoted strings treat a backslash as an escape only before '"' or '\\' (as Go's mime package
// does): old browsers send Windows paths like "C:\x\y.jpg" unescaped, and reading "\x" as "x"
// would turn that into "C:xy.jpg" and defeat the path stripping. Text after the closing quote
// and before the next ';' is ignored. Returns nullopt for an unterminated quoted string.
std::optional<HeaderValue> parseHeaderValue(QByteArrayView text)
{
    HeaderValue out;
    const qsizetype n = text.size();
    qsizetype i = text.indexOf(';');
    if (i < 0)
        i = n;
    out.value = text.first(i).trimmed().toByteArray();
    while (i < n) {
        while (i < n && (text[i] == ';' || isSpaceOrTab(text[i])))
            ++i;
        if (i >= n)
            break;
        const qsizetype nameStart = i;
        while (i < n && text[i] != '=' && text[i] != ';')
            ++i;
        const QByteArray name = text.sliced(nameStart, i - nameStart).trimmed().toByteArray().toLower();
        if (i >= n || text[i] == ';')
            continue; // a parameter without a value carries nothing the parsers use
        ++i;
        while (i < n && isSpaceOrTab(text[i]))
            ++i;
        QByteArray value;
        if (i < n && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                qsizetype stop = i;
                while (stop < n && text[stop] != '"' && text[stop] != '\\')
                    ++stop;
                value.append(text.sliced(i, stop - i));
                i = stop;
                if (i >= n)
                    break;
                if (text[i] == '"') {
                    ++i;
                    closed = true;
                    break;
                }
                if (i + 1 < n && (text[i + 1] == '"' || text[i + 1] == '\\')) {
                    value.append(text[i + 1]);
                    i += 2;
                } else {
                    value.append('\\');
                    ++i;
                }
            }
            if (!closed)
                return std::nullopt;
            while (i < n && text[i] != ';')
                ++i;
        } else {
            const qsizetype valueStart = i;
            while (i < n && text[i] != ';')
                ++i;
            value = text.sliced(valueStart, i - valueStart).trimmed().toByteArray();
        }
        out.parameters.append({name, value});
    }
    return out;
}

QByteArray mediaTypeOf(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed().toByteArray().toLower();
}

// RFC 2046 bchars: DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" / "=" / "?" / " "
bool isBoundaryChar(char c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return QByteArrayView("'()+_,-./:=? ").contains(c);
}

std::optional<QByteArray> boundaryOf(const QByteArray &contentType, QString *error)
{
    const QString usage = u"send e.g. \"Content-Type: multipart/form-data; boundary=----dimos7MA4YWxk\""_s;
    const std::optional<HeaderValue> header = parseHeaderValue(contentType);
    if (!header)
        return fail(error, u"the Content-Type header has an unterminated quoted string; "_s + usage);
    if (!equalsIgnoringCase(header->value, "multipart/form-data")) {
        return fail(
            error, u"the Content-Type is \""_s + shown(header->value) + u"\", not multipart/form-data; "_s + usage);
    }
    const QByteArray *boundary = header->parameter("boundary");
    if (!boundary)
        return fail(error, u"the multipart/form-data Content-Type has no boundary parameter; "_s + usage);
    if (boundary->isEmpty() || boundary->size() > 70) {
        return fail(
            error, u"the multipart boundary is %1 characters long; RFC 2046 allows 1 to 70"_s.arg(boundary->size()));
    }
    for (const char c : *boundary) {
        if (!isBoundaryChar(c)) {
            const QString what = c >= 0x21 && c <= 0x7e
                ? u"'"_s + QChar::fromLatin1(c) + u"'"_s
                : u"byte 0x%1"_s.arg(static_cast<uint>(static_cast<uchar>(c)), 2, 16, QChar(u'0'));
            return fail(error,
                u"the multipart boundary contains "_s + what
                    + u", which RFC 2046 does not allow; use letters, digits and '()+_,-./:=?"_s);
        }
    }
    if (boundary->endsWith(' '))
        return fail(error, u"the multipart boundary ends with a space, which RFC 2046 does not allow"_s);
    return *boundary;
}

// Only the base name of a client's file name is kept; control characters and bidirectional
// overrides go too, since the name ends up in pages and logs ("gpj.exe" shown as "exe.jpg").
QString sanitizedFileName(QString name)
{
    const qsizetype cut = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (cut >= 0)
        name.remove(0, cut + 1);
    name.removeIf([](QChar c) {
        const char16_t u = c.unicode();
        return c.category() == QChar::Other_Control || u == 0x200e || u == 0x200f || (u >= 0x202a && u <= 0x202e)
            || (u >= 0x2066 && u <= 0x2069);
    });
    if (name == u"." || name == u"..")
        name.clear();
    return name;
}

// RFC 5987 ext-value: charset "'" [ language ] "'" value-chars.
std::optional<QString> decodeExtValue(QByteArrayView text)
{
    const qsizetype firstQuote = text.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : text.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0)
        return std::nullopt;
    const QByteArrayView charset = text.first(firstQuote).trimmed();
    QByteArray bytes;
    if (percentDecode(text.sliced(secondQuote + 1), false, bytes) >= 0)
        return std::nullopt;
    if (equalsIgnoringCase(charset, "utf-8"))
        return decodeUtf8(bytes);
    if (equalsIgnoringCase(charset, "iso-8859-1"))
        return QString::fromLatin1(bytes);
    return std::nullopt;
}

class MultipartParser
{
public:
    MultipartParser(const QByteArray &body, const QByteArray &boundary, const FormLimits &limits, QString *error)
        : m_body(body),
          m_delimiter("--" + boundary),
          m_needle("\n" + m_delimiter),
          m_searcher(m_needle.cbegin(), m_needle.cend()),
          m_limits(limits),
          m_error(error)
    { }

    std::optional<FormData> parse()
    {
        std::optional<Delimiter> delimiter = delimiterAt(0);
        if (!delimiter)
            delimiter = findDelimiter(0);
        if (!delimiter) {
            return fail(m_error,
                u"the body contains no multipart boundary \""_s + shown(m_delimiter)
                    + u"\"; make sure the boundary in the Content-Type is the one used in the body"_s);
        }
        qsizetype partNumber = 0;
        while (!delimiter->closes) {
            const qsizetype partStart = delimiter->lineEnd;
            // The line break ending this delimiter line may double as the one before the next
            // delimiter, which makes an empty part; hence the search starts one byte back.
            delimiter = findDelimiter(partStart - 1);
            if (!delimiter) {
                return fail(m_error,
                    u"the body ends without the closing boundary \""_s + shown(m_delimiter)
                        + u"--\"; the upload was probably cut off, so please send it again"_s);
            }
            // The line break before a delimiter belongs to the delimiter, not to the part.
            qsizetype partEnd = delimiter->at - 1;
            if (partEnd > partStart && m_body.at(partEnd - 1) == '\r')
                --partEnd;
            partEnd = std::max(partEnd, partStart);
            if (++partNumber > m_limits.maxParts) {
                return fail(
                    m_error, u"the form has more than %1 parts; send fewer fields or files"_s.arg(m_limits.maxParts));
            }
            if (!parsePart(QByteArrayView(m_body).sliced(partStart, partEnd - partStart), partNumber))
                return std::nullopt;
        }
        return std::move(m_form);
    }

private:
    struct Delimiter
    {
        qsizetype at = 0; // offset of the "--boundary"
        qsizetype lineEnd = 0; // offset just past the delimiter line
        bool closes = false; // "--boundary--"
    };

    // A delimiter is "--boundary" followed by "--" or by optional spaces and a line break; any
    // other continuation is part data that merely starts like the boundary.
    std::optional<Delimiter> delimiterAt(qsizetype at) const
    {
        const qsizetype n = m_body.size();
        if (!QByteArrayView(m_body).sliced(at).startsWith(m_delimiter))
            return std::nullopt;
        qsizetype i = at + m_delimiter.size();
        if (i + 1 < n && m_body.at(i) == '-' && m_body.at(i + 1) == '-')
            return Delimiter{at, i + 2, true};
        while (i < n && isSpaceOrTab(m_body.at(i)))
            ++i;
        if (i < n && m_body.at(i) == '\n')
            return Delimiter{at, i + 1, false};
        if (i + 1 < n && m_body.at(i) == '\r' && m_body.at(i + 1) == '\n')
            return Delimiter{at, i + 2, false};
        return std::nullopt;
    }

    // Searching for "\n--boundary" rather than "\r\n--boundary" also accepts bare-LF bodies; the
    // CR, when present, is trimmed by the caller.
    std::optional<Delimiter> findDelimiter(qsizetype from) const
    {
        const char *begin = m_body.cbegin();
        const char *end = m_body.cend();
        while (from < m_body.size()) {
            const char *hit = std::search(begin + from, end, m_searcher);
            if (hit == end)
                return std::nullopt;
            const qsizetype at = (hit - begin) + 1;
            if (std::optional<Delimiter> delimiter = delimiterAt(at))
                return delimiter;
            from = at;
        }
        return std::nullopt;
    }

    bool parsePart(QByteArrayView part, qsizetype number)
    {
        const QString where = u"part %1"_s.arg(number);
        std::optional<QByteArray> disposition;
        std::optional<QByteArray> contentType;
        enum class Last { None, Disposition, Type, Other } last = Last::None;

        // The header block is searched only up to the limit (plus room for the line break of a header
        // ending right at it and the blank line), so a part whose "headers" are in fact megabytes of
        // data without a line break costs no more than the limit.
        const qsizetype window = m_limits.maxHeaderBytes >= part.size() - 4 ? part.size() : m_limits.maxHeaderBytes + 4;
        const QByteArrayView headerArea = part.first(window);
        const auto tooLong = [&] {
            fail(m_error,
                u"the headers of "_s + where + u" are longer than "_s + formatByteSize(m_limits.maxHeaderBytes)
                    + u"; use a shorter field or file name"_s);
            return false;
        };
        qsizetype pos = 0;
        qsizetype bodyStart = part.size(); // headers running to the end of the part mean an empty body
        while (pos < part.size()) {
            const qsizetype newline = headerArea.indexOf('\n', pos);
            if (newline < 0 && window < part.size())
                return tooLong();
            const qsizetype lineEnd = newline >= 0 ? newline : part.size();
            const qsizetype lineStart = pos;
            QByteArrayView line = part.sliced(lineStart, lineEnd - lineStart);
            if (line.endsWith('\r'))
                line.chop(1);
            pos = newline >= 0 ? newline + 1 : part.size();
            if (line.isEmpty()) {
                bodyStart = pos;
                break;
            }
            if (lineStart + line.size() > m_limits.maxHeaderBytes)
                return tooLong();
            if (isSpaceOrTab(line.front()) && last != Last::None) {
                // obs-fold: a continuation of the previous header's value
                if (last == Last::Disposition)
                    *disposition += ' ' + line.trimmed().toByteArray();
                else if (last == Last::Type)
                    *contentType += ' ' + line.trimmed().toByteArray();
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                fail(m_error,
                    where + u" has a malformed header line \""_s + shown(line)
                        + u"\"; part headers must look like \"Name: value\""_s);
                return false;
            }
            const QByteArrayView name = line.first(colon).trimmed();
            const QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
            if (equalsIgnoringCase(name, "content-disposition") && !disposition) {
                disposition = value;
                last = Last::Disposition;
            } else if (equalsIgnoringCase(name, "content-type") && !contentType) {
                contentType = value;
                last = Last::Type;
            } else {
                last = Last::Other;
            }
        }

        const QString needName
            = u"; every part needs a header like Content-Disposition: form-data; name=\"description\""_s;
        if (!disposition) {
            fail(m_error, where + u" has no Content-Disposition header"_s + needName);
            return false;
        }
        const std::optional<HeaderValue> header = parseHeaderValue(*disposition);
        if (!header) {
            fail(m_error, where + u" has a Content-Disposition header with an unterminated quoted string"_s + needName);
            return false;
        }
        if (!equalsIgnoringCase(header->value, "form-data")) {
            fail(m_error,
                where + u" has Content-Disposition \""_s + shown(header->value) + u"\", not form-data"_s + needName);
            return false;
        }
        const QByteArray *rawName = header->parameter("name");
        if (!rawName || rawName->isEmpty()) {
            fail(m_error, where + u" has no field name"_s + needName);
            return false;
        }
        const std::optional<QString> name = decodeUtf8(*rawName);
        if (!name) {
            fail(m_error, where + u" has a field name that is not valid UTF-8; send field names as UTF-8"_s);
            return false;
        }

        const QByteArrayView content = part.sliced(bodyStart);
        const QByteArray *plainFileName = header->parameter("filename");
        const QByteArray *extFileName = header->parameter("filename*");
        if (!plainFileName && !extFileName)
            return addField(*name, content);

        std::optional<QString> fileName;
        if (extFileName)
            fileName = decodeExtValue(*extFileName);
        if (!fileName && !plainFileName) {
            fail(m_error,
                where + u" (\""_s + shown(*name)
                    + u"\") has a filename* that is not a valid RFC 5987 value; "
                      u"send it as filename*=UTF-8''followed by the percent-encoded UTF-8 name"_s);
            return false;
        }
        // A plain filename in a legacy encoding is only a display name: replacement characters
        // are better than refusing the upload.
        if (!fileName)
            fileName = QString::fromUtf8(*plainFileName);
        // What browsers send for a file input left empty.
        if (fileName->isEmpty() && content.isEmpty())
            return true;
        return addFile(*name, sanitizedFileName(*fileName), contentType.value_or(QByteArray()), content);
    }

    bool addField(const QString &name, QByteArrayView content)
    {
        if (content.size() > m_limits.maxFieldBytes) {
            fail(m_error,
                u"field \""_s + shown(name) + u"\" is "_s + sizeVersusLimit(content.size(), m_limits.maxFieldBytes)
                    + u"; shorten it"_s);
            return false;
        }
        std::optional<QString> value = decodeUtf8(content);
        if (!value) {
            fail(m_error,
                u"field \""_s + shown(name)
                    + u"\" is not valid UTF-8; send the form as UTF-8 (<form accept-charset=\"UTF-8\">)"_s);
            return false;
        }
        m_form.fields.append(FormField{name, std::move(*value)});
        return true;
    }

    bool addFile(const QString &fieldName, const QString &fileName, const QByteArray &type, QByteArrayView content)
    {
        const QString label = shown(fieldName) + u" \""_s + shown(fileName) + u"\""_s;
        if (content.size() > m_limits.maxFileBytes) {
            fail(m_error,
                label + u" is "_s + sizeVersusLimit(content.size(), m_limits.maxFileBytes)
                    + u"; send a smaller file (photos can be resized or compressed)"_s);
            return false;
        }
        m_totalFileBytes += content.size();
        if (m_totalFileBytes > m_limits.maxTotalFileBytes) {
            fail(m_error,
                u"the files up to "_s + label + u" add up to "_s
                    + sizeVersusLimit(m_totalFileBytes, m_limits.maxTotalFileBytes)
                    + u" for all files together; send fewer or smaller files"_s);
            return false;
        }
        m_form.files.append(FormFile{fieldName, fileName, type, content.toByteArray()});
        return true;
    }

    const QByteArray &m_body;
    const QByteArray m_delimiter;
    const QByteArray m_needle;
    const std::boyer_moore_horspool_searcher<QByteArray::const_iterator> m_searcher;
    const FormLimits &m_limits;
    QString *m_error;
    FormData m_form;
    qsizetype m_totalFileBytes = 0;
};

} // namespace

std::optional<FormData> parseUrlEncoded(const QByteArray &body, const FormLimits &limits, QString *error)
{
    FormData form;
    const QByteArrayView all(body);
    QByteArray name;
    QByteArray value;
    qsizetype start = 0;
    while (start < all.size()) {
        qsizetype end = all.indexOf('&', start);
        if (end < 0)
            end = all.size();
        const QByteArrayView pair = all.sliced(start, end - start);
        const qsizetype pairStart = start;
        start = end + 1;
        if (pair.isEmpty())
            continue;
        if (form.fields.size() >= limits.maxParts)
            return fail(error, u"the form has more than %1 fields; send fewer"_s.arg(limits.maxParts));

        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView rawName = equals < 0 ? pair : pair.first(equals);
        const QByteArrayView rawValue = equals < 0 ? QByteArrayView() : pair.sliced(equals + 1);
        const auto decode = [&](QByteArrayView raw, QByteArray &out, qsizetype offset) {
            const qsizetype bad = percentDecode(raw, true, out);
            if (bad < 0)
                return true;
            fail(error,
                u"the form data has a malformed %-escape \""_s
                    + shown(raw.sliced(bad).first(std::min<qsizetype>(3, raw.size() - bad)))
                    + u"\" at byte %1; '%' must be followed by two hexadecimal digits "
                      u"(a literal '%' is written %25)"_s.arg(offset + bad));
            return false;
        };
        if (!decode(rawName, name, pairStart) || !decode(rawValue, value, pairStart + equals + 1))
            return std::nullopt;
        const std::optional<QString> fieldName = decodeUtf8(name);
        if (!fieldName)
            return fail(error, u"a field name is not valid UTF-8; send the form as UTF-8"_s);
        if (name.size() > limits.maxFieldBytes) {
            return fail(error,
                u"a field name is "_s + sizeVersusLimit(name.size(), limits.maxFieldBytes) + u"; use a shorter name"_s);
        }
        if (value.size() > limits.maxFieldBytes) {
            return fail(error,
                u"field \""_s + shown(*fieldName) + u"\" is "_s + sizeVersusLimit(value.size(), limits.maxFieldBytes)
                    + u"; shorten it"_s);
        }
        std::optional<QString> fieldValue = decodeUtf8(value);
        if (!fieldValue) {
            return fail(error,
                u"field \""_s + shown(*fieldName)
                    + u"\" is not valid UTF-8; send the form as UTF-8 (<form accept-charset=\"UTF-8\">)"_s);
        }
        form.fields.append(FormField{*fieldName, std::move(*fieldValue)});
    }
    return form;
}

std::optional<FormData> parseMultipart(
    const QByteArray &contentType, const QByteArray &body, const FormLimits &limits, QString *error)
{
    const std::optional<QByteArray> boundary = boundaryOf(contentType, error);
    if (!boundary)
        return std::nullopt;
    return MultipartParser(body, *boundary, limits, error).parse();
}

std::optional<FormData> parseForm(
    const QByteArray &contentType, const QByteArray &body, const FormLimits &limits, QString *error)
{
    const QByteArray mediaType = mediaTypeOf(contentType);
    if (mediaType == "application/x-www-form-urlencoded")
        return parseUrlEncoded(body, limits, error);
    if (mediaType == "multipart/form-data")
        return parseMultipart(contentType, body, limits, error);
    if (mediaType.isEmpty())
        return fail(error, u"the request has no Content-Type; send the form as "_s + kAcceptedTypes);
    return fail(
        error, u"unsupported Content-Type \""_s + shown(mediaType) + u"\"; send the form as "_s + kAcceptedTypes);
}

} // namespace dimos
