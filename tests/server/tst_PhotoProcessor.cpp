#include "server/core/PhotoProcessor.h"

#include <sys/resource.h>

#include <QBuffer>
#include <QColorSpace>
#include <QColorTransform>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;
using dimos::PhotoLimits;
using dimos::processPhoto;

Q_DECLARE_METATYPE(dimos::PhotoLimits)

namespace {

// ---- byte builders -------------------------------------------------------------------------------

QByteArray be16(quint16 value)
{
    QByteArray out(2, '\0');
    qToBigEndian(value, out.data());
    return out;
}

QByteArray be32(quint32 value)
{
    QByteArray out(4, '\0');
    qToBigEndian(value, out.data());
    return out;
}

QByteArray le16(quint16 value)
{
    QByteArray out(2, '\0');
    qToLittleEndian(value, out.data());
    return out;
}

QByteArray le32(quint32 value)
{
    QByteArray out(4, '\0');
    qToLittleEndian(value, out.data());
    return out;
}

// CRC-32 as PNG and ZIP use it (ISO 3309, reflected 0xEDB88320).
quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char c : data) {
        crc ^= static_cast<uchar>(c);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ ((crc & 1u) ? 0xEDB88320u : 0u);
    }
    return ~crc;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &payload)
{
    return be32(quint32(payload.size())) + type + payload + be32(crc32(type + payload));
}

// A PNG whose IHDR claims `width`×`height` but whose data is a few hundred bytes.
QByteArray pngClaiming(quint32 width, quint32 height)
{
    const QByteArray header = be32(width) + be32(height) + "\x08\x02\x00\x00\x00"_ba;
    const QByteArray zlibStream = qCompress(QByteArray(4096, '\0')).mid(4); // qCompress prefixes the length
    return "\x89PNG\r\n\x1A\n"_ba + pngChunk("IHDR"_ba, header) + pngChunk("IDAT"_ba, zlibStream)
        + pngChunk("IEND"_ba, {});
}

QByteArray encode(const QImage &image, const char *format, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, QByteArray(format));
    writer.setQuality(quality);
    if (!writer.write(image))
        qFatal("could not write a %s fixture: %s", format, qPrintable(writer.errorString()));
    return bytes;
}

QImage decode(const QByteArray &bytes)
{
    QImage image;
    image.loadFromData(bytes);
    return image;
}

// Left half red, right half blue: where red ends up tells which way the image was turned.
QImage halves(int width, int height, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, x < width / 2 ? qRgb(220, 20, 20) : qRgb(20, 20, 220));
    }
    return image;
}

// Noise compresses badly, so most of the encoded file is image data rather than headers.
QImage noise(int width, int height, quint32 seed)
{
    QRandomGenerator generator(seed);
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(x, y, generator.generate() | 0xFF000000u);
    }
    return image;
}

QImage filled(int width, int height, QRgb colour, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    image.fill(colour);
    return image;
}

QByteArray jpegOf(int width, int height)
{
    return encode(halves(width, height), "jpeg");
}

// Inserts a marker segment right after a JPEG's SOI.
QByteArray withSegment(const QByteArray &jpeg, uchar marker, const QByteArray &payload)
{
    const QByteArray segment = QByteArray(1, '\xFF') + char(marker) + be16(quint16(payload.size() + 2)) + payload;
    return jpeg.left(2) + segment + jpeg.mid(2);
}

struct IfdEntry
{
    quint16 tag;
    quint16 type;
    quint32 count;
    QByteArray value; // inline when <= 4 bytes, else stored after the IFD
};

// A big-endian TIFF structure with IFD0 (orientation, GPS pointer) and a GPS IFD holding a latitude
// and a recognisable map datum string.
QByteArray exifWithGps(quint16 orientation, const QByteArray &gpsMarker)
{
    const auto ifd = [](const QList<IfdEntry> &entries, quint32 ifdOffset) -> QByteArray {
        QByteArray table = be16(quint16(entries.size()));
        QByteArray extra;
        const quint32 extraStart = ifdOffset + 2 + quint32(entries.size()) * 12 + 4;
        for (const IfdEntry &entry : entries) {
            table += be16(entry.tag) + be16(entry.type) + be32(entry.count);
            if (entry.value.size() <= 4) {
                table += entry.value + QByteArray(4 - entry.value.size(), '\0');
            } else {
                table += be32(extraStart + quint32(extra.size()));
                extra += entry.value;
            }
        }
        return table + be32(0) + extra;
    };
    constexpr quint32 kIfd0 = 8;
    constexpr quint32 kIfd0Size = 2 + 2 * 12 + 4;
    const QByteArray ifd0 = ifd({{0x0112, 3, 1, be16(orientation)}, {0x8825, 4, 1, be32(kIfd0 + kIfd0Size)}}, kIfd0);
    const QByteArray latitude = be32(41) + be32(1) + be32(5) + be32(1) + be32(1234) + be32(100);
    const QByteArray gps = ifd({{0x0001, 2, 2, "N\0"_ba}, {0x0002, 5, 3, latitude},
                                   {0x0012, 2, quint32(gpsMarker.size() + 1), gpsMarker + '\0'}},
        kIfd0 + kIfd0Size);
    return "Exif\0\0MM\0\x2A"_ba + be32(kIfd0) + ifd0 + gps;
}

