#include "LayerTransfer.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace dimos::layertransfer {

namespace {

constexpr quint32 kMagic = 0x44474953; // "DGIS"
constexpr quint32 kVersion = 1;

} // namespace

QByteArray requestJson(const LayerImportRequest &r)
{
    return QJsonDocument(
        QJsonObject{{u"path"_s, r.path}, {u"display_name"_s, r.displayName}, {u"code"_s, r.code}, {u"kind"_s, r.kind},
            {u"name_el"_s, r.nameEl}, {u"name_en"_s, r.nameEn}, {u"encoding"_s, r.encoding},
            {u"name_field"_s, r.nameField}, {u"source_layer"_s, r.sourceLayer}, {u"source_crs"_s, r.sourceCrs},
            {u"attribution"_s, r.attribution}, {u"style"_s, QString::fromUtf8(r.style)},
            {u"imported_by"_s, r.importedBy}})
        .toJson(QJsonDocument::Compact);
}

std::optional<LayerImportRequest> requestFromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = u"the import request is not a JSON object: "_s + parseError.errorString();
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    LayerImportRequest r;
    r.path = o.value(u"path"_s).toString();
    r.displayName = o.value(u"display_name"_s).toString();
    r.code = o.value(u"code"_s).toString();
    r.kind = o.value(u"kind"_s).toString();
    r.nameEl = o.value(u"name_el"_s).toString();
    r.nameEn = o.value(u"name_en"_s).toString();
    r.encoding = o.value(u"encoding"_s).toString();
    r.nameField = o.value(u"name_field"_s).toString();
    r.sourceLayer = o.value(u"source_layer"_s).toString();
    r.sourceCrs = o.value(u"source_crs"_s).toString();
    r.attribution = o.value(u"attribution"_s).toString();
    r.style = o.value(u"style"_s).toString().toUtf8();
    r.importedBy = o.value(u"imported_by"_s).toString();
    if (r.path.isEmpty()) {
        *error = u"the import request names no file"_s;
        return std::nullopt;
    }
    return r;
}

QByteArray encode(const ImportedLayer &in)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    const GisLayer &l = in.layer;
    s << kMagic << kVersion << l.code << l.nameEl << l.nameEn << l.kind << l.style << l.attribution << l.sourceFile
      << l.sourceCrs << l.featureCount << l.importedBy << qint32(in.repaired) << qint64(in.features.size());
    for (const GisFeature &f : in.features)
        s << f.name << f.attributes << f.wkb << f.minLon << f.minLat << f.maxLon << f.maxLat;
    return out;
}

std::optional<ImportedLayer> decode(const QByteArray &data, QString *error)
{
    QDataStream s(data);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    s >> magic >> version;
    if (magic != kMagic || version != kVersion) {
        *error = u"the GIS reader answered something else than a layer (is dimos-gis-read from the same version?)"_s;
        return std::nullopt;
    }
    ImportedLayer out;
    GisLayer &l = out.layer;
    qint32 repaired = 0;
    qint64 count = 0;
    s >> l.code >> l.nameEl >> l.nameEn >> l.kind >> l.style >> l.attribution >> l.sourceFile >> l.sourceCrs
        >> l.featureCount >> l.importedBy >> repaired >> count;
    if (s.status() != QDataStream::Ok || count < 0 || count > LayerImporter::kMaxFeatures) {
        *error = u"the GIS reader's answer is cut short or damaged"_s;
        return std::nullopt;
    }
    out.repaired = repaired;
    out.features.reserve(count);
    for (qint64 i = 0; i < count; ++i) {
        GisFeature f;
        s >> f.name >> f.attributes >> f.wkb >> f.minLon >> f.minLat >> f.maxLon >> f.maxLat;
        if (s.status() != QDataStream::Ok) {
            *error = u"the GIS reader's answer is cut short or damaged (feature %1 of %2)"_s.arg(i + 1).arg(count);
            return std::nullopt;
        }
        out.features.append(std::move(f));
    }
    return out;
}

QString readerProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("DIMOS_GIS_READER");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString beside = QCoreApplication::applicationDirPath() + u"/dimos-gis-read"_s;
    if (QFileInfo(beside).isExecutable())
        return beside;
#ifdef DIMOS_GIS_READER_BUILD_PATH
    const QString built = QStringLiteral(DIMOS_GIS_READER_BUILD_PATH);
    if (QFileInfo(built).isExecutable())
        return built;
#endif
    return u"dimos-gis-read"_s;
}

std::optional<ImportedLayer> readInChildProcess(
    const LayerImportRequest &request, const ImportProgress &progress, QString *error, int timeoutMs)
{
    QProcess reader;
    reader.start(readerProgram(), {});
    if (!reader.waitForStarted(30'000)) {
        *error = u"cannot start the GIS reader %1 (%2): install dimos-gis-read beside dimosd"_s.arg(
            readerProgram(), reader.errorString());
        return std::nullopt;
    }
    reader.write(requestJson(request));
    reader.closeWriteChannel();

    QByteArray output;
    QByteArray diagnostics;
    QString failure;
    QElapsedTimer clock;
    clock.start();
    bool cancelled = false;
    while (reader.state() != QProcess::NotRunning) {
        if (clock.elapsed() > timeoutMs) {
            reader.kill();
            reader.waitForFinished(5000);
            *error = u"reading %1 took longer than %2 minutes and was stopped; is the file very large or damaged?"_s
                         .arg(QFileInfo(request.path).fileName())
                         .arg(timeoutMs / 60'000);
            return std::nullopt;
        }
        reader.waitForReadyRead(200);
        output += reader.readAllStandardOutput();
        diagnostics += reader.readAllStandardError();
        qsizetype newline;
        while ((newline = diagnostics.indexOf('\n')) >= 0) {
            const QByteArray line = diagnostics.left(newline).trimmed();
            diagnostics.remove(0, newline + 1);
            if (line.startsWith("progress ")) {
                const QList<QByteArray> parts = line.split(' ');
                if (progress && parts.size() == 3 && !progress(parts.at(1).toLongLong(), parts.at(2).toLongLong())) {
                    reader.kill();
                    cancelled = true;
                }
            } else if (line.startsWith("error: ")) {
                failure = QString::fromUtf8(line.mid(7));
            }
        }
    }
    output += reader.readAllStandardOutput();
    if (const QByteArray rest = QByteArray(diagnostics + reader.readAllStandardError()).trimmed();
        rest.startsWith("error: "))
        failure = QString::fromUtf8(rest.mid(7).split('\n').first());
    if (cancelled) {
        *error = u"the import was cancelled"_s;
        return std::nullopt;
    }
    if (reader.exitStatus() != QProcess::NormalExit) {
        *error = u"the GIS reader stopped while reading %1 (it crashed on the file): the file may be damaged; "
                 "check it in QGIS or export it again"_s.arg(QFileInfo(request.path).fileName());
        return std::nullopt;
    }
    if (reader.exitCode() != 0) {
        *error = failure.isEmpty() ? u"the GIS reader failed (exit code %1)"_s.arg(reader.exitCode()) : failure;
        return std::nullopt;
    }
    return decode(output, error);
}

} // namespace dimos::layertransfer
