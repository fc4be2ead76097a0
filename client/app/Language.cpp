#include "Language.h"

#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace dimos {

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

QString Language::install(QApplication &app)
{
    const QString lang = effective();
    auto *translator = new QTranslator(&app);
    // The source strings are English; dimos_en.qm exists so that plural forms read well.
    if (translator->load(u":/i18n/dimos_"_s + lang + u".qm"_s))
        QApplication::installTranslator(translator);
    QLocale::setDefault(QLocale(
        lang == u"el" ? QLocale::Greek : QLocale::English, lang == u"el" ? QLocale::Greece : QLocale::UnitedKingdom));
    return lang;
}

} // namespace dimos
