#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "server/http/FormData.h"
#include "server/web/FormProblem.h"

namespace dimos {

class Boundary;
struct AppContext;
struct AttributeDefinition;
struct Category;
struct NewReport;
struct WebRequest;
class WebPage;

// What a citizen typed into the report form (/report), as sent: kept as text so that a form
// with errors comes back exactly as it was.
struct ReportFormInput
{
    QString category;
    QString address;
    QString lat;
    QString lon;
    QString description;
    QString firstName;
    QString lastName;
    QString email;
    QString phone;
    QString honeypot; // the "website" field people never see; bots fill it
    QString csrf;
    bool choosingCategory = false; // "show this category's questions" (without JavaScript)
    QHash<QString, QStringList> attributes; // attribute[code] and attribute[code][] by code
    QList<FormFile> photos; // files actually chosen

    static ReportFormInput fromForm(const FormData &form);
};

// An error shown next to its field: `field` is the input's id ("description", "attr-size").
struct FieldError
{
    QString field;
    QString message;
    QString label; // the field's label, for the summary at the top of the form
};

// A category's (or a request type's) own fields as a form sends them: attribute[code] and
// attribute[code][] by code, codes that are not valid codes dropped.
QHash<QString, QStringList> attributeInputs(const FormData &form);

// The input id of a field ("attr-<code>"), where its error is shown.
QString attributeFieldId(const QString &code);

// Checks the values given for `definitions` (Open311 attributes: report categories' and
// e-Dimotis request types' fields) as the report form does: required ones present, numbers,
// dates (Greek time, stored as UTC), list options, lengths. Appends the accepted values, cleaned
// (numbers canonical, dates ISO 8601 UTC), to *out; returns the problems (web.error.* keys) on
// the fields' ids.
QList<FormProblem> checkAttributeInputs(const QList<AttributeDefinition> &definitions,
    const QHash<QString, QStringList> &given, QList<std::pair<QString, QStringList>> *out);

// The checks of the report form that need neither the database nor a page: `in` against its
// `category` (looked up by in.category; nullptr when there is none or it is not active), the
// municipal `boundary` (nullptr: no boundary) and the number of photos allowed. Fills *out
// (channel and photos left empty). Returns the problems in the order of the form (their keys
// under web.error); none when the report may be filed. Fuzzed by tests/fuzz/fuzz_ReportForm.
QList<FormProblem> checkReportForm(
    const ReportFormInput &in, const Category *category, const Boundary *boundary, int maxPhotos, NewReport *out);

// The report form: the category's own fields rendered from its definition, the checks of every
// field with a message in the reader's language next to it, and the NewReport a valid form
// makes. Stateless; the routes are in WebSite.
class ReportForm final
{
public:
    ReportForm(const AppContext &ctx, const WebPage &page);

    // Checks everything but the photos and fills *out (channel and photos left empty).
    // Returns the errors, in the order of the form; empty when the report may be filed.
    QList<FieldError> validate(const WebRequest &web, const ReportFormInput &in, NewReport *out) const;
    // Checks and re-encodes the photos into out->photos; the errors are on the "photos" field.
    QList<FieldError> processPhotos(const WebRequest &web, const ReportFormInput &in, NewReport *out) const;

    // The values of web/report_form (and of its part web/report_fields) for `in` with `errors`;
    // `photosLost`: the citizen had chosen photos that a re-rendered form cannot keep.
    QJsonObject values(
        const WebRequest &web, const ReportFormInput &in, const QList<FieldError> &errors, bool photosLost) const;

    // The values of the web/attribute_fields partial for `definitions` in `lang` with what was
    // typed and the errors: {has_fields, fields}. Shared with the request form (web/RequestPages).
    static QJsonObject attributeFields(const QString &lang, const QList<AttributeDefinition> &definitions,
        const QHash<QString, QStringList> &given, const QList<FieldError> &errors);
    // The label of the field whose input id is `fieldId`, or an empty string.
    static QString attributeLabel(
        const QString &lang, const QList<AttributeDefinition> &definitions, const QString &fieldId);

    // "2025-05-19T10:30", "19/5/2025 10:30" or "19/5/2025" in Greek time, as ISO 8601 UTC;
    // a null string when it is none of these.
    static QString parseLocalDateTime(const QString &text);
    // "41,0912" or "41.0912"; nothing when not a finite number.
    static std::optional<double> parseDecimal(const QString &text);

private:
    QJsonObject fieldValues(const WebRequest &web, const Category *category, const ReportFormInput &in,
        const QList<FieldError> &errors) const;

    const AppContext &m_ctx;
    const WebPage &m_page;
};

} // namespace dimos
