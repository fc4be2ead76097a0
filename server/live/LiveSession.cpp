#include "LiveSession.h"

#include <QWebSocket>

#include "server/storage/EventRepository.h"

namespace dimos {

LiveSession::LiveSession(QWebSocket *socket, QObject *parent) : QObject(parent), m_socket(socket)
{
    socket->setParent(this);
    lastHeard.start();
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