QByteArray box(const QByteArray &type, const QByteArray &payload)
{
    return be32(quint32(payload.size() + 8)) + type + payload;
}

QByteArray motionVideo(const QByteArray &mediaData = QByteArray(600, '\x11'))
{
    return box("ftyp"_ba, "isom"_ba + be32(0x200) + "isomiso2mp41"_ba)
        + box("moov"_ba, box("mvhd"_ba, QByteArray(100, '\0'))) + box("mdat"_ba, mediaData);
}

// Samsung's SEF trailer: data blocks, an "SEFH" directory pointing back at them, its length, "SEFT".
QByteArray samsungTrailer(const QList<std::pair<QByteArray, QByteArray>> &entries)
{
    QByteArray blocks;
    QList<std::pair<qsizetype, qsizetype>> spans;
    quint16 type = 0x0A01;
    for (const auto &[name, payload] : entries) {
        const QByteArray block = "\0\0"_ba + le16(type++) + le32(quint32(name.size())) + name + payload;
        spans.append({blocks.size(), block.size()});
        blocks += block;
    }
    QByteArray directory = "SEFH"_ba + le32(106) + le32(quint32(entries.size()));
    type = 0x0A01;
    for (const auto &[start, length] : spans)
        directory += "\0\0"_ba + le16(type++) + le32(quint32(blocks.size() - start)) + le32(quint32(length));
    return blocks + directory + le32(quint32(directory.size())) + "SEFT"_ba;
}

// A stored (uncompressed) one-file ZIP archive.
QByteArray zipArchive(const QByteArray &fileName, const QByteArray &content)
{
    const QByteArray crc = le32(crc32(content));
    const QByteArray size = le32(quint32(content.size()));
    const QByteArray common = le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + crc + size + size
        + le16(quint16(fileName.size())) + le16(0);
    const QByteArray local = "PK\3\4"_ba + common + fileName + content;
    const QByteArray central
        = "PK\1\2"_ba + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(0) + fileName;
    const QByteArray end = "PK\5\6"_ba + le16(0) + le16(0) + le16(1) + le16(1) + le32(quint32(central.size()))
        + le32(quint32(local.size())) + le16(0);
    return local + central + end;
}

QByteArray withJpegSize(QByteArray jpeg, quint16 width, quint16 height)
{
    const qsizetype frame = jpeg.indexOf("\xFF\xC0"_ba);
    if (frame < 0)
        qFatal("no SOF0 in the JPEG fixture");
    qToBigEndian(height, jpeg.data() + frame + 5);
    qToBigEndian(width, jpeg.data() + frame + 7);
    return jpeg;
}

// A lossy, opaque WebP is the simple format: RIFF, "VP8 " chunk, 14-bit sizes at offsets 26 and 28.
QByteArray withWebPSize(QByteArray webp, quint16 width, quint16 height)
{
    if (webp.mid(12, 4) != "VP8 "_ba)
        qFatal("the WebP fixture is not a simple lossy file");
    qToLittleEndian(width, webp.data() + 26);
    qToLittleEndian(height, webp.data() + 28);
    return webp;
}

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator generator(seed);
    QByteArray out(size, '\0');
    for (char &c : out)
        c = char(generator.bounded(256));
    out[0] = '\x13'; // not the first byte of any signature we know
    return out;
}

// The marker segments of a JPEG up to its first scan.
QList<uchar> jpegMarkers(const QByteArray &jpeg)
{
    QList<uchar> markers;
    qsizetype pos = 2;
    while (pos + 4 <= jpeg.size() && uchar(jpeg[pos]) == 0xFF) {
        const uchar marker = uchar(jpeg[pos + 1]);
        markers.append(marker);
        if (marker == 0xDA)
            break;
        pos += 2 + qFromBigEndian<quint16>(jpeg.constData() + pos + 2);
    }
    return markers;
}

bool isReddish(QRgb pixel)
{
    return qRed(pixel) > 170 && qBlue(pixel) < 90;
}

