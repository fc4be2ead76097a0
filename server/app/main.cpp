// dimosd: the Dimos server daemon. All logic lives in dimos_server_core; this file reads the
// command line and runs one command.
#include <QCoreApplication>

#include "server/app/Cli.h"

int main(int argc, char *argv[])
{
    // Qt's plain Unix event loop instead of GLib's: GLib's adds and removes a socket notifier by
    // walking every registered socket, and Qt toggles a socket's write notifier around each
    // buffered write, so with thousands of open connections (live stream clients) every
    // response or live event cost a scan of all of them (see docs/PERFORMANCE.md, WebSocket).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dimosd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIMOS_VERSION));
    return dimos::runCli(app.arguments());
}
