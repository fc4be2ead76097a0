// libFuzzer target for photo intake (server/core/PhotoProcessor).
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fPIC -I. $(pkg-config --cflags Qt6Gui)
//        tests/fuzz/fuzz_PhotoProcessor.cpp server/core/PhotoProcessor.cpp $(pkg-config --libs Qt6Gui)
// Seeds: any small JPEG, PNG and WebP files, each prefixed with one byte (see below).
//
// The first input byte's low two bits pick the declared type ("", image/jpeg, image/png, image/webp);
// the rest is the upload. Limits are small so decoding stays cheap and the limit paths are reached.
// Qt's own decoders are not instrumented, so coverage guides the sniffing and container walking;
// the decoders still see every input that gets past them. Besides crashes, the target checks what
// processPhoto promises: a success is a bounded JPEG with a matching hash, a failure has a message.
// No QGuiApplication (nor any application object) exists here, as in dimosd's worker threads.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>
#include <QtGlobal>

#include "server/core/PhotoProcessor.h"

using namespace Qt::StringLiterals;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

dimos::PhotoLimits fuzzLimits()
{
    dimos::PhotoLimits limits;
    limits.maxBytes = 512 * 1024;
    limits.maxPixels = 1'000'000;
    limits.maxDimension = 4096;
    limits.storeMaxDimension = 256;
    limits.thumbMaxDimension = 48;
    return limits;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    // libjpeg and libpng complain about every broken input through Qt's logging; that is noise here.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size)
{
    if (size == 0)
        return 0;
    static const dimos::PhotoLimits limits = fuzzLimits();
    static const QByteArray declaredTypes[] = {QByteArray(), "image/jpeg"_ba, "image/png"_ba, "image/webp"_ba};
    const QByteArray &declared = declaredTypes[input[0] & 3];
    // Raw data, not a copy: libFuzzer's buffer ends exactly at the input, so ASan catches any read past
    // the end, where a copy's terminator and spare capacity would hide it.
    const QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char *>(input) + 1, qsizetype(size - 1));

    QString error;
    const auto photo = dimos::processPhoto(data, declared, limits, &error);
    if (!photo) {
        require(!error.isEmpty());
        return 0;
    }
    require(photo->jpeg.startsWith("\xFF\xD8\xFF"_ba) && photo->jpeg.endsWith("\xFF\xD9"_ba));
    require(photo->thumbnail.startsWith("\xFF\xD8\xFF"_ba));
    require(photo->width > 0 && photo->height > 0);
    require(std::max(photo->width, photo->height) <= limits.storeMaxDimension);
    require(photo->sha256Hex == QCryptographicHash::hash(photo->jpeg, QCryptographicHash::Sha256).toHex());
    require(declared.isEmpty() || declared == photo->detectedType);
    require((photo->detectedType == "image/jpeg"_ba && data.startsWith("\xFF\xD8\xFF"_ba))
        || (photo->detectedType == "image/png"_ba && data.startsWith("\x89PNG"_ba))
        || (photo->detectedType == "image/webp"_ba && data.startsWith("RIFF"_ba)));
    return 0;
}
