#include "server/core/PhotoProcessor.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <mutex>

#include <QBuffer>
#include <QColorSpace>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QLoggingCategory>
#include <QSize>
#include <QStringDecoder>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace dimos {
namespace {

Q_LOGGING_CATEGORY(lcPhoto, "dimos.photo")

// Arbitrary bytes tolerated after the end of an image: some encoders leave a few stray bytes, but no
// useful second document fits in this.
constexpr qsizetype kTrailingTolerance = 16;
// Bounds on the appended parts we walk after a JPEG, so a crafted file cannot make us loop long.
constexpr int kMaxTrailerParts = 16;
constexpr int kMaxMediaBoxes = 4096;
constexpr quint32 kMaxSefEntries = 256;
// PDF readers look for their header within the first 1024 bytes; ZIP readers look for the end of
// central directory record within the last 64 KiB + 22 bytes.
constexpr qsizetype kPdfHeaderWindow = 1024;
constexpr qsizetype kZipEndRecordSize = 22;
constexpr qsizetype kZipMaxComment = 0xFFFF;
// How much of an unrecognised file is read to tell text, HTML and SVG apart.
constexpr qsizetype kTextSniffWindow = 1024;

const QString kAcceptedFormats = u"JPEG, PNG or WebP"_s;

class ByteView
{
public:
    explicit ByteView(const QByteArray &bytes)
        : m_data(reinterpret_cast<const uchar *>(bytes.constData())), m_size(bytes.size())
    { }

    qsizetype size() const { return m_size; }
    const uchar *data() const { return m_data; }
    uchar at(qsizetype pos) const { return m_data[pos]; }
    bool has(qsizetype pos, qsizetype length) const
    {
        return pos >= 0 && length >= 0 && pos <= m_size && length <= m_size - pos;
    }
    bool matches(qsizetype pos, const char *literal, qsizetype length) const
    {
        return has(pos, length) && std::memcmp(m_data + pos, literal, size_t(length)) == 0;
    }
    quint16 be16(qsizetype pos) const { return qFromBigEndian<quint16>(m_data + pos); }
    quint32 be32(qsizetype pos) const { return qFromBigEndian<quint32>(m_data + pos); }
    quint64 be64(qsizetype pos) const { return qFromBigEndian<quint64>(m_data + pos); }
    quint16 le16(qsizetype pos) const { return qFromLittleEndian<quint16>(m_data + pos); }
    quint32 le32(qsizetype pos) const { return qFromLittleEndian<quint32>(m_data + pos); }

private:
    const uchar *m_data;
    qsizetype m_size;
};

enum class Format { Jpeg, Png, WebP, Other };

struct Detected
{
    Format format = Format::Other;
    QByteArray mimeType;
    QString description; // "a GIF image", "unknown data"
    QString advice; // extra help for formats people commonly send by mistake
};

Detected accepted(Format format, const char *mimeType, const QString &description)
{
    return {format, QByteArray(mimeType), description, {}};
}

Detected other(const QString &description, const QString &advice = {})
{
    return {Format::Other, {}, description, advice};
}

// Markup is told apart from plain text because an HTML or SVG upload is the classic attempt to get
// script served from our origin.
std::optional<Detected> detectText(const ByteView &bytes)
{
    const qsizetype window = std::min(bytes.size(), kTextSniffWindow);
    QByteArray head(reinterpret_cast<const char *>(bytes.data()), window);
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);

    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(head);
    if (decoder.hasError())
        return std::nullopt;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r' && u != u'\f') || u == 0x7F)
            return std::nullopt;
    }

    const QByteArray lower = head.trimmed().toLower();
    if (lower.startsWith('<')) {
        if (lower.contains("<svg"))
            return other(u"an SVG drawing"_s);
        static const char *const htmlTags[] = {"<!doctype html", "<html", "<head", "<body", "<script", "<iframe",
            "<meta", "<title", "<style", "<div", "<img", "<a ", "<p>", "<!--"};
        for (const char *tag : htmlTags) {
            if (lower.contains(tag))
                return other(u"an HTML document"_s);
        }
        if (lower.startsWith("<?xml"))
            return other(u"an XML document"_s);
    }
    if (lower.startsWith("#!"))
        return other(u"a script"_s);
    return other(u"a text file"_s);
}

