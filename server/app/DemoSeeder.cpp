#include "DemoSeeder.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cmath>

#include "server/app/Server.h"
#include "server/core/AuthService.h"
#include "server/core/InformationService.h"
#include "server/core/ReportService.h"
#include "server/core/RequestService.h"
#include "server/gis/GisLayers.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/Database.h"
#include "server/storage/InformationRepository.h"
#include "server/storage/LayerRepository.h"
#include "server/storage/ReportRepository.h"
#include "server/storage/RequestRepository.h"
#include "server/storage/StreetRepository.h"
#include "server/storage/UserRepository.h"
#include "shared/geo/Boundary.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr double kCityLat = 41.0912;
constexpr double kCityLon = 23.5486;

QString pick(QRandomGenerator &rng, const QJsonArray &list)
{
    if (list.isEmpty())
        return {};
    return list.at(rng.bounded(static_cast<int>(list.size()))).toString();
}

// A value a citizen might have given for one attribute.
QStringList sampleValue(QRandomGenerator &rng, const AttributeDefinition &a, qint64 nowMs)
{
    switch (a.type) {
    case AttributeType::SingleValueList:
        return {a.values.at(rng.bounded(static_cast<int>(a.values.size()))).key};
    case AttributeType::MultiValueList: {
        QStringList out;
        for (const AttributeOption &o : a.values)
            if (rng.bounded(3) == 0)
                out.append(o.key);
        if (out.isEmpty())
            out.append(a.values.first().key);
        return out;
    }
    case AttributeType::Number:
        return {QString::number(1 + rng.bounded(5))};
    case AttributeType::Datetime:
        return {QDateTime::fromMSecsSinceEpoch(nowMs - rng.bounded(72) * 3600'000LL, Qt::UTC)
                    .toString(u"yyyy-MM-ddTHH:mm:ss'Z'"_s)};
    case AttributeType::String:
    case AttributeType::Text:
        return {u"ΔΕΙΓΜΑ-%1"_s.arg(100 + rng.bounded(900))};
    }
    return {};
}

} // namespace

