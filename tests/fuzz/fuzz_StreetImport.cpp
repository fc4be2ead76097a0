// libFuzzer target for the street list import (`dimosd streets import FILE`,
// server/storage/StreetRepository::parse): CSV with a header, or GeoJSON features.
//
// Input: the first byte picks whether the Serres boundary is given (bit 0: none) and the mode
// (bit 1: round trip); the rest is the file. Beyond crashes: a refused file has a message; an
// accepted one has 1–100,000 streets, each with a Greek name of at most 200 characters and a
// finite point in range and inside the boundary. In round-trip mode the input is read as
// streets (one a line, the names and postcode apart by 0x1F) that are written as a CSV with
// every field quoted, and the parser must return them as they were (names trimmed, as
// documented; line breaks cannot be in a CSV line).

#include <QFile>

#include <cmath>

#include "server/storage/StreetRepository.h"
#include "shared/geo/Boundary.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

const Boundary &serres()
{
    static const Boundary boundary = [] {
        QFile file(QStringLiteral(DIMOS_SOURCE_DIR "/resources/demo/serres-boundary.geojson"));
        FUZZ_REQUIRE(file.open(QIODevice::ReadOnly));
        QString error;
        return *Boundary::fromGeoJson(file.readAll(), &error);
    }();
    return boundary;
}

QString clean(QString text)
{
    text.remove(u'\r');
    text.remove(u'\n');
    return text.trimmed();
}

QByteArray quoted(const QString &text)
{
    return '"' + QString(text).replace(u"\""_s, u"\"\""_s).toUtf8() + '"';
}

void roundTrip(const QByteArray &input)
{
    QList<Street> streets;
    QByteArray csv = "name_el,name_en,lat,lon,postcode\n"_ba;
    int n = 0;
    for (const QByteArray &line : input.split('\n')) {
        const QList<QByteArray> parts = fuzz::parts(line, '\x1f', 3);
        Street s;
        s.nameEl = clean(QString::fromUtf8(parts[0]));
        s.nameEn = clean(QString::fromUtf8(parts[1]));
        s.postcode = clean(QString::fromUtf8(parts[2]));
        if (s.nameEl.isEmpty() || s.nameEl.size() > 200 || s.nameEn.size() > 200)
            continue;
        // Points in the town centre, a little apart.
        s.lat = 41.0912 + 0.0001 * (n % 50);
        s.lon = 23.5486 + 0.0001 * (n / 50 % 50);
        ++n;
        streets.append(s);
        csv += quoted(s.nameEl) + ',' + quoted(s.nameEn) + ",\"" + QByteArray::number(s.lat, 'f', 7) + "\","
            + QByteArray::number(s.lon, 'f', 7) + ',' + quoted(s.postcode) + "\r\n";
    }
    if (streets.isEmpty())
        return;
    QString error;
    const std::optional<QList<Street>> back = StreetRepository::parse(csv, &serres(), &error);
    if (!back)
        std::fprintf(stderr, "refused: %s\n", qPrintable(error));
    FUZZ_REQUIRE(back.has_value());
    FUZZ_REQUIRE(back->size() == streets.size());
    for (qsizetype i = 0; i < streets.size(); ++i) {
        const Street &a = streets[i], &b = back->at(i);
        FUZZ_REQUIRE(a.nameEl == b.nameEl && a.nameEn == b.nameEn && a.postcode == b.postcode);
        FUZZ_REQUIRE(std::fabs(a.lat - b.lat) < 1e-7 && std::fabs(a.lon - b.lon) < 1e-7);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    if (selector & 0x02) {
        roundTrip(input);
        return 0;
    }
    const Boundary *boundary = (selector & 0x01) ? nullptr : &serres();
    QString error;
    const std::optional<QList<Street>> streets = StreetRepository::parse(input, boundary, &error);
    if (!streets) {
        FUZZ_REQUIRE(!error.isEmpty());
        return 0;
    }
    FUZZ_REQUIRE(!streets->isEmpty() && streets->size() <= 100'000);
    for (const Street &s : *streets) {
        FUZZ_REQUIRE(!s.nameEl.trimmed().isEmpty() && s.nameEl.size() <= 200 && s.nameEn.size() <= 200);
        FUZZ_REQUIRE(std::isfinite(s.lat) && std::fabs(s.lat) <= 90 && std::isfinite(s.lon) && std::fabs(s.lon) <= 180);
        FUZZ_REQUIRE(!boundary || boundary->contains(s.lat, s.lon));
    }
    return 0;
}
