#include "Language.h"

#include <QApplication>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
// Texts of Qt's own that Debian ships no Greek for (there is no qtbase_el.qm): the standard
// buttons of dialogs and message boxes, which Qt asks for in the context "QPlatformTheme".
// Listed here so lupdate puts them in dimos_el.ts; the app's translator answers Qt's lookups.
[[maybe_unused]] constexpr const char *kQtButtonTexts[]
    = {QT_TRANSLATE_NOOP("QPlatformTheme", "OK"), QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "Save All"), QT_TRANSLATE_NOOP("QPlatformTheme", "Open"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "&Yes"), QT_TRANSLATE_NOOP("QPlatformTheme", "Yes to &All"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "&No"), QT_TRANSLATE_NOOP("QPlatformTheme", "N&o to All"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "Abort"), QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "Ignore"), QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"), QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "Help"), QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
        QT_TRANSLATE_NOOP("QPlatformTheme", "Reset"), QT_TRANSLATE_NOOP("QPlatformTheme", "Restore Defaults")};
} // namespace

QString Language::setting()
{
    const QString v = QSettings().value(u"ui/language"_s, u"system"_s).toString();
    return v == u"el" || v == u"en" ? v : u"system"_s;
}

void Language::setSetting(const QString &value)
{
    QSettings().setValue(u"ui/language"_s, value);
}

QString Language::effective()
{
    const QString s = setting();
    if (s != u"system")
        return s;
    return QLocale::system().language() == QLocale::Greek ? u"el"_s : u"en"_s;
}

QString Language::install(QApplication &)
{
    const QString lang = effective();
    apply(lang);
    return lang;
}

namespace {
QString &translationsPath()
{
    static QString path = u":/i18n"_s;
    return path;
}
} // namespace

void Language::setTranslationsPath(const QString &path)
{
    translationsPath() = path;
}

void Language::apply(const QString &language)
{
    static QPointer<QTranslator> installed;
    const QString lang = language == u"el" ? u"el"_s : u"en"_s;
    if (installed) {
        QCoreApplication::removeTranslator(installed);
        delete installed;
    }
    auto *translator = new QTranslator(QCoreApplication::instance());
    // The source strings are English; dimos_en.qm exists so that plural forms read well.
    if (translator->load(translationsPath() + u"/dimos_"_s + lang + u".qm"_s)) {
        QCoreApplication::installTranslator(translator);
        installed = translator;
    } else {
        delete translator;
    }
    QLocale::setDefault(QLocale(
        lang == u"el" ? QLocale::Greek : QLocale::English, lang == u"el" ? QLocale::Greece : QLocale::UnitedKingdom));
}

} // namespace dimos
