#include "ReportStatus.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
struct StatusName
{
    ReportStatus status;
    QStringView name;
    QStringView fms;
};
constexpr StatusName kStatusNames[] = {
    {ReportStatus::New, u"new", u"OPEN"},
    {ReportStatus::Acknowledged, u"acknowledged", u"INVESTIGATING"},
    {ReportStatus::InProgress, u"in_progress", u"IN_PROGRESS"},
    {ReportStatus::Resolved, u"resolved", u"FIXED"},
    {ReportStatus::Closed, u"closed", u"CLOSED"},
    {ReportStatus::Rejected, u"rejected", u"NOT_COUNCILS_RESPONSIBILITY"},
    {ReportStatus::Duplicate, u"duplicate", u"DUPLICATE"},
};
} // namespace

QString statusToString(ReportStatus status)
{
    for (const auto &n : kStatusNames)
        if (n.status == status)
            return n.name.toString();
    return {};
}

std::optional<ReportStatus> statusFromString(QStringView text)
{
    for (const auto &n : kStatusNames)
        if (n.name == text)
            return n.status;
    return std::nullopt;
}

QList<ReportStatus> allStatuses()
{
    QList<ReportStatus> out;
    for (const auto &n : kStatusNames)
        out.append(n.status);
    return out;
}

bool isOpen(ReportStatus status)
{
    return status == ReportStatus::New || status == ReportStatus::Acknowledged || status == ReportStatus::InProgress;
}

QString open311Status(ReportStatus status)
{
    return isOpen(status) ? u"open"_s : u"closed"_s;
}

QString fmsExternalStatus(ReportStatus status)
{
    for (const auto &n : kStatusNames)
        if (n.status == status)
            return n.fms.toString();
    return {};
}

std::optional<ReportStatus> statusFromFmsExternal(QStringView text)
{
    const QString upper = text.toString().toUpper();
    for (const auto &n : kStatusNames)
        if (n.fms == upper)
            return n.status;
    // FixMyStreet's other names, mapped to the nearest of ours.
    if (upper == u"ACTION_SCHEDULED" || upper == u"INTERNAL_REFERRAL" || upper == u"FOR_TRIAGE")
        return ReportStatus::Acknowledged;
    if (upper == u"NO_FURTHER_ACTION" || upper == u"CANCELLED")
        return ReportStatus::Closed;
    if (upper == u"REOPEN")
        return ReportStatus::Acknowledged;
    return std::nullopt;
}

bool canTransition(ReportStatus from, ReportStatus to)
{
    if (from == to)
        return false;
    if (isOpen(from))
        return true; // any open report may move to any other status
    // A resolved report is confirmed closed once nobody objects; otherwise from a closed state
    // only a reopen is possible.
    if (from == ReportStatus::Resolved && to == ReportStatus::Closed)
        return true;
    return to == ReportStatus::Acknowledged || to == ReportStatus::InProgress;
}

} // namespace dimos
