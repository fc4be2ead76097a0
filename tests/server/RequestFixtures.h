#pragma once

// e-Dimotis fixtures shared by tst_Requests and tst_StaffApi's role matrix: citizens written
// straight into the citizens table (the account service is not needed to test requests), a
// request type, sample documents and an AnswerRenderer that makes a small PDF without
// dimos-pdf.
#include <QBuffer>
#include <QImage>

#include "server/app/AppContext.h"
#include "server/core/AnswerRenderer.h"
#include "server/core/RequestService.h"
#include "server/storage/Database.h"
#include "server/storage/RequestRepository.h"
#include "support/TestServer.h"

namespace dimos::test {

using namespace Qt::StringLiterals;

struct CitizenSpec
{
    QString email;
    bool verified = true;
    bool completeProfile = true;
    QString language = u"el"_s;
};

inline qint64 addCitizen(TestServer &ts, const CitizenSpec &c)
{
    const qint64 now = ts.clock().nowMs();
    QSqlQuery q = ts.ctx().db->run(
        u"INSERT INTO citizens (email, email_verified_ms, language, given_name, surname, father_name, mother_name, "
        "birth_date, afm, amka, address, phone, created_ms, updated_ms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"_s,
        {c.email, c.verified ? QVariant(now) : QVariant(), c.language, c.completeProfile ? u"Μαρία"_s : QString(),
            c.completeProfile ? u"Παπαδοπούλου"_s : QString(), u"Γεώργιος"_s, u"Ελένη"_s, u"1985-03-14"_s,
            c.completeProfile ? u"090000045"_s : QString(), u"14038512345"_s, u"Μεραρχίας 12, 621 23 Σέρρες"_s,
            u"+302321000000"_s, now, now});
    q.next();
    return q.value(0).toLongLong();
}

inline qint64 addCitizen(TestServer &ts, const QString &email)
{
    return addCitizen(ts, CitizenSpec{email});
}

// "residence": a required text field (purpose), an optional list (copies), one required and
// one optional document; handled by `departmentId`.
inline RequestType addRequestType(TestServer &ts, const QString &code, qint64 departmentId)
{
    RequestType t;
    t.code = code;
    t.name = {u"Βεβαίωση μόνιμης κατοικίας"_s, u"Permanent residence attestation"_s};
    t.departmentId = departmentId;
    t.deadlineDays = 5;
    t.answerTitle = {u"ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"_s, u"PERMANENT RESIDENCE ATTESTATION"_s};
    t.answerTemplate = u"Βεβαιώνεται ότι {{applicant.full_name}} του {{applicant.father_name}} κατοικεί μόνιμα στον "
                       "{{municipality}}.\n\nΗ βεβαίωση χορηγείται για: {{fields.purpose}} ({{fields.copies}}).\n\n"
                       "Σχετ.: {{protocol.incoming}} — Αρ. πρωτ.: {{protocol.outgoing}} — {{today}}"_s;
    AttributeDefinition purpose;
    purpose.code = u"purpose"_s;
    purpose.type = AttributeType::String;
    purpose.required = true;
    purpose.description = {u"Πού θα κατατεθεί"_s, u"Where it will be submitted"_s};
    AttributeDefinition copies;
    copies.code = u"copies"_s;
    copies.type = AttributeType::SingleValueList;
    copies.order = 1;
    copies.description = {u"Αντίγραφα"_s, u"Copies"_s};
    copies.values
        = {{u"one"_s, {u"ένα αντίγραφο"_s, u"one copy"_s}}, {u"two"_s, {u"δύο αντίγραφα"_s, u"two copies"_s}}};
    t.fields = {purpose, copies};
    t.documents = {RequestTypeDocument{u"utility_bill"_s, true, 0, {u"Λογαριασμός ΔΕΚΟ"_s, u"Utility bill"_s}, {}},
        RequestTypeDocument{u"other"_s, false, 1, {u"Άλλο"_s, u"Other"_s}, {}}};
    return ts.ctx().requestService->saveType(t, true);
}

inline QByteArray samplePdf(const QByteArray &text = "Utility bill")
{
    return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

inline QByteArray sampleImage(const char *format, QColor colour = Qt::darkGreen)
{
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return out;
}

inline UploadedDocument upload(
    const QString &requirement, const QString &name, const QByteArray &data, const QByteArray &declared = {})
{
    return UploadedDocument{requirement, name, declared, data};
}

// Makes a recognisable PDF from what it is given and remembers it; fails when told to.
class FakeAnswerRenderer final : public AnswerRenderer
{
public:
    std::optional<QByteArray> render(const AnswerContent &content, QString *error) override
    {
        ++calls;
        last = content;
        if (fail) {
            *error = u"dimos-pdf is not installed"_s;
            return std::nullopt;
        }
        return QByteArray("%PDF-1.7\n% " + content.protocolNumber.toUtf8() + " " + content.verificationCode.toUtf8()
            + "\n" + content.body.toUtf8() + "\n%%EOF\n");
    }
    AnswerContent last;
    int calls = 0;
    bool fail = false;
};

} // namespace dimos::test
