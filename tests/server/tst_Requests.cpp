// e-Dimotis requests (docs/EDIMOTIS.md) through core/RequestService and the staff API over
// real sockets: submission with its protocol entry, documents and receipt mail; documents
// refused with nothing written; ask → documents added → a related protocol entry; the answer
// issued with an outgoing number, stored and served with an audit row; rejection; stale
// versions; departments; citizens kept to their own requests; the audit log; request types;
// live events for the department's staff only.
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>
#include <QWebSocket>

#include "RequestFixtures.h"
#include "server/core/AuthService.h"
#include "server/http/ApiError.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ProtocolRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

constexpr qint64 kT0 = 1'790'000'000'000; // 2026-09-21, Greek time
constexpr int kWaitMs = 5000;

QByteArray describe(const Reply &r)
{
    return QByteArray("HTTP " + QByteArray::number(r.status) + ": " + r.body.left(600));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

class World
{
public:
    explicit World(const QStringList &overrides = {}) : ts(overrides) { ts.clock().setMs(kT0); }

    bool setUp(QString *error)
    {
        if (!ts.start(error))
            return false;
        registry = ts.addDepartment(u"registry"_s);
        revenue = ts.addDepartment(u"revenue"_s);
        clerk = ts.addUser(u"clerk-registry"_s, Role::Clerk, {registry});
        otherClerk = ts.addUser(u"clerk-revenue"_s, Role::Clerk, {revenue});
        manager = ts.addUser(u"manager"_s, Role::Manager, {revenue});
        admin = ts.addUser(u"admin"_s, Role::Admin, {});
        addRequestType(ts, u"residence"_s, registry);
        maria = addCitizen(ts, u"maria@example.org"_s);
        nikos = addCitizen(ts, CitizenSpec{u"nikos@example.org"_s, true, true, u"en"_s});
        ts.ctx().answerRenderer = &renderer;
        return true;
    }

    RequestService &service() { return *ts.ctx().requestService; }
    CitizenRequest stored(qint64 id) { return *ts.ctx().requests->find(id); }

    CitizenRequest submit(qint64 citizen = 0, const QString &language = u"el"_s)
    {
        return service().submit(citizen ? citizen : maria, u"residence"_s,
            {{u"purpose"_s, {u"ΔΟΥ Σερρών"_s}}, {u"copies"_s, {u"two"_s}}},
            {upload(u"utility_bill"_s, u"ΔΕΗ Μαΐου.pdf"_s, samplePdf(), "application/pdf"),
                upload(u"other"_s, u"ταυτότητα.jpg"_s, sampleImage("JPEG"), "image/jpeg")},
            language);
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q = ts.ctx().db->run(sql);
        q.next();
        return q.value(0).toLongLong();
    }
    qint64 protocolNumbersUsed() { return scalar(u"SELECT COALESCE(SUM(last_number), 0) FROM protocol_counters"_s); }
    qint64 requestCount() { return scalar(u"SELECT COUNT(*) FROM requests"_s); }
    qint64 mailCount() { return scalar(u"SELECT COUNT(*) FROM mail_outbox"_s); }
    int storedFiles()
    {
        int n = 0;
        QDirIterator it(ts.dataDir() + u"/documents"_s, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    }

    struct Mail
    {
        QString to, subject, text;
    };
    Mail lastMail()
    {
        QSqlQuery q
            = ts.ctx().db->run(u"SELECT recipient, subject, text_body FROM mail_outbox ORDER BY id DESC LIMIT 1"_s);
        if (!q.next())
            return {};
        return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
    }

    Reply act(const StaffUser &who, qint64 id, const QString &action, const QJsonObject &body)
    {
        return ts.postJson(u"/api/v1/requests/%1/%2"_s.arg(id).arg(action), body, ts.login(who.username));
    }

    TestServer ts;
    FakeAnswerRenderer renderer;
    qint64 registry = 0, revenue = 0;
    StaffUser clerk, otherClerk, manager, admin;
    qint64 maria = 0, nikos = 0;
};

#define START_WORLD(w)                                                                                                 \
    do {                                                                                                               \
        QString startError;                                                                                            \
        QVERIFY2((w).setUp(&startError), qPrintable(startError));                                                      \
    } while (false)

// Runs `f`, which must throw ApiError of `kind`; returns its message.
template <typename F> QString refusal(F &&f, ApiError::Kind kind)
{
    try {
        f();
    } catch (const ApiError &e) {
        if (e.kind != kind)
            return u"WRONG KIND %1: %2"_s.arg(kindName(e.kind), e.message);
        return e.message;
    }
    return u"NOT REFUSED"_s;
}

} // namespace

class tst_Requests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void submitRegistersProtocolEntryDocumentsAndMail();
    void refusedSubmissionWritesNothing_data();
    void refusedSubmissionWritesNothing();
    void programmeWindow();
    void askThenDocumentsAddedMakesARelatedEntry();
    void issueMakesOutgoingEntryPdfAndAuditedDownload();
    void renderFailureChangesNothing();
    void rejectRegistersOutgoingEntryWithReason();
    void staleVersionGets409();
    void otherDepartmentsClerkIsRefused();
    void citizenReachesOnlyTheirOwnRequests();
    void withdraw();
    void auditLogIsForAdmins();
    void requestTypesAreValidated();
    void liveEventsReachTheDepartmentsStaffOnly();
};

