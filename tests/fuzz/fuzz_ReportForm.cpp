// libFuzzer target for the citizens' report form (server/web/ReportForm): a form body, as
// urlencoded or multipart, read into a ReportFormInput (the category's own fields among them)
// and checked by checkReportForm against a category whose attributes are themselves decoded
// from JSON (as the staff API stores them), with the Serres boundary.
//
// Input: the first byte picks the encoding (bit 0: multipart), whether the category is known
// (bit 1: unknown) and active (bit 2: inactive) and whether there is a boundary (bit 3: none);
// then a JSON array of attribute definitions on the first line; the rest is the body.
// Beyond crashes: a refused form names each problem with a field of the form and a message key
// that both languages have; an accepted one is what it promises — a known active category,
// attribute values that the validator every channel shares (validateAttributeValues) accepts,
// a point in range and inside the boundary or an address, a description and an e-mail address
// within their limits.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

#include "server/core/ReportService.h"
#include "server/http/FormData.h"
#include "server/render/MessageCatalog.h"
#include "server/web/ReportForm.h"
#include "shared/domain/Category.h"
#include "shared/geo/Boundary.h"
#include "tests/fuzz/FuzzSupport.h"

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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    const qsizetype newline = input.indexOf('\n');
    const QByteArray definitions = newline < 0 ? input : input.first(newline);
    const QByteArray body = newline < 0 ? QByteArray() : input.sliced(newline + 1);

    Category category;
    category.code = u"fuzz"_s;
    category.active = !(selector & 0x04);
    for (const QJsonValue &v : QJsonDocument::fromJson(definitions).array()) {
        QString error;
        const auto def = AttributeDefinition::fromJson(v.toObject(), &error);
        // The staff API refuses a category with two attributes of one code (StaffApi.cpp).
        if (def && !category.attribute(def->code))
            category.attributes.append(*def);
    }

    QString error;
    const std::optional<FormData> form = (selector & 0x01)
        ? parseMultipart("multipart/form-data; boundary=XyZ"_ba, body, FormLimits{}, &error)
        : parseUrlEncoded(body, FormLimits{}, &error);
    if (!form)
        return 0;
    const ReportFormInput in = ReportFormInput::fromForm(*form);
    const bool known = !(selector & 0x02) && in.category == category.code;
    const Boundary *boundary = (selector & 0x08) ? nullptr : &serres();
    NewReport out;
    const QList<FormProblem> problems = checkReportForm(in, known ? &category : nullptr, boundary, 3, &out);

    static const QStringList fields{u"category"_s, u"address"_s, u"lat"_s, u"lon"_s, u"description"_s, u"photos"_s,
        u"first_name"_s, u"last_name"_s, u"email"_s, u"phone"_s};
    for (const FormProblem &p : problems) {
        FUZZ_REQUIRE(messageKeys().contains(p.key));
        const AttributeDefinition *def
            = p.field.startsWith(u"attr-"_s) && known ? category.attribute(p.field.mid(5)) : nullptr;
        FUZZ_REQUIRE(fields.contains(p.field) || (def && def->variable));
    }
    if (!problems.isEmpty())
        return 0;

    FUZZ_REQUIRE(known && category.active && out.serviceCode == category.code);
    const std::optional<QString> refused = validateAttributeValues(category, out.attributes);
    if (refused)
        std::fprintf(stderr, "the web form accepted what the shared validator refuses: %s\n", qPrintable(*refused));
    FUZZ_REQUIRE(!refused);
    FUZZ_REQUIRE(out.lat.has_value() == out.lon.has_value());
    if (out.lat) {
        FUZZ_REQUIRE(std::isfinite(*out.lat) && std::fabs(*out.lat) <= 90);
        FUZZ_REQUIRE(std::isfinite(*out.lon) && std::fabs(*out.lon) <= 180);
        FUZZ_REQUIRE(!boundary || boundary->contains(*out.lat, *out.lon));
    } else {
        FUZZ_REQUIRE(!out.addressString.isEmpty());
    }
    FUZZ_REQUIRE(out.addressString.size() <= 512);
    FUZZ_REQUIRE(!out.description.isEmpty() && out.description.size() <= kMaxDescription);
    FUZZ_REQUIRE(out.description == out.description.trimmed());
    FUZZ_REQUIRE(!out.contact.email.isEmpty() && out.contact.email.size() <= 254 && out.contact.email.contains(u'@'));
    FUZZ_REQUIRE(out.contact.firstName.size() <= 128 && out.contact.lastName.size() <= 128);
    FUZZ_REQUIRE(in.photos.size() <= 3);
    return 0;
}
