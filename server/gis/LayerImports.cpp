#include "LayerImports.h"

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>

#include "server/gis/LayerTransfer.h"
#include "server/storage/StorageError.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcLayerImports, "dimos.gis.imports")

namespace dimos {

struct LayerImports::Job
{
    Status status;
    QString shownFile;
    std::unique_ptr<QTemporaryDir> folder;
    QProcess *process = nullptr; // owned by LayerImports (a QObject child) while it runs
    QTimer *timeout = nullptr;
    QByteArray output;
    QByteArray diagnostics;
    QString readerError; // the reader's "error: " line
};

namespace {

// Reading is most of the work: it fills the bar to 90 %; storing takes it to 100.
constexpr int kReadingShare = 90;

} // namespace

QString LayerImports::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Reading:
        return u"reading"_s;
    case Stage::Storing:
        return u"storing"_s;
    case Stage::Done:
        return u"done"_s;
    case Stage::Failed:
        return u"failed"_s;
    }
    return {};
}

LayerImports::LayerImports(GisLayers &gis, const Clock &clock, QObject *parent)
    : QObject(parent), m_gis(gis), m_clock(clock)
{ }

LayerImports::~LayerImports()
{
    for (const std::shared_ptr<Job> &job : std::as_const(m_jobs)) {
        if (!job->process)
            continue;
        job->process->disconnect(this);
        job->process->kill();
        job->process->waitForFinished(2000);
    }
}

int LayerImports::running() const
{
    return int(std::count_if(
        m_jobs.cbegin(), m_jobs.cend(), [](const std::shared_ptr<Job> &j) { return !j->status.finished(); }));
}

std::optional<LayerImports::Status> LayerImports::status(qint64 id) const
{
    const auto it = m_jobs.constFind(id);
    if (it == m_jobs.cend())
        return std::nullopt;
    return (*it)->status;
}

std::optional<qint64> LayerImports::start(
    LayerImportRequest request, const QString &fileName, const QByteArray &data, QString *error)
{
    if (running() >= kMaxRunning) {
        *error = u"%1 imports are running; wait until one has finished"_s.arg(running());
        return std::nullopt;
    }
    auto job = std::make_shared<Job>();
    job->folder = std::make_unique<QTemporaryDir>();
    // The file keeps only its extension from the upload: the reader picks the format by the
    // name shown (request.displayName), and no name a client sent becomes a path.
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    QFile file(job->folder->filePath(u"upload."_s + suffix));
    if (!job->folder->isValid() || !file.open(QIODevice::WriteOnly) || file.write(data) != data.size()
        || !file.flush()) {
        *error = u"%1: cannot write the upload to a temporary folder (%2)"_s.arg(fileName, file.errorString());
        return std::nullopt;
    }
    file.close();
    request.path = file.fileName();
    request.displayName = fileName;

    const qint64 id = m_nextId++;
    Status &s = job->status;
    s.id = id;
    s.code = request.code;
    s.file = fileName;
    s.startedBy = request.importedBy;
    s.startedMs = m_clock.nowMs();
    job->shownFile = fileName;

    job->process = new QProcess(this);
    job->timeout = new QTimer(job->process);
    job->timeout->setSingleShot(true);
    connect(job->process, &QProcess::readyReadStandardOutput, this, [this, id] {
        if (const auto it = m_jobs.find(id); it != m_jobs.end() && (*it)->process)
            (*it)->output += (*it)->process->readAllStandardOutput();
    });
    connect(job->process, &QProcess::readyReadStandardError, this, [this, id] {
        if (const auto it = m_jobs.find(id); it != m_jobs.end() && (*it)->process)
            readProgress(**it);
    });
    connect(job->process, &QProcess::finished, this,
        [this, id](int, QProcess::ExitStatus exitStatus) { finish(id, exitStatus != QProcess::NormalExit); });
    connect(job->process, &QProcess::errorOccurred, this, [this, id](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return; // a crash or a kill ends in finished()
        if (const auto it = m_jobs.find(id); it != m_jobs.end() && (*it)->process) {
            Job &j = **it;
            fail(j,
                u"cannot start the GIS reader %1 (%2): install dimos-gis-read beside dimosd"_s.arg(
                    layertransfer::readerProgram(), j.process->errorString()));
        }
    });
    connect(job->timeout, &QTimer::timeout, this, [this, id] {
        if (const auto it = m_jobs.find(id); it != m_jobs.end() && (*it)->process) {
            Job &j = **it;
            j.readerError = u"reading %1 took longer than %2 minutes and was stopped; is the file very large or "
                            u"damaged?"_s.arg(j.shownFile)
                                .arg(kTimeoutMs / 60'000);
            j.process->kill(); // finished() follows
        }
    });
    m_jobs.insert(id, job);
    qCInfo(lcLayerImports) << "import" << id << "of" << fileName << "as layer" << request.code << "started by"
                           << request.importedBy;
    job->process->start(layertransfer::readerProgram(), {});
    if (job->process) { // not failed to start
        job->process->write(layertransfer::requestJson(request));
        job->process->closeWriteChannel();
        job->timeout->start(kTimeoutMs);
    }
    prune();
    return id;
}

void LayerImports::readProgress(Job &job)
{
    job.diagnostics += job.process->readAllStandardError();
    bool moved = false;
    qsizetype newline;
    while ((newline = job.diagnostics.indexOf('\n')) >= 0) {
        const QByteArray line = job.diagnostics.left(newline).trimmed();
        job.diagnostics.remove(0, newline + 1);
        if (line.startsWith("progress ")) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3)
                continue;
            const qint64 done = parts.at(1).toLongLong();
            const qint64 total = parts.at(2).toLongLong();
            job.status.featuresRead = done;
            job.status.featuresTotal = total;
            if (total > 0)
                job.status.percent = int(std::clamp<qint64>(done * kReadingShare / total, 0, kReadingShare));
            moved = true;
        } else if (line.startsWith("error: ")) {
            job.readerError = QString::fromUtf8(line.mid(7));
        }
    }
    // A misbehaving reader must not grow this without bound.
    if (job.diagnostics.size() > 64 * 1024)
        job.diagnostics.clear();
    if (moved)
        Q_EMIT changed(job.status.id);
}

