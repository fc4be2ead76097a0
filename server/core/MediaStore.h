#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace dimos {

// Content-addressed files under the data folder: <root>/ab/cd/<sha256>.<kind>. The same
// bytes are stored once; a write goes to a temporary file that is renamed into place, so a
// crash never leaves half a file under a real name.
class MediaStore final
{
public:
    explicit MediaStore(QString root) : m_root(std::move(root)) { }

    enum class Kind { Photo, Thumbnail };

    // Stores `data` under `sha256Hex`. Returns false with *error on I/O failure.
    bool put(const QString &sha256Hex, Kind kind, const QByteArray &data, QString *error);
    std::optional<QByteArray> get(const QString &sha256Hex, Kind kind) const;
    QString pathFor(const QString &sha256Hex, Kind kind) const;

    static bool isValidDigest(QStringView hex);

private:
    QString m_root;
};

} // namespace dimos
