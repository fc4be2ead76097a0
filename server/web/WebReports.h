#pragma once

#include "shared/domain/Report.h"

namespace dimos {

struct AppContext;
struct NewReport;

// How a report from the web pages is filed. The one place that turns a checked web form into
// a stored report: when reports must first be confirmed by e-mail (or held for moderation),
// this is the function to change.
namespace WebReports {

// Whether the public pages (the map, the list, the report page) show a report: only public
// ones (not waiting for the citizen's confirmation or a moderator, not hidden). Its reporter's
// contact details never are.
bool isPublic(const Report &report);

// Files `report` through ReportService::create with the channel "web", waiting for the
// citizen's confirmation: the mail with the link is written in the same transaction
// (AppContext::mail). Throws what create throws (ApiError for what the form checks could not
// know, e.g. a category deactivated meanwhile).
Report submit(AppContext &ctx, NewReport report, const QString &language);

} // namespace WebReports

} // namespace dimos
