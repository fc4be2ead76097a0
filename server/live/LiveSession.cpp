#include "LiveSession.h"

#include <QTcpSocket>
#include <QWebSocket>

#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#include <sys/ioctl.h>
#endif
#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

#include "server/storage/EventRepository.h"

namespace dimos {

LiveSession::LiveSession(QWebSocket *socket, QTcpSocket *tcp) : m_socket(socket), m_tcp(tcp)
{
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
    // A department, category or user changed: every desk keeps those tables, whatever it follows.
    if (e.entity == u"catalog")
        return true;
    const bool isRequest = e.entity == u"request";
    if (isRequest && !seesAllRequests && !(e.departmentId && staffDepartments.contains(*e.departmentId)))
        return false;
    if (!departments.isEmpty()) {
        const bool now = e.departmentId && departments.contains(*e.departmentId);
        const bool before = e.previousDepartmentId && departments.contains(*e.previousDepartmentId);
        if (!now && !before)
            return false;
    }
    return isRequest || categories.isEmpty() || categories.contains(e.serviceCode);
}

void LiveSession::writeFrame(const QByteArray &frame)
{
#ifdef Q_OS_UNIX
    // With Qt's buffer empty, one send(2) is all it takes. Through QTcpSocket::write() and
    // flush() the same frame cost eight times the instructions: a copy into the buffer, the
    // write notifier switched on and off (registered with the event dispatcher each time) and
    // two bytesWritten signals — for each of thousands of clients per event.
    if (m_tcp->bytesToWrite() == 0) {
        const ssize_t sent = ::send(static_cast<int>(m_tcp->socketDescriptor()), frame.constData(),
            static_cast<size_t>(frame.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent == frame.size())
            return;
        // The kernel's buffer is full (or the connection failed, which Qt finds on its own write):
        // the rest waits in Qt's buffer and goes out when the socket is writable.
        const qsizetype done = sent > 0 ? sent : 0;
        m_tcp->write(frame.constData() + done, frame.size() - done);
        return;
    }
#endif
    m_tcp->write(frame);
    m_tcp->flush();
}

} // namespace dimos
