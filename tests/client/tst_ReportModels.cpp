// The queue's models over the store: ReportTableModel follows the store incrementally (no
// reset per event), shows names from the lookup tables in the UI language, and
// ReportFilterModel filters by status, category, department, assignee, priority, age and
// Greek-aware text, and sorts by the real values.
#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

#include "client/map/StatusColors.h"
#include "client/models/ReportFilterModel.h"
#include "client/models/ReportTableModel.h"
#include "client/store/ReportStore.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {

constexpr qint64 kNow = 1'790'000'000'000;
constexpr qint64 kHour = 3600LL * 1000;
constexpr qint64 kDay = 24 * kHour;

Report makeReport(qint64 id, ReportStatus status, const QString &category = u"pothole"_s,
    std::optional<qint64> department = 1, std::optional<qint64> assignee = std::nullopt,
    Priority priority = Priority::Normal, qint64 ageMs = kDay, const QString &description = {},
    const QString &address = {})
{
    Report r;
    r.id = id;
    r.status = status;
    r.serviceCode = category;
    r.departmentId = department;
    r.assigneeId = assignee;
    r.priority = priority;
    r.requestedMs = kNow - ageMs;
    r.updatedMs = r.requestedMs;
    r.description = description;
    r.address = address;
    r.lat = 41.09;
    r.lon = 23.55;
    return r;
}

Category category(const QString &code, const QString &el, const QString &en)
{
    Category c;
    c.code = code;
    c.name = {el, en};
    return c;
}

// Five reports that differ in every filtered property.
void fill(ReportStore &store)
{
    store.setCategories({category(u"pothole"_s, u"Λακκούβα"_s, u"Pothole"_s),
        category(u"streetlight"_s, u"Φωτισμός"_s, u"Street light"_s), category(u"bench"_s, u"Παγκάκι"_s, u"Bench"_s)});
    Department roads;
    roads.id = 1;
    roads.name = {u"Οδοποιία"_s, u"Roads"_s};
    Department lights;
    lights.id = 2;
    lights.name = {u"Ηλεκτροφωτισμός"_s, u"Lighting"_s};
    store.setDepartments({roads, lights});
    StaffMember eleni;
    eleni.id = 10;
    eleni.username = u"eleni"_s;
    eleni.displayName = u"Ελένη Γεωργίου"_s;
    store.setUsers({eleni});
    store.upsertAll({
        makeReport(1, ReportStatus::New, u"pothole"_s, 1, std::nullopt, Priority::Normal, kDay,
            u"Λακκούβα στην οδό Μεραρχίας"_s, u"Μεραρχίας 12, Σέρρες"_s),
        makeReport(
            2, ReportStatus::Acknowledged, u"streetlight"_s, 2, 10, Priority::High, 10 * kDay, u"Σβηστή λάμπα"_s),
        makeReport(3, ReportStatus::InProgress, u"pothole"_s, 1, 11, Priority::Urgent, 40 * kDay,
            u"Hole near the ΣΕΡΡΕΣ square"_s, u"Πλατεία Ελευθερίας"_s),
        makeReport(4, ReportStatus::Resolved, u"bench"_s, std::nullopt, std::nullopt, Priority::Low, 2 * kHour,
            u"Broken bench"_s, u"Κηφισιάς"_s),
        makeReport(
            5, ReportStatus::Closed, u"streetlight"_s, 2, 10, Priority::Normal, 100 * kDay, u"Φως"_s, u"Οδός Σερρών"_s),
    });
}

QList<qint64> visibleIds(const QAbstractItemModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(ReportTableModel::IdRole).toLongLong());
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace

class tst_ReportModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableFollowsStoreIncrementally();
    void upsertReplacesExistingRow();
    void olderVersionDoesNotChangeRow();
    void batchInsertsOnce();
    void resetRebuilds();
    void displayTextsUseLookups();
    void filters_data();
    void filters();
    void filterFollowsLiveChanges();
    void sortsByValue();
    void overdueReportsStandOut();
};

void tst_ReportModels::tableFollowsStoreIncrementally()
{
    ManualClock clock(kNow);
    ReportStore store;
    ReportTableModel model(&store, clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    fill(store);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(ReportTableModel::ColumnCount));
    store.applyEvent(1, makeReport(6, ReportStatus::New));
    store.applyEvent(2, makeReport(2, ReportStatus::InProgress));
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(model.rowOf(6), 5);
    QCOMPARE(model.idAt(5), 6);
}

