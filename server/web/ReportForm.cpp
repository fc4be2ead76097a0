#include "ReportForm.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

#include "server/app/AppContext.h"
#include "server/core/PhotoProcessor.h"
#include "server/core/ReportService.h"
#include "server/storage/CatalogRepository.h"
#include "server/web/WebPage.h"
#include "server/web/WebSettings.h"
#include "shared/domain/Category.h"
#include "shared/geo/Boundary.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kMaxAddress = 512;
constexpr int kMaxName = 128;
constexpr int kMaxAttribute = 4000;

QString errorFor(const QList<FieldError> &errors, const QString &field)
{
    for (const FieldError &e : errors)
        if (e.field == field)
            return e.message;
    return {};
}

// {id, value, error} for a plain input.
QJsonObject plain(const QString &id, const QString &value, const QList<FieldError> &errors)
{
    return {{u"id"_s, id}, {u"value"_s, value}, {u"error"_s, textOrFalse(errorFor(errors, id))}};
}

bool isEmail(const QString &text)
{
    static const QRegularExpression re(uR"(^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$)"_s);
    return text.size() <= 254 && re.match(text).hasMatch();
}

bool isPhone(const QString &text)
{
    static const QRegularExpression re(uR"(^\+?[0-9 ().\-]{5,32}$)"_s);
    int digits = 0;
    for (const QChar c : text)
        digits += c.isDigit() ? 1 : 0;
    return re.match(text).hasMatch() && digits >= 5;
}

} // namespace

QString attributeFieldId(const QString &code)
{
    return u"attr-"_s + code;
}

QHash<QString, QStringList> attributeInputs(const FormData &form)
{
    QHash<QString, QStringList> out;
    for (const FormField &f : form.fields) {
        if (!f.name.startsWith(u"attribute["_s))
            continue;
        QString code = f.name.mid(10);
        if (code.endsWith(u"][]"_s))
            code.chop(3);
        else if (code.endsWith(u']'))
            code.chop(1);
        else
            continue;
        if (isValidCode(code))
            out[code].append(f.value);
    }
    return out;
}

ReportFormInput ReportFormInput::fromForm(const FormData &form)
{
    ReportFormInput in;
    auto field = [&](QStringView name) { return form.value(name); };
    in.category = field(u"category").trimmed();
    in.address = field(u"address");
    in.lat = field(u"lat").trimmed();
    in.lon = field(u"lon").trimmed();
    in.description = field(u"description");
    in.firstName = field(u"first_name");
    in.lastName = field(u"last_name");
    in.email = field(u"email").trimmed();
    in.phone = field(u"phone").trimmed();
    in.honeypot = field(u"website");
    in.csrf = field(u"csrf");
    in.choosingCategory = field(u"action") == u"choose";
    in.attributes = attributeInputs(form);
    for (const FormFile &file : form.files)
        if (file.fieldName == u"photos" && !file.data.isEmpty())
            in.photos.append(file);
    return in;
}

ReportForm::ReportForm(const AppContext &ctx, const WebPage &page) : m_ctx(ctx), m_page(page) { }

