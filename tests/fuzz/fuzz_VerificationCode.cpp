// libFuzzer target for the reading of verification codes (server/core/VerificationCode): what a
// person types on /verify or a link carries in /verify/<code>.
//
// Input: UTF-8 text (invalid sequences become U+FFFD, as they would in a URL or a form).
// Beyond crashes: an accepted code is XXXX-XXXX-XXXX of the Crockford alphabet, reads back as
// itself, and reads the same in lower case, without dashes and with spaces; input longer than
// 64 characters is refused.

#include "server/core/VerificationCode.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

bool wellFormed(const QString &code)
{
    if (code.size() != 14 || code[4] != u'-' || code[9] != u'-')
        return false;
    for (qsizetype i = 0; i < code.size(); ++i) {
        if (i == 4 || i == 9)
            continue;
        const QChar c = code[i];
        const bool digit = c >= u'0' && c <= u'9';
        const bool letter = c >= u'A' && c <= u'Z' && c != u'I' && c != u'L' && c != u'O' && c != u'U';
        if (!digit && !letter)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString input = QString::fromUtf8(fuzz::bytes(data, size));
    const std::optional<QString> code = verificationcode::normalise(input);
    if (input.size() > 64)
        FUZZ_REQUIRE(!code);
    if (!code)
        return 0;
    FUZZ_REQUIRE(wellFormed(*code));
    FUZZ_REQUIRE(verificationcode::normalise(*code) == code);
    FUZZ_REQUIRE(verificationcode::normalise(code->toLower()) == code);
    QString bare = *code;
    bare.remove(u'-');
    FUZZ_REQUIRE(verificationcode::normalise(bare) == code);
    FUZZ_REQUIRE(verificationcode::format(bare) == *code);
    FUZZ_REQUIRE(verificationcode::normalise(QString(u"  "_s + bare.left(6) + u' ' + bare.mid(6))) == code);
    return 0;
}
