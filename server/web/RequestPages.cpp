#include "RequestPages.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>

#include "server/app/AppContext.h"
#include "server/core/DocumentStore.h"
#include "server/core/RateLimiter.h"
#include "server/core/RequestService.h"
#include "server/http/ApiError.h"
#include "server/http/FormData.h"
#include "server/storage/CatalogRepository.h"
#include "server/storage/ProtocolRepository.h"
#include "server/storage/RequestRepository.h"
#include "server/web/CitizenSession.h"
#include "server/web/Csrf.h"
#include "server/web/ReportForm.h"
#include "server/web/WebPage.h"
#include "shared/util/Clock.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;
// What a submission's own fields and the multipart framing may need beside the files.
constexpr qint64 kFormRoom = 512 * 1024;

const QTimeZone &greekTime()
{
    static const QTimeZone athens("Europe/Athens");
    return athens;
}

QDate greekDay(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, greekTime()).date();
}

// A day as Greeks write it: 19/05/2026.
QString dayText(const QDate &d)
{
    return d.toString(u"dd/MM/yyyy"_s);
}

QString isoDayText(const QString &iso)
{
    const QDate d = QDate::fromString(iso, Qt::ISODate);
    return d.isValid() ? dayText(d) : iso;
}

QString documentInputId(const QString &code)
{
    return u"doc-"_s + code;
}

QString documentInputName(const QString &code)
{
    return u"doc_"_s + code;
}

// What a file's first bytes say it is: "pdf", "jpeg", "png" or empty.
QString contentKind(const QByteArray &data)
{
    if (data.startsWith("%PDF-"))
        return u"pdf"_s;
    if (data.startsWith("\xFF\xD8\xFF"))
        return u"jpeg"_s;
    if (data.startsWith("\x89PNG\r\n\x1A\n"))
        return u"png"_s;
    return {};
}

QString declaredKind(const QByteArray &declared)
{
    const QString t = QString::fromLatin1(declared).section(u';', 0, 0).trimmed().toLower();
    if (t == u"application/pdf" || t == u"application/x-pdf")
        return u"pdf"_s;
    if (t == u"image/jpeg" || t == u"image/jpg" || t == u"image/pjpeg")
        return u"jpeg"_s;
    if (t == u"image/png")
        return u"png"_s;
    return t.isEmpty() || t == u"application/octet-stream" ? QString() : u"other"_s;
}

QString attachment(const QString &fileName)
{
    QString ascii;
    for (const QChar c : fileName)
        ascii.append(c.unicode() >= 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' ? c : u'_');
    return u"attachment; filename=\"%1\"; filename*=UTF-8''%2"_s.arg(
        ascii, QString::fromLatin1(QUrl::toPercentEncoding(fileName)));
}

struct FieldMessage
{
    QString field;
    QString message;
    QString label;
};

} // namespace

qint64 RequestPages::uploadLimit(const AppContext &ctx)
{
    const DocumentLimits limits = ctx.documentLimits ? *ctx.documentLimits : DocumentLimits{};
    qint64 total = limits.maxBytes * limits.maxCount;
    if (ctx.maxBodyBytes > 0)
        total = std::min(total, std::max<qint64>(ctx.maxBodyBytes - kFormRoom, 0));
    return total;
}

struct RequestPages::Impl
{
    Impl(AppContext &c, const WebPage &p)
        : ctx(c),
          page(p),
          byCitizen(*c.clock, kSubmissionsPerHour, kHourMs),
          byAddress(*c.clock, kSubmissionsPerHour, kHourMs)
    { }

    AppContext &ctx;
    const WebPage &page;
    RateLimiter byCitizen; // submissions and uploads per citizen
    RateLimiter byAddress; // and per client address (one person, many accounts)

    RequestService &service() const { return *ctx.requestService; }
    DocumentLimits limits() const { return ctx.documentLimits ? *ctx.documentLimits : DocumentLimits{}; }

    // ---- shared pieces ----

    HttpResponse render(const WebRequest &web, const QString &templateName, const QString &title,
        const QJsonObject &values, int status = 200) const
    {
        WebPage::Options options;
        options.status = status;
        options.nav = WebPage::Nav::Requests;
        if (templateName == u"web/request_form" || templateName == u"web/request")
            options.scripts = {u"request-form.js"_s}; // says which file is too large before sending it
        return page.render(web, templateName, title, values, options);
    }

    HttpResponse csrfRefused(const WebRequest &web, const QString &again) const
    {
        return page.error(web, 403, page.text(web, u"web.error.csrf_title"_s), page.text(web, u"web.error.csrf"_s),
            again, page.text(web, u"web.error.csrf_action"_s));
    }

