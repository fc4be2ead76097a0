#include "SubscriptionForm.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

#include "server/http/FormData.h"
#include "server/web/ReportForm.h"
#include "shared/geo/Boundary.h"

using namespace Qt::StringLiterals;

namespace dimos {

SubscriptionInput SubscriptionInput::fromForm(const FormData &form)
{
    SubscriptionInput in;
    in.email = form.value(u"email").trimmed();
    in.categories = form.values(u"category");
    in.lat = form.value(u"lat").trimmed();
    in.lon = form.value(u"lon").trimmed();
    in.radius = form.value(u"radius").trimmed();
    in.unit = form.value(u"unit").trimmed();
    in.language = form.value(u"language").trimmed();
    in.honeypot = form.value(u"website");
    in.csrf = form.value(u"csrf");
    return in;
}

SubscriptionInput SubscriptionInput::from(const Subscription &s)
{
    SubscriptionInput in;
    in.email = s.email;
    in.categories = s.categories;
    in.language = s.language;
    if (s.area) {
        in.lat = QString::number(s.area->lat, 'f', 6);
        in.lon = QString::number(s.area->lon, 'f', 6);
        in.radius = QString::number(qRound(s.area->radiusMeters));
    }
    if (s.unit)
        in.unit = s.unit->layer + u':' + s.unit->name;
    return in;
}

bool plausibleEmail(const QString &email)
{
    static const QRegularExpression re(
        uR"(\A[^@\s<>(),;:"\[\]\\]{1,64}@[^@\s<>(),;:"\[\]\\]+\.[^@\s<>(),;:"\[\]\\]+\z)"_s);
    return email.size() <= 254 && re.match(email).hasMatch();
}

QList<FormProblem> checkSubscriptionForm(const SubscriptionInput &in, bool needEmail,
    const std::function<std::optional<QString>(const QString &code)> &activeCategory, const Boundary *boundary,
    SubscriptionChoice *out)
{
    QList<FormProblem> problems;
    if (needEmail) {
        if (in.email.isEmpty())
            problems.append({u"email"_s, u"web.error.required"_s});
        else if (!plausibleEmail(in.email))
            problems.append({u"email"_s, u"web.error.email"_s});
    }
    out->categories.clear();
    bool unknown = false;
    for (const QString &code : in.categories) {
        const std::optional<QString> active = activeCategory(code);
        if (!active)
            unknown = true;
        else if (!out->categories.contains(*active))
            out->categories.append(*active);
    }
    if (unknown)
        problems.append({u"categories"_s, u"web.error.unknown_category"_s});
    else if (out->categories.isEmpty())
        problems.append({u"categories"_s, u"web.subscribe.choose_category"_s});

    out->area.reset();
    if (!in.lat.isEmpty() || !in.lon.isEmpty()) {
        const std::optional<double> lat = ReportForm::parseDecimal(in.lat);
        const std::optional<double> lon = ReportForm::parseDecimal(in.lon);
        if (in.lat.isEmpty() || in.lon.isEmpty()) {
            problems.append({in.lat.isEmpty() ? u"lat"_s : u"lon"_s, u"web.error.coordinates_pair"_s});
        } else if (!lat || std::fabs(*lat) > 90) {
            problems.append({u"lat"_s, u"web.error.coordinate"_s});
        } else if (!lon || std::fabs(*lon) > 180) {
            problems.append({u"lon"_s, u"web.error.coordinate"_s});
        } else if (boundary && !boundary->contains(*lat, *lon)) {
            problems.append({u"lat"_s, u"web.error.outside"_s});
        } else {
            bool ok = false;
            const int radius = in.radius.isEmpty() ? kDefaultSubscriptionRadius : in.radius.toInt(&ok);
            if (!in.radius.isEmpty()
                && (!ok
                    || std::find(std::begin(kSubscriptionRadii), std::end(kSubscriptionRadii), radius)
                        == std::end(kSubscriptionRadii)))
                problems.append({u"radius"_s, u"web.error.option"_s});
            else
                out->area = Subscription::Circle{*lat, *lon, double(radius)};
        }
    }
    return problems;
}

} // namespace dimos
