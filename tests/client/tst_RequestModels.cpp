// The request queue's data path without a server: the staff API's JSON → RequestCase,
// the store (a full copy is not replaced by a list item of the same version; a newer version
// wins), RequestTableModel (incremental, days to the deadline, overdue and due-soon colours)
// and RequestFilterModel (open only, department, Greek-aware search).
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include "client/models/RequestTableModel.h"
#include "client/store/ReportStore.h"
#include "shared/domain/RequestCase.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

// Noon local time, so whole-day arithmetic does not depend on the hour the test runs.
const qint64 kNow = QDateTime(QDate(2026, 11, 26), QTime(12, 0)).toMSecsSinceEpoch();
constexpr qint64 kDay = 24LL * 3600 * 1000;

QJsonObject requestJson(qint64 id, const QString &status, qint64 dueMs, qint64 department = 2, int version = 1)
{
    return QJsonObject{{u"id"_s, id}, {u"type_code"_s, u"residence"_s},
        {u"type_name_el"_s, u"Βεβαίωση μόνιμης κατοικίας"_s}, {u"type_name_en"_s, u"Permanent residence attestation"_s},
        {u"status"_s, status}, {u"department_id"_s, department}, {u"assigned_user_id"_s, QJsonValue()},
        {u"protocol"_s,
            QJsonObject{{u"id"_s, 40 + id}, {u"number"_s, 15900 + id}, {u"date"_s, u"19-11-2026"_s},
                {u"display"_s, u"%1/19-11-2026"_s.arg(15900 + id)}}},
        {u"answer_protocol"_s, QJsonValue()}, {u"submitted_ms"_s, double(kNow - 5 * kDay)},
        {u"due_ms"_s, double(dueMs)}, {u"updated_ms"_s, double(kNow - kDay)}, {u"closed_ms"_s, QJsonValue()},
        {u"version"_s, version}, {u"applicant_name"_s, id == 1 ? u"Γιώργος Παπαδόπουλος"_s : u"Ελένη Σερραίου"_s}};
}

} // namespace

class tst_RequestModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheApiJson();
    void parsesAFullRequest();
    void rejectsJsonWithoutIdOrStatus();
    void storeKeepsTheFullCopyAndTheNewestVersion();
    void deadlineTextCountsWholeDays();
    void modelFollowsTheStoreAndColoursUrgentRows();
    void filterByOpenDepartmentAndGreekText();
};

void tst_RequestModels::parsesTheApiJson()
{
    const auto r = requestCaseFromJson(requestJson(3, u"awaiting_documents"_s, kNow + kDay));
    QVERIFY(r);
    QCOMPARE(r->id, 3);
    QCOMPARE(r->status, RequestCase::Status::AwaitingDocuments);
    QCOMPARE(r->protocolDisplay, u"15903/19-11-2026"_s);
    QCOMPARE(r->departmentId, 2);
    QCOMPARE(r->assignedUserId, 0);
    QCOMPARE(r->typeName(u"en"_s), u"Permanent residence attestation"_s);
    QCOMPARE(r->typeName(u"el"_s), u"Βεβαίωση μόνιμης κατοικίας"_s);
    QVERIFY(!r->hasDetail);
    QVERIFY(r->isOpen());
    QVERIFY(!r->isOverdue(kNow));
    QVERIFY(r->isOverdue(kNow + 2 * kDay));
}