void LayerImports::fail(Job &job, const QString &error)
{
    job.status.stage = Stage::Failed;
    job.status.error = error;
    job.status.finishedMs = m_clock.nowMs();
    if (job.process) {
        job.process->disconnect(this);
        job.process->deleteLater();
        job.process = nullptr;
    }
    job.output.clear();
    job.folder.reset();
    qCWarning(lcLayerImports) << "import" << job.status.id << "failed:" << error;
    Q_EMIT changed(job.status.id);
}

void LayerImports::finish(qint64 id, bool crashed)
{
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end() || !(*it)->process)
        return;
    const std::shared_ptr<Job> job = *it; // fail() and store() may run long; keep it alive
    job->output += job->process->readAllStandardOutput();
    readProgress(*job);
    if (const QByteArray rest = job->diagnostics.trimmed(); rest.startsWith("error: "))
        job->readerError = QString::fromUtf8(rest.mid(7).split('\n').first());
    const int exitCode = job->process->exitCode();
    job->timeout->stop();

    if (!job->readerError.isEmpty() && (crashed || exitCode != 0))
        return fail(*job, job->readerError);
    if (crashed)
        return fail(*job,
            u"the GIS reader stopped while reading %1 (it crashed on the file): the file may be damaged; check it in "
            u"QGIS or export it again"_s.arg(job->shownFile));
    if (exitCode != 0)
        return fail(*job, u"the GIS reader failed on %1 (exit code %2)"_s.arg(job->shownFile).arg(exitCode));
    QString error;
    std::optional<ImportedLayer> read = layertransfer::decode(job->output, &error);
    job->output.clear();
    if (!read)
        return fail(*job, job->shownFile + u": "_s + error);

    job->status.stage = Stage::Storing;
    job->status.percent = kReadingShare;
    Q_EMIT changed(id);
    try {
        job->status.result = m_gis.store(std::move(*read));
    } catch (const StorageError &e) {
        return fail(*job,
            u"%1 was read, but storing the layer failed (%2); the old layer is unchanged"_s.arg(
                job->shownFile, QString::fromUtf8(e.what())));
    }
    job->status.stage = Stage::Done;
    job->status.percent = 100;
    job->status.finishedMs = m_clock.nowMs();
    job->process->disconnect(this);
    job->process->deleteLater();
    job->process = nullptr;
    job->folder.reset();
    qCInfo(lcLayerImports) << "import" << id << "stored layer" << job->status.code << "with"
                           << job->status.result->layer.featureCount << "features";
    Q_EMIT changed(id);
}

void LayerImports::prune()
{
    QList<qint64> finished;
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it)
        if ((*it)->status.finished())
            finished.append(it.key());
    std::sort(finished.begin(), finished.end());
    for (qsizetype i = 0; i + kKeepFinished < finished.size(); ++i)
        m_jobs.remove(finished.at(i));
}

} // namespace dimos
