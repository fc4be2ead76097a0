#include "StaffUser.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace dimos {

QJsonObject StaffUser::toJson() const
{
    QJsonArray departments;
    for (qint64 d : departmentIds)
        departments.append(d);
    return QJsonObject{{u"id"_s, id}, {u"username"_s, username}, {u"display_name"_s, displayName}, {u"email"_s, email},
        {u"role"_s, roleToString(role)}, {u"active"_s, active}, {u"department_ids"_s, departments},
        {u"must_renew_credentials"_s, mustChangePassword}};
}

} // namespace dimos
