#include "LayerPropertiesDialog.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>

#include "client/map/VectorLayer.h"
#include "client/net/ApiClient.h"
#include "client/widgets/LayerImportDialog.h"

using namespace Qt::StringLiterals;

namespace dimos {

LayerPropertiesDialog::LayerPropertiesDialog(ApiClient *api, const QJsonObject &layer, QWidget *parent)
    : QDialog(parent),
      m_api(api),
      m_code(layer.value(u"code"_s).toString()),
      m_kind(layer.value(u"kind"_s).toString()),
      m_style(layer.value(u"style"_s).toObject()),
      m_nameEl(new QLineEdit(this)),
      m_nameEn(new QLineEdit(this)),
      m_colorButton(new QPushButton(this)),
      m_weight(new QDoubleSpinBox(this)),
      m_visible(new QCheckBox(tr("Show it when a map opens"), this)),
      m_error(new QLabel(this)),
      m_saveButton(new QPushButton(tr("Save"), this))
{
    setObjectName(u"layerPropertiesDialog"_s);
    chooseColor = [](const QColor &current, QWidget *p) {
        return QColorDialog::getColor(current, p, tr("Colour of the layer"));
    };
    const QJsonObject names = layer.value(u"name"_s).toObject();
    setWindowTitle(tr("Layer %1").arg(names.value(u"el"_s).toString()));
    VectorLayer style;
    applyLayerStyle(style, m_style);

    m_nameEl->setObjectName(u"nameElLineEdit"_s);
    m_nameEn->setObjectName(u"nameEnLineEdit"_s);
    m_colorButton->setObjectName(u"colorPushButton"_s);
    m_weight->setObjectName(u"weightSpinBox"_s);
    m_visible->setObjectName(u"visibleCheckBox"_s);
    m_saveButton->setObjectName(u"savePushButton"_s);
    m_error->setObjectName(u"errorLabel"_s);
    m_nameEl->setMaxLength(200);
    m_nameEn->setMaxLength(200);
    m_nameEl->setText(names.value(u"el"_s).toString());
    m_nameEn->setText(names.value(u"en"_s).toString());
    m_weight->setDecimals(1);
    m_weight->setRange(0.5, 12);
    m_weight->setSingleStep(0.5);
    m_weight->setSuffix(tr(" px"));
    m_weight->setValue(style.weight > 0 ? style.weight : 2);
    m_visible->setChecked(layer.value(u"visible"_s).toBool(true));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b00020;"_s);
    m_error->hide();

    auto *what = new QFormLayout;
    const QJsonObject source = layer.value(u"source"_s).toObject();
    const auto info = [&](const QString &label, const QString &text) {
        auto *l = new QLabel(text, this);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        what->addRow(label, l);
    };
    info(tr("Code:"), m_code);
    QString kindName = m_kind;
    for (const auto &[code, name] : LayerImportDialog::kinds())
        if (code == m_kind)
            kindName = name;
    info(tr("Kind:"), kindName);
    info(tr("Features:"), QLocale().toString(layer.value(u"feature_count"_s).toInt()));
    info(tr("Imported from:"),
        tr("%1 (%2), %3")
            .arg(source.value(u"file"_s).toString(), source.value(u"crs"_s).toString(),
                QLocale().toString(
                    QDateTime::fromString(layer.value(u"imported_at"_s).toString(), Qt::ISODate).toLocalTime(),
                    QLocale::ShortFormat)));
    if (const QString a = layer.value(u"attribution"_s).toString(); !a.isEmpty())
        info(tr("Source and licence:"), a);

    auto *form = new QFormLayout;
    form->addRow(tr("Name (&Greek):"), m_nameEl);
    form->addRow(tr("Name (&English):"), m_nameEn);
    form->addRow(tr("&Colour:"), m_colorButton);
    form->addRow(m_kind == u"poi" ? tr("&Outline:") : tr("&Line width:"), m_weight);
    if (m_kind == u"poi") {
        m_radius = new QDoubleSpinBox(this);
        m_radius->setObjectName(u"radiusSpinBox"_s);
        m_radius->setDecimals(1);
        m_radius->setRange(2, 20);
        m_radius->setSuffix(tr(" px"));
        m_radius->setValue(style.radius);
        form->addRow(tr("Point &size:"), m_radius);
    } else if (m_kind != u"networks") {
        m_fill = new QCheckBox(tr("Fill the areas"), this);
        m_fill->setObjectName(u"fillCheckBox"_s);
        m_fill->setChecked(style.filled);
        m_fillOpacity = new QDoubleSpinBox(this);
        m_fillOpacity->setObjectName(u"fillOpacitySpinBox"_s);
        m_fillOpacity->setDecimals(0);
        m_fillOpacity->setRange(0, 100);
        m_fillOpacity->setSingleStep(5);
        m_fillOpacity->setSuffix(u" %"_s);
        m_fillOpacity->setValue(style.fillOpacity >= 0 ? style.fillOpacity * 100 : 20);
        connect(m_fill, &QCheckBox::toggled, m_fillOpacity, &QWidget::setEnabled);
        m_fillOpacity->setEnabled(style.filled);
        form->addRow(QString(), m_fill);
        form->addRow(tr("Fill &opacity:"), m_fillOpacity);
    }
    form->addRow(QString(), m_visible);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(new QPushButton(tr("Cancel"), this), QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(what);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    setColor(style.color);

    connect(m_colorButton, &QPushButton::clicked, this, [this] {
        const QColor chosen = chooseColor(m_color, this);
        if (chosen.isValid())
            setColor(chosen);
    });
    connect(m_saveButton, &QPushButton::clicked, this, &LayerPropertiesDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_api, &ApiClient::layerSaved, this, [this](const QJsonObject &saved) {
        if (saved.value(u"code"_s).toString() != m_code)
            return;
        Q_EMIT this->saved(saved);
        accept();
    });
    connect(m_api, &ApiClient::layerFailed, this, [this](const QString &code, const ApiFailure &failure) {
        if (code != m_code)
            return;
        m_saveButton->setEnabled(true);
        showError(tr("The layer was not changed: %1").arg(failure.message));
    });
}

void LayerPropertiesDialog::setColor(const QColor &color)
{
    m_color = color;
    QPixmap pixmap(32, 16);
    pixmap.fill(color);
    m_colorButton->setIcon(QIcon(pixmap));
    m_colorButton->setText(color.name());
}

QJsonObject LayerPropertiesDialog::changes() const
{
    QJsonObject style = m_style; // keys the desk does not edit stay as they were
    style.insert(u"color"_s, m_color.name());
    style.insert(u"weight"_s, m_weight->value());
    if (m_fill) {
        style.insert(u"fill"_s, m_fill->isChecked());
        style.insert(u"fillOpacity"_s, m_fillOpacity->value() / 100.0);
    }
    if (m_radius)
        style.insert(u"radius"_s, m_radius->value());
    return QJsonObject{
        {u"name"_s, QJsonObject{{u"el"_s, m_nameEl->text().trimmed()}, {u"en"_s, m_nameEn->text().trimmed()}}},
        {u"style"_s, style}, {u"visible"_s, m_visible->isChecked()}};
}

void LayerPropertiesDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void LayerPropertiesDialog::save()
{
    if (m_nameEl->text().trimmed().isEmpty()) {
        m_nameEl->setFocus();
        return showError(tr("The layer needs a Greek name: citizens read it on the web pages."));
    }
    showError({});
    m_saveButton->setEnabled(false);
    m_api->editLayer(m_code, changes());
}

} // namespace dimos
