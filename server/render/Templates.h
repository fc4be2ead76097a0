#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace kainjow::mustache {
template <typename StringType> class basic_mustache;
template <typename StringType> class basic_data;
} // namespace kainjow::mustache

namespace dimos {

// The Mustache templates of the web pages and the mails (resources/templates/, built into
// the binary under :/templates/), rendered with kainjow's mustache (Debian's
// libkainjow-mustache-dev), which HTML-escapes every {{value}}; {{{value}}} inserts text
// as it is and is only for HTML the server made itself (a rendered page body in the layout).
//
// A template is named by its path under the root without ".mustache": "web/home",
// "mail/confirm.html". Every template is also a partial under its name: {{> web/header}}.
// All templates are parsed when loaded, so a broken one stops dimosd at start, naming the
// file and the problem, rather than at the first request that uses it.
class Templates final
{
public:
    Templates();
    ~Templates();
    Q_DISABLE_COPY_MOVE(Templates)

    // Loads every *.mustache under `root` (a folder, or ":/templates"). False with *error
    // naming the template and what is wrong.
    bool load(const QString &root, QString *error);
    bool has(const QString &name) const;
    QStringList names() const;
    // The template's text as loaded (tests check which messages the templates use).
    QString source(const QString &name) const;

    // Html escapes every {{value}} (web pages, the HTML part of a mail); PlainText inserts
    // values as they are, for text that is never read as HTML (a mail's subject and text part,
    // where "&amp;" would reach the reader as it is written).
    enum class Escape { Html, PlainText };

    // Renders `name` with `values` (objects, arrays, strings, numbers, booleans; null is
    // false). Throws std::runtime_error for an unknown template or a render error.
    QString render(const QString &name, const QJsonObject &values, Escape escape = Escape::Html) const;

    // Renders a template given as text (a request type's answer template, stored in the
    // database), without partials. Nothing, with *error, when it is not valid Mustache.
    static std::optional<QString> renderText(
        const QString &source, const QJsonObject &values, Escape escape, QString *error);

private:
    struct Entry;
    QHash<QString, std::shared_ptr<Entry>> m_entries;
};

} // namespace dimos
