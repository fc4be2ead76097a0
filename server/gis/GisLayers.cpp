#include "GisLayers.h"

#include <QLoggingCategory>

#include "server/gis/LayerTransfer.h"
#include "server/storage/LayerRepository.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

GisLayers::GisLayers(LayerRepository &repository, const Clock &clock) : m_repository(repository), m_clock(clock) { }

GisLayers::~GisLayers() = default;

void GisLayers::reload()
{
    m_revision = m_repository.revision();
    m_index.load(m_repository);
}

const SpatialIndex &GisLayers::index()
{
    if (m_repository.revision() != m_revision)
        reload();
    return m_index;
}

std::optional<GisLayers::Imported> GisLayers::importLayer(
    const LayerImportRequest &request, const ImportProgress &progress, QString *error)
{
    // GDAL runs in a process of its own (LayerTransfer.h); the request is checked here first.
    if (const QString problem = LayerImporter::checkRequest(request); !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    std::optional<ImportedLayer> read = layertransfer::readInChildProcess(request, progress, error);
    if (!read)
        return std::nullopt;
    return store(std::move(*read));
}

GisLayers::Imported GisLayers::store(ImportedLayer read)
{
    Imported out;
    const std::optional<GisLayer> old = m_repository.find(read.layer.code);
    out.replaced = old.has_value();
    out.repaired = read.repaired;
    out.layer = read.layer;
    out.layer.importedMs = m_clock.nowMs();
    if (old)
        out.layer.visible = old->visible;
    m_repository.replace(out.layer, read.features);
    reload();
    return out;
}

std::optional<GisLayer> GisLayers::editLayer(const QString &code, const GisLayerEdit &edit)
{
    std::optional<GisLayer> out = m_repository.edit(code, edit);
    if (out)
        reload();
    return out;
}

bool GisLayers::removeLayer(const QString &code)
{
    const bool removed = m_repository.remove(code);
    if (removed)
        reload();
    return removed;
}

} // namespace dimos
