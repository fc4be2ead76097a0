#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace dimos {

class Database;

// Tokens for the links in citizens' mails (confirm a subscription, manage it, unsubscribe,
// stop following a report): "<id>.<mac>", where mac is HMAC-SHA-256 (libsodium) over the
// purpose and the id with a server secret, base64url, 22 characters (128 bits). Nothing is
// stored per token, so a mail can be written for any row at any time; a token stops working
// when its row is deleted. The secret is made once (libsodium's random bytes) and kept in
// the database (server_secrets), so every dimosd on the same database agrees.
class LinkTokens final
{
public:
    // Reads the secret, creating it on the first start. Throws StorageError.
    explicit LinkTokens(Database &db);
    // For tests: a fixed secret.
    explicit LinkTokens(QByteArray secret) : m_secret(std::move(secret)) { }

    QString make(QStringView purpose, qint64 id) const;
    // The id the token was made for with this purpose; nothing for anything else. Constant
    // time in the comparison of the MAC.
    std::optional<qint64> check(QStringView purpose, QStringView token) const;

private:
    QByteArray mac(QStringView purpose, qint64 id) const;
    QByteArray m_secret;
};

} // namespace dimos
