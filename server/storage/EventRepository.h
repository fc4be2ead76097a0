#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace dimos {

class Database;

// One row of the event log: a committed change, as the live stream sends it.
struct StoredEvent
{
    qint64 seq = 0; // set by append()
    qint64 atMs = 0;
    QString type; // "report.created", "report.updated"
    QString entity; // "report"
    qint64 entityId = 0;
    std::optional<qint64> departmentId; // after the change
    std::optional<qint64> previousDepartmentId; // before it (equal when unchanged)
    QString serviceCode;
    QByteArray payload; // compact JSON text of the entity as after the change
};

// The event log (table `events`). append() must run inside the transaction of the change it
// records, so an event exists exactly when its change was committed. Sequence numbers come
// from the database and are dense in SQLite (AUTOINCREMENT, rolled back with the transaction);
// gaps appear only where prune() removed rows.
class EventRepository final
{
public:
    explicit EventRepository(Database &db) : m_db(db) { }

    // Stores the event and sets e.seq.
    void append(StoredEvent &e);
    // Events with seq > afterSeq and seq <= upToSeq, oldest first, at most `limit`.
    QList<StoredEvent> range(qint64 afterSeq, qint64 upToSeq, int limit) const;
    // The newest seq, 0 when the log has never held an event.
    qint64 lastSeq() const;
    // The oldest seq still kept, 0 when the log is empty.
    qint64 firstSeq() const;
    // Deletes events older than cutoffMs, but never the newest one (it carries lastSeq()).
    // Returns how many were deleted.
    int pruneOlderThan(qint64 cutoffMs);

private:
    Database &m_db;
};

} // namespace dimos
