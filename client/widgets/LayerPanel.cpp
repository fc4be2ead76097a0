#include "client/widgets/LayerPanel.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

#include "client/app/Session.h"
#include "client/map/MapWidget.h"
#include "client/net/ApiClient.h"
#include "client/widgets/LayerPropertiesDialog.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kCodeRole = Qt::UserRole + 1;

// A square of the layer's colour: its fill as the map draws it, its outline, or a dot for points.
QIcon swatch(const VectorLayer &style, const QString &kind)
{
    QPixmap pixmap(18, 18);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    QColor fill = style.color;
    if (kind == u"poi") {
        p.setPen(QPen(Qt::white, 1.5));
        p.setBrush(fill);
        p.drawEllipse(QPointF(9, 9), 6, 6);
    } else if (kind == u"networks") {
        p.setPen(QPen(style.color, 3, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(2, 14), QPointF(16, 4));
    } else {
        fill.setAlpha(style.filled ? std::max(60, int(std::lround(std::max(0.0, style.fillOpacity) * 255))) : 0);
        p.setPen(QPen(style.color, 2));
        p.setBrush(fill);
        p.drawRect(QRectF(2, 2, 14, 14));
    }
    return QIcon(pixmap);
}

} // namespace

LayerPanel::LayerPanel(Session *session, MapWidget *map, QWidget *parent)
    : QWidget(parent), m_session(session), m_map(map), m_list(new QListWidget(this)), m_status(new QLabel(this))
{
    m_list->setObjectName(u"layerListWidget"_s);
    m_list->setAccessibleName(tr("Map layers"));
    m_status->setObjectName(u"layerStatusLabel"_s);
    m_status->setWordWrap(true);
    auto *reloadButton = new QPushButton(tr("Re&load layers"), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(reloadButton);

    m_refetch.setSingleShot(true);
    m_refetch.setInterval(kRefetchDelayMs);
    connect(&m_refetch, &QTimer::timeout, this, &LayerPanel::fetchShown);
    connect(m_map, &MapWidget::viewChanged, this, [this] {
        if (!shownLayers().isEmpty())
            m_refetch.start(); // each move restarts it: fetched once the map rests
    });
    connect(m_list, &QListWidget::itemChanged, this, &LayerPanel::onItemChanged);
    connect(reloadButton, &QPushButton::clicked, this, &LayerPanel::reload);
    ApiClient *api = m_session->api();
    confirm = [this](const QString &question) {
        return QMessageBox::question(this, tr("Remove the layer"), question) == QMessageBox::Yes;
    };
    if (m_session->user().role == Role::Admin) {
        m_editButton = new QPushButton(tr("&Properties…"), this);
        m_editButton->setObjectName(u"layerPropertiesPushButton"_s);
        m_removeButton = new QPushButton(tr("Re&move…"), this);
        m_removeButton->setObjectName(u"layerRemovePushButton"_s);
        m_editButton->setEnabled(false);
        m_removeButton->setEnabled(false);
        auto *row = new QHBoxLayout;
        row->addWidget(m_editButton);
        row->addWidget(m_removeButton);
        layout->insertLayout(2, row);
        connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
            m_editButton->setEnabled(current != nullptr);
            m_removeButton->setEnabled(current != nullptr);
        });
        connect(m_editButton, &QPushButton::clicked, this, [this] { editLayer(selectedCode()); });
        connect(m_removeButton, &QPushButton::clicked, this, [this] { removeLayer(selectedCode()); });
        m_list->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(m_list, &QWidget::customContextMenuRequested, this, [this](const QPoint &at) {
            QListWidgetItem *item = m_list->itemAt(at);
            if (!item)
                return;
            const QString code = item->data(kCodeRole).toString();
            QMenu menu(this);
            menu.addAction(tr("&Properties…"), this, [this, code] { editLayer(code); });
            menu.addAction(tr("Re&move…"), this, [this, code] { removeLayer(code); });
            menu.exec(m_list->viewport()->mapToGlobal(at));
        });
        connect(api, &ApiClient::layerRemoved, this, [this](const QString &code) {
            m_status->setText(tr("The layer %1 was removed.").arg(code));
            reload();
        });
        connect(api, &ApiClient::layerFailed, this, [this](const QString &code, const ApiFailure &f) {
            if (!findChild<LayerPropertiesDialog *>()) // the dialog shows its own failures
                m_status->setText(tr("The layer %1 was not changed: %2").arg(code, f.message));
        });
    }
    connect(api, &ApiClient::layersLoaded, this, &LayerPanel::onLayers);
    connect(api, &ApiClient::layerFeaturesLoaded, this, &LayerPanel::onFeatures);
    connect(api, &ApiClient::layerFeaturesFailed, this, [this](const QString &code, quint64, const ApiFailure &f) {
        m_status->setText(tr("The layer %1 cannot be loaded: %2").arg(code, f.message));
    });
    connect(api, &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &f) {
        if (op == ApiClient::Operation::Layers)
            m_status->setText(tr("The layers cannot be loaded: %1").arg(f.message));
    });
    if (!api->token().isEmpty())
        reload();
    else
        m_status->setText(tr("Offline: the layers are loaded once the server answers."));
}

LayerPanel::~LayerPanel() = default;

void LayerPanel::reload()
{
    m_status->setText(tr("Loading the layers…"));
    m_session->api()->layers();
}

QStringList LayerPanel::layerCodes() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out.append(e.code);
    return out;
}

QStringList LayerPanel::shownLayers() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        if (e.shown)
            out.append(e.code);
    return out;
}

