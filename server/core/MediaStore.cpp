#include "MediaStore.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace dimos {

bool MediaStore::isValidDigest(QStringView hex)
{
    if (hex.size() != 64)
        return false;
    for (QChar c : hex)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

QString MediaStore::pathFor(const QString &sha, Kind kind) const
{
    const QString ext = kind == Kind::Photo ? u".jpg"_s : u".thumb.jpg"_s;
    return m_root + u'/' + sha.left(2) + u'/' + sha.mid(2, 2) + u'/' + sha + ext;
}

bool MediaStore::put(const QString &sha, Kind kind, const QByteArray &data, QString *error)
{
    if (!isValidDigest(sha)) {
        *error = u"invalid content digest"_s;
        return false;
    }
    const QString path = pathFor(sha, kind);
    if (QFile::exists(path))
        return true;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = u"cannot create folder for %1"_s.arg(path);
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<QByteArray> MediaStore::get(const QString &sha, Kind kind) const
{
    if (!isValidDigest(sha))
        return std::nullopt;
    QFile file(pathFor(sha, kind));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

} // namespace dimos
