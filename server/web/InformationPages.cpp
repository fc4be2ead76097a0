#include "InformationPages.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <cmath>

#include "server/app/AppContext.h"
#include "server/core/PhotoProcessor.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/InformationRepository.h"
#include "server/web/WebPage.h"
#include "shared/domain/InformationItem.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kPastShown = 10;
constexpr int kHomeShown = 4;
constexpr int kIndexShown = 3;

std::optional<qint64> parseId(const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text.startsWith(u'+') || text.size() > 18)
        return std::nullopt;
    return id;
}

QString encoded(const QString &code)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(code));
}

// Current items in the order a reader wants them: coming events by date, then the undated
// items (a lost dog, a tourism note) newest first.
struct Sorted
{
    QList<InformationItem> current;
    QList<InformationItem> past;
};

Sorted sortItems(const QList<InformationItem> &items, qint64 nowMs)
{
    Sorted out;
    QList<InformationItem> dated, undated;
    for (const InformationItem &item : items) {
        if (!item.isPublished())
            continue;
        if (!item.startsMs)
            undated.append(item);
        else if (item.isPast(nowMs))
            out.past.append(item);
        else
            dated.append(item);
    }
    std::stable_sort(
        dated.begin(), dated.end(), [](const auto &a, const auto &b) { return *a.startsMs < *b.startsMs; });
    std::stable_sort(
        out.past.begin(), out.past.end(), [](const auto &a, const auto &b) { return *a.startsMs > *b.startsMs; });
    out.current = dated + undated; // undated: newest first, as listed
    return out;
}

} // namespace

QString InformationPages::categoryPath(const QString &code)
{
    return u"/information/"_s + encoded(code);
}

QString InformationPages::itemPath(const InformationItem &item)
{
    return categoryPath(item.categoryCode) + u'/' + QString::number(item.id);
}

QJsonValue InformationPages::when(const WebRequest &web, const InformationItem &item) const
{
    if (!item.startsMs)
        return false;
    const QJsonObject start = WebPage::date(web.lang, *item.startsMs);
    QJsonObject w{{u"start"_s, start}, {u"end"_s, false}};
    if (item.endsMs) {
        QJsonObject end = WebPage::date(web.lang, *item.endsMs);
        // The same day: "21/6/2026, 19:00 – 23:00", the end's time only.
        if (end[u"iso"_s].toString().left(10) == start[u"iso"_s].toString().left(10))
            end.insert(u"text"_s, end[u"text"_s].toString().section(u", "_s, -1));
        w.insert(u"end"_s, end);
    }
    return w;
}

QJsonObject InformationPages::entry(const WebRequest &web, const InformationItem &item) const
{
    const std::optional<Category> category = m_ctx.catalog->category(item.categoryCode);
    return QJsonObject{{u"url"_s, itemPath(item)}, {u"title"_s, item.title.in(web.lang)},
        {u"category"_s, category ? category->name.in(web.lang) : item.categoryCode}, {u"when"_s, when(web, item)},
        {u"place"_s, textOrFalse(item.address)}, {u"published"_s, WebPage::date(web.lang, item.createdMs)}};
}

QJsonValue InformationPages::homeSection(const WebRequest &web) const
{
    QStringList codes;
    QJsonArray categories;
    for (const Category &c : m_ctx.catalog->categories(true)) {
        if (!c.isInformation())
            continue;
        codes.append(c.code);
        categories.append(QJsonObject{{u"url"_s, categoryPath(c.code)}, {u"name"_s, c.name.in(web.lang)}});
    }
    if (codes.isEmpty())
        return false;
    InformationQuery q;
    q.categories = codes;
    q.state = InformationItem::State::Published;
    const Sorted sorted = sortItems(m_ctx.information->list(q), m_ctx.clock->nowMs());
    QJsonArray items;
    for (const InformationItem &item : sorted.current.mid(0, kHomeShown))
        items.append(entry(web, item));
    return QJsonObject{{u"items"_s, items}, {u"has_items"_s, !items.isEmpty()}, {u"categories"_s, categories}};
}

