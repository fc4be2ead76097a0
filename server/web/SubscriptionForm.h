#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

#include "server/storage/SubscriptionRepository.h"
#include "server/web/FormProblem.h"

namespace dimos {

class Boundary;
class FormData;

// The radii a subscription's circle may have, in metres, and the one the form preselects.
inline constexpr int kSubscriptionRadii[] = {250, 500, 1000, 2000, 5000};
inline constexpr int kDefaultSubscriptionRadius = 1000;

// What a subscription form (/subscribe, the manage page) sent, as text, so that a form with
// errors comes back as it was.
struct SubscriptionInput
{
    QString email;
    QStringList categories;
    QString lat;
    QString lon;
    QString radius;
    QString unit; // "layer:name" of a municipal unit, or empty
    QString language;
    QString honeypot;
    QString csrf;

    static SubscriptionInput fromForm(const FormData &form);
    static SubscriptionInput from(const Subscription &s);
};

// What a valid subscription form asks for.
struct SubscriptionChoice
{
    QStringList categories; // the catalogue's codes, each once, in the order given
    std::optional<Subscription::Circle> area; // nothing: the whole municipality
};

// The test CitizenMail makes of a subscriber's address, so that the citizen reads the reason
// next to the field.
bool plausibleEmail(const QString &email);

// The checks of a subscription form that need neither the database nor a page: the e-mail
// address (when `needEmail`), the categories (`activeCategory` gives an active category's code
// for a code sent, nothing for an unknown or inactive one), the circle's centre (both
// coordinates, in range, inside `boundary` unless it is nullptr) and radius. Fills *out.
// Returns the problems in the order of the form (keys in the web catalogue); none when the
// subscription may be made. Fuzzed by tests/fuzz/fuzz_SubscriptionForm.
QList<FormProblem> checkSubscriptionForm(const SubscriptionInput &in, bool needEmail,
    const std::function<std::optional<QString>(const QString &code)> &activeCategory, const Boundary *boundary,
    SubscriptionChoice *out);

} // namespace dimos
