#include "ReportDetailPanel.h"

#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "client/models/ReportTableModel.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString when(qint64 ms)
{
    if (ms <= 0)
        return {};
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString row(const QString &label, const QString &valueHtml)
{
    return u"<tr><td style='color:#555;padding-right:8px;vertical-align:top'>"_s + esc(label) + u"</td><td>"_s
        + valueHtml + u"</td></tr>"_s;
}
} // namespace

ReportDetailPanel::ReportDetailPanel(QWidget *parent)
    : QWidget(parent),
      m_titleLabel(new QLabel(this)),
      m_detailsBrowser(new QTextBrowser(this)),
      m_photoList(new QListWidget(this)),
      m_historyBrowser(new QTextBrowser(this))
{
    m_titleLabel->setObjectName(u"titleLabel"_s);
    m_detailsBrowser->setObjectName(u"detailsTextBrowser"_s);
    m_historyBrowser->setObjectName(u"historyTextBrowser"_s);
    m_photoList->setObjectName(u"photoListWidget"_s);
    m_titleLabel->setWordWrap(true);
    m_titleLabel->setTextFormat(Qt::RichText);
    m_photoList->setViewMode(QListView::IconMode);
    m_photoList->setIconSize(QSize(120, 90));
    m_photoList->setMaximumHeight(110);
    m_photoList->setFlow(QListView::LeftToRight);
    m_photoList->setWrapping(false);
    m_detailsBrowser->setOpenLinks(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_detailsBrowser, 3);
    layout->addWidget(m_photoList);
    auto *historyLabel = new QLabel(tr("<b>History</b>"), this);
    layout->addWidget(historyLabel);
    layout->addWidget(m_historyBrowser, 2);
    connect(m_photoList, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { Q_EMIT photoActivated(item->data(Qt::UserRole).toString()); });
    m_photoList->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_photoList, &QWidget::customContextMenuRequested, this, &ReportDetailPanel::photoMenu);
    showNothing();
}

void ReportDetailPanel::setLookups(Lookups lookups)
{
    m_lookups = std::move(lookups);
}

QString ReportDetailPanel::language() const
{
    return QLocale().language() == QLocale::Greek ? u"el"_s : u"en"_s;
}

void ReportDetailPanel::showNothing(int selectedCount)
{
    m_reportId.reset();
    m_titleLabel->setText(selectedCount > 1 ? tr("<h3>%n reports selected</h3>", nullptr, selectedCount)
                                            : tr("<h3>No report selected</h3>"));
    m_detailsBrowser->setHtml(selectedCount > 1 ? tr("Actions apply to every selected report.")
                                                : tr("Select a report in the list or on the map."));
    m_photoList->clear();
    m_photoList->hide();
    m_historyBrowser->clear();
}