Detected detectIsoMedia(const ByteView &bytes)
{
    static const char *const heifBrands[] = {"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"};
    for (const char *brand : heifBrands) {
        if (bytes.matches(8, brand, 4)) {
            return other(u"a HEIC/HEIF image"_s,
                u" (on an iPhone, choose Settings → Camera → Formats → Most Compatible, "
                u"or share the photo by e-mail or messenger, which sends a JPEG)"_s);
        }
    }
    if (bytes.matches(8, "avif", 4) || bytes.matches(8, "avis", 4))
        return other(u"an AVIF image"_s);
    if (bytes.matches(8, "crx ", 4))
        return other(u"a camera RAW file"_s, u" (export it from your photo software as JPEG)"_s);
    if (bytes.matches(8, "qt  ", 4))
        return other(u"a QuickTime video"_s);
    return other(u"an MP4 video"_s);
}

Detected detect(const ByteView &bytes)
{
    if (bytes.matches(0, "\xFF\xD8\xFF", 3))
        return accepted(Format::Jpeg, "image/jpeg", u"a JPEG image"_s);
    if (bytes.matches(0, "\x89PNG\r\n\x1A\n", 8))
        return accepted(Format::Png, "image/png", u"a PNG image"_s);
    if (bytes.matches(0, "RIFF", 4) && bytes.matches(8, "WEBP", 4))
        return accepted(Format::WebP, "image/webp", u"a WebP image"_s);

    if (bytes.matches(0, "GIF87a", 6) || bytes.matches(0, "GIF89a", 6))
        return other(u"a GIF image"_s);
    if (bytes.matches(0, "%PDF-", 5))
        return other(u"a PDF document"_s);
    if (bytes.matches(0, "II*\0", 4) || bytes.matches(0, "MM\0*", 4))
        return other(u"a TIFF image (or a camera RAW file)"_s);
    if (bytes.matches(0, "IIRO", 4) || bytes.matches(0, "IIU\0", 4) || bytes.matches(0, "FUJIFILMCCD-RAW", 15))
        return other(u"a camera RAW file"_s, u" (export it from your photo software as JPEG)"_s);
    if (bytes.matches(4, "ftyp", 4))
        return detectIsoMedia(bytes);
    if (bytes.matches(0, "\0\0\0\x0CjP  \r\n\x87\n", 12) || bytes.matches(0, "\xFF\x4F\xFF\x51", 4))
        return other(u"a JPEG 2000 image"_s);
    if (bytes.matches(0, "\0\0\0\x0CJXL \r\n\x87\n", 12) || bytes.matches(0, "\xFF\x0A", 2))
        return other(u"a JPEG XL image"_s);
    if (bytes.matches(0, "BM", 2) && bytes.has(0, 18) && bytes.le32(6) == 0) {
        const quint32 headerSize = bytes.le32(14);
        if (headerSize == 12 || headerSize == 40 || headerSize == 52 || headerSize == 56 || headerSize == 108
            || headerSize == 124)
            return other(u"a BMP image"_s);
    }
    if (bytes.matches(0, "\0\0\1\0", 4) || bytes.matches(0, "\0\0\2\0", 4))
        return other(u"an icon (ICO) file"_s);
    if (bytes.matches(0, "8BPS", 4))
        return other(u"a Photoshop document"_s);
    if (bytes.matches(0, "PK\3\4", 4) || bytes.matches(0, "PK\5\6", 4) || bytes.matches(0, "PK\7\x08", 4))
        return other(u"a ZIP archive (or an Office document)"_s);
    if (bytes.matches(0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return other(u"an old-style Microsoft Office document"_s);
    if (bytes.matches(0, "{\\rtf", 5))
        return other(u"an RTF document"_s);
    if (bytes.matches(0, "\x1F\x8B", 2))
        return other(u"a gzip archive"_s);
    if (bytes.matches(0, "Rar!\x1A\x07", 6))
        return other(u"a RAR archive"_s);
    if (bytes.matches(0, "7z\xBC\xAF\x27\x1C", 6))
        return other(u"a 7-Zip archive"_s);
    if (bytes.matches(0,
            "\x7F"
            "ELF",
            4))
        return other(u"a program (executable file)"_s);
    if (bytes.matches(0, "MZ", 2))
        return other(u"a Windows program"_s);
    if (bytes.matches(0, "RIFF", 4)) {
        if (bytes.matches(8, "WAVE", 4))
            return other(u"a WAV audio file"_s);
        if (bytes.matches(8, "AVI ", 4))
            return other(u"an AVI video"_s);
        return other(u"a RIFF media file"_s);
    }
    if (bytes.matches(0, "OggS", 4))
        return other(u"an Ogg audio or video file"_s);
    if (bytes.matches(0, "ID3", 3))
        return other(u"an MP3 audio file"_s);
    if (bytes.matches(0, "fLaC", 4))
        return other(u"a FLAC audio file"_s);
    if (bytes.matches(0, "\x1A\x45\xDF\xA3", 4))
        return other(u"a WebM/Matroska video"_s);

    const qsizetype window = std::min<qsizetype>(bytes.size(), kPdfHeaderWindow);
    if (QByteArrayView(reinterpret_cast<const char *>(bytes.data()), window).contains("%PDF-"))
        return other(u"a PDF document"_s);
    if (const auto text = detectText(bytes))
        return *text;
    return other(u"unknown data"_s);
}

QByteArray normalisedImageType(const QByteArray &declared)
{
    QByteArray type = declared;
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    type = type.trimmed().toLower();
    if (type == "image/jpg" || type == "image/pjpeg" || type == "image/jpe" || type == "image/x-jpeg")
        return "image/jpeg"_ba;
    if (type == "image/x-png" || type == "image/apng")
        return "image/png"_ba;
    if (type == "image/x-webp")
        return "image/webp"_ba;
    return type;
}

// The declared type comes from the client; keep it short and printable before quoting it back.
QString quotedForMessage(const QByteArray &value)
{
    QString out;
    for (const char c : value.trimmed().left(80)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7F) ? QChar(char16_t(u)) : QChar(u'?');
    }
    return out;
}

QString byteSize(qint64 bytes)
{
    constexpr qint64 kKiB = 1024;
    constexpr qint64 kMiB = 1024 * 1024;
    if (bytes < kKiB)
        return bytes == 1 ? u"1 byte"_s : u"%1 bytes"_s.arg(bytes);
    const bool mega = bytes >= kMiB;
    QString number = QString::number(double(bytes) / double(mega ? kMiB : kKiB), 'f', 1);
    if (number.endsWith(u".0"_s))
        number.chop(2);
    return number + (mega ? u" MB"_s : u" KB"_s);
}

QString pixelCount(qint64 pixels)
{
    constexpr qint64 kMega = 1'000'000;
    if (pixels < kMega / 10)
        return u"%1 pixels"_s.arg(pixels);
    if (pixels % kMega == 0)
        return pixels == kMega ? u"1 megapixel"_s : u"%1 megapixels"_s.arg(pixels / kMega);
    return u"%1 megapixels"_s.arg(QString::number(double(pixels) / double(kMega), 'f', 1));
}

// The outcome of walking a container: where the image ends, or why no end was found.
struct Walk
{
    qsizetype end = -1;
    bool truncated = false;
    QString damage;

    bool ok() const { return end >= 0; }
    static Walk endsAt(qsizetype end) { return {end, false, {}}; }
    static Walk cutOff() { return {-1, true, {}}; }
    static Walk damaged(const QString &why) { return {-1, false, why}; }
};

QString hexByte(uchar value)
{
    return u"0x"_s + QString::number(value, 16).toUpper().rightJustified(2, u'0');
}

bool isStartOfFrame(uchar marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Follows the JPEG marker segments and entropy-coded scans from the SOI at `start` to the EOI.
Walk walkJpeg(const ByteView &bytes, qsizetype start)
{
    if (!bytes.matches(start, "\xFF\xD8", 2))
        return Walk::damaged(u"no JPEG start-of-image marker"_s);
    const qsizetype size = bytes.size();
    qsizetype pos = start + 2;
    bool seenFrame = false;
    bool seenScan = false;
    for (;;) {
        if (pos >= size)
            return Walk::cutOff();
        if (bytes.at(pos) != 0xFF)
            return Walk::damaged(
                u"byte %1 at offset %2 where a JPEG marker should be"_s.arg(hexByte(bytes.at(pos))).arg(pos));
        while (pos < size && bytes.at(pos) == 0xFF)
            ++pos;
        if (pos >= size)
            return Walk::cutOff();
        const uchar marker = bytes.at(pos++);
        if (marker == 0xD9) {
            if (!seenScan)
                return Walk::damaged(u"the JPEG ends before any image data"_s);
            return Walk::endsAt(pos);
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
            continue;
        if (marker == 0x00 || marker == 0xD8)
            return Walk::damaged(u"misplaced JPEG marker %1 at offset %2"_s.arg(hexByte(marker)).arg(pos - 1));
        if (!bytes.has(pos, 2))
            return Walk::cutOff();
        const quint16 length = bytes.be16(pos);
        if (length < 2)
            return Walk::damaged(u"invalid JPEG segment length at offset %1"_s.arg(pos));
        if (!bytes.has(pos, length))
            return Walk::cutOff();
        pos += length;
        if (isStartOfFrame(marker))
            seenFrame = true;
        if (marker != 0xDA)
            continue;
        if (!seenFrame)
            return Walk::damaged(u"JPEG image data comes before the frame header"_s);
        seenScan = true;
        // Entropy-coded data runs to the first marker that is neither a stuffed 0xFF00 nor a restart.
        for (;;) {
            const void *found = pos < size ? std::memchr(bytes.data() + pos, 0xFF, size_t(size - pos)) : nullptr;
            if (!found)
                return Walk::cutOff();
            pos = static_cast<const uchar *>(found) - bytes.data();
            if (pos + 1 >= size)
                return Walk::cutOff();
            const uchar next = bytes.at(pos + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (next == 0xFF) {
                ++pos;
                continue;
            }
            break;
        }
    }
}

bool isChunkLetter(uchar c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

Walk walkPng(const ByteView &bytes)
{
    qsizetype pos = 8;
    bool first = true;
    bool seenData = false;
    for (;;) {
        if (!bytes.has(pos, 8))
            return Walk::cutOff();
        const quint32 length = bytes.be32(pos);
        if (length > 0x7FFFFFFFu)
            return Walk::damaged(u"invalid PNG chunk length at offset %1"_s.arg(pos));
        for (int i = 4; i < 8; ++i) {
            if (!isChunkLetter(bytes.at(pos + i)))
                return Walk::damaged(u"invalid PNG chunk type at offset %1"_s.arg(pos + 4));
        }
        const bool isHeader = bytes.matches(pos + 4, "IHDR", 4);
        if (first && (!isHeader || length != 13))
            return Walk::damaged(u"the PNG does not start with a valid IHDR header"_s);
        if (!first && isHeader)
            return Walk::damaged(u"a second PNG IHDR header at offset %1"_s.arg(pos));
        if (!bytes.has(pos + 8, qsizetype(length) + 4))
            return Walk::cutOff();
        if (bytes.matches(pos + 4, "IDAT", 4))
            seenData = true;
        const bool isEnd = bytes.matches(pos + 4, "IEND", 4);
        pos += 12 + qsizetype(length);
        if (isEnd) {
            if (!seenData)
                return Walk::damaged(u"the PNG has no image data"_s);
            return Walk::endsAt(pos);
        }
        first = false;
    }
}

Walk walkWebP(const ByteView &bytes)
{
    if (!bytes.has(0, 12))
        return Walk::cutOff();
    const qsizetype riffEnd = 8 + qsizetype(bytes.le32(4));
    if (riffEnd < 12)
        return Walk::damaged(u"invalid WebP (RIFF) size"_s);
    if (riffEnd > bytes.size())
        return Walk::cutOff();
    qsizetype pos = 12;
    bool seenImage = false;
    while (pos < riffEnd) {
        if (riffEnd - pos < 8)
            return Walk::damaged(u"a WebP chunk header crosses the end of the RIFF container"_s);
        const qsizetype length = qsizetype(bytes.le32(pos + 4));
        if (length > riffEnd - pos - 8)
            return Walk::damaged(u"a WebP chunk at offset %1 runs past the end of the RIFF container"_s.arg(pos));
        if (bytes.matches(pos, "VP8 ", 4) || bytes.matches(pos, "VP8L", 4) || bytes.matches(pos, "ANMF", 4))
            seenImage = true;
        pos += 8 + length + (length & 1);
    }
    if (!seenImage)
        return Walk::damaged(u"the WebP has no image data"_s);
    return Walk::endsAt(riffEnd);
}

bool isFillerByte(uchar c)
{
    return c == 0x00 || c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isPadding(const ByteView &bytes, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i) {
        if (!isFillerByte(bytes.at(i)) && bytes.at(i) != 0xFF)
            return false;
    }
    return true;
}

bool isFourCc(const ByteView &bytes, qsizetype pos)
{
    for (qsizetype i = pos; i < pos + 4; ++i) {
        if (bytes.at(i) < 0x20 || bytes.at(i) > 0x7E)
            return false;
    }
    return true;
}

// A motion-photo video (Google's MicroVideo / MotionPhoto) is an ISO media file appended after the
// JPEG: a chain of boxes starting with `ftyp`. Returns where the chain ends.
std::optional<qsizetype> walkIsoMedia(const ByteView &bytes, qsizetype pos, qsizetype end)
{
    if (!bytes.matches(pos + 4, "ftyp", 4))
        return std::nullopt;
    for (int boxes = 0; pos < end; ++boxes) {
        if (boxes > kMaxMediaBoxes)
            return std::nullopt;
        if (end - pos < 8 || !isFourCc(bytes, pos + 4))
            return pos;
        quint64 boxSize = bytes.be32(pos);
        qsizetype headerSize = 8;
        if (boxSize == 1) {
            if (end - pos < 16)
                return std::nullopt;
            boxSize = bytes.be64(pos + 8);
            headerSize = 16;
        } else if (boxSize == 0) {
            boxSize = quint64(end - pos);
        }
        if (boxSize < quint64(headerSize) || boxSize > quint64(end - pos))
            return std::nullopt;
        pos += qsizetype(boxSize);
    }
    return pos;
}

// Samsung phones end many JPEGs with an "SEF" trailer: data blocks (timestamps, the motion-photo
// video, ...), a directory starting "SEFH", then the directory's length and "SEFT". Returns where the
// trailer's first data block starts when the directory is consistent and lies wholly after `from`.
std::optional<qsizetype> samsungTrailerStart(const ByteView &bytes, qsizetype from)
{
    const qsizetype size = bytes.size();
    if (size - from < 8 + 12 || !bytes.matches(size - 4, "SEFT", 4))
        return std::nullopt;
    const qsizetype directorySize = qsizetype(bytes.le32(size - 8));
    if (directorySize < 12 || directorySize > size - 8 - from)
        return std::nullopt;
    const qsizetype directory = size - 8 - directorySize;
    if (!bytes.matches(directory, "SEFH", 4))
        return std::nullopt;
    const quint32 count = bytes.le32(directory + 8);
    if (count == 0 || count > kMaxSefEntries || 12 + qsizetype(count) * 12 > directorySize)
        return std::nullopt;
    qsizetype first = directory;
    for (quint32 i = 0; i < count; ++i) {
        const qsizetype entry = directory + 12 + qsizetype(i) * 12;
        const qsizetype offset = qsizetype(bytes.le32(entry + 4)); // backwards from the directory
        const qsizetype length = qsizetype(bytes.le32(entry + 8));
        if (offset > directory - from || length > offset)
            return std::nullopt;
        first = std::min(first, directory - offset);
    }
    return first;
}

// What phones append after the primary JPEG: more JPEGs (MPF previews, gain maps), a motion-photo
// video, a Samsung trailer, padding. Anything else beyond the tolerance is refused.
bool isAcceptableJpegTrailer(const ByteView &bytes, qsizetype pos)
{
    qsizetype end = bytes.size();
    if (const auto samsung = samsungTrailerStart(bytes, pos))
        end = *samsung;
    for (int parts = 0; pos < end; ++parts) {
        if (parts >= kMaxTrailerParts)
            return false;
        if (isPadding(bytes, pos, end))
            return true;
        if (bytes.matches(pos, "\xFF\xD8\xFF", 3)) {
            const Walk embedded = walkJpeg(bytes, pos);
            if (!embedded.ok() || embedded.end > end)
                return false;
            pos = embedded.end;
            continue;
        }
        if (bytes.matches(pos + 4, "ftyp", 4)) {
            const auto videoEnd = walkIsoMedia(bytes, pos, end);
            if (!videoEnd)
                return false;
            pos = *videoEnd;
            continue;
        }
        // Some writers align the appended parts with filler bytes.
        const qsizetype filled = pos;
        while (pos < end && isFillerByte(bytes.at(pos)))
            ++pos;
        if (pos == filled)
            return end - pos <= kTrailingTolerance;
    }
    return true;
}

bool isAcceptableTrailer(const ByteView &bytes, qsizetype pos)
{
    return isPadding(bytes, pos, bytes.size()) || bytes.size() - pos <= kTrailingTolerance;
}

// A ZIP reader finds an archive by its end-of-central-directory record near the end of the file,
// wherever the rest of the file came from; that is what makes JPEG+ZIP polyglots work.
bool containsZipDirectory(const ByteView &bytes)
{
    const qsizetype size = bytes.size();
    const qsizetype lowest = std::max<qsizetype>(0, size - kZipEndRecordSize - kZipMaxComment);
    for (qsizetype pos = size - kZipEndRecordSize; pos >= lowest; --pos) {
        if (bytes.at(pos) != 'P' || !bytes.matches(pos, "PK\5\6", 4))
            continue;
        const quint16 disk = bytes.le16(pos + 4);
        const quint16 directoryDisk = bytes.le16(pos + 6);
        const quint16 entriesOnDisk = bytes.le16(pos + 8);
        const quint16 entries = bytes.le16(pos + 10);
        const qsizetype directorySize = qsizetype(bytes.le32(pos + 12));
        const qsizetype commentLength = bytes.le16(pos + 20);
        if (disk != 0 || directoryDisk != 0 || entriesOnDisk != entries || directorySize > pos
            || commentLength > size - pos - kZipEndRecordSize)
            continue;
        if (entries > 0 && !bytes.matches(pos - directorySize, "PK\1\2", 4))
            continue;
        return true;
    }
    return false;
}

bool containsPdfHeader(const ByteView &bytes)
{
    const qsizetype window = std::min<qsizetype>(bytes.size(), kPdfHeaderWindow);
    return QByteArrayView(reinterpret_cast<const char *>(bytes.data()), window).contains("%PDF-");
}

QSize boundedSize(QSize size, int maxDimension)
{
    const int longest = std::max(size.width(), size.height());
    if (longest <= maxDimension)
        return size;
    const auto scale
        = [&](int side) { return std::max(1, int((qint64(side) * maxDimension + longest / 2) / longest)); };
    return {scale(size.width()), scale(size.height())};
}

// Qt's allocation limit counts the decoded image's bytes, which depend on the pixel format the
// handler picks: 16-bit PNGs decode to 8 bytes per pixel, everything else we accept to 4.
int allocationLimitMb(const ByteView &bytes, Format format, qint64 maxPixels)
{
    constexpr qint64 kMiB = 1024 * 1024;
    const bool wide = format == Format::Png && bytes.has(24, 1) && bytes.at(24) == 16;
    const qint64 limit = (maxPixels * (wide ? 8 : 4) + kMiB - 1) / kMiB + 1;
    return int(std::clamp<qint64>(limit, 1, std::numeric_limits<int>::max()));
}

void ensureAllocationLimit(int megabytes)
{
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    if (QImageReader::allocationLimit() != megabytes)
        QImageReader::setAllocationLimit(megabytes);
}

// Copies the pixels into a fresh image, composited onto white. Being a new QImage it carries no text
// keys, colour space or other metadata that QImageWriter would otherwise write out.
QImage flattenedOntoWhite(const QImage &source)
{
    const QImage premultiplied = source.convertToFormat(QImage::Format_ARGB32_Premultiplied);
    QImage out(source.size(), QImage::Format_RGB32);
    if (premultiplied.isNull() || out.isNull())
        return {};
    for (int y = 0; y < out.height(); ++y) {
        const auto *in = reinterpret_cast<const QRgb *>(premultiplied.constScanLine(y));
        auto *line = reinterpret_cast<QRgb *>(out.scanLine(y));
        for (int x = 0; x < out.width(); ++x) {
            const QRgb pixel = in[x];
            const int uncovered = 255 - qAlpha(pixel);
            line[x] = qRgb(qRed(pixel) + uncovered, qGreen(pixel) + uncovered, qBlue(pixel) + uncovered);
        }
    }
    return out;
}

QByteArray encodeJpeg(const QImage &image, int quality, QString *why)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg"_ba);
    writer.setQuality(quality);
    writer.setOptimizedWrite(true);
    if (!writer.write(image)) {
        *why = writer.errorString();
        return {};
    }
    return bytes;
}

std::optional<ProcessedPhoto> refuse(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

QString damagedMessage(const QString &detail)
{
    return u"the photo is damaged (%1) — open it on your device, save or export it again, and send the new copy"_s.arg(
        detail);
}

} // namespace

std::optional<ProcessedPhoto> processPhoto(
    const QByteArray &data, const QByteArray &declaredType, const PhotoLimits &limits, QString *error)
{
    if (data.isEmpty())
        return refuse(error, u"the photo is empty (0 bytes) — choose the photo again and send it"_s);
    if (data.size() > limits.maxBytes) {
        return refuse(error,
            u"the photo is %1; the largest accepted is %2 — send a smaller copy (most phones "
            u"can share a reduced-size photo)"_s.arg(byteSize(data.size()), byteSize(limits.maxBytes)));
    }

    const ByteView bytes(data);
    const Detected detected = detect(bytes);
    if (detected.format == Format::Other) {
        return refuse(error,
            u"the file was detected as %1, which is not accepted%2 — send a %3 photo"_s.arg(
                detected.description, detected.advice, kAcceptedFormats));
    }

    const QByteArray declared = normalisedImageType(declaredType);
    if (declared.startsWith("image/") && declared != detected.mimeType) {
        return refuse(error,
            u"the photo was sent as %1 but its content is %2 — send the original file again "
            u"without renaming it or changing its type"_s.arg(quotedForMessage(declaredType), detected.description));
    }

    // The container is walked first: it is cheap, and a cut-off upload then gets the right message.
    const Walk walk = detected.format == Format::Jpeg ? walkJpeg(bytes, 0)
        : detected.format == Format::Png              ? walkPng(bytes)
                                                      : walkWebP(bytes);
    if (walk.truncated) {
        return refuse(error,
            u"the photo is incomplete: the file ends before the end of the image (the upload may "
            u"have been cut off) — send it again"_s);
    }
    if (!walk.ok())
        return refuse(error, damagedMessage(walk.damage));
    const bool trailerAccepted = detected.format == Format::Jpeg ? isAcceptableJpegTrailer(bytes, walk.end)
                                                                 : isAcceptableTrailer(bytes, walk.end);
    if (!trailerAccepted) {
        return refuse(error,
            u"the photo contains data after the end of the image (%1 more) — files built like "
            u"this can hide other content, so it is refused; save the photo again with a photo "
            u"app (or send a screenshot of it)"_s.arg(byteSize(data.size() - walk.end)));
    }
    const bool hidesPdf = containsPdfHeader(bytes);
    if (hidesPdf || containsZipDirectory(bytes)) {
        return refuse(error,
            u"the photo also contains %1 — files that are two formats at once are refused; save "
            u"the photo again with a photo app (or send a screenshot of it)"_s.arg(
                hidesPdf ? u"a PDF document"_s : u"a ZIP archive"_s));
    }

    const char *formatName = detected.format == Format::Jpeg ? "jpeg" : detected.format == Format::Png ? "png" : "webp";
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, QByteArray(formatName));
    reader.setAutoDetectImageFormat(false);
    reader.setAutoTransform(true);
    if (!reader.canRead()) {
        if (reader.error() == QImageReader::UnsupportedFormatError) {
            qCWarning(lcPhoto, "no Qt image plugin can read %s; install the Qt image format plugins", formatName);
            return refuse(error,
                u"the server cannot read %1 photos at the moment — send a JPEG photo instead"_s.arg(
                    QString::fromLatin1(formatName).toUpper()));
        }
        return refuse(error, damagedMessage(reader.errorString()));
    }

    // Decompression bombs are small files with huge headers: refuse them from the header alone.
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return refuse(error, damagedMessage(u"its header gives no valid image size"_s));
    const qint64 pixels = qint64(size.width()) * size.height();
    if (pixels > limits.maxPixels) {
        return refuse(error,
            u"the photo is %1×%2 pixels (%3); the largest accepted is %4 — resize it and "
            u"try again"_s.arg(size.width())
                .arg(size.height())
                .arg(pixelCount(pixels), pixelCount(limits.maxPixels)));
    }
    if (std::max(size.width(), size.height()) > limits.maxDimension) {
        return refuse(error,
            u"the photo is %1×%2 pixels; the longest side accepted is %3 pixels — resize it and "
            u"try again"_s.arg(size.width())
                .arg(size.height())
                .arg(limits.maxDimension));
    }

    ensureAllocationLimit(allocationLimitMb(bytes, detected.format, limits.maxPixels));
    const int storeMax = std::max(1, limits.storeMaxDimension);
    // libjpeg can decode straight to a fraction of the size, which saves most of the memory and time.
    if (detected.format == Format::Jpeg && reader.supportsOption(QImageIOHandler::ScaledSize))
        reader.setScaledSize(boundedSize(size, storeMax));

    QImage decoded;
    if (!reader.read(&decoded) || decoded.isNull())
        return refuse(error, damagedMessage(u"it could not be decoded: %1"_s.arg(reader.errorString())));

    const QColorSpace sourceSpace = decoded.colorSpace();
    const QSize storedSize = boundedSize(decoded.size(), storeMax);
    if (storedSize != decoded.size())
        decoded = decoded.scaled(storedSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    decoded.convertTo(decoded.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    // The ICC profile is dropped with the rest of the metadata, so bake it into the pixels first.
    if (sourceSpace.isValid() && sourceSpace != QColorSpace(QColorSpace::SRgb)) {
        decoded.setColorSpace(sourceSpace);
        decoded.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
    }
    const QImage clean = flattenedOntoWhite(decoded);
    decoded = QImage();
    if (clean.isNull())
        return refuse(error, u"the server ran out of memory while processing the photo — try again later"_s);

    const QSize thumbSize = boundedSize(clean.size(), std::max(1, limits.thumbMaxDimension));
    const QImage thumb
        = thumbSize == clean.size() ? clean : clean.scaled(thumbSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);

    const int quality = std::clamp(limits.jpegQuality, 1, 100);
    QString why;
    ProcessedPhoto photo;
    photo.jpeg = encodeJpeg(clean, quality, &why);
    if (!photo.jpeg.isEmpty())
        photo.thumbnail = encodeJpeg(thumb, quality, &why);
    if (photo.jpeg.isEmpty() || photo.thumbnail.isEmpty()) {
        qCWarning(lcPhoto, "could not encode a JPEG: %s", qUtf8Printable(why));
        return refuse(error, u"the server could not save the photo (%1) — try again later"_s.arg(why));
    }
    photo.width = clean.width();
    photo.height = clean.height();
    photo.sha256Hex = QCryptographicHash::hash(photo.jpeg, QCryptographicHash::Sha256).toHex();
    photo.detectedType = detected.mimeType;
    return photo;
}

} // namespace dimos