void tst_RequestModels::parsesAFullRequest()
{
    QJsonObject o = requestJson(1, u"issued"_s, kNow);
    o.insert(u"applicant"_s,
        QJsonObject{{u"given_name"_s, u"Γιώργος"_s}, {u"surname"_s, u"Παπαδόπουλος"_s}, {u"afm"_s, u"090000045"_s},
            {u"email"_s, u"g@example.org"_s}});
    o.insert(u"values"_s,
        QJsonObject{{u"purpose"_s, u"ΔΟΥ Σερρών"_s}, {u"copies"_s, 2}, {u"kinds"_s, QJsonArray{u"α"_s, u"β"_s}}});
    o.insert(u"documents"_s,
        QJsonArray{
            QJsonObject{{u"id"_s, 9}, {u"file_name"_s, u"λογαριασμός.pdf"_s}, {u"media_type"_s, u"application/pdf"_s},
                {u"size"_s, 12345}, {u"sha256"_s, u"ab"_s}, {u"uploaded_ms"_s, 1.0},
                {u"protocol_display"_s, u"15901/19-11-2026"_s}, {u"requirement_code"_s, u"utility_bill"_s}}});
    o.insert(u"history"_s,
        QJsonArray{QJsonObject{{u"at_ms"_s, 5.0}, {u"kind"_s, u"issued"_s}, {u"actor_name"_s, u"Π. Αντωνίου"_s},
            {u"old_status"_s, u"in_progress"_s}, {u"new_status"_s, u"issued"_s}}});
    o.insert(u"issued"_s, QJsonObject{{u"verification_code"_s, u"7K3M-Q9PA-2XWD"_s}, {u"sha256"_s, u"cd"_s}});
    o.insert(u"answer_protocol"_s, QJsonObject{{u"display"_s, u"16001/26-11-2026"_s}});
    o.remove(u"applicant_name"_s);
    const auto r = requestCaseFromJson(o);
    QVERIFY(r);
    QVERIFY(r->hasDetail);
    QCOMPARE(r->applicantName, u"Γιώργος Παπαδόπουλος"_s);
    // The applicant's fields in the API's order: surname first, e-mail last.
    QCOMPARE(r->applicant.first().first, u"surname"_s);
    QCOMPARE(r->applicant.last().first, u"email"_s);
    QCOMPARE(r->values.value(u"copies"_s), u"2"_s);
    QCOMPARE(r->values.value(u"kinds"_s), u"α, β"_s);
    QCOMPARE(r->documents.size(), 1);
    QCOMPARE(r->documents.first().requirementCode, u"utility_bill"_s);
    QCOMPARE(r->documents.first().size, 12345);
    QCOMPARE(r->history.size(), 1);
    QCOMPARE(r->history.first().actorName, u"Π. Αντωνίου"_s);
    QCOMPARE(r->verificationCode, u"7K3M-Q9PA-2XWD"_s);
    QCOMPARE(r->answerProtocolDisplay, u"16001/26-11-2026"_s);
    QVERIFY(!r->isOpen());
    QVERIFY(!r->isOverdue(kNow + 100 * kDay)); // closed requests are never overdue
}

void tst_RequestModels::rejectsJsonWithoutIdOrStatus()
{
    QJsonObject o = requestJson(1, u"submitted"_s, kNow);
    o.remove(u"id"_s);
    QVERIFY(!requestCaseFromJson(o));
    QVERIFY(!requestCaseFromJson(requestJson(1, u"approved"_s, kNow)));
}

void tst_RequestModels::storeKeepsTheFullCopyAndTheNewestVersion()
{
    ReportStore store;
    QSignalSpy changed(&store, &ReportStore::citizenRequestChanged);
    auto full = *requestCaseFromJson(requestJson(1, u"in_progress"_s, kNow, 2, 3));
    full.hasDetail = true;
    full.history.append({1, u"claimed"_s, u"x"_s, {}, {}, {}});
    store.upsertCitizenRequest(full);
    QCOMPARE(changed.count(), 1);
    // The list item of the same version (a reload) keeps the full copy.
    store.setCitizenRequests({*requestCaseFromJson(requestJson(1, u"in_progress"_s, kNow, 2, 3))});
    QVERIFY(store.citizenRequest(1)->hasDetail);
    store.upsertCitizenRequest(*requestCaseFromJson(requestJson(1, u"in_progress"_s, kNow, 2, 3)));
    QCOMPARE(changed.count(), 1);
    QVERIFY(store.citizenRequest(1)->hasDetail);
    // An older version is ignored, a newer one replaces.
    store.upsertCitizenRequest(*requestCaseFromJson(requestJson(1, u"submitted"_s, kNow, 2, 2)));
    QCOMPARE(store.citizenRequest(1)->status, RequestCase::Status::InProgress);
    store.upsertCitizenRequest(*requestCaseFromJson(requestJson(1, u"issued"_s, kNow, 2, 4)));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(store.citizenRequest(1)->status, RequestCase::Status::Issued);
    QVERIFY(!store.citizenRequest(1)->hasDetail);
}

