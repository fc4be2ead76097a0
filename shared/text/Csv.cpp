#include "Csv.h"

#include <QStringDecoder>

#include <csv.h>

using namespace Qt::StringLiterals;

namespace dimos::csv {

namespace {

struct Reader
{
    QList<QStringList> rows;
    QStringList current;
    bool badText = false;
};

QString decode(const char *bytes, size_t size, bool *bad)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8(QByteArrayView(bytes, static_cast<qsizetype>(size)));
    if (utf8.hasError())
        *bad = true;
    return text;
}

void onField(void *field, size_t size, void *data)
{
    auto *r = static_cast<Reader *>(data);
    r->current.append(field ? decode(static_cast<const char *>(field), size, &r->badText) : QString());
}

void onRow(int, void *data)
{
    auto *r = static_cast<Reader *>(data);
    r->rows.append(std::move(r->current));
    r->current.clear();
}

} // namespace

std::optional<QList<QStringList>> parse(QByteArrayView data, QString *error)
{
    if (data.startsWith("\xEF\xBB\xBF"))
        data = data.sliced(3);
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        *error = u"out of memory"_s;
        return std::nullopt;
    }
    Reader reader;
    const size_t n = csv_parse(&parser, data.data(), static_cast<size_t>(data.size()), onField, onRow, &reader);
    const bool parsed = n == static_cast<size_t>(data.size()) && csv_fini(&parser, onField, onRow, &reader) == 0;
    const int code = csv_error(&parser);
    csv_free(&parser);
    if (!parsed) {
        *error = u"row %1: %2 (a field with a comma, quote or line break must be in double quotes, "
                 "and a quote inside it doubled: \"\")"_s.arg(reader.rows.size() + 1)
                     .arg(QString::fromLatin1(csv_strerror(code)));
        return std::nullopt;
    }
    if (reader.badText) {
        *error = u"the file is not UTF-8 text: save it as \"CSV UTF-8\""_s;
        return std::nullopt;
    }
    return reader.rows;
}

QByteArray row(const QStringList &fields)
{
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out.append(',');
        QString f = fields.at(i);
        if (!f.isEmpty() && QStringView(u"=+-@").contains(f.front()))
            f.prepend(u'\'');
        const bool quote = f.contains(u',') || f.contains(u'"') || f.contains(u'\n') || f.contains(u'\r')
            || (!f.isEmpty() && (f.front().isSpace() || f.back().isSpace()));
        if (quote) {
            out.append('"');
            out.append(f.replace(u"\""_s, u"\"\""_s).toUtf8());
            out.append('"');
        } else {
            out.append(f.toUtf8());
        }
    }
    out.append("\r\n");
    return out;
}

} // namespace dimos::csv
