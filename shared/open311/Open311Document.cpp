#include "Open311Document.h"

#include <QJsonDocument>
#include <QLocale>
#include <QXmlStreamWriter>

using namespace Qt::StringLiterals;

namespace dimos::open311 {

namespace {

QString itemNameFor(QStringView arrayName)
{
    static const std::pair<QStringView, QStringView> kNames[] = {
        {u"attributes", u"attribute"},
        {u"values", u"value"},
        {u"endpoints", u"endpoint"},
        {u"formats", u"format"},
        {u"notes", u"note"},
        {u"photos", u"photo"},
        {u"errors", u"error"},
        {u"keywords", u"keyword"},
        {u"service_requests", u"request"},
    };
    for (const auto &[name, item] : kNames)
        if (name == arrayName)
            return item.toString();
    return u"item"_s;
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)) && std::abs(d) < 1e15)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::String:
        return v.toString();
    default:
        return {};
    }
}

void writeValue(QXmlStreamWriter &xml, const QString &name, const QJsonValue &v);

void writeObject(QXmlStreamWriter &xml, const QJsonObject &o)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        writeValue(xml, it.key(), it.value());
}

void writeValue(QXmlStreamWriter &xml, const QString &name, const QJsonValue &v)
{
    if (v.isArray()) {
        xml.writeStartElement(name);
        const QString item = itemNameFor(name);
        for (const QJsonValue &e : v.toArray())
            writeValue(xml, item, e);
        xml.writeEndElement();
    } else if (v.isObject()) {
        xml.writeStartElement(name);
        writeObject(xml, v.toObject());
        xml.writeEndElement();
    } else if (v.isNull() || v.isUndefined()) {
        xml.writeEmptyElement(name);
    } else {
        xml.writeTextElement(name, scalarText(v));
    }
}

QByteArray xmlDocument(const std::function<void(QXmlStreamWriter &)> &body)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    body(xml);
    xml.writeEndDocument();
    return out;
}

} // namespace

QByteArray renderList(Format format, QStringView root, QStringView item, const QJsonArray &items)
{
    if (format == Format::Json)
        return QJsonDocument(items).toJson(QJsonDocument::Compact);
    return xmlDocument([&](QXmlStreamWriter &xml) {
        xml.writeStartElement(root.toString());
        const QString itemName = item.toString();
        for (const QJsonValue &v : items)
            writeValue(xml, itemName, v);
        xml.writeEndElement();
    });
}

QByteArray renderObject(Format format, QStringView root, const QJsonObject &object)
{
    if (format == Format::Json)
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    return xmlDocument([&](QXmlStreamWriter &xml) {
        xml.writeStartElement(root.toString());
        writeObject(xml, object);
        xml.writeEndElement();
    });
}

QByteArray renderErrors(Format format, const QList<Error> &errors)
{
    QJsonArray items;
    for (const Error &e : errors)
        items.append(QJsonObject{{u"code"_s, e.code}, {u"description"_s, e.description}});
    return renderList(format, u"errors", u"error", items);
}

QByteArray contentType(Format format)
{
    return format == Format::Json ? "application/json; charset=utf-8"_ba : "text/xml; charset=utf-8"_ba;
}

} // namespace dimos::open311
