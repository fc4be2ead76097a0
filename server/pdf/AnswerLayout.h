#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "server/core/AnswerRenderer.h"

namespace dimos {

// Lays out an answer (AnswerContent) as an A4 PDF with QPdfWriter: the municipal header, the
// outgoing and related protocol numbers at the top right, the title, the applicant's rows, the
// body, the signatory, and on every page a footer with the QR code of the verification URL,
// the code, and the page number. Needs a QGuiApplication, so only the dimos-pdf program
// (pdf_main.cpp) links this; dimosd runs that program through PdfRenderer.
namespace answerlayout {

// Where the QR code is drawn on every page, so tests can read it back from a rendering:
// its square, quiet zone included, `kQrSizeMm` wide, `kQrLeftMm` from the left edge and
// `kQrBottomMm` above the bottom edge of an A4 page (210 × 297 mm).
inline constexpr double kPageWidthMm = 210.0;
inline constexpr double kPageHeightMm = 297.0;
inline constexpr double kQrLeftMm = 20.0;
inline constexpr double kQrBottomMm = 12.0;
inline constexpr double kQrSizeMm = 30.0;
inline constexpr int kQrQuietModules = 4; // the white border ISO/IEC 18004 asks for
// libqrencode is asked for the smallest version that holds the URL as 8-bit data at error
// correction level M (QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)).
inline constexpr int kDpi = 300;

// The folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core):
// $DIMOS_PDF_FONT_DIR, else /usr/share/fonts/truetype/dejavu.
QString fontDirectory();

// The PDF, or nothing with *error (a font missing, QR encoding failed, the writer failed).
std::optional<QByteArray> render(const AnswerContent &content, const QString &fontDir, QString *error);

// Greek capitals as a heading writes them: upper case without the accent (ΔΉΜΟΣ → ΔΗΜΟΣ).
QString headingCase(const QString &text);

} // namespace answerlayout

} // namespace dimos