void tst_ReportModels::upsertReplacesExistingRow()
{
    ReportStore store;
    ReportTableModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    Report r = makeReport(7, ReportStatus::New);
    store.upsert(r);
    r.status = ReportStatus::Resolved;
    r.version = 2;
    store.upsert(r);

    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    QCOMPARE(model.index(0, 0).data(ReportTableModel::StatusRole).value<ReportStatus>(), ReportStatus::Resolved);
    QCOMPARE(model.index(0, ReportTableModel::Status).data().toString(),
        ReportTableModel::statusText(ReportStatus::Resolved));
    QCOMPARE(model.index(0, 0).data(ReportTableModel::ReportRole).value<Report>().version, 2);
}

void tst_ReportModels::olderVersionDoesNotChangeRow()
{
    ReportStore store;
    ReportTableModel model(&store);
    Report r = makeReport(7, ReportStatus::Acknowledged);
    r.version = 3;
    store.upsert(r);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    r.version = 2;
    r.status = ReportStatus::New;
    store.upsert(r);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(model.index(0, 0).data(ReportTableModel::StatusRole).value<ReportStatus>(), ReportStatus::Acknowledged);
}

void tst_ReportModels::batchInsertsOnce()
{
    ReportStore store;
    ReportTableModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QList<Report> page;
    for (int i = 1; i <= 1000; ++i)
        page.append(makeReport(i, ReportStatus::New));
    store.upsertAll(page);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 999);
    QCOMPARE(model.rowCount(), 1000);
}

void tst_ReportModels::resetRebuilds()
{
    ReportStore store;
    ReportTableModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(store);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    store.replaceAll({makeReport(42, ReportStatus::New), makeReport(43, ReportStatus::Closed)}, 9);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(43), 1);
    QCOMPARE(model.rowOf(1), -1);
    store.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_ReportModels::displayTextsUseLookups()
{
    ManualClock clock(kNow);
    ReportStore store;
    ReportTableModel model(&store, clock);
    fill(store);
    store.setLanguage(u"el"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    store.setLanguage(u"en"_s);
    QVERIFY(changed.count() >= 1);
    const int r1 = model.rowOf(1);
    const int r2 = model.rowOf(2);
    const int r4 = model.rowOf(4);
    QCOMPARE(model.index(r1, ReportTableModel::Category).data().toString(), u"Pothole"_s);
    QCOMPARE(model.index(r1, ReportTableModel::Department).data().toString(), u"Roads"_s);
    QCOMPARE(model.index(r2, ReportTableModel::Assignee).data().toString(), u"Ελένη Γεωργίου"_s);
    QCOMPARE(model.index(r1, ReportTableModel::Assignee).data().toString(), ReportTableModel::tr("Unassigned"));
    QCOMPARE(model.index(r1, ReportTableModel::Address).data().toString(), u"Μεραρχίας 12, Σέρρες"_s);
    QCOMPARE(model.index(r2, ReportTableModel::Age).data().toString(), ReportTableModel::tr("%n day(s)", nullptr, 10));
    QCOMPARE(model.index(r4, ReportTableModel::Age).data().toString(), ReportTableModel::tr("%n hour(s)", nullptr, 2));
    store.setLanguage(u"el"_s);
    QCOMPARE(model.index(r1, ReportTableModel::Category).data().toString(), u"Λακκούβα"_s);
    QCOMPARE(model.index(r2, ReportTableModel::Department).data().toString(), u"Ηλεκτροφωτισμός"_s);

    QCOMPARE(model.index(r1, ReportTableModel::Status).data(Qt::DecorationRole).value<QColor>(),
        statusColor(ReportStatus::New));
    QCOMPARE(model.index(r4, ReportTableModel::Department).data(ReportTableModel::DepartmentRole), QVariant());
    QCOMPARE(model.index(r2, 0).data(ReportTableModel::AssigneeRole).toLongLong(), 10);
    QCOMPARE(model.headerData(ReportTableModel::Status, Qt::Horizontal).toString(), ReportTableModel::tr("Status"));
}

void tst_ReportModels::filters_data()
{
    QTest::addColumn<QList<ReportStatus>>("statuses");
    QTest::addColumn<QStringList>("categories");
    QTest::addColumn<QList<qint64>>("departments");
    QTest::addColumn<int>("assigneeFilter");
    QTest::addColumn<qint64>("clerk");
    QTest::addColumn<QList<Priority>>("priorities");
    QTest::addColumn<int>("maxAgeDays");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QList<qint64>>("expected");

    using A = ReportFilterModel::AssigneeFilter;
    const QList<ReportStatus> all;
    const QList<Priority> anyPriority;
    auto row = [&](const char *name) -> QTestData & { return QTest::newRow(name); };

    row("nothing set") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 0
                       << QString() << QList<qint64>{1, 2, 3, 4, 5};
    row("open statuses") << QList<ReportStatus>{ReportStatus::New, ReportStatus::Acknowledged, ReportStatus::InProgress}
                         << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 0
                         << QString() << QList<qint64>{1, 2, 3};
    row("category") << all << QStringList{u"streetlight"_s} << QList<qint64>() << int(A::Any) << qint64(0)
                    << anyPriority << 0 << QString() << QList<qint64>{2, 5};
    row("department") << all << QStringList() << QList<qint64>{1} << int(A::Any) << qint64(0) << anyPriority << 0
                      << QString() << QList<qint64>{1, 3};
    row("unassigned") << all << QStringList() << QList<qint64>() << int(A::Unassigned) << qint64(0) << anyPriority << 0
                      << QString() << QList<qint64>{1, 4};
    row("assigned to a clerk") << all << QStringList() << QList<qint64>() << int(A::Clerk) << qint64(10) << anyPriority
                               << 0 << QString() << QList<qint64>{2, 5};
    row("priority") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0)
                    << QList<Priority>{Priority::High, Priority::Urgent} << 0 << QString() << QList<qint64>{2, 3};
    row("a week old at most") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 7
                              << QString() << QList<qint64>{1, 4};
    row("a month old at most") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority
                               << 30 << QString() << QList<qint64>{1, 2, 4};
    row("greek without accents") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority
                                 << 0 << u"σερρες"_s << QList<qint64>{1, 3};
    row("greek capitals") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 0
                          << u"ΛΑΚΚΟΥΒΑ"_s << QList<qint64>{1, 3};
    row("words in any order") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 0
                              << u"  λαμπα   Σβηστή "_s << QList<qint64>{2};
    row("english category name") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority
                                 << 0 << u"street light"_s << QList<qint64>{2, 5};
    row("report number") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 0
                         << u"4"_s << QList<qint64>{4};
    row("no match") << all << QStringList() << QList<qint64>() << int(A::Any) << qint64(0) << anyPriority << 0
                    << u"θεσσαλονικη"_s << QList<qint64>{};
    row("combined") << QList<ReportStatus>{ReportStatus::InProgress, ReportStatus::New} << QStringList{u"pothole"_s}
                    << QList<qint64>{1} << int(A::Clerk) << qint64(11) << QList<Priority>{Priority::Urgent} << 60
                    << u"hole"_s << QList<qint64>{3};
}

