#include "Config.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

#include <functional>

#include "server/mail/MailAddress.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

struct Key
{
    QString name; // "section/key"
    QString help; // what a valid value looks like
    // Applies the text to the config; false when invalid.
    std::function<bool(Config &, const QString &)> apply;
    std::function<QString(const Config &)> show;
};

std::optional<qint64> wholeNumber(const QString &text, qint64 min, qint64 max)
{
    bool ok = false;
    const qint64 v = text.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max)
        return std::nullopt;
    return v;
}

std::optional<bool> boolean(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"true" || t == u"yes" || t == u"on" || t == u"1")
        return true;
    if (t == u"false" || t == u"no" || t == u"off" || t == u"0")
        return false;
    return std::nullopt;
}

template <typename T> Key intKey(const QString &name, qint64 min, qint64 max, qint64 scale, T Config::*member)
{
    return {name, u"a whole number from %1 to %2"_s.arg(min).arg(max),
        [=](Config &c, const QString &v) {
            const auto n = wholeNumber(v, min, max);
            if (n)
                c.*member = static_cast<T>(*n * scale);
            return n.has_value();
        },
        [=](const Config &c) { return QString::number(static_cast<qint64>(c.*member) / scale); }};
}

template <typename Outer, typename T>
Key nestedIntKey(const QString &name, qint64 min, qint64 max, qint64 scale, Outer Config::*outer, T Outer::*member)
{
    return {name, u"a whole number from %1 to %2"_s.arg(min).arg(max),
        [=](Config &c, const QString &v) {
            const auto n = wholeNumber(v, min, max);
            if (n)
                (c.*outer).*member = static_cast<T>(*n * scale);
            return n.has_value();
        },
        [=](const Config &c) { return QString::number(static_cast<qint64>((c.*outer).*member) / scale); }};
}

Key boolKey(const QString &name, bool Config::*member)
{
    return {name, u"true or false"_s,
        [=](Config &c, const QString &v) {
            const auto b = boolean(v);
            if (b)
                c.*member = *b;
            return b.has_value();
        },
        [=](const Config &c) { return c.*member ? u"true"_s : u"false"_s; }};
}

Key textKey(const QString &name, QString Config::*member, bool allowEmpty = false)
{
    return {name, u"a non-empty text"_s,
        [=](Config &c, const QString &v) {
            if (!allowEmpty && v.trimmed().isEmpty())
                return false;
            c.*member = v.trimmed();
            return true;
        },
        [=](const Config &c) { return c.*member; }};
}

QString resolvePath(const Config &c, const QString &path)
{
    if (path.isEmpty() || path.startsWith(u":/"_s) || QDir::isAbsolutePath(path))
        return path;
    const QString base = c.file.isEmpty() ? QDir::currentPath() : QFileInfo(c.file).absolutePath();
    return QDir::cleanPath(base + u'/' + path);
}

