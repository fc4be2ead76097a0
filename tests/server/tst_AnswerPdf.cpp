// The answer PDF of an e-Dimotis request: laid out by the dimos-pdf program through PdfRenderer,
// then read back with QtPdf (the text, the fonts, the metadata, and the QR code drawn on the page
// against libqrencode's matrix for the verification URL), and the ways running the program can
// fail.
#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QPdfDocument>
#include <QPdfSelection>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

#include <qrencode.h>

#include "server/pdf/AnswerLayout.h"
#include "server/pdf/PdfRenderer.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

AnswerContent sample()
{
    AnswerContent c;
    c.municipality = u"Δήμος Σερρών"_s;
    c.department = u"Διεύθυνση Διοικητικών Υπηρεσιών — Τμήμα Δημοτολογίου"_s;
    c.title = u"ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"_s;
    c.applicant = {{u"Ονοματεπώνυμο"_s, u"Ελένη Παπαδοπούλου"_s}, {u"Πατρώνυμο"_s, u"Γεώργιος"_s},
        {u"Μητρώνυμο"_s, u"Αικατερίνη"_s}, {u"Ημερομηνία γέννησης"_s, u"12-03-1984"_s}, {u"Α.Φ.Μ."_s, u"090000045"_s},
        {u"Διεύθυνση"_s, u"Μεραρχίας 12, 621 22 Σέρρες"_s}};
    c.body = u"Βεβαιώνεται ότι η Ελένη Παπαδοπούλου του Γεωργίου, κάτοικος Σερρών, διαμένει μόνιμα στη "
             u"διεύθυνση Μεραρχίας 12, 621 22 Σέρρες, όπως προκύπτει από τα στοιχεία του Δήμου.\n\n"
             u"Η βεβαίωση χορηγείται ύστερα από αίτηση της ενδιαφερόμενης για να χρησιμοποιηθεί για την "
             u"εγγραφή τέκνου σε σχολική μονάδα και για κάθε νόμιμη χρήση."_s;
    c.protocolNumber = u"15924/19-05-2021"_s;
    c.incomingProtocolNumber = u"15900/18-05-2021"_s;
    c.issuedDate = u"19-05-2021"_s;
    c.verificationCode = u"7K3M-Q9XD-2HFA"_s;
    c.verificationUrl = u"https://dimos.serres.gr/verify/7K3M-Q9XD-2HFA"_s;
    c.signedBy = u"Μαρία Ιωάννου"_s;
    return c;
}

// A stand-in for dimos-pdf: a shell script that reads its input and then does `behaviour`.
QString script(const QTemporaryDir &dir, const QString &name, const QByteArray &behaviour)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write("#!/bin/sh\ncat > /dev/null\n" + behaviour + "\n");
    f.close();
    f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    return path;
}

struct QrDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};

// libqrencode's matrix for `text` with the parameters AnswerLayout.h documents.
QList<QList<bool>> qrMatrix(const QString &text)
{
    const QByteArray data = text.toUtf8();
    std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString(data.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
    QList<QList<bool>> rows;
    if (!code)
        return rows;
    for (int y = 0; y < code->width; ++y) {
        QList<bool> row;
        for (int x = 0; x < code->width; ++x)
            row.append(code->data[y * code->width + x] & 1);
        rows.append(row);
    }
    return rows;
}

// How many modules of `expected` (with its quiet zone) differ from what the page image shows at
// the modules' centres.
int qrMismatches(const QImage &page, const QList<QList<bool>> &expected)
{
    using namespace answerlayout;
    const int width = int(expected.size());
    const int modules = width + 2 * kQrQuietModules;
    const double moduleMm = kQrSizeMm / modules;
    const double pxPerMm = page.width() / kPageWidthMm;
    const double topMm = kPageHeightMm - kQrBottomMm - kQrSizeMm;
    int mismatches = 0;
    for (int y = 0; y < modules; ++y)
        for (int x = 0; x < modules; ++x) {
            const int mx = x - kQrQuietModules, my = y - kQrQuietModules;
            const bool dark = mx >= 0 && my >= 0 && mx < width && my < width && expected[my][mx];
            const QPoint centre(
                qRound((kQrLeftMm + (x + 0.5) * moduleMm) * pxPerMm), qRound((topMm + (y + 0.5) * moduleMm) * pxPerMm));
            if ((qGray(page.pixel(centre)) < 128) != dark)
                ++mismatches;
        }
    return mismatches;
}

} // namespace