QString ReportDetailPanel::renderDetails(const Report &r) const
{
    const QString lang = language();
    const std::optional<Category> cat = m_lookups.category ? m_lookups.category(r.serviceCode) : std::nullopt;
    QString html = u"<table>"_s;
    html += row(tr("Status"),
        u"<b>"_s + esc(ReportTableModel::statusText(r.status)) + u"</b>"_s
            + (r.duplicateOf ? esc(tr(" of #%1").arg(*r.duplicateOf)) : QString()));
    html += row(tr("Category"), esc(cat ? cat->name.in(lang) : r.serviceCode));
    html += row(tr("Priority"), esc(ReportTableModel::priorityText(r.priority)));
    switch (r.visibility) {
    case Visibility::Public:
        html += row(tr("Publication"), esc(tr("public")));
        break;
    case Visibility::Unconfirmed:
        html += row(tr("Publication"), u"<b>"_s + esc(tr("waiting for the citizen's e-mail confirmation")) + u"</b>"_s);
        break;
    case Visibility::Moderation:
        html += row(tr("Publication"), u"<b>"_s + esc(tr("waiting for a moderator (Moderation menu)")) + u"</b>"_s);
        break;
    case Visibility::Hidden:
        html += row(tr("Publication"), u"<b>"_s + esc(tr("hidden from the public")) + u"</b>"_s);
        break;
    }
    html += row(tr("Department"),
        esc(r.departmentId && m_lookups.departmentName ? m_lookups.departmentName(*r.departmentId) : tr("(none)")));
    html += row(tr("Assigned to"),
        esc(r.assigneeId && m_lookups.userName ? m_lookups.userName(*r.assigneeId) : tr("(nobody)")));
    html += row(tr("Filed"), esc(when(r.requestedMs)) + u" · "_s + esc(r.channel));
    html += row(tr("Updated"), esc(when(r.updatedMs)));
    if (r.expectedMs)
        html += row(tr("Expected by"), esc(when(*r.expectedMs)));
    html += row(tr("Address"), esc(r.address.isEmpty() ? tr("(not given)") : r.address));
    html += row(tr("Location"),
        r.hasLocation ? esc(u"%1, %2"_s.arg(r.lat, 0, 'f', 5).arg(r.lon, 0, 'f', 5))
                      : esc(tr("not on the map: place it from the address")));
    if (!r.statusNotes.isEmpty())
        html += row(tr("Latest public note"), esc(r.statusNotes));
    if (!r.serviceNotice.isEmpty())
        html += row(tr("Notice"), u"<i>"_s + esc(r.serviceNotice) + u"</i>"_s);
    html += u"</table>"_s;
    html += u"<p style='white-space:pre-wrap'>"_s + esc(r.description) + u"</p>"_s;
    if (!r.attributes.isEmpty()) {
        html += u"<table>"_s;
        for (const auto &[code, values] : r.attributes) {
            const AttributeDefinition *def = cat ? cat->attribute(code) : nullptr;
            QStringList shown;
            for (const QString &v : values) {
                QString name = v;
                if (def)
                    for (const AttributeOption &o : def->values)
                        if (o.key == v)
                            name = o.name.in(lang);
                shown.append(name);
            }
            html += row(def ? def->description.in(lang) : code, esc(shown.join(u", "_s)));
        }
        html += u"</table>"_s;
    }
    const bool hasContact = !r.contact.email.isEmpty() || !r.contact.phone.isEmpty() || !r.contact.firstName.isEmpty()
        || !r.contact.lastName.isEmpty();
    if (hasContact) {
        html += u"<p><b>"_s + esc(tr("Reporter (private)")) + u"</b><br>"_s
            + esc(QString(r.contact.firstName + u' ' + r.contact.lastName).trimmed());
        if (!r.contact.email.isEmpty())
            html += u"<br>"_s + esc(r.contact.email);
        if (!r.contact.phone.isEmpty())
            html += u"<br>"_s + esc(r.contact.phone);
        html += u"</p>"_s;
    }
    return html;
}

void ReportDetailPanel::showReport(const Report &r)
{
    const bool same = m_reportId == r.id;
    m_reportId = r.id;
    m_titleLabel->setText(u"<h3>#%1</h3>"_s.arg(r.id));
    m_detailsBrowser->setHtml(renderDetails(r));
    if (!same) {
        m_photoList->clear();
        m_historyBrowser->setHtml(tr("Loading the history…"));
    }
    m_photoList->setVisible(!r.photos.isEmpty());
}

void ReportDetailPanel::addPhoto(qint64 reportId, const ReportPhoto &photo, const QImage &thumbnail)
{
    if (m_reportId != reportId)
        return;
    QListWidgetItem *item = nullptr;
    for (int i = 0; i < m_photoList->count() && !item; ++i)
        if (m_photoList->item(i)->data(Qt::UserRole).toString() == photo.sha256)
            item = m_photoList->item(i);
    if (!item) {
        item = new QListWidgetItem(QIcon(QPixmap::fromImage(thumbnail)), QString(), m_photoList);
        item->setData(Qt::UserRole, photo.sha256);
    }
    item->setData(Qt::UserRole + 1, photo.id);
    item->setData(Qt::UserRole + 2, photo.isPublic);
    // Not by colour alone: a withheld photo says so under its thumbnail.
    item->setText(photo.isPublic ? QString() : tr("withheld"));
    item->setToolTip(photo.isPublic ? tr("Double-click to open the photo. Shown to the public.")
                                    : tr("Double-click to open the photo. Withheld from the public until a "
                                         "moderator shows it (right-click)."));
    m_photoList->show();
}