void tst_Requests::submitRegistersProtocolEntryDocumentsAndMail()
{
    World w;
    START_WORLD(w);
    const qint64 numbersBefore = w.protocolNumbersUsed();
    const CitizenRequest r = w.submit();
    QCOMPARE(r.status, u"submitted"_s);
    QCOMPARE(r.departmentId, w.registry);
    QCOMPARE(r.dueMs, kT0 + 5 * 24 * 3600'000LL);
    QCOMPARE(r.applicant.value(u"afm"_s).toString(), u"090000045"_s);
    QCOMPARE(w.protocolNumbersUsed(), numbersBefore + 1);

    const ProtocolEntry entry = *w.ts.ctx().protocol->find(r.protocolEntryId);
    QCOMPARE(entry.bookCode, u"general"_s);
    QCOMPARE(entry.direction, u"in"_s);
    QCOMPARE(entry.correspondent, u"Μαρία Παπαδοπούλου"_s);
    QCOMPARE(entry.subject, u"Βεβαίωση μόνιμης κατοικίας"_s);
    QCOMPARE(entry.registeredBy, u"web"_s);
    QCOMPARE(entry.departmentId, std::optional<qint64>(w.registry));
    QCOMPARE(entry.attachments.size(), 2);
    QCOMPARE(entry.attachments[0].mediaType, u"application/pdf"_s);
    QCOMPARE(entry.attachments[1].mediaType, u"image/jpeg"_s);

    const QList<RequestDocument> docs = w.ts.ctx().requests->documents(r.id);
    QCOMPARE(docs.size(), 2);
    QCOMPARE(docs[0].requirementCode, u"utility_bill"_s);
    QCOMPARE(docs[0].sha256, entry.attachments[0].sha256);
    QCOMPARE(docs[0].protocolEntryId, entry.id);
    // Stored content-addressed under <data>/documents, never under the public media folder.
    const QString path = w.ts.ctx().documents->pathFor(docs[0].sha256);
    QVERIFY2(path.startsWith(w.ts.dataDir() + u"/documents/"_s + docs[0].sha256.left(2) + u'/'), qPrintable(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), samplePdf());

    const auto values = w.ts.ctx().requests->values(r.id);
    QCOMPARE(values.size(), 2);
    const auto history = w.ts.ctx().requests->history(r.id, false);
    QCOMPARE(history.size(), 1);
    QCOMPARE(history[0].kind, u"submitted"_s);
    QCOMPARE(history[0].text, entry.displayNumber());

    // The receipt, in the citizen's language, with the protocol number.
    const World::Mail mail = w.lastMail();
    QCOMPARE(mail.to, u"maria@example.org"_s);
    QVERIFY2(mail.subject.contains(entry.displayNumber()), qPrintable(mail.subject));
    QVERIFY2(mail.subject.contains(u"πρωτοκολλήθηκε"_s), qPrintable(mail.subject));
    QVERIFY2(mail.text.contains(u"http://dimos.test/requests/%1"_s.arg(r.id)), qPrintable(mail.text));
    const CitizenRequest english = w.submit(w.nikos, u"en"_s);
    QVERIFY2(w.lastMail().subject.startsWith(u"Your request was registered"_s), qPrintable(w.lastMail().subject));
    QCOMPARE(w.lastMail().to, u"nikos@example.org"_s);

    // The event log holds request.created; the staff API shows the protocol number.
    QCOMPARE(w.scalar(u"SELECT COUNT(*) FROM events WHERE type = 'request.created' AND entity = 'request'"_s), 2);
    const Reply one = w.ts.get(u"/api/v1/requests/%1"_s.arg(r.id), w.ts.login(w.clerk.username));
    QVERIFY2(one.status == 200, describe(one));
    const QJsonObject json = one.object().value(u"request"_s).toObject();
    QCOMPARE(json.value(u"protocol"_s).toObject().value(u"display"_s).toString(), entry.displayNumber());
    QCOMPARE(json.value(u"protocol"_s).toObject().value(u"number"_s).toInteger(), entry.number);
    QCOMPARE(json.value(u"type_name_en"_s).toString(), u"Permanent residence attestation"_s);
    QCOMPARE(json.value(u"applicant"_s).toObject().value(u"surname"_s).toString(), u"Παπαδοπούλου"_s);
    QCOMPARE(json.value(u"values"_s).toObject().value(u"purpose"_s).toString(), u"ΔΟΥ Σερρών"_s);
    QCOMPARE(json.value(u"documents"_s).toArray().size(), 2);
    QCOMPARE(json.value(u"documents"_s).toArray()[0].toObject().value(u"protocol_display"_s).toString(),
        entry.displayNumber());
    QCOMPARE(json.value(u"answer_protocol"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(json.value(u"issued"_s), QJsonValue(QJsonValue::Null));
    // The queue: both requests, list items without the applicant's record.
    const Reply queue = w.ts.get(u"/api/v1/requests?open=1"_s, w.ts.login(w.clerk.username));
    QVERIFY2(queue.status == 200, describe(queue));
    const QJsonArray items = queue.object().value(u"requests"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value(u"applicant_name"_s).toString(), u"Μαρία Παπαδοπούλου"_s);
    QVERIFY(!items[0].toObject().contains(u"applicant"_s));
    QVERIFY(!items[0].toObject().contains(u"documents"_s));
    Q_UNUSED(english);
}

void tst_Requests::refusedSubmissionWritesNothing_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message"); // a piece of the message
    const int validation = int(ApiError::Kind::Validation);
    QTest::newRow("declared type contradicts the content") << u"declared"_s << validation << u"bill.pdf"_s;
    QTest::newRow("a JPEG with a PDF appended (polyglot)") << u"polyglot"_s << validation << u"photo.jpg"_s;
    QTest::newRow("a PDF with a ZIP inside (polyglot)") << u"zip"_s << validation << u"bill.pdf"_s;
    QTest::newRow("a PDF without its end") << u"truncated"_s << validation << u"%%EOF"_s;
    QTest::newRow("a text file named .pdf") << u"text"_s << validation << u"not a PDF, JPEG or PNG"_s;
    QTest::newRow("over the size limit") << u"large"_s << validation << u"at most 1 MiB"_s;
    QTest::newRow("an image bomb") << u"bomb"_s << validation << u"bomb.png"_s;
    QTest::newRow("too many documents") << u"many"_s << validation << u"at most 3"_s;
    QTest::newRow("required document missing") << u"nodoc"_s << validation << u"utility_bill"_s;
    QTest::newRow("required field missing") << u"nofield"_s << validation << u"purpose"_s;
    QTest::newRow("a value not in the list") << u"badlist"_s << validation << u"copies"_s;
    QTest::newRow("e-mail not verified") << u"unverified"_s << validation << u"confirm your e-mail"_s;
    QTest::newRow("profile without ΑΦΜ") << u"profile"_s << validation << u"complete your profile"_s;
    QTest::newRow("unknown type") << u"type"_s << int(ApiError::Kind::NotFound) << u"no request type"_s;
}

void tst_Requests::refusedSubmissionWritesNothing()
{
    QFETCH(QString, problem);
    QFETCH(int, kind);
    QFETCH(QString, message);
    World w({u"requests/max_document_mib=1"_s, u"requests/max_documents=3"_s});
    START_WORLD(w);
    QList<std::pair<QString, QStringList>> values{{u"purpose"_s, {u"ΔΟΥ"_s}}};
    QList<UploadedDocument> docs{upload(u"utility_bill"_s, u"bill.pdf"_s, samplePdf())};
    qint64 citizen = w.maria;
    QString type = u"residence"_s;
    if (problem == u"declared")
        docs[0].declaredType = "image/png";
    else if (problem == u"polyglot")
        docs.append(upload(u"other"_s, u"photo.jpg"_s, sampleImage("JPEG") + samplePdf()));
    else if (problem == u"zip")
        docs[0].data = samplePdf() + "PK\x05\x06" + QByteArray(18, '\0') + "%%EOF\n";
    else if (problem == u"truncated")
        docs[0].data = samplePdf().left(40);
    else if (problem == u"text")
        docs[0].data = "Just a note, not a document\n";
    else if (problem == u"large")
        docs[0].data = samplePdf(QByteArray(1024 * 1024, 'x'));
    else if (problem == u"bomb") {
        // A PNG whose header claims 30000 × 30000 pixels.
        QByteArray png = sampleImage("PNG");
        const QByteArray huge = QByteArray::fromHex("00007530");
        png.replace(16, 4, huge);
        png.replace(20, 4, huge);
        docs.append(upload(u"other"_s, u"bomb.png"_s, png));
    } else if (problem == u"many")
        for (int i = 0; i < 3; ++i)
            docs.append(upload(u"other"_s, u"extra-%1.pdf"_s.arg(i), samplePdf()));
    else if (problem == u"nodoc")
        docs[0].requirementCode = u"other"_s;
    else if (problem == u"nofield")
        values.clear();
    else if (problem == u"badlist")
        values.append({u"copies"_s, {u"seven"_s}});
    else if (problem == u"unverified")
        citizen = addCitizen(w.ts, CitizenSpec{u"new@example.org"_s, false});
    else if (problem == u"profile")
        citizen = addCitizen(w.ts, CitizenSpec{u"empty@example.org"_s, true, false});
    else if (problem == u"type")
        type = u"passport"_s;

    const qint64 numbers = w.protocolNumbersUsed();
    const qint64 entries = w.scalar(u"SELECT COUNT(*) FROM protocol_entries"_s);
    const qint64 mails = w.mailCount();
    const QString why
        = refusal([&] { w.service().submit(citizen, type, values, docs, u"el"_s); }, ApiError::Kind(kind));
    QVERIFY2(why.contains(message), qPrintable(why));
    QVERIFY2(!why.startsWith(u"WRONG KIND"_s) && why != u"NOT REFUSED", qPrintable(why));
    // Nothing written: no request, no protocol number used, no mail, no event.
    QCOMPARE(w.requestCount(), 0);
    QCOMPARE(w.protocolNumbersUsed(), numbers);
    QCOMPARE(w.scalar(u"SELECT COUNT(*) FROM protocol_entries"_s), entries);
    QCOMPARE(w.mailCount(), mails);
    QCOMPARE(w.scalar(u"SELECT COUNT(*) FROM events WHERE entity = 'request'"_s), 0);
    // The good submission after it takes the next number.
    w.service().submit(w.maria, u"residence"_s, {{u"purpose"_s, {u"ΔΟΥ"_s}}},
        {upload(u"utility_bill"_s, u"bill.pdf"_s, samplePdf())}, u"el"_s);
    QCOMPARE(w.protocolNumbersUsed(), numbers + 1);
}

void tst_Requests::programmeWindow()
{
    World w;
    START_WORLD(w);
    RequestType t = *w.ts.ctx().requests->type(u"residence"_s);
    t.code = u"kdap"_s;
    t.kind = u"programme"_s;
    t.documents.clear();
    t.opensOn = u"2026-10-01"_s; // kT0 is 2026-09-21
    t.closesOn = u"2026-10-31"_s;
    w.service().saveType(t, true);
    const auto submit = [&] { w.service().submit(w.maria, u"kdap"_s, {{u"purpose"_s, {u"Εγγραφή"_s}}}, {}, u"el"_s); };
    QVERIFY(refusal(submit, ApiError::Kind::Validation).contains(u"opens on 01-10-2026"_s));
    w.ts.clock().setMs(kT0 + 15 * 24 * 3600'000LL);
    submit();
    w.ts.clock().setMs(kT0 + 45 * 24 * 3600'000LL);
    QVERIFY(refusal(submit, ApiError::Kind::Validation).contains(u"closed on 31-10-2026"_s));
    QCOMPARE(w.requestCount(), 1);
}

void tst_Requests::askThenDocumentsAddedMakesARelatedEntry()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    Reply reply = w.act(w.clerk, r.id, u"claim"_s, {{u"version"_s, r.version}});
    QVERIFY2(reply.status == 200, describe(reply));
    QJsonObject json = reply.object().value(u"request"_s).toObject();
    QCOMPARE(json.value(u"status"_s).toString(), u"in_progress"_s);
    QCOMPARE(json.value(u"assigned_user_id"_s).toInteger(), w.clerk.id);
    reply = w.act(w.clerk, r.id, u"ask"_s,
        {{u"version"_s, json.value(u"version"_s)}, {u"text"_s, u"Λογαριασμός ΔΕΗ του τελευταίου τριμήνου"_s}});
    QVERIFY2(reply.status == 200, describe(reply));
    json = reply.object().value(u"request"_s).toObject();
    QCOMPARE(json.value(u"status"_s).toString(), u"awaiting_documents"_s);
    QCOMPARE(json.value(u"requested_documents"_s).toString(), u"Λογαριασμός ΔΕΗ του τελευταίου τριμήνου"_s);
    QVERIFY2(w.lastMail().text.contains(u"Λογαριασμός ΔΕΗ του τελευταίου τριμήνου"_s), qPrintable(w.lastMail().text));

    // Only while awaiting documents, only the applicant.
    QVERIFY(refusal([&] { w.service().addDocuments(w.nikos, r.id, {upload({}, u"x.pdf"_s, samplePdf())}); },
        ApiError::Kind::NotFound)
                .contains(u"no request"_s));
    const CitizenRequest after = w.service().addDocuments(
        w.maria, r.id, {upload(u"utility_bill"_s, u"ΔΕΗ Ιουνίου.png"_s, sampleImage("PNG", Qt::red))});
    QCOMPARE(after.status, u"in_progress"_s);
    QVERIFY(after.requestedDocuments.isEmpty());
    const QList<RequestDocument> docs = w.ts.ctx().requests->documents(r.id);
    QCOMPARE(docs.size(), 3);
    QCOMPARE(docs[2].mediaType, u"image/png"_s);
    QVERIFY(docs[2].protocolEntryId != r.protocolEntryId);
    const ProtocolEntry second = *w.ts.ctx().protocol->find(docs[2].protocolEntryId);
    QCOMPARE(second.direction, u"in"_s);
    QCOMPARE(second.relatedEntryIds, QList<qint64>{r.protocolEntryId});
    QCOMPARE(second.attachments.size(), 1);
    QCOMPARE(second.attachments[0].sha256, docs[2].sha256);
    QCOMPARE(w.ts.ctx().requests->history(r.id, false).last().kind, u"documents_added"_s);
    QVERIFY(refusal([&] { w.service().addDocuments(w.maria, r.id, {upload({}, u"x.pdf"_s, samplePdf())}); },
        ApiError::Kind::Validation)
                .contains(u"not waiting for documents"_s));
}

void tst_Requests::issueMakesOutgoingEntryPdfAndAuditedDownload()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    const ProtocolEntry incoming = *w.ts.ctx().protocol->find(r.protocolEntryId);
    w.ts.clock().setMs(kT0 + 3600'000);
    const Reply reply = w.act(w.clerk, r.id, u"issue"_s, {{u"version"_s, r.version}});
    QVERIFY2(reply.status == 200, describe(reply));
    const QJsonObject json = reply.object().value(u"request"_s).toObject();
    QCOMPARE(json.value(u"status"_s).toString(), u"issued"_s);
    const CitizenRequest issued = w.stored(r.id);
    QVERIFY(issued.answerEntryId);
    QVERIFY(issued.closedMs);
    const ProtocolEntry out = *w.ts.ctx().protocol->find(*issued.answerEntryId);
    QCOMPARE(out.direction, u"out"_s);
    QCOMPARE(out.correspondent, u"Μαρία Παπαδοπούλου"_s);
    QCOMPARE(out.number, incoming.number + 1);
    QCOMPARE(out.relatedEntryIds, QList<qint64>{incoming.id});
    QCOMPARE(json.value(u"answer_protocol"_s).toObject().value(u"display"_s).toString(), out.displayNumber());

    // What the renderer was given: the template over the request's values.
    QCOMPARE(w.renderer.calls, 1);
    const AnswerContent &c = w.renderer.last;
    QCOMPARE(c.municipality, u"Δήμος Σερρών"_s);
    QCOMPARE(c.title, u"ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ"_s);
    QCOMPARE(c.protocolNumber, out.displayNumber());
    QCOMPARE(c.incomingProtocolNumber, incoming.displayNumber());
    QVERIFY2(c.body.contains(u"Βεβαιώνεται ότι Μαρία Παπαδοπούλου του Γεώργιος κατοικεί μόνιμα στον Δήμος Σερρών."_s),
        qPrintable(c.body));
    QVERIFY2(c.body.contains(u"για: ΔΟΥ Σερρών (δύο αντίγραφα)"_s), qPrintable(c.body)); // list value as its name
    QVERIFY2(c.body.contains(out.displayNumber()) && c.body.contains(incoming.displayNumber()), qPrintable(c.body));
    QVERIFY(c.body.contains(u"\n\n"_s)); // paragraphs
    QVERIFY2(QRegularExpression(u"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"_s)
                 .match(c.verificationCode)
                 .hasMatch(),
        qPrintable(c.verificationCode));
    QCOMPARE(c.verificationUrl, u"http://dimos.test/verify/"_s + c.verificationCode);
    QVERIFY(!c.applicant.isEmpty());
    QCOMPARE(c.applicant.first().value, u"Μαρία Παπαδοπούλου"_s);

    const std::optional<IssuedDocument> row = w.ts.ctx().requests->issued(r.id);
    QVERIFY(row);
    QCOMPARE(row->verificationCode, c.verificationCode);
    QCOMPARE(row->protocolEntryId, out.id);
    QCOMPARE(row->issuedByUserId, std::optional<qint64>(w.clerk.id));
    QCOMPARE(json.value(u"issued"_s).toObject().value(u"verification_code"_s).toString(), c.verificationCode);
    QVERIFY2(w.lastMail().text.contains(c.verificationCode), qPrintable(w.lastMail().text));

    // The PDF is stored and served, audited, not cached.
    const Reply pdf = w.ts.get(u"/api/v1/requests/%1/answer.pdf"_s.arg(r.id), w.ts.login(w.clerk.username));
    QVERIFY2(pdf.status == 200, describe(pdf));
    QCOMPARE(pdf.header("content-type"), "application/pdf"_ba);
    QVERIFY2(pdf.header("content-disposition").startsWith("attachment; filename="), pdf.header("content-disposition"));
    QVERIFY(pdf.header("cache-control").contains("no-store"));
    QVERIFY(pdf.body.startsWith("%PDF-"));
    QVERIFY(pdf.body.contains(out.displayNumber().toUtf8()));
    QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(pdf.body, QCryptographicHash::Sha256).toHex()), row->sha256);
    AuditQuery q;
    q.requestId = r.id;
    const QList<AuditEntry> audit = w.service().audit(q);
    QVERIFY(!audit.isEmpty());
    QCOMPARE(audit.first().action, u"open_answer"_s);
    QCOMPARE(audit.first().actorKind, u"staff"_s);
    QCOMPARE(audit.first().actorUserId, std::optional<qint64>(w.clerk.id));
    QCOMPARE(audit.first().sha256, row->sha256);

    // A supporting document too, with its own type and name.
    const RequestDocument doc = w.ts.ctx().requests->documents(r.id)[1];
    const Reply file
        = w.ts.get(u"/api/v1/requests/%1/documents/%2"_s.arg(r.id).arg(doc.id), w.ts.login(w.admin.username));
    QVERIFY2(file.status == 200, describe(file));
    QCOMPARE(file.header("content-type"), "image/jpeg"_ba);
    QVERIFY2(
        file.header("content-disposition").contains("filename*=UTF-8''%CF%84"), file.header("content-disposition"));
    QCOMPARE(w.service().audit(q).first().action, u"open_document"_s);
    // The citizen downloads the answer too, audited as a citizen.
    const ServedFile mine = w.service().citizenAnswer(w.maria, r.id, AuditActor{u"192.0.2.7"_s});
    QCOMPARE(mine.data, pdf.body);
    QCOMPARE(w.service().audit(q).first().actorKind, u"citizen"_s);
    QCOMPARE(w.service().audit(q).first().actorCitizenId, std::optional<qint64>(w.maria));
    QCOMPARE(w.service().audit(q).first().clientAddress, u"192.0.2.7"_s);
    // Issued is final.
    QCOMPARE(w.act(w.clerk, r.id, u"issue"_s, {{u"version"_s, w.stored(r.id).version}}).status, 422);
}

void tst_Requests::renderFailureChangesNothing()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    w.renderer.fail = true;
    const qint64 numbers = w.protocolNumbersUsed();
    const qint64 mails = w.mailCount();
    const int files = w.storedFiles();
    QCOMPARE(files, 2);
    const Reply reply = w.act(w.clerk, r.id, u"issue"_s, {{u"version"_s, r.version}});
    QVERIFY2(reply.status == 503, describe(reply));
    QVERIFY(
        reply.object().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"nothing was issued"_s));
    QCOMPARE(w.renderer.calls, 1);
    QCOMPARE(w.protocolNumbersUsed(), numbers);
    QCOMPARE(w.stored(r.id).status, u"submitted"_s);
    QCOMPARE(w.stored(r.id).version, r.version);
    QVERIFY(!w.ts.ctx().requests->issued(r.id));
    QCOMPARE(w.mailCount(), mails);
    QCOMPARE(w.storedFiles(), files);
    // Without a renderer at all: 503 before anything is tried.
    w.ts.ctx().answerRenderer = nullptr;
    QCOMPARE(w.act(w.clerk, r.id, u"issue"_s, {{u"version"_s, r.version}}).status, 503);
    // Once it works again, the next number follows on.
    w.ts.ctx().answerRenderer = &w.renderer;
    w.renderer.fail = false;
    QCOMPARE(w.act(w.clerk, r.id, u"issue"_s, {{u"version"_s, r.version}}).status, 200);
    QCOMPARE(w.protocolNumbersUsed(), numbers + 1);
    QCOMPARE(w.storedFiles(), files + 1);
}

