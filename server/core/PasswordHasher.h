#pragma once

#include <QByteArray>
#include <QString>

namespace dimos {

// Argon2id through libsodium's crypto_pwhash_str: the hash string carries its own salt and
// cost, so verify() works across cost changes.
class PasswordHasher final
{
public:
    struct Cost
    {
        unsigned long long opsLimit;
        size_t memLimitBytes;
    };
    // libsodium's "interactive" profile: 2 passes, 64 MiB.
    static Cost interactive();

    explicit PasswordHasher(Cost cost = interactive()) : m_cost(cost) { }

    QString hash(const QString &password) const;
    bool verify(const QString &hash, const QString &password) const;
    // True when the hash was made with a cost other than ours (rehash after login).
    bool needsRehash(const QString &hash) const;

    // Random bytes as URL-safe base64 without padding (tokens, API keys).
    static QString randomToken(int bytes = 32);
    // SHA-256 hex of a high-entropy secret: how tokens and keys are stored.
    static QString secretDigest(const QString &secret);

private:
    Cost m_cost;
};

} // namespace dimos
