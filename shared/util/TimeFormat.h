#pragma once

#include <QString>

#include <optional>

namespace dimos {

// Open311 clients parse only "YYYY-MM-DDThh:mm:ssZ": no fractions, always UTC.
QString formatUtc(qint64 epochMs);

// Accepts ISO 8601 / W3C datetimes as Open311 clients send them: with Z, with an offset
// (+02:00, +0200), with fractions, or a bare date (midnight UTC). Returns epoch ms.
std::optional<qint64> parseIsoDateTime(QStringView text);

} // namespace dimos
