#include "SearchFold.h"

namespace dimos {

QString foldForSearch(QStringView text)
{
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    bool lastSpace = true;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isSpace()) {
            if (!lastSpace)
                out.append(u' ');
            lastSpace = true;
            continue;
        }
        lastSpace = false;
        QChar lower = c.toLower();
        if (lower == u'ς')
            lower = u'σ';
        out.append(lower);
    }
    if (out.endsWith(u' '))
        out.chop(1);
    return out;
}

} // namespace dimos