void LayerPanel::setLayerShown(const QString &code, bool shown)
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(kCodeRole).toString() == code)
            m_list->item(row)->setCheckState(shown ? Qt::Checked : Qt::Unchecked);
}

void LayerPanel::onLayers(const QJsonArray &layers)
{
    const QString lang = m_session->store()->language();
    // What was ticked stays ticked across a reload; a new layer starts as the server says.
    QHash<QString, bool> before;
    for (const Entry &e : std::as_const(m_entries))
        before.insert(e.code, e.shown);
    QList<Entry> entries;
    for (const QJsonValue &v : layers) {
        const QJsonObject o = v.toObject();
        if (o.value(u"kind"_s).toString() == u"boundary")
            continue; // the main window draws the municipal boundary
        Entry e;
        e.code = o.value(u"code"_s).toString();
        e.kind = o.value(u"kind"_s).toString();
        const QJsonObject names = o.value(u"name"_s).toObject();
        e.name = names.value(lang).toString();
        if (e.name.isEmpty())
            e.name = names.value(u"el"_s).toString();
        e.style = o.value(u"style"_s).toObject();
        e.info = o;
        e.shown = before.value(e.code, o.value(u"visible"_s).toBool(true));
        entries.append(e);
    }
    m_entries = entries;
    m_filling = true;
    m_list->clear();
    for (const QJsonValue &v : layers) {
        const QJsonObject o = v.toObject();
        const QString code = o.value(u"code"_s).toString();
        const auto it
            = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const Entry &e) { return e.code == code; });
        if (it == m_entries.cend())
            continue;
        VectorLayer style;
        applyLayerStyle(style, it->style);
        auto *item = new QListWidgetItem(swatch(style, it->kind), it->name, m_list);
        item->setData(kCodeRole, code);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(it->shown ? Qt::Checked : Qt::Unchecked);
        QString tip = tr("%n feature(s)", nullptr, o.value(u"feature_count"_s).toInt());
        if (const QString a = o.value(u"attribution"_s).toString(); !a.isEmpty())
            tip += u"\n"_s + a;
        item->setToolTip(tip);
    }
    m_filling = false;
    m_status->setText(m_entries.isEmpty() ? tr("The server has no map layers besides the boundary.") : QString());
    Q_EMIT layersListed(int(m_entries.size()));
    pushToMap();
    fetchShown();
}

void LayerPanel::onItemChanged(QListWidgetItem *item)
{
    if (m_filling)
        return;
    const QString code = item->data(kCodeRole).toString();
    for (Entry &e : m_entries) {
        if (e.code != code)
            continue;
        const bool shown = item->checkState() == Qt::Checked;
        if (shown == e.shown)
            return;
        e.shown = shown;
        if (shown)
            fetch(e);
        else
            e.pending = 0; // a late answer is not drawn
        pushToMap();
        return;
    }
}

void LayerPanel::fetch(Entry &entry)
{
    entry.pending = m_nextTag++;
    const int zoom = std::clamp(int(std::lround(m_map->zoom())), 0, 22);
    m_session->api()->layerFeatures(entry.code, m_map->currentBox(), zoom, entry.pending);
}

void LayerPanel::fetchShown()
{
    for (Entry &e : m_entries)
        if (e.shown)
            fetch(e);
}

void LayerPanel::onFeatures(const QString &code, quint64 tag, const QByteArray &geoJson)
{
    for (Entry &e : m_entries) {
        if (e.code != code || e.pending != tag || !e.shown)
            continue;
        QString error;
        std::optional<VectorLayer> layer = layerFeaturesFromGeoJson(geoJson, &error);
        if (!layer) {
            m_status->setText(tr("The layer %1 cannot be read: %2").arg(e.name, error));
            return;
        }
        layer->name = e.code;
        applyLayerStyle(*layer, e.style);
        e.drawn = std::move(layer);
        pushToMap();
        Q_EMIT layerDrawn(code, e.drawn->featureCount);
        return;
    }
}

QString LayerPanel::selectedCode() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(kCodeRole).toString() : QString();
}

LayerPropertiesDialog *LayerPanel::editLayer(const QString &code)
{
    const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const Entry &e) { return e.code == code; });
    if (it == m_entries.cend())
        return nullptr;
    auto *dialog = new LayerPropertiesDialog(m_session->api(), it->info, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LayerPropertiesDialog::saved, this, [this](const QJsonObject &layer) {
        m_status->setText(tr("The layer %1 was saved.").arg(layer.value(u"code"_s).toString()));
        reload(); // the new name and style: the shown layers are fetched and drawn again with it
    });
    dialog->open();
    return dialog;
}

void LayerPanel::removeLayer(const QString &code)
{
    const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(), [&](const Entry &e) { return e.code == code; });
    if (it == m_entries.cend())
        return;
    const QString question = tr("Remove the layer “%1” (%n feature(s)) from the server? Maps and the address "
                                "look-up no longer show it, and routing rules that name its areas stop matching. "
                                "To have it back, import its file again.",
        nullptr, it->info.value(u"feature_count"_s).toInt())
                                 .arg(it->name);
    if (!confirm(question))
        return;
    m_session->api()->removeLayer(code);
}

void LayerPanel::pushToMap()
{
    QList<VectorLayer> layers;
    for (const Entry &e : std::as_const(m_entries))
        if (e.shown && e.drawn)
            layers.append(*e.drawn);
    m_map->setVectorLayers(layers);
}

} // namespace dimos
