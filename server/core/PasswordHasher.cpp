#include "PasswordHasher.h"

#include <QCryptographicHash>

#include <sodium.h>

#include <stdexcept>

namespace dimos {

namespace {
void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium failed to initialise");
}
} // namespace

PasswordHasher::Cost PasswordHasher::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

QString PasswordHasher::hash(const QString &password) const
{
    ensureSodium();
    const QByteArray pw = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(
            out, pw.constData(), static_cast<unsigned long long>(pw.size()), m_cost.opsLimit, m_cost.memLimitBytes)
        != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString &hash, const QString &password) const
{
    ensureSodium();
    const QByteArray h = hash.toLatin1();
    const QByteArray pw = password.toUtf8();
    if (h.size() >= crypto_pwhash_STRBYTES)
        return false;
    return crypto_pwhash_str_verify(h.constData(), pw.constData(), static_cast<unsigned long long>(pw.size())) == 0;
}

bool PasswordHasher::needsRehash(const QString &hash) const
{
    ensureSodium();
    const QByteArray h = hash.toLatin1();
    return crypto_pwhash_str_needs_rehash(h.constData(), m_cost.opsLimit, m_cost.memLimitBytes) != 0;
}

QString PasswordHasher::randomToken(int bytes)
{
    ensureSodium();
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), static_cast<size_t>(raw.size()));
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString PasswordHasher::secretDigest(const QString &secret)
{
    return QString::fromLatin1(QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace dimos
