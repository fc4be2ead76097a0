// libFuzzer target for the form-body parsers (server/http/FormData).
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fPIC -I. $(pkg-config --cflags Qt6Core)
//        tests/fuzz/fuzz_FormData.cpp server/http/FormData.cpp $(pkg-config --libs Qt6Core)
//
// The first input byte picks how the rest is fed: its low two bits choose the entry point and
// content type, its high bit swaps the default limits for tiny ones so the limit paths are hit,
// and bit 6 instead encodes the rest as files of a well-formed body that must parse back intact.
// Besides crashes, the target checks what the parsers promise: every success respects the limits
// and strips paths from file names, every failure carries a message.

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <QByteArray>

#include "server/http/FormData.h"

using namespace Qt::StringLiterals;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

void check(const std::optional<dimos::FormData> &form, const QString &error, const dimos::FormLimits &limits)
{
    if (!form) {
        require(!error.isEmpty());
        return;
    }
    require(form->fields.size() + form->files.size() <= limits.maxParts);
    qsizetype total = 0;
    for (const dimos::FormFile &file : form->files) {
        require(file.data.size() <= limits.maxFileBytes);
        require(!file.fileName.contains(u'/') && !file.fileName.contains(u'\\'));
        require(!file.fieldName.isEmpty());
        total += file.data.size();
    }
    require(total <= limits.maxTotalFileBytes);
    for (const dimos::FormField &field : form->fields) {
        require(!field.value.isNull());
        require(field.value.toUtf8().size() <= limits.maxFieldBytes);
        // Lookups must agree with the list they search.
        require(form->contains(field.name));
        require(!form->value(field.name).isNull());
    }
}

// Chunks separated by 0xFE become file parts; the parser must return each one byte for byte.
void roundTrip(const QByteArray &input)
{
    const QByteArray delimiter = "--b0und"_ba;
    QList<QByteArray> chunks = input.split('\xfe');
    QByteArray body = "preamble\r\n"_ba;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        // A client never sends data containing its own delimiter.
        while (chunks[i].contains(delimiter))
            chunks[i].replace(delimiter, "-");
        body += "--b0und\r\nContent-Disposition: form-data; name=\"f\"; filename=\"" + QByteArray::number(i)
            + "\"\r\n\r\n" + chunks[i] + "\r\n";
    }
    body += "--b0und--\r\n";

    dimos::FormLimits limits;
    limits.maxParts = chunks.size();
    QString error;
    const std::optional<dimos::FormData> form
        = dimos::parseMultipart("multipart/form-data; boundary=b0und"_ba, body, limits, &error);
    require(form.has_value());
    require(form->files.size() == chunks.size());
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        require(form->files.at(i).data == chunks.at(i));
        require(form->files.at(i).fileName == QString::number(i));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray input(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    if (selector & 0x40) {
        roundTrip(input);
        return 0;
    }

    dimos::FormLimits limits;
    if (selector & 0x80) {
        limits.maxParts = 4;
        limits.maxFieldBytes = 16;
        limits.maxFileBytes = 32;
        limits.maxTotalFileBytes = 48;
        limits.maxHeaderBytes = 64;
    }

    QString error;
    switch (selector & 0x03) {
    case 0: {
        const auto form = dimos::parseForm("application/x-www-form-urlencoded"_ba, input, limits, &error);
        check(form, error, limits);
        break;
    }
    case 1: {
        const auto form = dimos::parseMultipart("multipart/form-data; boundary=XyZ"_ba, input, limits, &error);
        check(form, error, limits);
        break;
    }
    case 2: {
        // The first line is the Content-Type, so the header parsing and dispatch get fuzzed too.
        const qsizetype newline = input.indexOf('\n');
        const QByteArray contentType = newline < 0 ? input : input.first(newline);
        const QByteArray body = newline < 0 ? QByteArray() : input.sliced(newline + 1);
        const auto form = dimos::parseForm(contentType, body, limits, &error);
        check(form, error, limits);
        break;
    }
    default: {
        // A one-character boundary makes near-miss delimiters as common as possible.
        const auto form = dimos::parseMultipart("multipart/form-data; boundary=\"-\""_ba, input, limits, &error);
        check(form, error, limits);
        error.clear();
        const auto query = dimos::parseUrlEncoded(input, limits, &error);
        check(query, error, limits);
        break;
    }
    }
    return 0;
}
