#include "MessageCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

// Flattens {"a": {"b": "x"}} into {"a.b": "x"}; false (with *why) for anything but objects
// and strings.
bool flatten(const QJsonObject &o, const QString &prefix, QHash<QString, QString> *out, QString *why)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it.key().isEmpty() || it.key().contains(u'.')) {
            *why = u"key \"%1\" is empty or holds a dot"_s.arg(key);
            return false;
        }
        if (it.value().isObject()) {
            if (!flatten(it.value().toObject(), key, out, why))
                return false;
        } else if (it.value().isString()) {
            out->insert(key, it.value().toString());
        } else {
            *why = u"\"%1\" must be a text or an object of texts"_s.arg(key);
            return false;
        }
    }
    return true;
}

} // namespace

QString MessageCatalog::normalise(QStringView language)
{
    return language.trimmed().left(2).compare(u"en", Qt::CaseInsensitive) == 0 ? u"en"_s : u"el"_s;
}

bool MessageCatalog::load(const QString &folder, QString *error)
{
    QHash<QString, QJsonObject> texts;
    QHash<QString, QHash<QString, QString>> flat;
    for (const QString &lang : languages()) {
        const QStringList files = QDir(folder).entryList({u"*."_s + lang + u".json"_s}, QDir::Files, QDir::Name);
        if (files.isEmpty()) {
            *error = u"no message catalogue for %1 (*.%1.json) in %2"_s.arg(lang, folder);
            return false;
        }
        QJsonObject merged;
        for (const QString &name : files) {
            const QString path = folder + u'/' + name;
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = u"message catalogue %1 cannot be read: %2"_s.arg(path, file.errorString());
                return false;
            }
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
            if (!doc.isObject()) {
                *error = u"message catalogue %1 is not a JSON object: %2 at byte %3"_s.arg(
                    path, parseError.errorString(), QString::number(parseError.offset));
                return false;
            }
            const QJsonObject o = doc.object();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (merged.contains(it.key())) {
                    *error = u"message catalogue %1: \"%2\" is already in another %3 file"_s.arg(path, it.key(), lang);
                    return false;
                }
                merged.insert(it.key(), it.value());
            }
            QString why;
            if (!flatten(o, {}, &flat[lang], &why)) {
                *error = u"message catalogue %1: %2"_s.arg(path, why);
                return false;
            }
        }
        texts.insert(lang, merged);
    }
    for (const QString &lang : languages()) {
        QStringList missing, extra;
        for (auto it = flat[u"el"_s].cbegin(); it != flat[u"el"_s].cend(); ++it)
            if (!flat[lang].contains(it.key()))
                missing.append(it.key());
        for (auto it = flat[lang].cbegin(); it != flat[lang].cend(); ++it)
            if (!flat[u"el"_s].contains(it.key()))
                extra.append(it.key());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            missing.sort();
            extra.sort();
            *error
                = u"message catalogue *.%2.json in %1 does not have the keys of Greek's: missing %3; not in Greek's %4"_s
                      .arg(folder, lang, missing.isEmpty() ? u"none"_s : missing.join(u", "),
                          extra.isEmpty() ? u"none"_s : extra.join(u", "));
            return false;
        }
    }
    m_texts = std::move(texts);
    m_flat = std::move(flat);
    return true;
}

QJsonObject MessageCatalog::texts(QStringView language) const
{
    return m_texts.value(normalise(language));
}

QString MessageCatalog::text(QStringView language, const QString &key, const QStringList &args) const
{
    QString out = m_flat.value(normalise(language)).value(key, key);
    for (const QString &a : args)
        out = out.arg(a);
    return out;
}

QStringList MessageCatalog::keys() const
{
    QStringList out = m_flat.value(u"el"_s).keys();
    out.sort();
    return out;
}

} // namespace dimos
