#pragma once

#include <QString>

class QApplication;

namespace dimos {

// The UI language: the system locale's (Greek when it is Greek, else English) unless the user
// chose one in the View menu; the choice is kept in QSettings and applies at the next start.
class Language final
{
public:
    // "el" or "en" for the current settings and system locale.
    static QString effective();
    // "system", "el" or "en".
    static QString setting();
    static void setSetting(const QString &value);
    // Installs the app's translator for effective(); returns the language installed.
    static QString install(QApplication &app);
};

} // namespace dimos
