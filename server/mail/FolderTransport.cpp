#include "FolderTransport.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace dimos {

FolderTransport::FolderTransport(QString folder) : m_folder(std::move(folder)) { }

QString FolderTransport::fileName(const OutgoingMessage &message) const
{
    const QString stamp = QDateTime::fromMSecsSinceEpoch(message.createdMs, Qt::UTC).toString(u"yyyyMMdd-HHmmss"_s);
    return m_folder + u'/' + stamp + u'-' + QString::number(message.id) + u".eml"_s;
}

SendResult FolderTransport::send(const OutgoingMessage &message)
{
    if (!QDir().mkpath(m_folder))
        return {SendResult::Outcome::Temporary, u"cannot create the mail folder %1 (mail/folder)"_s.arg(m_folder)};
    QSaveFile file(fileName(message));
    if (!file.open(QIODevice::WriteOnly) || file.write(message.bytes) != message.bytes.size() || !file.commit())
        return {SendResult::Outcome::Temporary, u"cannot write %1: %2"_s.arg(file.fileName(), file.errorString())};
    return {SendResult::Outcome::Sent, {}};
}

} // namespace dimos
