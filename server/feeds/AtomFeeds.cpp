#include "AtomFeeds.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>
#include <QXmlStreamWriter>

#include <cmath>

#include "server/app/AppContext.h"
#include "server/http/ApiError.h"
#include "server/http/Router.h"
#include "server/render/MessageCatalog.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/InformationRepository.h"
#include "server/storage/ReportRepository.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kEntries = 50;
constexpr double kMinRadius = 10, kMaxRadius = 20'000;

QString statusWord(const MessageCatalog &m, const QString &lang, ReportStatus s)
{
    return m.text(lang, u"feeds.status."_s + statusToString(s));
}

class Feed
{
public:
    Feed(const AppContext &ctx, QString lang) : m_ctx(ctx), m_lang(std::move(lang)), m_xml(&m_out)
    {
        m_xml.setAutoFormatting(false);
        m_xml.writeStartDocument();
        m_xml.writeStartElement(u"feed"_s);
        m_xml.writeDefaultNamespace(u"http://www.w3.org/2005/Atom"_s);
        m_xml.writeAttribute(u"xml:lang"_s, m_lang);
    }

    void head(const QString &title, const QString &selfPath, const QString &alternatePath, qint64 updatedMs)
    {
        m_xml.writeTextElement(u"id"_s, m_ctx.baseUrl + selfPath);
        m_xml.writeTextElement(u"title"_s, title);
        m_xml.writeTextElement(u"updated"_s, formatUtc(updatedMs));
        link(u"self"_s, selfPath, u"application/atom+xml"_s);
        link(u"alternate"_s, alternatePath, u"text/html"_s);
        m_xml.writeStartElement(u"author"_s);
        m_xml.writeTextElement(u"name"_s, m_ctx.municipalityName);
        m_xml.writeEndElement();
        m_xml.writeTextElement(u"generator"_s, u"Dimos"_s);
    }

    void entry(const QString &id, const QString &title, const QString &path, qint64 publishedMs, qint64 updatedMs,
        const QString &summary, const QString &category)
    {
        m_xml.writeStartElement(u"entry"_s);
        m_xml.writeTextElement(u"id"_s, id);
        m_xml.writeTextElement(u"title"_s, title);
        link(u"alternate"_s, path, u"text/html"_s);
        m_xml.writeTextElement(u"published"_s, formatUtc(publishedMs));
        m_xml.writeTextElement(u"updated"_s, formatUtc(updatedMs));
        if (!category.isEmpty()) {
            m_xml.writeEmptyElement(u"category"_s);
            m_xml.writeAttribute(u"term"_s, category);
        }
        m_xml.writeStartElement(u"summary"_s);
        m_xml.writeAttribute(u"type"_s, u"text"_s);
        m_xml.writeCharacters(summary);
        m_xml.writeEndElement();
        m_xml.writeEndElement();
    }

    HttpResponse finish()
    {
        m_xml.writeEndElement();
        m_xml.writeEndDocument();
        return HttpResponse::bytes(m_out, "application/atom+xml; charset=utf-8"_ba)
            .withHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    }

private:
    void link(const QString &rel, const QString &path, const QString &type)
    {
        m_xml.writeEmptyElement(u"link"_s);
        m_xml.writeAttribute(u"rel"_s, rel);
        m_xml.writeAttribute(u"type"_s, type);
        m_xml.writeAttribute(u"href"_s, m_ctx.baseUrl + path);
    }

    const AppContext &m_ctx;
    QString m_lang;
    QByteArray m_out;
    QXmlStreamWriter m_xml;
};

QDateTime athensTime(qint64 epochMs)
{
    static const QTimeZone athens("Europe/Athens");
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(epochMs, QTimeZone::utc());
    return athens.isValid() ? utc.toTimeZone(athens) : utc;
}

QString reportPagePath(qint64 id)
{
    return u"/reports/%1"_s.arg(id);
}

QString entryId(const AppContext &ctx, const QString &what)
{
    // Stable and unique: the server's public URL names the municipality.
    return u"tag:%1,2026:%2"_s.arg(QUrl(ctx.baseUrl).host().isEmpty() ? u"dimos"_s : QUrl(ctx.baseUrl).host(), what);
}

