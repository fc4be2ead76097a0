#include "AdminListDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QUrl>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

AdminListDialog::AdminListDialog(Session *session, Resource resource, QWidget *parent)
    : QDialog(parent), m_session(session), m_resource(std::move(resource))
{ }

AdminListDialog::~AdminListDialog() = default;

void AdminListDialog::buildFrame(
    const QString &listObjectName, const QString &listName, const QString &newText, QWidget *editor, int editorStretch)
{
    auto *outer = new QVBoxLayout(this);
    auto *split = new QSplitter(this);
    outer->addWidget(split, 1);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    m_list = new QListWidget(left);
    m_list->setObjectName(listObjectName);
    m_list->setAccessibleName(listName);
    auto *add = new QPushButton(newText, left);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(add);
    split->addWidget(editor);
    split->setStretchFactor(1, editorStretch);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    outer->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &AdminListDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] { select(QString()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_items.size())
            present(m_items.at(row).toObject());
    });
    select(QString());
    reload();
}

QString AdminListDialog::savedText() const
{
    return tr("Saved.");
}

void AdminListDialog::setStatus(const QString &text)
{
    m_status->setText(text);
}

void AdminListDialog::present(const QJsonObject &item)
{
    m_current = item;
    showItem(item);
    m_status->clear();
}

void AdminListDialog::reload()
{
    m_session->api()->callJson("GET"_ba, m_resource.path, nullptr, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(failure.message);
                return Q_EMIT failed(failure.message);
            }
            m_items = answer->value(m_resource.listKey).toArray();
            const QString lang = m_session->store()->language();
            const QSignalBlocker block(m_list);
            m_list->clear();
            for (const QJsonValue &v : std::as_const(m_items))
                m_list->addItem(itemLabel(v.toObject(), lang));
            // The item being edited stays selected.
            if (!isNew())
                for (int i = 0; i < m_items.size(); ++i)
                    if (m_items.at(i).toObject().value(m_resource.keyField) == m_current.value(m_resource.keyField))
                        m_list->setCurrentRow(i);
            Q_EMIT loaded(int(m_items.size()));
        });
}

bool AdminListDialog::select(const QString &key)
{
    if (key.isEmpty()) {
        const QSignalBlocker block(m_list);
        m_list->setCurrentRow(-1);
        present(newItem());
        return true;
    }
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).toObject().value(m_resource.keyField).toString() == key) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(i);
            present(m_items.at(i).toObject());
            return true;
        }
    return false;
}

void AdminListDialog::save()
{
    const QJsonObject body = edited();
    const bool creating = isNew();
    const QString path = creating ? m_resource.path
        : m_resource.putById
        ? QString(m_resource.path + u'/' + QString::number(m_current.value(u"id"_s).toInteger()))
        : QString(m_resource.path + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(currentKey())));
    m_session->api()->callJson(creating ? "POST"_ba : "PUT"_ba, path, &body, this,
        [this](const std::optional<QJsonObject> &answer, const ApiFailure &failure) {
            if (!answer) {
                m_status->setText(tr("Not saved: %1").arg(failure.message));
                return Q_EMIT failed(failure.message);
            }
            const QJsonObject stored = answer->value(m_resource.itemKey).toObject();
            m_current = stored;
            afterSave(stored);
            m_status->setText(savedText());
            reload();
            Q_EMIT saved(stored.value(m_resource.keyField).toString());
        });
}

} // namespace dimos
