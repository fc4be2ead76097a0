#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace dimos::open311 {

enum class Format { Xml, Json };

// Open311 GeoReport v2 documents are built once as a JSON tree and rendered into either
// format, so the two can never disagree. In XML the list is wrapped in `root` with one
// `item` element per entry; nested arrays take their item names from a fixed table
// (attributes → attribute, values → value, notes → note ...). Booleans are true/false,
// nulls become empty elements.
QByteArray renderList(Format format, QStringView root, QStringView item, const QJsonArray &items);
// A single object document (discovery): XML root `root`, JSON a bare object.
QByteArray renderObject(Format format, QStringView root, const QJsonObject &object);

struct Error
{
    int code = 400;
    QString description;
};
// `<errors><error><code/><description/></error></errors>` / `[{"code":…,"description":…}]`
QByteArray renderErrors(Format format, const QList<Error> &errors);

QByteArray contentType(Format format);

} // namespace dimos::open311
