#pragma once

#include "client/widgets/AdminListDialog.h"

class QCheckBox;
class QLineEdit;

namespace dimos {

// Administration → Departments (admin role): the municipality's departments with their Greek
// and English names, the mailbox they read, and whether they take reports. Saved through the
// API (POST/PUT /api/v1/departments); the lookup tables of the desk are reloaded after a save.
class DepartmentsDialog final : public AdminListDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DepartmentsDialog)

public:
    explicit DepartmentsDialog(Session *session, QWidget *parent = nullptr);
    ~DepartmentsDialog() override;

    QJsonObject edited() const override;

protected:
    QJsonObject newItem() const override;
    void showItem(const QJsonObject &department) override;
    QString itemLabel(const QJsonObject &department, const QString &language) const override;
    void afterSave(const QJsonObject &stored) override;

private:
    QLineEdit *m_code;
    QLineEdit *m_nameEl;
    QLineEdit *m_nameEn;
    QLineEdit *m_email;
    QCheckBox *m_active;
};

} // namespace dimos
