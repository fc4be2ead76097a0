#include "RequestView.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPdfDocument>
#include <QPdfView>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/models/RequestTableModel.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kDocIdRole = Qt::UserRole + 1;

QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"dd/MM/yyyy HH:mm"_s);
}

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? RequestView::tr("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
                                : RequestView::tr("%1 KB").arg(std::max<qint64>(1, bytes / 1024));
}

QString applicantLabel(const QString &key)
{
    static const QHash<QString, const char *> labels = {
        {u"surname"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Surname")},
        {u"given_name"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Name")},
        {u"father_name"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Father's name")},
        {u"mother_name"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Mother's name")},
        {u"birth_date"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Date of birth")},
        {u"afm"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Tax number (ΑΦΜ)")},
        {u"amka"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Social security number (ΑΜΚΑ)")},
        {u"id_card"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Identity card")},
        {u"address"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Address")},
        {u"phone"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Phone")},
        {u"email"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "E-mail")},
    };
    const auto it = labels.constFind(key);
    return it == labels.cend() ? key : RequestView::tr(*it);
}

QString historyKindText(const QString &kind)
{
    static const QHash<QString, const char *> kinds = {
        {u"submitted"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Submitted")},
        {u"claimed"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Claimed")},
        {u"asked"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Documents asked for")},
        {u"documents_added"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Documents added")},
        {u"issued"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Issued")},
        {u"rejected"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Rejected")},
        {u"withdrawn"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Withdrawn by the applicant")},
        {u"note"_s, QT_TRANSLATE_NOOP("dimos::RequestView", "Note")},
    };
    const auto it = kinds.constFind(kind);
    return it == kinds.cend() ? kind : RequestView::tr(*it);
}

void clearForm(QFormLayout *form)
{
    while (form->rowCount() > 0)
        form->removeRow(0);
}

QLabel *valueLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text.isEmpty() ? u"—"_s : text, parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

RequestView::RequestView(Session *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *outer = new QVBoxLayout(this);
    m_heading = new QLabel(this);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_heading);
    outer->addWidget(m_summary);

    auto *actions = new QHBoxLayout;
    m_claim = new QPushButton(tr("&Claim"), this);
    m_claim->setToolTip(tr("Take this request: you handle it from now on"));
    m_ask = new QPushButton(tr("As&k for documents…"), this);
    m_issue = new QPushButton(tr("&Issue…"), this);
    m_issue->setToolTip(
        tr("Approve: the answer PDF is generated with an outgoing protocol number and sent to the applicant"));
    m_reject = new QPushButton(tr("&Reject…"), this);
    m_answer = new QPushButton(tr("Show the &answer"), this);
    actions->addWidget(m_claim);
    actions->addWidget(m_ask);
    actions->addWidget(m_issue);
    actions->addWidget(m_reject);
    actions->addStretch(1);
    actions->addWidget(m_answer);
    outer->addLayout(actions);

    auto *split = new QSplitter(this);
    outer->addWidget(split, 1);

    // Left: the request's data.
    auto *scroll = new QScrollArea(split);
    scroll->setWidgetResizable(true);
    auto *data = new QWidget(scroll);
    auto *dataLayout = new QVBoxLayout(data);
    auto *applicantBox = new QGroupBox(tr("Applicant"), data);
    m_applicant = new QFormLayout(applicantBox);
    auto *valuesBox = new QGroupBox(tr("What is asked"), data);
    m_values = new QFormLayout(valuesBox);
    auto *documentsBox = new QGroupBox(tr("Documents"), data);
    auto *documentsLayout = new QVBoxLayout(documentsBox);
    m_documents = new QListWidget(documentsBox);
    m_documents->setObjectName(u"requestDocumentsList"_s);
    m_documents->setAccessibleName(tr("Supporting documents: select one to view it"));
    documentsLayout->addWidget(m_documents);
    auto *historyBox = new QGroupBox(tr("History"), data);
    auto *historyLayout = new QVBoxLayout(historyBox);
    m_history = new QListWidget(historyBox);
    m_history->setWordWrap(true);
    historyLayout->addWidget(m_history);
    dataLayout->addWidget(applicantBox);
    dataLayout->addWidget(valuesBox);
    dataLayout->addWidget(documentsBox);
    dataLayout->addWidget(historyBox, 1);
    scroll->setWidget(data);

    // Right: the document viewer.
    auto *viewerPane = new QWidget(split);
    auto *viewerLayout = new QVBoxLayout(viewerPane);
    viewerLayout->setContentsMargins(0, 0, 0, 0);
    m_viewer = new QStackedWidget(viewerPane);
    m_viewerHint = new QLabel(tr("Select a document to view it."), m_viewer);
    m_viewerHint->setAlignment(Qt::AlignCenter);
    m_viewerHint->setWordWrap(true);
    m_pdf = new QPdfDocument(this);
    m_pdfBuffer = new QBuffer(this);
    m_pdfView = new QPdfView(m_viewer);
    m_pdfView->setObjectName(u"requestPdfView"_s);
    m_pdfView->setDocument(m_pdf);
    m_pdfView->setPageMode(QPdfView::PageMode::MultiPage);
    m_pdfView->setZoomMode(QPdfView::ZoomMode::FitToWidth);
    m_imageArea = new QScrollArea(m_viewer);
    m_image = new QLabel(m_imageArea);
    m_image->setAlignment(Qt::AlignCenter);
    m_imageArea->setWidget(m_image);
    m_imageArea->setWidgetResizable(true);
    m_viewer->addWidget(m_viewerHint);
    m_viewer->addWidget(m_pdfView);
    m_viewer->addWidget(m_imageArea);
    viewerLayout->addWidget(m_viewer, 1);
    m_save = new QPushButton(tr("&Save a copy…"), viewerPane);
    viewerLayout->addWidget(m_save, 0, Qt::AlignRight);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    outer->addWidget(m_status);

    ApiClient *api = m_session->api();
    connect(m_claim, &QPushButton::clicked, this, &RequestView::claim);
    connect(m_ask, &QPushButton::clicked, this, &RequestView::ask);
    connect(m_issue, &QPushButton::clicked, this, &RequestView::issue);
    connect(m_reject, &QPushButton::clicked, this, &RequestView::reject);
    connect(m_answer, &QPushButton::clicked, this, [this] { openDocument(0); });
    connect(m_save, &QPushButton::clicked, this, &RequestView::saveShown);
    connect(m_documents, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            openDocument(item->data(kDocIdRole).toLongLong());
    });
    connect(api, &ApiClient::requestTypesLoaded, this, [this](const QJsonArray &types) {
        for (const QJsonValue &t : types) {
            const QJsonObject type = t.toObject();
            auto &labels = m_fieldLabels[type.value(u"code"_s).toString()];
            for (const QJsonValue &f : type.value(u"fields"_s).toArray()) {
                const QJsonObject field = f.toObject();
                labels.insert(field.value(u"code"_s).toString(),
                    {field.value(u"label_el"_s).toString(), field.value(u"label_en"_s).toString()});
            }
        }
        if (const RequestCase *r = m_session->store()->citizenRequest(m_id))
            fill(*r);
    });
    api->requestTypes(); // the labels of the types' fields
    connect(api, &ApiClient::downloaded, this, &RequestView::onDownloaded);
    connect(api, &ApiClient::downloadFailed, this, &RequestView::onDownloadFailed);
    connect(m_session->store(), &ReportStore::citizenRequestChanged, this, [this](qint64 id) {
        if (id != m_id)
            return;
        const RequestCase *r = m_session->store()->citizenRequest(id);
        if (r && r->hasDetail)
            fill(*r);
        else if (r) // a live event brought a newer list item: fetch the full copy
            m_session->api()->citizenRequestDetail(id);
    });
    connect(api, &ApiClient::citizenRequestFailed, this,
        [this](qint64 id, CitizenRequestAction, const ApiFailure &failure) {
            if (id != m_id)
                return;
            if (failure.kind == ApiErrorKind::Conflict) {
                m_status->setText(
                    tr("Someone else changed this request meanwhile; it was reloaded. Look again and retry."));
                m_session->api()->citizenRequestDetail(id);
            } else {
                m_status->setText(tr("The server refused: %1").arg(failure.message));
            }
        });
    connect(api, &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &failure) {
        if (op == ApiClient::Operation::CitizenRequestDetail && m_id != 0)
            m_status->setText(tr("The request could not be loaded: %1").arg(failure.message));
    });
    askText = [this](const QString &title, const QString &label) -> std::optional<QString> {
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, title, label, {}, &ok);
        return ok ? std::optional<QString>(text) : std::nullopt;
    };
    confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text) == QMessageBox::Yes;
    };
    clear();
}

RequestView::~RequestView() = default;

void RequestView::clear()
{
    m_heading->setText(tr("No request selected"));
    m_summary->clear();
    clearForm(m_applicant);
    clearForm(m_values);
    m_documents->clear();
    m_history->clear();
    m_viewer->setCurrentWidget(m_viewerHint);
    m_shownPath.clear();
    m_shownBytes.clear();
    for (QPushButton *b : {m_claim, m_ask, m_issue, m_reject, m_answer, m_save})
        b->setEnabled(false);
}

void RequestView::showRequest(qint64 id)
{
    if (id == m_id && id != 0)
        return;
    m_id = id;
    m_status->clear();
    clear();
    if (id == 0)
        return;
    if (const RequestCase *r = m_session->store()->citizenRequest(id))
        fill(*r); // the list item at once; the full copy follows
    m_session->api()->citizenRequestDetail(id);
}

bool RequestView::mayAct(const RequestCase &request) const
{
    const StaffMember &me = m_session->user();
    if (m_session->readOnly() || !request.isOpen())
        return false;
    return me.role != Role::Clerk || me.departmentIds.contains(request.departmentId);
}

void RequestView::fill(const RequestCase &r)
{
    const QString language = m_session->store()->language();
    m_heading->setText(u"%1 — %2"_s.arg(r.typeName(language), r.protocolDisplay));
    QStringList summary;
    summary << tr("Status: %1").arg(RequestTableModel::statusText(r.status));
    if (r.isOpen())
        summary << tr("Deadline: %1 (%2)")
                       .arg(QDateTime::fromMSecsSinceEpoch(r.dueMs).toString(u"dd/MM/yyyy"_s),
                           RequestTableModel::deadlineText(r, QDateTime::currentMSecsSinceEpoch()));
    summary << tr("Department: %1").arg(m_session->store()->departmentName(r.departmentId));
    const QString handler
        = r.assignedUserName.isEmpty() ? m_session->store()->userName(r.assignedUserId) : r.assignedUserName;
    summary << (r.assignedUserId ? tr("Handled by: %1").arg(handler) : tr("Not claimed yet"));
    if (!r.answerProtocolDisplay.isEmpty())
        summary << tr("Answer: %1").arg(r.answerProtocolDisplay);
    if (!r.verificationCode.isEmpty())
        summary << tr("Verification code: %1").arg(r.verificationCode);
    if (r.status == RequestCase::Status::AwaitingDocuments)
        summary << tr("Asked for: %1").arg(r.requestedDocuments);
    if (r.status == RequestCase::Status::Rejected)
        summary << tr("Reason: %1").arg(r.rejectReason);
    m_summary->setText(summary.join(u"  ·  "_s));

    if (r.hasDetail) {
        clearForm(m_applicant);
        for (const auto &[key, value] : r.applicant) {
            // Dates as people write them here: 14/03/1985.
            const QDate date = key == u"birth_date"_s ? QDate::fromString(value, Qt::ISODate) : QDate();
            m_applicant->addRow(
                applicantLabel(key) + u':', valueLabel(date.isValid() ? date.toString(u"dd/MM/yyyy"_s) : value, this));
        }
        clearForm(m_values);
        const auto labels = m_fieldLabels.value(r.typeCode);
        for (auto it = r.values.cbegin(); it != r.values.cend(); ++it) {
            const auto label = labels.value(it.key());
            const QString text = language == u"en"_s && !label.second.isEmpty() ? label.second : label.first;
            m_values->addRow((text.isEmpty() ? it.key() : text) + u':', valueLabel(it.value(), this));
        }
        if (r.values.isEmpty())
            m_values->addRow(valueLabel(tr("No form fields."), this));

        const qint64 current
            = m_documents->currentItem() ? m_documents->currentItem()->data(kDocIdRole).toLongLong() : 0;
        const QSignalBlocker blocker(m_documents);
        m_documents->clear();
        for (const RequestCase::Document &d : r.documents) {
            auto *item = new QListWidgetItem(u"%1  (%2, %3)"_s.arg(d.fileName, sizeText(d.size), d.protocolDisplay));
            item->setData(kDocIdRole, d.id);
            item->setToolTip(tr("Received %1 · SHA-256 %2").arg(when(d.uploadedMs), d.sha256));
            m_documents->addItem(item);
            if (d.id == current)
                m_documents->setCurrentItem(item);
        }
        m_history->clear();
        for (const RequestCase::HistoryLine &h : r.history) {
            QString line = u"%1  %2 — %3"_s.arg(when(h.atMs), historyKindText(h.kind), h.actorName);
            if (!h.text.isEmpty())
                line += u"\n"_s + h.text;
            m_history->addItem(line);
        }
    }
    const bool act = mayAct(r);
    const StaffMember &me = m_session->user();
    m_claim->setEnabled(act && r.assignedUserId != me.id && r.status != RequestCase::Status::AwaitingDocuments);
    m_ask->setEnabled(act && r.status != RequestCase::Status::AwaitingDocuments);
    m_issue->setEnabled(act);
    m_reject->setEnabled(act);
    m_answer->setEnabled(r.status == RequestCase::Status::Issued);
}

void RequestView::openDocument(qint64 docId)
{
    if (m_id == 0)
        return;
    m_pendingPath = docId == 0 ? u"/api/v1/requests/%1/answer.pdf"_s.arg(m_id)
                               : u"/api/v1/requests/%1/documents/%2"_s.arg(m_id).arg(docId);
    m_shownName.clear();
    if (const RequestCase *r = m_session->store()->citizenRequest(m_id)) {
        for (const RequestCase::Document &d : r->documents)
            if (d.id == docId)
                m_shownName = d.fileName;
        if (docId == 0)
            m_shownName = u"%1-%2.pdf"_s.arg(r->typeCode, r->answerProtocolDisplay).replace(u'/', u'_');
    }
    m_status->setText(tr("Loading the document…"));
    m_session->api()->download(m_pendingPath);
}

void RequestView::onDownloaded(const QString &path, const QByteArray &bytes, const QString &contentType)
{
    if (path != m_pendingPath)
        return;
    m_pendingPath.clear();
    m_status->clear();
    if (contentType.startsWith(u"application/pdf"_s)) {
        m_pdf->close();
        m_pdfBuffer->close();
        m_pdfBuffer->setData(bytes);
        m_pdfBuffer->open(QIODevice::ReadOnly);
        m_pdf->load(m_pdfBuffer);
        if (m_pdf->status() == QPdfDocument::Status::Error) {
            m_status->setText(tr("This PDF cannot be shown (%1). Save a copy and open it in another program.")
                                  .arg(QString::number(int(m_pdf->error()))));
        }
        m_viewer->setCurrentWidget(m_pdfView);
    } else {
        const QImage image = QImage::fromData(bytes);
        if (image.isNull()) {
            m_status->setText(tr("This file cannot be shown. Save a copy and open it in another program."));
            m_viewer->setCurrentWidget(m_viewerHint);
        } else {
            const int width = std::max(200, m_imageArea->viewport()->width() - 8);
            m_image->setPixmap(QPixmap::fromImage(
                image.width() > width ? image.scaledToWidth(width, Qt::SmoothTransformation) : image));
            m_viewer->setCurrentWidget(m_imageArea);
        }
    }
    m_shownPath = path;
    m_shownBytes = bytes;
    m_save->setEnabled(true);
    Q_EMIT documentShown(path);
}

void RequestView::onDownloadFailed(const QString &path, const ApiFailure &failure)
{
    if (path != m_pendingPath)
        return;
    m_pendingPath.clear();
    m_status->setText(tr("The document could not be loaded: %1").arg(failure.message));
}

void RequestView::saveShown()
{
    if (m_shownBytes.isEmpty())
        return;
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Save a copy"), m_shownName);
    if (fileName.isEmpty())
        return;
    QFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_shownBytes) != m_shownBytes.size())
        QMessageBox::warning(this, tr("Save a copy"), tr("Could not write %1: %2").arg(fileName, file.errorString()));
}

void RequestView::claim()
{
    if (const RequestCase *r = m_session->store()->citizenRequest(m_id))
        m_session->api()->citizenRequestAction(m_id, CitizenRequestAction::Claim, r->version);
}

void RequestView::ask()
{
    const RequestCase *r = m_session->store()->citizenRequest(m_id);
    if (!r)
        return;
    const int version = r->version;
    const auto answer = askText(tr("Ask for documents"),
        tr("What should the applicant send? They get this text by e-mail and upload to the same request."));
    if (!answer)
        return;
    const QString text = answer->trimmed();
    if (text.isEmpty()) {
        m_status->setText(tr("Write what the applicant should send."));
        return;
    }
    m_session->api()->citizenRequestAction(m_id, CitizenRequestAction::Ask, version, text);
}

void RequestView::issue()
{
    const RequestCase *r = m_session->store()->citizenRequest(m_id);
    if (!r)
        return;
    const int version = r->version;
    if (confirm(tr("Issue"),
            tr("Issue the answer to %1? It takes an outgoing protocol number, and the applicant gets the PDF at once.")
                .arg(r->applicantName)))
        m_session->api()->citizenRequestAction(m_id, CitizenRequestAction::Issue, version);
}

void RequestView::reject()
{
    const RequestCase *r = m_session->store()->citizenRequest(m_id);
    if (!r)
        return;
    const int version = r->version;
    const auto answer = askText(tr("Reject"), tr("Why is the request rejected? The applicant reads this reason."));
    if (!answer)
        return;
    const QString reason = answer->trimmed();
    if (reason.isEmpty()) {
        m_status->setText(tr("A rejection needs a reason."));
        return;
    }
    m_session->api()->citizenRequestAction(m_id, CitizenRequestAction::Reject, version, reason);
}

} // namespace dimos
