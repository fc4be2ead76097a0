// libFuzzer target for the subscription form (server/web/SubscriptionForm): a form body, as
// urlencoded or multipart, read into a SubscriptionInput and checked by checkSubscriptionForm
// (categories; the circle's centre, typed as coordinates, and radius) with the Serres boundary.
//
// Input: the first byte picks the encoding (bit 0: multipart), whether an e-mail address is
// asked (bit 1: the manage page asks none) and whether there is a boundary (bit 2: none); the
// rest is the body. Active categories: pothole and streetlight.
// Beyond crashes: a refused form names each problem with a field of the form and a message key
// that both languages have; an accepted one is what it promises — known categories, each once;
// a circle only when a centre was typed, in range, inside the boundary, with an offered radius —
// and the manage page's form of the stored subscription (SubscriptionInput::from) is accepted
// again as the same subscription.

#include <cmath>

#include "server/http/FormData.h"
#include "server/render/MessageCatalog.h"
#include "server/web/SubscriptionForm.h"
#include "shared/geo/Boundary.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QFile>

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

const Boundary &serres()
{
    static const Boundary boundary = [] {
        QFile file(QStringLiteral(DIMOS_SOURCE_DIR "/resources/demo/serres-boundary.geojson"));
        FUZZ_REQUIRE(file.open(QIODevice::ReadOnly));
        QString error;
        return *Boundary::fromGeoJson(file.readAll(), &error);
    }();
    return boundary;
}

const QStringList &messageKeys()
{
    static const QStringList keys = [] {
        MessageCatalog catalog;
        QString error;
        FUZZ_REQUIRE(catalog.load(QStringLiteral(DIMOS_SOURCE_DIR "/resources/i18n"), &error));
        return catalog.keys();
    }();
    return keys;
}

std::optional<QString> active(const QString &code)
{
    if (code == u"pothole" || code == u"streetlight")
        return code;
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray body = fuzz::bytes(data + 1, size - 1);
    QString error;
    const std::optional<FormData> form = (selector & 0x01)
        ? parseMultipart("multipart/form-data; boundary=XyZ"_ba, body, FormLimits{}, &error)
        : parseUrlEncoded(body, FormLimits{}, &error);
    if (!form)
        return 0;
    const SubscriptionInput in = SubscriptionInput::fromForm(*form);
    const bool needEmail = !(selector & 0x02);
    const Boundary *boundary = (selector & 0x04) ? nullptr : &serres();
    SubscriptionChoice choice;
    const QList<FormProblem> problems = checkSubscriptionForm(in, needEmail, active, boundary, &choice);

    static const QStringList fields{u"email"_s, u"categories"_s, u"lat"_s, u"lon"_s, u"radius"_s};
    for (const FormProblem &p : problems) {
        FUZZ_REQUIRE(fields.contains(p.field));
        FUZZ_REQUIRE(messageKeys().contains(p.key));
    }
    if (!problems.isEmpty())
        return 0;

    FUZZ_REQUIRE(!needEmail || plausibleEmail(in.email));
    FUZZ_REQUIRE(!choice.categories.isEmpty());
    for (const QString &code : choice.categories) {
        FUZZ_REQUIRE(active(code).has_value());
        FUZZ_REQUIRE(choice.categories.count(code) == 1);
    }
    FUZZ_REQUIRE(choice.area.has_value() == (!in.lat.isEmpty() || !in.lon.isEmpty()));
    if (choice.area) {
        const Subscription::Circle &c = *choice.area;
        FUZZ_REQUIRE(std::isfinite(c.lat) && std::fabs(c.lat) <= 90 && std::isfinite(c.lon) && std::fabs(c.lon) <= 180);
        FUZZ_REQUIRE(!boundary || boundary->contains(c.lat, c.lon));
        FUZZ_REQUIRE(std::find(std::begin(kSubscriptionRadii), std::end(kSubscriptionRadii), int(c.radiusMeters))
            != std::end(kSubscriptionRadii));
    }

    // The manage page shows the stored subscription in the same form; saving it unchanged
    // must keep it as it is.
    Subscription stored;
    stored.email = in.email;
    stored.categories = choice.categories;
    stored.area = choice.area;
    SubscriptionChoice again;
    const QList<FormProblem> second
        = checkSubscriptionForm(SubscriptionInput::from(stored), false, active, boundary, &again);
    for (const FormProblem &p : second)
        std::fprintf(
            stderr, "the stored subscription is refused again: %s %s\n", qPrintable(p.field), qPrintable(p.key));
    FUZZ_REQUIRE(second.isEmpty());
    FUZZ_REQUIRE(again.categories == choice.categories);
    FUZZ_REQUIRE(again.area.has_value() == choice.area.has_value());
    if (again.area) {
        FUZZ_REQUIRE(std::fabs(again.area->lat - choice.area->lat) <= 1e-6);
        FUZZ_REQUIRE(std::fabs(again.area->lon - choice.area->lon) <= 1e-6);
        FUZZ_REQUIRE(again.area->radiusMeters == choice.area->radiusMeters);
    }
    return 0;
}