double number(const HttpRequest &req, const QString &name)
{
    bool ok = false;
    const double v = req.queryValue(name).toDouble(&ok);
    if (!ok || !std::isfinite(v))
        throw ApiError(ApiError::Kind::BadRequest, u"%1 must be a number"_s.arg(name));
    return v;
}

} // namespace

void registerAtomFeeds(Router &router, AppContext &ctx, const MessageCatalog &messages)
{
    AppContext *c = &ctx;
    const MessageCatalog *m = &messages;
    const CachePolicy cached = CachePolicy::untilDataChanges();

    router.add(
        "GET"_ba, u"/feeds/reports.atom"_s,
        [c, m](HttpRequest &req) {
            const QString lang = req.language();
            ReportQuery q;
            q.publicOnly = true;
            q.order = ReportQuery::Order::RequestedDesc;
            q.limit = kEntries;
            QString title = m->text(lang, u"feeds.reports_title"_s, {c->municipalityName});
            QString self = u"/feeds/reports.atom"_s;
            QUrlQuery selfQuery;
            if (req.hasQuery(u"category"_s)) {
                const QString code = req.queryValue(u"category"_s);
                const std::optional<Category> category = c->catalog->category(code);
                if (!category || !category->active)
                    throw ApiError(ApiError::Kind::NotFound,
                        u"no category \"%1\"; the services list names them"_s.arg(code.left(64)));
                if (category->isInformation())
                    throw ApiError(ApiError::Kind::NotFound,
                        u"\"%1\" is an information category without reports; its feed is /feeds/information/%1.atom"_s
                            .arg(category->code));
                q.serviceCodes = {category->code};
                title = m->text(lang, u"feeds.category_title"_s, {category->name.in(lang), c->municipalityName});
                selfQuery.addQueryItem(u"category"_s, category->code);
            }
            if (req.hasQuery(u"lat"_s) || req.hasQuery(u"lon"_s) || req.hasQuery(u"radius"_s)) {
                const double lat = number(req, u"lat"_s), lon = number(req, u"lon"_s),
                             radius = number(req, u"radius"_s);
                if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
                    throw ApiError(ApiError::Kind::BadRequest, u"lat must be within ±90 and lon within ±180"_s);
                if (radius < kMinRadius || radius > kMaxRadius)
                    throw ApiError(ApiError::Kind::BadRequest,
                        u"radius must be between %1 and %2 metres"_s.arg(kMinRadius).arg(kMaxRadius));
                q.circle = ReportQuery::Circle{lat, lon, radius};
                title += u" · "_s + m->text(lang, u"feeds.area"_s, {QString::number(qRound(radius))});
                selfQuery.addQueryItem(u"lat"_s, QString::number(lat, 'f', 6));
                selfQuery.addQueryItem(u"lon"_s, QString::number(lon, 'f', 6));
                selfQuery.addQueryItem(u"radius"_s, QString::number(radius));
            }
            if (lang == u"en")
                selfQuery.addQueryItem(u"lang"_s, u"en"_s);
            if (!selfQuery.isEmpty())
                self += u'?' + selfQuery.toString(QUrl::FullyEncoded);
            const QList<Report> reports = c->reports->query(q);
            const QHash<QString, Category> categories = [&] {
                QHash<QString, Category> out;
                for (const Category &cat : c->catalog->categories(false))
                    out.insert(cat.code, cat);
                return out;
            }();
            Feed feed(*c, lang);
            qint64 updated = 0;
            for (const Report &r : reports)
                updated = std::max(updated, r.updatedMs);
            feed.head(title, self, u"/"_s, updated);
            for (const Report &r : reports) {
                const QString name
                    = categories.contains(r.serviceCode) ? categories[r.serviceCode].name.in(lang) : r.serviceCode;
                const QString place
                    = r.address.isEmpty() ? u"%1, %2"_s.arg(r.lat, 0, 'f', 5).arg(r.lon, 0, 'f', 5) : r.address;
                feed.entry(entryId(*c, u"report-%1"_s.arg(r.id)),
                    u"%1 — %2 (%3)"_s.arg(name, place, statusWord(*m, lang, r.status)), reportPagePath(r.id),
                    r.requestedMs, r.updatedMs, r.description, r.serviceCode);
            }
            return feed.finish();
        },
        cached);

    // The items of one information category, newest first: /feeds/information/{code}.atom.
    router.add(
        "GET"_ba, u"/feeds/information/{file}"_s,
        [c, m](HttpRequest &req) {
            const QString file = req.params.value(u"file"_s);
            const QString code = file.endsWith(u".atom"_s) ? file.chopped(5) : QString();
            const std::optional<Category> category = c->catalog->category(code);
            if (!category || !category->active || !category->isInformation())
                throw ApiError(ApiError::Kind::NotFound, u"no information category \"%1\""_s.arg(file.left(64)));
            const QString lang = req.language();
            InformationQuery q;
            q.categories = {category->code};
            q.state = InformationItem::State::Published;
            q.limit = kEntries;
            const QList<InformationItem> items = c->information->list(q);
            const QString page = u"/information/"_s + QString::fromLatin1(QUrl::toPercentEncoding(category->code));
            const QString self = u"/feeds/information/"_s + QString::fromLatin1(QUrl::toPercentEncoding(category->code))
                + u".atom"_s + (lang == u"en" ? u"?lang=en"_s : QString());
            qint64 updated = 0;
            for (const InformationItem &item : items)
                updated = std::max(updated, item.updatedMs);
            Feed feed(*c, lang);
            feed.head(m->text(lang, u"feeds.information_title"_s, {category->name.in(lang), c->municipalityName}), self,
                page, updated);
            for (const InformationItem &item : items) {
                QString title = item.title.in(lang);
                if (item.startsMs) // an event: its day (in Greek time) in the title
                    title += u" ("_s + athensTime(*item.startsMs).toString(u"dd/MM/yyyy"_s) + u')';
                feed.entry(entryId(*c, u"information-%1"_s.arg(item.id)), title, page + u'/' + QString::number(item.id),
                    item.createdMs, item.updatedMs, item.body.in(lang), category->code);
            }
            return feed.finish();
        },
        cached);

    router.add(
        "GET"_ba, u"/feeds/reports/{file}"_s,
        [c, m](HttpRequest &req) {
            const QString file = req.params.value(u"file"_s);
            bool ok = file.endsWith(u".atom"_s);
            const qint64 id = ok ? file.chopped(5).toLongLong(&ok) : 0;
            const std::optional<Report> report = ok ? c->reports->find(id, /*publicOnly=*/true) : std::nullopt;
            if (!report)
                throw ApiError(ApiError::Kind::NotFound, u"no public report \"%1\""_s.arg(file.left(32)));
            const QString lang = req.language();
            const std::optional<Category> category = c->catalog->category(report->serviceCode);
            const QString name = category ? category->name.in(lang) : report->serviceCode;
            Feed feed(*c, lang);
            const QString self = u"/feeds/reports/%1.atom"_s.arg(id) + (lang == u"en" ? u"?lang=en"_s : QString());
            feed.head(m->text(lang, u"feeds.report_title"_s, {QString::number(id), name}), self, reportPagePath(id),
                report->updatedMs);
            const QList<ReportHistoryEntry> history = c->reports->history(id, /*publicOnly=*/true);
            for (qsizetype i = history.size() - 1; i >= 0; --i) {
                const ReportHistoryEntry &e = history[i];
                QString title;
                if (e.kind == ReportHistoryEntry::Kind::Created)
                    title = m->text(lang, u"feeds.filed"_s);
                else if (e.newStatus)
                    title = m->text(lang, u"feeds.status_changed"_s, {statusWord(*m, lang, *e.newStatus)});
                else
                    title = m->text(lang, u"feeds.note"_s);
                feed.entry(entryId(*c, u"report-%1-history-%2"_s.arg(id).arg(e.id)), title, reportPagePath(id), e.atMs,
                    e.atMs, e.kind == ReportHistoryEntry::Kind::Created ? report->description : e.text,
                    report->serviceCode);
            }
            return feed.finish();
        },
        cached);
}

} // namespace dimos
