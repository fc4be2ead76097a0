#include "ProtocolRepository.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include "server/storage/Database.h"
#include "server/storage/StorageError.h"
#include "shared/text/Csv.h"
#include "shared/text/SearchFold.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

const QTimeZone &greekTime()
{
    static const QTimeZone athens("Europe/Athens");
    return athens;
}

const QString kEntryColumns = u"e.id, b.code, e.year, e.number, e.registered_ms, e.direction, e.correspondent, "
                              "e.subject, e.sender_reference, e.sender_reference_date, e.department_id, "
                              "e.classification, e.archive_code, e.registered_by, e.registered_by_user_id, e.imported "
                              "FROM protocol_entries e JOIN protocol_books b ON b.id = e.book_id"_s;

ProtocolEntry entryFrom(const CachedQuery &c)
{
    const QSqlQuery &q = c;
    ProtocolEntry e;
    e.id = q.value(0).toLongLong();
    e.bookCode = q.value(1).toString();
    e.year = q.value(2).toInt();
    e.number = q.value(3).toLongLong();
    e.registeredMs = q.value(4).toLongLong();
    e.direction = q.value(5).toString();
    e.correspondent = q.value(6).toString();
    e.subject = q.value(7).toString();
    e.senderReference = q.value(8).toString();
    e.senderReferenceDate = q.value(9).toString();
    if (!q.value(10).isNull())
        e.departmentId = q.value(10).toLongLong();
    e.classification = q.value(11).toString();
    e.archiveCode = q.value(12).toString();
    e.registeredBy = q.value(13).toString();
    if (!q.value(14).isNull())
        e.registeredByUserId = q.value(14).toLongLong();
    e.imported = q.value(15).toInt() != 0;
    return e;
}

QVariant optionalId(const std::optional<qint64> &id)
{
    return id ? QVariant(*id) : QVariant();
}

QString likePattern(const QString &folded)
{
    QString escaped = folded;
    escaped.replace(u"\\"_s, u"\\\\"_s).replace(u"%"_s, u"\\%"_s).replace(u"_"_s, u"\\_"_s);
    return u"%"_s + escaped + u"%"_s;
}

const QStringList kCsvColumns{u"book"_s, u"protocol_number"_s, u"number"_s, u"registered_at"_s, u"direction"_s,
    u"correspondent"_s, u"subject"_s, u"sender_reference"_s, u"sender_reference_date"_s, u"department"_s,
    u"classification"_s, u"archive_code"_s, u"related"_s, u"attachments"_s};

// "in", "out", "internal", also as Greek registers write them (ΕΙΣ, ΕΞ, ΕΣΩΤ).
QString directionFrom(const QString &text)
{
    const QString f = foldForSearch(text).remove(u'.');
    if (f == u"in" || f == u"εισ" || f == u"εισερχομενο")
        return u"in"_s;
    if (f == u"out" || f == u"εξ" || f == u"εξερχομενο")
        return u"out"_s;
    if (f == u"internal" || f == u"εσωτ" || f == u"εσωτερικο")
        return u"internal"_s;
    return {};
}

} // namespace

QString ProtocolEntry::displayNumber() const
{
    const QDate date = QDateTime::fromMSecsSinceEpoch(registeredMs, greekTime()).date();
    return QString::number(number) + u'/' + date.toString(u"dd-MM-yyyy"_s);
}

QJsonObject ProtocolEntry::toJson() const
{
    QJsonArray files;
    for (const ProtocolAttachment &a : attachments)
        files.append(QJsonObject{{u"file_name"_s, a.fileName}, {u"media_type"_s, a.mediaType}, {u"size"_s, a.size},
            {u"sha256"_s, a.sha256}});
    QJsonArray related;
    for (qint64 id : relatedEntryIds)
        related.append(id);
    return QJsonObject{{u"id"_s, id}, {u"book"_s, bookCode}, {u"year"_s, year}, {u"number"_s, number},
        {u"protocol_number"_s, displayNumber()}, {u"registered_at"_s, formatUtc(registeredMs)},
        {u"direction"_s, direction}, {u"correspondent"_s, correspondent}, {u"subject"_s, subject},
        {u"sender_reference"_s, senderReference}, {u"sender_reference_date"_s, senderReferenceDate},
        {u"department_id"_s, departmentId ? QJsonValue(*departmentId) : QJsonValue()},
        {u"classification"_s, classification}, {u"archive_code"_s, archiveCode}, {u"registered_by"_s, registeredBy},
        {u"imported"_s, imported}, {u"attachments"_s, files}, {u"related_ids"_s, related},
        {u"related_texts"_s, QJsonArray::fromStringList(relatedTexts)}};
}

