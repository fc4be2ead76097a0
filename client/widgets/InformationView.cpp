#include "InformationView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimeZone>
#include <QVBoxLayout>

#include "client/app/Session.h"
#include "client/map/MapWidget.h"
#include "client/net/ApiClient.h"
#include "client/store/ReportStore.h"
#include "shared/util/TimeFormat.h"

using namespace Qt::StringLiterals;

namespace dimos {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString localText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"dd/MM/yyyy HH:mm"_s);
}

} // namespace

InformationView::InformationView(Session *session, QWidget *parent) : QWidget(parent), m_session(session)
{
    auto *split = new QSplitter(this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);

    // The list: one information category at a time.
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    auto *categoryLabel = new QLabel(tr("&Category:"), left);
    m_category = new QComboBox(left);
    m_category->setObjectName(u"informationCategoryComboBox"_s);
    categoryLabel->setBuddy(m_category);
    m_list = new QListWidget(left);
    m_list->setObjectName(u"informationListWidget"_s);
    m_list->setAccessibleName(tr("Items in this category"));
    m_new = new QPushButton(tr("&New item"), left);
    leftLayout->addWidget(categoryLabel);
    leftLayout->addWidget(m_category);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_new);

    // The editor.
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    m_heading = new QLabel(right);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    m_heading->setFont(headingFont);
    rightLayout->addWidget(m_heading);

    auto *form = new QFormLayout;
    m_titleEl = new QLineEdit(right);
    m_titleEl->setMaxLength(200);
    m_titleEn = new QLineEdit(right);
    m_titleEn->setMaxLength(200);
    m_textEl = new QPlainTextEdit(right);
    m_textEn = new QPlainTextEdit(right);
    m_textEl->setTabChangesFocus(true);
    m_textEn->setTabChangesFocus(true);
    m_textEl->setMinimumHeight(80);
    m_textEn->setMinimumHeight(60);
    form->addRow(tr("Title (&Greek):"), m_titleEl);
    form->addRow(tr("Title (E&nglish, optional):"), m_titleEn);
    form->addRow(tr("&Text (Greek):"), m_textEl);
    form->addRow(tr("Text (English, o&ptional):"), m_textEn);

    m_isEvent = new QCheckBox(tr("An &event with a date"), right);
    m_starts = new QDateTimeEdit(right);
    m_starts->setCalendarPopup(true);
    m_starts->setDisplayFormat(u"dd/MM/yyyy HH:mm"_s);
    m_hasEnd = new QCheckBox(tr("&Ends at:"), right);
    m_ends = new QDateTimeEdit(right);
    m_ends->setCalendarPopup(true);
    m_ends->setDisplayFormat(u"dd/MM/yyyy HH:mm"_s);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_starts);
    dates->addWidget(m_hasEnd);
    dates->addWidget(m_ends);
    form->addRow(m_isEvent, dates);

    m_address = new QLineEdit(right);
    m_address->setMaxLength(300);
    m_address->setPlaceholderText(tr("A place or address, e.g. Κεντρική Πλατεία"));
    form->addRow(tr("&Place:"), m_address);
    m_lat = new QLineEdit(right);
    m_lon = new QLineEdit(right);
    m_lat->setPlaceholderText(tr("latitude"));
    m_lon->setPlaceholderText(tr("longitude"));
    m_mapCentre = new QPushButton(tr("Use the &map's centre"), right);
    auto *coordinates = new QHBoxLayout;
    coordinates->addWidget(m_lat);
    coordinates->addWidget(m_lon);
    coordinates->addWidget(m_mapCentre);
    auto *pointLabel = new QLabel(tr("P&oint:"), right);
    pointLabel->setBuddy(m_lat);
    form->addRow(pointLabel, coordinates);
    rightLayout->addLayout(form);

    m_map = new MapWidget(right);
    m_map->setMinimumHeight(160);
    m_map->setTilesEnabled(false);
    m_map->setAccessibleName(tr("Map: move it so that the place is in the middle"));
    m_map->centerOn(41.0912, 23.5486, 14);
    rightLayout->addWidget(m_map, 1);

    auto *photoRow = new QHBoxLayout;
    m_photos = new QLabel(right);
    m_addPhoto = new QPushButton(tr("Add p&hoto…"), right);
    photoRow->addWidget(m_photos, 1);
    photoRow->addWidget(m_addPhoto);
    rightLayout->addLayout(photoRow);

    m_status = new QLabel(right);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Status"));
    rightLayout->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    m_withdraw = new QPushButton(tr("&Withdraw"), right);
    m_save = new QPushButton(tr("&Publish"), right);
    m_save->setDefault(true);
    buttons->addStretch(1);
    buttons->addWidget(m_withdraw);
    buttons->addWidget(m_save);
    rightLayout->addLayout(buttons);

    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setSizes({330, 770});

    ReportStore *store = m_session->store();
    connect(store, &ReportStore::informationChanged, this, &InformationView::fillList);
    connect(store, &ReportStore::lookupsChanged, this, &InformationView::fillCategories);
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
        fillList();
        select(0);
    });
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (current)
            select(current->data(kIdRole).toLongLong());
    });
    connect(m_new, &QPushButton::clicked, this, [this] {
        m_list->setCurrentItem(nullptr);
        select(0);
    });
    connect(m_isEvent, &QCheckBox::toggled, this, [this](bool on) {
        m_starts->setEnabled(on);
        m_hasEnd->setEnabled(on);
        m_ends->setEnabled(on && m_hasEnd->isChecked());
    });
    connect(m_hasEnd, &QCheckBox::toggled, m_ends, &QWidget::setEnabled);
    connect(m_mapCentre, &QPushButton::clicked, this, [this] {
        double lat = 0, lon = 0;
        m_map->center(&lat, &lon);
        m_lat->setText(QString::number(lat, 'f', 6));
        m_lon->setText(QString::number(lon, 'f', 6));
        usePlace();
    });
    connect(m_lat, &QLineEdit::editingFinished, this, &InformationView::usePlace);
    connect(m_lon, &QLineEdit::editingFinished, this, &InformationView::usePlace);
    connect(m_save, &QPushButton::clicked, this, &InformationView::save);
    connect(m_withdraw, &QPushButton::clicked, this, &InformationView::withdraw);
    connect(m_addPhoto, &QPushButton::clicked, this, &InformationView::addPhoto);
    connect(m_session->api(), &ApiClient::informationSaved, this, [this](const InformationItem &item) {
        m_status->setText(item.isPublished() ? tr("Saved. Subscribers hear of new items by e-mail.")
                                             : tr("Withdrawn: it is no longer on the public pages."));
        const int at = m_category->findData(item.categoryCode);
        if (at >= 0)
            m_category->setCurrentIndex(at);
        fillList();
        select(item.id);
    });
    connect(m_session->api(), &ApiClient::informationFailed, this,
        [this](const ApiFailure &failure) { m_status->setText(tr("Not saved: %1").arg(failure.message)); });

    fillCategories();
    select(0);
}