    // The wait in seconds when the citizen or the address has sent its share this hour.
    int waitFor(const WebRequest &web, const HttpRequest &req)
    {
        return std::max(byCitizen.retryAfterSeconds(u"citizen:"_s + QString::number(web.citizen->id)),
            byAddress.retryAfterSeconds(req.remote.toString()));
    }

    void spend(const WebRequest &web, const HttpRequest &req)
    {
        byCitizen.record(u"citizen:"_s + QString::number(web.citizen->id));
        byAddress.record(req.remote.toString());
    }

    HttpResponse tooMany(const WebRequest &web, int waitSeconds) const
    {
        const int wait = std::max(1, waitSeconds);
        HttpResponse r = page.error(web, 429, page.text(web, u"web.requests.rate_title"_s),
            page.text(web, u"web.requests.rate"_s, {QString::number((wait + 59) / 60)}), u"/requests"_s,
            page.text(web, u"web.requests.back_to_list"_s));
        r.withHeader("Retry-After"_ba, QByteArray::number(wait));
        return r;
    }

    std::optional<FormData> parse(const HttpRequest &req, QString *why) const
    {
        // The body is in memory already (at most http/max_body_mib): the sizes are checked per
        // file below, with a message at the file's field.
        FormLimits formLimits;
        formLimits.maxParts = 64 + limits().maxCount;
        formLimits.maxFileBytes = std::max<qint64>(ctx.maxBodyBytes, limits().maxBytes + 1);
        formLimits.maxTotalFileBytes = formLimits.maxFileBytes;
        return parseForm(req.contentType(), req.body, formLimits, why);
    }

    static qint64 idParam(const HttpRequest &req, const QString &name)
    {
        bool ok = false;
        const qint64 id = req.params.value(name).toLongLong(&ok);
        if (!ok || id <= 0)
            throw ApiError(ApiError::Kind::NotFound, u"no such request"_s);
        return id;
    }

    QJsonObject statusJson(const WebRequest &web, const QString &status) const
    {
        static const QHash<QString, QString> symbols{{u"submitted"_s, u"●"_s}, {u"in_progress"_s, u"◐"_s},
            {u"awaiting_documents"_s, u"!"_s}, {u"issued"_s, u"✓"_s}, {u"rejected"_s, u"✗"_s},
            {u"withdrawn"_s, u"–"_s}};
        return {{u"code"_s, status}, {u"text"_s, page.text(web, u"web.requests.status."_s + status)},
            {u"symbol"_s, symbols.value(status, u"●"_s)}};
    }

    QString protocolDisplay(qint64 entryId) const
    {
        if (entryId <= 0 || !ctx.protocol)
            return {};
        const std::optional<ProtocolEntry> e = ctx.protocol->find(entryId);
        return e ? e->displayNumber() : QString();
    }

    QString departmentName(const WebRequest &web, qint64 id) const
    {
        const std::optional<Department> d = ctx.catalog->department(id);
        return d ? d->name.in(web.lang) : QString();
    }

    QString deadlineText(const WebRequest &web, int days) const
    {
        return page.text(web, days == 1 ? u"web.requests.days_one"_s : u"web.requests.days"_s, {QString::number(days)});
    }

    // Whether a programme takes enrolments today; the reason in words when not.
    QString closedReason(const WebRequest &web, const RequestType &t) const
    {
        const QString today = greekDay(ctx.clock->nowMs()).toString(Qt::ISODate);
        if (!t.opensOn.isEmpty() && today < t.opensOn)
            return page.text(web, u"web.requests.opens_on"_s, {isoDayText(t.opensOn)});
        if (!t.closesOn.isEmpty() && today > t.closesOn)
            return page.text(web, u"web.requests.closed_on"_s, {isoDayText(t.closesOn)});
        return {};
    }

    QJsonObject typeSummary(const WebRequest &web, const RequestType &t) const
    {
        QString window;
        if (!t.opensOn.isEmpty() && !t.closesOn.isEmpty())
            window = page.text(web, u"web.requests.window_both"_s, {isoDayText(t.opensOn), isoDayText(t.closesOn)});
        else if (!t.opensOn.isEmpty())
            window = page.text(web, u"web.requests.window_from"_s, {isoDayText(t.opensOn)});
        else if (!t.closesOn.isEmpty())
            window = page.text(web, u"web.requests.window_until"_s, {isoDayText(t.closesOn)});
        const QString closed = closedReason(web, t);
        const QString apply = u"/requests/new/"_s + t.code;
        return {{u"code"_s, t.code}, {u"name"_s, t.name.in(web.lang)},
            {u"description"_s, textOrFalse(t.description.in(web.lang))},
            {u"kind"_s, page.text(web, u"web.requests.kind."_s + t.kind)},
            {u"department"_s, textOrFalse(departmentName(web, t.departmentId))},
            {u"deadline"_s, deadlineText(web, t.deadlineDays)}, {u"fee"_s, textOrFalse(t.fee.in(web.lang))},
            {u"window"_s, textOrFalse(window)}, {u"closed"_s, textOrFalse(closed)}, {u"apply_href"_s, apply},
            {u"sign_in_href"_s,
                QString(u"/account/login?next="_s + QString::fromLatin1(QUrl::toPercentEncoding(apply)))}};
    }

