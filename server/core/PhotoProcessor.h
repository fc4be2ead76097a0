#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

namespace dimos {

struct PhotoLimits
{
    qint64 maxBytes = 10 * 1024 * 1024;
    qint64 maxPixels = 40'000'000;
    int maxDimension = 12000;
    int storeMaxDimension = 2560;
    int thumbMaxDimension = 320;
    int jpegQuality = 85;
};

struct ProcessedPhoto
{
    // Re-encoded full image (longest side <= storeMaxDimension) with no metadata at all: no EXIF/GPS,
    // no XMP, no ICC profile, no comments. Pixels are converted to sRGB before the profile is dropped.
    QByteArray jpeg;
    // JPEG, longest side <= thumbMaxDimension.
    QByteArray thumbnail;
    // Of `jpeg`.
    int width = 0, height = 0;
    // Lowercase hex SHA-256 of `jpeg` (its content address).
    QByteArray sha256Hex;
    // "image/jpeg", "image/png" or "image/webp", from the bytes, never from a declared type.
    QByteArray detectedType;
};

// Turns an uploaded citizen photo into a clean JPEG plus thumbnail, or refuses it.
//
// Accepts JPEG, PNG and WebP only, detected by content regardless of declared type or file name.
// On refusal returns nothing and sets *error (if given) to an English message that says what was
// wrong and what to do. Refused: empty data, more than maxBytes, anything that is not one of the three
// formats (the message names what was detected), a declared image/* type that contradicts the content,
// headers claiming more than maxPixels or a side over maxDimension (checked before any pixel is
// allocated), truncated or corrupt data, and files that are an image and something else at once
// (data after the end of the image, an embedded ZIP directory or PDF header).
//
// Trailing data that phones legitimately append after a JPEG is not refused: further complete JPEG
// images (MPF previews, Ultra HDR / Apple gain maps), a motion-photo MP4 video, Samsung's SEF
// trailer, and padding. None of it survives re-encoding anyway; the refusal of other trailing data is
// defence in depth and a sign of tampering.
//
// EXIF orientation is applied, then all metadata is dropped; transparency is flattened onto white.
//
// Needs no QGuiApplication (nor any application object): the JPEG and WebP readers are Qt image
// plugins that QImageReader loads from Qt's plugin path on its own. Reentrant, but note that it sets
// the process-wide QImageReader::setAllocationLimit() from `limits` (every caller is expected to pass
// the same limits, so in practice it is set once).
std::optional<ProcessedPhoto> processPhoto(
    const QByteArray &data, const QByteArray &declaredType, const PhotoLimits &limits, QString *error);

} // namespace dimos
