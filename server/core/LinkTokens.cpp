#include "LinkTokens.h"

#include <QVariant>

#include <sodium.h>

#include "server/storage/Database.h"
#include "server/storage/StorageError.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
constexpr qsizetype kMacChars = 22; // base64url of 16 bytes, no padding
} // namespace

LinkTokens::LinkTokens(Database &db)
{
    if (sodium_init() < 0)
        throw StorageError(u"libsodium failed to initialise"_s);
    db.transaction([&] {
        QSqlQuery q = db.run(u"SELECT value FROM server_secrets WHERE name = 'link_tokens'"_s);
        if (q.next()) {
            m_secret = QByteArray::fromBase64(q.value(0).toString().toLatin1());
            return;
        }
        QByteArray secret(crypto_auth_hmacsha256_KEYBYTES, Qt::Uninitialized);
        randombytes_buf(secret.data(), static_cast<size_t>(secret.size()));
        db.run(u"INSERT INTO server_secrets (name, value, created_ms) VALUES ('link_tokens', ?, 0)"_s,
            {QString::fromLatin1(secret.toBase64())});
        m_secret = secret;
    });
    if (m_secret.size() != crypto_auth_hmacsha256_KEYBYTES)
        throw StorageError(u"the link-token secret in server_secrets is damaged"_s);
}

QByteArray LinkTokens::mac(QStringView purpose, qint64 id) const
{
    const QByteArray message = purpose.toUtf8() + ':' + QByteArray::number(id);
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char *>(out.data()),
        reinterpret_cast<const unsigned char *>(message.constData()), static_cast<unsigned long long>(message.size()),
        reinterpret_cast<const unsigned char *>(m_secret.constData()));
    return out.left(16).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString LinkTokens::make(QStringView purpose, qint64 id) const
{
    return QString::number(id) + u'.' + QString::fromLatin1(mac(purpose, id));
}

std::optional<qint64> LinkTokens::check(QStringView purpose, QStringView token) const
{
    const qsizetype dot = token.indexOf(u'.');
    if (dot <= 0 || dot > 19 || token.size() - dot - 1 != kMacChars) // qint64 has up to 19 digits
        return std::nullopt;
    bool ok = false;
    const qint64 id = token.first(dot).toLongLong(&ok);
    if (!ok || id <= 0 || token.first(dot) != QString::number(id)) // no "+1", "01" or spaces
        return std::nullopt;
    const QByteArray expected = mac(purpose, id);
    const QByteArray given = token.sliced(dot + 1).toLatin1();
    if (given.size() != expected.size()
        || sodium_memcmp(given.constData(), expected.constData(), static_cast<size_t>(expected.size())) != 0)
        return std::nullopt;
    return id;
}

} // namespace dimos