void tst_RequestModels::deadlineTextCountsWholeDays()
{
    auto r = *requestCaseFromJson(requestJson(1, u"submitted"_s, kNow + 3 * kDay));
    QCOMPARE(RequestTableModel::deadlineText(r, kNow), u"3 day(s) left"_s);
    r.dueMs = kNow + 2 * 3600 * 1000; // later today
    QCOMPARE(RequestTableModel::deadlineText(r, kNow), u"due today"_s);
    r.dueMs = kNow - 2 * kDay;
    QCOMPARE(RequestTableModel::deadlineText(r, kNow), u"2 day(s) overdue"_s);
    r.status = RequestCase::Status::Issued;
    QCOMPARE(RequestTableModel::deadlineText(r, kNow), u"—"_s);
}

void tst_RequestModels::modelFollowsTheStoreAndColoursUrgentRows()
{
    ReportStore store;
    ManualClock clock(kNow);
    RequestTableModel model(&store, clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.setCitizenRequests({*requestCaseFromJson(requestJson(1, u"submitted"_s, kNow - kDay)),
        *requestCaseFromJson(requestJson(2, u"in_progress"_s, kNow + 5 * kDay))});
    QCOMPARE(model.rowCount(), 2);
    const int overdueRow = model.rowOf(1);
    const int calmRow = model.rowOf(2);
    QVERIFY(model.index(overdueRow, 0).data(RequestTableModel::OverdueRole).toBool());
    QVERIFY(model.index(overdueRow, 0).data(Qt::BackgroundRole).value<QBrush>().color().red() > 200);
    QVERIFY(!model.index(calmRow, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.index(calmRow, RequestTableModel::Protocol).data().toString(), u"15902/19-11-2026"_s);

    // A live event adds a row without a reset; a change of an existing one is dataChanged.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    store.upsertCitizenRequest(*requestCaseFromJson(requestJson(3, u"submitted"_s, kNow + 1 * kDay)));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 3);
    // Due tomorrow: amber.
    QVERIFY(model.index(model.rowOf(3), 0).data(Qt::BackgroundRole).value<QBrush>().color().green() > 200);
    store.upsertCitizenRequest(*requestCaseFromJson(requestJson(2, u"issued"_s, kNow + 5 * kDay, 2, 2)));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.index(calmRow, RequestTableModel::Status).data().toString(), u"Issued"_s);

    // Days pass: the clock moves, the deadline text follows after a refresh.
    clock.setMs(kNow + 3 * kDay);
    model.refreshDeadlines();
    QCOMPARE(model.index(model.rowOf(3), RequestTableModel::Deadline).data().toString(), u"2 day(s) overdue"_s);
}

void tst_RequestModels::filterByOpenDepartmentAndGreekText()
{
    ReportStore store;
    ManualClock clock(kNow);
    RequestTableModel model(&store, clock);
    RequestFilterModel filter;
    filter.setSourceModel(&model);
    store.setCitizenRequests({*requestCaseFromJson(requestJson(1, u"submitted"_s, kNow, 2)),
        *requestCaseFromJson(requestJson(2, u"submitted"_s, kNow, 3)),
        *requestCaseFromJson(requestJson(3, u"rejected"_s, kNow, 2))});
    QCOMPARE(filter.rowCount(), 2); // open only by default
    filter.setOpenOnly(false);
    QCOMPARE(filter.rowCount(), 3);
    filter.setDepartment(2);
    QCOMPARE(filter.rowCount(), 2);
    filter.setDepartment(0);
    filter.setSearchText(u"ΣΕΡΡΑΙΟΥ"_s); // the applicant, without accents, in capitals
    QCOMPARE(filter.rowCount(), 2);
    filter.setSearchText(u"15901"_s); // a protocol number
    QCOMPARE(filter.rowCount(), 1);
    filter.setSearchText(u"μονιμης κατοικιας"_s);
    QCOMPARE(filter.rowCount(), 3);

    // The request being worked on stays listed when it stops matching (issued: not open).
    filter.setSearchText({});
    filter.setOpenOnly(true);
    filter.setPinned(1);
    QCOMPARE(filter.rowCount(), 2);
    store.upsertCitizenRequest(*requestCaseFromJson(requestJson(1, u"issued"_s, kNow, 2, 2)));
    QCOMPARE(filter.rowCount(), 2);
    filter.setPinned(2);
    QCOMPARE(filter.rowCount(), 1);
}

QTEST_GUILESS_MAIN(tst_RequestModels)
#include "tst_RequestModels.moc"
