#include "VerificationCode.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace dimos::verificationcode {

namespace {

constexpr char16_t kAlphabet[] = u"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static_assert(sizeof(kAlphabet) / sizeof(char16_t) == 33);

// Longer input is refused before any work: a code with generous spacing is well under this.
constexpr qsizetype kMaxInput = 64;

bool inAlphabet(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z' && c != u'I' && c != u'L' && c != u'O' && c != u'U');
}

// A character of the input as a character of the code: 0 to drop it, u'?' when it cannot be one.
char16_t read(char16_t c)
{
    switch (c) {
    case u' ':
    case u'\t':
    case u'-':
    case u'‐': // hyphen
    case u'‑': // non-breaking hyphen
    case u'–': // en dash
    case u'—': // em dash
    case u'.':
    case u'_':
    case u'\u00A0': // no-break space
        return 0;
    case u'O':
        return u'0';
    case u'I':
    case u'L':
        return u'1';
    // Greek capitals that look like Latin letters (a Greek keyboard layout left on).
    case u'Α':
        return u'A';
    case u'Β':
        return u'B';
    case u'Ε':
        return u'E';
    case u'Ζ':
        return u'Z';
    case u'Η':
        return u'H';
    case u'Ι':
        return u'1';
    case u'Κ':
        return u'K';
    case u'Μ':
        return u'M';
    case u'Ν':
        return u'N';
    case u'Ο':
        return u'0';
    case u'Ρ':
        return u'P';
    case u'Τ':
        return u'T';
    case u'Υ':
        return u'Y';
    case u'Χ':
        return u'X';
    default:
        return inAlphabet(c) ? c : u'?';
    }
}

} // namespace

QString generate()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
    std::array<unsigned char, 8> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    quint64 bits = 0;
    for (const unsigned char b : bytes)
        bits = (bits << 8) | b;
    QString code(kLength, Qt::Uninitialized);
    for (int i = 0; i < kLength; ++i) { // 12 × 5 = 60 bits, the top 4 of the 64 unused
        code[i] = QChar(kAlphabet[bits & 31]);
        bits >>= 5;
    }
    return format(code);
}

std::optional<QString> normalise(QStringView input)
{
    if (input.size() > kMaxInput)
        return std::nullopt;
    const QString upper = input.toString().toUpper();
    QString code;
    code.reserve(kLength);
    for (const QChar ch : upper) {
        const char16_t c = read(ch.unicode());
        if (c == 0)
            continue;
        if (c == u'?' || code.size() == kLength)
            return std::nullopt;
        code.append(QChar(c));
    }
    if (code.size() != kLength)
        return std::nullopt;
    return format(code);
}

QString format(QStringView twelve)
{
    return twelve.left(4) + u'-' + twelve.mid(4, 4) + u'-' + twelve.mid(8);
}

} // namespace dimos::verificationcode
