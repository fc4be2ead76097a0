#pragma once

#include <QByteArrayView>
#include <QSet>
#include <QString>

#include <optional>

namespace dimos {

// The first message a live-stream client sends (docs/api/live.md):
//   {"type": "hello", "token": "…", "since": 41, "departments": [1, 2], "categories": ["pothole"]}
// `since` (the last seq the client applied; -1 or absent: nothing to replay), `departments` and
// `categories` (absent, null or empty: all) are optional. Parsing is separate from LiveHub so
// that it can be fuzzed on its own: it is the one piece of the stream that reads what a
// client sends.
struct LiveHello
{
    QString token; // may be empty: the hub then refuses the client as not signed in
    qint64 since = -1;
    QSet<qint64> departments;
    QSet<QString> categories;

    // The hello in `utf8`, or nothing with *error saying what was wrong, for the client.
    static std::optional<LiveHello> parse(QByteArrayView utf8, QString *error);
};

} // namespace dimos
