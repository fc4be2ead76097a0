// libFuzzer target for the verification of the tokens in citizens' mailed links
// (server/core/LinkTokens::check), as they arrive in a URL path (/subscriptions/{token},
// /follow/{token}/not-fixed, …): percent-decoded by the router, so any string.
//
// Input: the first byte picks the purpose; the rest is the token as UTF-8. Beyond crashes:
// a token is accepted only when it is exactly the one make() gives for that purpose and id —
// no other spelling of the id, no padding, no second purpose — so a link cannot be altered
// into another valid one; and every token make() gives is accepted (checked on a mutation of
// the input's id).

#include "server/core/LinkTokens.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const LinkTokens tokens(QByteArray(32, '\x5a'));
    // CitizenMail's purposes (CitizenMail.h), and one that is a prefix of two of them.
    static const QString purposes[]
        = {u"subscription"_s, u"subscription-confirm"_s, u"follow"_s, u"follow-confirm"_s, u"sub"_s};
    if (size == 0)
        return 0;
    const QString &purpose = purposes[data[0] % std::size(purposes)];
    const QString token = QString::fromUtf8(fuzz::bytes(data + 1, size - 1));

    const std::optional<qint64> id = tokens.check(purpose, token);
    if (id) {
        FUZZ_REQUIRE(*id > 0);
        FUZZ_REQUIRE(token == tokens.make(purpose, *id));
        for (const QString &other : purposes)
            FUZZ_REQUIRE(other == purpose || !tokens.check(other, token));
    }

    // Whatever id the input starts with, its real token is accepted, for that purpose only.
    bool ok = false;
    const qint64 claimed = token.section(u'.', 0, 0).toLongLong(&ok);
    if (ok && claimed > 0) {
        const QString made = tokens.make(purpose, claimed);
        FUZZ_REQUIRE(tokens.check(purpose, made) == claimed);
        FUZZ_REQUIRE(made == token || !id); // an accepted token is the one made
    }
    return 0;
}
