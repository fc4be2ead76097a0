#pragma once

#include <QStringList>

namespace dimos {

// dimosd's command line: serve, migrate, user add|passwd|disable|enable|list,
// apikey add|list|revoke, demo-seed, --version, --check-config. Returns the exit code.
int runCli(const QStringList &arguments);

} // namespace dimos