void tst_Requests::rejectRegistersOutgoingEntryWithReason()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    QCOMPARE(w.act(w.clerk, r.id, u"reject"_s, {{u"version"_s, r.version}, {u"reason"_s, u"  "_s}}).status, 422);
    const Reply reply = w.act(
        w.manager, r.id, u"reject"_s, {{u"version"_s, r.version}, {u"reason"_s, u"Δεν είστε δημότης Σερρών"_s}});
    QVERIFY2(reply.status == 200, describe(reply));
    const CitizenRequest after = w.stored(r.id);
    QCOMPARE(after.status, u"rejected"_s);
    QCOMPARE(after.rejectReason, u"Δεν είστε δημότης Σερρών"_s);
    const ProtocolEntry out = *w.ts.ctx().protocol->find(*after.answerEntryId);
    QCOMPARE(out.direction, u"out"_s);
    QVERIFY2(out.subject.endsWith(u"απόρριψη: Δεν είστε δημότης Σερρών"_s), qPrintable(out.subject));
    QVERIFY(w.lastMail().text.contains(u"Δεν είστε δημότης Σερρών"_s));
    QVERIFY(w.lastMail().subject.contains(u"Απορρίφθηκε"_s));
    QCOMPARE(w.act(w.manager, r.id, u"claim"_s, {{u"version"_s, after.version}}).status, 422);
}

