#pragma once

#include <QJsonObject>
#include <QString>

#include "shared/domain/Category.h"

namespace dimos {

struct Department
{
    qint64 id = 0;
    QString code;
    LocalizedText name;
    QString email;
    bool active = true;

    QJsonObject toJson() const
    {
        using namespace Qt::StringLiterals;
        return QJsonObject{
            {u"id"_s, id}, {u"code"_s, code}, {u"name"_s, name.toJson()}, {u"email"_s, email}, {u"active"_s, active}};
    }
};

} // namespace dimos
