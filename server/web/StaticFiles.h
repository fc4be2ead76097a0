#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace dimos {

// The files the pages load: the site's own CSS, JavaScript and icons, built into dimosd
// (resources/web/ under :/web/), and Leaflet from Debian's libjs-leaflet folder. URLs carry a
// version made of the content's hash (/static/<hash>/site.css), so browsers may keep a file
// for a year and still get a new one the moment dimosd is upgraded.
class StaticFiles final
{
public:
    // Reads the built-in files and looks for Leaflet in `leafletDir`; logs a warning (and the
    // maps give way to lists) when it is missing.
    explicit StaticFiles(const QString &leafletDir);

    struct File
    {
        QByteArray body;
        QByteArray contentType;
        bool current = false; // asked for under the current version: cache for a year
    };

    // "/static/<version>/site.css" for a built-in file.
    QString url(const QString &name) const { return QStringLiteral("/static/") + m_version + u'/' + name; }
    // A built-in file by name; nothing for an unknown name.
    std::optional<File> builtIn(const QString &version, const QString &name) const;

    bool hasLeaflet() const { return !m_leafletVersion.isEmpty(); }
    // "/static/leaflet/<version>/leaflet.js" and ".../leaflet.css".
    QString leafletScriptUrl() const;
    QString leafletStyleUrl() const;
    // A file of the Leaflet folder: `subfolder` is empty or "images"; `name` a plain file name
    // of a known type. Nothing for anything else (no "..", no other folder, no hidden file).
    std::optional<File> leaflet(const QString &version, const QString &subfolder, const QString &name) const;

    static QByteArray contentTypeFor(QStringView name);

private:
    QHash<QString, QByteArray> m_files; // built-in, by name
    QString m_version;
    QString m_leafletDir; // canonical, with a trailing '/'
    QString m_leafletScript; // leaflet.min.js or leaflet.js
    QString m_leafletVersion;
    mutable QHash<QString, QByteArray> m_leafletCache; // files read so far, by relative path
};

} // namespace dimos
