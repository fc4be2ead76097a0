#include "StreetRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>

#include "server/storage/Database.h"
#include "shared/geo/Boundary.h"
#include "shared/text/SearchFold.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kMaxStreets = 100'000;
constexpr qsizetype kMaxName = 200;

QString folded(const Street &s)
{
    return u' ' + foldForSearch(QString(s.nameEl + u' ' + s.nameEn)) + u' ';
}

// A CSV line split at commas, with "quoted, fields" and "" inside quotes.
QStringList csvFields(const QString &line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            out.append(field.trimmed());
            field.clear();
        } else {
            field += c;
        }
    }
    out.append(field.trimmed());
    return out;
}

bool checkStreet(const Street &s, const Boundary *boundary, QString *why)
{
    if (s.nameEl.trimmed().isEmpty()) {
        *why = u"name_el is empty"_s;
        return false;
    }
    if (s.nameEl.size() > kMaxName || s.nameEn.size() > kMaxName) {
        *why = u"a name is longer than %1 characters"_s.arg(kMaxName);
        return false;
    }
    if (!std::isfinite(s.lat) || !std::isfinite(s.lon) || std::fabs(s.lat) > 90 || std::fabs(s.lon) > 180) {
        *why = u"lat and lon must be WGS84 degrees (e.g. 41.0912 and 23.5486)"_s;
        return false;
    }
    if (boundary && !boundary->contains(s.lat, s.lon)) {
        *why = u"%1, %2 is outside the municipal boundary (are lat and lon swapped, or is it in another "
               u"coordinate system?)"_s.arg(s.lat, 0, 'f', 6)
                   .arg(s.lon, 0, 'f', 6);
        return false;
    }
    return true;
}

} // namespace

std::optional<QList<Street>> StreetRepository::parse(const QByteArray &data, const Boundary *boundary, QString *error)
{
    QList<Street> out;
    const QByteArray trimmed = data.trimmed();
    if (trimmed.startsWith('{')) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &parseError);
        if (!doc.isObject()) {
            *error = u"the GeoJSON is not valid JSON: %1 at byte %2"_s.arg(parseError.errorString())
                         .arg(parseError.offset);
            return std::nullopt;
        }
        const QJsonArray features = doc.object().value(u"features"_s).toArray();
        if (features.isEmpty()) {
            *error = u"the GeoJSON has no features (a FeatureCollection of streets is expected)"_s;
            return std::nullopt;
        }
        for (qsizetype i = 0; i < features.size(); ++i) {
            const QJsonObject f = features[i].toObject();
            const QJsonObject props = f.value(u"properties"_s).toObject();
            const QJsonObject geometry = f.value(u"geometry"_s).toObject();
            const QString type = geometry.value(u"type"_s).toString();
            QJsonArray point;
            if (type == u"Point") {
                point = geometry.value(u"coordinates"_s).toArray();
            } else if (type == u"LineString") {
                const QJsonArray line = geometry.value(u"coordinates"_s).toArray();
                point = line.at(line.size() / 2).toArray();
            } else {
                *error = u"feature %1: the geometry must be a Point or a LineString, not \"%2\""_s.arg(i + 1).arg(
                    type.left(32));
                return std::nullopt;
            }
            Street s;
            s.nameEl = props.value(u"name_el"_s).toString(props.value(u"name"_s).toString()).trimmed();
            s.nameEn = props.value(u"name_en"_s).toString().trimmed();
            s.postcode = props.value(u"postcode"_s).toString().trimmed();
            s.lon = point.at(0).toDouble(qQNaN());
            s.lat = point.at(1).toDouble(qQNaN());
            QString why;
            if (!checkStreet(s, boundary, &why)) {
                *error = u"feature %1: %2"_s.arg(i + 1).arg(why);
                return std::nullopt;
            }
            out.append(s);
        }
    } else {
        const QStringList lines = QString::fromUtf8(data).split(u'\n');
        qsizetype headerLine = 0; // lines starting with '#' before the header are comments
        while (headerLine < lines.size() && lines[headerLine].trimmed().remove(QChar(0xFEFF)).startsWith(u'#'))
            ++headerLine;
        const QStringList header = csvFields(lines.value(headerLine).remove(u'\r').remove(QChar(0xFEFF)));
        const qsizetype nameEl = header.indexOf(u"name_el"_s), nameEn = header.indexOf(u"name_en"_s),
                        lat = header.indexOf(u"lat"_s), lon = header.indexOf(u"lon"_s),
                        postcode = header.indexOf(u"postcode"_s);
        if (nameEl < 0 || lat < 0 || lon < 0) {
            *error = u"line %1: the CSV header must name the columns name_el, lat and lon (and may name name_en, "
                     u"postcode); found: %2"_s.arg(headerLine + 1)
                         .arg(header.join(u", "_s).left(200));
            return std::nullopt;
        }
        for (qsizetype i = headerLine + 1; i < lines.size(); ++i) {
            QString line = lines[i];
            line.remove(u'\r');
            if (line.trimmed().isEmpty() || line.trimmed().startsWith(u'#'))
                continue;
            const QStringList f = csvFields(line);
            Street s;
            s.nameEl = f.value(nameEl);
            s.nameEn = nameEn >= 0 ? f.value(nameEn) : QString();
            s.postcode = postcode >= 0 ? f.value(postcode) : QString();
            bool okLat = false, okLon = false;
            s.lat = QString(f.value(lat)).replace(u',', u'.').toDouble(&okLat);
            s.lon = QString(f.value(lon)).replace(u',', u'.').toDouble(&okLon);
            if (!okLat || !okLon)
                s.lat = qQNaN();
            QString why;
            if (!checkStreet(s, boundary, &why)) {
                *error = u"line %1: %2"_s.arg(i + 1).arg(why);
                return std::nullopt;
            }
            out.append(s);
        }
    }
    if (out.isEmpty()) {
        *error = u"the file names no streets"_s;
        return std::nullopt;
    }
    if (out.size() > kMaxStreets) {
        *error = u"the file names %1 streets; at most %2 are accepted"_s.arg(out.size()).arg(kMaxStreets);
        return std::nullopt;
    }
    return out;
}

