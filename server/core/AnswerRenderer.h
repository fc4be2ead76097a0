#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace dimos {

// What an issued document (the answer to a certificate or programme request) prints. Built
// by core/RequestService from the request, its type's template and the outgoing protocol
// entry; laid out by an AnswerRenderer. docs/EDIMOTIS.md.
struct AnswerContent
{
    struct Row
    {
        QString label;
        QString value;
    };

    QString municipality; // Greek, e.g. "Δήμος Σερρών"
    QString department; // the issuing department, Greek
    QString title; // the document's heading, e.g. "ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"
    QList<Row> applicant; // printed as a table under the heading (label: value)
    QString body; // the rendered template text; paragraphs separated by a blank line
    QString protocolNumber; // outgoing, as printed: "15924/19-05-2021"
    QString incomingProtocolNumber; // the request's, printed as "Σχετ.": "15900/18-05-2021"
    QString issuedDate; // DD-MM-YYYY, Greek time
    QString verificationCode; // XXXX-XXXX-XXXX
    QString verificationUrl; // <base>/verify/<code>, also the QR code's content
    QString signedBy; // the issuing clerk's display name
};

// Turns AnswerContent into PDF bytes with its fonts embedded. The server's implementation
// is pdf/PdfRenderer (runs the dimos-pdf program); tests may use another.
class AnswerRenderer
{
public:
    virtual ~AnswerRenderer() = default;
    // The PDF, or nullopt with *error saying what failed.
    virtual std::optional<QByteArray> render(const AnswerContent &content, QString *error) = 0;
};

} // namespace dimos
