#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace dimos {

// The life of a report. Open311 knows only open/closed; mySociety's extension knows more
// (see open311Status() and fmsExternalStatus()).
enum class ReportStatus { New, Acknowledged, InProgress, Resolved, Closed, Rejected, Duplicate };

QString statusToString(ReportStatus status);
std::optional<ReportStatus> statusFromString(QStringView text);
QList<ReportStatus> allStatuses();

bool isOpen(ReportStatus status);
// "open" or "closed", as GeoReport v2 requires.
QString open311Status(ReportStatus status);
// FixMyStreet's extended status names (FIXED, IN_PROGRESS, ...), used in servicerequestupdates.
QString fmsExternalStatus(ReportStatus status);
std::optional<ReportStatus> statusFromFmsExternal(QStringView text);

// The workflow: which status changes a clerk may make. An open report may go to any status; a
// resolved one may be closed; any closed one may be reopened (to acknowledged or in progress).
bool canTransition(ReportStatus from, ReportStatus to);

} // namespace dimos
