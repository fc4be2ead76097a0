#pragma once

#include <QString>

namespace dimos {

// The [web] section of dimosd's configuration: what the citizens' pages need beyond the rest.
struct WebSettings
{
    // The map's tile layer: a URL template with {z}, {x}, {y} (and optionally {s}), and the
    // attribution its licence asks for, shown on every map.
    QString tileUrl = QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
    QString tileAttribution = QStringLiteral("© OpenStreetMap contributors");
    QString tileAttributionUrl = QStringLiteral("https://www.openstreetmap.org/copyright");
    // Debian's libjs-leaflet; when it is missing the pages show lists instead of maps.
    QString leafletDir = QStringLiteral("/usr/share/javascript/leaflet");
    // The data-protection notice under the report form; empty: the built-in text.
    QString privacyNoticeEl;
    QString privacyNoticeEn;
    // How long after a report is closed its reporter may say it is not fixed (the link in the
    // update mail), in days.
    int notFixedDays = 30;
};

} // namespace dimos