    // ---- the list ----

    HttpResponse list(HttpRequest &, const WebRequest &web)
    {
        QJsonArray types;
        for (const RequestType &t : service().types())
            if (t.active)
                types.append(typeSummary(web, t));
        QJsonObject values{{u"types"_s, types}, {u"has_types"_s, !types.isEmpty()},
            {u"signed_in"_s, web.citizen.has_value()}, {u"verified"_s, web.citizen && web.citizen->verified},
            {u"sign_in_href"_s, u"/account/login?next=%2Frequests"_s}};
        if (web.citizen && !web.citizen->verified)
            values.insert(u"unverified_text"_s, page.text(web, u"web.requests.unverified"_s, {web.citizen->email}));
        QJsonArray mine;
        if (web.citizen && web.citizen->verified) {
            QHash<QString, RequestType> byCode;
            for (const RequestType &t : service().types())
                byCode.insert(t.code, t);
            for (const CitizenRequest &r : service().listMine(web.citizen->id)) {
                const RequestType t = byCode.value(r.typeCode);
                mine.append(QJsonObject{{u"id"_s, r.id}, {u"href"_s, u"/requests/%1"_s.arg(r.id)},
                    {u"type"_s, t.code.isEmpty() ? r.typeCode : t.name.in(web.lang)},
                    {u"status"_s, statusJson(web, r.status)}, {u"protocol"_s, protocolDisplay(r.protocolEntryId)},
                    {u"submitted"_s, WebPage::date(web.lang, r.submittedMs)},
                    {u"due"_s, r.isOpen() ? QJsonValue(dayText(greekDay(r.dueMs))) : QJsonValue(false)},
                    {u"asked"_s,
                        r.status == u"awaiting_documents" ? textOrFalse(r.requestedDocuments) : QJsonValue(false)},
                    {u"issued"_s, r.status == u"issued"}, {u"answer_href"_s, u"/requests/%1/answer.pdf"_s.arg(r.id)}});
            }
        }
        values.insert(u"mine"_s, mine);
        values.insert(u"has_mine"_s, !mine.isEmpty());
        return render(web, u"web/requests"_s, page.text(web, u"web.requests.title"_s), values);
    }

    // ---- the form ----

    struct FormState
    {
        QHash<QString, QStringList> fields;
        QList<FieldMessage> errors;
        bool filesLost = false; // files were chosen and cannot be given back
        QString general; // an error the fields do not explain
    };

    std::optional<RequestType> activeType(const QString &code) const
    {
        std::optional<RequestType> t = ctx.requests->type(code);
        if (!t || !t->active)
            throw ApiError(ApiError::Kind::NotFound, u"no such request type"_s);
        return t;
    }

    QJsonArray applicant(const WebRequest &web) const
    {
        const CitizenProfile &p = web.citizen->profile;
        QJsonArray rows;
        const auto row = [&](const QString &key, const QString &value) {
            if (!value.isEmpty())
                rows.append(
                    QJsonObject{{u"label"_s, page.text(web, u"web.account.field."_s + key)}, {u"value"_s, value}});
        };
        row(u"given_name"_s, p.givenName);
        row(u"surname"_s, p.surname);
        row(u"father_name"_s, p.fatherName);
        row(u"mother_name"_s, p.motherName);
        row(u"birth_date"_s, isoDayText(p.birthDate));
        row(u"afm"_s, p.afm);
        row(u"amka"_s, p.amka);
        row(u"id_card"_s, p.idCard);
        row(u"address"_s, p.address);
        row(u"phone"_s, p.phone);
        row(u"email"_s, web.citizen->email);
        return rows;
    }

    QString errorAt(const QList<FieldMessage> &errors, const QString &field) const
    {
        for (const FieldMessage &e : errors)
            if (e.field == field)
                return e.message;
        return {};
    }

    QJsonObject summary(const QList<FieldMessage> &errors, const QString &general) const
    {
        QJsonArray items;
        for (const FieldMessage &e : errors)
            items.append(
                QJsonObject{{u"target"_s, e.field}, {u"message"_s, e.message}, {u"label"_s, textOrFalse(e.label)}});
        return {{u"errors"_s, items}, {u"has_errors"_s, !items.isEmpty() || !general.isEmpty()},
            {u"general"_s, textOrFalse(general)}};
    }

