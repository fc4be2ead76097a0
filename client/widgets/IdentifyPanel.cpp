#include "client/widgets/IdentifyPanel.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/net/ApiClient.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

QString valueText(const QJsonValue &v)
{
    if (v.isDouble())
        return QLocale().toString(v.toDouble(), 'g', 12);
    if (v.isBool())
        return v.toBool() ? IdentifyPanel::tr("yes") : IdentifyPanel::tr("no");
    if (v.isString())
        return v.toString();
    if (v.isNull() || v.isUndefined())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).chopped(1).mid(1);
}

QString termLabel(const QString &key)
{
    if (key == u"coverage_ratio")
        return IdentifyPanel::tr("Coverage ratio");
    if (key == u"building_factor")
        return IdentifyPanel::tr("Building factor");
    if (key == u"max_height")
        return IdentifyPanel::tr("Maximum height");
    if (key == u"max_floors")
        return IdentifyPanel::tr("Maximum floors");
    if (key == u"min_plot_area")
        return IdentifyPanel::tr("Minimum plot area");
    if (key == u"min_frontage")
        return IdentifyPanel::tr("Minimum frontage");
    if (key == u"land_use")
        return IdentifyPanel::tr("Land use");
    if (key == u"decree")
        return IdentifyPanel::tr("Decree (ΦΕΚ)");
    return key;
}

} // namespace

IdentifyPanel::IdentifyPanel(Session *session, QWidget *parent)
    : QWidget(parent), m_session(session), m_heading(new QLabel(this)), m_tree(new QTreeWidget(this))
{
    m_heading->setObjectName(u"identifyHeadingLabel"_s);
    m_heading->setWordWrap(true);
    m_heading->setText(tr("Click the map to see what is there."));
    m_tree->setObjectName(u"identifyTreeWidget"_s);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Attribute"), tr("Value")});
    m_tree->setAccessibleName(tr("What is here"));
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 170);
    m_tree->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_heading);
    layout->addWidget(m_tree, 1);
    connect(m_session->api(), &ApiClient::whatIsHereLoaded, this, &IdentifyPanel::showFeatures);
    connect(m_session->api(), &ApiClient::requestFailed, this, [this](ApiClient::Operation op, const ApiFailure &f) {
        if (op == ApiClient::Operation::WhatIsHere)
            m_heading->setText(tr("The server cannot say what is here: %1").arg(f.message));
    });
}

IdentifyPanel::~IdentifyPanel() = default;

void IdentifyPanel::identifyAt(double lat, double lon)
{
    m_lat = lat;
    m_lon = lon;
    m_heading->setText(tr("Looking at %1, %2…").arg(QLocale().toString(lat, 'f', 5), QLocale().toString(lon, 'f', 5)));
    m_session->api()->whatIsHere(lat, lon, kToleranceMeters);
}

void IdentifyPanel::showFeatures(double lat, double lon, const QJsonArray &features)
{
    if (lat != m_lat || lon != m_lon)
        return; // an answer for an earlier click
    const QString lang = m_session->store()->language();
    const QString where = tr("%1, %2").arg(QLocale().toString(lat, 'f', 5), QLocale().toString(lon, 'f', 5));
    m_heading->setText(features.isEmpty() ? tr("No layer has anything at %1.").arg(where)
                                          : tr("%n feature(s) at %1", nullptr, int(features.size())).arg(where));
    m_tree->clear();
    for (const QJsonValue &v : features) {
        const QJsonObject f = v.toObject();
        const QJsonObject layer = f.value(u"layer"_s).toObject();
        const QJsonObject names = layer.value(u"name"_s).toObject();
        const QString layerName = names.value(lang).toString(names.value(u"el"_s).toString());
        const QString name = f.value(u"name"_s).toString();
        auto *top = new QTreeWidgetItem(m_tree, {layerName, name.isEmpty() ? tr("(no name)") : name});
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        top->setFont(1, bold);
        if (const double d = f.value(u"distance_m"_s).toDouble(); d > 0)
            new QTreeWidgetItem(top, {tr("Distance"), tr("%1 m").arg(QLocale().toString(d, 'f', 0))});
        const QJsonArray terms = f.value(u"building_terms"_s).toArray();
        if (!terms.isEmpty()) {
            auto *group = new QTreeWidgetItem(top, {tr("Building terms")});
            for (const QJsonValue &t : terms) {
                const QJsonObject term = t.toObject();
                new QTreeWidgetItem(
                    group, {termLabel(term.value(u"term"_s).toString()), valueText(term.value(u"value"_s))});
            }
        }
        auto *attributes = new QTreeWidgetItem(top, {tr("Attributes")});
        const QJsonObject a = f.value(u"attributes"_s).toObject();
        for (auto it = a.constBegin(); it != a.constEnd(); ++it)
            new QTreeWidgetItem(attributes, {it.key(), valueText(*it)});
        if (const QString credit = layer.value(u"attribution"_s).toString(); !credit.isEmpty())
            new QTreeWidgetItem(top, {tr("Source"), credit});
    }
    m_tree->expandAll();
    // The municipal boundary holds every point: folded, so the layers that differ come first to the eye.
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i)
        if (features.at(i).toObject().value(u"layer"_s).toObject().value(u"kind"_s).toString() == u"boundary")
            m_tree->topLevelItem(i)->setExpanded(false);
    Q_EMIT identified(int(features.size()));
}

} // namespace dimos