void tst_ReportModels::filters()
{
    QFETCH(QList<ReportStatus>, statuses);
    QFETCH(QStringList, categories);
    QFETCH(QList<qint64>, departments);
    QFETCH(int, assigneeFilter);
    QFETCH(qint64, clerk);
    QFETCH(QList<Priority>, priorities);
    QFETCH(int, maxAgeDays);
    QFETCH(QString, search);
    QFETCH(QList<qint64>, expected);

    ManualClock clock(kNow);
    ReportStore store;
    ReportTableModel table(&store, clock);
    ReportFilterModel filter;
    filter.setSourceModel(&table);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(store);

    filter.setStatuses(statuses);
    filter.setCategories(categories);
    filter.setDepartments(departments);
    filter.setAssigneeFilter(static_cast<ReportFilterModel::AssigneeFilter>(assigneeFilter), clerk);
    filter.setPriorities(priorities);
    filter.setMaxAgeDays(maxAgeDays);
    filter.setSearchText(search);
    QCOMPARE(visibleIds(filter), expected);

    filter.clearFilters();
    QCOMPARE(filter.rowCount(), 5);
}

void tst_ReportModels::filterFollowsLiveChanges()
{
    ReportStore store;
    ReportTableModel table(&store);
    ReportFilterModel filter;
    filter.setSourceModel(&table);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(store);
    filter.setStatuses({ReportStatus::New});
    filter.setSearchText(u"σερρες"_s);
    QCOMPARE(visibleIds(filter), QList<qint64>{1});

    // Acknowledged elsewhere: it leaves the "new" queue.
    Report r = *store.find(1);
    r.version = 2;
    r.status = ReportStatus::Acknowledged;
    QVERIFY(store.applyEvent(1, r));
    QCOMPARE(visibleIds(filter), QList<qint64>{});

    // A new report about Serres arrives live, and its description is searched freshly.
    QVERIFY(store.applyEvent(2,
        makeReport(9, ReportStatus::New, u"bench"_s, 1, std::nullopt, Priority::Normal, kDay,
            u"Σπασμένο παγκάκι στις ΣΈΡΡΕΣ"_s)));
    QCOMPARE(visibleIds(filter), QList<qint64>{9});
}

