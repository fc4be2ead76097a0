#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

#include "server/gis/GisLayers.h"
#include "server/gis/LayerImporter.h"

namespace dimos {

class Clock;

// Imports started over the API (POST /api/v1/layers) without blocking the server's event loop:
// the uploaded file goes to a temporary folder and dimos-gis-read reads it as an asynchronous
// QProcess; its "progress DONE TOTAL" lines move the import's percentage, and when it ends the
// layer is stored through GisLayers::store (one transaction on the server's connection, which
// replaces the layer of that code or, on any error, leaves it as it was).
//
// Imports live in memory: a restart forgets them (a running reader is stopped, nothing is
// stored). At most kMaxRunning read at once; the last kKeepFinished finished ones are kept for
// GET /api/v1/layers/imports/{id}.
class LayerImports final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxRunning = 2;
    static constexpr int kKeepFinished = 50;
    static constexpr int kTimeoutMs = 15 * 60'000;

    LayerImports(GisLayers &gis, const Clock &clock, QObject *parent = nullptr);
    ~LayerImports() override;
    Q_DISABLE_COPY_MOVE(LayerImports)

    enum class Stage { Reading, Storing, Done, Failed };
    static QString stageName(Stage stage); // "reading", "storing", "done", "failed"

    struct Status
    {
        qint64 id = 0;
        QString code;
        QString file; // the uploaded file's name
        QString startedBy;
        Stage stage = Stage::Reading;
        int percent = 0; // 0–100
        qint64 featuresRead = 0;
        qint64 featuresTotal = -1; // -1: not known yet
        QString error; // Failed: which file, what is wrong, what to do
        qint64 startedMs = 0;
        qint64 finishedMs = 0; // 0 while running
        std::optional<GisLayers::Imported> result; // Done
        bool finished() const { return stage == Stage::Done || stage == Stage::Failed; }
    };

    // Starts reading `data` (an uploaded file called `fileName`) as `request` says (its path is
    // set here). Nothing, with *error, when it cannot start (too many imports running, the
    // temporary file cannot be written).
    std::optional<qint64> start(
        LayerImportRequest request, const QString &fileName, const QByteArray &data, QString *error);
    std::optional<Status> status(qint64 id) const;
    int running() const;

Q_SIGNALS:
    void changed(qint64 id); // progress, and once more when it has finished

private:
    struct Job;
    void readProgress(Job &job);
    void finish(qint64 id, bool crashed);
    void fail(Job &job, const QString &error);
    void prune();

    GisLayers &m_gis;
    const Clock &m_clock;
    qint64 m_nextId = 1;
    QHash<qint64, std::shared_ptr<Job>> m_jobs;
};

} // namespace dimos
