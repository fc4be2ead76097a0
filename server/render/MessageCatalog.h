#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace dimos {

// What a person reads on the web pages and in the mails, in Greek and English: JSON files
// per area and language (resources/i18n/<area>.<lang>.json, e.g. web.el.json, mail.en.json,
// built in under :/i18n/), nested objects of texts, e.g. {"report": {"title": "Αναφορά
// προβλήματος"}}. The files of a language are merged; two may not share a top-level key.
// Templates read them as {{t.report.title}}; code reads text(lang, "report.title").
//
// Greek is the default and the fallback. load() refuses a catalogue whose keys differ
// from Greek's, so a text never silently goes missing in one language.
class MessageCatalog final
{
public:
    static QStringList languages() { return {QStringLiteral("el"), QStringLiteral("en")}; }
    // "el" or "en" from anything a client sends ("en-GB", "EL"); Greek when unknown.
    static QString normalise(QStringView language);

    // Loads <folder>/*.<lang>.json for every language (a folder or ":/i18n").
    bool load(const QString &folder, QString *error);

    // The whole catalogue of a language, for a template's `t`.
    QJsonObject texts(QStringView language) const;
    // One text by its dotted key, with %1, %2… filled in; the key itself when missing.
    QString text(QStringView language, const QString &key, const QStringList &args = {}) const;
    // Every dotted key (of Greek's catalogue), sorted.
    QStringList keys() const;

private:
    QHash<QString, QJsonObject> m_texts;
    QHash<QString, QHash<QString, QString>> m_flat;
};

} // namespace dimos
