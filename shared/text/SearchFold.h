#pragma once

#include <QString>

namespace dimos {

// Folds text for Greek-aware search: lower case, accents and diaeresis removed, final sigma
// made ordinary, runs of white space collapsed. "Σέρρες", "ΣΕΡΡΕΣ" and "σερρες" all fold to
// "σερρεσ" (every sigma medial, so a word matches whether or not it ends the query). Stored beside searchable text and
// applied to the query, so the database needs no collation support of its own.
QString foldForSearch(QStringView text);

} // namespace dimos
