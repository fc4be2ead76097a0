#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

#include "shared/domain/Category.h"

namespace dimos {

struct InformationPhoto
{
    qint64 id = 0;
    QString sha256; // content address of the re-encoded JPEG (served at /media/<sha256>.jpg)
    int width = 0;
    int height = 0;
};

// An item staff publish in an information category: an event (with a start and maybe an end),
// a lost or found pet, a tourism note. Greek is required, English optional. Published items
// are public; a withdrawn one is kept for the record and shown to nobody but staff.
struct InformationItem
{
    enum class State { Published, Withdrawn };

    qint64 id = 0;
    QString categoryCode;
    LocalizedText title;
    LocalizedText body;
    std::optional<qint64> startsMs; // events: when it starts
    std::optional<qint64> endsMs; // and ends (only with a start)
    bool hasLocation = false;
    double lat = 0, lon = 0;
    QString address; // a place's name or address, with or without a point
    QList<InformationPhoto> photos;
    State state = State::Published;
    qint64 createdBy = 0;
    QString createdByName;
    qint64 updatedBy = 0;
    QString updatedByName;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
    std::optional<qint64> withdrawnMs;
    int version = 1;

    bool isPublished() const { return state == State::Published; }
    bool hasPlace() const { return hasLocation || !address.isEmpty(); }
    // Whether an event is over at `nowMs` (its end, or its start when it has no end).
    bool isPast(qint64 nowMs) const;
};

QString informationStateToString(InformationItem::State state);
std::optional<InformationItem::State> informationStateFromString(QStringView text);

// The staff API's JSON of an item (docs/api/rest.md, "Information items").
QJsonObject informationItemToJson(const InformationItem &item);
std::optional<InformationItem> informationItemFromJson(const QJsonObject &o);

} // namespace dimos
