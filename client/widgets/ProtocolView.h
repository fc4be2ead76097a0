#pragma once

#include <QWidget>

#include <utility>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace dimos {

class Session;
struct ApiFailure;
struct ProtocolEntryView;

// "Protocol register": search the document protocol (number, date range, subject or
// correspondent — case and accents ignored —, department, direction, book) and export what
// matches as CSV for another protocol system or a spreadsheet. Clerks never see the
// confidential book; the server filters it (docs/PROTOCOL.md).
class ProtocolView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProtocolView)

public:
    explicit ProtocolView(Session *session, QWidget *parent = nullptr);
    ~ProtocolView() override;

    void search();
    // The filters as the API names them (also used for the CSV export).
    QList<std::pair<QString, QString>> filters() const;
    QTableView *table() const { return m_table; }
    // Where the last export was saved (tests set it instead of a file dialog).
    void setExportTarget(const QString &fileName) { m_exportTarget = fileName; }
    // Imports another protocol system's CSV file into the chosen book (admins; tests call it
    // with a file instead of the dialog).
    void importFile(const QString &fileName);

Q_SIGNALS:
    void searched(int shown, int total);
    void exported(const QString &fileName);
    void imported(int count);

private:
    void showEntries(const QList<ProtocolEntryView> &entries, int total);
    void exportCsv();
    void fillDepartments();

    Session *m_session;
    QComboBox *m_book;
    QLineEdit *m_number;
    QCheckBox *m_useFrom;
    QDateEdit *m_from;
    QCheckBox *m_useTo;
    QDateEdit *m_to;
    QLineEdit *m_text;
    QComboBox *m_department;
    QComboBox *m_direction;
    QPushButton *m_search;
    QPushButton *m_export;
    QPushButton *m_import = nullptr; // admins only
    QLabel *m_status;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QString m_exportPath;
    QString m_exportTarget;
};

} // namespace dimos
