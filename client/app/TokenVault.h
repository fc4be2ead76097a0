#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace dimos {

// Where dimos-desk keeps a signed-in clerk's token between runs: the system keychain through
// QtKeychain (KeychainVault), so the token never lands in a settings file. Where no secret
// service exists the vault says NoBackend and the app remembers nothing. Asynchronous, as the
// keychain is: the callback runs later from the event loop, never after the vault is gone.
class TokenVault : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenVault)

public:
    enum class Result { Ok, NotFound, NoBackend, Failed };
    using ReadDone = std::function<void(Result, const QString &token)>;
    using Done = std::function<void(Result)>;

    explicit TokenVault(QObject *parent = nullptr) : QObject(parent) { }

    virtual void read(const QString &key, ReadDone done) = 0;
    virtual void write(const QString &key, const QString &token, Done done) = 0;
    virtual void remove(const QString &key, Done done = {}) = 0;
};

// The system keychain (Secret Service on Linux, Keychain on macOS, Credential Store on
// Windows) under the service name "dimos-desk".
class KeychainVault final : public TokenVault
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainVault)

public:
    explicit KeychainVault(QObject *parent = nullptr) : TokenVault(parent) { }

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &token, Done done) override;
    void remove(const QString &key, Done done = {}) override;
};

// Kept in memory only (tests, and a stand-in where a test needs a working keychain).
// backendAvailable = false behaves like a computer without a secret service.
class MemoryVault final : public TokenVault
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryVault)

public:
    explicit MemoryVault(QObject *parent = nullptr) : TokenVault(parent) { }

    void setBackendAvailable(bool available) { m_available = available; }
    QHash<QString, QString> &entries() { return m_entries; }

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &token, Done done) override;
    void remove(const QString &key, Done done = {}) override;

private:
    void later(std::function<void()> f);

    QHash<QString, QString> m_entries;
    bool m_available = true;
};

} // namespace dimos
