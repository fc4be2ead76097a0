// dimos-pdf: lays out one answer of an e-Dimotis request as a PDF for dimosd (see
// server/pdf/PdfRenderer.h). Standard input: the AnswerContent as JSON. Standard output: the PDF.
// On failure one "error: MESSAGE" line on standard error and exit code 2.
#include <QFile>
#include <QGuiApplication>

#include <cstdio>

#include "server/pdf/AnswerLayout.h"
#include "server/pdf/PdfRenderer.h"

int main(int argc, char *argv[])
{
    // No display, whoever runs it: QPdfWriter needs a QGuiApplication, not a screen. Set here,
    // before the application reads it, rather than trusting the caller's environment.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QFile in, out;
    if (!in.open(stdin, QIODevice::ReadOnly) || !out.open(stdout, QIODevice::WriteOnly)) {
        std::fputs("error: cannot open standard input and output\n", stderr);
        return 2;
    }
    QString error;
    const std::optional<dimos::AnswerContent> content = dimos::PdfRenderer::contentFromJson(in.readAll(), &error);
    if (!content) {
        std::fprintf(stderr, "error: %s\n", error.toUtf8().constData());
        return 2;
    }
    const std::optional<QByteArray> pdf
        = dimos::answerlayout::render(*content, dimos::answerlayout::fontDirectory(), &error);
    if (!pdf) {
        std::fprintf(stderr, "error: %s\n", error.simplified().toUtf8().constData());
        return 2;
    }
    if (out.write(*pdf) != pdf->size() || !out.flush()) {
        std::fputs("error: cannot write the PDF to standard output\n", stderr);
        return 2;
    }
    return 0;
}