bool isBluish(QRgb pixel)
{
    return qBlue(pixel) > 170 && qRed(pixel) < 90;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

PhotoLimits limitsWith(int storeMax, int thumbMax)
{
    PhotoLimits limits;
    limits.storeMaxDimension = storeMax;
    limits.thumbMaxDimension = thumbMax;
    return limits;
}

} // namespace

class tst_PhotoProcessor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesBombsFromTheHeader_data();
    void refusesBombsFromTheHeader();
    void acceptsPhotos_data();
    void acceptsPhotos();
    void scalesToLimits_data();
    void scalesToLimits();
    void stripsMetadata_data();
    void stripsMetadata();
    void appliesExifOrientation_data();
    void appliesExifOrientation();
    void flattensTransparencyOntoWhite_data();
    void flattensTransparencyOntoWhite();
    void convertsColourProfileToSrgb();
    void acceptsDeclaredTypes_data();
    void acceptsDeclaredTypes();
    void acceptsPhoneTrailers_data();
    void acceptsPhoneTrailers();
    void refuses_data();
    void refuses();
};

// Runs first so the peak-RSS check is not masked by the memory later tests use.
void tst_PhotoProcessor::refusesBombsFromTheHeader_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");

    QTest::newRow("png 50000x50000") << pngClaiming(50000, 50000) << u"50000×50000 pixels (2500 megapixels)"_s;
    QTest::newRow("png 65535x65535") << pngClaiming(65535, 65535) << u"65535×65535 pixels"_s;
    QTest::newRow("jpeg 60000x60000") << withJpegSize(jpegOf(64, 64), 60000, 60000) << u"60000×60000 pixels"_s;
    QTest::newRow("webp 16000x16000") << withWebPSize(encode(filled(64, 64, qRgb(9, 90, 200)), "webp", 80), 16000,
        16000) << u"16000×16000 pixels (256 megapixels)"_s;
}

void tst_PhotoProcessor::refusesBombsFromTheHeader()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);

    const long before = peakRssKb();
    QString error;
    QVERIFY(!processPhoto(data, {}, PhotoLimits{}, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(u"the largest accepted is 40 megapixels"_s), qPrintable(error));
    // Decoding any of these would touch gigabytes; refusing from the header stays in the noise.
    QVERIFY2(peakRssKb() - before < 64 * 1024, qPrintable(u"peak RSS grew by %1 KB"_s.arg(peakRssKb() - before)));
}

void tst_PhotoProcessor::acceptsPhotos_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("colour");

    QTest::newRow("jpeg") << jpegOf(160, 120) << "image/jpeg"_ba << QSize(160, 120) << true;
    QTest::newRow("jpeg grayscale") << encode(halves(90, 60).convertToFormat(QImage::Format_Grayscale8), "jpeg")
                                    << "image/jpeg"_ba << QSize(90, 60) << false;
    QTest::newRow("jpeg progressive") <<
        [] {
            QByteArray bytes;
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::WriteOnly);
            QImageWriter writer(&buffer, "jpeg"_ba);
            writer.setProgressiveScanWrite(true);
            writer.write(halves(130, 70));
            return bytes;
        }() << "image/jpeg"_ba << QSize(130, 70)
                                      << true;
    QTest::newRow("png rgb") << encode(halves(100, 50), "png") << "image/png"_ba << QSize(100, 50) << true;
    QTest::newRow("png indexed") << encode(halves(100, 50).convertToFormat(QImage::Format_Indexed8), "png")
                                 << "image/png"_ba << QSize(100, 50) << true;
    QTest::newRow("png 16-bit") << encode(halves(64, 48, QImage::Format_RGBA64), "png") << "image/png"_ba
                                << QSize(64, 48) << true;
    QTest::newRow("webp lossy") << encode(halves(120, 90), "webp", 80) << "image/webp"_ba << QSize(120, 90) << true;
    QTest::newRow("webp lossless") << encode(halves(120, 90), "webp", 100) << "image/webp"_ba << QSize(120, 90) << true;
    QTest::newRow("webp with alpha") << encode(halves(50, 40, QImage::Format_ARGB32), "webp", 80) << "image/webp"_ba
                                     << QSize(50, 40) << true;
}

