#include "Role.h"

using namespace Qt::StringLiterals;

namespace dimos {

QString roleToString(Role role)
{
    switch (role) {
    case Role::Clerk:
        return u"clerk"_s;
    case Role::Manager:
        return u"manager"_s;
    case Role::Admin:
        return u"admin"_s;
    }
    return {};
}

std::optional<Role> roleFromString(QStringView text)
{
    if (text == u"clerk")
        return Role::Clerk;
    if (text == u"manager")
        return Role::Manager;
    if (text == u"admin")
        return Role::Admin;
    return std::nullopt;
}

} // namespace dimos
