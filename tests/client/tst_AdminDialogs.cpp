// The desk's administration dialogs against dimosd in-process with the demo municipality: the
// administrator adds a department, a staff user (and resets their password, shown once), a
// category with its own field and a canned response, and a routing rule for an area of a GIS
// layer — each through its dialog, each checked on the server as stored. With
// DIMOS_SCREENSHOT_DIR set it saves desk-admin-<dialog>-<lang>.png (DIMOS_SCREENSHOT_LANG=el
// for the Greek translation).
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

#include "client/app/Session.h"
#include "client/store/ReportStore.h"
#include "client/widgets/CategoriesDialog.h"
#include "client/widgets/DepartmentsDialog.h"
#include "client/widgets/RoutingRulesDialog.h"
#include "client/widgets/StaffUsersDialog.h"
#include "server/app/AppContext.h"
#include "server/app/DemoSeeder.h"
#include "server/gis/GisLayers.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/RoutingRuleRepository.h"
#include "server/storage/UserRepository.h"
#include "support/TestServer.h"

using namespace Qt::StringLiterals;
using namespace dimos;
using namespace dimos::test;

namespace {

bool waitFor(QSignalSpy &spy, int ms = 10000)
{
    return !spy.isEmpty() || spy.wait(ms);
}

template <typename T> T *child(QWidget *parent, const QString &name)
{
    return parent->findChild<T *>(name);
}

// Two municipal units over the centre of Serres.
QString writeUnits(const QString &folder)
{
    const QString path = folder + u"/units.geojson"_s;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"name":"Κέντρο"},"geometry":{"type":"Polygon","coordinates":[[[23.54,41.08],[23.555,41.08],[23.555,41.10],[23.54,41.10],[23.54,41.08]]]}},
{"type":"Feature","properties":{"name":"Ανατολικά"},"geometry":{"type":"Polygon","coordinates":[[[23.555,41.08],[23.58,41.08],[23.58,41.10],[23.555,41.10],[23.555,41.08]]]}}]})");
    return path;
}

} // namespace

class tst_AdminDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void departmentsUsersCategoriesAndRules();

private:
    bool m_greek = false;
    QString m_lang = u"en"_s;
    QString m_screenshots;
};

void tst_AdminDialogs::initTestCase()
{
    m_greek = qEnvironmentVariable("DIMOS_SCREENSHOT_LANG") == u"el";
    if (m_greek) {
        auto *translator = new QTranslator(this);
        QVERIFY(translator->load(QStringLiteral(DIMOS_QM_DIR) + u"/dimos_el.qm"_s));
        QCoreApplication::installTranslator(translator);
        QLocale::setDefault(QLocale(QLocale::Greek, QLocale::Greece));
        m_lang = u"el"_s;
    }
    m_screenshots = qEnvironmentVariable("DIMOS_SCREENSHOT_DIR");
}