void tst_ReportModels::sortsByValue()
{
    ManualClock clock(kNow);
    ReportStore store;
    ReportTableModel table(&store, clock);
    ReportFilterModel filter;
    filter.setSourceModel(&table);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    fill(store);

    auto order = [&filter] {
        QList<qint64> ids;
        for (int row = 0; row < filter.rowCount(); ++row)
            ids.append(filter.index(row, 0).data(ReportTableModel::IdRole).toLongLong());
        return ids;
    };
    filter.sort(ReportTableModel::Priority, Qt::DescendingOrder);
    QCOMPARE(order().first(), 3); // urgent
    QCOMPARE(order().last(), 4); // low
    filter.sort(ReportTableModel::Age, Qt::AscendingOrder);
    QCOMPARE(order(), (QList<qint64>{4, 1, 2, 3, 5})); // youngest first
    filter.sort(ReportTableModel::Id, Qt::DescendingOrder);
    QCOMPARE(order(), (QList<qint64>{5, 4, 3, 2, 1}));

    // A live change re-sorts (dynamic sort): report 4 becomes the most urgent.
    filter.sort(ReportTableModel::Priority, Qt::DescendingOrder);
    Report r = *store.find(4);
    r.version = 2;
    r.priority = Priority::Urgent;
    store.upsert(r);
    QCOMPARE(filter.index(0, 0).data(ReportTableModel::PriorityRole).value<Priority>(), Priority::Urgent);
    QCOMPARE(filter.index(1, 0).data(ReportTableModel::PriorityRole).value<Priority>(), Priority::Urgent);
}

void tst_ReportModels::overdueReportsStandOut()
{
    ManualClock clock(kNow);
    ReportStore store;
    ReportTableModel model(&store, clock);
    Report late = makeReport(1, ReportStatus::Acknowledged); // filed a day ago
    late.dueMs = kNow - kHour; // due an hour ago
    Report inTime = makeReport(2, ReportStatus::New);
    inTime.dueMs = kNow + kDay;
    Report doneLate = makeReport(3, ReportStatus::Resolved);
    doneLate.dueMs = kNow - kDay;
    const Report noLevel = makeReport(4, ReportStatus::New, u"pothole"_s, 1, std::nullopt, Priority::Normal, 30 * kDay);
    store.upsertAll({late, inTime, doneLate, noLevel});

    const auto overdue = [&](qint64 id) { return model.index(model.rowOf(id), 0).data(ReportTableModel::OverdueRole); };
    QCOMPARE(overdue(1).toBool(), true);
    QCOMPARE(overdue(2).toBool(), false);
    QCOMPARE(overdue(3).toBool(), false); // resolved: nothing left to be late with
    QCOMPARE(overdue(4).toBool(), false); // no service level: never overdue, however old
    QCOMPARE(model.index(model.rowOf(1), ReportTableModel::Address).data(Qt::BackgroundRole).value<QColor>(),
        QColor(0xfd, 0xe2, 0xe1));
    QVERIFY(!model.index(model.rowOf(2), ReportTableModel::Address).data(Qt::BackgroundRole).isValid());
    QVERIFY(model.index(model.rowOf(1), 0)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(ReportTableModel::tr("Overdue: due %1").section(u'%', 0, 0)));
    QCOMPARE(model.index(model.rowOf(2), 0).data(ReportTableModel::DueRole).toLongLong(), kNow + kDay);
    QVERIFY(!model.index(model.rowOf(4), 0).data(ReportTableModel::DueRole).isValid());

    // Time passes: the one in time is late now, and the model says so for its whole row (the
    // main window calls refreshTimes every minute), while the rows already late or never late
    // get only their Age cell refreshed.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    clock.setMs(kNow + kDay + 1);
    QCOMPARE(overdue(2).toBool(), true);
    model.refreshTimes();
    QCOMPARE(changed.size(), 2);
    const int row2 = model.rowOf(2);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), model.index(row2, 0));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), model.index(row2, ReportTableModel::ColumnCount - 1));
    QCOMPARE(changed.at(1).at(0).toModelIndex(), model.index(0, ReportTableModel::Age));
    QCOMPARE(changed.at(1).at(1).toModelIndex(), model.index(model.rowCount() - 1, ReportTableModel::Age));
    // Nothing crossed its due time since: only the Age column again.
    changed.clear();
    clock.advanceMs(60'000);
    model.refreshTimes();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(ReportTableModel::Age));
}

QTEST_GUILESS_MAIN(tst_ReportModels)
#include "tst_ReportModels.moc"
