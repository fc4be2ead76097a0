// libFuzzer target for the account forms' checks (server/core/CitizenAccounts: accountcheck::email,
// password, profile): a urlencoded form body as the profile and registration pages read it.
//
// Beyond crashes: every problem names a field of the form and a message key both languages have;
// an accepted profile is what it promises — ΑΦΜ empty or 9 digits that GreekIds accepts, ΑΜΚΑ
// empty or 11 digits, a birth date empty or YYYY-MM-DD between 1900 and "today", names and
// address within their lengths — and checking the stored profile again accepts it unchanged
// (what the profile page shows and sends back). An accepted password is 10–256 characters and
// not the e-mail address.

#include <QDate>

#include "server/core/CitizenAccounts.h"
#include "server/http/FormData.h"
#include "server/render/MessageCatalog.h"
#include "shared/domain/GreekIds.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

const QStringList &messageKeys()
{
    static const QStringList keys = [] {
        MessageCatalog catalog;
        QString error;
        FUZZ_REQUIRE(catalog.load(QStringLiteral(DIMOS_SOURCE_DIR "/resources/i18n"), &error));
        return catalog.keys();
    }();
    return keys;
}

bool digits(const QString &text, qsizetype count)
{
    if (text.size() != count)
        return false;
    for (const QChar c : text)
        if (c < u'0' || c > u'9')
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const std::optional<FormData> form = parseUrlEncoded(fuzz::bytes(data, size), FormLimits{}, &error);
    if (!form)
        return 0;
    static const QStringList fields{u"email"_s, u"password"_s, u"password2"_s, u"given_name"_s, u"surname"_s,
        u"father_name"_s, u"mother_name"_s, u"birth_date"_s, u"afm"_s, u"amka"_s, u"id_card"_s, u"address"_s,
        u"phone"_s};
    const auto named = [](const QList<FormProblem> &problems) {
        for (const FormProblem &p : problems) {
            FUZZ_REQUIRE(fields.contains(p.field));
            FUZZ_REQUIRE(messageKeys().contains(p.key));
        }
    };

    // Registration.
    const QString email = form->value(u"email");
    const QString password = form->value(u"password");
    const QList<FormProblem> emailProblems = accountcheck::email(email);
    named(emailProblems);
    const QList<FormProblem> passwordProblems = accountcheck::passwordForm(email, password, form->value(u"password2"));
    named(passwordProblems);
    if (passwordProblems.isEmpty()) {
        FUZZ_REQUIRE(password.size() >= accountcheck::kMinPassword && password.size() <= accountcheck::kMaxPassword);
        FUZZ_REQUIRE(password == form->value(u"password2")); // a form without the confirmation is refused
        FUZZ_REQUIRE(
            email.trimmed().isEmpty() || password.trimmed().compare(email.trimmed(), Qt::CaseInsensitive) != 0);
    }

    // The profile.
    CitizenProfile in;
    in.givenName = form->value(u"given_name");
    in.surname = form->value(u"surname");
    in.fatherName = form->value(u"father_name");
    in.motherName = form->value(u"mother_name");
    in.birthDate = form->value(u"birth_date");
    in.afm = form->value(u"afm");
    in.amka = form->value(u"amka");
    in.idCard = form->value(u"id_card");
    in.address = form->value(u"address");
    in.phone = form->value(u"phone");
    const QDate today(2026, 5, 19);
    CitizenProfile out;
    const QList<FormProblem> problems = accountcheck::profile(in, &out, today);
    named(problems);
    if (!problems.isEmpty())
        return 0;
    FUZZ_REQUIRE(out.afm.isEmpty() || (digits(out.afm, 9) && greekids::checkAfm(out.afm).value == out.afm));
    FUZZ_REQUIRE(out.amka.isEmpty() || (digits(out.amka, 11) && greekids::checkAmka(out.amka).value == out.amka));
    FUZZ_REQUIRE(out.idCard.isEmpty() || greekids::checkIdCard(out.idCard).value == out.idCard);
    if (!out.birthDate.isEmpty()) {
        const QDate d = QDate::fromString(out.birthDate, u"yyyy-MM-dd"_s);
        FUZZ_REQUIRE(d.isValid() && d.year() >= 1900 && d <= today);
    }
    for (const QString *name : {&out.givenName, &out.surname, &out.fatherName, &out.motherName})
        FUZZ_REQUIRE(name->size() <= accountcheck::kMaxName);
    FUZZ_REQUIRE(out.address.size() <= accountcheck::kMaxAddress);

    // Stored, shown and sent back unchanged, it is accepted as it is.
    CitizenProfile again;
    const QList<FormProblem> second = accountcheck::profile(out, &again, today);
    for (const FormProblem &p : second)
        std::fprintf(stderr, "the stored profile is refused again: %s %s\n", qPrintable(p.field), qPrintable(p.key));
    FUZZ_REQUIRE(second.isEmpty());
    FUZZ_REQUIRE(again == out);
    return 0;
}
