#pragma once

#include "client/widgets/AdminListDialog.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace dimos {

// Administration → Categories (admin role): the problem categories citizens report in and the
// information categories staff publish in, each with Greek and English names, description and
// group, an icon, the handling department, whether web reports wait for a moderator, the
// service level in days, the category's own fields (a field editor: code, every Open311
// datatype, required, order, Greek/English question and help, value lists) and its canned
// public responses. Saved through the API (POST/PUT /api/v1/categories): the Open311 service
// definitions, the web form and the desk follow at once.
class CategoriesDialog final : public AdminListDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoriesDialog)

public:
    explicit CategoriesDialog(Session *session, QWidget *parent = nullptr);
    ~CategoriesDialog() override;

    QJsonObject edited() const override;
    // Rows of the field and response editors, as the buttons add them (tests fill them in).
    void addField(const QJsonObject &field);
    void addResponse(const QJsonObject &response);
    void showTab(int index);

protected:
    QJsonObject newItem() const override;
    void showItem(const QJsonObject &category) override;
    QString itemLabel(const QJsonObject &category, const QString &language) const override;
    void afterSave(const QJsonObject &stored) override;
    QString savedText() const override;

private:
    void moveField(int delta);

    QJsonArray m_previousFields; // as loaded: value keys stay stable across edits
    QTabWidget *m_tabs;
    QLineEdit *m_code;
    QComboBox *m_kind;
    QLineEdit *m_nameEl;
    QLineEdit *m_nameEn;
    QPlainTextEdit *m_descriptionEl;
    QPlainTextEdit *m_descriptionEn;
    QLineEdit *m_groupEl;
    QLineEdit *m_groupEn;
    QLineEdit *m_icon;
    QLineEdit *m_keywords;
    QComboBox *m_department;
    QSpinBox *m_sla;
    QCheckBox *m_moderated;
    QCheckBox *m_active;
    QTableWidget *m_fields;
    QTableWidget *m_responses;
};

} // namespace dimos