InformationView::~InformationView() = default;

bool InformationView::mayPublish(const QString &categoryCode) const
{
    const StaffMember &user = m_session->user();
    const Category *c = m_session->store()->category(categoryCode);
    if (!c || !c->isInformation())
        return false;
    if (user.role == Role::Admin || user.role == Role::Manager)
        return true;
    return c->departmentId > 0 && user.departmentIds.contains(c->departmentId);
}

QString InformationView::currentCategory() const
{
    return m_category->currentData().toString();
}

void InformationView::fillCategories()
{
    const QString before = currentCategory();
    const QSignalBlocker blocker(m_category);
    m_category->clear();
    const QString lang = m_session->store()->language();
    for (const Category &c : m_session->store()->categories())
        if (c.isInformation() && c.active)
            m_category->addItem(c.name.in(lang), c.code);
    const int at = m_category->findData(before);
    m_category->setCurrentIndex(at >= 0 ? at : 0);
    fillList();
}

void InformationView::fillList()
{
    const qint64 selected = m_itemId;
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QString lang = m_session->store()->language();
    for (const InformationItem &item : m_session->store()->informationItems(currentCategory())) {
        QString text = item.title.in(lang);
        if (item.startsMs)
            text += u"\n"_s + localText(*item.startsMs);
        if (!item.isPublished())
            text += u"\n"_s + tr("(withdrawn)");
        auto *row = new QListWidgetItem(text, m_list);
        row->setData(kIdRole, item.id);
        if (!item.isPublished())
            row->setForeground(palette().placeholderText());
        if (item.id == selected)
            m_list->setCurrentItem(row);
    }
}

void InformationView::select(qint64 id)
{
    showItem(id > 0 ? m_session->store()->informationItem(id) : nullptr);
}

