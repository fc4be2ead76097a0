#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <tuple>

namespace dimos {

class Database;

// A GIS layer as stored (server/gis imports it; the spatial index reads it).
struct GisLayer
{
    qint64 id = 0; // new at every import: a re-imported code gets a new id
    QString code; // [a-z0-9_-], unique
    QString nameEl;
    QString nameEn;
    QString kind; // boundary | municipal_units | school_districts | networks | planning_zones | poi
    QByteArray style = QByteArrayLiteral("{}"); // a JSON object
    QString attribution; // source and licence text that must be shown with the data
    QString sourceFile; // the imported file's name, no folder
    QString sourceCrs; // "EPSG:2100", or the CRS's name when it has no EPSG code
    qint64 featureCount = 0;
    qint64 importedMs = 0;
    QString importedBy;
    bool visible = true; // maps show it when they open (an administrator may hide it)
};

// What an administrator may change in a stored layer without importing it again.
struct GisLayerEdit
{
    std::optional<QString> nameEl;
    std::optional<QString> nameEn;
    std::optional<QByteArray> style; // a JSON object
    std::optional<bool> visible;
};

// One feature: WKB geometry in WGS84 lon/lat (2D, valid) with its bounding box.
struct GisFeature
{
    qint64 id = 0;
    qint64 layerId = 0;
    QString name; // may be empty
    QByteArray attributes = QByteArrayLiteral("{}"); // a JSON object, UTF-8
    QByteArray wkb;
    double minLon = 0, minLat = 0, maxLon = 0, maxLat = 0;
};

class LayerRepository final
{
public:
    explicit LayerRepository(Database &db) : m_db(db) { }

    // Stores the layer and its features in one transaction, replacing a layer of the same code
    // (with its features) — all or nothing. Sets layer.id.
    void replace(GisLayer &layer, const QList<GisFeature> &features);
    bool remove(const QString &code);
    // Changes names, style or visibility; the layer as stored after, or nothing when no layer
    // has that code.
    std::optional<GisLayer> edit(const QString &code, const GisLayerEdit &edit);
    QList<GisLayer> list() const; // by code
    std::optional<GisLayer> find(const QString &code) const;
    // Every feature of a layer, in import order, handed to `visit` one at a time.
    void forEachFeature(qint64 layerId, const std::function<void(const GisFeature &)> &visit) const;
    // Features of a layer whose bounding box meets the box (the SQL prefilter).
    QList<GisFeature> featuresInBox(qint64 layerId, double minLon, double minLat, double maxLon, double maxLat) const;
    // Changes whenever a layer is imported, edited or removed, by this process or another (layer
    // ids are never reused; edits are counted): the spatial index compares it to decide whether
    // to reload.
    std::tuple<qint64, qint64, qint64> revision() const;

private:
    Database &m_db;
};

} // namespace dimos
