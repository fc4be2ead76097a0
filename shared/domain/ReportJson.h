#pragma once

#include <QJsonObject>

#include <optional>

#include "shared/domain/Report.h"

namespace dimos {

// The staff API's JSON for a report. Contact details only when the reader may see them.
QJsonObject reportToStaffJson(const Report &r, bool withContact);
QJsonObject historyToJson(const ReportHistoryEntry &e);

// The reverse, for the desktop client: nothing when a required field (id, service_code, status,
// version) is missing or malformed.
std::optional<Report> reportFromStaffJson(const QJsonObject &o);
std::optional<ReportHistoryEntry> historyFromJson(const QJsonObject &o);

} // namespace dimos