void tst_PhotoProcessor::acceptsPhotos()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, type);
    QFETCH(QSize, size);
    QFETCH(bool, colour);

    QString error;
    const auto photo = processPhoto(data, {}, PhotoLimits{}, &error);
    QVERIFY2(photo, qPrintable(error));
    QCOMPARE(photo->detectedType, type);
    QVERIFY(photo->jpeg.startsWith("\xFF\xD8\xFF"_ba));
    QVERIFY(photo->thumbnail.startsWith("\xFF\xD8\xFF"_ba));
    const QImage stored = decode(photo->jpeg);
    QCOMPARE(stored.size(), size);
    QCOMPARE(QSize(photo->width, photo->height), size);
    const QRgb left = stored.pixel(size.width() / 4, size.height() / 2);
    const QRgb right = stored.pixel(size.width() * 3 / 4, size.height() / 2);
    if (colour) {
        QVERIFY(isReddish(left));
        QVERIFY(isBluish(right));
    } else {
        QVERIFY(qGray(left) > qGray(right) + 20); // red is the lighter grey
    }
    QCOMPARE(photo->sha256Hex, QCryptographicHash::hash(photo->jpeg, QCryptographicHash::Sha256).toHex());
    QCOMPARE(photo->sha256Hex.size(), 64);
    QCOMPARE(photo->sha256Hex, photo->sha256Hex.toLower());
}

void tst_PhotoProcessor::scalesToLimits_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<PhotoLimits>("limits");
    QTest::addColumn<QSize>("stored");
    QTest::addColumn<QSize>("thumbnail");

    QTest::newRow("default limits, 3000x2000 jpeg")
        << jpegOf(3000, 2000) << PhotoLimits{} << QSize(2560, 1707) << QSize(320, 213);
    QTest::newRow("landscape jpeg") << jpegOf(1200, 800) << limitsWith(500, 100) << QSize(500, 333) << QSize(100, 67);
    QTest::newRow("portrait png") << encode(halves(300, 900), "png") << limitsWith(450, 90) << QSize(150, 450)
                                  << QSize(30, 90);
    QTest::newRow("webp") << encode(halves(1000, 1000), "webp", 80) << limitsWith(400, 64) << QSize(400, 400)
                          << QSize(64, 64);
    QTest::newRow("small stays as is") << jpegOf(120, 80) << PhotoLimits{} << QSize(120, 80) << QSize(120, 80);
    QTest::newRow("thumbnail only") << jpegOf(400, 300) << PhotoLimits{} << QSize(400, 300) << QSize(320, 240);
    QTest::newRow("very wide") << encode(halves(4000, 2), "png") << limitsWith(1000, 100) << QSize(1000, 1)
                               << QSize(100, 1);
}

void tst_PhotoProcessor::scalesToLimits()
{
    QFETCH(QByteArray, data);
    QFETCH(PhotoLimits, limits);
    QFETCH(QSize, stored);
    QFETCH(QSize, thumbnail);

    QString error;
    const auto photo = processPhoto(data, {}, limits, &error);
    QVERIFY2(photo, qPrintable(error));
    QCOMPARE(QSize(photo->width, photo->height), stored);
    QCOMPARE(decode(photo->jpeg).size(), stored);
    QCOMPARE(decode(photo->thumbnail).size(), thumbnail);
    QVERIFY(isReddish(decode(photo->thumbnail).pixel(thumbnail.width() / 4, thumbnail.height() / 2)));
}

void tst_PhotoProcessor::stripsMetadata_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArrayList>("secrets");

    const QByteArray gpsMarker = "DIMOS-SECRET-GPS-DATUM"_ba;
    QTest::newRow("jpeg exif gps") << withSegment(jpegOf(80, 60), 0xE1, exifWithGps(1, gpsMarker))
                                   << QByteArrayList{gpsMarker, "Exif"_ba, be32(1234) + be32(100)};

    QImage tagged = halves(80, 60);
    tagged.setText(u"Description"_s, u"DIMOS-SECRET-TEXT"_s);
    tagged.setColorSpace(QColorSpace(QColorSpace::AdobeRgb));
    const QByteArray xmp = "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>DIMOS-SECRET-XMP</x:xmpmeta>"_ba;
    QTest::newRow("jpeg xmp, comment, icc")
        << withSegment(withSegment(encode(tagged, "jpeg"), 0xE1, xmp), 0xFE, "DIMOS-SECRET-COMMENT"_ba)
        << QByteArrayList{"DIMOS-SECRET-XMP"_ba, "DIMOS-SECRET-TEXT"_ba, "DIMOS-SECRET-COMMENT"_ba, "ICC_PROFILE"_ba,
               "ns.adobe.com"_ba};
    QTest::newRow("png text, icc") << encode(tagged, "png") << QByteArrayList{"DIMOS-SECRET-TEXT"_ba, "ICC_PROFILE"_ba};
}