int ProtocolRepository::yearOf(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, greekTime()).date().year();
}

QList<ProtocolBook> ProtocolRepository::books() const
{
    QList<ProtocolBook> out;
    CachedQuery q = m_db.cached(u"SELECT id, code, name_el, name_en, confidential FROM protocol_books ORDER BY id"_s);
    while (q.next())
        out.append(ProtocolBook{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toInt() != 0});
    return out;
}

std::optional<ProtocolBook> ProtocolRepository::book(const QString &code) const
{
    for (const ProtocolBook &b : books())
        if (b.code == code)
            return b;
    return std::nullopt;
}

qint64 ProtocolRepository::nextNumber(qint64 bookId, int year)
{
    // One statement that both creates the year's counter and moves it on: the row lock (or
    // SQLite's write lock, held since BEGIN IMMEDIATE) makes concurrent registrations wait here.
    CachedQuery q
        = m_db.cached(u"INSERT INTO protocol_counters (book_id, year, last_number) VALUES (?, ?, 1) "
                      "ON CONFLICT (book_id, year) DO UPDATE SET last_number = protocol_counters.last_number + 1 "
                      "RETURNING last_number"_s,
            {bookId, year});
    if (!q.next())
        throw StorageError(u"the protocol counter returned no number"_s);
    return q.value(0).toLongLong();
}

void ProtocolRepository::insertDetails(const ProtocolEntry &e)
{
    for (const ProtocolAttachment &a : e.attachments)
        m_db.cached(u"INSERT INTO protocol_attachments (entry_id, file_name, media_type, size, sha256) "
                    "VALUES (?, ?, ?, ?, ?)"_s,
            {e.id, a.fileName, a.mediaType, a.size, a.sha256});
    for (qint64 related : e.relatedEntryIds) {
        CachedQuery exists = m_db.cached(u"SELECT 1 FROM protocol_entries WHERE id = ?"_s, {related});
        if (!exists.next())
            throw StorageError(u"related protocol entry %1 does not exist"_s.arg(related));
        exists.finish();
        m_db.cached(u"INSERT INTO protocol_relations (entry_id, related_entry_id) VALUES (?, ?)"_s, {e.id, related});
    }
    for (const QString &text : e.relatedTexts)
        if (!text.trimmed().isEmpty())
            m_db.cached(
                u"INSERT INTO protocol_relations (entry_id, related_text) VALUES (?, ?)"_s, {e.id, text.trimmed()});
}

ProtocolEntry ProtocolRepository::registerEntry(ProtocolEntry entry, qint64 nowMs)
{
    m_db.transaction(
        [&] {
            const std::optional<ProtocolBook> b = book(entry.bookCode);
            if (!b)
                throw StorageError(u"no protocol book \"%1\""_s.arg(entry.bookCode));
            entry.year = yearOf(nowMs);
            entry.registeredMs = nowMs;
            entry.imported = false;
            entry.number = nextNumber(b->id, entry.year);
            CachedQuery q = m_db.cached(
                u"INSERT INTO protocol_entries (book_id, year, number, registered_ms, direction, correspondent, "
                "subject, folded, sender_reference, sender_reference_date, department_id, classification, "
                "archive_code, registered_by, registered_by_user_id, imported) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id"_s,
                {b->id, entry.year, entry.number, entry.registeredMs, entry.direction, entry.correspondent,
                    entry.subject, foldForSearch(QString(entry.subject + u' ' + entry.correspondent)),
                    entry.senderReference, entry.senderReferenceDate, optionalId(entry.departmentId),
                    entry.classification, entry.archiveCode, entry.registeredBy, optionalId(entry.registeredByUserId)});
            if (!q.next())
                throw StorageError(u"the protocol entry was not stored"_s);
            entry.id = q.value(0).toLongLong();
            q.finish();
            insertDetails(entry);
        },
        Database::Lock::Immediate);
    return entry;
}