void tst_AdminDialogs::departmentsUsersCategoriesAndRules()
{
    TestServer ts;
    QString error;
    QVERIFY2(ts.start(&error), qPrintable(error));
    QStringList summary;
    QVERIFY2(DemoSeeder(ts.server()).seed(30, &summary, &error), qPrintable(error));
    LayerImportRequest layer;
    layer.path = writeUnits(ts.dataDir());
    layer.code = u"units"_s;
    layer.kind = u"municipal_units"_s;
    layer.nameEl = u"Δημοτικές κοινότητες"_s;
    layer.nameEn = u"Municipal units"_s;
    QVERIFY2(ts.ctx().gis->importLayer(layer, {}, &error), qPrintable(error));
    const qint64 roads = ts.ctx().catalog->departmentByCode(u"roads"_s)->id;
    const StaffUser maria = *ts.ctx().users->findByUsername(u"m.papadopoulou"_s);

    QTemporaryDir cacheDir;
    Session session;
    session.prepare(ts.url(QString()), cacheDir.path());
    session.store()->setLanguage(m_lang);
    QSignalSpy loggedIn(session.api(), &ApiClient::loggedIn);
    session.api()->login(u"admin"_s, QString::fromLatin1(DemoSeeder::kDemoPassword));
    QVERIFY(loggedIn.wait(10000));
    session.begin(loggedIn.first().at(0).toString(), loggedIn.first().at(1).value<StaffMember>());
    QTRY_VERIFY_WITH_TIMEOUT(!session.store()->departments().isEmpty() && !session.store()->users().isEmpty()
            && !session.store()->categories().isEmpty(),
        10000);
    auto screenshot = [&](QWidget *w, const QString &name) {
        if (m_screenshots.isEmpty())
            return;
        QVERIFY(w->grab().save(m_screenshots + u"/desk-admin-"_s + name + u'-' + m_lang + u".png"_s));
    };

    // Departments: a new one.
    {
        DepartmentsDialog dialog(&session);
        QSignalSpy loaded(&dialog, &DepartmentsDialog::loaded);
        dialog.show();
        QVERIFY(waitFor(loaded));
        QVERIFY(loaded.first().at(0).toInt() >= 10);
        QVERIFY(dialog.select(QString()));
        child<QLineEdit>(&dialog, u"departmentCode"_s)->setText(u"parking"_s);
        child<QLineEdit>(&dialog, u"departmentNameEl"_s)->setText(u"Δημοτική Αστυνομία — Στάθμευση"_s);
        child<QLineEdit>(&dialog, u"departmentNameEn"_s)->setText(u"Municipal Police — Parking"_s);
        child<QLineEdit>(&dialog, u"departmentEmail"_s)->setText(u"parking@example.org"_s);
        QSignalSpy saved(&dialog, &DepartmentsDialog::saved);
        QSignalSpy failed(&dialog, &DepartmentsDialog::failed);
        dialog.save();
        QVERIFY2(waitFor(saved), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        const auto stored = ts.ctx().catalog->departmentByCode(u"parking"_s);
        QVERIFY(stored);
        QCOMPARE(stored->name.en, u"Municipal Police — Parking"_s);
        QCOMPARE(stored->email, u"parking@example.org"_s);
        QTRY_VERIFY(dialog.select(u"roads"_s));
        screenshot(&dialog, u"departments"_s);
        // A refused save says why and stores nothing.
        QVERIFY(dialog.select(QString()));
        child<QLineEdit>(&dialog, u"departmentCode"_s)->setText(u"roads"_s);
        child<QLineEdit>(&dialog, u"departmentNameEl"_s)->setText(u"Διπλό"_s);
        child<QLineEdit>(&dialog, u"departmentNameEn"_s)->setText(u"Twice"_s);
        failed.clear();
        dialog.save();
        QVERIFY(waitFor(failed));
        QCOMPARE(ts.ctx().catalog->departmentByCode(u"roads"_s)->name.en, u"Technical Services — Roads"_s);
    }

    // Staff users: a new manager in two departments; then a password reset, shown once.
    {
        StaffUsersDialog dialog(&session);
        QSignalSpy loaded(&dialog, &StaffUsersDialog::loaded);
        dialog.show();
        QVERIFY(waitFor(loaded));
        child<QLineEdit>(&dialog, u"userName"_s)->setText(u"g.nikolaou"_s);
        child<QLineEdit>(&dialog, u"userDisplayName"_s)->setText(u"Γιώργος Νικολάου"_s);
        child<QLineEdit>(&dialog, u"userEmail"_s)->setText(u"g.nikolaou@example.org"_s);
        auto *role = child<QComboBox>(&dialog, u"userRole"_s);
        role->setCurrentIndex(role->findData(u"manager"_s));
        auto *departments = child<QListWidget>(&dialog, u"userDepartments"_s);
        int checked = 0;
        for (int i = 0; i < departments->count(); ++i) {
            const qint64 id = departments->item(i)->data(Qt::UserRole).toLongLong();
            if (id == roads || id == ts.ctx().catalog->departmentByCode(u"traffic"_s)->id) {
                departments->item(i)->setCheckState(Qt::Checked);
                ++checked;
            }
        }
        QCOMPARE(checked, 2);
        child<QLineEdit>(&dialog, u"userFirstPassword"_s)->setText(u"first password 2026"_s);
        QSignalSpy saved(&dialog, &StaffUsersDialog::saved);
        QSignalSpy failed(&dialog, &StaffUsersDialog::failed);
        dialog.save();
        QVERIFY2(waitFor(saved), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        auto stored = ts.ctx().users->findByUsername(u"g.nikolaou"_s);
        QVERIFY(stored);
        QCOMPARE(stored->role, Role::Manager);
        QCOMPARE(stored->departmentIds.size(), 2);
        QVERIFY(stored->departmentIds.contains(roads));

        QSignalSpy reset(&dialog, &StaffUsersDialog::passwordReset);
        dialog.resetPassword();
        QVERIFY2(waitFor(reset), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        const QString shown = child<QLineEdit>(&dialog, u"userNewPassword"_s)->text();
        QVERIFY(shown.size() >= 16);
        QVERIFY(ts.ctx().users->findById(stored->id)->mustChangePassword);
        QCOMPARE(
            ts.postJson(u"/api/v1/auth/login"_s, {{u"username"_s, u"g.nikolaou"_s}, {u"password"_s, shown}}).status,
            200);
        screenshot(&dialog, u"users"_s);

        // Switched off: stored as inactive.
        QTRY_VERIFY(dialog.select(u"g.nikolaou"_s));
        child<QCheckBox>(&dialog, u"userActive"_s)->setChecked(false);
        saved.clear();
        dialog.save();
        QVERIFY(waitFor(saved));
        QVERIFY(!ts.ctx().users->findByUsername(u"g.nikolaou"_s)->active);
    }

    // Categories: a new one with its own field (a value list) and a canned response.
    {
        CategoriesDialog dialog(&session);
        QSignalSpy loaded(&dialog, &CategoriesDialog::loaded);
        dialog.show();
        QVERIFY(waitFor(loaded));
        child<QLineEdit>(&dialog, u"categoryCode"_s)->setText(u"fallen_tree"_s);
        child<QLineEdit>(&dialog, u"categoryNameEl"_s)->setText(u"Πεσμένο δέντρο"_s);
        child<QLineEdit>(&dialog, u"categoryNameEn"_s)->setText(u"Fallen tree"_s);
        child<QLineEdit>(&dialog, u"categoryIcon"_s)->setText(u"tree"_s);
        auto *department = child<QComboBox>(&dialog, u"categoryDepartment"_s);
        department->setCurrentIndex(department->findData(ts.ctx().catalog->departmentByCode(u"greenery"_s)->id));
        child<QSpinBox>(&dialog, u"categorySla"_s)->setValue(2);
        child<QCheckBox>(&dialog, u"categoryModerated"_s)->setChecked(true);
        dialog.addField(QJsonObject{{u"code"_s, u"tree_kind"_s}, {u"datatype"_s, u"singlevaluelist"_s},
            {u"required"_s, true}, {u"description"_s, QJsonObject{{u"el"_s, u"Είδος"_s}, {u"en"_s, u"Kind"_s}}},
            {u"datatype_description"_s, QJsonObject{{u"el"_s, u"Αν το γνωρίζετε"_s}, {u"en"_s, u"If you know"_s}}}});
        auto *fields = child<QTableWidget>(&dialog, u"categoryFields"_s);
        QCOMPARE(fields->rowCount(), 1);
        fields->item(0, 5)->setText(u"plane = Πλάτανος | Plane; pine = Πεύκο | Pine"_s);
        dialog.addField(QJsonObject{{u"code"_s, u"blocks_road"_s}, {u"datatype"_s, u"string"_s},
            {u"description"_s,
                QJsonObject{{u"el"_s, u"Κλείνει τον δρόμο;"_s}, {u"en"_s, u"Does it block the road?"_s}}}});
        dialog.addResponse(
            QJsonObject{{u"title"_s, QJsonObject{{u"el"_s, u"Απομακρύνθηκε"_s}, {u"en"_s, u"Removed"_s}}},
                {u"text"_s,
                    QJsonObject{{u"el"_s, u"Το συνεργείο απομάκρυνε το δέντρο."_s},
                        {u"en"_s, u"The crew removed the tree."_s}}}});
        QSignalSpy saved(&dialog, &CategoriesDialog::saved);
        QSignalSpy failed(&dialog, &CategoriesDialog::failed);
        dialog.save();
        QVERIFY2(waitFor(saved), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        const auto stored = ts.ctx().catalog->category(u"fallen_tree"_s);
        QVERIFY(stored);
        QCOMPARE(stored->icon, u"tree"_s);
        QCOMPARE(stored->slaDays, 2);
        QVERIFY(stored->moderated);
        QCOMPARE(stored->attributes.size(), 2);
        QCOMPARE(stored->attributes.at(0).code, u"tree_kind"_s);
        QVERIFY(stored->attributes.at(0).required);
        QCOMPARE(stored->attributes.at(0).values.size(), 2);
        QCOMPARE(stored->attributes.at(0).values.at(1).key, u"pine"_s);
        QCOMPARE(stored->attributes.at(0).values.at(1).name.en, u"Pine"_s);
        QCOMPARE(stored->attributes.at(1).code, u"blocks_road"_s);
        QCOMPARE(stored->responses.size(), 1);
        QCOMPARE(stored->responses.at(0).text.el, u"Το συνεργείο απομάκρυνε το δέντρο."_s);
        // Live at once for Open311 clients.
        const Reply definition = ts.get(u"/open311/v2/services/fallen_tree.json"_s);
        QCOMPARE(definition.status, 200);
        QCOMPARE(definition.object().value(u"attributes"_s).toArray().size(), 2);
        QTRY_VERIFY(dialog.select(u"fallen_tree"_s));
        dialog.showTab(1);
        screenshot(&dialog, u"categories"_s);
    }

    // Routing rules: potholes in the centre go to Maria of the roads department.
    {
        RoutingRulesDialog dialog(&session);
        QSignalSpy loaded(&dialog, &RoutingRulesDialog::loaded);
        dialog.show();
        QVERIFY(waitFor(loaded));
        QVERIFY(dialog.choose(u"pothole"_s, u"units"_s, u"Κέντρο"_s, roads, maria.id));
        QCOMPARE(child<QComboBox>(&dialog, u"ruleArea"_s)->count(), 2);
        QSignalSpy saved(&dialog, &RoutingRulesDialog::saved);
        QSignalSpy failed(&dialog, &RoutingRulesDialog::failed);
        dialog.save();
        QVERIFY2(waitFor(saved), failed.isEmpty() ? "" : qPrintable(failed.first().at(0).toString()));
        const QList<RoutingRule> rules = ts.ctx().routingRules->list();
        QCOMPARE(rules.size(), 1);
        QCOMPARE(rules.at(0).categoryCode, u"pothole"_s);
        QCOMPARE(rules.at(0).layerCode, u"units"_s);
        QCOMPARE(rules.at(0).featureName, u"Κέντρο"_s);
        QCOMPARE(rules.at(0).departmentId, std::optional<qint64>(roads));
        QCOMPARE(rules.at(0).assigneeId, std::optional<qint64>(maria.id));
        QTRY_COMPARE(child<QListWidget>(&dialog, u"ruleList"_s)->count(), 1);
        screenshot(&dialog, u"routing"_s);

        QSignalSpy removed(&dialog, &RoutingRulesDialog::removed);
        dialog.remove();
        QVERIFY(waitFor(removed));
        QVERIFY(ts.ctx().routingRules->list().isEmpty());
    }
}

QTEST_MAIN(tst_AdminDialogs)
#include "tst_AdminDialogs.moc"