void StreetRepository::replaceAll(const QList<Street> &streets)
{
    m_db.transaction([&] {
        m_db.run(u"DELETE FROM streets"_s);
        for (const Street &s : streets)
            m_db.cached(
                u"INSERT INTO streets (name_el, name_en, folded, lat, lon, postcode) VALUES (?, ?, ?, ?, ?, ?)"_s,
                {s.nameEl.trimmed(), s.nameEn.trimmed(), folded(s), s.lat, s.lon, s.postcode.trimmed()});
    });
}

QList<Street> StreetRepository::search(const QString &text, int limit) const
{
    QList<Street> out;
    const QString f = foldForSearch(text).trimmed();
    if (f.isEmpty())
        return out;
    QString escaped = f;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    // A word of either name starts with what was typed.
    CachedQuery q = m_db.cached(u"SELECT name_el, name_en, lat, lon, postcode FROM streets "
                                u"WHERE folded LIKE ? ESCAPE '\\' ORDER BY length(name_el), name_el LIMIT ?"_s,
        {QString(u"% "_s + escaped + u'%'), limit});
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toDouble(), q.value(3).toDouble(),
            q.value(4).toString()});
    return out;
}

std::optional<Street> StreetRepository::locate(const QString &address) const
{
    const QString f = u' ' + foldForSearch(address).trimmed() + u' ';
    if (f.trimmed().size() < 3)
        return std::nullopt;
    // Streets whose Greek or English name begins the address, longest first: "Εθνικής
    // Αντιστάσεως 5" names Εθνικής Αντιστάσεως, not a street called Εθνικής.
    std::optional<Street> best;
    qsizetype bestLength = 0;
    int tied = 0;
    CachedQuery q = m_db.cached(u"SELECT name_el, name_en, lat, lon, postcode FROM streets"_s);
    while (q.next()) {
        const Street s{q.value(0).toString(), q.value(1).toString(), q.value(2).toDouble(), q.value(3).toDouble(),
            q.value(4).toString()};
        for (const QString &name : {s.nameEl, s.nameEn}) {
            const QString n = u' ' + foldForSearch(name).trimmed() + u' ';
            if (n.trimmed().isEmpty() || !f.startsWith(n))
                continue;
            if (n.size() > bestLength) {
                best = s;
                bestLength = n.size();
                tied = 1;
            } else if (n.size() == bestLength && best && (best->lat != s.lat || best->lon != s.lon)) {
                ++tied; // another street (another place) of a name as long: which one is meant?
            }
        }
    }
    return tied == 1 ? best : std::nullopt;
}

qint64 StreetRepository::count() const
{
    CachedQuery q = m_db.cached(u"SELECT COUNT(*) FROM streets"_s);
    q.next();
    return q.value(0).toLongLong();
}

} // namespace dimos
