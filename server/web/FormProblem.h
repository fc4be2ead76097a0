#pragma once

#include <QString>
#include <QStringList>

namespace dimos {

// What is wrong with one field of a citizen's form, before it is put into words: the input's
// id ("description", "attr-size", "categories"), the key of its message in the web catalogue
// (resources/i18n/web.<lang>.json, "web.error.required") and the message's arguments. The
// pure checks of the forms return these, so they can be tested and fuzzed without a page.
struct FormProblem
{
    QString field;
    QString key;
    QStringList args = {};
};

} // namespace dimos
