#pragma once

#include <QHash>
#include <QWidget>

#include <functional>
#include <optional>

class QBuffer;
class QFormLayout;
class QLabel;
class QListWidget;
class QPdfDocument;
class QPdfView;
class QPushButton;
class QScrollArea;
class QStackedWidget;

namespace dimos {

class Session;
struct ApiFailure;
struct RequestCase;

// One certificate or programme request for the clerk: what was asked, the applicant's data,
// every supporting document (PDFs in QtPdf's viewer, images scaled to fit), the answer once
// issued, the history; and the actions — claim, ask for more documents, issue, reject. The
// server decides who may act (403); the buttons are only greyed out where it would refuse.
// Opening the request and each document is written to the server's audit log.
class RequestView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestView)

public:
    explicit RequestView(Session *session, QWidget *parent = nullptr);
    ~RequestView() override;

    // Loads the request in full from the server and shows it; 0 clears the view.
    void showRequest(qint64 id);
    qint64 requestId() const { return m_id; }
    // The document shown now ("" when none): the path it was downloaded from.
    QString shownPath() const { return m_shownPath; }
    // Shows a document of the request, or the answer PDF when docId is 0 (tests).
    void openDocument(qint64 docId);

    // The dialogs of the actions go through these so tests can answer them: a text the clerk
    // writes (nullopt: cancelled), and a yes/no question.
    std::function<std::optional<QString>(const QString &title, const QString &label)> askText;
    std::function<bool(const QString &title, const QString &text)> confirm;

Q_SIGNALS:
    // A document or answer finished loading into the viewer (for tests and screenshots).
    void documentShown(const QString &path);

private:
    void fill(const RequestCase &request);
    void clear();
    void onDownloaded(const QString &path, const QByteArray &bytes, const QString &contentType);
    void onDownloadFailed(const QString &path, const ApiFailure &failure);
    void claim();
    void ask();
    void issue();
    void reject();
    void saveShown();
    bool mayAct(const RequestCase &request) const;

    Session *m_session;
    qint64 m_id = 0;
    // The request types' field labels (Greek, English) by type and field code, for the values.
    QHash<QString, QHash<QString, std::pair<QString, QString>>> m_fieldLabels;
    QString m_pendingPath;
    QString m_shownPath;
    QByteArray m_shownBytes;
    QString m_shownName;
    QLabel *m_heading;
    QLabel *m_summary;
    QFormLayout *m_applicant;
    QFormLayout *m_values;
    QListWidget *m_documents;
    QListWidget *m_history;
    QStackedWidget *m_viewer;
    QLabel *m_viewerHint;
    QPdfView *m_pdfView;
    QPdfDocument *m_pdf;
    QBuffer *m_pdfBuffer;
    QScrollArea *m_imageArea;
    QLabel *m_image;
    QLabel *m_status;
    QPushButton *m_claim;
    QPushButton *m_ask;
    QPushButton *m_issue;
    QPushButton *m_reject;
    QPushButton *m_answer;
    QPushButton *m_save;
};

} // namespace dimos
