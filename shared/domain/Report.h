#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "shared/domain/ReportStatus.h"

namespace dimos {

enum class Priority { Low = 0, Normal = 1, High = 2, Urgent = 3 };

// The citizen's contact details. Private: shown only to staff who handle the report.
struct ReporterContact
{
    QString email;
    QString firstName;
    QString lastName;
    QString phone;
    QString deviceId;
    QString accountId;
    QString language = QStringLiteral("el"); // of the mails about the report: "el" or "en"
};

struct ReportPhoto
{
    qint64 id = 0;
    QString sha256; // content address of the re-encoded JPEG
    int width = 0;
    int height = 0;
    qint64 createdMs = 0;
    bool isPublic = true; // false: waits for a moderator (photos sent through the web pages)
};

// Who may see a report besides staff. Reports from Open311 apps and staff are public at once;
// one filed on the web pages waits for the citizen's e-mailed confirmation, and in a moderated
// category then for a moderator.
enum class Visibility {
    Unconfirmed, // the citizen has not followed the confirmation link yet
    Moderation, // confirmed, waiting for a moderator
    Public,
    Hidden, // taken down by a moderator
};
QString visibilityToString(Visibility visibility);
std::optional<Visibility> visibilityFromString(QStringView name);

// A citizen's report: an Open311 service request.
struct Report
{
    qint64 id = 0;
    QString serviceCode;
    ReportStatus status = ReportStatus::New;
    std::optional<qint64> duplicateOf;
    QString description;
    bool hasLocation = true; // false: filed with an address only, to be placed by a clerk
    double lat = 0;
    double lon = 0;
    QString address; // as the citizen gave it; empty when not given
    QString addressId;
    QString zipcode;
    QString statusNotes; // the latest public note
    QString agencyResponsible;
    QString serviceNotice;
    QString channel; // "open311", "web", "desk"...
    qint64 requestedMs = 0;
    qint64 updatedMs = 0;
    std::optional<qint64> expectedMs;
    // When it should be dealt with: filed + the category's service level (sla_days) at the
    // time; empty when the category has none.
    std::optional<qint64> dueMs;
    Priority priority = Priority::Normal;
    Visibility visibility = Visibility::Public;
    std::optional<qint64> departmentId;
    std::optional<qint64> assigneeId;
    int version = 1;
    QString token; // Open311 token, given before an id exists
    qint64 apiKeyId = 0;
    ReporterContact contact;
    QList<std::pair<QString, QStringList>> attributes;
    QList<ReportPhoto> photos;
};

// One line of a report's history.
struct ReportHistoryEntry
{
    enum class Kind {
        Created,
        StatusChange,
        PublicNote,
        InternalNote,
        Assignment,
        Priority,
        Duplicate,
        Reopen,
        Confirmed, // the citizen followed the e-mailed link
        // Moderation; `text` is the moderator's reason (a photo's id for the photo kinds).
        Approved,
        Hidden,
        PhotoShown,
        PhotoWithheld,
        Redacted, // the description was replaced; the old text is kept nowhere
    };
    qint64 id = 0;
    qint64 reportId = 0;
    qint64 atMs = 0;
    Kind kind = Kind::Created;
    std::optional<qint64> actorUserId; // empty: the citizen or an external system
    QString actorName;
    std::optional<ReportStatus> oldStatus;
    std::optional<ReportStatus> newStatus;
    QString text;
    bool isPublic = false;
};

QString historyKindToString(ReportHistoryEntry::Kind kind);
ReportHistoryEntry::Kind historyKindFromString(QStringView name);
QString priorityToString(Priority priority);
std::optional<Priority> priorityFromString(QStringView name);

} // namespace dimos
