#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dimos::csv {

// Comma-separated values (RFC 4180) read through libcsv: quoted fields may hold commas,
// doubled quotes and line breaks. UTF-8; a byte-order mark at the start is skipped; blank
// lines are skipped; spaces around unquoted fields are dropped. Nothing, with *error naming
// the row, when the quoting is broken or the text is not UTF-8.
std::optional<QList<QStringList>> parse(QByteArrayView data, QString *error);

// One row, each field quoted when it needs to be (a comma, quote, line break, or space at
// either end; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a
// formula), ending in CRLF.
QByteArray row(const QStringList &fields);

} // namespace dimos::csv
