#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

#include "server/core/AuthService.h"
#include "server/core/CitizenAccounts.h"
#include "server/core/DocumentStore.h"
#include "server/core/PhotoProcessor.h"
#include "server/http/HttpLimits.h"
#include "server/live/LiveSettings.h"
#include "server/mail/MailSettings.h"
#include "server/web/WebSettings.h"

namespace dimos {

// dimosd's configuration: an INI file (see resources/config/dimosd.sample.ini) plus
// command-line overrides ("section/key=value"). Every key is checked at start; a bad or
// unknown key stops the daemon with a message naming the key and the file.
struct Config
{
    QString file; // empty: built-in defaults only
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8080;
    QString baseUrl = QStringLiteral("http://localhost:8080");

    QString dataDir; // absolute
    bool synchronousFull = false;

    HttpLimits http;
    bool accessLog = true;
    int responseCacheMib = 64; // ResponseCache for public GETs; 0: off

    AuthSettings auth;

    bool open311RequireApiKey = true;
    QString boundaryFile; // absolute, or a ":/" resource; empty: no boundary check
    int reportsPerHourPerAddress = 30;

    LiveSettings live;

    PhotoLimits photos;
    int maxPhotosPerReport = 5;

    DocumentLimits requestDocuments; // requests/max_document_mib, requests/max_documents

    QString municipalityNameEl = QStringLiteral("Δήμος");
    QString municipalityNameEn = QStringLiteral("Municipality");
    QString contactEmail = QStringLiteral("it@example.org");

    WebSettings web;
    AccountSettings accounts; // citizens' accounts (its password cost follows auth/argon2_*)
    MailSettings mail;

    // Reads `file` (may be empty) and applies `overrides`. Returns nothing with *error set
    // ("<file>: [section] key = value: what is wrong") on the first bad key.
    static std::optional<Config> load(const QString &file, const QStringList &overrides, QString *error);

    // The effective configuration, one "section/key = value" per line, for the log.
    QStringList describe() const;
    QString databasePath() const;
    QString mediaDir() const;
    QString documentsDir() const; // <data_dir>/documents: requests' documents and answers
    QString mailFolder() const; // mail/folder, or <data_dir>/mail
};

} // namespace dimos
