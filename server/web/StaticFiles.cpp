#include "StaticFiles.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStatic, "dimos.web")

namespace dimos {

namespace {

bool isPlainFileName(QStringView name)
{
    if (name.isEmpty() || name.size() > 100 || name.startsWith(u'.'))
        return false;
    for (const QChar c : name)
        if (!((c.isLetterOrNumber() && c.unicode() < 128) || c == u'.' || c == u'-' || c == u'_'))
            return false;
    return !name.contains(u".."_s);
}

QString shortHash(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(12));
}

} // namespace

StaticFiles::StaticFiles(const QString &leafletDir)
{
    QCryptographicHash all(QCryptographicHash::Sha256);
    QDirIterator it(u":/web"_s, QDir::Files);
    QStringList names;
    while (it.hasNext())
        names.append(it.next().mid(qsizetype(qstrlen(":/web/"))));
    names.sort();
    for (const QString &name : names) {
        QFile f(u":/web/"_s + name);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        m_files.insert(name, bytes);
        all.addData(name.toUtf8());
        all.addData(bytes);
    }
    m_version = QString::fromLatin1(all.result().toHex().left(12));

    const QFileInfo dir(leafletDir);
    const QString canonical = dir.canonicalFilePath();
    for (const QString &script : {u"leaflet.min.js"_s, u"leaflet.js"_s}) {
        if (canonical.isEmpty() || !dir.isDir() || !QFileInfo::exists(canonical + u'/' + script)
            || !QFileInfo::exists(canonical + u"/leaflet.css"_s))
            continue;
        QFile f(canonical + u'/' + script);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        m_leafletDir = canonical + u'/';
        m_leafletScript = script;
        m_leafletVersion = shortHash(f.readAll());
        break;
    }
    if (m_leafletVersion.isEmpty())
        qCWarning(lcStatic).noquote() << "web/leaflet_dir" << leafletDir
                                      << "holds no Leaflet (leaflet.js and leaflet.css): the web pages show lists "
                                         "instead of maps. Install Debian's libjs-leaflet or set web/leaflet_dir.";
    else
        qCInfo(lcStatic).noquote() << "Leaflet from" << m_leafletDir + m_leafletScript;
}

QByteArray StaticFiles::contentTypeFor(QStringView name)
{
    if (name.endsWith(u".css"))
        return "text/css; charset=utf-8"_ba;
    if (name.endsWith(u".js"))
        return "text/javascript; charset=utf-8"_ba;
    if (name.endsWith(u".svg"))
        return "image/svg+xml"_ba;
    if (name.endsWith(u".png"))
        return "image/png"_ba;
    if (name.endsWith(u".ico"))
        return "image/x-icon"_ba;
    if (name.endsWith(u".json") || name.endsWith(u".map"))
        return "application/json"_ba;
    return {};
}

std::optional<StaticFiles::File> StaticFiles::builtIn(const QString &version, const QString &name) const
{
    const auto found = m_files.constFind(name);
    if (found == m_files.cend())
        return std::nullopt;
    return File{*found, contentTypeFor(name), version == m_version};
}

QString StaticFiles::leafletScriptUrl() const
{
    return u"/static/leaflet/"_s + m_leafletVersion + u'/' + m_leafletScript;
}

QString StaticFiles::leafletStyleUrl() const
{
    return u"/static/leaflet/"_s + m_leafletVersion + u"/leaflet.css"_s;
}

std::optional<StaticFiles::File> StaticFiles::leaflet(
    const QString &version, const QString &subfolder, const QString &name) const
{
    if (!hasLeaflet() || (!subfolder.isEmpty() && subfolder != u"images") || !isPlainFileName(name))
        return std::nullopt;
    const QByteArray type = contentTypeFor(name);
    if (type.isEmpty() || name.endsWith(u".map"))
        return std::nullopt;
    const QString relative = subfolder.isEmpty() ? name : subfolder + u'/' + name;
    auto cached = m_leafletCache.constFind(relative);
    if (cached == m_leafletCache.cend()) {
        // The name is a plain file name already; the check of the cleaned path is a second lock.
        // (The folder's files may be links into /usr/share/nodejs, as Debian arranges them.)
        const QString path = QDir::cleanPath(m_leafletDir + relative);
        if (!path.startsWith(m_leafletDir) || !QFileInfo(path).isFile())
            return std::nullopt;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || f.size() > 4 * 1024 * 1024)
            return std::nullopt;
        cached = m_leafletCache.insert(relative, f.readAll());
    }
    return File{*cached, type, version == m_leafletVersion};
}

} // namespace dimos