void tst_Requests::staleVersionGets409()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    QCOMPARE(w.act(w.clerk, r.id, u"claim"_s, {{u"version"_s, r.version}}).status, 200);
    const qint64 numbers = w.protocolNumbersUsed();
    for (const QString &action : {u"claim"_s, u"ask"_s, u"issue"_s, u"reject"_s}) {
        const Reply reply = w.act(
            w.admin, r.id, action, {{u"version"_s, r.version}, {u"text"_s, u"Τίτλος"_s}, {u"reason"_s, u"Λόγος"_s}});
        QVERIFY2(reply.status == 409, qPrintable(action + u": "_s + QString::fromUtf8(describe(reply))));
        QCOMPARE(reply.object()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"details"_s)
                     .toObject()
                     .value(u"request"_s)
                     .toObject()
                     .value(u"version"_s)
                     .toInt(),
            r.version + 1);
    }
    QCOMPARE(w.stored(r.id).version, r.version + 1);
    QCOMPARE(w.stored(r.id).assignedUserId, std::optional<qint64>(w.clerk.id));
    QCOMPARE(w.protocolNumbersUsed(), numbers);
    QCOMPARE(w.renderer.calls, 0);
}

void tst_Requests::otherDepartmentsClerkIsRefused()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    const QString other = w.ts.login(w.otherClerk.username);
    QCOMPARE(w.ts.get(u"/api/v1/requests/%1"_s.arg(r.id), other).status, 403);
    const qint64 docId = w.ts.ctx().requests->documents(r.id).first().id;
    QCOMPARE(w.ts.get(u"/api/v1/requests/%1/documents/%2"_s.arg(r.id).arg(docId), other).status, 403);
    QCOMPARE(w.act(w.otherClerk, r.id, u"claim"_s, {{u"version"_s, r.version}}).status, 403);
    // The queue shows them nothing of it, and naming the department is refused.
    const Reply queue = w.ts.get(u"/api/v1/requests"_s, other);
    QVERIFY2(queue.status == 200, describe(queue));
    QCOMPARE(queue.object().value(u"requests"_s).toArray().size(), 0);
    QCOMPARE(w.ts.get(u"/api/v1/requests?department_id=%1"_s.arg(w.registry), other).status, 403);
    // A manager of another department and an admin see it.
    QCOMPARE(w.ts.get(u"/api/v1/requests?department_id=%1"_s.arg(w.registry), w.ts.login(w.manager.username))
                 .object()
                 .value(u"requests"_s)
                 .toArray()
                 .size(),
        1);
    QCOMPARE(w.ts.get(u"/api/v1/requests/999999"_s, w.ts.login(w.admin.username)).status, 404);
    QCOMPARE(w.ts.get(u"/api/v1/requests?status=lost"_s, other).status, 400);
    // Refusals are not audited as openings.
    AuditQuery q;
    q.requestId = r.id;
    QCOMPARE(w.service().audit(q).size(), 0);
}

