// dimosd: the Dimos server daemon. All logic lives in dimos_server_core; this file reads the
// command line and runs one command.
#include <QCoreApplication>

#include "server/app/Cli.h"

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("dimosd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIMOS_VERSION));
    return dimos::runCli(app.arguments());
}
