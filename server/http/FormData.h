#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Request-body parsers for HTML form submissions. QHttpServer (Qt 6.4) hands handlers the raw
// body, and multipart/form-data is how browsers upload report photos, so the daemon parses it
// itself. Everything here is outside input: the parsers never trust a length, name or type the
// client sends, enforce FormLimits before copying data, and run in time linear in the body size.
// Error messages are meant to be shown to whoever sent the request, so each one says what was
// wrong and what to do about it.

namespace dimos {

// One uploaded file part.
struct FormFile
{
    QString fieldName;
    QString fileName; // as sent by the client (untrusted), path components and control characters removed
    QByteArray declaredType; // Content-Type of the part as sent (untrusted); empty when the part had none
    QByteArray data;
};

struct FormField
{
    QString name;
    QString value;
};

// The decoded body of a form submission, fields in the order they were sent. A name may repeat
// (attribute[x][]=a&attribute[x][]=b), so lookups come in "first" and "all" flavours.
class FormData
{
public:
    QList<FormField> fields;
    QList<FormFile> files;

    // First value of the field, or a null QString when there is none. A field sent empty
    // ("name=") gives an empty but non-null string, so callers can tell "absent" from "blank".
    QString value(QStringView name) const;
    QStringList values(QStringView name) const;
    // Fields only; file parts are looked up with file()/filesNamed().
    bool contains(QStringView name) const;

    // First file uploaded under the field name, or nullptr. The pointer is valid until `files` changes.
    const FormFile *file(QStringView fieldName) const;
    QList<FormFile> filesNamed(QStringView fieldName) const;
};

struct FormLimits
{
    qsizetype maxParts = 64; // fields + files
    qsizetype maxFieldBytes = 64 * 1024; // one field's value (and, urlencoded, its name)
    qsizetype maxFileBytes = 10 * 1024 * 1024; // one file
    qsizetype maxTotalFileBytes = 40 * 1024 * 1024; // all files together
    qsizetype maxHeaderBytes = 8 * 1024; // one multipart part's header block
};

// Parses application/x-www-form-urlencoded, also usable for URL query strings: '+' is a space,
// %XX is decoded, the result must be UTF-8. Invalid UTF-8 or a malformed %-escape is an error;
// empty pairs ("a=1&&b=2") are skipped; a pair without '=' is a field with an empty value.
// On failure returns nullopt and, when `error` is not null, stores a message in it.
std::optional<FormData> parseUrlEncoded(const QByteArray &body, const FormLimits &limits, QString *error);

// Parses multipart/form-data (RFC 7578). `contentType` is the whole Content-Type header value, from
// which the boundary parameter (quoted or not, 1-70 characters per RFC 2046) is taken. Parts
// without a filename become fields and must be UTF-8; parts with a filename (or filename*, RFC 5987)
// become files. A file input left empty, which browsers send as filename="" with no data, is
// counted against maxParts but not listed. Part headers may end lines with bare LF.
std::optional<FormData> parseMultipart(
    const QByteArray &contentType, const QByteArray &body, const FormLimits &limits, QString *error);

// Dispatches on the media type of `contentType` (parameters and case ignored) to parseUrlEncoded
// or parseMultipart; any other type is an error naming it and the accepted ones.
std::optional<FormData> parseForm(
    const QByteArray &contentType, const QByteArray &body, const FormLimits &limits, QString *error);

// "512 bytes", "64 KB", "12.3 MB": sizes as error messages show them (1 KB = 1024 bytes).
QString formatByteSize(qsizetype bytes);

} // namespace dimos
