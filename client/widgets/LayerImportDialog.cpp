#include "client/widgets/LayerImportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"

using namespace Qt::StringLiterals;

namespace dimos {

QList<std::pair<QString, QString>> LayerImportDialog::kinds()
{
    return {{u"municipal_units"_s, tr("Municipal units")}, {u"school_districts"_s, tr("School districts")},
        {u"planning_zones"_s, tr("Planning zones (with building terms)")}, {u"networks"_s, tr("Networks (lines)")},
        {u"poi"_s, tr("Points of interest")}, {u"boundary"_s, tr("Municipal boundary")}};
}

LayerImportDialog::LayerImportDialog(Session *session, QWidget *parent)
    : QDialog(parent),
      m_session(session),
      m_file(new QLineEdit(this)),
      m_code(new QLineEdit(this)),
      m_kind(new QComboBox(this)),
      m_nameEl(new QLineEdit(this)),
      m_nameEn(new QLineEdit(this)),
      m_encoding(new QComboBox(this)),
      m_progress(new QProgressBar(this)),
      m_stage(new QLabel(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(this))
{
    setWindowTitle(tr("Import GIS layer"));
    chooseFile = [](QWidget *parent) {
        return QFileDialog::getOpenFileName(
            parent, tr("GIS file"), {}, tr("GIS files (*.zip *.gpkg *.kml *.geojson *.json);;All files (*)"));
    };
    m_file->setObjectName(u"layerFileLineEdit"_s);
    m_code->setObjectName(u"layerCodeLineEdit"_s);
    m_kind->setObjectName(u"layerKindComboBox"_s);
    m_nameEl->setObjectName(u"layerNameElLineEdit"_s);
    m_nameEn->setObjectName(u"layerNameEnLineEdit"_s);
    m_encoding->setObjectName(u"layerEncodingComboBox"_s);
    m_progress->setObjectName(u"layerImportProgressBar"_s);
    m_error->setObjectName(u"layerImportErrorLabel"_s);

    auto *browse = new QPushButton(tr("&Choose…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_file->setPlaceholderText(tr("a .zip with a Shapefile, .gpkg, .kml or .geojson"));
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[a-z0-9][a-z0-9_-]{0,39}"_s), this));
    m_code->setPlaceholderText(tr("e.g. school-districts"));
    for (const auto &[code, name] : kinds())
        m_kind->addItem(name, code);
    m_encoding->addItem(tr("Automatic (the .cpg file)"), QString());
    m_encoding->addItem(tr("Windows-1253 (most Greek data)"), u"CP1253"_s);
    m_encoding->addItem(tr("ISO-8859-7 (ELOT 928)"), u"ISO-8859-7"_s);
    m_encoding->addItem(tr("UTF-8"), u"UTF-8"_s);
    m_encoding->setToolTip(tr("Only for Shapefiles: the text encoding of the .dbf file."));

    auto *form = new QFormLayout;
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_file);
    form->addRow(fileLabel, fileRow);
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Greek name:"), m_nameEl);
    form->addRow(tr("&English name:"), m_nameEn);
    form->addRow(tr("&Encoding:"), m_encoding);

    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%p%"));
    m_stage->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(u"QLabel { color: #b3261e; }"_s);
    m_error->hide();

    QPushButton *importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    importButton->setObjectName(u"layerImportButton"_s);
    m_buttons->addButton(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_stage);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        if (const QString path = chooseFile(this); !path.isEmpty())
            setFile(path);
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LayerImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_poll.setSingleShot(true);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, [this] { m_session->api()->layerImportStatus(m_importId); });
    ApiClient *api = m_session->api();
    connect(api, &ApiClient::layerImportStarted, this, &LayerImportDialog::onStarted);
    connect(api, &ApiClient::layerImportProgress, this, &LayerImportDialog::onProgress);
    connect(api, &ApiClient::layerImportFailed, this, &LayerImportDialog::onFailed);
    resize(560, sizeHint().height());
}

LayerImportDialog::~LayerImportDialog() = default;

void LayerImportDialog::setFile(const QString &path)
{
    m_file->setText(path);
    const QFileInfo info(path);
    if (m_code->text().isEmpty())
        m_code->setText(
            info.completeBaseName().toLower().replace(QRegularExpression(u"[^a-z0-9_-]+"_s), u"-"_s).left(40));
    m_encoding->setEnabled(info.suffix().compare(u"zip"_s, Qt::CaseInsensitive) == 0);
}

QString LayerImportDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void LayerImportDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->show();
}

void LayerImportDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w : std::initializer_list<QWidget *>{m_file, m_code, m_kind, m_nameEl, m_nameEn})
        w->setEnabled(!busy);
    m_encoding->setEnabled(!busy && QFileInfo(m_file->text()).suffix().compare(u"zip"_s, Qt::CaseInsensitive) == 0);
    m_buttons->buttons().first()->setEnabled(!busy);
}