void tst_PhotoProcessor::stripsMetadata()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArrayList, secrets);

    for (const QByteArray &secret : secrets) {
        if (secret != "ICC_PROFILE"_ba && secret != "ns.adobe.com"_ba)
            QVERIFY2(data.contains(secret), secret.constData()); // the fixture really carries it
    }
    QString error;
    const auto photo = processPhoto(data, {}, PhotoLimits{}, &error);
    QVERIFY2(photo, qPrintable(error));
    for (const QByteArray &output : {photo->jpeg, photo->thumbnail}) {
        for (const QByteArray &secret : secrets)
            QVERIFY2(!output.contains(secret), secret.constData());
        // Only the JFIF header may precede the image data: no APPn beyond APP0, no comments.
        for (const uchar marker : jpegMarkers(output)) {
            QVERIFY2(!(marker >= 0xE1 && marker <= 0xEF) && marker != 0xFE,
                qPrintable(u"marker 0xFF%1 in the output"_s.arg(int(marker), 2, 16)));
        }
        QVERIFY(!decode(output).colorSpace().isValid());
        QVERIFY(decode(output).textKeys().isEmpty());
    }
}

void tst_PhotoProcessor::appliesExifOrientation_data()
{
    QTest::addColumn<quint16>("orientation");
    QTest::addColumn<int>("storeMax");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QPoint>("red");
    QTest::addColumn<QPoint>("blue");

    // The stored pixels are 200x100 (or 600x300 scaled down to 200), red on the left, blue on the right.
    QTest::newRow("1 as stored") << quint16(1) << 2560 << QSize(200, 100) << QPoint(50, 50) << QPoint(150, 50);
    QTest::newRow("3 turned 180°") << quint16(3) << 2560 << QSize(200, 100) << QPoint(150, 50) << QPoint(50, 50);
    QTest::newRow("6 turned 90° clockwise")
        << quint16(6) << 2560 << QSize(100, 200) << QPoint(50, 50) << QPoint(50, 150);
    QTest::newRow("8 turned 90° anticlockwise")
        << quint16(8) << 2560 << QSize(100, 200) << QPoint(50, 150) << QPoint(50, 50);
    QTest::newRow("6 and scaled while decoding")
        << quint16(6) << 200 << QSize(100, 200) << QPoint(50, 50) << QPoint(50, 150);
}

void tst_PhotoProcessor::appliesExifOrientation()
{
    QFETCH(quint16, orientation);
    QFETCH(int, storeMax);
    QFETCH(QSize, size);
    QFETCH(QPoint, red);
    QFETCH(QPoint, blue);

    const QSize source = storeMax < 2560 ? QSize(600, 300) : QSize(200, 100);
    const QByteArray data
        = withSegment(jpegOf(source.width(), source.height()), 0xE1, exifWithGps(orientation, "GPS"_ba));
    QString error;
    const auto photo = processPhoto(data, {}, limitsWith(storeMax, 320), &error);
    QVERIFY2(photo, qPrintable(error));
    QCOMPARE(QSize(photo->width, photo->height), size);
    const QImage stored = decode(photo->jpeg);
    QCOMPARE(stored.size(), size);
    QVERIFY(isReddish(stored.pixel(red)));
    QVERIFY(isBluish(stored.pixel(blue)));
    QCOMPARE(decode(photo->thumbnail).size(), size);
}

void tst_PhotoProcessor::flattensTransparencyOntoWhite_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QRgb>("expected");

    QTest::newRow("png transparent") << encode(filled(40, 40, qRgba(0, 0, 0, 0), QImage::Format_ARGB32), "png")
                                     << qRgb(255, 255, 255);
    QTest::newRow("png half red") << encode(filled(40, 40, qRgba(255, 0, 0, 128), QImage::Format_ARGB32), "png")
                                  << qRgb(255, 127, 127);
    QTest::newRow("webp transparent") << encode(filled(40, 40, qRgba(0, 0, 0, 0), QImage::Format_ARGB32), "webp", 100)
                                      << qRgb(255, 255, 255);
    QTest::newRow("indexed png with transparent index") << [] {
        QImage indexed(40, 40, QImage::Format_Indexed8);
        indexed.setColorTable({qRgba(0, 0, 0, 0), qRgb(0, 0, 0)});
        indexed.fill(0);
        return encode(indexed, "png");
    }() << qRgb(255, 255, 255);
}

void tst_PhotoProcessor::flattensTransparencyOntoWhite()
{
    QFETCH(QByteArray, data);
    QFETCH(QRgb, expected);

    QString error;
    const auto photo = processPhoto(data, {}, PhotoLimits{}, &error);
    QVERIFY2(photo, qPrintable(error));
    const QRgb pixel = decode(photo->jpeg).pixel(20, 20);
    QVERIFY2(qAbs(qRed(pixel) - qRed(expected)) <= 4 && qAbs(qGreen(pixel) - qGreen(expected)) <= 4
            && qAbs(qBlue(pixel) - qBlue(expected)) <= 4,
        qPrintable(u"got #%1"_s.arg(pixel & 0xFFFFFFu, 6, 16, QChar(u'0'))));
}

