#include "Report.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
using K = ReportHistoryEntry::Kind;
constexpr std::pair<K, QStringView> kKindNames[] = {
    {K::Created, u"created"},
    {K::StatusChange, u"status"},
    {K::PublicNote, u"public_note"},
    {K::InternalNote, u"internal_note"},
    {K::Assignment, u"assignment"},
    {K::Priority, u"priority"},
    {K::Duplicate, u"duplicate"},
    {K::Reopen, u"reopen"},
    {K::Confirmed, u"confirmed"},
    {K::Approved, u"approved"},
    {K::Hidden, u"hidden"},
    {K::PhotoShown, u"photo_shown"},
    {K::PhotoWithheld, u"photo_withheld"},
    {K::Redacted, u"redacted"},
};
constexpr std::pair<Priority, QStringView> kPriorityNames[] = {
    {Priority::Low, u"low"}, {Priority::Normal, u"normal"}, {Priority::High, u"high"}, {Priority::Urgent, u"urgent"}};
} // namespace

QString historyKindToString(ReportHistoryEntry::Kind kind)
{
    for (const auto &[k, name] : kKindNames)
        if (k == kind)
            return name.toString();
    return u"created"_s;
}

ReportHistoryEntry::Kind historyKindFromString(QStringView name)
{
    for (const auto &[k, n] : kKindNames)
        if (n == name)
            return k;
    return K::Created;
}

namespace {
constexpr std::pair<Visibility, QStringView> kVisibilityNames[] = {
    {Visibility::Unconfirmed, u"unconfirmed"},
    {Visibility::Moderation, u"moderation"},
    {Visibility::Public, u"public"},
    {Visibility::Hidden, u"hidden"},
};
} // namespace

QString visibilityToString(Visibility visibility)
{
    for (const auto &[v, name] : kVisibilityNames)
        if (v == visibility)
            return name.toString();
    return u"public"_s;
}

std::optional<Visibility> visibilityFromString(QStringView name)
{
    for (const auto &[v, n] : kVisibilityNames)
        if (n == name)
            return v;
    return std::nullopt;
}

QString priorityToString(Priority priority)
{
    for (const auto &[p, name] : kPriorityNames)
        if (p == priority)
            return name.toString();
    return u"normal"_s;
}

std::optional<Priority> priorityFromString(QStringView name)
{
    for (const auto &[p, n] : kPriorityNames)
        if (n == name)
            return p;
    return std::nullopt;
}

} // namespace dimos
