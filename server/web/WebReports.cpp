#include "WebReports.h"

#include "server/app/AppContext.h"
#include "server/core/ReportService.h"

using namespace Qt::StringLiterals;

namespace dimos::WebReports {

bool isPublic(const Report &report)
{
    return report.id > 0;
}

Report submit(AppContext &ctx, NewReport report)
{
    report.channel = u"web"_s;
    report.apiKeyId = 0;
    return ctx.reportService->create(report);
}

} // namespace dimos::WebReports
