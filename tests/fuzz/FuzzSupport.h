#pragma once

// Small helpers shared by the libFuzzer targets in this folder.

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// A broken promise is a crash, so libFuzzer keeps the input that showed it; the line says which.
#define FUZZ_REQUIRE(condition) ::dimos::fuzz::requireAt((condition), #condition, __FILE__, __LINE__)

namespace dimos::fuzz {

inline void requireAt(bool condition, const char *text, const char *file, int line)
{
    if (condition)
        return;
    std::fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, text);
    std::abort();
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// The input cut at the first `count - 1` occurrences of `separator`; missing parts are empty.
inline QList<QByteArray> parts(const QByteArray &input, char separator, int count)
{
    QList<QByteArray> out;
    qsizetype from = 0;
    for (int i = 0; i < count - 1; ++i) {
        const qsizetype at = from <= input.size() ? input.indexOf(separator, from) : -1;
        if (at < 0) {
            out.append(from <= input.size() ? input.mid(from) : QByteArray());
            from = input.size() + 1;
            continue;
        }
        out.append(input.mid(from, at - from));
        from = at + 1;
    }
    out.append(from <= input.size() ? input.mid(from) : QByteArray());
    return out;
}

} // namespace dimos::fuzz