void tst_PhotoProcessor::convertsColourProfileToSrgb()
{
    const QRgb source = qRgb(200, 100, 50);
    const QColorSpace p3(QColorSpace::DisplayP3);
    const QRgb expected = p3.transformationToColorSpace(QColorSpace(QColorSpace::SRgb)).map(source);
    // Precondition: the conversion changes the colour by more than JPEG's error, so the test can tell.
    QVERIFY(qAbs(qRed(expected) - qRed(source)) + qAbs(qGreen(expected) - qGreen(source))
            + qAbs(qBlue(expected) - qBlue(source))
        > 20);

    QImage image = filled(32, 32, source);
    image.setColorSpace(p3);
    QString error;
    const auto photo = processPhoto(encode(image, "png"), {}, PhotoLimits{}, &error);
    QVERIFY2(photo, qPrintable(error));
    const QRgb pixel = decode(photo->jpeg).pixel(16, 16);
    QVERIFY2(qAbs(qRed(pixel) - qRed(expected)) <= 4 && qAbs(qGreen(pixel) - qGreen(expected)) <= 4
            && qAbs(qBlue(pixel) - qBlue(expected)) <= 4,
        qPrintable(u"got #%1, expected #%2"_s.arg(pixel & 0xFFFFFFu, 6, 16, QChar(u'0'))
                       .arg(expected & 0xFFFFFFu, 6, 16, QChar(u'0'))));
}

void tst_PhotoProcessor::acceptsDeclaredTypes_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("declared");

    const QByteArray jpeg = jpegOf(40, 30);
    QTest::newRow("none") << jpeg << QByteArray();
    QTest::newRow("image/jpeg") << jpeg << "image/jpeg"_ba;
    QTest::newRow("image/jpg alias") << jpeg << "image/jpg"_ba;
    QTest::newRow("image/pjpeg alias") << jpeg << "image/pjpeg"_ba;
    QTest::newRow("case and parameters") << jpeg << " IMAGE/JPEG; charset=binary"_ba;
    QTest::newRow("not an image type") << jpeg << "application/octet-stream"_ba;
    QTest::newRow("png as image/x-png") << encode(halves(40, 30), "png") << "image/x-png"_ba;
    QTest::newRow("webp") << encode(halves(40, 30), "webp") << "image/webp"_ba;
}

