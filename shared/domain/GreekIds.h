#pragma once

#include <QString>

#include <optional>

namespace dimos {

// The Greek personal identifiers an applicant gives (see docs DOMAIN: Identifiers). Each check
// returns the number in its stored form, or nothing; *error then says what is wrong in words a
// citizen can act on (in English; the web pages show their own translated messages by `Problem`).
namespace greekids {

enum class Problem {
    None,
    Empty,
    NotDigits, // something other than digits (and, for ΑΦΜ, an EL prefix)
    WrongLength,
    AllZeros,
    CheckDigit, // a digit is mistyped: the check digit does not match
    BadDate, // ΑΜΚΑ: the first six digits are not a date (DDMMYY)
    BadFormat, // identity card: not letters followed by digits
};

struct Result
{
    std::optional<QString> value; // the normalised number
    Problem problem = Problem::None;
};

// ΑΦΜ (tax number): 9 digits; an "EL" prefix, spaces and dots are accepted and dropped; an old
// 8-digit number gets its leading 0. The first eight digits weighted 256, 128, …, 2 and summed;
// (sum mod 11) mod 10 is the ninth. All zeros is refused.
Result checkAfm(QStringView text);

// ΑΜΚΑ (social security number): 11 digits, the first six the birth date DDMMYY (the century
// is unknown, so any year fits; 29 February only in a year that can be a leap year), the
// last a Luhn check digit over all eleven. Spaces are dropped.
Result checkAmka(QStringView text);

// Identity card number (ΑΔΤ), checked loosely: one or two letters (Greek or Latin capitals,
// lower case accepted and raised) then 6 to 8 digits, spaces and dashes dropped. Greek letters
// that look like Latin ones are kept as typed: cards print Greek letters.
Result checkIdCard(QStringView text);

} // namespace greekids

} // namespace dimos
