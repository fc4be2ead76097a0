// dimosd: the Dimos server daemon. All logic lives in dimos_server_core; this file reads the
// command line and runs one command.
#include <QCoreApplication>
#include <QSslSocket>

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
    // dimosd speaks plain HTTP: TLS ends at the reverse proxy (packaging/nginx-dimos.conf), and
    // mail uses libcurl's own. But QHttpServer 6.4 builds a QSslConfiguration, which sets up
    // Qt's default TLS backend, OpenSSL (about 0.6 MiB of memory touched in every dimosd). Qt's
    // certificate-only backend answers that just as well. Without it (not installed), nothing
    // changes.
    QSslSocket::setActiveBackend(QStringLiteral("cert-only"));
    return dimos::runCli(app.arguments());
}
