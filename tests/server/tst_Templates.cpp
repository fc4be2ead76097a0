// The templates and message catalogues of the web pages and mails (server/render): the real
// ones built into dimosd load, every {{t.…}} a template reads exists in both languages, values
// are HTML-escaped, partials work; a broken template or a catalogue missing a key is refused
// at load with a message naming the file and the problem.
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "server/render/MessageCatalog.h"
#include "server/render/Templates.h"

using namespace Qt::StringLiterals;
using namespace dimos;

namespace {
void write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}
} // namespace

class tst_Templates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInTemplatesAndCataloguesLoad();
    void everyTextATemplateReadsExists();
    void valuesAreEscapedAndPartialsWork();
    void brokenTemplateIsRefused();
    void catalogueMissingAKeyIsRefused();
    void textsFallBackToGreek();
};

void tst_Templates::builtInTemplatesAndCataloguesLoad()
{
    Templates templates;
    QString error;
    QVERIFY2(templates.load(u":/templates"_s, &error), qPrintable(error));
    QVERIFY(templates.has(u"web/layout"_s));
    MessageCatalog catalog;
    QVERIFY2(catalog.load(u":/i18n"_s, &error), qPrintable(error));
    QVERIFY(!catalog.keys().isEmpty());
}

void tst_Templates::everyTextATemplateReadsExists()
{
    Templates templates;
    MessageCatalog catalog;
    QString error;
    QVERIFY2(templates.load(u":/templates"_s, &error), qPrintable(error));
    QVERIFY2(catalog.load(u":/i18n"_s, &error), qPrintable(error));
    const QStringList keys = catalog.keys();
    static const QRegularExpression use(uR"(\{\{\{?\s*[#^/]?\s*t\.([A-Za-z0-9_.]+)\s*\}?\}\})"_s);
    QStringList missing;
    for (const QString &name : templates.names()) {
        auto it = use.globalMatch(templates.source(name));
        while (it.hasNext()) {
            const QString key = it.next().captured(1);
            if (!keys.contains(key))
                missing.append(name + u": t."_s + key);
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"\n"_s)));
}

void tst_Templates::valuesAreEscapedAndPartialsWork()
{
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath(u"web"_s));
    write(dir.filePath(u"web/page.mustache"_s),
        "<p title=\"{{title}}\">{{title}}</p>{{> web/part}}{{#items}}[{{n}}]{{/items}}{{^none}}!{{/none}}");
    write(dir.filePath(u"web/part.mustache"_s), "<i>{{{raw}}}</i>");
    Templates templates;
    QString error;
    QVERIFY2(templates.load(dir.path(), &error), qPrintable(error));
    const QString out = templates.render(u"web/page"_s,
        QJsonObject{{u"title"_s, u"<script>alert('x')</script> & \"Σέρρες\""_s}, {u"raw"_s, u"<b>ok</b>"_s},
            {u"items"_s, QJsonArray{QJsonObject{{u"n"_s, 1}}, QJsonObject{{u"n"_s, 2.5}}}}, {u"none"_s, QJsonValue()}});
    QCOMPARE(out,
        u"<p title=\"&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;Σέρρες&quot;\">"
        u"&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;Σέρρες&quot;</p><i><b>ok</b></i>[1][2.5]!"_s);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, templates.render(u"web/nothing"_s, {}));
}

void tst_Templates::brokenTemplateIsRefused()
{
    QTemporaryDir dir;
    write(dir.filePath(u"bad.mustache"_s), "{{#open}} never closed");
    Templates templates;
    QString error;
    QVERIFY(!templates.load(dir.path(), &error));
    QVERIFY2(error.contains(u"bad.mustache"_s) && error.contains(u"not valid Mustache"_s), qPrintable(error));
    QTemporaryDir empty;
    QVERIFY(!templates.load(empty.path(), &error));
    QVERIFY2(error.contains(u"no templates"_s), qPrintable(error));
}

void tst_Templates::catalogueMissingAKeyIsRefused()
{
    QTemporaryDir dir;
    write(dir.filePath(u"x.el.json"_s), R"({"a": {"b": "Β", "c": "Γ"}})");
    write(dir.filePath(u"x.en.json"_s), R"({"a": {"b": "B", "d": "D"}})");
    MessageCatalog catalog;
    QString error;
    QVERIFY(!catalog.load(dir.path(), &error));
    QVERIFY2(error.contains(u"*.en.json"_s) && error.contains(u"missing a.c"_s) && error.contains(u"a.d"_s),
        qPrintable(error));
    write(dir.filePath(u"x.en.json"_s), R"({"a": {"b": 5, "c": "C"}})");
    QVERIFY(!catalog.load(dir.path(), &error));
    QVERIFY2(error.contains(u"a.b"_s), qPrintable(error));
    write(dir.filePath(u"x.en.json"_s), R"({"a": {"b": "B", "c": "C %1"}})");
    write(dir.filePath(u"y.el.json"_s), R"({"m": {"n": "Ν"}})");
    write(dir.filePath(u"y.en.json"_s), R"({"m": {"n": "N"}})");
    QVERIFY2(catalog.load(dir.path(), &error), qPrintable(error));
    QCOMPARE(catalog.text(u"en-GB", u"a.c"_s, {u"x"_s}), u"C x"_s);
    QCOMPARE(catalog.text(u"el", u"m.n"_s), u"Ν"_s); // files of a language are merged
    write(dir.filePath(u"z.en.json"_s), R"({"a": {"e": "E"}})");
    QVERIFY(!catalog.load(dir.path(), &error)); // two files may not share a top-level key
    QVERIFY2(error.contains(u"\"a\" is already"_s), qPrintable(error));
}

void tst_Templates::textsFallBackToGreek()
{
    MessageCatalog catalog;
    QString error;
    QVERIFY2(catalog.load(u":/i18n"_s, &error), qPrintable(error));
    QCOMPARE(MessageCatalog::normalise(u"EN-us"), u"en"_s);
    QCOMPARE(MessageCatalog::normalise(u"fr"), u"el"_s);
    QCOMPARE(catalog.text(u"fr", u"site.skip_to_content"_s), catalog.text(u"el", u"site.skip_to_content"_s));
    QCOMPARE(catalog.text(u"el", u"no.such.key"_s), u"no.such.key"_s);
}

QTEST_GUILESS_MAIN(tst_Templates)
#include "tst_Templates.moc"
