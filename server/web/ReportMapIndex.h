#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include "shared/domain/ReportStatus.h"
#include "shared/geo/RadiusClusterIndex.h"

namespace dimos {

class EventRepository;
class ReportRepository;
struct Report;

// The public reports on the web map, clustered in memory with RadiusClusterIndex (supercluster's
// rule), for GET /map/reports.geojson.
//
// How it stays current: every change to a report writes a row in the event log in the same
// transaction (ReportService), whichever process made it — this dimosd, or the dimosd command
// line (demo-seed) beside it. Before each read the index compares the log's last sequence
// number with the one it has applied and applies the reports named by the events in between
// (a few rows by primary key); when the log was pruned past that point it reloads everything.
// So a report is on the map in the very next answer after its commit, with no listener to wire
// and nothing missed from other processes; RadiusClusterIndex then rebuilds once per burst of
// changes, on that read. One thread (the server's).
class ReportMapIndex final
{
public:
    ReportMapIndex(const ReportRepository &reports, const EventRepository &events);

    struct Pin
    {
        ReportStatus status = ReportStatus::New;
        QString serviceCode;
    };

    // Brings the index up to date with the event log (see above).
    void refresh();
    QList<Cluster> query(const LatLonBox &box, int zoom);
    int expansionZoom(const Cluster &cluster) const { return m_index.expansionZoom(cluster); }
    const Pin *pin(qint64 id) const;
    qsizetype size() const { return m_pins.size(); }
    int maxZoom() const { return m_index.options().maxZoom; }

    // The reports on the map: those the public pages show (WebReports::isPublic) that have a
    // location.
    static bool onMap(const Report &report);

private:
    void reload();
    void apply(const Report &report);

    const ReportRepository &m_reports;
    const EventRepository &m_events;
    RadiusClusterIndex m_index;
    QHash<qint64, Pin> m_pins;
    qint64 m_appliedSeq = -1; // -1: never loaded
};

} // namespace dimos