    QString limitsText(const WebRequest &web) const
    {
        return page.text(web, u"web.requests.form.files_help"_s,
            {formatByteSize(limits().maxBytes), QString::number(limits().maxCount),
                formatByteSize(RequestPages::uploadLimit(ctx))});
    }

    HttpResponse formPage(const WebRequest &web, const RequestType &t, const FormState &state, int status) const
    {
        QList<FieldError> fieldErrors;
        for (const FieldMessage &e : state.errors)
            fieldErrors.append({e.field, e.message, e.label});
        QJsonObject values = summary(state.errors, state.general);
        values.insert(u"type"_s, typeSummary(web, t));
        values.insert(u"action"_s, QString(u"/requests/new/"_s + t.code));
        values.insert(u"complete"_s, web.citizen->profileComplete());
        const QJsonObject fields = ReportForm::attributeFields(web.lang, t.fields, state.fields, fieldErrors);
        for (auto it = fields.begin(); it != fields.end(); ++it)
            values.insert(it.key(), it.value());
        QJsonArray documents;
        for (const RequestTypeDocument &d : t.documents) {
            const QString id = documentInputId(d.code);
            const QString error = errorAt(state.errors, id);
            const QString help = d.help.in(web.lang);
            QStringList describedBy{u"files-help"_s};
            if (!help.isEmpty())
                describedBy.prepend(id + u"-help"_s);
            if (!error.isEmpty())
                describedBy.append(id + u"-error"_s);
            documents.append(QJsonObject{{u"id"_s, id}, {u"name"_s, documentInputName(d.code)},
                {u"label"_s, d.label.in(web.lang)}, {u"help"_s, textOrFalse(help)}, {u"required"_s, d.required},
                {u"error"_s, textOrFalse(error)}, {u"described_by"_s, describedBy.join(u' ')}});
        }
        values.insert(u"documents"_s, documents);
        values.insert(u"has_documents"_s, !documents.isEmpty());
        values.insert(u"files_help"_s, limitsText(web));
        values.insert(u"files_again"_s, state.filesLost);
        values.insert(u"max_total"_s, RequestPages::uploadLimit(ctx));
        values.insert(u"max_file"_s, limits().maxBytes);
        values.insert(u"applicant"_s, applicant(web));
        return render(web, u"web/request_form"_s, t.name.in(web.lang), values, status);
    }

    HttpResponse formGet(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const QString code = req.params.value(u"type"_s);
        const RequestType t = *activeType(code);
        if (const QString closed = closedReason(web, t); !closed.isEmpty())
            return page.error(web, 409, page.text(web, u"web.requests.closed_title"_s), closed, u"/requests"_s,
                page.text(web, u"web.requests.back_to_list"_s));
        return formPage(web, t, {}, 200);
    }

    // Checks one file with the documents' rules (core/DocumentStore::check), put into words.
    QString fileProblem(const WebRequest &web, const FormFile &file) const
    {
        const QString name
            = file.fileName.isEmpty() ? page.text(web, u"web.requests.file.unnamed"_s) : file.fileName.left(120);
        if (file.data.isEmpty())
            return page.text(web, u"web.requests.file.empty"_s, {name});
        if (file.data.size() > limits().maxBytes)
            return page.text(web, u"web.requests.file.too_large"_s,
                {name, formatByteSize(file.data.size()), formatByteSize(limits().maxBytes)});
        try {
            DocumentStore::check(UploadedDocument{{}, file.fileName, file.declaredType, file.data}, limits(),
                ctx.photoLimits ? *ctx.photoLimits : PhotoLimits{});
            return {};
        } catch (const ApiError &) { }
        const QString kind = contentKind(file.data);
        const QString declared = declaredKind(file.declaredType);
        if (kind.isEmpty())
            return page.text(web, u"web.requests.file.not_a_document"_s, {name});
        if (!declared.isEmpty() && declared != kind)
            return page.text(
                web, u"web.requests.file.mismatch"_s, {name, page.text(web, u"web.requests.file.kind_"_s + kind)});
        if (kind == u"pdf")
            return page.text(web, u"web.requests.file.pdf_damaged"_s, {name});
        return page.text(web, u"web.requests.file.image_unreadable"_s, {name});
    }

