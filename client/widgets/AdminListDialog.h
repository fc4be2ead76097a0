#pragma once

#include <QDialog>
#include <QJsonArray>
#include <QJsonObject>

class QLabel;
class QListWidget;

namespace dimos {

class Session;

// The frame of an administration window over one kind of thing of the staff API (departments,
// staff users, categories): what exists, listed on the left (GET <path>) with a "New" button,
// the subclass's editor on the right, a status line, and Save / Close. Save sends the editor's
// JSON (edited()) with POST <path> for a new item and PUT <path>/<id or key> otherwise; the
// answer's item replaces the one shown and the list is read again.
class AdminListDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminListDialog)

public:
    ~AdminListDialog() override;

    // Shows the item with this key in the editor (tests, screenshots); empty: a new one.
    bool select(const QString &key);
    // The item as the editor holds it now, as the API takes it.
    virtual QJsonObject edited() const = 0;
    void save();

Q_SIGNALS:
    void loaded(int count);
    void saved(const QString &key);
    void failed(const QString &message);

protected:
    struct Resource
    {
        QString path; // e.g. /api/v1/departments
        QString listKey; // the list's member in GET's answer, e.g. "departments"
        QString itemKey; // the item's member in a save's answer, e.g. "department"
        QString keyField; // what names an item, e.g. "code"; a new item has none
        bool putById = false; // PUT <path>/<id> (else PUT <path>/<key>)
    };

    AdminListDialog(Session *session, Resource resource, QWidget *parent);

    // Lays out the window around the subclass's `editor` (call at the end of its constructor):
    // the list (its object and accessible names), the "New" button's text, how much wider
    // than the list the editor is. Then shows a new item and reads the list.
    void buildFrame(const QString &listObjectName, const QString &listName, const QString &newText, QWidget *editor,
        int editorStretch);

    // What a new item starts as, how the editor shows an item, how the list names one.
    virtual QJsonObject newItem() const = 0;
    virtual void showItem(const QJsonObject &item) = 0;
    virtual QString itemLabel(const QJsonObject &item, const QString &language) const = 0;
    // After a save: the stored item is shown; the subclass refreshes what depends on it.
    virtual void afterSave(const QJsonObject &stored) = 0;
    virtual QString savedText() const;

    void reload();
    bool isNew() const { return !m_current.contains(m_resource.keyField); }
    QJsonObject current() const { return m_current; }
    QString currentKey() const { return m_current.value(m_resource.keyField).toString(); }
    void setStatus(const QString &text);

    Session *m_session;

private:
    void present(const QJsonObject &item);

    Resource m_resource;
    QJsonArray m_items;
    QJsonObject m_current;
    QListWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace dimos