QList<Key> keys()
{
    using C = Config;
    return {
        {u"server/listen"_s, u"an IPv4 or IPv6 address such as 127.0.0.1, 0.0.0.0 or ::"_s,
            [](C &c, const QString &v) { return c.listenAddress.setAddress(v.trimmed()); },
            [](const C &c) { return c.listenAddress.toString(); }},
        intKey(u"server/port"_s, 0, 65535, 1, &C::port),
        {u"server/base_url"_s, u"an http:// or https:// URL without a trailing slash, as citizens reach the server"_s,
            [](C &c, const QString &v) {
                const QUrl url(v.trimmed(), QUrl::StrictMode);
                if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()
                    || v.trimmed().endsWith(u'/') || url.hasQuery() || url.hasFragment())
                    return false;
                c.baseUrl = v.trimmed();
                return true;
            },
            [](const C &c) { return c.baseUrl; }},
        {u"storage/data_dir"_s, u"a folder path (relative paths start at the config file's folder)"_s,
            [](C &c, const QString &v) {
                if (v.trimmed().isEmpty())
                    return false;
                c.dataDir = resolvePath(c, v.trimmed());
                return true;
            },
            [](const C &c) { return c.dataDir; }},
        {u"storage/synchronous"_s, u"normal (WAL, survives a crash of dimosd) or full (also survives power loss)"_s,
            [](C &c, const QString &v) {
                const QString t = v.trimmed().toLower();
                if (t != u"normal" && t != u"full")
                    return false;
                c.synchronousFull = t == u"full";
                return true;
            },
            [](const C &c) { return c.synchronousFull ? u"full"_s : u"normal"_s; }},
        nestedIntKey(u"http/max_connections"_s, 16, 100000, 1, &C::http, &HttpLimits::maxConnections),
        nestedIntKey(u"http/max_header_kib"_s, 4, 1024, 1024, &C::http, &HttpLimits::maxHeaderBytes),
        nestedIntKey(u"http/max_body_mib"_s, 1, 1024, 1024 * 1024, &C::http, &HttpLimits::maxBodyBytes),
        nestedIntKey(u"http/idle_timeout_s"_s, 1, 3600, 1000, &C::http, &HttpLimits::idleTimeoutMs),
        nestedIntKey(u"http/header_timeout_s"_s, 1, 600, 1000, &C::http, &HttpLimits::headerTimeoutMs),
        {u"http/trusted_proxies"_s,
            u"IP addresses or subnets (127.0.0.1, 10.0.0.0/8), comma-separated, of reverse proxies whose "
            u"X-Forwarded-For header names the client; empty: none"_s,
            [](C &c, const QString &v) {
                c.http.trustedProxies.clear();
                for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
                    const QString t = part.trimmed();
                    if (t.contains(u'/')) {
                        const auto subnet = QHostAddress::parseSubnet(t);
                        if (subnet.first.isNull())
                            return false;
                        c.http.trustedProxies.append(subnet);
                        continue;
                    }
                    const QHostAddress address(t);
                    if (address.isNull())
                        return false;
                    const bool v4 = address.protocol() == QAbstractSocket::IPv4Protocol;
                    c.http.trustedProxies.append({address, v4 ? 32 : 128});
                }
                return true;
            },
            [](const C &c) {
                QStringList out;
                for (const auto &[address, prefix] : c.http.trustedProxies)
                    out.append(address.toString() + u'/' + QString::number(prefix));
                return out.join(u", "_s);
            }},
        boolKey(u"http/access_log"_s, &C::accessLog),
        intKey(u"http/response_cache_mib"_s, 0, 65536, 1, &C::responseCacheMib),
        nestedIntKey(u"auth/token_lifetime_hours"_s, 1, 24 * 90, 3600 * 1000, &C::auth, &AuthSettings::tokenLifetimeMs),
        nestedIntKey(u"auth/max_login_failures"_s, 1, 1000, 1, &C::auth, &AuthSettings::maxLoginFailures),
        nestedIntKey(u"auth/login_window_minutes"_s, 1, 24 * 60, 60 * 1000, &C::auth, &AuthSettings::loginWindowMs),
        {u"auth/argon2_ops"_s, u"a whole number from 1 to 10 (Argon2id passes)"_s,
            [](C &c, const QString &v) {
                const auto n = wholeNumber(v, 1, 10);
                if (n)
                    c.auth.passwordCost.opsLimit = static_cast<unsigned long long>(*n);
                return n.has_value();
            },
            [](const C &c) { return QString::number(c.auth.passwordCost.opsLimit); }},
        {u"auth/argon2_mem_mib"_s, u"a whole number from 1 to 4096 (Argon2id memory)"_s,
            [](C &c, const QString &v) {
                const auto n = wholeNumber(v, 1, 4096);
                if (n)
                    c.auth.passwordCost.memLimitBytes = static_cast<size_t>(*n) * 1024 * 1024;
                return n.has_value();
            },
            [](const C &c) { return QString::number(c.auth.passwordCost.memLimitBytes / (1024 * 1024)); }},
        boolKey(u"open311/require_api_key"_s, &C::open311RequireApiKey),
        {u"open311/boundary_file"_s, u"a GeoJSON file with the municipal boundary (or empty for none)"_s,
            [](C &c, const QString &v) {
                c.boundaryFile = resolvePath(c, v.trimmed());
                return c.boundaryFile.isEmpty() || QFileInfo::exists(c.boundaryFile);
            },
            [](const C &c) { return c.boundaryFile; }},
        intKey(u"open311/reports_per_hour_per_address"_s, 1, 100000, 1, &C::reportsPerHourPerAddress),
        {u"photos/max_mib"_s, u"a whole number from 1 to 100"_s,
            [](C &c, const QString &v) {
                const auto n = wholeNumber(v, 1, 100);
                if (n)
                    c.photos.maxBytes = *n * 1024 * 1024;
                return n.has_value();
            },
            [](const C &c) { return QString::number(c.photos.maxBytes / (1024 * 1024)); }},
        {u"photos/max_megapixels"_s, u"a whole number from 1 to 200"_s,
            [](C &c, const QString &v) {
                const auto n = wholeNumber(v, 1, 200);
                if (n)
                    c.photos.maxPixels = *n * 1'000'000;
                return n.has_value();
            },
            [](const C &c) { return QString::number(c.photos.maxPixels / 1'000'000); }},
        nestedIntKey(u"live/retention_days"_s, 1, 3650, 1, &C::live, &LiveSettings::retentionDays),
        nestedIntKey(u"live/max_queue_kib"_s, 16, 1024 * 1024, 1024, &C::live, &LiveSettings::maxQueueBytes),
        nestedIntKey(u"live/ping_interval_s"_s, 1, 3600, 1000, &C::live, &LiveSettings::pingIntervalMs),
        nestedIntKey(u"live/timeout_s"_s, 2, 86400, 1000, &C::live, &LiveSettings::silenceTimeoutMs),
        intKey(u"photos/max_per_report"_s, 0, 20, 1, &C::maxPhotosPerReport),
        nestedIntKey(
            u"requests/max_document_mib"_s, 1, 100, 1024 * 1024, &C::requestDocuments, &DocumentLimits::maxBytes),
        nestedIntKey(u"requests/max_documents"_s, 1, 50, 1, &C::requestDocuments, &DocumentLimits::maxCount),
        textKey(u"municipality/name_el"_s, &C::municipalityNameEl),
        textKey(u"municipality/name_en"_s, &C::municipalityNameEn),
        {u"municipality/contact_email"_s, u"an email address"_s,
            [](C &c, const QString &v) {
                if (!v.contains(u'@') || v.trimmed().contains(u' '))
                    return false;
                c.contactEmail = v.trimmed();
                return true;
            },
            [](const C &c) { return c.contactEmail; }},
        {u"web/tile_url"_s,
            u"an http:// or https:// URL template with {z}, {x} and {y} (and optionally {s}), such as "
            u"https://tile.openstreetmap.org/{z}/{x}/{y}.png"_s,
            [](C &c, const QString &v) {
                const QString t = v.trimmed();
                const QUrl url(QString(t).replace(u"{s}"_s, u"a"_s), QUrl::TolerantMode);
                if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()
                    || !t.contains(u"{z}"_s) || !t.contains(u"{x}"_s) || !t.contains(u"{y}"_s) || t.contains(u'"')
                    || t.contains(u' '))
                    return false;
                c.web.tileUrl = t;
                return true;
            },
            [](const C &c) { return c.web.tileUrl; }},
        {u"web/tile_attribution"_s, u"a non-empty text (the tile server's licence asks for it)"_s,
            [](C &c, const QString &v) {
                if (v.trimmed().isEmpty())
                    return false;
                c.web.tileAttribution = v.trimmed();
                return true;
            },
            [](const C &c) { return c.web.tileAttribution; }},
        {u"web/tile_attribution_url"_s, u"an http:// or https:// URL, or empty"_s,
            [](C &c, const QString &v) {
                const QUrl url(v.trimmed(), QUrl::StrictMode);
                if (!v.trimmed().isEmpty()
                    && (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
                        || url.host().isEmpty()))
                    return false;
                c.web.tileAttributionUrl = v.trimmed();
                return true;
            },
            [](const C &c) { return c.web.tileAttributionUrl; }},
        {u"web/leaflet_dir"_s, u"a folder path (Debian's libjs-leaflet: /usr/share/javascript/leaflet)"_s,
            [](C &c, const QString &v) {
                if (v.trimmed().isEmpty())
                    return false;
                c.web.leafletDir = resolvePath(c, v.trimmed());
                return true;
            },
            [](const C &c) { return c.web.leafletDir; }},
        {u"web/privacy_notice_el"_s, u"a text, or empty for the built-in notice"_s,
            [](C &c, const QString &v) {
                c.web.privacyNoticeEl = v.trimmed();
                return true;
            },
            [](const C &c) { return c.web.privacyNoticeEl; }},
        {u"web/privacy_notice_en"_s, u"a text, or empty for the built-in notice"_s,
            [](C &c, const QString &v) {
                c.web.privacyNoticeEn = v.trimmed();
                return true;
            },
            [](const C &c) { return c.web.privacyNoticeEn; }},
        nestedIntKey(u"web/not_fixed_days"_s, 1, 365, 1, &C::web, &WebSettings::notFixedDays),
        nestedIntKey(
            u"accounts/session_days"_s, 1, 365, 24LL * 3600 * 1000, &C::accounts, &AccountSettings::sessionLifetimeMs),
        nestedIntKey(
            u"accounts/verify_link_hours"_s, 1, 24 * 30, 3600LL * 1000, &C::accounts, &AccountSettings::verifyLinkMs),
        nestedIntKey(
            u"accounts/reset_link_minutes"_s, 10, 24 * 60, 60LL * 1000, &C::accounts, &AccountSettings::resetLinkMs),
        nestedIntKey(u"accounts/max_login_failures"_s, 1, 1000, 1, &C::accounts, &AccountSettings::maxLoginFailures),
        nestedIntKey(u"accounts/requests_per_hour"_s, 1, 10000, 1, &C::accounts, &AccountSettings::requestsPerHour),
        nestedIntKey(u"accounts/mails_per_hour"_s, 1, 100, 1, &C::accounts, &AccountSettings::mailsPerHour),
        {u"mail/mode"_s, u"off (mails wait in the outbox), folder (.eml files in mail/folder) or smtp"_s,
            [](C &c, const QString &v) {
                const QString t = v.trimmed().toLower();
                using M = MailSettings::Mode;
                if (t != u"off" && t != u"folder" && t != u"smtp")
                    return false;
                c.mail.mode = t == u"off" ? M::Off : t == u"folder" ? M::Folder : M::Smtp;
                return true;
            },
            [](const C &c) {
                using M = MailSettings::Mode;
                return c.mail.mode == M::Off ? u"off"_s : c.mail.mode == M::Folder ? u"folder"_s : u"smtp"_s;
            }},
        {u"mail/folder"_s, u"a folder path (relative paths start at the config file's folder), or empty"_s,
            [](C &c, const QString &v) {
                c.mail.folder = resolvePath(c, v.trimmed());
                return true;
            },
            [](const C &c) { return c.mail.folder; }},
        {u"mail/smtp_url"_s,
            u"smtp://host or smtps://host, with an optional :port (25, 587 or 465), and nothing after the host"_s,
            [](C &c, const QString &v) {
                const QUrl url(v.trimmed(), QUrl::StrictMode);
                if (!url.isValid() || (url.scheme() != u"smtp" && url.scheme() != u"smtps") || url.host().isEmpty()
                    || !url.userInfo().isEmpty() || (!url.path().isEmpty() && url.path() != u"/") || url.hasQuery()
                    || url.hasFragment())
                    return false;
                c.mail.smtpUrl = v.trimmed();
                return true;
            },
            [](const C &c) { return c.mail.smtpUrl; }},
        {u"mail/username"_s, u"the SMTP user name, or empty for no authentication"_s,
            [](C &c, const QString &v) {
                c.mail.username = v.trimmed();
                return true;
            },
            [](const C &c) { return c.mail.username; }},
        {u"mail/password"_s, u"the SMTP password (or empty)"_s,
            [](C &c, const QString &v) {
                c.mail.password = v;
                return true;
            },
            [](const C &c) { return c.mail.password.isEmpty() ? QString() : u"(set)"_s; }},
        {u"mail/from"_s, u"the sender, as address@domain or Name <address@domain>"_s,
            [](C &c, const QString &v) {
                QString why;
                if (!v.trimmed().isEmpty() && !MailAddress::parseMailbox(v, &why))
                    return false;
                c.mail.from = v.trimmed();
                return true;
            },
            [](const C &c) { return c.mail.from; }},
        {u"mail/starttls"_s, u"required, optional or off"_s,
            [](C &c, const QString &v) {
                const QString t = v.trimmed().toLower();
                using S = MailSettings::StartTls;
                if (t != u"required" && t != u"optional" && t != u"off")
                    return false;
                c.mail.startTls = t == u"required" ? S::Required : t == u"optional" ? S::Optional : S::Off;
                return true;
            },
            [](const C &c) {
                using S = MailSettings::StartTls;
                return c.mail.startTls == S::Required ? u"required"_s
                    : c.mail.startTls == S::Optional  ? u"optional"_s
                                                      : u"off"_s;
            }},
        {u"mail/ca_file"_s, u"a PEM file of CA certificates that exists, or empty for the system's"_s,
            [](C &c, const QString &v) {
                c.mail.caFile = resolvePath(c, v.trimmed());
                return c.mail.caFile.isEmpty() || QFileInfo(c.mail.caFile).isReadable();
            },
            [](const C &c) { return c.mail.caFile; }},
        {u"mail/retry_minutes"_s,
            u"waits in minutes after each failed attempt, comma-separated, 1 to 10 of them, each from 1 to 10080"_s,
            [](C &c, const QString &v) {
                QList<qint64> delays;
                for (const QString &part : v.split(u',', Qt::SkipEmptyParts)) {
                    const auto n = wholeNumber(part, 1, 7 * 24 * 60);
                    if (!n)
                        return false;
                    delays.append(*n * 60'000);
                }
                if (delays.isEmpty() || delays.size() > 10)
                    return false;
                c.mail.retryDelaysMs = delays;
                return true;
            },
            [](const C &c) {
                QStringList out;
                for (qint64 ms : c.mail.retryDelaysMs)
                    out.append(QString::number(ms / 60'000));
                return out.join(u", "_s);
            }},
        nestedIntKey(u"mail/keep_days"_s, 1, 3650, 1, &C::mail, &MailSettings::keepDays),
    };
}

// Rules between keys, checked once all are read.
QString crossCheck(const Config &c)
{
    if (c.mail.mode != MailSettings::Mode::Off && c.mail.from.isEmpty())
        return u"[mail] from must be set when [mail] mode is folder or smtp"_s;
    if (!c.mail.password.isEmpty() && c.mail.username.isEmpty())
        return u"[mail] password is set but [mail] username is empty"_s;
    return {};
}

} // namespace

