#pragma once

#include <QColor>

#include "shared/domain/ReportStatus.h"

namespace dimos {

// One colour per status, shared by the map markers and the queue table so that a clerk
// learns one code. Chosen to stay apart for the common colour-vision deficiencies and to
// carry white text.
inline QColor statusColor(ReportStatus status)
{
    switch (status) {
    case ReportStatus::New:
        return QColor(0xd6, 0x27, 0x28); // red: nobody has looked at it
    case ReportStatus::Acknowledged:
        return QColor(0xe6, 0x7e, 0x00); // orange
    case ReportStatus::InProgress:
        return QColor(0x1f, 0x6f, 0xb4); // blue
    case ReportStatus::Resolved:
        return QColor(0x2c, 0x8c, 0x2c); // green
    case ReportStatus::Closed:
        return QColor(0x6b, 0x6b, 0x6b); // grey: done, no longer needs attention
    case ReportStatus::Rejected:
        return QColor(0x8c, 0x56, 0x4b); // brown
    case ReportStatus::Duplicate:
        return QColor(0x94, 0x67, 0xbd); // purple
    }
    return QColor(0x6b, 0x6b, 0x6b);
}

// The colour of text or symbols drawn on a statusColor() background.
inline QColor statusTextColor(ReportStatus)
{
    return QColor(Qt::white);
}

} // namespace dimos
