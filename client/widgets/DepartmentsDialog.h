#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace dimos {

class Session;

// Administration → Departments (admin role): the municipality's departments with their Greek
// and English names, the mailbox they read, and whether they take reports. Saved through the
// API (POST/PUT /api/v1/departments); the lookup tables of the desk are reloaded after a save.
class DepartmentsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DepartmentsDialog)

public:
    explicit DepartmentsDialog(Session *session, QWidget *parent = nullptr);
    ~DepartmentsDialog() override;

    // Shows a department by code in the editor (tests, screenshots); empty: a new one.
    bool select(const QString &code);
    QJsonObject edited() const;
    void save();

Q_SIGNALS:
    void loaded(int count);
    void saved(const QString &code);
    void failed(const QString &message);

private:
    void reload();
    void showDepartment(const QJsonObject &department);

    Session *m_session;
    QJsonArray m_departments;
    qint64 m_id = 0; // 0: a new department
    QListWidget *m_list;
    QLineEdit *m_code;
    QLineEdit *m_nameEl;
    QLineEdit *m_nameEn;
    QLineEdit *m_email;
    QCheckBox *m_active;
    QLabel *m_status;
};

} // namespace dimos
