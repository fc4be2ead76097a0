#pragma once

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace dimos {

class MapWidget;
class Session;
struct InformationItem;

// "Public information": the items of the information categories (events, pets, tourism) for
// staff who publish them. A list per category and an editor: Greek and English title and text,
// an event's start and end, a place (typed, or the centre of the small map), photos. Admins and
// managers publish in every information category, a clerk in those of their departments; the
// server decides (403), the view only greys out what would be refused. Acts through the
// session's ApiClient; the store tells the list what changed.
class InformationView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InformationView)

public:
    explicit InformationView(Session *session, QWidget *parent = nullptr);
    ~InformationView() override;

    // Shows an item in the editor (for tests and screenshots), or a new one when 0.
    void select(qint64 id);

private:
    void fillCategories();
    void fillList();
    void showItem(const InformationItem *item);
    void save();
    void withdraw();
    void addPhoto();
    void usePlace();
    bool mayPublish(const QString &categoryCode) const;
    QString currentCategory() const;

    Session *m_session;
    qint64 m_itemId = 0;
    int m_version = 0;
    QComboBox *m_category;
    QListWidget *m_list;
    QLabel *m_heading;
    QLineEdit *m_titleEl;
    QLineEdit *m_titleEn;
    QPlainTextEdit *m_textEl;
    QPlainTextEdit *m_textEn;
    QCheckBox *m_isEvent;
    QDateTimeEdit *m_starts;
    QCheckBox *m_hasEnd;
    QDateTimeEdit *m_ends;
    QLineEdit *m_address;
    QLineEdit *m_lat;
    QLineEdit *m_lon;
    MapWidget *m_map;
    QLabel *m_photos;
    QLabel *m_status;
    QPushButton *m_new;
    QPushButton *m_save;
    QPushButton *m_withdraw;
    QPushButton *m_addPhoto;
    QPushButton *m_mapCentre;
};

} // namespace dimos
