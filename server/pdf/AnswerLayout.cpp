#include "AnswerLayout.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QTextOption>

#include <memory>

#include <qrencode.h>

using namespace Qt::StringLiterals;

namespace dimos::answerlayout {

namespace {

// Millimetres as device pixels of the writer (kDpi).
double px(double mm)
{
    return mm / 25.4 * kDpi;
}
// Millimetres as the lengths of QTextDocument's HTML: CSS pixels (1/96 in), which its layout
// scales to the paint device's resolution.
int cssPx(double mm)
{
    return qRound(mm / 25.4 * 96);
}

constexpr double kMarginLeftMm = 20.0;
constexpr double kMarginRightMm = 20.0;
constexpr double kMarginTopMm = 16.0;
// The text ends this far above the QR code; the footer (QR, code, page number) is below.
constexpr double kFooterGapMm = 7.0;

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Both DejaVu faces as application fonts: the PDF then embeds exactly these files' glyphs,
// whatever fontconfig would pick for "sans-serif" on this machine. Returns the family name.
std::optional<QString> loadFonts(const QString &dir, QString *error)
{
    QString family;
    for (const QString &file : {u"DejaVuSans.ttf"_s, u"DejaVuSans-Bold.ttf"_s}) {
        const QString path = dir + u'/' + file;
        if (!QFileInfo(path).isReadable()) {
            *error = u"the font %1 is missing: install Debian's fonts-dejavu-core, or set DIMOS_PDF_FONT_DIR to a "
                     "folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf"_s.arg(path);
            return std::nullopt;
        }
        const int id = QFontDatabase::addApplicationFont(path);
        const QStringList families = id < 0 ? QStringList() : QFontDatabase::applicationFontFamilies(id);
        if (families.isEmpty()) {
            *error = u"the font %1 could not be loaded (is it a TrueType font?)"_s.arg(path);
            return std::nullopt;
        }
        if (family.isEmpty())
            family = families.first();
    }
    return family;
}

// The body: paragraphs separated by a blank line; a single line break stays one.
QString paragraphsHtml(const QString &body, int spacingPx)
{
    static const QRegularExpression blankLine(u"\\n[ \\t]*\\n"_s);
    QString html;
    const QString normalised = QString(body).replace(u"\r\n"_s, u"\n"_s);
    for (const QString &part : normalised.split(blankLine, Qt::SkipEmptyParts)) {
        const QString paragraph = part.trimmed();
        if (paragraph.isEmpty())
            continue;
        html
            += u"<p align=\"justify\" style=\"margin-top:0px; margin-bottom:%1px; line-height:135%;\">"_s.arg(spacingPx)
            + esc(paragraph).replace(u'\n', u"<br>"_s) + u"</p>"_s;
    }
    return html;
}

QString documentHtml(const AnswerContent &c)
{
    // (QTextDocument ignores a margin-top on the block after a table: the table keeps the space.)
    QString html = u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"margin-bottom:%1px;\"><tr>"
                   u"<td width=\"58%\" valign=\"top\" style=\"font-size:9.5pt;\">"
                   u"<b>ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ</b><br><b>"_s.arg(cssPx(12))
        + esc(headingCase(c.municipality)) + u"</b>"_s;
    if (!c.department.isEmpty())
        html += u"<br>"_s + esc(headingCase(c.department));
    html += u"</td><td width=\"42%\" valign=\"top\" align=\"right\" style=\"font-size:9.5pt;\">"_s;
    html += u"Αρ. Πρωτ.: <b>"_s + esc(c.protocolNumber) + u"</b>"_s;
    if (!c.incomingProtocolNumber.isEmpty())
        html += u"<br>Σχετ.: "_s + esc(c.incomingProtocolNumber);
    if (!c.issuedDate.isEmpty())
        html += u"<br>Ημερομηνία: "_s + esc(c.issuedDate);
    html += u"</td></tr></table>"_s;

    html += u"<p align=\"center\" style=\"margin-top:0px; margin-bottom:%1px; font-size:14pt;\"><b>"_s.arg(cssPx(8))
        + esc(c.title) + u"</b></p>"_s;

    if (!c.applicant.isEmpty()) {
        html += u"<table cellspacing=\"0\" cellpadding=\"%1\" style=\"margin-bottom:%2px;\">"_s.arg(cssPx(0.8))
                    .arg(cssPx(6));
        for (const AnswerContent::Row &row : c.applicant)
            html += u"<tr><td style=\"padding-right:%1px;\">"_s.arg(cssPx(4)) + esc(row.label) + u":</td><td><b>"_s
                + esc(row.value) + u"</b></td></tr>"_s;
        html += u"</table>"_s;
    }

    html += paragraphsHtml(c.body, cssPx(3.5));

    if (!c.signedBy.isEmpty())
        html += u"<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\" style=\"margin-top:%1px;\"><tr>"
                u"<td width=\"50%\"></td><td width=\"50%\" align=\"center\">Ο/Η υπάλληλος<br><br><b>"_s.arg(cssPx(8))
            + esc(c.signedBy) + u"</b></td></tr></table>"_s;
    return html;
}

QString footerHtml(const AnswerContent &c, int page, int pages)
{
    return u"<p style=\"margin:0px; font-size:9pt;\">Κωδικός επαλήθευσης: <b>"_s + esc(c.verificationCode)
        + u"</b></p><p style=\"margin-top:%1px; margin-bottom:0px; font-size:8.5pt;\">Επαληθεύστε το έγγραφο στο "_s
              .arg(cssPx(1.5))
        + esc(c.verificationUrl)
        + u"</p><p style=\"margin-top:%1px; margin-bottom:0px; font-size:7.5pt; color:#333333;\">Το έγγραφο "
          u"εκδόθηκε ηλεκτρονικά. Σαρώστε τον κωδικό QR ή γράψτε τον κωδικό επαλήθευσης στη σελίδα αυτή για να "
          u"δείτε ότι είναι γνήσιο και ισχύει· εκεί μπορείτε και να ελέγξετε ότι ένα αρχείο PDF είναι αυτό ακριβώς "
          u"που εκδόθηκε.</p><p align=\"right\" style=\"margin-top:%2px; margin-bottom:0px; font-size:8pt;\">"
          u"Σελίδα %3 από %4</p>"_s.arg(cssPx(1.5))
              .arg(cssPx(2))
              .arg(page)
              .arg(pages);
}

struct QrDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};

// The QR code's modules as filled rectangles (one per run of dark modules in a row, all in one
// path so no renderer draws hairlines between them), on white, with the quiet zone.
bool drawQr(QPainter &painter, const QString &url, const QRectF &square, QString *error)
{
    const QByteArray data = url.toUtf8();
    std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(data.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    if (!code) {
        *error = u"the verification URL (%1 bytes) cannot be put in a QR code"_s.arg(data.size());
        return false;
    }
    const int width = code->width;
    const double module = square.width() / (width + 2 * kQrQuietModules);
    painter.fillRect(square, Qt::white);
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < width; ++y) {
        int x = 0;
        while (x < width) {
            if (!(code->data[y * width + x] & 1)) {
                ++x;
                continue;
            }
            const int start = x;
            while (x < width && (code->data[y * width + x] & 1))
                ++x;
            path.addRect(QRectF(square.left() + (kQrQuietModules + start) * module,
                square.top() + (kQrQuietModules + y) * module, (x - start) * module, module));
        }
    }
    painter.fillPath(path, Qt::black);
    return true;
}

} // namespace

