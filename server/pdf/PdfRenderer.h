#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "server/core/AnswerRenderer.h"

namespace dimos {

// The server's AnswerRenderer: runs the dimos-pdf program (server/pdf/pdf_main.cpp) per
// document. QPdfWriter needs a QGuiApplication and its font machinery, which dimosd (a
// QCoreApplication whose resident size is measured, docs/PERFORMANCE.md) should not carry for
// something done a few times a day; and a crash or a hang in the layout ends that program,
// not the server.
//
// dimosd writes the AnswerContent as JSON (contentJson) to the program's standard input; the
// program writes the PDF to standard output and exits 0, or writes one "error: MESSAGE" line
// to standard error and exits 2.
class PdfRenderer final : public AnswerRenderer
{
public:
    struct Options
    {
        QString program; // empty: PdfRenderer::program()
        int timeoutMs = 60'000;
        qint64 maxOutputBytes = 32LL * 1024 * 1024; // an answer is some 50 KB; more is a fault
    };

    PdfRenderer() = default;
    explicit PdfRenderer(Options options) : m_options(std::move(options)) { }

    std::optional<QByteArray> render(const AnswerContent &content, QString *error) override;

    // The program: $DIMOS_PDF, else dimos-pdf beside this program, else the one in the build
    // tree this binary came from (tests), else dimos-pdf on the PATH.
    static QString program();

    // AnswerContent as the program reads it, and back (the program's side: a message in
    // *error for anything that is not such a document).
    static QByteArray contentJson(const AnswerContent &content);
    static std::optional<AnswerContent> contentFromJson(const QByteArray &json, QString *error);

private:
    Options m_options;
};

} // namespace dimos
