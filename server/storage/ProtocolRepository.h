#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace dimos {

class Database;

// A protocol book: numbers run per book and calendar year.
struct ProtocolBook
{
    qint64 id = 0;
    QString code;
    QString nameEl;
    QString nameEn;
    bool confidential = false; // only managers and admins see its entries
};

struct ProtocolAttachment
{
    QString fileName;
    QString mediaType;
    qint64 size = 0;
    QString sha256; // hex
};

// One entry of the protocol register (see migration 0008 and docs/PROTOCOL.md).
struct ProtocolEntry
{
    qint64 id = 0;
    QString bookCode;
    int year = 0;
    qint64 number = 0;
    qint64 registeredMs = 0;
    QString direction; // "in", "out" or "internal"
    QString correspondent; // sender (in) or recipient (out)
    QString subject;
    QString senderReference;
    QString senderReferenceDate; // YYYY-MM-DD or empty
    std::optional<qint64> departmentId;
    QString classification;
    QString archiveCode;
    QString registeredBy;
    std::optional<qint64> registeredByUserId;
    bool imported = false;
    QList<ProtocolAttachment> attachments;
    QList<qint64> relatedEntryIds; // entries of this register
    QStringList relatedTexts; // references outside it, as written

    // The number as it is written: "15924/19-05-2021" (the date in Greek time).
    QString displayNumber() const;
    QJsonObject toJson() const;
};

// What a clerk searches the register by. Text matches the subject or correspondent, Greek-aware
// (case and accents ignored).
struct ProtocolQuery
{
    QString bookCode; // empty: every book the caller may see
    std::optional<int> year;
    std::optional<qint64> number;
    std::optional<qint64> fromMs; // registered at or after
    std::optional<qint64> toMs; // registered before
    QString text;
    std::optional<qint64> departmentId;
    QString direction; // empty: any
    bool includeConfidential = false;
    int limit = 100;
    int offset = 0;
};

// The protocol register. Numbers are taken inside the registering transaction from a
// per-book, per-year counter row, so they are sequential, unique and without gaps however many
// connections register at once, and a registration that fails gives its number back.
class ProtocolRepository final
{
public:
    explicit ProtocolRepository(Database &db) : m_db(db) { }

    QList<ProtocolBook> books() const;
    std::optional<ProtocolBook> book(const QString &code) const;

    // Registers `entry` in its book under the next number of the year `nowMs` falls in (Greek
    // time), at `nowMs`, with its attachments and relations. Joins the caller's transaction or
    // runs its own (taking the write lock at once). Throws StorageError (unknown book, a
    // related entry that does not exist).
    ProtocolEntry registerEntry(ProtocolEntry entry, qint64 nowMs);

    // Entries numbered by another protocol system, with their own numbers and times, all or
    // none: a number already taken in this register is refused (StorageError naming it).
    // Each book-year's counter moves past the highest number imported, so numbers Dimos gives
    // afterwards follow on. Returns how many were imported.
    int importEntries(const QList<ProtocolEntry> &entries);

    std::optional<ProtocolEntry> find(qint64 id) const;
    std::optional<ProtocolEntry> findByNumber(const QString &bookCode, int year, qint64 number) const;
    QList<ProtocolEntry> search(const ProtocolQuery &query) const;
    // How many entries the query matches without limit and offset.
    qint64 count(const ProtocolQuery &query) const;

    // The calendar year of a time in Greek time (Europe/Athens): numbering restarts at local
    // midnight on 1 January.
    static int yearOf(qint64 epochMs);

    // CSV, one entry a row (the columns of csvHeader()); `departmentCodes` names departments
    // by id. Read back by parseCsv (book from the row or `defaultBook`; departments by code).
    static QByteArray csvHeader();
    static QByteArray csvRow(const ProtocolEntry &e, const QHash<qint64, QString> &departmentCodes);
    static std::optional<QList<ProtocolEntry>> parseCsv(
        QByteArrayView data, const QString &defaultBook, const QHash<QString, qint64> &departmentIds, QString *error);

private:
    qint64 nextNumber(qint64 bookId, int year);
    void insertDetails(const ProtocolEntry &entry);
    QList<ProtocolEntry> load(const QString &where, const QVariantList &values) const;

    Database &m_db;
};

} // namespace dimos
