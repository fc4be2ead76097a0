#include "ReportStore.h"

#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

bool hasContact(const ReporterContact &c)
{
    return !c.email.isEmpty() || !c.firstName.isEmpty() || !c.lastName.isEmpty() || !c.phone.isEmpty()
        || !c.deviceId.isEmpty() || !c.accountId.isEmpty();
}

QString defaultLanguage()
{
    return QLocale().language() == QLocale::Greek ? u"el"_s : u"en"_s;
}

} // namespace

QJsonObject StaffMember::toJson() const
{
    QJsonArray departments;
    for (qint64 d : departmentIds)
        departments.append(d);
    return QJsonObject{{u"id"_s, id}, {u"username"_s, username}, {u"display_name"_s, displayName}, {u"email"_s, email},
        {u"role"_s, roleToString(role)}, {u"active"_s, active}, {u"department_ids"_s, departments},
        {u"must_renew_credentials"_s, mustRenewCredentials}};
}

std::optional<StaffMember> StaffMember::fromJson(const QJsonObject &o)
{
    const auto role = roleFromString(o.value(u"role"_s).toString());
    if (!o.value(u"id"_s).isDouble() || !role)
        return std::nullopt;
    StaffMember m;
    m.id = o.value(u"id"_s).toInteger();
    m.username = o.value(u"username"_s).toString();
    m.displayName = o.value(u"display_name"_s).toString();
    m.email = o.value(u"email"_s).toString();
    m.role = *role;
    m.active = o.value(u"active"_s).toBool(true);
    m.mustRenewCredentials = o.value(u"must_renew_credentials"_s).toBool(false);
    for (const QJsonValue &d : o.value(u"department_ids"_s).toArray())
        m.departmentIds.append(d.toInteger());
    return m;
}

std::optional<Department> departmentFromJson(const QJsonObject &o)
{
    if (!o.value(u"id"_s).isDouble())
        return std::nullopt;
    Department d;
    d.id = o.value(u"id"_s).toInteger();
    d.code = o.value(u"code"_s).toString();
    d.name = LocalizedText::fromJson(o.value(u"name"_s));
    d.email = o.value(u"email"_s).toString();
    d.active = o.value(u"active"_s).toBool(true);
    return d;
}

std::optional<Category> categoryFromJson(const QJsonObject &o)
{
    Category c;
    c.code = o.value(u"code"_s).toString();
    if (c.code.isEmpty())
        return std::nullopt;
    c.name = LocalizedText::fromJson(o.value(u"name"_s));
    c.description = LocalizedText::fromJson(o.value(u"description"_s));
    c.group = LocalizedText::fromJson(o.value(u"group"_s));
    for (const QJsonValue &k : o.value(u"keywords"_s).toArray())
        c.keywords.append(k.toString());
    c.departmentId = o.value(u"department_id"_s).toInteger();
    c.active = o.value(u"active"_s).toBool(true);
    c.kind = categoryKindFromString(o.value(u"kind"_s).toString()).value_or(CategoryKind::Problem);
    c.icon = o.value(u"icon"_s).toString();
    c.slaDays = o.value(u"sla_days"_s).toInt();
    for (const QJsonValue &r : o.value(u"responses"_s).toArray()) {
        const QJsonObject response = r.toObject();
        CannedResponse canned{
            LocalizedText::fromJson(response.value(u"title"_s)), LocalizedText::fromJson(response.value(u"text"_s))};
        if (!canned.text.isEmpty())
            c.responses.append(canned);
    }
    for (const QJsonValue &a : o.value(u"attributes"_s).toArray()) {
        QString error;
        // A definition the client cannot read is left out rather than failing the whole
        // catalogue: the queue needs the names, not every form field.
        if (auto def = AttributeDefinition::fromJson(a.toObject(), &error))
            c.attributes.append(*def);
    }
    return c;
}

ReportStore::ReportStore(QObject *parent) : QObject(parent), m_language(defaultLanguage()) { }

