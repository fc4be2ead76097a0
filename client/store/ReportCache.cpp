#include "ReportCache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

#include "client/store/ReportStore.h"
#include "shared/domain/ReportJson.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

Q_LOGGING_CATEGORY(lcCache, "dimos.desk.cache")

// The first line of the file; the rest is the zlib-compressed JSON document.
QByteArray header()
{
    return QByteArray("DIMOS-DESK-CACHE " + QByteArray::number(ReportCache::kFormatVersion) + '\n');
}

QString normalizedServer(const QUrl &server)
{
    QUrl url
        = server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (url.path() == u"/"_s) // StripTrailingSlash keeps a lone "/"
        url.setPath(QString());
    return url.toString();
}

} // namespace

ReportCache::ReportCache(const QUrl &server, const QString &directory) : m_server(normalizedServer(server))
{
    const QString dir
        = directory.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) : directory;
    // One file per server: a clerk who signs in to a test server does not mix its reports
    // with the production ones.
    const QByteArray key = QCryptographicHash::hash(m_server.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    m_path = QDir(dir).filePath(QString(u"reports-"_s + QString::fromLatin1(key) + u".cache"_s));
}

bool ReportCache::save(const ReportStore &store, QString *error) const
{
    QJsonArray reports;
    for (qint64 id : store.ids())
        reports.append(reportToStaffJson(*store.find(id), false));
    QJsonArray departments;
    for (const Department &d : store.departments())
        departments.append(d.toJson());
    QJsonArray categories;
    for (const Category &c : store.categories())
        categories.append(c.toJson());
    QJsonArray users;
    for (const StaffMember &u : store.users())
        users.append(u.toJson());
    const QJsonObject doc{{u"server"_s, m_server}, {u"last_seq"_s, store.lastSeq()}, {u"reports"_s, reports},
        {u"departments"_s, departments}, {u"categories"_s, categories}, {u"users"_s, users}};

    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        if (error)
            *error = u"cannot create the folder of %1"_s.arg(m_path);
        return false;
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    file.write(header());
    file.write(qCompress(QJsonDocument(doc).toJson(QJsonDocument::Compact)));
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

bool ReportCache::load(ReportStore &store) const
{
    QFile file(m_path);
    if (!file.exists())
        return false;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcCache) << "cannot read the report cache" << m_path << file.errorString();
        return false;
    }
    const QByteArray bytes = file.readAll();
    auto corrupt = [this](const char *why) {
        qCWarning(lcCache) << "ignoring the report cache" << m_path << "-" << why;
        return false;
    };
    if (!bytes.startsWith(header()))
        return corrupt("not a cache of this format version");
    const QByteArray json = qUncompress(bytes.mid(header().size()));
    if (json.isEmpty())
        return corrupt("damaged");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return corrupt("damaged JSON");
    const QJsonObject o = doc.object();
    if (o.value(u"server"_s).toString() != m_server)
        return corrupt("written for another server");
    if (!o.value(u"last_seq"_s).isDouble())
        return corrupt("no sequence number");

    // Everything is decoded before the store is touched: a damaged file changes nothing.
    QList<Report> reports;
    for (const QJsonValue &v : o.value(u"reports"_s).toArray()) {
        auto r = reportFromStaffJson(v.toObject());
        if (!r)
            return corrupt("a report cannot be read");
        reports.append(*r);
    }
    QList<Department> departments;
    for (const QJsonValue &v : o.value(u"departments"_s).toArray()) {
        auto d = departmentFromJson(v.toObject());
        if (!d)
            return corrupt("a department cannot be read");
        departments.append(*d);
    }
    QList<Category> categories;
    for (const QJsonValue &v : o.value(u"categories"_s).toArray()) {
        auto c = categoryFromJson(v.toObject());
        if (!c)
            return corrupt("a category cannot be read");
        categories.append(*c);
    }
    QList<StaffMember> users;
    for (const QJsonValue &v : o.value(u"users"_s).toArray()) {
        auto u = StaffMember::fromJson(v.toObject());
        if (!u)
            return corrupt("a user cannot be read");
        users.append(*u);
    }
    store.setDepartments(departments);
    store.setCategories(categories);
    store.setUsers(users);
    store.replaceAll(reports, o.value(u"last_seq"_s).toInteger());
    return true;
}

void ReportCache::remove() const
{
    QFile::remove(m_path);
}

} // namespace dimos
