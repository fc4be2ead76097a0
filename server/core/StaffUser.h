#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "shared/domain/Role.h"

namespace dimos {

// A member of staff as the server knows them after authentication.
struct StaffUser
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString email;
    Role role = Role::Clerk;
    bool active = true;
    QList<qint64> departmentIds;
    // An administrator set the password (a reset): the desk asks the user to choose their own.
    bool mustChangePassword = false;

    bool isAdmin() const { return role == Role::Admin; }
    bool inDepartment(qint64 departmentId) const { return departmentIds.contains(departmentId); }
    QJsonObject toJson() const;
};

} // namespace dimos
