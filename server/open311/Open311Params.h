#pragma once

#include <QList>
#include <QString>

#include <optional>

#include "server/core/ReportService.h"
#include "server/http/FormData.h"
#include "server/storage/ReportRepository.h"
#include "shared/domain/ReportStatus.h"

namespace dimos {

struct HttpRequest;

// The parameters of one Open311 request, from the query string and, for POST, the form body
// (the body wins when both carry a name), and the functions that turn them into values. All of
// it is outside input: every function here either returns a value within the documented range
// or throws ApiError (Validation, BadRequest or PayloadTooLarge) with a message that names the
// parameter, says what was wrong and what is accepted. Kept apart from the routes so the
// parsing can be tested and fuzzed without a server (tests/fuzz/fuzz_Open311Params.cpp).
struct Open311Params
{
    QList<std::pair<QString, QString>> query;
    std::optional<FormData> form;

    QString value(const QString &name) const; // null when absent
    bool has(const QString &name) const;
    QList<std::pair<QString, QString>> all() const; // form fields first, then the query

    // The query of `request` plus its form body, if it has one. Throws for a malformed or
    // oversized body.
    static Open311Params fromRequest(const HttpRequest &request);
    // The same from parts, without a request.
    static Open311Params fromParts(
        QList<std::pair<QString, QString>> query, const QByteArray &contentType, const QByteArray &body);
};

constexpr int kOpen311MaxPageSize = 1000;

// GET requests.{json,xml}: ids, service codes, status, date windows (at most 90 days; by default
// the 90 days up to `nowMs`), updated_after/before, bbox, lat/long/radius, page and page_size.
ReportQuery open311RequestsQuery(const Open311Params &p, qint64 nowMs);

// POST requests.{json,xml}: everything but the API key and the photos, which need the server.
NewReport open311NewReport(const Open311Params &p);

// attribute[code]=v and attribute[code][]=v, in the order sent; a repeated attribute[code]
// without [] keeps the first value, as a form would.
QList<std::pair<QString, QStringList>> open311Attributes(const Open311Params &p);

// GET servicerequestupdates: the window [from, to], by default the day up to `nowMs`.
std::pair<qint64, qint64> open311UpdatesWindow(const Open311Params &p, qint64 nowMs);

// POST servicerequestupdates.
struct Open311Update
{
    qint64 requestId = 0;
    QString description;
    std::optional<ReportStatus> status;
    QString actor; // "first last", at most 128 characters; "open311" when not given
};
Open311Update open311Update(const Open311Params &p);

} // namespace dimos
