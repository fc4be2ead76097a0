#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace dimos {

// The verification code printed on an issued document (docs/EDIMOTIS.md): 12 characters of
// Crockford base32 (0-9 and A-Z without I, L, O, U) from 60 random bits, printed, stored
// (issued_documents.verification_code) and put in the QR code's URL as XXXX-XXXX-XXXX.
namespace verificationcode {

inline constexpr int kLength = 12; // characters without the dashes

// A fresh code from libsodium's random bytes, formatted.
QString generate();

// What a person typed or a link carried, as the stored form: upper-cased, spaces, dashes and
// other separators dropped, O→0, I/L→1, and Greek capitals that look like Latin ones (as a
// Greek keyboard types them) read as those; nothing when what is left is not 12 characters of
// the alphabet.
std::optional<QString> normalise(QStringView input);

// 12 characters of the alphabet as XXXX-XXXX-XXXX (no checks).
QString format(QStringView twelve);

} // namespace verificationcode

} // namespace dimos