bool DemoSeeder::seed(int reportCount, QStringList *summary, QString *error)
{
    AppContext &ctx = m_server.context();
    QFile file(u":/demo/municipality.json"_s);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"the demo data is missing from this build"_s;
        return false;
    }
    const QJsonObject demo = QJsonDocument::fromJson(file.readAll()).object();
    const QString notice = demo.value(u"notice"_s).toObject().value(u"el"_s).toString();
    const qint64 now = ctx.clock->nowMs();
    try {
        // Departments
        QHash<QString, qint64> departmentIds;
        int newDepartments = 0;
        for (const QJsonValue &v : demo.value(u"departments"_s).toArray()) {
            const QJsonObject o = v.toObject();
            const QString code = o.value(u"code"_s).toString();
            if (const auto existing = ctx.catalog->departmentByCode(code)) {
                departmentIds.insert(code, existing->id);
                continue;
            }
            Department d;
            d.code = code;
            d.name = LocalizedText::fromJson(o.value(u"name"_s));
            d.email = o.value(u"email"_s).toString();
            departmentIds.insert(code, ctx.catalog->insertDepartment(d, now));
            ++newDepartments;
        }
        // Categories
        int newCategories = 0;
        QList<Category> categories;
        for (const QJsonValue &v : demo.value(u"categories"_s).toArray()) {
            const QJsonObject o = v.toObject();
            Category c;
            c.code = o.value(u"code"_s).toString();
            c.name = LocalizedText::fromJson(o.value(u"name"_s));
            c.description = LocalizedText::fromJson(o.value(u"description"_s));
            c.group = LocalizedText::fromJson(o.value(u"group"_s));
            for (const QJsonValue &k : o.value(u"keywords"_s).toArray())
                c.keywords.append(k.toString().remove(u','));
            c.departmentId = departmentIds.value(o.value(u"department"_s).toString());
            c.kind = categoryKindFromString(o.value(u"kind"_s).toString()).value_or(CategoryKind::Problem);
            for (const QJsonValue &a : o.value(u"attributes"_s).toArray()) {
                QString why;
                const auto def = AttributeDefinition::fromJson(a.toObject(), &why);
                if (!def) {
                    *error = u"demo category %1: %2"_s.arg(c.code, why);
                    return false;
                }
                c.attributes.append(*def);
            }
            if (!ctx.catalog->category(c.code)) {
                ctx.catalog->insertCategory(c, now);
                ++newCategories;
            }
            if (!c.isInformation()) // demo reports go to the problem categories only
                categories.append(*ctx.catalog->category(c.code));
        }
        // Staff
        QStringList accounts;
        for (const QJsonValue &v : demo.value(u"staff"_s).toArray()) {
            const QJsonObject o = v.toObject();
            StaffUser u;
            u.username = o.value(u"username"_s).toString();
            u.displayName = o.value(u"display_name"_s).toString();
            u.email = o.value(u"email"_s).toString();
            u.role = roleFromString(o.value(u"role"_s).toString()).value_or(Role::Clerk);
            for (const QJsonValue &d : o.value(u"departments"_s).toArray())
                u.departmentIds.append(departmentIds.value(d.toString()));
            if (!ctx.users->findByUsername(u.username))
                ctx.auth->createUser(u, QString::fromLatin1(kDemoPassword));
            accounts.append(u"%1 (%2)"_s.arg(u.username, roleToString(u.role)));
        }
        // e-Dimotis request types (docs/EDIMOTIS.md): the real certificates of DOMAIN.md with
        // template answers; a programme's enrolment window runs from `window_days` around today.
        int newRequestTypes = 0;
        if (ctx.requestService) {
            static const QTimeZone athens("Europe/Athens");
            const QDate today = QDateTime::fromMSecsSinceEpoch(now, athens).date();
            for (const QJsonValue &v : demo.value(u"request_types"_s).toArray()) {
                const QJsonObject o = v.toObject();
                if (ctx.requests->type(o.value(u"code"_s).toString()))
                    continue;
                RequestType t = RequestService::typeFromJson(o);
                t.departmentId = departmentIds.value(o.value(u"department"_s).toString());
                const QJsonArray window = o.value(u"window_days"_s).toArray();
                if (window.size() == 2) {
                    t.opensOn = today.addDays(window[0].toInt()).toString(Qt::ISODate);
                    t.closesOn = today.addDays(window[1].toInt()).toString(Qt::ISODate);
                }
                ctx.requestService->saveType(t, true);
                ++newRequestTypes;
            }
        }
        // Reports
        int newReports = 0;
        if (ctx.reports->count() == 0 && reportCount > 0) {
            if (!ctx.boundary) {
                *error = u"demo reports need open311/boundary_file to be set"_s;
                return false;
            }
            QRandomGenerator rng(20261125);
            const QJsonObject descriptions = demo.value(u"sample_descriptions"_s).toObject();
            const QJsonObject notes = demo.value(u"sample_notes"_s).toObject();
            const LatLonBox box = ctx.boundary->bounds();
            const auto admin = ctx.users->findByUsername(u"admin"_s);
            ctx.db->transaction([&] {
                for (int i = 0; i < reportCount; ++i) {
                    const Category &cat = categories.at(rng.bounded(static_cast<int>(categories.size())));
                    NewReport in;
                    in.serviceCode = cat.code;
                    in.channel = u"demo"_s;
                    in.isDemo = true;
                    // Most reports come from the town, the rest from the villages and fields.
                    double lat = 0, lon = 0;
                    do {
                        if (rng.bounded(10) < 7) {
                            const double r = 0.012 * std::sqrt(-2 * std::log(1 - rng.generateDouble()));
                            const double t = 2 * M_PI * rng.generateDouble();
                            lat = kCityLat + r * std::cos(t);
                            lon = kCityLon + 1.3 * r * std::sin(t);
                        } else {
                            lat = box.minLat + (box.maxLat - box.minLat) * rng.generateDouble();
                            lon = box.minLon + (box.maxLon - box.minLon) * rng.generateDouble();
                        }
                    } while (!ctx.boundary->contains(lat, lon));
                    in.lat = lat;
                    in.lon = lon;
                    in.description = pick(rng, descriptions.value(cat.code).toArray());
                    for (const AttributeDefinition &a : cat.attributes)
                        if (a.variable && (a.required || rng.bounded(2) == 0))
                            in.attributes.append({a.code, sampleValue(rng, a, now)});
                    in.requestedMs = now - static_cast<qint64>(rng.bounded(60 * 24 * 60)) * 60'000;
                    Report r = ctx.reportService->create(in);
                    ++newReports;
                    // Move some along the workflow, as a clerk would have.
                    if (!admin)
                        continue;
                    const int stage = rng.bounded(10);
                    QList<std::pair<ReportStatus, QString>> steps;
                    if (stage >= 3)
                        steps.append({ReportStatus::Acknowledged, pick(rng, notes.value(u"acknowledged"_s).toArray())});
                    if (stage >= 5)
                        steps.append({ReportStatus::InProgress, pick(rng, notes.value(u"in_progress"_s).toArray())});
                    if (stage >= 7)
                        steps.append({ReportStatus::Resolved, pick(rng, notes.value(u"resolved"_s).toArray())});
                    if (stage == 9)
                        steps = {{ReportStatus::Rejected, pick(rng, notes.value(u"rejected"_s).toArray())}};
                    for (const auto &[status, note] : steps)
                        r = ctx.reportService->changeStatus(*admin, r.id, r.version, status, note, true);
                    if (stage >= 4 && rng.bounded(2) == 0)
                        r = ctx.reportService->addNote(
                            *admin, r.id, r.version, pick(rng, notes.value(u"internal"_s).toArray()), false);
                }
                // Label every demo report where Open311 clients show it.
                ctx.db->run(u"UPDATE reports SET service_notice = ? WHERE is_demo = 1"_s, {notice});
            });
        }
        // Items in the information categories, dated from today, unless there are some.
        int newItems = 0;
        InformationQuery anyItem;
        anyItem.limit = 1;
        if (ctx.information->list(anyItem).isEmpty()) {
            const LocalizedText itemNotice = LocalizedText::fromJson(demo.value(u"information_notice"_s));
            static const QTimeZone athens("Europe/Athens");
            const QDate today = QDateTime::fromMSecsSinceEpoch(now, athens).date();
            ctx.db->transaction([&] {
                for (const QJsonValue &v : demo.value(u"information_items"_s).toArray()) {
                    const QJsonObject o = v.toObject();
                    const auto author = ctx.users->findByUsername(o.value(u"by"_s).toString());
                    if (!author)
                        throw std::runtime_error("a demo item's author is not a demo account");
                    InformationItem item;
                    item.categoryCode = o.value(u"category"_s).toString();
                    item.title = LocalizedText::fromJson(o.value(u"title"_s));
                    item.body = LocalizedText::fromJson(o.value(u"text"_s));
                    item.body.el += u"\n\n"_s + itemNotice.el;
                    item.body.en += u"\n\n"_s + itemNotice.en;
                    if (o.contains(u"starts_in_days"_s)) {
                        const QTime at = QTime::fromString(o.value(u"starts_at"_s).toString(), u"HH:mm"_s);
                        const QDateTime start(today.addDays(o.value(u"starts_in_days"_s).toInt()), at, athens);
                        item.startsMs = start.toMSecsSinceEpoch();
                        if (o.contains(u"hours"_s))
                            item.endsMs = *item.startsMs + o.value(u"hours"_s).toInt() * 3600'000LL;
                    }
                    item.address = o.value(u"address"_s).toString();
                    if (o.contains(u"lat"_s)) {
                        item.hasLocation = true;
                        item.lat = o.value(u"lat"_s).toDouble();
                        item.lon = o.value(u"lon"_s).toDouble();
                    }
                    ctx.informationService->publish(*author, item, {}, /*isDemo=*/true);
                    ++newItems;
                }
            });
        }
        // The demo street list (invented positions, see the file), unless streets were imported.
        if (ctx.streets && ctx.streets->count() == 0) {
            QFile streetsFile(u":/demo/streets.csv"_s);
            QString why;
            std::optional<QList<Street>> streets;
            if (streetsFile.open(QIODevice::ReadOnly))
                streets = StreetRepository::parse(streetsFile.readAll(), ctx.boundary, &why);
            if (!streets)
                throw std::runtime_error("the demo street list: " + why.toStdString());
            ctx.streets->replaceAll(*streets);
            *summary << u"streets: %1 (demo list, invented positions)"_s.arg(streets->size());
        }
        // The real Serres boundary as the "boundary" GIS layer, with the attribution its licence
        // asks for (from serres-boundary.SOURCE.md), unless a boundary layer was imported. GDAL
        // reads files, not resources: both are copied to a temporary folder first.
        if (ctx.gis && !ctx.gis->repository().find(u"boundary"_s)) {
            QTemporaryDir dir;
            const QString geoJson = dir.filePath(u"serres-boundary.geojson"_s);
            if (!dir.isValid() || !QFile::copy(u":/demo/serres-boundary.geojson"_s, geoJson)
                || !QFile::copy(u":/demo/serres-boundary.SOURCE.md"_s, dir.filePath(u"serres-boundary.SOURCE.md"_s)))
                throw std::runtime_error("cannot copy the demo boundary to a temporary folder");
            LayerImportRequest layer;
            layer.path = geoJson;
            layer.code = u"boundary"_s;
            layer.kind = u"boundary"_s;
            layer.nameEl = u"Όρια Δήμου Σερρών"_s;
            layer.nameEn = u"Municipality of Serres boundary"_s;
            layer.attribution = attributionBeside(geoJson);
            layer.importedBy = u"dimosd demo-seed"_s;
            if (layer.attribution.isEmpty())
                throw std::runtime_error("the demo boundary's attribution is missing (serres-boundary.SOURCE.md)");
            QString why;
            const auto imported = ctx.gis->importLayer(layer, {}, &why);
            if (!imported)
                throw std::runtime_error("the demo boundary layer: " + why.toStdString());
            *summary << u"GIS layer \"boundary\": the real Serres boundary (%1)"_s.arg(
                layer.attribution.left(60) + u'…');
        }
        *summary << u"departments: %1 new"_s.arg(newDepartments) << u"categories: %1 new"_s.arg(newCategories)
                 << u"demo reports: %1 new (%2 in all)"_s.arg(newReports).arg(ctx.reports->count())
                 << u"information items: %1 new"_s.arg(newItems)
                 << u"request types: %1 new (template answers)"_s.arg(newRequestTypes)
                 << u"staff accounts (password \"%1\"): %2"_s.arg(
                        QString::fromLatin1(kDemoPassword), accounts.join(u", "_s));
    } catch (const ApiError &e) {
        *error = u"demo seed failed: "_s + e.message;
        return false;
    } catch (const std::exception &e) {
        *error = u"demo seed failed: "_s + QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

} // namespace dimos
