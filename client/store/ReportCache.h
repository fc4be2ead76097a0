#pragma once

#include <QString>
#include <QUrl>

namespace dimos {

class ReportStore;

// Keeps a copy of the store on disk, one file per server, so dimos-desk can start on cached
// data (read-only) when the server cannot be reached, and so a restart resumes the live
// stream from the cached sequence number instead of loading every report again.
//
// The file holds the reports (without the citizens' contact details: personal data stays on
// the server), the last applied sequence number and the lookup tables. It is written
// atomically (QSaveFile); a file that is not ours, of another format version, of another
// server or damaged is ignored with a warning, never half-loaded.
class ReportCache final
{
public:
    static constexpr int kFormatVersion = 1;

    // `directory` empty: QStandardPaths::CacheLocation.
    explicit ReportCache(const QUrl &server, const QString &directory = {});

    QString filePath() const { return m_path; }

    bool save(const ReportStore &store, QString *error = nullptr) const;
    // Replaces the store's contents with the cached ones. False (store untouched) when there is
    // no usable cache.
    bool load(ReportStore &store) const;
    void remove() const;

private:
    QString m_server;
    QString m_path;
};

} // namespace dimos
