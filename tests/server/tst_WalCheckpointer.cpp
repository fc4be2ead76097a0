// The WAL checkpoints run from their own thread: the serving connection never checkpoints
// (wal_autocheckpoint = 0), the log is still moved into the database while the server runs,
// the last checkpoint empties it, and every committed row survives a reopen.
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "server/storage/Database.h"
#include "server/storage/WalCheckpointer.h"

using namespace Qt::StringLiterals;
using namespace dimos;

class tst_WalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkpointsRunInTheBackground();
    void withoutItSqliteCheckpointsItself();
    void unopenableDatabaseIsReportedNotFatal();
};

namespace {
qint64 walSize(const QString &db)
{
    return QFileInfo(db + u"-wal"_s).size();
}

void fill(Database &db, int rows)
{
    db.run(u"CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)"_s);
    const QString payload(2000, u'x');
    for (int i = 0; i < rows; ++i)
        db.transaction([&] { db.run(u"INSERT INTO t (payload) VALUES (?)"_s, {payload}); });
}
} // namespace

void tst_WalCheckpointer::checkpointsRunInTheBackground()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dimos.sqlite"_s);
    DatabaseOptions options;
    options.sqlitePath = path;
    options.backgroundCheckpointMs = 60'000; // only when nudged, so the test decides when
    QString error;
    {
        auto db = Database::open(options, &error);
        QVERIFY2(db, qPrintable(error));
        {
            QSqlQuery q = db->run(u"PRAGMA wal_autocheckpoint"_s);
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        // 3,000 commits of 2 KB: SQLite alone would have checkpointed (every 1,000 pages).
        fill(*db, 3000);
        QVERIFY(walSize(path) > 4'000'000);

        WalCheckpointer probe(path, 20);
        QTRY_VERIFY(probe.checkpoints() > 0);
        QVERIFY2(probe.pagesMoved() > 1000, qPrintable(QString::number(probe.pagesMoved())));
        QSqlQuery q = db->run(u"SELECT count(*) FROM t"_s);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3000);
    }
    // Closed: the last checkpoint truncated the log; everything is in the database file.
    QCOMPARE(walSize(path), 0);
    QVERIFY(QFileInfo(path).size() > 6'000'000);
    options.backgroundCheckpointMs = 0;
    auto again = Database::open(options, &error);
    QVERIFY2(again, qPrintable(error));
    QSqlQuery q = again->run(u"SELECT count(*), min(length(payload)) FROM t"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 3000);
    QCOMPARE(q.value(1).toInt(), 2000);
}

void tst_WalCheckpointer::withoutItSqliteCheckpointsItself()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dimos.sqlite"_s);
    DatabaseOptions options;
    options.sqlitePath = path;
    QString error;
    auto db = Database::open(options, &error);
    QVERIFY2(db, qPrintable(error));
    QSqlQuery q = db->run(u"PRAGMA wal_autocheckpoint"_s);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1000);
}

void tst_WalCheckpointer::unopenableDatabaseIsReportedNotFatal()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot open .* for checkpoints"_s));
    WalCheckpointer checkpointer(u"/nonexistent/folder/dimos.sqlite"_s, 10);
    QTest::qWait(50);
    QCOMPARE(checkpointer.checkpoints(), 0);
}

QTEST_GUILESS_MAIN(tst_WalCheckpointer)
#include "tst_WalCheckpointer.moc"