ReportStore::~ReportStore() = default;

ReportStore::Outcome ReportStore::put(const Report &report)
{
    auto it = m_reports.find(report.id);
    if (it == m_reports.end()) {
        m_reports.insert(report.id, report);
        m_order.append(report.id);
        return Outcome::Added;
    }
    if (report.version <= it->version)
        return Outcome::Unchanged;
    // Live events carry no contact details (they go to every clerk); the citizen's contact
    // does not change with the report, so the copy read over REST stays.
    const ReporterContact contact = it->contact;
    *it = report;
    if (!hasContact(it->contact))
        it->contact = contact;
    return Outcome::Changed;
}

bool ReportStore::upsert(const Report &report)
{
    switch (put(report)) {
    case Outcome::Unchanged:
        return false;
    case Outcome::Added:
        Q_EMIT reportsAdded({report.id});
        return true;
    case Outcome::Changed:
        Q_EMIT reportChanged(report.id);
        return true;
    }
    return false;
}

int ReportStore::upsertAll(const QList<Report> &reports)
{
    QList<qint64> added;
    QList<qint64> changed;
    for (const Report &r : reports) {
        switch (put(r)) {
        case Outcome::Unchanged:
            break;
        case Outcome::Added:
            added.append(r.id);
            break;
        case Outcome::Changed:
            changed.append(r.id);
            break;
        }
    }
    if (!added.isEmpty())
        Q_EMIT reportsAdded(added);
    for (qint64 id : std::as_const(changed))
        Q_EMIT reportChanged(id);
    return static_cast<int>(added.size() + changed.size());
}

bool ReportStore::applyEvent(qint64 seq, const Report &report)
{
    if (seq <= m_lastSeq)
        return false;
    m_lastSeq = seq;
    // New to its department: a report not seen before, or one that moved there. Decided
    // before upsert(), which may move the stored copy.
    const Report *before = find(report.id);
    const bool arrived = before == nullptr || before->departmentId != report.departmentId;
    if (!upsert(report))
        return false;
    const bool mine = report.departmentId && m_myDepartments.contains(*report.departmentId);
    if (mine && arrived)
        Q_EMIT newReportInMyDepartments(report.id);
    return true;
}

void ReportStore::replaceAll(const QList<Report> &reports, qint64 lastSeq)
{
    m_reports.clear();
    m_order.clear();
    for (const Report &r : reports)
        put(r);
    m_lastSeq = lastSeq;
    Q_EMIT reset();
}

void ReportStore::clear()
{
    replaceAll({}, -1);
}

const Report *ReportStore::find(qint64 id) const
{
    const auto it = m_reports.constFind(id);
    return it == m_reports.constEnd() ? nullptr : &*it;
}

QList<Report> ReportStore::reports() const
{
    QList<Report> out;
    out.reserve(m_order.size());
    for (qint64 id : m_order)
        out.append(m_reports.value(id));
    return out;
}

void ReportStore::setDepartments(const QList<Department> &departments)
{
    m_departments.clear();
    for (const Department &d : departments)
        m_departments.insert(d.id, d);
    Q_EMIT lookupsChanged();
}

void ReportStore::setCategories(const QList<Category> &categories)
{
    m_categories.clear();
    for (const Category &c : categories)
        m_categories.insert(c.code, c);
    Q_EMIT lookupsChanged();
}

void ReportStore::setUsers(const QList<StaffMember> &users)
{
    m_users.clear();
    for (const StaffMember &u : users)
        m_users.insert(u.id, u);
    Q_EMIT lookupsChanged();
}

QList<Department> ReportStore::departments() const
{
    return m_departments.values();
}

QList<Category> ReportStore::categories() const
{
    return m_categories.values();
}

QList<StaffMember> ReportStore::users() const
{
    return m_users.values();
}

const Department *ReportStore::department(qint64 id) const
{
    const auto it = m_departments.constFind(id);
    return it == m_departments.constEnd() ? nullptr : &*it;
}

