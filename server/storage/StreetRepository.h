#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace dimos {

class Boundary;
class Database;

// One street (or square, or place) of the municipality's own list, at a representative point.
struct Street
{
    QString nameEl;
    QString nameEn; // may be empty: the Greek name is shown
    double lat = 0;
    double lon = 0;
    QString postcode;
};

// The street list: replaced as a whole by an import, searched by the report form. Search is
// Greek-aware (case and accents ignored: "μεραρχιας" finds "Μεραρχίας") and matches the start
// of any word of either name.
class StreetRepository final
{
public:
    explicit StreetRepository(Database &db) : m_db(db) { }

    void replaceAll(const QList<Street> &streets); // one transaction
    QList<Street> search(const QString &text, int limit) const;
    // The street an address names when exactly one street's name starts it ("Μεραρχίας 12" →
    // Μεραρχίας), else nothing (no street, or several equally long).
    std::optional<Street> locate(const QString &address) const;
    qint64 count() const;

    // A street list from a file: CSV with a header naming at least name_el, lat and lon
    // (optional name_en, postcode), or GeoJSON Features with Point (or LineString: its middle
    // vertex) geometries and those properties. Every street must lie within `boundary` when one
    // is given. Nothing, with *error naming the line or feature and what is wrong.
    static std::optional<QList<Street>> parse(const QByteArray &data, const Boundary *boundary, QString *error);

private:
    Database &m_db;
};

} // namespace dimos
