#pragma once

#include <QString>

#include <memory>
#include <optional>

#include "server/gis/LayerImporter.h"
#include "server/gis/SpatialIndex.h"

namespace dimos {

class Clock;
class LayerRepository;

// The GIS layers as one service: import (read + store in one transaction, replacing a layer of
// the same code or changing nothing), removal, and the spatial index kept current — reloaded
// after this process imports or removes a layer, and when index() sees that another process
// (the dimosd command line) has (LayerRepository::revision).
class GisLayers final
{
public:
    GisLayers(LayerRepository &repository, const Clock &clock);
    ~GisLayers();
    Q_DISABLE_COPY_MOVE(GisLayers)

    const SpatialIndex &index();
    LayerRepository &repository() { return m_repository; }

    struct Imported
    {
        GisLayer layer;
        int repaired = 0; // invalid geometries made valid
        bool replaced = false; // a layer of that code existed and was replaced
    };
    // Nothing, with *error naming the file and what to do, when the file cannot be imported;
    // then no layer has changed.
    std::optional<Imported> importLayer(
        const LayerImportRequest &request, const ImportProgress &progress, QString *error);
    // Stores a layer the reader has read (LayerImports runs the reader without waiting for it):
    // replaces a layer of the same code, keeping whether it was visible.
    Imported store(ImportedLayer read);
    bool removeLayer(const QString &code);
    std::optional<GisLayer> editLayer(const QString &code, const GisLayerEdit &edit);

private:
    void reload();
    LayerRepository &m_repository;
    const Clock &m_clock;
    SpatialIndex m_index;
    std::optional<std::tuple<qint64, qint64, qint64>> m_revision;
};

} // namespace dimos