int ProtocolRepository::importEntries(const QList<ProtocolEntry> &entries)
{
    m_db.transaction(
        [&] {
            QHash<QString, ProtocolBook> books;
            for (const ProtocolBook &b : this->books())
                books.insert(b.code, b);
            QHash<std::pair<qint64, int>, qint64> highest;
            for (ProtocolEntry e : entries) {
                const auto b = books.constFind(e.bookCode);
                if (b == books.cend())
                    throw StorageError(u"no protocol book \"%1\" (number %2)"_s.arg(e.bookCode, e.displayNumber()));
                e.year = yearOf(e.registeredMs);
                if (findByNumber(e.bookCode, e.year, e.number))
                    throw StorageError(u"number %1 is already in the %2 book"_s.arg(e.displayNumber(), e.bookCode));
                CachedQuery q = m_db.cached(
                    u"INSERT INTO protocol_entries (book_id, year, number, registered_ms, direction, correspondent, "
                    "subject, folded, sender_reference, sender_reference_date, department_id, classification, "
                    "archive_code, registered_by, imported) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import', 1) RETURNING id"_s,
                    {b->id, e.year, e.number, e.registeredMs, e.direction, e.correspondent, e.subject,
                        foldForSearch(QString(e.subject + u' ' + e.correspondent)), e.senderReference,
                        e.senderReferenceDate, optionalId(e.departmentId), e.classification, e.archiveCode});
                if (!q.next())
                    throw StorageError(u"the protocol entry was not stored"_s);
                e.id = q.value(0).toLongLong();
                q.finish();
                e.attachments.clear(); // the files themselves are not in a CSV
                insertDetails(e);
                qint64 &top = highest[{b->id, e.year}];
                top = std::max(top, e.number);
            }
            for (auto it = highest.cbegin(); it != highest.cend(); ++it)
                m_db.cached(
                    u"INSERT INTO protocol_counters (book_id, year, last_number) VALUES (?, ?, ?) "
                    "ON CONFLICT (book_id, year) DO UPDATE SET last_number = CASE WHEN excluded.last_number > "
                    "protocol_counters.last_number THEN excluded.last_number ELSE protocol_counters.last_number END"_s,
                    {it.key().first, it.key().second, it.value()});
        },
        Database::Lock::Immediate);
    return static_cast<int>(entries.size());
}

QList<ProtocolEntry> ProtocolRepository::load(const QString &where, const QVariantList &values) const
{
    QList<ProtocolEntry> out;
    {
        CachedQuery q = m_db.cached(u"SELECT "_s + kEntryColumns + u' ' + where, values);
        while (q.next())
            out.append(entryFrom(q));
    }
    if (out.isEmpty())
        return out;
    QHash<qint64, qsizetype> index;
    QList<qint64> ids;
    for (qsizetype i = 0; i < out.size(); ++i) {
        index.insert(out.at(i).id, i);
        ids.append(out.at(i).id);
    }
    QVariantList v;
    const QString in = m_db.idsCondition(u"entry_id"_s, ids, &v);
    {
        CachedQuery q
            = m_db.cached(u"SELECT entry_id, file_name, media_type, size, sha256 FROM protocol_attachments WHERE "_s
                    + in + u" ORDER BY id"_s,
                v);
        while (q.next())
            out[index.value(q.value(0).toLongLong())].attachments.append(ProtocolAttachment{
                q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong(), q.value(4).toString()});
    }
    CachedQuery q = m_db.cached(
        u"SELECT entry_id, related_entry_id, related_text FROM protocol_relations WHERE "_s + in + u" ORDER BY rowid"_s,
        v);
    while (q.next()) {
        ProtocolEntry &e = out[index.value(q.value(0).toLongLong())];
        if (!q.value(1).isNull())
            e.relatedEntryIds.append(q.value(1).toLongLong());
        else
            e.relatedTexts.append(q.value(2).toString());
    }
    return out;
}

