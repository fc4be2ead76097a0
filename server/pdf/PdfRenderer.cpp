#include "PdfRenderer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qsizetype kMaxContentJson = 1024 * 1024; // a document of several pages is some 20 KB
constexpr qsizetype kMaxDiagnostics = 16 * 1024;

// The text fields, by their JSON names.
struct TextField
{
    QString AnswerContent::*member;
    const char16_t *name;
};
constexpr TextField kTextFields[] = {
    {&AnswerContent::municipality, u"municipality"},
    {&AnswerContent::department, u"department"},
    {&AnswerContent::title, u"title"},
    {&AnswerContent::body, u"body"},
    {&AnswerContent::protocolNumber, u"protocol_number"},
    {&AnswerContent::incomingProtocolNumber, u"incoming_protocol_number"},
    {&AnswerContent::issuedDate, u"issued_date"},
    {&AnswerContent::verificationCode, u"verification_code"},
    {&AnswerContent::verificationUrl, u"verification_url"},
    {&AnswerContent::signedBy, u"signed_by"},
};

} // namespace

QByteArray PdfRenderer::contentJson(const AnswerContent &content)
{
    QJsonObject o;
    for (const TextField &f : kTextFields)
        o.insert(QString::fromUtf16(f.name), content.*f.member);
    QJsonArray rows;
    for (const AnswerContent::Row &row : content.applicant)
        rows.append(QJsonObject{{u"label"_s, row.label}, {u"value"_s, row.value}});
    o.insert(u"applicant"_s, rows);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<AnswerContent> PdfRenderer::contentFromJson(const QByteArray &json, QString *error)
{
    if (json.size() > kMaxContentJson) {
        *error = u"the document is larger than %1 KB of JSON"_s.arg(kMaxContentJson / 1024);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = parseError.error != QJsonParseError::NoError
            ? u"the document is not JSON: %1 at byte %2"_s.arg(parseError.errorString()).arg(parseError.offset)
            : u"the document must be a JSON object"_s;
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    AnswerContent content;
    for (const TextField &f : kTextFields) {
        const QJsonValue v = o.value(QString::fromUtf16(f.name));
        if (!v.isUndefined() && !v.isString()) {
            *error = u"%1 must be text"_s.arg(QString::fromUtf16(f.name));
            return std::nullopt;
        }
        content.*f.member = v.toString();
    }
    const QJsonValue rows = o.value(u"applicant"_s);
    if (!rows.isUndefined() && !rows.isArray()) {
        *error = u"applicant must be a list of {label, value}"_s;
        return std::nullopt;
    }
    for (const QJsonValue &row : rows.toArray()) {
        const QJsonObject r = row.toObject();
        if (!row.isObject() || !r.value(u"label"_s).isString() || !r.value(u"value"_s).isString()) {
            *error = u"applicant must be a list of {label, value}"_s;
            return std::nullopt;
        }
        content.applicant.append({r.value(u"label"_s).toString(), r.value(u"value"_s).toString()});
    }
    if (content.verificationUrl.isEmpty() || content.verificationCode.isEmpty()) {
        *error = u"verification_code and verification_url are required: the document's QR code needs them"_s;
        return std::nullopt;
    }
    return content;
}

QString PdfRenderer::program()
{
    const QString fromEnvironment = qEnvironmentVariable("DIMOS_PDF");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    const QString beside = QCoreApplication::applicationDirPath() + u"/dimos-pdf"_s;
    if (QFileInfo(beside).isExecutable())
        return beside;
#ifdef DIMOS_PDF_BUILD_PATH
    const QString built = QStringLiteral(DIMOS_PDF_BUILD_PATH);
    if (QFileInfo(built).isExecutable())
        return built;
#endif
    return u"dimos-pdf"_s;
}

std::optional<QByteArray> PdfRenderer::render(const AnswerContent &content, QString *error)
{
    const QString path = m_options.program.isEmpty() ? program() : m_options.program;
    QProcess child;
    child.start(path, {});
    if (!child.waitForStarted(30'000)) {
        *error
            = u"cannot start the PDF program %1 (%2): install dimos-pdf beside dimosd"_s.arg(path, child.errorString());
        return std::nullopt;
    }
    child.write(contentJson(content));
    child.closeWriteChannel();

    QByteArray output;
    QByteArray diagnostics;
    QElapsedTimer clock;
    clock.start();
    while (child.state() != QProcess::NotRunning) {
        if (clock.elapsed() > m_options.timeoutMs) {
            child.kill();
            child.waitForFinished(5000);
            *error = u"the PDF program took longer than %1 seconds and was stopped"_s.arg(m_options.timeoutMs / 1000.0);
            return std::nullopt;
        }
        child.waitForReadyRead(100);
        output += child.readAllStandardOutput();
        diagnostics += child.readAllStandardError();
        diagnostics.truncate(kMaxDiagnostics);
        if (output.size() > m_options.maxOutputBytes) {
            child.kill();
            child.waitForFinished(5000);
            *error = u"the PDF program wrote more than %1 MiB and was stopped"_s.arg(
                m_options.maxOutputBytes / (1024 * 1024));
            return std::nullopt;
        }
    }
    output += child.readAllStandardOutput();
    diagnostics += child.readAllStandardError();
    if (child.exitStatus() != QProcess::NormalExit) {
        *error = u"the PDF program %1 crashed while laying out the document"_s.arg(path);
        return std::nullopt;
    }
    if (child.exitCode() != 0) {
        QString failure;
        for (const QByteArray &line : diagnostics.split('\n'))
            if (line.startsWith("error: "))
                failure = QString::fromUtf8(line.mid(7)).trimmed();
        *error = failure.isEmpty() ? u"the PDF program failed (exit code %1)"_s.arg(child.exitCode())
                                   : u"the PDF program failed: %1"_s.arg(failure);
        return std::nullopt;
    }
    if (output.size() > m_options.maxOutputBytes) {
        *error = u"the PDF program wrote more than %1 MiB"_s.arg(m_options.maxOutputBytes / (1024 * 1024));
        return std::nullopt;
    }
    if (!output.startsWith("%PDF-")) {
        *error = u"the PDF program wrote something that is not a PDF (%1 bytes)"_s.arg(output.size());
        return std::nullopt;
    }
    return output;
}

} // namespace dimos
