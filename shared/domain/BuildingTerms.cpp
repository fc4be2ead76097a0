#include "BuildingTerms.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

struct Term
{
    const char16_t *key;
    QStringList aliases; // folded
};

// Shapefile field names are at most 10 characters, so the cut forms are listed too.
const QList<Term> &terms()
{
    static const QList<Term> list{
        {u"coverage_ratio",
            {u"coverage_ratio"_s, u"coverage_r"_s, u"coverage"_s, u"sk"_s, u"σκ"_s, u"pososto_kalypsis"_s,
                u"pososto_ka"_s, u"kalypsi"_s, u"καλυψη"_s, u"ποσοστο_καλυψης"_s}},
        {u"building_factor",
            {u"building_factor"_s, u"building_f"_s, u"sd"_s, u"σδ"_s, u"far"_s, u"syntelestis_domisis"_s,
                u"syntelesti"_s, u"συντελεστης_δομησης"_s}},
        {u"max_height",
            {u"max_height"_s, u"max_heigh"_s, u"height"_s, u"ypsos"_s, u"max_ypsos"_s, u"υψος"_s, u"μεγιστο_υψος"_s}},
        {u"max_floors", {u"max_floors"_s, u"floors"_s, u"orofoi"_s, u"max_orofoi"_s, u"οροφοι"_s}},
        {u"min_plot_area", {u"min_plot_area"_s, u"min_plot_a"_s, u"artiotita"_s, u"αρτιοτητα"_s, u"min_area"_s}},
        {u"min_frontage", {u"min_frontage"_s, u"min_fronta"_s, u"prosopo"_s, u"προσωπο"_s}},
        {u"land_use", {u"land_use"_s, u"xrisi"_s, u"xriseis"_s, u"χρηση"_s, u"χρησεις_γης"_s, u"xriseis_gi"_s}},
        {u"decree", {u"decree"_s, u"fek"_s, u"φεκ"_s}},
    };
    return list;
}

// "Σ.Κ." → "σκ", "Ποσοστό κάλυψης" → "ποσοστο_καλυψης", "MAX_HEIGHT" → "max_height".
QString fold(const QString &name)
{
    QString out;
    for (const QChar ch : name.normalized(QString::NormalizationForm_D)) {
        if (ch.category() == QChar::Mark_NonSpacing || ch == u'.')
            continue;
        out += ch.isSpace() || ch == u'-' ? u'_' : ch.toLower();
    }
    return out.replace(u'ς', u'σ').trimmed();
}

} // namespace

QStringList buildingTermKeys()
{
    QStringList out;
    for (const Term &t : terms())
        out.append(QString::fromUtf16(t.key));
    return out;
}

QStringList buildingTermAliases(const QString &key)
{
    for (const Term &t : terms())
        if (key == QStringView(t.key))
            return t.aliases;
    return {};
}

QList<BuildingTerm> buildingTerms(const QJsonObject &attributes)
{
    QList<BuildingTerm> out;
    for (const Term &t : terms()) {
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it) {
            const QString folded = fold(it.key());
            if (std::none_of(t.aliases.cbegin(), t.aliases.cend(), [&](const QString &a) { return fold(a) == folded; }))
                continue;
            const QJsonValue v = it.value();
            if (v.isNull() || v.isUndefined() || (v.isString() && v.toString().trimmed().isEmpty()))
                continue;
            out.append({QString::fromUtf16(t.key), it.key(), v});
            break;
        }
    }
    return out;
}

} // namespace dimos
