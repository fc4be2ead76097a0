// dimos-gis-read: reads one GIS file for dimosd through GDAL/OGR (see server/gis/LayerTransfer.h).
// Standard input: the import request as JSON. Standard error: "progress DONE TOTAL" lines and,
// on failure, "error: MESSAGE" (exit code 2). Standard output: the layer, for dimosd to store.
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

#include "server/gis/LayerImporter.h"
#include "server/gis/LayerTransfer.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QFile in, out;
    if (!in.open(stdin, QIODevice::ReadOnly) || !out.open(stdout, QIODevice::WriteOnly)) {
        std::fputs("error: cannot open standard input and output\n", stderr);
        return 2;
    }
    QString error;
    const std::optional<dimos::LayerImportRequest> request
        = dimos::layertransfer::requestFromJson(in.readAll(), &error);
    if (!request) {
        std::fprintf(stderr, "error: %s\n", error.toUtf8().constData());
        return 2;
    }
    // LayerImporter already reports at a sensible pace (about every 1 % of the features).
    const auto progress = [](qint64 done, qint64 total) {
        std::fprintf(stderr, "progress %lld %lld\n", static_cast<long long>(done), static_cast<long long>(total));
        std::fflush(stderr);
        return true;
    };
    const std::optional<dimos::ImportedLayer> layer = dimos::LayerImporter::read(*request, progress, &error);
    if (!layer) {
        std::fprintf(stderr, "error: %s\n", error.simplified().toUtf8().constData());
        return 2;
    }
    const QByteArray encoded = dimos::layertransfer::encode(*layer);
    if (out.write(encoded) != encoded.size() || !out.flush()) {
        std::fputs("error: cannot write the layer to standard output\n", stderr);
        return 2;
    }
    return 0;
}
