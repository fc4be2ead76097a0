#pragma once

#include <QColor>
#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace dimos {

class ApiClient;
struct ApiFailure;

// An administrator's changes to a stored GIS layer without importing it again
// (PUT /api/v1/layers/{code}): its Greek and English names, how maps draw it (colour, line
// width, fill of areas, size of points) and whether maps show it when they open. What the layer
// is (code, kind, features, source, attribution) is shown, not edited. The dialog stays open
// with the server's message when the change is refused.
class LayerPropertiesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerPropertiesDialog)

public:
    // `layer`: the layer as GET /api/v1/layers gives it.
    LayerPropertiesDialog(ApiClient *api, const QJsonObject &layer, QWidget *parent = nullptr);

    QString code() const { return m_code; }
    QColor color() const { return m_color; }
    void setColor(const QColor &color);
    // What the dialog sends: names, style (the layer's other style keys kept) and visible.
    QJsonObject changes() const;

    // Picks a colour (QColorDialog); tests answer it.
    std::function<QColor(const QColor &current, QWidget *parent)> chooseColor;

Q_SIGNALS:
    // The server stored the change; `layer` is the layer as it is now.
    void saved(const QJsonObject &layer);

private:
    void save();
    void showError(const QString &message);

    ApiClient *m_api;
    QString m_code;
    QString m_kind;
    QJsonObject m_style;
    QColor m_color;
    QLineEdit *m_nameEl;
    QLineEdit *m_nameEn;
    QPushButton *m_colorButton;
    QDoubleSpinBox *m_weight;
    QCheckBox *m_fill = nullptr;
    QDoubleSpinBox *m_fillOpacity = nullptr;
    QDoubleSpinBox *m_radius = nullptr;
    QCheckBox *m_visible;
    QLabel *m_error;
    QPushButton *m_saveButton;
};

} // namespace dimos
