#include "WebReports.h"

#include "server/app/AppContext.h"
#include "server/core/CitizenMail.h"
#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/StreetRepository.h"

using namespace Qt::StringLiterals;

namespace dimos::WebReports {

bool isPublic(const Report &report)
{
    return report.id > 0 && report.visibility == Visibility::Public;
}

Report submit(AppContext &ctx, NewReport report, const QString &language)
{
    report.channel = u"web"_s;
    report.apiKeyId = 0;
    report.needsConfirmation = true;
    // An address without a point: placed at the street it names when the street list knows
    // exactly one ("Μεραρχίας 12" → Μεραρχίας); else a clerk places it.
    if (!report.lat && ctx.streets)
        if (const std::optional<Street> street = ctx.streets->locate(report.addressString)) {
            report.lat = street->lat;
            report.lon = street->lon;
        }
    report.contact.language = language;
    AppContext *c = &ctx;
    report.onStored = [c, language](const Report &stored, const QString &token) {
        if (!c->mail)
            return; // no mail configured (tests of the pages alone): the link is in the log only
        const std::optional<Category> category = c->catalog->category(stored.serviceCode);
        c->mail(MailRequest{stored.contact.email, language, u"report_confirm"_s,
            QJsonObject{{u"report_id"_s, stored.id},
                {u"category"_s, category ? category->name.in(language) : stored.serviceCode},
                {u"confirm_url"_s, QString(c->baseUrl + u"/confirm/"_s + token)},
                {u"tracking_url"_s, QString(c->baseUrl + u"/reports/%1"_s.arg(stored.id))},
                {u"title"_s, stored.description.section(u'\n', 0, 0).left(80)}, {u"description"_s, stored.description}},
            QString()});
    };
    return ctx.reportService->create(report);
}

} // namespace dimos::WebReports