class tst_AnswerPdf : public QObject
{
    Q_OBJECT

private:
    QByteArray render(const AnswerContent &content)
    {
        PdfRenderer renderer;
        QString error;
        const std::optional<QByteArray> pdf = renderer.render(content, &error);
        if (!pdf)
            qWarning("render failed: %s", qPrintable(error));
        return pdf.value_or(QByteArray());
    }

    // Loads `pdf` into `doc` from a buffer, as a viewer would.
    static bool load(QPdfDocument &doc, QBuffer &buffer)
    {
        buffer.open(QIODevice::ReadOnly);
        doc.load(&buffer);
        QElapsedTimer t;
        t.start();
        while (doc.status() == QPdfDocument::Status::Loading && t.elapsed() < 10'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        return doc.status() == QPdfDocument::Status::Ready;
    }

private Q_SLOTS:
    void readsBackWithItsText();
    void fontsAreEmbeddedAndMetadataSet();
    void qrCodeIsTheVerificationUrl();
    void longBodyFlowsOntoMorePages();
    void headingCaseDropsTheAccents();
    void contentJsonRoundTrips();
    void refusesWhatIsNotADocument();
    void missingFontsFailClearly();
    void programFailuresAreErrors();
    void sampleScreenshot();
};

void tst_AnswerPdf::readsBackWithItsText()
{
    const QByteArray pdf = render(sample());
    QVERIFY(pdf.startsWith("%PDF-"));
    QBuffer buffer;
    buffer.setData(pdf);
    QPdfDocument doc;
    QVERIFY(load(doc, buffer));
    QCOMPARE(doc.pageCount(), 1);
    const QString text = doc.getAllText(0).text();
    for (const QString &expected :
        {u"ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ"_s, u"ΔΗΜΟΣ ΣΕΡΡΩΝ"_s, u"Αρ. Πρωτ.: 15924/19-05-2021"_s, u"Σχετ.: 15900/18-05-2021"_s,
            u"ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"_s, u"Ελένη Παπαδοπούλου"_s, u"Μεραρχίας 12, 621 22 Σέρρες"_s,
            u"7K3M-Q9XD-2HFA"_s, u"Μαρία Ιωάννου"_s, u"Σελίδα 1 από 1"_s, u"κάθε νόμιμη χρήση"_s})
        QVERIFY2(text.contains(expected), qPrintable(u"missing \"%1\" in:\n%2"_s.arg(expected, text)));
    // The URL may be broken over two lines beside the QR code; its characters are all there.
    QVERIFY2(QString(text).remove(QRegularExpression(u"\\s"_s)).contains(sample().verificationUrl), qPrintable(text));
}

void tst_AnswerPdf::fontsAreEmbeddedAndMetadataSet()
{
    const QByteArray pdf = render(sample());
    // TrueType font programs embedded (subsets of DejaVu Sans and its bold), no base-14 font
    // left for the viewer to substitute.
    QVERIFY(pdf.count("/FontFile2") >= 2);
    QVERIFY(pdf.contains("/BaseFont /DejaVuSans"));
    QVERIFY(pdf.contains("/BaseFont /DejaVuSans-Bold"));
    QVERIFY(!pdf.contains("/Helvetica"));
    QVERIFY(!pdf.contains("/Times"));
    // PDF/A-1b, for keeping: the identification in the XMP metadata and the sRGB output intent.
    QVERIFY(pdf.contains("pdfaid:part=\"1\""));
    QVERIFY(pdf.contains("pdfaid:conformance=\"B\""));
    QVERIFY(pdf.contains("/OutputIntents"));
    QBuffer buffer;
    buffer.setData(pdf);
    QPdfDocument doc;
    QVERIFY(load(doc, buffer));
    const QString title = doc.metaData(QPdfDocument::MetaDataField::Title).toString();
    QVERIFY2(
        title.contains(u"ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"_s) && title.contains(u"15924/19-05-2021"_s), qPrintable(title));
    QVERIFY(doc.metaData(QPdfDocument::MetaDataField::Creator).toString().contains(u"dimos-pdf"_s));
    const QSizeF size = doc.pagePointSize(0); // A4 in points
    QVERIFY2(qAbs(size.width() - 595.3) < 1 && qAbs(size.height() - 841.9) < 1,
        qPrintable(u"%1×%2"_s.arg(size.width()).arg(size.height())));
}

void tst_AnswerPdf::qrCodeIsTheVerificationUrl()
{
    const AnswerContent content = sample();
    const QByteArray pdf = render(content);
    QBuffer buffer;
    buffer.setData(pdf);
    QPdfDocument doc;
    QVERIFY(load(doc, buffer));
    const QSizeF points = doc.pagePointSize(0);
    const QImage page = doc.render(0, (points * answerlayout::kDpi / 72.0).toSize());
    QVERIFY(!page.isNull());

    const QList<QList<bool>> expected = qrMatrix(content.verificationUrl);
    QVERIFY(expected.size() >= 21);
    QCOMPARE(qrMismatches(page, expected), 0);
    // The check can tell codes apart: another document's code does not match the drawing.
    const QList<QList<bool>> other = qrMatrix(u"https://dimos.serres.gr/verify/7K3M-Q9XD-2HFB"_s);
    QCOMPARE(other.size(), expected.size());
    QVERIFY(qrMismatches(page, other) > 20);
}

void tst_AnswerPdf::longBodyFlowsOntoMorePages()
{
    AnswerContent content = sample();
    QStringList paragraphs;
    for (int i = 1; i <= 40; ++i)
        paragraphs.append(
            u"Παράγραφος %1: η ενδιαφερόμενη δικαιούται να εγγραφεί στο πρόγραμμα «Βοήθεια στο "
            u"Σπίτι» εφόσον πληροί τις προϋποθέσεις της σχετικής απόφασης του Δημοτικού Συμβουλίου."_s.arg(i));
    content.body = paragraphs.join(u"\n\n"_s);
    const QByteArray pdf = render(content);
    QBuffer buffer;
    buffer.setData(pdf);
    QPdfDocument doc;
    QVERIFY(load(doc, buffer));
    const int pages = doc.pageCount();
    QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    QString all;
    for (int p = 0; p < pages; ++p) {
        const QString text = doc.getAllText(p).text();
        // Every page carries the code and its number.
        QVERIFY2(text.contains(content.verificationCode), qPrintable(text));
        QVERIFY2(text.contains(u"Σελίδα %1 από %2"_s.arg(p + 1).arg(pages)), qPrintable(text));
        all += text;
    }
    // No paragraph lost at a page break.
    for (int i = 1; i <= 40; ++i)
        QVERIFY2(all.contains(u"Παράγραφος %1:"_s.arg(i)), qPrintable(QString::number(i)));
    QVERIFY(all.contains(u"Μαρία Ιωάννου"_s));
}

void tst_AnswerPdf::headingCaseDropsTheAccents()
{
    QCOMPARE(answerlayout::headingCase(u"Δήμος Σερρών"_s), u"ΔΗΜΟΣ ΣΕΡΡΩΝ"_s);
    QCOMPARE(answerlayout::headingCase(u"Τμήμα Κοινωνικής Πολιτικής"_s), u"ΤΜΗΜΑ ΚΟΙΝΩΝΙΚΗΣ ΠΟΛΙΤΙΚΗΣ"_s);
    QCOMPARE(answerlayout::headingCase(u"Προϊστάμενος"_s), u"ΠΡΟΪΣΤΑΜΕΝΟΣ"_s); // the diaeresis stays
}

void tst_AnswerPdf::contentJsonRoundTrips()
{
    const AnswerContent c = sample();
    QString error;
    const std::optional<AnswerContent> back = PdfRenderer::contentFromJson(PdfRenderer::contentJson(c), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->municipality, c.municipality);
    QCOMPARE(back->department, c.department);
    QCOMPARE(back->title, c.title);
    QCOMPARE(back->body, c.body);
    QCOMPARE(back->protocolNumber, c.protocolNumber);
    QCOMPARE(back->incomingProtocolNumber, c.incomingProtocolNumber);
    QCOMPARE(back->issuedDate, c.issuedDate);
    QCOMPARE(back->verificationCode, c.verificationCode);
    QCOMPARE(back->verificationUrl, c.verificationUrl);
    QCOMPARE(back->signedBy, c.signedBy);
    QCOMPARE(back->applicant.size(), c.applicant.size());
    QCOMPARE(back->applicant.at(0).value, u"Ελένη Παπαδοπούλου"_s);
}

void tst_AnswerPdf::refusesWhatIsNotADocument()
{
    QString error;
    QVERIFY(!PdfRenderer::contentFromJson("[1, 2]", &error));
    QVERIFY2(error.contains(u"object"_s), qPrintable(error));
    QVERIFY(!PdfRenderer::contentFromJson("{\"title\": ", &error));
    QVERIFY2(error.contains(u"not JSON"_s), qPrintable(error));
    QVERIFY(
        !PdfRenderer::contentFromJson(R"({"title": 7, "verification_code": "A", "verification_url": "u"})", &error));
    QVERIFY2(error.contains(u"title must be text"_s), qPrintable(error));
    QVERIFY(!PdfRenderer::contentFromJson(
        R"({"applicant": [{"label": "x"}], "verification_code": "A", "verification_url": "u"})", &error));
    QVERIFY2(error.contains(u"applicant"_s), qPrintable(error));

    // Through the program: the message comes back whole.
    AnswerContent content = sample();
    content.verificationUrl.clear();
    PdfRenderer renderer;
    QVERIFY(!renderer.render(content, &error));
    QVERIFY2(error.contains(u"verification_code and verification_url are required"_s), qPrintable(error));
}

void tst_AnswerPdf::missingFontsFailClearly()
{
    QTemporaryDir empty;
    qputenv("DIMOS_PDF_FONT_DIR", empty.path().toLocal8Bit());
    PdfRenderer renderer;
    QString error;
    const auto pdf = renderer.render(sample(), &error);
    qunsetenv("DIMOS_PDF_FONT_DIR");
    QVERIFY(!pdf);
    QVERIFY2(
        error.contains(u"DejaVuSans.ttf is missing"_s) && error.contains(u"fonts-dejavu-core"_s), qPrintable(error));
}

void tst_AnswerPdf::programFailuresAreErrors()
{
    QTemporaryDir dir;
    QString error;
    {
        PdfRenderer renderer({script(dir, u"crash.sh"_s, "kill -SEGV $$"), 10'000});
        QVERIFY(!renderer.render(sample(), &error));
        QVERIFY2(error.contains(u"crashed"_s), qPrintable(error));
    }
    {
        PdfRenderer renderer({script(dir, u"abort.sh"_s, "kill -ABRT $$"), 10'000});
        QVERIFY(!renderer.render(sample(), &error));
        QVERIFY2(error.contains(u"crashed"_s), qPrintable(error));
    }
    {
        QElapsedTimer t;
        t.start();
        PdfRenderer renderer({script(dir, u"hang.sh"_s, "exec sleep 30"), 500});
        QVERIFY(!renderer.render(sample(), &error));
        QVERIFY2(error.contains(u"took longer than 0.5 seconds"_s), qPrintable(error));
        QVERIFY(t.elapsed() < 10'000);
    }
    {
        PdfRenderer renderer(
            {script(dir, u"flood.sh"_s, "printf '%%PDF-1.4\\n'; exec head -c 8000000 /dev/zero"), 10'000, 1024 * 1024});
        QVERIFY(!renderer.render(sample(), &error));
        QVERIFY2(error.contains(u"more than 1 MiB"_s), qPrintable(error));
    }
    {
        PdfRenderer renderer({script(dir, u"fail.sh"_s, "echo 'error: the printer is on fire' >&2; exit 2"), 10'000});
        QVERIFY(!renderer.render(sample(), &error));
        QCOMPARE(error, u"the PDF program failed: the printer is on fire"_s);
    }
    {
        PdfRenderer renderer({script(dir, u"text.sh"_s, "echo hello"), 10'000});
        QVERIFY(!renderer.render(sample(), &error));
        QVERIFY2(error.contains(u"not a PDF"_s), qPrintable(error));
    }
    {
        PdfRenderer renderer({dir.filePath(u"no-such-program"_s), 10'000});
        QVERIFY(!renderer.render(sample(), &error));
        QVERIFY2(error.contains(u"cannot start"_s), qPrintable(error));
    }
}

// With DIMOS_SCREENSHOT_DIR set (tests/e2e/screenshots.sh), writes the sample's first page as
// answer-pdf.png there; otherwise checks only that the page renders.
void tst_AnswerPdf::sampleScreenshot()
{
    const QByteArray pdf = render(sample());
    QBuffer buffer;
    buffer.setData(pdf);
    QPdfDocument doc;
    QVERIFY(load(doc, buffer));
    const QImage page = doc.render(0, (doc.pagePointSize(0) * 150 / 72.0).toSize());
    QVERIFY(!page.isNull());
    const QString dir = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QImage opaque = page.convertToFormat(QImage::Format_RGB32);
        opaque.fill(Qt::white);
        QPainter painter(&opaque);
        painter.drawImage(0, 0, page);
        painter.end();
        QVERIFY(opaque.save(QDir(dir).filePath(u"answer-pdf.png"_s)));
    }
}

QTEST_MAIN(tst_AnswerPdf)
#include "tst_AnswerPdf.moc"
