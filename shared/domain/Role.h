#pragma once

#include <QString>

#include <optional>

namespace dimos {

// Staff roles. Admins configure everything; managers run their departments and may move
// reports between departments; clerks work the reports of their own departments.
enum class Role { Clerk, Manager, Admin };

QString roleToString(Role role);
std::optional<Role> roleFromString(QStringView text);

} // namespace dimos