std::optional<double> ReportForm::parseDecimal(const QString &text)
{
    QString t = text.trimmed();
    if (t.count(u',') == 1 && !t.contains(u'.'))
        t.replace(u',', u'.');
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

QString ReportForm::parseLocalDateTime(const QString &text)
{
    static const QTimeZone athens("Europe/Athens");
    const QString t = text.trimmed();
    QDateTime local;
    for (const QString &format : {u"yyyy-MM-ddTHH:mm"_s, u"yyyy-MM-ddTHH:mm:ss"_s, u"d/M/yyyy H:mm"_s,
             u"d/M/yyyy, H:mm"_s, u"d/M/yyyy"_s, u"yyyy-MM-dd"_s}) {
        local = QDateTime::fromString(t, format);
        if (local.isValid())
            break;
    }
    if (!local.isValid())
        return {};
    local.setTimeZone(athens.isValid() ? athens : QTimeZone::utc());
    return formatUtc(local.toMSecsSinceEpoch());
}

QList<FormProblem> checkAttributeInputs(const QList<AttributeDefinition> &definitions,
    const QHash<QString, QStringList> &given, QList<std::pair<QString, QStringList>> *out)
{
    QList<FormProblem> problems;
    auto fail = [&](const QString &field, const QString &key, const QStringList &args = {}) {
        problems.append({field, u"web.error."_s + key, args});
    };
    for (const AttributeDefinition &def : definitions) {
        if (!def.variable)
            continue;
        const QString id = attributeFieldId(def.code);
        QStringList values;
        for (const QString &v : given.value(def.code))
            if (!v.trimmed().isEmpty())
                values.append(v.trimmed());
        if (values.isEmpty()) {
            if (def.required)
                fail(id, u"required"_s);
            continue;
        }
        if (def.type != AttributeType::MultiValueList)
            values = values.mid(0, 1);
        bool ok = true;
        for (QString &v : values) {
            switch (def.type) {
            case AttributeType::Number:
                if (const auto n = ReportForm::parseDecimal(v))
                    v = QString::number(*n, 'g', 15);
                else
                    ok = false;
                break;
            case AttributeType::Datetime:
                v = ReportForm::parseLocalDateTime(v);
                ok = ok && !v.isEmpty();
                break;
            case AttributeType::SingleValueList:
            case AttributeType::MultiValueList:
                ok = ok && def.hasOption(v);
                break;
            case AttributeType::String:
            case AttributeType::Text:
                ok = ok && v.size() <= kMaxAttribute;
                break;
            }
        }
        if (!ok) {
            switch (def.type) {
            case AttributeType::Number:
                fail(id, u"number"_s);
                break;
            case AttributeType::Datetime:
                fail(id, u"datetime"_s);
                break;
            case AttributeType::SingleValueList:
            case AttributeType::MultiValueList:
                fail(id, u"option"_s);
                break;
            default:
                fail(id, u"too_long"_s, {QString::number(kMaxAttribute)});
            }
            continue;
        }
        out->append({def.code, values});
    }
    return problems;
}

QList<FormProblem> checkReportForm(
    const ReportFormInput &in, const Category *category, const Boundary *boundary, int maxPhotos, NewReport *out)
{
    QList<FormProblem> problems;
    auto fail = [&](const QString &field, const QString &key, const QStringList &args = {}) {
        problems.append({field, u"web.error."_s + key, args});
    };

    // Category, then its own fields.
    if (in.category.isEmpty()) {
        fail(u"category"_s, u"choose_category"_s);
    } else if (!category || !category->active) {
        fail(u"category"_s, u"unknown_category"_s);
    } else if (category->isInformation()) {
        // The municipality's news (events, pets, tourism): read there, not reported in. The
        // category's name, in the reader's language, is put in by ReportForm::validate.
        fail(u"category"_s, u"information_category"_s);
    } else {
        out->serviceCode = category->code;
        problems += checkAttributeInputs(category->attributes, in.attributes, &out->attributes);
    }

    // Where: a point (from the map, the device or typed), an address, or both.
    const bool anyCoordinate = !in.lat.isEmpty() || !in.lon.isEmpty();
    if (anyCoordinate) {
        const auto lat = ReportForm::parseDecimal(in.lat), lon = ReportForm::parseDecimal(in.lon);
        if (in.lat.isEmpty())
            fail(u"lat"_s, u"coordinates_pair"_s);
        else if (!lat || *lat < -90 || *lat > 90)
            fail(u"lat"_s, u"coordinate"_s);
        if (in.lon.isEmpty())
            fail(u"lon"_s, u"coordinates_pair"_s);
        else if (!lon || *lon < -180 || *lon > 180)
            fail(u"lon"_s, u"coordinate"_s);
        if (lat && lon && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180) {
            if (boundary && !boundary->contains(*lat, *lon)) {
                fail(u"lat"_s, u"outside"_s);
            } else {
                out->lat = *lat;
                out->lon = *lon;
            }
        }
    }
    if (in.address.trimmed().size() > kMaxAddress)
        fail(u"address"_s, u"too_long"_s, {QString::number(kMaxAddress)});
    else if (!anyCoordinate && in.address.trimmed().isEmpty())
        fail(u"address"_s, u"location_required"_s);
    out->addressString = in.address.trimmed();

    if (in.description.trimmed().isEmpty())
        fail(u"description"_s, u"required"_s);
    else if (in.description.trimmed().size() > kMaxDescription)
        fail(u"description"_s, u"too_long"_s, {QString::number(kMaxDescription)});
    out->description = in.description.trimmed();

    if (in.photos.size() > maxPhotos)
        fail(u"photos"_s, u"too_many_photos"_s, {QString::number(maxPhotos)});

    for (const auto &[id, value] : {std::pair{u"first_name"_s, in.firstName}, {u"last_name"_s, in.lastName}})
        if (value.trimmed().size() > kMaxName)
            fail(id, u"too_long"_s, {QString::number(kMaxName)});
    // Required: the report is published when the citizen follows the link mailed there.
    if (in.email.isEmpty())
        fail(u"email"_s, u"required"_s);
    else if (!isEmail(in.email))
        fail(u"email"_s, u"email"_s);
    if (!in.phone.isEmpty() && !isPhone(in.phone))
        fail(u"phone"_s, u"phone"_s);
    out->contact.firstName = in.firstName.trimmed();
    out->contact.lastName = in.lastName.trimmed();
    out->contact.email = in.email;
    out->contact.phone = in.phone;
    return problems;
}

QList<FieldError> ReportForm::validate(const WebRequest &web, const ReportFormInput &in, NewReport *out) const
{
    std::optional<Category> category;
    if (!in.category.isEmpty())
        category = m_ctx.catalog->category(in.category);
    const QList<FormProblem> problems
        = checkReportForm(in, category ? &*category : nullptr, m_ctx.boundary, m_ctx.maxPhotosPerReport, out);
    static const QStringList labelled{u"category"_s, u"address"_s, u"lat"_s, u"lon"_s, u"description"_s, u"photos"_s,
        u"first_name"_s, u"last_name"_s, u"email"_s, u"phone"_s};
    QList<FieldError> errors;
    for (const FormProblem &p : problems) {
        QString label;
        if (labelled.contains(p.field))
            label = m_page.text(web, u"web.form."_s + p.field);
        else if (category)
            label = attributeLabel(web.lang, category->attributes, p.field);
        const QStringList args = p.key == u"web.error.information_category" && category
            ? QStringList{category->name.in(web.lang)}
            : p.args;
        errors.append({p.field, m_page.text(web, p.key, args), label});
    }
    return errors;
}

QList<FieldError> ReportForm::processPhotos(const WebRequest &web, const ReportFormInput &in, NewReport *out) const
{
    QList<FieldError> errors;
    for (const FormFile &file : in.photos) {
        QString why;
        const auto photo = processPhoto(file.data, file.declaredType, *m_ctx.photoLimits, &why);
        if (photo) {
            out->photos.append(*photo);
            continue;
        }
        const QString reason = file.data.size() > m_ctx.photoLimits->maxBytes
            ? m_page.text(web, u"web.error.photo_size"_s, {formatByteSize(m_ctx.photoLimits->maxBytes)})
            : m_page.text(web, u"web.error.photo_format"_s);
        errors.append({u"photos"_s, m_page.text(web, u"web.error.photo"_s, {file.fileName.left(80), reason}),
            m_page.text(web, u"web.form.photos"_s)});
    }
    return errors;
}

QString ReportForm::attributeLabel(
    const QString &lang, const QList<AttributeDefinition> &definitions, const QString &fieldId)
{
    for (const AttributeDefinition &def : definitions)
        if (attributeFieldId(def.code) == fieldId)
            return def.description.in(lang);
    return {};
}

QJsonObject ReportForm::attributeFields(const QString &lang, const QList<AttributeDefinition> &definitions,
    const QHash<QString, QStringList> &given, const QList<FieldError> &errors)
{
    QJsonArray fields;
    for (const AttributeDefinition &def : definitions) {
        const QString id = attributeFieldId(def.code);
        const QString error = errorFor(errors, id);
        const QString help = def.datatypeDescription.in(lang);
        const QStringList typed = given.value(def.code);
        QStringList describedBy;
        if (!help.isEmpty())
            describedBy.append(id + u"-help"_s);
        if (!error.isEmpty())
            describedBy.append(id + u"-error"_s);
        QJsonObject f{{u"id"_s, id}, {u"label"_s, def.description.in(lang)}, {u"help"_s, textOrFalse(help)},
            {u"required"_s, def.required}, {u"error"_s, textOrFalse(error)},
            {u"described_by"_s, textOrFalse(describedBy.join(u' '))},
            {u"value"_s, typed.isEmpty() ? QString() : typed.first()}, {u"is_info"_s, !def.variable},
            {u"is_string"_s, false}, {u"is_number"_s, false}, {u"is_datetime"_s, false}, {u"is_text"_s, false},
            {u"is_single"_s, false}, {u"is_multi"_s, false}};
        if (!def.variable) {
            fields.append(f);
            continue;
        }
        const bool multi = def.type == AttributeType::MultiValueList;
        f.insert(u"name"_s, QString(u"attribute["_s + def.code + (multi ? u"][]"_s : u"]"_s)));
        QJsonArray options;
        for (qsizetype i = 0; i < def.values.size(); ++i) {
            const AttributeOption &o = def.values[i];
            options.append(QJsonObject{{u"value"_s, o.key}, {u"label"_s, o.name.in(lang)},
                {u"selected"_s, typed.contains(o.key)}, {u"id"_s, QString(id + u'-' + QString::number(i))}});
        }
        f.insert(u"options"_s, options);
        static const char *const kinds[]
            = {"is_string", "is_number", "is_datetime", "is_text", "is_single", "is_multi"};
        f.insert(QString::fromLatin1(kinds[int(def.type)]), true);
        fields.append(f);
    }
    return {{u"has_fields"_s, !fields.isEmpty()}, {u"fields"_s, fields}};
}

QJsonObject ReportForm::fieldValues(
    const WebRequest &web, const Category *category, const ReportFormInput &in, const QList<FieldError> &errors) const
{
    QJsonObject v = attributeFields(
        web.lang, category ? category->attributes : QList<AttributeDefinition>{}, in.attributes, errors);
    v.insert(u"category_name"_s, textOrFalse(category ? category->name.in(web.lang) : QString()));
    return v;
}

QJsonObject ReportForm::values(
    const WebRequest &web, const ReportFormInput &in, const QList<FieldError> &errors, bool photosLost) const
{
    const QString &lang = web.lang;
    QJsonObject v;
    QJsonArray summary;
    for (const FieldError &e : errors)
        summary.append(
            QJsonObject{{u"target"_s, e.field}, {u"message"_s, e.message}, {u"label"_s, textOrFalse(e.label)}});
    v.insert(u"errors"_s, summary);
    v.insert(u"has_errors"_s, !errors.isEmpty());

    // The categories, grouped as the catalogue groups them, in its order.
    std::optional<Category> chosen;
    QJsonArray groups;
    QStringList groupNames;
    QList<QJsonArray> groupOptions;
    for (const Category &c : m_ctx.catalog->categories(true)) {
        if (c.isInformation())
            continue; // the municipality's news: nothing to report there
        const QString group = c.group.in(lang);
        qsizetype at = groupNames.indexOf(group);
        if (at < 0) {
            groupNames.append(group);
            groupOptions.append(QJsonArray());
            at = groupNames.size() - 1;
        }
        const bool selected = c.code == in.category;
        if (selected)
            chosen = c;
        groupOptions[at].append(
            QJsonObject{{u"value"_s, c.code}, {u"label"_s, c.name.in(lang)}, {u"selected"_s, selected}});
    }
    for (qsizetype i = 0; i < groupNames.size(); ++i)
        groups.append(QJsonObject{
            {u"has_label"_s, !groupNames[i].isEmpty()}, {u"label"_s, groupNames[i]}, {u"options"_s, groupOptions[i]}});
    v.insert(u"category"_s,
        QJsonObject{{u"id"_s, u"category"_s}, {u"error"_s, textOrFalse(errorFor(errors, u"category"_s))},
            {u"groups"_s, groups}});
    const QJsonObject fields = fieldValues(web, chosen ? &*chosen : nullptr, in, errors);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        v.insert(it.key(), it.value());

    v.insert(u"address"_s, plain(u"address"_s, in.address, errors));
    v.insert(u"lat"_s, plain(u"lat"_s, in.lat, errors));
    v.insert(u"lon"_s, plain(u"lon"_s, in.lon, errors));
    v.insert(u"description"_s, plain(u"description"_s, in.description, errors));
    v.insert(u"first_name"_s, plain(u"first_name"_s, in.firstName, errors));
    v.insert(u"last_name"_s, plain(u"last_name"_s, in.lastName, errors));
    v.insert(u"email"_s, plain(u"email"_s, in.email, errors));
    v.insert(u"phone"_s, plain(u"phone"_s, in.phone, errors));
    QJsonObject photos = plain(u"photos"_s, QString(), errors);
    photos.insert(u"help"_s,
        m_page.text(web, u"web.form.photos_help"_s,
            {QString::number(m_ctx.maxPhotosPerReport), formatByteSize(m_ctx.photoLimits->maxBytes)}));
    photos.insert(u"again"_s, photosLost);
    v.insert(u"photos"_s, m_ctx.maxPhotosPerReport > 0 ? QJsonValue(photos) : QJsonValue(false));

    const QString configured = lang == u"en" ? m_ctx.web->privacyNoticeEn : m_ctx.web->privacyNoticeEl;
    v.insert(u"privacy"_s,
        configured.isEmpty()
            ? m_page.text(web, u"web.form.privacy_default"_s, {m_page.municipality(lang), m_ctx.contactEmail})
            : configured);
    v.insert(u"map"_s, m_page.hasMap());
    v.insert(u"tiles"_s, m_page.tiles());
    v.insert(u"bounds"_s, m_page.bounds());
    return v;
}

} // namespace dimos