HttpResponse InformationPages::index(const WebRequest &web) const
{
    QJsonArray categories;
    QList<std::pair<QString, QString>> feeds;
    for (const Category &c : m_ctx.catalog->categories(true)) {
        if (!c.isInformation())
            continue;
        InformationQuery q;
        q.categories = {c.code};
        q.state = InformationItem::State::Published;
        const Sorted sorted = sortItems(m_ctx.information->list(q), m_ctx.clock->nowMs());
        QJsonArray items;
        for (const InformationItem &item : sorted.current.mid(0, kIndexShown))
            items.append(entry(web, item));
        const QString name = c.name.in(web.lang);
        categories.append(QJsonObject{{u"url"_s, categoryPath(c.code)}, {u"name"_s, name},
            {u"description"_s, textOrFalse(c.description.in(web.lang))}, {u"items"_s, items},
            {u"has_items"_s, !items.isEmpty()},
            {u"more"_s,
                sorted.current.size() > kIndexShown ? QJsonValue(m_page.text(
                    web, u"web.information.more"_s, {QString::number(sorted.current.size() - kIndexShown), name}))
                                                    : QJsonValue(false)},
            {u"id"_s, QString(u"cat-"_s + c.code)}});
    }
    WebPage::Options options;
    options.nav = WebPage::Nav::Information;
    return m_page.render(web, u"web/information_index"_s, m_page.text(web, u"web.information.title"_s),
        QJsonObject{{u"categories"_s, categories}, {u"has_categories"_s, !categories.isEmpty()}}, options);
}

HttpResponse InformationPages::category(const HttpRequest &req, const WebRequest &web) const
{
    const std::optional<Category> c = m_ctx.catalog->category(req.params.value(u"code"_s));
    if (!c || !c->active || !c->isInformation())
        return m_page.notFound(web);
    InformationQuery q;
    q.categories = {c->code};
    q.state = InformationItem::State::Published;
    const Sorted sorted = sortItems(m_ctx.information->list(q), m_ctx.clock->nowMs());
    QJsonArray current, past;
    for (const InformationItem &item : sorted.current)
        current.append(entry(web, item));
    for (const InformationItem &item : sorted.past.mid(0, kPastShown))
        past.append(entry(web, item));
    const QString name = c->name.in(web.lang);
    const QString feed = u"/feeds/information/%1.atom?lang=%2"_s.arg(encoded(c->code), web.lang);
    const QJsonObject values{{u"name"_s, name}, {u"description"_s, textOrFalse(c->description.in(web.lang))},
        {u"current"_s, current}, {u"has_current"_s, !current.isEmpty()}, {u"past"_s, past},
        {u"has_past"_s, !past.isEmpty()}, {u"feed"_s, feed},
        {u"feed_text"_s, m_page.text(web, u"web.information.feed"_s, {name})}};
    WebPage::Options options;
    options.nav = WebPage::Nav::Information;
    options.feeds = {{feed, m_page.text(web, u"web.information.feed"_s, {name})}};
    return m_page.render(web, u"web/information_category"_s, name, values, options);
}

