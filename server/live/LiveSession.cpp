#include "LiveSession.h"

#include <QTcpSocket>
#include <QWebSocket>

#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#include <sys/ioctl.h>
#endif

#include "server/storage/EventRepository.h"

namespace dimos {

LiveSession::LiveSession(QWebSocket *socket, QTcpSocket *tcp, QObject *parent)
    : QObject(parent), m_socket(socket), m_tcp(tcp)
{
    socket->setParent(this);
    lastHeard.start();
}

qint64 LiveSession::backlog() const
{
    if (!m_tcp)
        return m_socket->bytesToWrite();
    qint64 queued = m_tcp->bytesToWrite();
#ifdef Q_OS_LINUX
    int inKernel = 0;
    const qintptr fd = m_tcp->socketDescriptor();
    if (fd >= 0 && ::ioctl(static_cast<int>(fd), SIOCOUTQ, &inKernel) == 0 && inKernel > 0)
        queued += inKernel;
#endif
    return queued;
}

bool LiveSession::wants(const StoredEvent &e) const
{
    if (!departments.isEmpty()) {
        const bool now = e.departmentId && departments.contains(*e.departmentId);
        const bool before = e.previousDepartmentId && departments.contains(*e.previousDepartmentId);
        if (!now && !before)
            return false;
    }
    return categories.isEmpty() || categories.contains(e.serviceCode);
}

} // namespace dimos
