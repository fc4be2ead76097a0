// dimos-desk: the clerks' triage app. Everything lives in dimos_client_widgets; this file
// signs in and opens the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include "client/app/DeskApp.h"
#include "client/app/Language.h"

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Dimos"));
    QApplication::setApplicationName(QStringLiteral("dimos-desk"));
    QApplication::setApplicationVersion(QStringLiteral(DIMOS_VERSION));
    dimos::Language::install(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Dimos desktop app for municipal staff"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("server"), QApplication::translate("main", "The server's address."), QStringLiteral("url")});
    parser.addOption({QStringLiteral("user"), QApplication::translate("main", "The username to sign in with."),
        QStringLiteral("name")});
    parser.process(app);

    dimos::DeskApp desk;
    if (parser.isSet(QStringLiteral("server")))
        desk.setDefaultServer(QUrl(parser.value(QStringLiteral("server"))));
    if (parser.isSet(QStringLiteral("user")))
        desk.setDefaultUser(parser.value(QStringLiteral("user")));
    desk.start();
    return QApplication::exec();
}