void tst_Requests::citizenReachesOnlyTheirOwnRequests()
{
    World w;
    START_WORLD(w);
    const CitizenRequest mine = w.submit(w.maria);
    const CitizenRequest theirs = w.submit(w.nikos);
    const qint64 theirDoc = w.ts.ctx().requests->documents(theirs.id).first().id;
    const qint64 myDoc = w.ts.ctx().requests->documents(mine.id).first().id;
    const AuditActor actor{u"198.51.100.4"_s};
    RequestService &s = w.service();

    QCOMPARE(s.listMine(w.maria).size(), 1);
    QCOMPARE(s.listMine(w.maria).first().id, mine.id);
    QCOMPARE(s.getMine(w.maria, mine.id).id, mine.id);
    // Another's request, or another request's document through one's own, looks like nothing.
    const QString other = refusal([&] { s.getMine(w.maria, theirs.id); }, ApiError::Kind::NotFound);
    const QString none = refusal([&] { s.getMine(w.maria, 999999); }, ApiError::Kind::NotFound);
    QCOMPARE(other, QString(none).replace(u"999999"_s, QString::number(theirs.id)));
    QVERIFY(!refusal([&] { s.citizenDocument(w.maria, theirs.id, theirDoc, actor); }, ApiError::Kind::NotFound)
                 .startsWith(u"WRONG"_s));
    QVERIFY(refusal([&] { s.citizenDocument(w.maria, mine.id, theirDoc, actor); }, ApiError::Kind::NotFound)
                .contains(u"has no document"_s));
    QVERIFY(
        !refusal([&] { s.citizenAnswer(w.maria, theirs.id, actor); }, ApiError::Kind::NotFound).startsWith(u"WRONG"_s));
    QVERIFY(!refusal([&] { s.withdraw(w.maria, theirs.id); }, ApiError::Kind::NotFound).startsWith(u"WRONG"_s));
    QVERIFY(!refusal(
        [&] { s.addDocuments(w.maria, theirs.id, {upload({}, u"a.pdf"_s, samplePdf())}); }, ApiError::Kind::NotFound)
                 .startsWith(u"WRONG"_s));
    QCOMPARE(w.stored(theirs.id).status, u"submitted"_s);
    AuditQuery q;
    q.requestId = theirs.id;
    QCOMPARE(s.audit(q).size(), 0); // nothing was served

    // Their own document, audited as the citizen; internal history lines are not shown.
    const ServedFile f = s.citizenDocument(w.maria, mine.id, myDoc, actor);
    QCOMPARE(f.data, samplePdf());
    QCOMPARE(f.mediaType, u"application/pdf"_s);
    q.requestId = mine.id;
    QCOMPARE(s.audit(q).first().action, u"open_document"_s);
    QCOMPARE(s.audit(q).first().actorKind, u"citizen"_s);
    s.claim(w.clerk, mine.id, mine.version);
    const QJsonObject json = s.citizenJson(s.getMine(w.maria, mine.id));
    QVERIFY(!json.contains(u"assigned_user_name"_s));
    for (const QJsonValue &h : json.value(u"history"_s).toArray())
        QVERIFY(!h.toObject().contains(u"actor_name"_s));
}