const Category *ReportStore::category(const QString &code) const
{
    const auto it = m_categories.constFind(code);
    return it == m_categories.constEnd() ? nullptr : &*it;
}

const StaffMember *ReportStore::user(qint64 id) const
{
    const auto it = m_users.constFind(id);
    return it == m_users.constEnd() ? nullptr : &*it;
}

QString ReportStore::departmentName(qint64 id) const
{
    const Department *d = department(id);
    if (!d)
        return QString::number(id);
    const QString name = d->name.in(m_language);
    return name.isEmpty() ? d->code : name;
}

QString ReportStore::categoryName(const QString &code) const
{
    const Category *c = category(code);
    if (!c)
        return code;
    const QString name = c->name.in(m_language);
    return name.isEmpty() ? code : name;
}

QString ReportStore::userName(qint64 id) const
{
    const StaffMember *u = user(id);
    if (!u)
        return QString::number(id);
    return u->displayName.isEmpty() ? u->username : u->displayName;
}

void ReportStore::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    Q_EMIT lookupsChanged();
}

void ReportStore::setMyDepartments(const QList<qint64> &departmentIds)
{
    m_myDepartments = QSet<qint64>(departmentIds.begin(), departmentIds.end());
}

void ReportStore::setInformationItems(const QList<InformationItem> &items)
{
    m_information.clear();
    for (const InformationItem &item : items)
        m_information.insert(item.id, item);
    Q_EMIT informationChanged();
}

void ReportStore::upsertInformationItem(const InformationItem &item)
{
    const auto it = m_information.constFind(item.id);
    if (it != m_information.cend() && it->version >= item.version)
        return;
    m_information.insert(item.id, item);
    Q_EMIT informationChanged();
}

QList<InformationItem> ReportStore::informationItems(const QString &categoryCode) const
{
    QList<InformationItem> out;
    for (const InformationItem &item : m_information)
        if (categoryCode.isEmpty() || item.categoryCode == categoryCode)
            out.append(item);
    std::sort(out.begin(), out.end(), [](const InformationItem &a, const InformationItem &b) {
        return a.createdMs != b.createdMs ? a.createdMs > b.createdMs : a.id > b.id;
    });
    return out;
}

const InformationItem *ReportStore::informationItem(qint64 id) const
{
    const auto it = m_information.constFind(id);
    return it == m_information.cend() ? nullptr : &*it;
}

void ReportStore::setCitizenRequests(const QList<RequestCase> &requests)
{
    QHash<qint64, RequestCase> next;
    for (const RequestCase &r : requests) {
        // A full copy already here at the same version stays: the list item has less.
        const auto it = m_citizenRequests.constFind(r.id);
        next.insert(r.id, it != m_citizenRequests.cend() && it->version == r.version && it->hasDetail ? *it : r);
    }
    m_citizenRequests = std::move(next);
    Q_EMIT citizenRequestsReset();
}

void ReportStore::upsertCitizenRequest(const RequestCase &request)
{
    const auto it = m_citizenRequests.constFind(request.id);
    if (it != m_citizenRequests.cend()
        && (it->version > request.version || (it->version == request.version && (it->hasDetail || !request.hasDetail))))
        return;
    m_citizenRequests.insert(request.id, request);
    Q_EMIT citizenRequestChanged(request.id);
}

QList<RequestCase> ReportStore::citizenRequests() const
{
    QList<RequestCase> out = m_citizenRequests.values();
    std::sort(out.begin(), out.end(), [](const RequestCase &a, const RequestCase &b) {
        return a.dueMs != b.dueMs ? a.dueMs < b.dueMs : a.id < b.id;
    });
    return out;
}

const RequestCase *ReportStore::citizenRequest(qint64 id) const
{
    const auto it = m_citizenRequests.constFind(id);
    return it == m_citizenRequests.cend() ? nullptr : &*it;
}

} // namespace dimos