    // The files of a form as documents: per input its requirement code; problems at the inputs.
    QList<UploadedDocument> documentsFrom(const WebRequest &web, const FormData &data, const QList<QString> &inputs,
        const QList<QString> &codes, const QList<QString> &labels, const QList<bool> &required,
        QList<FieldMessage> *errors) const
    {
        QList<UploadedDocument> out;
        qint64 total = 0;
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const QString id = documentInputId(inputs[i]);
            QList<FormFile> files;
            for (const FormFile &f : data.filesNamed(documentInputName(inputs[i])))
                if (!f.data.isEmpty() || !f.fileName.isEmpty())
                    files.append(f);
            if (files.isEmpty() && required[i]) {
                errors->append({id, page.text(web, u"web.requests.file.required"_s), labels[i]});
                continue;
            }
            QStringList problems;
            for (const FormFile &f : files) {
                total += f.data.size();
                if (const QString p = fileProblem(web, f); !p.isEmpty())
                    problems.append(p);
                else
                    out.append(UploadedDocument{codes[i], f.fileName, f.declaredType, f.data});
            }
            if (!problems.isEmpty())
                errors->append({id, problems.join(u' '), labels[i]});
        }
        const qsizetype count = std::count_if(data.files.cbegin(), data.files.cend(),
            [](const FormFile &f) { return !f.data.isEmpty() || !f.fileName.isEmpty(); });
        if (errors->isEmpty() && !inputs.isEmpty()) {
            const QString first = documentInputId(inputs.first());
            if (count > limits().maxCount)
                errors->append({first,
                    page.text(web, u"web.requests.file.too_many"_s,
                        {QString::number(count), QString::number(limits().maxCount)}),
                    labels.first()});
            else if (total > RequestPages::uploadLimit(ctx))
                errors->append({first,
                    page.text(web, u"web.requests.file.total"_s,
                        {formatByteSize(total), formatByteSize(RequestPages::uploadLimit(ctx))}),
                    labels.first()});
        }
        return out;
    }

    HttpResponse formPost(HttpRequest &req, const WebRequest &web)
    {
        const QString code = req.params.value(u"type"_s);
        const QString again = u"/requests/new/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code));
        QString why;
        const std::optional<FormData> data = parse(req, &why);
        if (!data)
            return page.error(web, 400, page.text(web, u"web.error.bad_request_title"_s),
                page.text(web, u"web.error.form"_s, {why}), again, page.text(web, u"web.error.csrf_action"_s));
        if (web.newCsrf || !csrf::matches(web.csrf, data->value(u"csrf")))
            return csrfRefused(web, again);
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const RequestType t = *activeType(code);
        if (const QString closed = closedReason(web, t); !closed.isEmpty())
            return page.error(web, 409, page.text(web, u"web.requests.closed_title"_s), closed, u"/requests"_s,
                page.text(web, u"web.requests.back_to_list"_s));
        if (const int wait = waitFor(web, req); wait > 0)
            return tooMany(web, wait);

        FormState state;
        state.fields = attributeInputs(*data);
        state.filesLost = std::any_of(
            data->files.cbegin(), data->files.cend(), [](const FormFile &f) { return !f.data.isEmpty(); });
        if (!web.citizen->profileComplete())
            return formPage(web, t, state, 422);

        QList<std::pair<QString, QStringList>> values;
        for (const FormProblem &p : checkAttributeInputs(t.fields, state.fields, &values))
            state.errors.append(
                {p.field, page.text(web, p.key, p.args), ReportForm::attributeLabel(web.lang, t.fields, p.field)});
        QList<QString> inputs, codes, labels;
        QList<bool> required;
        for (const RequestTypeDocument &d : t.documents) {
            inputs.append(d.code);
            codes.append(d.code);
            labels.append(d.label.in(web.lang));
            required.append(d.required);
        }
        const QList<UploadedDocument> documents
            = documentsFrom(web, *data, inputs, codes, labels, required, &state.errors);
        if (!state.errors.isEmpty())
            return formPage(web, t, state, 422);

        CitizenRequest r;
        try {
            r = service().submit(web.citizen->id, t.code, values, documents, web.lang);
        } catch (const ApiError &e) {
            // What the checks above could not know (the type changed a moment ago): the
            // service's own words, nothing written.
            if (e.kind != ApiError::Kind::Validation)
                throw;
            state.general = e.message;
            return formPage(web, t, state, 422);
        }
        spend(web, req);
        return page.redirect(web, u"/requests/%1/sent"_s.arg(r.id));
    }

    HttpResponse sent(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const CitizenRequest r = service().getMine(web.citizen->id, idParam(req, u"id"_s));
        const std::optional<RequestType> t = ctx.requests->type(r.typeCode);
        const QString protocol = protocolDisplay(r.protocolEntryId);
        const QJsonObject values{{u"protocol"_s, protocol},
            {u"protocol_label"_s, page.text(web, u"web.requests.protocol_short"_s)},
            {u"type"_s, t ? t->name.in(web.lang) : r.typeCode},
            {u"mail_text"_s, page.text(web, u"web.requests.sent.mail"_s, {web.citizen->email})},
            {u"due_text"_s, page.text(web, u"web.requests.sent.due"_s, {dayText(greekDay(r.dueMs))})},
            {u"href"_s, u"/requests/%1"_s.arg(r.id)}};
        return render(web, u"web/request_sent"_s, page.text(web, u"web.requests.sent.title"_s), values);
    }

    // ---- one request ----

    QString valueWords(const WebRequest &web, const RequestType *t, const QString &code, const QJsonValue &v) const
    {
        QStringList list;
        if (v.isArray())
            for (const QJsonValue &x : v.toArray())
                list.append(x.toString());
        else
            list.append(v.toString());
        const AttributeDefinition *def = t ? t->field(code) : nullptr;
        if (!def)
            return list.join(u", "_s);
        QStringList words;
        for (const QString &key : std::as_const(list)) {
            QString word = key;
            for (const AttributeOption &o : def->values)
                if (o.key == key)
                    word = o.name.in(web.lang);
            if (def->type == AttributeType::Datetime)
                if (const QDateTime at = QDateTime::fromString(key, Qt::ISODate); at.isValid())
                    word = WebPage::date(web.lang, at.toMSecsSinceEpoch())[u"text"_s].toString();
            words.append(word);
        }
        return words.join(u", "_s);
    }

    HttpResponse requestPage(const WebRequest &web, const CitizenRequest &r, const QString &uploadError, bool filesLost,
        bool uploaded, int status) const
    {
        const QJsonObject json = service().citizenJson(r);
        const std::optional<RequestType> t = ctx.requests->type(r.typeCode);
        const QString base = u"/requests/%1"_s.arg(r.id);

        QJsonArray fields;
        const QJsonObject given = json[u"values"_s].toObject();
        if (t)
            for (const AttributeDefinition &def : t->fields)
                if (given.contains(def.code))
                    fields.append(QJsonObject{{u"label"_s, def.description.in(web.lang)},
                        {u"value"_s, valueWords(web, &*t, def.code, given[def.code])}});

        QJsonArray documents;
        for (const QJsonValue &v : json[u"documents"_s].toArray()) {
            const QJsonObject d = v.toObject();
            QString requirement;
            if (t)
                for (const RequestTypeDocument &td : t->documents)
                    if (td.code == d[u"requirement_code"_s].toString())
                        requirement = td.label.in(web.lang);
            documents.append(QJsonObject{{u"name"_s, d[u"file_name"_s].toString()},
                {u"href"_s, QString(base + u"/documents/"_s + QString::number(d[u"id"_s].toInteger()))},
                {u"requirement"_s, textOrFalse(requirement)}, {u"size"_s, formatByteSize(d[u"size"_s].toInteger())},
                {u"kind"_s,
                    page.text(web,
                        u"web.requests.file.kind_"_s + d[u"media_type"_s].toString().section(u'/', 1).remove(u"x-"_s))},
                {u"protocol"_s, d[u"protocol_display"_s].toString()},
                {u"uploaded"_s, WebPage::date(web.lang, d[u"uploaded_ms"_s].toInteger())}});
        }

        QJsonArray history;
        for (const QJsonValue &v : json[u"history"_s].toArray()) {
            const QJsonObject h = v.toObject();
            const QString kind = h[u"kind"_s].toString();
            const QString text = h[u"text"_s].toString();
            const bool withNumber = kind == u"submitted" || kind == u"documents_added";
            history.append(QJsonObject{{u"date"_s, WebPage::date(web.lang, h[u"at_ms"_s].toInteger())},
                {u"what"_s,
                    page.text(web, u"web.requests.history."_s + kind, withNumber ? QStringList{text} : QStringList{})},
                {u"detail"_s, textOrFalse(withNumber ? QString() : text)},
                {u"status"_s,
                    h[u"new_status"_s].isString() && h[u"new_status"_s] != h[u"old_status"_s]
                        ? QJsonValue(statusJson(web, h[u"new_status"_s].toString()))
                        : QJsonValue(false)}});
        }

        QJsonValue issued = false;
        if (json[u"issued"_s].isObject()) {
            const QString code = json[u"issued"_s][u"verification_code"_s].toString();
            issued = QJsonObject{{u"code"_s, code}, {u"href"_s, QString(base + u"/answer.pdf"_s)},
                {u"verify_href"_s, QString(u"/verify/"_s + QString::fromLatin1(QUrl::toPercentEncoding(code)))},
                {u"date"_s, WebPage::date(web.lang, json[u"issued"_s][u"issued_ms"_s].toInteger())}};
        }
        const bool awaiting = r.status == u"awaiting_documents";
        QStringList describedBy{u"upload-help"_s};
        if (!uploadError.isEmpty())
            describedBy.append(u"upload-error"_s);
        const QJsonObject values{{u"id"_s, r.id}, {u"type"_s, t ? t->name.in(web.lang) : r.typeCode},
            {u"status"_s, statusJson(web, r.status)},
            {u"department"_s, textOrFalse(departmentName(web, r.departmentId))},
            {u"protocol"_s, json[u"protocol"_s][u"display"_s].toString()},
            {u"answer_protocol"_s, textOrFalse(json[u"answer_protocol"_s][u"display"_s].toString())},
            {u"submitted"_s, WebPage::date(web.lang, r.submittedMs)},
            {u"due"_s, r.isOpen() ? QJsonValue(dayText(greekDay(r.dueMs))) : QJsonValue(false)},
            {u"closed"_s, r.closedMs ? QJsonValue(WebPage::date(web.lang, *r.closedMs)) : QJsonValue(false)},
            {u"fields"_s, fields}, {u"has_fields"_s, !fields.isEmpty()}, {u"documents"_s, documents},
            {u"has_documents"_s, !documents.isEmpty()}, {u"history"_s, history}, {u"awaiting"_s, awaiting},
            {u"asked"_s, textOrFalse(awaiting ? r.requestedDocuments : QString())},
            {u"upload_action"_s, QString(base + u"/documents"_s)}, {u"upload_error"_s, textOrFalse(uploadError)},
            {u"upload_described_by"_s, describedBy.join(u' ')}, {u"files_help"_s, limitsText(web)},
            {u"files_again"_s, filesLost}, {u"uploaded"_s, uploaded}, {u"max_total"_s, RequestPages::uploadLimit(ctx)},
            {u"max_file"_s, limits().maxBytes}, {u"issued"_s, issued}, {u"rejected"_s, r.status == u"rejected"},
            {u"reject_reason"_s, textOrFalse(r.status == u"rejected" ? r.rejectReason : QString())},
            {u"open"_s, r.isOpen()}, {u"withdraw_href"_s, QString(base + u"/withdraw"_s)},
            {u"applicant"_s, applicant(web)}};
        return render(web, u"web/request"_s,
            page.text(web, u"web.requests.request_title"_s, {t ? t->name.in(web.lang) : r.typeCode}), values, status);
    }

    HttpResponse show(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const CitizenRequest r = service().getMine(web.citizen->id, idParam(req, u"id"_s));
        return requestPage(web, r, {}, false, req.queryValue(u"uploaded"_s) == u"1", 200);
    }

    HttpResponse uploadPost(HttpRequest &req, const WebRequest &web)
    {
        const qint64 id = idParam(req, u"id"_s);
        const QString again = u"/requests/%1"_s.arg(id);
        QString why;
        const std::optional<FormData> data = parse(req, &why);
        if (!data)
            return page.error(web, 400, page.text(web, u"web.error.bad_request_title"_s),
                page.text(web, u"web.error.form"_s, {why}), again, page.text(web, u"web.error.csrf_action"_s));
        if (web.newCsrf || !csrf::matches(web.csrf, data->value(u"csrf")))
            return csrfRefused(web, again);
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const CitizenRequest r = service().getMine(web.citizen->id, id);
        if (const int wait = waitFor(web, req); wait > 0)
            return tooMany(web, wait);
        const bool chosen = std::any_of(
            data->files.cbegin(), data->files.cend(), [](const FormFile &f) { return !f.data.isEmpty(); });
        if (r.status != u"awaiting_documents")
            return requestPage(web, r, page.text(web, u"web.requests.upload.not_awaiting"_s), chosen, false, 409);
        QList<FieldMessage> errors;
        const QList<UploadedDocument> documents = documentsFrom(web, *data, {u"documents"_s}, {QString()},
            {page.text(web, u"web.requests.upload.label"_s)}, {true}, &errors);
        if (!errors.isEmpty())
            return requestPage(web, r, errors.first().message, chosen, false, 422);
        try {
            service().addDocuments(web.citizen->id, id, documents);
        } catch (const ApiError &e) {
            if (e.kind != ApiError::Kind::Validation && e.kind != ApiError::Kind::Conflict)
                throw;
            return requestPage(web, service().getMine(web.citizen->id, id), e.message, chosen, false, 422);
        }
        spend(web, req);
        return page.redirect(web, again + u"?uploaded=1#documents-heading"_s);
    }

    HttpResponse withdrawPage(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const CitizenRequest r = service().getMine(web.citizen->id, idParam(req, u"id"_s));
        const QString base = u"/requests/%1"_s.arg(r.id);
        if (!r.isOpen())
            return page.redirect(web, base);
        const std::optional<RequestType> t = ctx.requests->type(r.typeCode);
        const QJsonObject values{{u"heading"_s, page.text(web, u"web.requests.withdraw.title"_s)},
            {u"text"_s,
                page.text(web, u"web.requests.withdraw.text"_s,
                    {t ? t->name.in(web.lang) : r.typeCode, protocolDisplay(r.protocolEntryId)})},
            {u"button"_s, page.text(web, u"web.requests.withdraw.button"_s)},
            {u"action"_s, QString(base + u"/withdraw"_s)}, {u"danger"_s, true},
            {u"cancel"_s,
                QJsonObject{{u"href"_s, base}, {u"label"_s, page.text(web, u"web.requests.withdraw.cancel"_s)}}}};
        return render(web, u"web/link_action"_s, page.text(web, u"web.requests.withdraw.title"_s), values);
    }

    HttpResponse withdrawPost(HttpRequest &req, const WebRequest &web)
    {
        const qint64 id = idParam(req, u"id"_s);
        const QString base = u"/requests/%1"_s.arg(id);
        QString why;
        const std::optional<FormData> data = parseForm(req.contentType(), req.body, FormLimits{}, &why);
        if (!data || web.newCsrf || !csrf::matches(web.csrf, data->value(u"csrf")))
            return csrfRefused(web, base + u"/withdraw"_s);
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const CitizenRequest r = service().getMine(web.citizen->id, id);
        if (r.isOpen())
            service().withdraw(web.citizen->id, id);
        return page.redirect(web, base);
    }

    // ---- files ----

    HttpResponse file(const ServedFile &f) const
    {
        HttpResponse r = HttpResponse::bytes(f.data, f.mediaType.toLatin1());
        r.withHeader("Content-Disposition"_ba, attachment(f.fileName).toUtf8());
        r.withHeader("Cache-Control"_ba, "no-store"_ba);
        r.withHeader("Content-Security-Policy"_ba, "default-src 'none'; sandbox"_ba);
        return r;
    }

    HttpResponse documentGet(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        bool ok = false;
        const qint64 docId = req.params.value(u"doc"_s).toLongLong(&ok);
        if (!ok)
            return page.notFound(web);
        return file(service().citizenDocument(
            web.citizen->id, idParam(req, u"id"_s), docId, AuditActor{req.remote.toString()}));
    }

    HttpResponse answerGet(HttpRequest &req, const WebRequest &web)
    {
        if (auto refusal = citizensession::requireCitizen(page, web))
            return *refusal;
        const qint64 id = idParam(req, u"id"_s);
        ServedFile f = service().citizenAnswer(web.citizen->id, id, AuditActor{req.remote.toString()});
        // Named by its outgoing number, which the citizen will be asked for.
        const CitizenRequest r = service().getMine(web.citizen->id, id);
        if (r.answerEntryId)
            if (const QString number = protocolDisplay(*r.answerEntryId); !number.isEmpty())
                f.fileName = u"dimos-%1.pdf"_s.arg(QString(number).replace(u'/', u'-'));
        return file(f);
    }
};