std::optional<ProtocolEntry> ProtocolRepository::find(qint64 id) const
{
    const QList<ProtocolEntry> found = load(u"WHERE e.id = ?"_s, {id});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

std::optional<ProtocolEntry> ProtocolRepository::findByNumber(const QString &bookCode, int year, qint64 number) const
{
    const QList<ProtocolEntry> found
        = load(u"WHERE b.code = ? AND e.year = ? AND e.number = ?"_s, {bookCode, year, number});
    return found.isEmpty() ? std::nullopt : std::optional(found.first());
}

namespace {

QString conditions(const ProtocolQuery &q, QVariantList *values)
{
    QStringList where;
    if (!q.bookCode.isEmpty()) {
        where.append(u"b.code = ?"_s);
        values->append(q.bookCode);
    }
    if (!q.includeConfidential)
        where.append(u"b.confidential = 0"_s);
    if (q.year) {
        where.append(u"e.year = ?"_s);
        values->append(*q.year);
    }
    if (q.number) {
        where.append(u"e.number = ?"_s);
        values->append(*q.number);
    }
    if (q.fromMs) {
        where.append(u"e.registered_ms >= ?"_s);
        values->append(*q.fromMs);
    }
    if (q.toMs) {
        where.append(u"e.registered_ms < ?"_s);
        values->append(*q.toMs);
    }
    const QString folded = foldForSearch(q.text).trimmed();
    if (!folded.isEmpty()) {
        where.append(uR"(e.folded LIKE ? ESCAPE '\')"_s);
        values->append(likePattern(folded));
    }
    if (q.departmentId) {
        where.append(u"e.department_id = ?"_s);
        values->append(*q.departmentId);
    }
    if (!q.direction.isEmpty()) {
        where.append(u"e.direction = ?"_s);
        values->append(q.direction);
    }
    return where.isEmpty() ? QString() : u"WHERE "_s + where.join(u" AND "_s);
}

} // namespace

QList<ProtocolEntry> ProtocolRepository::search(const ProtocolQuery &query) const
{
    QVariantList values;
    const QString where = conditions(query, &values);
    values << query.limit << query.offset;
    return load(where + u" ORDER BY e.registered_ms DESC, e.id DESC LIMIT ? OFFSET ?"_s, values);
}

qint64 ProtocolRepository::count(const ProtocolQuery &query) const
{
    QVariantList values;
    const QString where = conditions(query, &values);
    CachedQuery q = m_db.cached(
        u"SELECT COUNT(*) FROM protocol_entries e JOIN protocol_books b ON b.id = e.book_id "_s + where, values);
    return q.next() ? q.value(0).toLongLong() : 0;
}

QByteArray ProtocolRepository::csvHeader()
{
    return csv::row(kCsvColumns);
}

QByteArray ProtocolRepository::csvRow(const ProtocolEntry &e, const QHash<qint64, QString> &departmentCodes)
{
    QStringList related;
    for (qint64 id : e.relatedEntryIds)
        related.append(u"#"_s + QString::number(id));
    related.append(e.relatedTexts);
    QStringList files;
    for (const ProtocolAttachment &a : e.attachments)
        files.append(a.sha256 + u' ' + a.fileName);
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(e.registeredMs, greekTime());
    return csv::row({e.bookCode, e.displayNumber(), QString::number(e.number), at.toString(Qt::ISODate), e.direction,
        e.correspondent, e.subject, e.senderReference, e.senderReferenceDate,
        e.departmentId ? departmentCodes.value(*e.departmentId) : QString(), e.classification, e.archiveCode,
        related.join(u"; "_s), files.join(u"; "_s)});
}

std::optional<QList<ProtocolEntry>> ProtocolRepository::parseCsv(
    QByteArrayView data, const QString &defaultBook, const QHash<QString, qint64> &departmentIds, QString *error)
{
    const std::optional<QList<QStringList>> rows = csv::parse(data, error);
    if (!rows)
        return std::nullopt;
    if (rows->isEmpty()) {
        *error = u"the file is empty: the first row must name the columns (%1)"_s.arg(kCsvColumns.join(u", "_s));
        return std::nullopt;
    }
    QHash<QString, qsizetype> column;
    for (qsizetype i = 0; i < rows->first().size(); ++i)
        column.insert(rows->first().at(i).trimmed().toLower(), i);
    for (const QString &required :
        {u"number"_s, u"registered_at"_s, u"direction"_s, u"correspondent"_s, u"subject"_s}) {
        if (!column.contains(required)) {
            *error = u"row 1: the header has no column \"%1\"; it must name number, registered_at, direction, "
                     "correspondent and subject (and may name %2)"_s.arg(required, kCsvColumns.join(u", "_s));
            return std::nullopt;
        }
    }
    QList<ProtocolEntry> out;
    QSet<QString> seen;
    for (qsizetype r = 1; r < rows->size(); ++r) {
        const QStringList &row = rows->at(r);
        const auto field = [&](const QString &name) {
            const qsizetype i = column.value(name, -1);
            return i >= 0 && i < row.size() ? row.at(i).trimmed() : QString();
        };
        const auto bad = [&](const QString &what) {
            *error = u"row %1: %2"_s.arg(r + 1).arg(what);
            return std::nullopt;
        };
        ProtocolEntry e;
        e.bookCode = field(u"book"_s).isEmpty() ? defaultBook : field(u"book"_s);
        bool ok = false;
        e.number = field(u"number"_s).toLongLong(&ok);
        if (!ok || e.number <= 0)
            return bad(u"number \"%1\" is not a whole number above 0"_s.arg(field(u"number"_s).left(40)));
        const std::optional<qint64> at = parseIsoDateTime(field(u"registered_at"_s));
        if (!at)
            return bad(u"registered_at \"%1\" is not a date and time like 2021-05-19T10:15:00+03:00"_s.arg(
                field(u"registered_at"_s).left(40)));
        e.registeredMs = *at;
        e.year = yearOf(e.registeredMs);
        e.direction = directionFrom(field(u"direction"_s));
        if (e.direction.isEmpty())
            return bad(
                u"direction \"%1\" is not in, out or internal (ΕΙΣ, ΕΞ, ΕΣΩΤ)"_s.arg(field(u"direction"_s).left(40)));
        e.correspondent = field(u"correspondent"_s);
        e.subject = field(u"subject"_s);
        if (e.subject.isEmpty())
            return bad(u"the subject is empty"_s);
        if (e.correspondent.isEmpty())
            return bad(u"the correspondent (sender or recipient) is empty"_s);
        e.senderReference = field(u"sender_reference"_s);
        e.senderReferenceDate = field(u"sender_reference_date"_s);
        if (!e.senderReferenceDate.isEmpty() && !QDate::fromString(e.senderReferenceDate, Qt::ISODate).isValid())
            return bad(
                u"sender_reference_date \"%1\" is not a date like 2021-05-19"_s.arg(e.senderReferenceDate.left(40)));
        if (const QString dept = field(u"department"_s); !dept.isEmpty()) {
            if (!departmentIds.contains(dept))
                return bad(u"no department with the code \"%1\""_s.arg(dept.left(40)));
            e.departmentId = departmentIds.value(dept);
        }
        e.classification = field(u"classification"_s);
        e.archiveCode = field(u"archive_code"_s);
        for (const QString &rel : field(u"related"_s).split(u';', Qt::SkipEmptyParts))
            if (!rel.trimmed().isEmpty())
                e.relatedTexts.append(rel.trimmed());
        const QString key = e.bookCode + u'/' + QString::number(e.year) + u'/' + QString::number(e.number);
        if (seen.contains(key))
            return bad(u"number %1 appears twice in the file"_s.arg(e.displayNumber()));
        seen.insert(key);
        out.append(std::move(e));
    }
    return out;
}

} // namespace dimos
