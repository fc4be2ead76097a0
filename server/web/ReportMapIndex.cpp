#include "ReportMapIndex.h"

#include <QSet>

#include "server/storage/EventRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/web/WebReports.h"
#include "shared/domain/Report.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
RadiusClusterIndex::Options mapOptions()
{
    RadiusClusterIndex::Options o;
    o.radius = 50; // pixels of a 256-pixel tile: Leaflet's tiles, so about 50 screen pixels
    o.extent = 256;
    o.maxZoom = 17; // from zoom 18 on every report stands alone
    return o;
}
} // namespace

ReportMapIndex::ReportMapIndex(const ReportRepository &reports, const EventRepository &events)
    : m_reports(reports), m_events(events), m_index(mapOptions())
{ }

bool ReportMapIndex::onMap(const Report &report)
{
    return report.hasLocation && WebReports::isPublic(report);
}

const ReportMapIndex::Pin *ReportMapIndex::pin(qint64 id) const
{
    const auto found = m_pins.constFind(id);
    return found == m_pins.cend() ? nullptr : &*found;
}

void ReportMapIndex::apply(const Report &report)
{
    if (!onMap(report)) {
        if (m_pins.remove(report.id))
            m_index.remove(report.id);
        return;
    }
    m_pins.insert(report.id, {report.status, report.serviceCode});
    m_index.upsert({report.id, report.lat, report.lon});
}

void ReportMapIndex::reload()
{
    // The sequence first: a change committed while the reports are read is applied again on
    // the next refresh, which is harmless.
    const qint64 seq = m_events.lastSeq();
    QList<GeoPoint> points;
    QHash<qint64, Pin> pins;
    ReportQuery q;
    q.order = ReportQuery::Order::RequestedDesc;
    q.limit = 5000;
    for (;;) {
        const QList<Report> page = m_reports.query(q);
        for (const Report &r : page) {
            if (!onMap(r))
                continue;
            points.append({r.id, r.lat, r.lon});
            pins.insert(r.id, {r.status, r.serviceCode});
        }
        if (page.size() < q.limit)
            break;
        q.after = std::pair{page.last().requestedMs, page.last().id};
    }
    m_index.build(points);
    m_pins = std::move(pins);
    m_appliedSeq = seq;
}

void ReportMapIndex::refresh()
{
    const qint64 last = m_events.lastSeq();
    if (last == m_appliedSeq)
        return;
    // Never loaded, or the log no longer holds every event since the last refresh.
    if (m_appliedSeq < 0 || last < m_appliedSeq || m_events.firstSeq() > m_appliedSeq + 1) {
        reload();
        return;
    }
    QSet<qint64> changed;
    qint64 at = m_appliedSeq;
    while (at < last) {
        const QList<StoredEvent> events = m_events.range(at, last, 1000);
        if (events.isEmpty())
            break;
        for (const StoredEvent &e : events)
            if (e.entity == u"report")
                changed.insert(e.entityId);
        at = events.last().seq;
    }
    if (changed.size() > 2000) { // a bulk load: one pass over the table is cheaper than many lookups
        reload();
        return;
    }
    for (const qint64 id : std::as_const(changed)) {
        if (const std::optional<Report> r = m_reports.find(id)) {
            apply(*r);
        } else if (m_pins.remove(id)) {
            m_index.remove(id);
        }
    }
    m_appliedSeq = last;
}

QList<Cluster> ReportMapIndex::query(const LatLonBox &box, int zoom)
{
    refresh();
    return m_index.query(box, zoom);
}

} // namespace dimos
