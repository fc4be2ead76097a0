#pragma once

#include <QString>

class QApplication;

namespace dimos {

// The UI language: the system locale's (Greek when it is Greek, else English) unless the user
// chose one in the View menu; the choice is kept in QSettings. apply() swaps the installed
// translation at run time; windows that were built before then are rebuilt by DeskApp.
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
    // Installs the translation for "el" or "en" in place of the current one and sets the
    // default QLocale to match (dates and numbers).
    static void apply(const QString &language);
    // Where dimos_<lang>.qm are looked up: ":/i18n" (compiled into dimos-desk) unless set.
    static void setTranslationsPath(const QString &path);
};

} // namespace dimos
