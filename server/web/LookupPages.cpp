#include "LookupPages.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <cmath>

#include "server/app/AppContext.h"
#include "server/gis/GisLayers.h"
#include "server/storage/StreetRepository.h"
#include "server/web/ReportForm.h"
#include "server/web/WebPage.h"
#include "shared/domain/BuildingTerms.h"
#include "shared/geo/Boundary.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qsizetype kMaxAddress = 120;

// The kinds the page answers for, in the order it shows them.
const QStringList &lookupKinds()
{
    static const QStringList kinds{u"municipal_units"_s, u"school_districts"_s, u"planning_zones"_s};
    return kinds;
}

QString layerName(const GisLayer &l, const QString &lang)
{
    return lang == u"en" && !l.nameEn.isEmpty() ? l.nameEn : l.nameEl;
}

// 0.6 → "0,6" in Greek, "0.6" in English; whole numbers without decimals.
QString number(double v, const QString &lang)
{
    QString text = QString::number(v, 'f', 6);
    while (text.contains(u'.') && (text.endsWith(u'0') || text.endsWith(u'.')))
        text.chop(1);
    return lang == u"el" ? text.replace(u'.', u',') : text;
}

QString valueText(const QJsonValue &v, const QString &lang)
{
    if (v.isDouble())
        return number(v.toDouble(), lang);
    if (v.isBool())
        return v.toBool() ? u"✓"_s : u"✗"_s;
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).chopped(1).mid(1);
}

// A term's value with its unit: a coverage ratio stored as a fraction (0.6) is shown as 60 %.
QString termText(const BuildingTerm &t, const QString &lang)
{
    if (!t.value.isDouble())
        return valueText(t.value, lang);
    const double v = t.value.toDouble();
    if (t.key == u"coverage_ratio")
        return number(v <= 1 ? v * 100 : v, lang) + u" %"_s;
    if (t.key == u"max_height" || t.key == u"min_frontage")
        return number(v, lang) + u" m"_s;
    if (t.key == u"min_plot_area")
        return number(v, lang) + u" m²"_s;
    return number(v, lang);
}

} // namespace

struct LookupPages::Impl
{
    Impl(AppContext &c, const WebPage &p) : ctx(c), page(p) { }

    AppContext &ctx;
    const WebPage &page;

    QString t(const WebRequest &web, const QString &key, const QStringList &args = {}) const
    {
        return page.text(web, key, args);
    }

    // The answer at a point: one section per kind, saying plainly when no layer of the kind is
    // loaded or when the point lies in none of its areas.
    // `shapes` gets "kind:layer:feature" of every area found, for the map to draw (lookup.js).
    QJsonArray sections(
        const WebRequest &web, double lat, double lon, QJsonArray *attributions, QStringList *shapes) const
    {
        const QString &lang = web.lang;
        const SpatialIndex &index = ctx.gis->index();
        QJsonArray out;
        QStringList credited;
        for (const QString &kind : lookupKinds()) {
            QStringList loadedLayers;
            for (const SpatialIndex::Layer &l : index.layers()) {
                if (l.info.kind != kind)
                    continue;
                loadedLayers.append(layerName(l.info, lang));
                if (!l.info.attribution.isEmpty() && !credited.contains(l.info.code)) {
                    credited.append(l.info.code);
                    attributions->append(
                        QJsonObject{{u"layer"_s, layerName(l.info, lang)}, {u"text"_s, l.info.attribution}});
                }
            }
            QJsonArray features;
            for (const SpatialIndex::Hit &h : index.containingAll(kind, lat, lon)) {
                shapes->append(kind + u':' + h.layer.code + u':' + QString::number(h.featureId));
                const QJsonObject attributes = QJsonDocument::fromJson(h.attributes).object();
                QJsonObject f{{u"name"_s, h.name.isEmpty() ? t(web, u"web.lookup.unnamed"_s) : h.name},
                    {u"layer"_s, layerName(h.layer, lang)}};
                if (kind == u"planning_zones") {
                    QJsonArray terms;
                    QStringList used;
                    for (const BuildingTerm &term : buildingTerms(attributes)) {
                        terms.append(QJsonObject{{u"label"_s, t(web, u"web.lookup.term."_s + term.key)},
                            {u"value"_s, termText(term, lang)}, {u"attribute"_s, term.attribute}});
                        used.append(term.attribute);
                    }
                    // The data's other attributes too: the zone's own names for what it regulates.
                    QJsonArray others;
                    for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
                        if (!used.contains(it.key()) && !it.value().isNull())
                            others.append(QJsonObject{{u"name"_s, it.key()}, {u"value"_s, valueText(*it, lang)}});
                    f.insert(u"terms"_s, terms);
                    f.insert(u"has_terms"_s, !terms.isEmpty());
                    f.insert(u"others"_s, others);
                    f.insert(u"has_others"_s, !others.isEmpty());
                }
                features.append(f);
            }
            out.append(QJsonObject{{u"kind"_s, kind}, {u"heading"_s, t(web, u"web.lookup.kind."_s + kind)},
                {u"planning"_s, kind == u"planning_zones"}, {u"loaded"_s, !loadedLayers.isEmpty()},
                {u"not_loaded"_s, t(web, u"web.lookup.not_loaded."_s + kind)},
                {u"none"_s, t(web, u"web.lookup.none"_s, {loadedLayers.join(u", "_s)})}, {u"features"_s, features},
                {u"found"_s, !features.isEmpty()}});
        }
        return out;
    }