HttpResponse InformationPages::item(const HttpRequest &req, const WebRequest &web) const
{
    const std::optional<Category> c = m_ctx.catalog->category(req.params.value(u"code"_s));
    const std::optional<qint64> id = parseId(req.params.value(u"id"_s));
    const std::optional<InformationItem> found = id ? m_ctx.information->find(*id) : std::nullopt;
    if (!c || !c->active || !c->isInformation() || !found || found->categoryCode != c->code)
        return m_page.notFound(web);
    const InformationItem &item = *found;
    const QString name = c->name.in(web.lang);
    if (!item.isPublished())
        return m_page.error(web, 410, m_page.text(web, u"web.information.withdrawn_title"_s),
            m_page.text(web, u"web.information.withdrawn"_s), categoryPath(c->code),
            m_page.text(web, u"web.information.back"_s, {name}));

    QJsonObject values{{u"title"_s, item.title.in(web.lang)}, {u"text"_s, item.body.in(web.lang)},
        {u"category"_s, name}, {u"category_url"_s, categoryPath(c->code)},
        {u"back"_s, m_page.text(web, u"web.information.back"_s, {name})}, {u"when"_s, when(web, item)},
        {u"place"_s, textOrFalse(item.address)}, {u"published"_s, WebPage::date(web.lang, item.createdMs)},
        {u"updated"_s,
            item.updatedMs > item.createdMs ? QJsonValue(WebPage::date(web.lang, item.updatedMs)) : QJsonValue(false)},
        {u"map"_s, m_page.hasMap()}, {u"tiles"_s, m_page.tiles()},
        // An English reader of a Greek-only item is told why it is in Greek.
        {u"greek_only"_s, web.lang == u"en" && item.title.en.isEmpty() && item.body.en.isEmpty()}};
    if (item.hasLocation)
        values.insert(u"point"_s,
            QJsonObject{{u"lat"_s, QString::number(item.lat, 'f', 6)}, {u"lon"_s, QString::number(item.lon, 'f', 6)},
                {u"osm"_s,
                    u"https://www.openstreetmap.org/?mlat=%1&mlon=%2#map=17/%1/%2"_s.arg(item.lat, 0, 'f', 6)
                        .arg(item.lon, 0, 'f', 6)}});
    else
        values.insert(u"point"_s, false);
    QJsonArray photos;
    const int thumbSide = m_ctx.photoLimits->thumbMaxDimension;
    for (qsizetype i = 0; i < item.photos.size(); ++i) {
        const InformationPhoto &p = item.photos[i];
        const double scale = std::min(1.0, double(thumbSide) / std::max({p.width, p.height, 1}));
        photos.append(QJsonObject{{u"full"_s, QString(u"/media/"_s + p.sha256 + u".jpg"_s)},
            {u"thumb"_s, QString(u"/media/"_s + p.sha256 + u".thumb.jpg"_s)},
            {u"alt"_s,
                m_page.text(
                    web, u"web.information.photo_alt"_s, {QString::number(i + 1), values[u"title"_s].toString()})},
            {u"width"_s, std::max(1, int(std::lround(p.width * scale)))},
            {u"height"_s, std::max(1, int(std::lround(p.height * scale)))}});
    }
    values.insert(u"photos"_s, photos);
    values.insert(u"has_photos"_s, !photos.isEmpty());
    const QString feed = u"/feeds/information/%1.atom?lang=%2"_s.arg(encoded(c->code), web.lang);
    values.insert(u"feed"_s, feed);
    values.insert(u"feed_text"_s, m_page.text(web, u"web.information.feed"_s, {name}));

    WebPage::Options options;
    options.nav = WebPage::Nav::Information;
    options.map = item.hasLocation;
    options.scripts = {u"map-picker.js"_s, u"map.js"_s};
    options.feeds = {{feed, m_page.text(web, u"web.information.feed"_s, {name})}};
    return m_page.render(web, u"web/information_item"_s, values[u"title"_s].toString(), values, options);
}

void InformationPages::registerRoutes(Router &router, const PageRoute &pageRoute) const
{
    const InformationPages *p = this;
    router.add(
        "GET"_ba, u"/information"_s, pageRoute([p](HttpRequest &, const WebRequest &web) { return p->index(web); }));
    router.add("GET"_ba, u"/information/{code}"_s,
        pageRoute([p](HttpRequest &req, const WebRequest &web) { return p->category(req, web); }));
    router.add("GET"_ba, u"/information/{code}/{id}"_s,
        pageRoute([p](HttpRequest &req, const WebRequest &web) { return p->item(req, web); }));
}

} // namespace dimos
