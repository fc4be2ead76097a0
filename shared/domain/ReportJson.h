#pragma once

#include <QJsonObject>

#include "shared/domain/Report.h"

namespace dimos {

// The staff API's JSON for a report. Contact details only when the reader may see them.
QJsonObject reportToStaffJson(const Report &r, bool withContact);
QJsonObject historyToJson(const ReportHistoryEntry &e);

} // namespace dimos