std::optional<Config> Config::load(const QString &file, const QStringList &overrides, QString *error)
{
    Config c;
    c.file = file.isEmpty() ? QString() : QFileInfo(file).absoluteFilePath();
    c.dataDir = resolvePath(c, u"data"_s);
    const QList<Key> all = keys();
    auto applyOne = [&](const QString &name, const QString &value, const QString &source) {
        const auto it = std::find_if(all.begin(), all.end(), [&](const Key &k) { return k.name == name; });
        if (it == all.end()) {
            *error = u"%1: unknown key \"%2\" (check the spelling against dimosd.sample.ini)"_s.arg(source, name);
            return false;
        }
        if (!it->apply(c, value)) {
            const qsizetype slash = name.indexOf(u'/');
            *error = u"%1: [%2] %3 = \"%4\" is not valid: expected %5"_s.arg(
                source, name.left(slash), name.mid(slash + 1), value, it->help);
            return false;
        }
        return true;
    };
    if (!c.file.isEmpty()) {
        if (!QFileInfo(c.file).isReadable()) {
            *error = u"%1: the configuration file does not exist or cannot be read"_s.arg(c.file);
            return std::nullopt;
        }
        QSettings settings(c.file, QSettings::IniFormat);
        if (settings.status() != QSettings::NoError) {
            *error = u"%1: the file is not a valid INI file"_s.arg(c.file);
            return std::nullopt;
        }
        for (const QString &name : settings.allKeys()) {
            const QVariant v = settings.value(name);
            // An unquoted value with commas arrives as a list; keys here take one value.
            const QString text = v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString();
            if (!applyOne(name.contains(u'/') ? name : u"general/"_s + name, text, c.file))
                return std::nullopt;
        }
    }
    for (const QString &o : overrides) {
        const qsizetype eq = o.indexOf(u'=');
        if (eq <= 0) {
            *error = u"command line: --set \"%1\" must look like section/key=value"_s.arg(o);
            return std::nullopt;
        }
        if (!applyOne(o.left(eq).trimmed(), o.mid(eq + 1), u"command line"_s))
            return std::nullopt;
    }
    if (const QString problem = crossCheck(c); !problem.isEmpty()) {
        *error = (c.file.isEmpty() ? u"command line"_s : c.file) + u": "_s + problem;
        return std::nullopt;
    }
    return c;
}

QStringList Config::describe() const
{
    QStringList out;
    for (const Key &k : keys())
        out.append(k.name + u" = "_s + k.show(*this));
    return out;
}

QString Config::databasePath() const
{
    return dataDir + u"/dimos.sqlite"_s;
}

QString Config::mediaDir() const
{
    return dataDir + u"/media"_s;
}

QString Config::documentsDir() const
{
    return dataDir + u"/documents"_s;
}

QString Config::mailFolder() const
{
    return mail.folder.isEmpty() ? dataDir + u"/mail"_s : mail.folder;
}

} // namespace dimos
