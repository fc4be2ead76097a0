#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QTimer>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace dimos {

class Session;
struct ApiFailure;

// Administration → Import GIS layer: a file (a zipped Shapefile, GeoPackage, KML or GeoJSON),
// the layer's code, kind and Greek/English names, and for Shapefiles the .dbf's encoding
// (auto: the .cpg decides). The server reads the file without blocking (POST /api/v1/layers
// answers 202 with an import); the dialog asks for its progress every kPollMs and fills the bar,
// shows the server's message when the file is refused (the old layer is then unchanged), and
// says imported() when the layer is stored.
class LayerImportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LayerImportDialog)

public:
    // The layer kinds (docs/GIS.md): code and name, in the order the dialog offers them.
    static QList<std::pair<QString, QString>> kinds();

    static constexpr int kPollMs = 400;

    explicit LayerImportDialog(Session *session, QWidget *parent = nullptr);
    ~LayerImportDialog() override;

    // The file dialog, replaceable in tests: returns the chosen path or an empty string.
    std::function<QString(QWidget *parent)> chooseFile;

    void setFile(const QString &path);
    void startImport();
    QProgressBar *progressBar() const { return m_progress; }
    QString errorText() const;

Q_SIGNALS:
    void imported(const QString &code);

private:
    void onStarted(const QJsonObject &import);
    void onProgress(const QJsonObject &import);
    void onFailed(const ApiFailure &failure);
    void showError(const QString &text);
    void setBusy(bool busy);

    Session *m_session;
    QLineEdit *m_file;
    QLineEdit *m_code;
    QComboBox *m_kind;
    QLineEdit *m_nameEl;
    QLineEdit *m_nameEn;
    QComboBox *m_encoding;
    QProgressBar *m_progress;
    QLabel *m_stage;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QTimer m_poll;
    qint64 m_importId = 0;
    bool m_busy = false;
};

} // namespace dimos
