#include "DocumentStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "server/core/MediaStore.h"
#include "server/http/ApiError.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qsizetype kPdfTrailerWindow = 1024;

// "%PDF-" first, "%%EOF" near the end: what every PDF writer produces. A file that also
// carries a ZIP central directory is a polyglot (a PDF and an archive at once) and refused.
bool hasZipDirectory(const QByteArray &data)
{
    // The end-of-central-directory record: PK\5\6 within the last 64 KiB + 22 bytes.
    const qsizetype from = qMax<qsizetype>(0, data.size() - (0xFFFF + 22));
    return data.indexOf("PK\x05\x06", from) >= 0;
}

QString shown(const UploadedDocument &d)
{
    QString name = d.fileName.left(120);
    name.remove(u'"');
    return name.isEmpty() ? u"(no name)"_s : name;
}

QString normalisedDeclared(const QByteArray &declared)
{
    QString t = QString::fromLatin1(declared).section(u';', 0, 0).trimmed().toLower();
    if (t == u"image/jpg" || t == u"image/pjpeg")
        t = u"image/jpeg"_s;
    if (t == u"application/x-pdf")
        t = u"application/pdf"_s;
    if (t == u"application/octet-stream")
        t.clear(); // says nothing about the content
    return t;
}

ApiError refused(const UploadedDocument &d, const QString &why)
{
    return ApiError(ApiError::Kind::Validation, u"the document \"%1\" was not accepted: %2"_s.arg(shown(d), why),
        QJsonObject{{u"file"_s, d.fileName.left(120)}});
}

} // namespace

QString DocumentStore::pathFor(const QString &sha) const
{
    return m_root + u'/' + sha.left(2) + u'/' + sha.mid(2, 2) + u'/' + sha;
}

std::optional<QString> DocumentStore::put(const QByteArray &data, QString *error)
{
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
    const QString path = pathFor(sha);
    if (QFile::exists(path))
        return sha;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = u"cannot create the folder for %1"_s.arg(path);
        return std::nullopt;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    return sha;
}

std::optional<QByteArray> DocumentStore::get(const QString &sha) const
{
    if (!MediaStore::isValidDigest(sha))
        return std::nullopt;
    QFile file(pathFor(sha));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

CheckedDocument DocumentStore::check(
    const UploadedDocument &d, const DocumentLimits &limits, const PhotoLimits &photoLimits)
{
    if (d.data.isEmpty())
        throw refused(d, u"the file is empty"_s);
    if (d.data.size() > limits.maxBytes)
        throw refused(d,
            u"it is %1 MiB; each document may be at most %2 MiB — scan it at a lower resolution"_s
                .arg(double(d.data.size()) / (1024 * 1024), 0, 'f', 1)
                .arg(limits.maxBytes / (1024 * 1024)));
    const QString declared = normalisedDeclared(d.declaredType);
    CheckedDocument out;
    out.size = d.data.size();
    if (d.data.startsWith("%PDF-")) {
        if (d.data.lastIndexOf("%%EOF") < d.data.size() - kPdfTrailerWindow || !d.data.contains("%%EOF"))
            throw refused(d, u"it starts like a PDF but has no end (%%EOF): the file is cut off or damaged"_s);
        if (hasZipDirectory(d.data))
            throw refused(d, u"it is a PDF with an archive (ZIP) inside; send a plain PDF"_s);
        out.mediaType = u"application/pdf"_s;
    } else if (d.data.startsWith("\xFF\xD8\xFF") || d.data.startsWith("\x89PNG\r\n\x1A\n")) {
        const bool jpeg = d.data.startsWith("\xFF\xD8\xFF");
        // The photo checks decode the image within the pixel limits and refuse bombs,
        // truncated files and anything appended after the image (a PDF or a ZIP).
        QString why;
        if (!processPhoto(d.data, QByteArray(), photoLimits, &why))
            throw refused(d, why);
        out.mediaType = jpeg ? u"image/jpeg"_s : u"image/png"_s;
    } else {
        throw refused(d,
            u"it is not a PDF, JPEG or PNG file (whatever its name says); send the document as "
            u"one of these"_s);
    }
    if (!declared.isEmpty() && declared != out.mediaType)
        throw refused(d,
            u"it was sent as %1 but its content is %2; send it again with the right type"_s.arg(
                declared.left(60), out.mediaType));
    out.sha256 = QString::fromLatin1(QCryptographicHash::hash(d.data, QCryptographicHash::Sha256).toHex());
    return out;
}

} // namespace dimos
