#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace dimos {

class Session;
struct ApiFailure;

// Administration → Request types (admin role): what citizens can ask for — certificates and
// attestations, programme enrolments. Each with Greek and English texts, the handling
// department, the legal deadline in days, the fee, an enrolment window for programmes, its own
// form fields (Open311 datatypes, value lists, required, help), the supporting documents it
// requires, and the answer document's title and template. Saved through the API
// (POST/PUT /api/v1/request-types); the web form follows at once.
class RequestTypesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestTypesDialog)

public:
    explicit RequestTypesDialog(Session *session, QWidget *parent = nullptr);
    ~RequestTypesDialog() override;

    // Shows a type by code in the editor (tests, screenshots); empty: a new one.
    bool select(const QString &code);
    // The type as the editor holds it now, as the API takes it.
    QJsonObject edited() const;
    void save();

Q_SIGNALS:
    void loaded(int count);
    void saved(const QString &code);
    void failed(const QString &message);

private:
    void fillList();
    void showType(const QJsonObject &type);
    void onLoaded(const QJsonArray &types);
    void addFieldRow(const QJsonObject &field);
    void addDocumentRow(const QJsonObject &document);

    Session *m_session;
    QJsonArray m_types;
    bool m_isNew = true;
    QListWidget *m_list;
    QLineEdit *m_code;
    QComboBox *m_kind;
    QLineEdit *m_nameEl;
    QLineEdit *m_nameEn;
    QPlainTextEdit *m_descriptionEl;
    QPlainTextEdit *m_descriptionEn;
    QComboBox *m_department;
    QSpinBox *m_deadline;
    QLineEdit *m_feeEl;
    QLineEdit *m_feeEn;
    QLineEdit *m_opensOn;
    QLineEdit *m_closesOn;
    QCheckBox *m_active;
    QTableWidget *m_fields;
    QTableWidget *m_documents;
    QLineEdit *m_answerTitleEl;
    QLineEdit *m_answerTitleEn;
    QPlainTextEdit *m_template;
    QLabel *m_status;
    QPushButton *m_save;
};

} // namespace dimos
