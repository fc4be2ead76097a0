#include "Templates.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>

#include <kainjow/mustache.hpp>

#include <cmath>
#include <stdexcept>

using namespace Qt::StringLiterals;

namespace dimos {

namespace mustache = kainjow::mustache;

struct Templates::Entry
{
    QString source;
    std::string utf8;
};

namespace {

mustache::data toData(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        mustache::data out = mustache::data::type::object;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.set(it.key().toStdString(), toData(it.value()));
        return out;
    }
    case QJsonValue::Array: {
        mustache::data out = mustache::data::type::list;
        for (const QJsonValue &v : value.toArray())
            out.push_back(toData(v));
        return out;
    }
    case QJsonValue::String:
        return mustache::data(value.toString().toStdString());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
            return mustache::data(std::to_string(static_cast<long long>(d)));
        return mustache::data(QString::number(d).toStdString());
    }
    case QJsonValue::Bool:
        return value.toBool() ? mustache::data::type::bool_true : mustache::data::type::bool_false;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return mustache::data::type::bool_false;
}

} // namespace

Templates::Templates() = default;
Templates::~Templates() = default;

bool Templates::load(const QString &root, QString *error)
{
    QHash<QString, std::shared_ptr<Entry>> loaded;
    QDirIterator it(root, {u"*.mustache"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QString name = path.mid(root.size());
        while (name.startsWith(u'/'))
            name.remove(0, 1);
        name.chop(int(qstrlen(".mustache")));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = u"template %1 cannot be read: %2"_s.arg(path, file.errorString());
            return false;
        }
        auto entry = std::make_shared<Entry>();
        const QByteArray bytes = file.readAll();
        entry->source = QString::fromUtf8(bytes);
        entry->utf8 = bytes.toStdString();
        const mustache::mustache parsed(entry->utf8);
        if (!parsed.is_valid()) {
            *error
                = u"template %1 is not valid Mustache: %2"_s.arg(path, QString::fromStdString(parsed.error_message()));
            return false;
        }
        loaded.insert(name, entry);
    }
    if (loaded.isEmpty()) {
        *error = u"no templates (*.mustache) under %1"_s.arg(root);
        return false;
    }
    m_entries = std::move(loaded);
    return true;
}

bool Templates::has(const QString &name) const
{
    return m_entries.contains(name);
}

QStringList Templates::names() const
{
    QStringList out = m_entries.keys();
    out.sort();
    return out;
}

QString Templates::source(const QString &name) const
{
    const auto found = m_entries.constFind(name);
    return found == m_entries.cend() ? QString() : (*found)->source;
}

QString Templates::render(const QString &name, const QJsonObject &values, Escape escape) const
{
    const auto found = m_entries.constFind(name);
    if (found == m_entries.cend())
        throw std::runtime_error("no template named " + name.toStdString());
    mustache::data data = toData(values);
    // Every template is a partial under its own name.
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const std::string *text = &(*it)->utf8;
        data.set(it.key().toStdString(), mustache::partial([text] { return *text; }));
    }
    mustache::mustache tmpl((*found)->utf8);
    if (escape == Escape::PlainText) // partials inherit it
        tmpl.set_custom_escape([](const std::string &s) { return s; });
    const std::string out = tmpl.render(data);
    if (!tmpl.is_valid())
        throw std::runtime_error("template " + name.toStdString() + ": " + tmpl.error_message());
    return QString::fromStdString(out);
}

std::optional<QString> Templates::renderText(
    const QString &source, const QJsonObject &values, Escape escape, QString *error)
{
    mustache::mustache tmpl(source.toStdString());
    if (!tmpl.is_valid()) {
        *error = QString::fromStdString(tmpl.error_message());
        return std::nullopt;
    }
    if (escape == Escape::PlainText)
        tmpl.set_custom_escape([](const std::string &s) { return s; });
    mustache::data data = toData(values);
    const std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) {
        *error = QString::fromStdString(tmpl.error_message());
        return std::nullopt;
    }
    return QString::fromStdString(out);
}

} // namespace dimos