void tst_PhotoProcessor::acceptsDeclaredTypes()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, declared);

    QString error;
    QVERIFY2(processPhoto(data, declared, PhotoLimits{}, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
}

void tst_PhotoProcessor::acceptsPhoneTrailers_data()
{
    QTest::addColumn<QByteArray>("data");

    const QByteArray jpeg = jpegOf(64, 48);
    const QByteArray gainMap = encode(filled(32, 24, qRgb(128, 128, 128)), "jpeg");
    QTest::newRow("zero padding") << jpeg + QByteArray(3000, '\0');
    QTest::newRow("line break") << jpeg + "\r\n"_ba;
    QTest::newRow("a few stray bytes") << jpeg + "0123456789abcdef"_ba;
    QTest::newRow("mpf second image") << jpeg + gainMap;
    QTest::newRow("aligned second image") << jpeg + QByteArray(7, '\0') + gainMap;
    QTest::newRow("ultra hdr gain map and motion video") << jpeg + gainMap + motionVideo();
    QTest::newRow("google motion photo") << jpeg + motionVideo();
    QTest::newRow("samsung timestamp trailer") << jpeg + samsungTrailer({{"Image_UTC_Data"_ba, "1700000000000"_ba}});
    QTest::newRow("samsung motion photo")
        << jpeg + samsungTrailer({{"MotionPhoto_Data"_ba, motionVideo()}, {"Image_UTC_Data"_ba, "1700000000000"_ba}});
    QTest::newRow("png padding") << encode(halves(40, 30), "png") + QByteArray(40, '\0');
    QTest::newRow("webp stray bytes") << encode(halves(40, 30), "webp") + "\n\n"_ba;
}

void tst_PhotoProcessor::acceptsPhoneTrailers()
{
    QFETCH(QByteArray, data);

    QString error;
    const auto photo = processPhoto(data, {}, PhotoLimits{}, &error);
    QVERIFY2(photo, qPrintable(error));
    // One image and nothing carried over: entropy-coded data cannot contain another SOI.
    QCOMPARE(photo->jpeg.count("\xFF\xD8\xFF"_ba), 1);
    QVERIFY(!photo->jpeg.contains("ftyp"));
    QVERIFY(!photo->jpeg.contains("SEF"));
    QCOMPARE(decode(photo->jpeg).size(), QSize(photo->width, photo->height));
}

void tst_PhotoProcessor::refuses_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("declared");
    QTest::addColumn<PhotoLimits>("limits");
    QTest::addColumn<QStringList>("expected");

    const PhotoLimits defaults;
    const QByteArray jpeg = jpegOf(120, 90);
    const QByteArray png = encode(halves(120, 90), "png");
    const QByteArray webp = encode(halves(120, 90), "webp", 80);
    const QStringList notAccepted{u"send a JPEG, PNG or WebP photo"_s};
    const QStringList trailing{u"contains data after the end of the image"_s};
    const QStringList incomplete{u"incomplete"_s, u"send it again"_s};
    const auto detectedAs = [&](const QString &what) { return QStringList{u"detected as "_s + what} + notAccepted; };

    QTest::newRow("empty") << QByteArray() << QByteArray() << defaults << QStringList{u"empty"_s};
    {
        PhotoLimits small;
        small.maxBytes = 1000;
        QTest::newRow("over max bytes") << jpeg << QByteArray() << small
                                        << QStringList{u"the largest accepted is 1000 bytes"_s};
        PhotoLimits mb;
        mb.maxBytes = 1024 * 1024;
        QTest::newRow("over max megabytes") << jpeg + QByteArray(2 * 1024 * 1024, '\0') << QByteArray() << mb
                                            << QStringList{u"the largest accepted is 1 MB"_s};
    }
    {
        PhotoLimits onePixelMega;
        onePixelMega.maxPixels = 1'000'000;
        QTest::newRow("too many pixels") << encode(filled(2000, 1000, qRgb(255, 255, 255)), "png") << QByteArray()
                                         << onePixelMega
                                         << QStringList{u"the photo is 2000×1000 pixels (2 megapixels)"_s,
                                                u"the largest accepted is 1 megapixel"_s, u"resize it and try again"_s};
        QTest::newRow("side too long") << encode(filled(13000, 2, qRgb(255, 255, 255)), "png") << QByteArray()
                                       << defaults
                                       << QStringList{
                                              u"13000×2 pixels"_s, u"the longest side accepted is 12000 pixels"_s};
    }

    QTest::newRow("gif") << "GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\xFF\xFF\x00\x00\x00!\xF9\x04\x01\x00\x00\x00"
                            "\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02"
                            "D\x01\x00;"_ba
                         << QByteArray() << defaults << detectedAs(u"a GIF image"_s);
    QTest::newRow("pdf") << "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"_ba
                         << "image/jpeg"_ba << defaults << detectedAs(u"a PDF document"_s);
    QTest::newRow("html") << "\xEF\xBB\xBF  <!DOCTYPE html><html><body><script>alert(1)</script></body></html>"_ba
                          << "image/png"_ba << defaults << detectedAs(u"an HTML document"_s);
    QTest::newRow("svg") << "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>"_ba << QByteArray()
                         << defaults << detectedAs(u"an SVG drawing"_s);
    QTest::newRow("text") << "just some words\n"_ba << QByteArray() << defaults << detectedAs(u"a text file"_s);
    QTest::newRow("random bytes") << randomBytes(4096, 7) << QByteArray() << defaults << detectedAs(u"unknown data"_s);
    QTest::newRow("zip") << zipArchive("photo.jpg"_ba, jpeg) << "image/jpeg"_ba << defaults
                         << detectedAs(u"a ZIP archive"_s);
    QTest::newRow("heic") << "\0\0\0\x18"
                             "ftypheic\0\0\0\0mif1heic"_ba
            + QByteArray(100, '\0')
                          << QByteArray() << defaults
                          << detectedAs(u"a HEIC/HEIF image"_s) + QStringList{u"Most Compatible"_s};
    QTest::newRow("bmp") << encode(halves(20, 10), "bmp") << QByteArray() << defaults << detectedAs(u"a BMP image"_s);
    QTest::newRow("tiff") << encode(halves(20, 10), "tiff") << QByteArray() << defaults
                          << detectedAs(u"a TIFF image"_s);

    QTest::newRow("jpeg declared png") << jpeg << "image/png"_ba << defaults
                                       << QStringList{u"sent as image/png"_s, u"its content is a JPEG image"_s};
    QTest::newRow("png declared webp") << png << "image/webp"_ba << defaults
                                       << QStringList{u"sent as image/webp"_s, u"its content is a PNG image"_s};
    QTest::newRow("webp declared gif") << webp << "image/gif"_ba << defaults
                                       << QStringList{u"sent as image/gif"_s, u"its content is a WebP image"_s};

    QTest::newRow("jpeg cut in the headers")
        << jpeg.left(jpeg.indexOf("\xFF\xDA"_ba) - 100) << QByteArray() << defaults << incomplete;
    const QByteArray noisy = encode(noise(64, 64, 3), "jpeg");
    QTest::newRow("jpeg cut in the image data")
        << noisy.left(noisy.size() * 3 / 4) << QByteArray() << defaults << incomplete;
    QTest::newRow("jpeg without end marker") << jpeg.chopped(2) << QByteArray() << defaults << incomplete;
    QTest::newRow("jpeg headers only") << jpeg.left(jpeg.indexOf("\xFF\xDA"_ba)) << QByteArray() << defaults
                                       << incomplete;
    QTest::newRow("png cut in half") << png.left(png.size() / 2) << QByteArray() << defaults << incomplete;
    QTest::newRow("png without IEND") << png.chopped(12) << QByteArray() << defaults << incomplete;
    QTest::newRow("webp cut in half") << webp.left(webp.size() / 2) << QByteArray() << defaults << incomplete;
    QTest::newRow("jpeg signature only") << "\xFF\xD8\xFF"_ba << QByteArray() << defaults << incomplete;
    QTest::newRow("jpeg without image data")
        << "\xFF\xD8\xFF\xD9"_ba << QByteArray() << defaults << QStringList{u"damaged"_s, u"before any image data"_s};
    {
        QByteArray garbled = png;
        const qsizetype data = garbled.indexOf("IDAT");
        for (qsizetype i = data + 4; i < data + 24; ++i)
            garbled[i] = '\x5A';
        QTest::newRow("png with garbled image data")
            << garbled << QByteArray() << defaults << QStringList{u"damaged"_s};
        QByteArray badMarker = jpeg;
        badMarker[jpeg.indexOf("\xFF\xDB"_ba)] = '\x42';
        QTest::newRow("jpeg with a broken marker")
            << badMarker << QByteArray() << defaults << QStringList{u"damaged"_s};
        QTest::newRow("png with no IDAT") << "\x89PNG\r\n\x1A\n"_ba
                + pngChunk("IHDR"_ba, be32(10) + be32(10) + "\x08\x02\0\0\0"_ba) + pngChunk("IEND"_ba, {})
                                          << QByteArray() << defaults << QStringList{u"damaged"_s};
    }

    const QByteArray zip = zipArchive("payload.html"_ba, "<html><script>alert(document.cookie)</script></html>"_ba);
    QTest::newRow("jpeg + zip") << jpeg + zip << QByteArray() << defaults << trailing;
    QTest::newRow("jpeg + pdf") << jpeg + "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"_ba << QByteArray()
                                << defaults << trailing;
    QTest::newRow("jpeg + html") << jpeg + "<html><script>alert(1)</script></html>"_ba << QByteArray() << defaults
                                 << trailing;
    QTest::newRow("jpeg + 17 stray bytes") << jpeg + "0123456789abcdefg"_ba << QByteArray() << defaults << trailing;
    QTest::newRow("jpeg + shell script") << jpeg + "\n#!/bin/sh\nrm -rf ~\n"_ba << QByteArray() << defaults << trailing;
    QTest::newRow("png + html") << png + "<html><body><script>alert(1)</script></body></html>"_ba << QByteArray()
                                << defaults << trailing;
    QTest::newRow("webp + html") << webp + "<html><script>alert(1)</script></html>"_ba << QByteArray() << defaults
                                 << trailing;
    QTest::newRow("jpeg + cut second image") << jpeg + jpeg.left(300) << QByteArray() << defaults << trailing;
    QTest::newRow("jpeg + broken video") << jpeg + motionVideo().chopped(10) << QByteArray() << defaults << trailing;
    QTest::newRow("jpeg + zip inside a samsung trailer")
        << jpeg + samsungTrailer({{"MotionPhoto_Data"_ba, zip}}) << QByteArray() << defaults
        << QStringList{u"also contains a ZIP archive"_s};
    QTest::newRow("jpeg + zip at the end of a motion video")
        << jpeg + motionVideo(QByteArray(64, '\x11') + zip) << QByteArray() << defaults
        << QStringList{u"also contains a ZIP archive"_s};
    QTest::newRow("jpeg with a pdf header in a comment")
        << withSegment(jpeg, 0xFE, "%PDF-1.4 1 0 obj"_ba) << QByteArray() << defaults
        << QStringList{u"also contains a PDF document"_s};
}

void tst_PhotoProcessor::refuses()
{
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, declared);
    QFETCH(PhotoLimits, limits);
    QFETCH(QStringList, expected);

    QString error;
    QVERIFY(!processPhoto(data, declared, limits, &error));
    for (const QString &part : expected)
        QVERIFY2(error.contains(part), qPrintable(u"“%1” not in “%2”"_s.arg(part, error)));
    QVERIFY2(error.contains(u" — "_s), qPrintable(error)); // every refusal says what to do next
}

QTEST_GUILESS_MAIN(tst_PhotoProcessor)
#include "tst_PhotoProcessor.moc"
