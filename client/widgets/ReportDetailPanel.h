#pragma once

#include <QWidget>

#include <functional>
#include <optional>

#include "shared/domain/Category.h"
#include "shared/domain/Report.h"

class QLabel;
class QListWidget;
class QTextBrowser;
class QHBoxLayout;

namespace dimos {

// The selected report in full: what the citizen said, the category's own fields with their
// questions, photos, the history timeline and — for staff of the report's department — the
// reporter's contact. Read-only: actions live in the main window's toolbar and menus.
class ReportDetailPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportDetailPanel)

public:
    struct Lookups
    {
        std::function<std::optional<Category>(const QString &code)> category;
        std::function<QString(qint64 departmentId)> departmentName;
        std::function<QString(qint64 userId)> userName;
    };

    explicit ReportDetailPanel(QWidget *parent = nullptr);

    void setLookups(Lookups lookups);
    void showReport(const Report &report);
    void showHistory(qint64 reportId, const QList<ReportHistoryEntry> &history);
    // In place of the history, why there is none (offline, or the request failed).
    void showHistoryUnavailable(qint64 reportId, const QString &why);
    // A photo thumbnail arrived for the shown report (again: its public flag is updated).
    void addPhoto(qint64 reportId, const ReportPhoto &photo, const QImage &thumbnail);
    void showNothing(int selectedCount = 0);
    std::optional<qint64> reportId() const { return m_reportId; }
    QString language() const;

Q_SIGNALS:
    void photoActivated(const QString &sha256);
    // From the photo's context menu: show it to everyone, or withhold it (moderation).
    void photoVisibilityRequested(qint64 reportId, qint64 photoId, bool isPublic);

private:
    QString renderDetails(const Report &r) const;
    QString renderHistory(const QList<ReportHistoryEntry> &history) const;
    void photoMenu(const QPoint &at);

    Lookups m_lookups;
    std::optional<qint64> m_reportId;
    QLabel *m_titleLabel;
    QTextBrowser *m_detailsBrowser;
    QListWidget *m_photoList;
    QTextBrowser *m_historyBrowser;
};

} // namespace dimos