QString fontDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("DIMOS_PDF_FONT_DIR");
    return fromEnvironment.isEmpty() ? u"/usr/share/fonts/truetype/dejavu"_s : fromEnvironment;
}

QString headingCase(const QString &text)
{
    QString decomposed = text.toUpper().normalized(QString::NormalizationForm_D);
    decomposed.remove(QChar(0x0301)); // the acute accent (τόνος); the diaeresis stays (Ϊ)
    return decomposed.normalized(QString::NormalizationForm_C);
}

std::optional<QByteArray> render(const AnswerContent &content, const QString &fontDir, QString *error)
{
    const std::optional<QString> family = loadFonts(fontDir, error);
    if (!family)
        return std::nullopt;
    if (content.verificationUrl.isEmpty() || content.verificationCode.isEmpty()) {
        *error = u"the answer has no verification code or URL"_s;
        return std::nullopt;
    }

    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        // PDF/A-1b: for keeping; all fonts embedded, no transparency, XMP metadata.
        writer.setPdfVersion(QPagedPaintDevice::PdfVersion_A1b);
        writer.setResolution(kDpi);
        writer.setPageLayout(QPageLayout(
            QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));
        writer.setTitle(content.protocolNumber.isEmpty() ? content.title
                                                         : content.title + u" — Αρ. Πρωτ. "_s + content.protocolNumber);
        writer.setCreator(u"Dimos (dimos-pdf)"_s);

        QFont font(*family);
        font.setPointSizeF(10.5);
        font.setStyleStrategy(QFont::NoFontMerging); // every glyph from DejaVu, or visibly missing

        const double contentLeft = px(kMarginLeftMm);
        const double contentTop = px(kMarginTopMm);
        const double contentWidth = px(kPageWidthMm - kMarginLeftMm - kMarginRightMm);
        const double qrTop = px(kPageHeightMm - kQrBottomMm - kQrSizeMm);
        const double contentHeight = qrTop - px(kFooterGapMm) - contentTop;

        QTextDocument doc;
        doc.documentLayout()->setPaintDevice(&writer);
        doc.setDefaultFont(font);
        doc.setDocumentMargin(0);
        doc.setPageSize(QSizeF(contentWidth, contentHeight));
        doc.setHtml(documentHtml(content));
        const int pages = std::max(1, doc.pageCount());

        QPainter painter;
        if (!painter.begin(&writer)) {
            *error = u"the PDF writer could not start"_s;
            return std::nullopt;
        }
        const QRectF qrSquare(px(kQrLeftMm), qrTop, px(kQrSizeMm), px(kQrSizeMm));
        const double footerLeft = qrSquare.right() + px(5);
        const double footerWidth = px(kPageWidthMm - kMarginRightMm) - footerLeft;
        for (int page = 0; page < pages; ++page) {
            if (page > 0)
                writer.newPage();
            painter.save();
            painter.translate(contentLeft, contentTop - page * contentHeight);
            QAbstractTextDocumentLayout::PaintContext context;
            context.clip = QRectF(0, page * contentHeight, contentWidth, contentHeight);
            context.palette.setColor(QPalette::Text, Qt::black);
            painter.setClipRect(context.clip);
            doc.documentLayout()->draw(&painter, context);
            painter.restore();

            painter.setPen(QPen(Qt::black, px(0.2)));
            painter.drawLine(QPointF(contentLeft, qrTop - px(kFooterGapMm / 2)),
                QPointF(contentLeft + contentWidth, qrTop - px(kFooterGapMm / 2)));
            if (!drawQr(painter, content.verificationUrl, qrSquare, error))
                return std::nullopt;

            QTextDocument footer;
            footer.documentLayout()->setPaintDevice(&writer);
            footer.setDefaultFont(font);
            footer.setDocumentMargin(0);
            footer.setTextWidth(footerWidth);
            QTextOption wrap;
            wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere); // a long URL breaks anywhere
            footer.setDefaultTextOption(wrap);
            footer.setHtml(footerHtml(content, page + 1, pages));
            painter.save();
            painter.translate(footerLeft, qrTop + px(2));
            QAbstractTextDocumentLayout::PaintContext footerContext;
            footerContext.palette.setColor(QPalette::Text, Qt::black);
            footer.documentLayout()->draw(&painter, footerContext);
            painter.restore();
        }
        if (!painter.end()) {
            *error = u"the PDF writer failed"_s;
            return std::nullopt;
        }
    }
    return pdf;
}

} // namespace dimos::answerlayout
