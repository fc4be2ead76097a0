#pragma once

#include <QSqlError>
#include <QString>

#include <stdexcept>

namespace dimos {

// A database operation failed in a way the caller cannot fix (I/O, locking, a bug).
// Handlers let it through; the HTTP front logs it and answers 500.
class StorageError : public std::runtime_error
{
public:
    explicit StorageError(const QString &message) : std::runtime_error(message.toStdString()) { }
    explicit StorageError(const QSqlError &error, const QString &context = {})
        : std::runtime_error(
            (context.isEmpty() ? error.text() : context + QStringLiteral(": ") + error.text()).toStdString())
    { }
};

} // namespace dimos