void tst_Requests::withdraw()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    const CitizenRequest after = w.service().withdraw(w.maria, r.id);
    QCOMPARE(after.status, u"withdrawn"_s);
    QVERIFY(after.closedMs);
    QCOMPARE(after.version, r.version + 1);
    QCOMPARE(w.ts.ctx().requests->history(r.id, true).last().kind, u"withdrawn"_s);
    QVERIFY(refusal([&] { w.service().withdraw(w.maria, r.id); }, ApiError::Kind::Validation).contains(u"closed"_s));
    QCOMPARE(w.act(w.clerk, r.id, u"claim"_s, {{u"version"_s, after.version}}).status, 422);
}

void tst_Requests::auditLogIsForAdmins()
{
    World w;
    START_WORLD(w);
    const CitizenRequest r = w.submit();
    QCOMPARE(w.ts.get(u"/api/v1/requests/%1"_s.arg(r.id), w.ts.login(w.clerk.username)).status, 200);
    QCOMPARE(w.ts.get(u"/api/v1/audit"_s, w.ts.login(w.clerk.username)).status, 403);
    QCOMPARE(w.ts.get(u"/api/v1/audit"_s, w.ts.login(w.manager.username)).status, 403);
    QCOMPARE(w.ts.get(u"/api/v1/audit"_s).status, 401);
    const Reply reply
        = w.ts.get(u"/api/v1/audit?request_id=%1&from=2026-01-01"_s.arg(r.id), w.ts.login(w.admin.username));
    QVERIFY2(reply.status == 200, describe(reply));
    const QJsonArray entries = reply.object().value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries[0].toObject().value(u"action"_s).toString(), u"view_request"_s);
    QCOMPARE(entries[0].toObject().value(u"actor_name"_s).toString(),
        w.clerk.displayName.isEmpty() ? w.clerk.username : w.clerk.displayName);
    QCOMPARE(entries[0].toObject().value(u"client_address"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(w.ts.get(u"/api/v1/audit?to=2026-01-01"_s, w.ts.login(w.admin.username))
                 .object()
                 .value(u"entries"_s)
                 .toArray()
                 .size(),
        0);
    QCOMPARE(w.ts.get(u"/api/v1/audit?from=yesterday"_s, w.ts.login(w.admin.username)).status, 400);
    // The log is never changed or deleted.
    QVERIFY_THROWS_EXCEPTION(std::exception, w.ts.ctx().db->run(u"DELETE FROM audit_log"_s));
}

void tst_Requests::requestTypesAreValidated()
{
    World w;
    START_WORLD(w);
    const QString admin = w.ts.login(w.admin.username);
    const QJsonObject good = RequestService::typeJson(*w.ts.ctx().requests->type(u"residence"_s));
    const auto post = [&](QJsonObject body) {
        body.insert(u"code"_s, body.value(u"code"_s).toString() == u"residence" ? u"birth"_s : body.value(u"code"_s));
        return w.ts.send("POST"_ba, u"/api/v1/request-types"_s, compact(body), "application/json"_ba, admin);
    };
    const auto with = [&](const QString &key, const QJsonValue &value) {
        QJsonObject o = good;
        o.insert(key, value);
        return o;
    };
    QCOMPARE(post(with(u"department_id"_s, 9999)).status, 422);
    QCOMPARE(post(with(u"kind"_s, u"licence"_s)).status, 422);
    QCOMPARE(post(with(u"name_en"_s, u""_s)).status, 422);
    QCOMPARE(post(with(u"deadline_days"_s, -1)).status, 422);
    QCOMPARE(post(with(u"answer_template"_s, u"{{#open}} never closed"_s)).status, 422);
    QCOMPARE(post(with(u"opens_on"_s, u"1 September"_s)).status, 422);
    QCOMPARE(post(with(u"code"_s, u"no spaces please"_s)).status, 422);
    QCOMPARE(post(with(u"fields"_s, QJsonArray{QJsonObject{{u"code"_s, u"x"_s}, {u"datatype"_s, u"colour"_s}}})).status,
        422);
    QCOMPARE(post(with(u"documents"_s, QJsonArray{QJsonObject{{u"code"_s, u"id"_s}}})).status, 422);
    QCOMPARE(w.ts.ctx().requests->types().size(), 1);
    const Reply created = post(good);
    QVERIFY2(created.status == 201, describe(created));
    QCOMPARE(created.object().value(u"request_type"_s).toObject().value(u"fields"_s).toArray().size(), 2);
    QCOMPARE(post(good).status, 409);
    // PUT replaces fields and documents too; the code in the path wins and cannot change.
    QJsonObject changed = good;
    changed.insert(u"documents"_s, QJsonArray{});
    changed.insert(u"deadline_days"_s, 10);
    Reply put
        = w.ts.send("PUT"_ba, u"/api/v1/request-types/residence"_s, compact(changed), "application/json"_ba, admin);
    QVERIFY2(put.status == 200, describe(put));
    QCOMPARE(w.ts.ctx().requests->type(u"residence"_s)->documents.size(), 0);
    QCOMPARE(w.ts.ctx().requests->type(u"residence"_s)->deadlineDays, 10);
    QCOMPARE(
        w.ts.send("PUT"_ba, u"/api/v1/request-types/passport"_s, compact(changed), "application/json"_ba, admin).status,
        422); // the body's code differs from the path
    changed.remove(u"code"_s);
    QCOMPARE(
        w.ts.send("PUT"_ba, u"/api/v1/request-types/passport"_s, compact(changed), "application/json"_ba, admin).status,
        404);
    const Reply list = w.ts.get(u"/api/v1/request-types"_s, w.ts.login(w.clerk.username));
    QCOMPARE(list.object().value(u"request_types"_s).toArray().size(), 2);
}

void tst_Requests::liveEventsReachTheDepartmentsStaffOnly()
{
    World w;
    START_WORLD(w);
    struct Client
    {
        QWebSocket ws;
        QList<QJsonObject> events;
        bool live = false;
    };
    const auto connectAs = [&](Client &c, const StaffUser &user) {
        QObject::connect(&c.ws, &QWebSocket::textMessageReceived, &c.ws, [&c](const QString &text) {
            const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
            if (m.value(u"type"_s).toString() == u"live")
                c.live = true;
            if (m.value(u"type"_s).toString() == u"event")
                c.events.append(m);
        });
        c.ws.open(QUrl(u"ws://127.0.0.1:%1/api/v1/live"_s.arg(w.ts.port())));
        if (!QTest::qWaitFor([&] { return c.ws.state() == QAbstractSocket::ConnectedState; }, kWaitMs))
            return false;
        // The other clerk asks for every department and category: request events still stay
        // within their own departments.
        c.ws.sendTextMessage(QString::fromUtf8(compact(QJsonObject{
            {u"type"_s, u"hello"_s}, {u"token"_s, w.ts.login(user.username)}, {u"categories"_s, QJsonArray{u"x"_s}}})));
        return QTest::qWaitFor([&] { return c.live; }, kWaitMs);
    };
    Client own, other, manager;
    QVERIFY(connectAs(own, w.clerk));
    QVERIFY(connectAs(other, w.otherClerk));
    QVERIFY(connectAs(manager, w.manager));
    const CitizenRequest r = w.submit();
    w.service().claim(w.clerk, r.id, r.version);
    QVERIFY(QTest::qWaitFor([&] { return own.events.size() >= 2 && manager.events.size() >= 2; }, kWaitMs));
    QCOMPARE(own.events[0].value(u"event"_s).toString(), u"request.created"_s);
    QCOMPARE(own.events[1].value(u"event"_s).toString(), u"request.updated"_s);
    const QJsonObject item = own.events[1].value(u"request"_s).toObject();
    QCOMPARE(item.value(u"id"_s).toInteger(), r.id);
    QCOMPARE(item.value(u"status"_s).toString(), u"in_progress"_s);
    QCOMPARE(item.value(u"applicant_name"_s).toString(), u"Μαρία Παπαδοπούλου"_s);
    QVERIFY(!item.contains(u"applicant"_s)); // the list item, not the record
    QTest::qWait(200);
    QCOMPARE(other.events.size(), 0);
}

QTEST_MAIN(tst_Requests)
#include "tst_Requests.moc"