void InformationView::showItem(const InformationItem *item)
{
    m_itemId = item ? item->id : 0;
    m_version = item ? item->version : 0;
    const QString category = item ? item->categoryCode : currentCategory();
    const bool editable = mayPublish(category) && (!item || item->isPublished()) && !m_session->readOnly();
    m_heading->setText(!item      ? tr("New item in “%1”").arg(m_category->currentText())
            : item->isPublished() ? tr("Item #%1").arg(item->id)
                                  : tr("Item #%1 (withdrawn)").arg(item->id));
    m_titleEl->setText(item ? item->title.el : QString());
    m_titleEn->setText(item ? item->title.en : QString());
    m_textEl->setPlainText(item ? item->body.el : QString());
    m_textEn->setPlainText(item ? item->body.en : QString());
    const QDateTime tomorrow = QDateTime::currentDateTime().addDays(1);
    m_isEvent->setChecked(item && item->startsMs);
    m_starts->setDateTime(item && item->startsMs ? QDateTime::fromMSecsSinceEpoch(*item->startsMs) : tomorrow);
    m_hasEnd->setChecked(item && item->endsMs);
    m_ends->setDateTime(
        item && item->endsMs ? QDateTime::fromMSecsSinceEpoch(*item->endsMs) : m_starts->dateTime().addSecs(7200));
    m_starts->setEnabled(m_isEvent->isChecked());
    m_hasEnd->setEnabled(m_isEvent->isChecked());
    m_ends->setEnabled(m_isEvent->isChecked() && m_hasEnd->isChecked());
    m_address->setText(item ? item->address : QString());
    m_lat->setText(item && item->hasLocation ? QString::number(item->lat, 'f', 6) : QString());
    m_lon->setText(item && item->hasLocation ? QString::number(item->lon, 'f', 6) : QString());
    usePlace();
    m_photos->setText(
        item ? tr("%n photo(s)", nullptr, int(item->photos.size())) : tr("Photos can be added once it is published."));
    for (QWidget *w : std::initializer_list<QWidget *>{
             m_titleEl, m_titleEn, m_textEl, m_textEn, m_isEvent, m_address, m_lat, m_lon, m_mapCentre})
        w->setEnabled(editable);
    if (!editable) {
        m_starts->setEnabled(false);
        m_hasEnd->setEnabled(false);
        m_ends->setEnabled(false);
    }
    m_save->setText(item ? tr("&Save changes") : tr("&Publish"));
    m_save->setEnabled(editable);
    m_withdraw->setEnabled(editable && item);
    m_addPhoto->setEnabled(editable && item);
    m_status->setText(mayPublish(category)
            ? QString()
            : tr("You may publish only in the information categories of your departments."));
}

void InformationView::usePlace()
{
    bool okLat = false, okLon = false;
    const double lat = m_lat->text().trimmed().replace(u',', u'.').toDouble(&okLat);
    const double lon = m_lon->text().trimmed().replace(u',', u'.').toDouble(&okLon);
    if (okLat && okLon) {
        m_map->setPoints({GeoPoint{m_itemId > 0 ? m_itemId : 1, lat, lon}});
        m_map->centerOn(lat, lon);
    } else {
        m_map->setPoints({});
    }
}

void InformationView::save()
{
    QJsonObject fields{{u"title"_s, QJsonObject{{u"el"_s, m_titleEl->text()}, {u"en"_s, m_titleEn->text()}}},
        {u"text"_s, QJsonObject{{u"el"_s, m_textEl->toPlainText()}, {u"en"_s, m_textEn->toPlainText()}}},
        {u"address"_s, m_address->text()}};
    const bool event = m_isEvent->isChecked();
    fields.insert(
        u"starts_at"_s, event ? QJsonValue(formatUtc(m_starts->dateTime().toMSecsSinceEpoch())) : QJsonValue());
    fields.insert(u"ends_at"_s,
        event && m_hasEnd->isChecked() ? QJsonValue(formatUtc(m_ends->dateTime().toMSecsSinceEpoch())) : QJsonValue());
    bool okLat = false, okLon = false;
    const double lat = m_lat->text().trimmed().replace(u',', u'.').toDouble(&okLat);
    const double lon = m_lon->text().trimmed().replace(u',', u'.').toDouble(&okLon);
    if (m_lat->text().trimmed().isEmpty() && m_lon->text().trimmed().isEmpty()) {
        fields.insert(u"lat"_s, QJsonValue());
        fields.insert(u"lon"_s, QJsonValue());
    } else if (okLat && okLon) {
        fields.insert(u"lat"_s, lat);
        fields.insert(u"lon"_s, lon);
    } else {
        m_status->setText(tr("The point needs a latitude and a longitude in degrees, e.g. 41.0912 and 23.5486."));
        return;
    }
    m_status->setText(tr("Saving…"));
    if (m_itemId > 0) {
        m_session->api()->editInformation(m_itemId, m_version, fields);
    } else {
        fields.insert(u"category"_s, currentCategory());
        m_session->api()->publishInformation(fields);
    }
}

void InformationView::withdraw()
{
    if (m_itemId <= 0)
        return;
    const auto answer = QMessageBox::question(this, tr("Withdraw the item"),
        tr("Withdraw it from the public pages and the feed? It cannot be published again."));
    if (answer == QMessageBox::Yes)
        m_session->api()->withdrawInformation(m_itemId, m_version);
}

void InformationView::addPhoto()
{
    if (m_itemId <= 0)
        return;
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Add a photo"), {}, tr("Photos (*.jpg *.jpeg *.png *.webp)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    const QString lower = path.toLower();
    const QByteArray type = lower.endsWith(u".png"_s) ? "image/png"_ba
        : lower.endsWith(u".webp"_s)                  ? "image/webp"_ba
                                                      : "image/jpeg"_ba;
    m_status->setText(tr("Sending the photo…"));
    m_session->api()->addInformationPhoto(m_itemId, file.readAll(), type);
}

} // namespace dimos
