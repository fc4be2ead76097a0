#include "LayerImporter.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>

#include <iconv.h>

#include "server/gis/LayerKind.h"

using namespace Qt::StringLiterals;

// The parts of the import that need no GDAL: they run in dimosd itself, which does not link
// GDAL (the file is read by the dimos-gis-read process, see LayerTransfer.h).

namespace dimos {

namespace {

constexpr qsizetype kMaxName = 200;
constexpr qsizetype kMaxStyle = 4096;
constexpr qsizetype kMaxAttribution = 2000;

bool knownEncoding(const QString &name)
{
    const QByteArray n = name.toLatin1();
    iconv_t cd = iconv_open("UTF-8", n.constData());
    if (cd == reinterpret_cast<iconv_t>(-1))
        return false;
    iconv_close(cd);
    return true;
}

} // namespace

QString attributionBeside(const QString &dataFile)
{
    const QFileInfo info(dataFile);
    QFile source(info.path() + u'/' + info.completeBaseName() + u".SOURCE.md"_s);
    if (!source.open(QIODevice::ReadOnly))
        return {};
    QStringList lines;
    bool inSection = false;
    for (const QString &line : QString::fromUtf8(source.readAll()).split(u'\n')) {
        const QString t = line.trimmed();
        if (t.startsWith(u"**"_s) && t.section(u"**"_s, 1, 1).contains(u"attribution"_s, Qt::CaseInsensitive))
            inSection = true;
        else if (inSection && t.startsWith(u'>'))
            lines.append(t.mid(1).trimmed());
        else if (inSection && !lines.isEmpty())
            break;
    }
    return lines.join(u' ').remove(u'`'); // Markdown's `code` marks: the maps show it as it is
}

QString LayerImporter::checkRequest(const LayerImportRequest &r)
{
    static const QRegularExpression codePattern(u"^[a-z0-9][a-z0-9_-]{0,39}$"_s);
    if (!codePattern.match(r.code).hasMatch())
        return u"the layer code \"%1\" is not valid: use 1 to 40 lower-case Latin letters, digits, '_' or '-', "
               u"starting with a letter or digit (e.g. municipal-units)"_s.arg(r.code.left(60));
    if (!layerKindFromString(r.kind))
        return u"the layer kind \"%1\" is not known: use one of %2"_s.arg(
            r.kind.left(40), layerKindNames().join(u", "_s));
    if (r.nameEl.trimmed().isEmpty())
        return u"the layer needs a Greek name (--name-el)"_s;
    if (r.nameEl.size() > kMaxName || r.nameEn.size() > kMaxName)
        return u"a layer name is longer than %1 characters"_s.arg(kMaxName);
    if (r.attribution.size() > kMaxAttribution)
        return u"the attribution is longer than %1 characters"_s.arg(kMaxAttribution);
    if (!r.style.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(r.style, &parseError);
        if (r.style.size() > kMaxStyle || !doc.isObject())
            return u"the style must be a JSON object of at most %1 bytes, e.g. {\"color\":\"#1f78b4\",\"weight\":2}"_s
                .arg(kMaxStyle);
    }
    if (!r.encoding.isEmpty() && !knownEncoding(r.encoding))
        return u"the encoding \"%1\" is not known; Greek Shapefiles are usually CP1253 (Windows-1253) or ISO-8859-7"_s
            .arg(r.encoding.left(40));
    return {};
}

} // namespace dimos