void ReportDetailPanel::photoMenu(const QPoint &at)
{
    QListWidgetItem *item = m_photoList->itemAt(at);
    if (!item || !m_reportId || !item->data(Qt::UserRole + 1).isValid())
        return;
    const bool isPublic = item->data(Qt::UserRole + 2).toBool();
    QMenu menu(this);
    QAction *open = menu.addAction(tr("Open"));
    QAction *toggle = menu.addAction(isPublic ? tr("Withhold from the public") : tr("Show to the public"));
    QAction *chosen = menu.exec(m_photoList->viewport()->mapToGlobal(at));
    if (chosen == open)
        Q_EMIT photoActivated(item->data(Qt::UserRole).toString());
    else if (chosen == toggle)
        Q_EMIT photoVisibilityRequested(*m_reportId, item->data(Qt::UserRole + 1).toLongLong(), !isPublic);
}

QString ReportDetailPanel::renderHistory(const QList<ReportHistoryEntry> &history) const
{
    QString html;
    for (qsizetype i = history.size() - 1; i >= 0; --i) {
        const ReportHistoryEntry &e = history[i];
        QString what;
        switch (e.kind) {
        case ReportHistoryEntry::Kind::Created:
            what = tr("Filed");
            break;
        case ReportHistoryEntry::Kind::StatusChange:
        case ReportHistoryEntry::Kind::Reopen:
            what
                = e.newStatus ? tr("Status: %1").arg(ReportTableModel::statusText(*e.newStatus)) : tr("Status changed");
            break;
        case ReportHistoryEntry::Kind::PublicNote:
            what = tr("Public note");
            break;
        case ReportHistoryEntry::Kind::InternalNote:
            what = tr("Internal note");
            break;
        case ReportHistoryEntry::Kind::Assignment:
            what = tr("Assignment");
            break;
        case ReportHistoryEntry::Kind::Priority:
            what = tr("Priority");
            break;
        case ReportHistoryEntry::Kind::Duplicate:
            what = tr("Marked as duplicate");
            break;
        case ReportHistoryEntry::Kind::Confirmed:
            what = tr("Confirmed by the citizen");
            break;
        case ReportHistoryEntry::Kind::Approved:
            what = tr("Approved for the public");
            break;
        case ReportHistoryEntry::Kind::Hidden:
            what = tr("Hidden from the public");
            break;
        case ReportHistoryEntry::Kind::PhotoShown:
            what = tr("Photo shown to the public");
            break;
        case ReportHistoryEntry::Kind::PhotoWithheld:
            what = tr("Photo withheld from the public");
            break;
        case ReportHistoryEntry::Kind::Redacted:
            what = tr("Description redacted");
            break;
        }
        const QString colour = e.isPublic ? u"#1b5e20"_s : u"#6d4c41"_s;
        html += u"<p><span style='color:#555'>"_s + esc(when(e.atMs)) + u"</span> · <b style='color:"_s + colour
            + u"'>"_s + esc(what) + u"</b>"_s;
        if (!e.actorName.isEmpty())
            html += u" · "_s + esc(e.actorName);
        if (!e.isPublic && e.kind != ReportHistoryEntry::Kind::Created)
            html += u" <i>("_s + esc(tr("internal")) + u")</i>"_s;
        if (!e.text.isEmpty())
            html += u"<br>"_s + esc(e.text);
        html += u"</p>"_s;
    }
    return html;
}

void ReportDetailPanel::showHistory(qint64 reportId, const QList<ReportHistoryEntry> &history)
{
    if (m_reportId != reportId)
        return;
    m_historyBrowser->setHtml(renderHistory(history));
}

void ReportDetailPanel::showHistoryUnavailable(qint64 reportId, const QString &why)
{
    if (m_reportId != reportId)
        return;
    m_historyBrowser->setPlainText(why);
}

} // namespace dimos
