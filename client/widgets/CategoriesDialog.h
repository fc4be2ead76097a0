#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace dimos {

class Session;

// Administration → Categories (admin role): the problem categories citizens report in and the
// information categories staff publish in, each with Greek and English names, description and
// group, an icon, the handling department, whether web reports wait for a moderator, the
// service level in days, the category's own fields (a field editor: code, every Open311
// datatype, required, order, Greek/English question and help, value lists) and its canned
// public responses. Saved through the API (POST/PUT /api/v1/categories): the Open311 service
// definitions, the web form and the desk follow at once.
class CategoriesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CategoriesDialog)

public:
    explicit CategoriesDialog(Session *session, QWidget *parent = nullptr);
    ~CategoriesDialog() override;

    // Shows a category by code in the editor (tests, screenshots); empty: a new one.
    bool select(const QString &code);
    QJsonObject edited() const;
    void save();
    // Rows of the field and response editors, as the buttons add them (tests fill them in).
    void addField(const QJsonObject &field);
    void addResponse(const QJsonObject &response);
    void showTab(int index);

Q_SIGNALS:
    void loaded(int count);
    void saved(const QString &code);
    void failed(const QString &message);

private:
    void reload();
    void showCategory(const QJsonObject &category);
    void moveField(int delta);

    Session *m_session;
    QJsonArray m_categories;
    bool m_isNew = true;
    QJsonArray m_previousFields; // as loaded: value keys stay stable across edits
    QListWidget *m_list;
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
    QLabel *m_status;
};

} // namespace dimos