void LayerImportDialog::startImport()
{
    if (m_busy)
        return;
    m_error->hide();
    const QString path = m_file->text().trimmed();
    if (path.isEmpty())
        return showError(tr("Choose the file to import."));
    if (m_code->text().isEmpty() || m_nameEl->text().trimmed().isEmpty())
        return showError(tr("The layer needs a code and a Greek name."));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return showError(tr("%1 cannot be read: %2").arg(QFileInfo(path).fileName(), file.errorString()));
    const QByteArray data = file.readAll();
    QList<std::pair<QString, QString>> fields{{u"code"_s, m_code->text()},
        {u"kind"_s, m_kind->currentData().toString()}, {u"name_el"_s, m_nameEl->text().trimmed()},
        {u"name_en"_s, m_nameEn->text().trimmed()}};
    if (const QString encoding = m_encoding->currentData().toString(); m_encoding->isEnabled() && !encoding.isEmpty())
        fields.append({u"encoding"_s, encoding});
    setBusy(true);
    m_progress->setValue(0);
    m_stage->setText(tr("Sending %1…").arg(QFileInfo(path).fileName()));
    m_session->api()->importLayer(fields, QFileInfo(path).fileName(), data);
}

void LayerImportDialog::onStarted(const QJsonObject &import)
{
    if (!m_busy)
        return;
    m_importId = import.value(u"id"_s).toInteger();
    onProgress(import);
}

void LayerImportDialog::onProgress(const QJsonObject &import)
{
    if (!m_busy || import.value(u"id"_s).toInteger() != m_importId)
        return;
    m_progress->setValue(import.value(u"percent"_s).toInt());
    const QString stage = import.value(u"stage"_s).toString();
    const QJsonValue total = import.value(u"features_total"_s);
    if (stage == u"reading")
        m_stage->setText(total.isDouble() ? tr("Reading the file: %1 of %2 features")
                                                .arg(import.value(u"features_read"_s).toInteger())
                                                .arg(total.toInteger())
                                          : tr("Reading the file…"));
    else if (stage == u"storing")
        m_stage->setText(tr("Storing the layer…"));
    if (!import.value(u"done"_s).toBool()) {
        m_poll.start();
        return;
    }
    setBusy(false);
    if (import.value(u"ok"_s).toBool()) {
        const QJsonObject layer = import.value(u"layer"_s).toObject();
        m_progress->setValue(100);
        m_stage->setText(
            tr("Imported: %n feature(s) in the layer %1.", nullptr, layer.value(u"feature_count"_s).toInt())
                .arg(import.value(u"code"_s).toString()));
        Q_EMIT imported(import.value(u"code"_s).toString());
    } else {
        m_stage->setText(tr("Not imported; the layers are as they were."));
        showError(import.value(u"error"_s).toString());
    }
}

void LayerImportDialog::onFailed(const ApiFailure &failure)
{
    if (!m_busy)
        return;
    setBusy(false);
    m_stage->setText(tr("Not imported; the layers are as they were."));
    showError(failure.message);
}

} // namespace dimos
