#pragma once

#include <QDialog>
#include <QList>

#include <optional>

#include "shared/domain/Category.h"
#include "shared/domain/ReportStatus.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace dimos {

// Small dialogs for the triage actions that need more than one click. They only collect
// what the clerk decides; the main window sends it.

// Change status, with a note that is public (goes to the citizen) or internal.
class StatusDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDialog)

public:
    // `from`: the current status of the report(s); the list offers only allowed moves.
    StatusDialog(ReportStatus from, int reportCount, QWidget *parent = nullptr);
    void setStatus(ReportStatus status);
    ReportStatus status() const;
    QString note() const;
    bool notePublic() const;
    // The categories' canned public notes, offered in a "Ready answer" list that fills the note.
    void setResponses(const QList<CannedResponse> &responses, const QString &language);

private:
    QComboBox *m_statusCombo;
    QComboBox *m_responseCombo;
    QPlainTextEdit *m_noteEdit;
    QCheckBox *m_publicCheck;
};

// A note without a status change.
class NoteDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoteDialog)

public:
    explicit NoteDialog(bool publicByDefault, QWidget *parent = nullptr);
    QString text() const;
    bool isPublic() const;
    // The categories' canned public notes, offered in a "Ready answer" list that fills the note.
    void setResponses(const QList<CannedResponse> &responses, const QString &language);

private:
    QComboBox *m_responseCombo;
    QPlainTextEdit *m_textEdit;
    QCheckBox *m_publicCheck;
};

// Department and clerk.
class AssignDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AssignDialog)

public:
    struct Person
    {
        qint64 id = 0;
        QString name;
        QList<qint64> departmentIds;
    };
    struct Choice
    {
        qint64 id = 0;
        QString name;
    };
    AssignDialog(const QList<Choice> &departments, const QList<Person> &people, std::optional<qint64> department,
        std::optional<qint64> assignee, bool mayChangeDepartment, QWidget *parent = nullptr);
    std::optional<qint64> departmentId() const;
    std::optional<qint64> assigneeId() const; // nothing: unassigned

private:
    void fillPeople();
    QComboBox *m_departmentCombo;
    QComboBox *m_assigneeCombo;
    QList<Person> m_people;
    std::optional<qint64> m_initialAssignee;
};

// Mark as a duplicate of another report.
class DuplicateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DuplicateDialog)

public:
    explicit DuplicateDialog(qint64 reportId, QWidget *parent = nullptr);
    qint64 originalId() const;
    QString note() const;

private:
    QSpinBox *m_originalSpin;
    QPlainTextEdit *m_noteEdit;
};

// When the work is expected to be done.
class ScheduleDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDialog)

public:
    ScheduleDialog(std::optional<qint64> currentMs, QWidget *parent = nullptr);
    std::optional<qint64> expectedMs() const; // nothing: clear
private:
    QDateEdit *m_dateEdit;
    QCheckBox *m_clearCheck;
};

// Replaces a report's description, e.g. to remove personal data before it is public. The old
// text is kept nowhere; the reason goes into the internal history.
class RedactDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedactDialog)

public:
    RedactDialog(qint64 reportId, const QString &description, QWidget *parent = nullptr);
    QString description() const;
    QString reason() const;

private:
    void check();
    QPlainTextEdit *m_textEdit;
    QLineEdit *m_reasonEdit;
    QPushButton *m_okButton = nullptr;
};

} // namespace dimos