RequestPages::RequestPages(AppContext &ctx, const WebPage &page) : d(std::make_unique<Impl>(ctx, page)) { }

RequestPages::~RequestPages() = default;

void RequestPages::registerRoutes(Router &router, const PageRoute &pageRoute)
{
    Impl *p = d.get();
    auto route = [&](const char *method, const QString &pattern,
                     HttpResponse (Impl::*handler)(HttpRequest &, const WebRequest &)) {
        router.add(QByteArray(method), pattern,
            pageRoute([p, handler](HttpRequest &req, const WebRequest &web) { return (p->*handler)(req, web); }));
    };
    route("GET", u"/requests"_s, &Impl::list);
    route("GET", u"/requests/new/{type}"_s, &Impl::formGet);
    route("POST", u"/requests/new/{type}"_s, &Impl::formPost);
    route("GET", u"/requests/{id}"_s, &Impl::show);
    route("GET", u"/requests/{id}/sent"_s, &Impl::sent);
    route("POST", u"/requests/{id}/documents"_s, &Impl::uploadPost);
    // Where the "files too large" page (413, before any handler) sends the citizen back to.
    router.add("GET"_ba, u"/requests/{id}/documents"_s, pageRoute([p](HttpRequest &req, const WebRequest &web) {
        return p->page.redirect(web, u"/requests/%1#upload"_s.arg(Impl::idParam(req, u"id"_s)));
    }));
    route("GET", u"/requests/{id}/withdraw"_s, &Impl::withdrawPage);
    route("POST", u"/requests/{id}/withdraw"_s, &Impl::withdrawPost);
    route("GET", u"/requests/{id}/documents/{doc}"_s, &Impl::documentGet);
    route("GET", u"/requests/{id}/answer.pdf"_s, &Impl::answerGet);
}

} // namespace dimos
