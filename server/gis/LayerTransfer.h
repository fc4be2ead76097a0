#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "server/gis/LayerImporter.h"

class QIODevice;

namespace dimos {

// GIS files are read by a process of their own, dimos-gis-read (server/gis/reader_main.cpp):
// GDAL is a large C and C++ library that parses whatever file an administrator uploads, and
// linking it into dimosd costs every dimosd process about 19 MiB of resident library pages
// (measured: 32.7 → 51.9 MiB at start) for something done a few times a year. A crash or a
// hang on a hostile file ends the reader, not the server.
//
// dimosd writes the request as JSON to the reader's standard input; the reader answers on
// standard error with "progress DONE TOTAL" lines and, when it fails, one "error: MESSAGE"
// line (exit code 2), and on success writes the layer (readerOutput) to standard output.
namespace layertransfer {

QByteArray requestJson(const LayerImportRequest &request);
std::optional<LayerImportRequest> requestFromJson(const QByteArray &json, QString *error);

QByteArray encode(const ImportedLayer &layer);
std::optional<ImportedLayer> decode(const QByteArray &data, QString *error);

// The reader program: $DIMOS_GIS_READER, else dimos-gis-read beside this program, else the one
// in the build tree this binary came from (tests), else dimos-gis-read on the PATH.
QString readerProgram();

// LayerImporter::read in a dimos-gis-read process: the same answer, or nothing with *error.
// Blocks until the reader ends (at most `timeoutMs`); `progress` returning false stops it.
std::optional<ImportedLayer> readInChildProcess(
    const LayerImportRequest &request, const ImportProgress &progress, QString *error, int timeoutMs = 15 * 60'000);

} // namespace layertransfer

} // namespace dimos