    static QString lookupHref(const QString &lang, double lat, double lon, const QString &place)
    {
        QUrlQuery q;
        q.addQueryItem(u"lat"_s, QString::number(lat, 'f', 6));
        q.addQueryItem(u"lon"_s, QString::number(lon, 'f', 6));
        if (!place.isEmpty())
            q.addQueryItem(u"place"_s, place);
        q.addQueryItem(u"lang"_s, lang);
        return u"/lookup?"_s + q.toString(QUrl::FullyEncoded);
    }

    HttpResponse lookup(const HttpRequest &req, const WebRequest &web) const
    {
        const QString &lang = web.lang;
        const QString address = req.queryValue(u"address"_s).trimmed().left(kMaxAddress);
        QString latText = req.queryValue(u"lat"_s).trimmed().left(20);
        QString lonText = req.queryValue(u"lon"_s).trimmed().left(20);
        QString place = req.queryValue(u"place"_s).trimmed().left(kMaxAddress);
        QString addressError, latError, lonError;
        QJsonArray choices;
        std::optional<std::pair<double, double>> point;

        if (!address.isEmpty() && latText.isEmpty() && lonText.isEmpty()) {
            // An address: the one street it names, else the streets that match for the reader to choose.
            std::optional<Street> street = ctx.streets->locate(address);
            QList<Street> matches;
            if (!street) {
                matches = ctx.streets->search(address, 10);
                if (matches.size() == 1)
                    street = matches.first();
            }
            if (street) {
                point = {street->lat, street->lon};
                place = lang == u"en" && !street->nameEn.isEmpty() ? street->nameEn : street->nameEl;
            } else if (matches.isEmpty()) {
                addressError = t(web, u"web.lookup.no_street"_s, {address});
            } else {
                for (const Street &s : matches) {
                    const QString name = lang == u"en" && !s.nameEn.isEmpty() ? s.nameEn : s.nameEl;
                    choices.append(QJsonObject{{u"name"_s, name}, {u"postcode"_s, s.postcode},
                        {u"href"_s, lookupHref(lang, s.lat, s.lon, name)}});
                }
            }
        } else if (!latText.isEmpty() || !lonText.isEmpty()) {
            const std::optional<double> lat = ReportForm::parseDecimal(latText);
            const std::optional<double> lon = ReportForm::parseDecimal(lonText);
            if (latText.isEmpty() || lonText.isEmpty())
                (latText.isEmpty() ? latError : lonError) = t(web, u"web.error.coordinates_pair"_s);
            else if (!lat || std::fabs(*lat) > 90)
                latError = t(web, u"web.error.coordinate"_s);
            else if (!lon || std::fabs(*lon) > 180)
                lonError = t(web, u"web.error.coordinate"_s);
            else if (ctx.boundary && !ctx.boundary->contains(*lat, *lon))
                latError = t(web, u"web.error.outside"_s);
            else
                point = {*lat, *lon};
        }

        QJsonObject values{{u"address"_s, address}, {u"address_error"_s, textOrFalse(addressError)},
            {u"lat_error"_s, textOrFalse(latError)}, {u"lon_error"_s, textOrFalse(lonError)}, {u"choices"_s, choices},
            {u"has_choices"_s, !choices.isEmpty()}, {u"map"_s, page.hasMap()}, {u"tiles"_s, page.tiles()},
            {u"bounds"_s, page.bounds()}};
        if (point) {
            latText = QString::number(point->first, 'f', 6);
            lonText = QString::number(point->second, 'f', 6);
            QJsonArray attributions;
            QStringList shapes;
            const QJsonArray answer = sections(web, point->first, point->second, &attributions, &shapes);
            values.insert(u"shapes"_s, textOrFalse(shapes.join(u',')));
            const QString coordinates = number(point->first, lang) + u", "_s + number(point->second, lang);
            values.insert(u"result"_s,
                QJsonObject{{u"heading"_s,
                                place.isEmpty() ? t(web, u"web.lookup.result_point"_s, {coordinates})
                                                : t(web, u"web.lookup.result_place"_s, {place, coordinates})},
                    {u"sections"_s, answer}, {u"attributions"_s, attributions},
                    {u"has_attributions"_s, !attributions.isEmpty()}});
        } else {
            values.insert(u"result"_s, false);
        }
        values.insert(u"lat"_s, latText);
        values.insert(u"lon"_s, lonText);
        const bool problem = !addressError.isEmpty() || !latError.isEmpty() || !lonError.isEmpty();
        values.insert(u"has_errors"_s, problem);
        WebPage::Options options;
        options.status = problem ? 422 : 200;
        options.nav = WebPage::Nav::Lookup;
        options.map = true;
        options.scripts = {u"map-picker.js"_s, u"lookup.js"_s};
        return page.render(web, u"web/lookup"_s, t(web, u"web.lookup.title"_s), values, options);
    }
};

LookupPages::LookupPages(AppContext &ctx, const WebPage &page) : d(std::make_unique<Impl>(ctx, page)) { }

LookupPages::~LookupPages() = default;

void LookupPages::registerRoutes(Router &router, const PageRoute &pageRoute)
{
    Impl *impl = d.get();
    router.add("GET"_ba, u"/lookup"_s,
        pageRoute([impl](HttpRequest &req, const WebRequest &web) { return impl->lookup(req, web); }));
}

} // namespace dimos
