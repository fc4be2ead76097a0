#include "LayerRepository.h"

#include <QSqlQuery>
#include <QVariant>

#include "server/storage/Database.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

const QString kLayerColumns = u"id, code, name_el, name_en, kind, style, attribution, source_file, source_crs, "
                              u"feature_count, imported_ms, imported_by, visible"_s;
const QString kFeatureColumns = u"id, layer_id, name, attributes, geometry, min_lon, min_lat, max_lon, max_lat"_s;

GisLayer layerFrom(const CachedQuery &q)
{
    GisLayer l;
    l.id = q.value(0).toLongLong();
    l.code = q.value(1).toString();
    l.nameEl = q.value(2).toString();
    l.nameEn = q.value(3).toString();
    l.kind = q.value(4).toString();
    l.style = q.value(5).toString().toUtf8();
    l.attribution = q.value(6).toString();
    l.sourceFile = q.value(7).toString();
    l.sourceCrs = q.value(8).toString();
    l.featureCount = q.value(9).toLongLong();
    l.importedMs = q.value(10).toLongLong();
    l.importedBy = q.value(11).toString();
    l.visible = q.value(12).toInt() != 0;
    return l;
}

GisFeature featureFrom(const CachedQuery &q)
{
    GisFeature f;
    f.id = q.value(0).toLongLong();
    f.layerId = q.value(1).toLongLong();
    f.name = q.value(2).toString();
    f.attributes = q.value(3).toString().toUtf8();
    f.wkb = q.value(4).toByteArray();
    f.minLon = q.value(5).toDouble();
    f.minLat = q.value(6).toDouble();
    f.maxLon = q.value(7).toDouble();
    f.maxLat = q.value(8).toDouble();
    return f;
}

} // namespace

void LayerRepository::replace(GisLayer &layer, const QList<GisFeature> &features)
{
    m_db.transaction([&] {
        m_db.run(u"DELETE FROM gis_layers WHERE code = ?"_s, {layer.code}); // its features go with it (cascade)
        CachedQuery q = m_db.cached(u"INSERT INTO gis_layers (code, name_el, name_en, kind, style, attribution, "
                                    u"source_file, source_crs, feature_count, imported_ms, imported_by, visible) "
                                    u"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
            {layer.code, layer.nameEl, layer.nameEn, layer.kind, QString::fromUtf8(layer.style), layer.attribution,
                layer.sourceFile, layer.sourceCrs, qint64(features.size()), layer.importedMs, layer.importedBy,
                layer.visible ? 1 : 0});
        q.next();
        layer.id = q.value(0).toLongLong();
        q.finish();
        layer.featureCount = features.size();
        for (const GisFeature &f : features)
            m_db.cached(u"INSERT INTO gis_features (layer_id, name, attributes, geometry, min_lon, min_lat, max_lon, "
                        u"max_lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                {layer.id, f.name, QString::fromUtf8(f.attributes), f.wkb, f.minLon, f.minLat, f.maxLon, f.maxLat});
    });
}

bool LayerRepository::remove(const QString &code)
{
    bool removed = false;
    m_db.transaction(
        [&] { removed = m_db.run(u"DELETE FROM gis_layers WHERE code = ?"_s, {code}).numRowsAffected() > 0; });
    return removed;
}

std::optional<GisLayer> LayerRepository::edit(const QString &code, const GisLayerEdit &edit)
{
    std::optional<GisLayer> out;
    m_db.transaction([&] {
        out = find(code);
        if (!out)
            return;
        if (edit.nameEl)
            out->nameEl = *edit.nameEl;
        if (edit.nameEn)
            out->nameEn = *edit.nameEn;
        if (edit.style)
            out->style = *edit.style;
        if (edit.visible)
            out->visible = *edit.visible;
        m_db.run(u"UPDATE gis_layers SET name_el = ?, name_en = ?, style = ?, visible = ?, edits = edits + 1 "
                 u"WHERE id = ?"_s,
            {out->nameEl, out->nameEn, QString::fromUtf8(out->style), out->visible ? 1 : 0, out->id});
    });
    return out;
}

QList<GisLayer> LayerRepository::list() const
{
    QList<GisLayer> out;
    CachedQuery q = m_db.cached(u"SELECT "_s + kLayerColumns + u" FROM gis_layers ORDER BY code"_s);
    while (q.next())
        out.append(layerFrom(q));
    return out;
}

std::optional<GisLayer> LayerRepository::find(const QString &code) const
{
    CachedQuery q = m_db.cached(u"SELECT "_s + kLayerColumns + u" FROM gis_layers WHERE code = ?"_s, {code});
    if (!q.next())
        return std::nullopt;
    return layerFrom(q);
}

void LayerRepository::forEachFeature(qint64 layerId, const std::function<void(const GisFeature &)> &visit) const
{
    CachedQuery q = m_db.cached(
        u"SELECT "_s + kFeatureColumns + u" FROM gis_features WHERE layer_id = ? ORDER BY id"_s, {layerId});
    while (q.next())
        visit(featureFrom(q));
}

QList<GisFeature> LayerRepository::featuresInBox(
    qint64 layerId, double minLon, double minLat, double maxLon, double maxLat) const
{
    QList<GisFeature> out;
    CachedQuery q = m_db.cached(u"SELECT "_s + kFeatureColumns
            + u" FROM gis_features WHERE layer_id = ? AND min_lon <= ? AND max_lon >= ? AND min_lat <= ? "
              u"AND max_lat >= ? ORDER BY id"_s,
        {layerId, maxLon, minLon, maxLat, minLat});
    while (q.next())
        out.append(featureFrom(q));
    return out;
}

std::tuple<qint64, qint64, qint64> LayerRepository::revision() const
{
    CachedQuery q = m_db.cached(u"SELECT COALESCE(MAX(id), 0), COUNT(*), COALESCE(SUM(edits), 0) FROM gis_layers"_s);
    q.next();
    return {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
}

} // namespace dimos
