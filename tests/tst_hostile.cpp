// Hostile values and hostile identifiers.
//
// Values made of SQL metacharacters, quotes, backslashes, placeholder look-alikes, NUL
// characters, emoji, and 1 MB strings and blobs round-trip byte for byte through create,
// findByPk, update and where-equality, on every dialect, and raw SQL sees exactly the bytes
// that were sent. PostgreSQL's text types cannot hold U+0000: there the ORM refuses such a
// value with a ValidationError naming the model and the field, before anything is sent,
// instead of letting the driver cut the string short.
//
// Identifiers of run-time models (db.define(name, json)) that contain quotes, backticks,
// semicolons, NUL, or are empty or overlong, are rejected with a DefinitionError naming
// the model and the field.
#include "TestSupport.h"

#include <QRandomGenerator>

using namespace quarry::test;
using orm::Where;

class Vault : public orm::Model<Vault>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString label MEMBER label)
    Q_PROPERTY(QString body MEMBER body)
    Q_PROPERTY(QByteArray data MEMBER data)
    Q_CLASSINFO("label", "STRING(255)")
    Q_CLASSINFO("body", "TEXT")
    Q_CLASSINFO("data", "BLOB")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Vault(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString label;
    QString body;
    QByteArray data;
};

namespace {

QString withNul(const char *before, const char *after)
{
    return QString::fromUtf8(before) + QChar(0) + QString::fromUtf8(after);
}

// Short hostile strings: each fits a STRING(255).
QStringList hostileStrings()
{
    return {
        QStringLiteral(R"('); DROP TABLE "Vaults"; --)"),
        QStringLiteral(R"(" OR "1"="1)"),
        QStringLiteral("` OR 1=1; DROP TABLE `Vaults`; #"),
        QStringLiteral("'' '''' \"\" \"\"\"\" ``"),
        QStringLiteral(R"(\)"),
        QStringLiteral(R"(\\)"),
        QStringLiteral(R"(\' \" \\' \0 \n \x00 \Z %_)"),
        QStringLiteral("line1\nline2\r\nline3\ttab\x1b[31mred\x7f"),
        QStringLiteral("? ?? :name :1 $1 $$ $$body$$ @var %s %d {0}"),
        QStringLiteral("/* comment */ -- comment\n# comment"),
        QStringLiteral("%_% LIKE 'a%' ESCAPE '\\'"),
        QStringLiteral("😀👍🏽👨‍👩‍👧‍👦🇩🇪 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ﷽ עברית العربية e\u0301 \u200b\u200f\ufeff"),
        QStringLiteral(" leading and trailing spaces "),
        QStringLiteral("\u00a0nbsp\u2028sep\u2029"),
        withNul("nul", "inside"),
        withNul("", "leading"),
        withNul("trailing", ""),
        QString(QChar(0)),
    };
}

bool hasNul(const QString &s)
{
    return s.contains(QChar(0));
}

// About 1 MB of UTF-8, every kind of hostile character repeated.
QString bigString(bool withNulChars)
{
    const QString unit = QStringLiteral("ab'\"\\`;--%_?:x$1 😀\n") + (withNulChars ? QString(QChar(0)) : QString());
    QString s;
    s.reserve(1 << 20);
    while (s.toUtf8().size() < (1 << 20))
        s += unit.repeated(1024);
    return s;
}

QByteArray bigBlob()
{
    QByteArray b(1 << 20, Qt::Uninitialized);
    QRandomGenerator gen(42);
    for (int i = 0; i < b.size(); ++i)
        b[i] = char(gen.bounded(256));
    // The bytes that matter most, at the edges.
    b[0] = '\0';
    b[1] = '\'';
    b[2] = '\\';
    b[b.size() - 1] = '\0';
    return b;
}

QByteArray smallBlob()
{
    QByteArray b;
    for (int i = 0; i < 256; ++i)
        b.append(char(i));
    return b + QByteArray("'\"\\;--\0end", 11);
}

bool storesNul(const QString &dialect)
{
    return dialect != QLatin1String("postgres");
}

// What raw SQL reads back from the row.
struct RawRow
{
    QString label, body;
    QByteArray data;
};

RawRow rawRow(const orm::Database &db, qint64 id)
{
    const auto rows = rawRows(db, R"(SELECT "label", "body", "data" FROM "Vaults" WHERE "id" = ?)", {id});
    if (rows.size() != 1)
        throw std::runtime_error("row not found");
    return {rows.first().value(0).toString(), rows.first().value(1).toString(), rows.first().value(2).toByteArray()};
}

QString describe(const QString &s)
{
    return s.size() > 80 ? QStringLiteral("<%1 chars>").arg(s.size()) : s.toUtf8().toPercentEncoding(" ");
}

} // namespace

class TstHostile : public QObject
{
    Q_OBJECT
private slots:
    void valuesRoundTrip_data() { addDialectColumn(); }
    void valuesRoundTrip()
    {
        QUARRY_OPEN_DB();
        db.define<Vault>();
        db.sync({.force = true});
        QStringList values = hostileStrings();
        const QByteArray blob = smallBlob();
        int stored = 0;
        for (int i = 0; i < values.size(); ++i) {
            const QString v = values.at(i);
            const QString other = values.at((i + 1) % values.size());
            if (hasNul(v) && !storesNul(dialect))
                continue; // refusedNul covers these
            const QString w = hasNul(other) && !storesNul(dialect) ? QStringLiteral("plain") : other;
            const QString ctx = QStringLiteral("value %1: %2").arg(i).arg(describe(v));

            auto row = Vault::create({{"label", v}, {"body", v}, {"data", blob + v.toUtf8()}});
            ++stored;
            QVERIFY2(row->id > 0, qPrintable(ctx));
            RawRow raw = rawRow(db, row->id);
            QVERIFY2(raw.label == v, qPrintable(ctx + " raw label: " + describe(raw.label)));
            QVERIFY2(raw.body == v, qPrintable(ctx + " raw body: " + describe(raw.body)));
            QVERIFY2(raw.data == blob + v.toUtf8(), qPrintable(ctx));

            auto found = Vault::findByPk(row->id);
            QVERIFY2(found, qPrintable(ctx));
            QVERIFY2(found->label == v && found->body == v, qPrintable(ctx + " found: " + describe(found->label)));
            QVERIFY2(found->data == blob + v.toUtf8(), qPrintable(ctx));

            // Where-equality finds exactly this row, by the string and by the blob.
            auto byLabel = Vault::findAll({.where = Where{{"label", v}}});
            QVERIFY2(byLabel.size() == 1 && byLabel.first()->id == row->id, qPrintable(ctx + QStringLiteral(" matches %1").arg(byLabel.size())));
            QCOMPARE(Vault::count({.where = Where{{"body", v}, {"data", QVariant(blob + v.toUtf8())}}}), qint64(1));

            // Update to the next hostile value, then back.
            found->update({{"label", w}, {"body", w}});
            raw = rawRow(db, row->id);
            QVERIFY2(raw.label == w && raw.body == w, qPrintable(ctx + " after update: " + describe(raw.label)));
            QCOMPARE(Vault::update({{"label", v}}, {.where = Where{{"id", row->id}, {"label", w}}}), qint64(1));
            QVERIFY2(rawRow(db, row->id).label == v, qPrintable(ctx));
            QVERIFY2(Vault::findByPk(row->id)->label == v, qPrintable(ctx));

            // A value written by raw SQL reads back the same through the ORM.
            rawExec(db, R"(UPDATE "Vaults" SET "body" = ? WHERE "id" = ?)", {w, row->id});
            QVERIFY2(Vault::findByPk(row->id)->body == w, qPrintable(ctx));
        }
        // No statement was broken into: the table and every row are still there.
        QCOMPARE(rawCount(db, "Vaults"), qint64(stored));
        QVERIFY(db.tableNames().contains(QStringLiteral("Vaults")));
    }

    void megabyteValues_data() { addDialectColumn(); }
    void megabyteValues()
    {
        QUARRY_OPEN_DB();
        db.define<Vault>();
        db.sync({.force = true});
        const QString big = bigString(storesNul(dialect));
        const QByteArray blob = bigBlob();
        QVERIFY(big.toUtf8().size() >= (1 << 20));

        auto row = Vault::create({{"label", "big"}, {"body", big}, {"data", blob}});
        RawRow raw = rawRow(db, row->id);
        QCOMPARE(raw.body.size(), big.size());
        QVERIFY(raw.body == big);
        QCOMPARE(raw.data.size(), blob.size());
        QVERIFY(raw.data == blob);
        // The bytes as stored, not only as decoded: length in the database.
        const QString lengthSql = dialect == QLatin1String("sqlite") ? QStringLiteral(R"(SELECT length(CAST("data" AS BLOB)) FROM "Vaults")")
                                  : dialect == QLatin1String("postgres") ? QStringLiteral(R"(SELECT octet_length("data") FROM "Vaults")")
                                                                         : QStringLiteral(R"(SELECT LENGTH("data") FROM "Vaults")");
        QCOMPARE(rawValue(db, lengthSql).toLongLong(), qint64(blob.size()));

        auto found = Vault::findByPk(row->id);
        QVERIFY(found->body == big);
        QVERIFY(found->data == blob);
        QCOMPARE(Vault::count({.where = Where{{"body", big}}}), qint64(1));
        QCOMPARE(Vault::count({.where = Where{{"data", QVariant(blob)}}}), qint64(1));

        // Update with other megabyte values: both reversed (by code point, so the string
        // stays valid UTF-16).
        QList<uint> cps = big.toUcs4();
        std::reverse(cps.begin(), cps.end());
        const QString big2 = QString::fromUcs4(reinterpret_cast<const char32_t *>(cps.constData()), cps.size());
        QByteArray blob2 = blob;
        std::reverse(blob2.begin(), blob2.end());
        found->update({{"body", big2}, {"data", blob2}});
        raw = rawRow(db, row->id);
        QVERIFY(raw.body == big2);
        QVERIFY(raw.data == blob2);
        QCOMPARE(Vault::count({.where = Where{{"body", big2}, {"data", QVariant(blob2)}}}), qint64(1));
        QCOMPARE(Vault::count({.where = Where{{"body", big}}}), qint64(0));
    }

    // PostgreSQL text cannot hold U+0000: refused, typed, naming model and field, and
    // nothing written. The other dialects store it (valuesRoundTrip).
    void refusedNul_data() { addDialectColumn(); }
    void refusedNul()
    {
        QUARRY_OPEN_DB();
        if (storesNul(dialect))
            QSKIP("this dialect stores U+0000 in text; valuesRoundTrip checks it");
        db.define<Vault>();
        db.sync({.force = true});
        const QString nul = withNul("cut", "here");
        auto expectNul = [&](const std::function<void()> &fn, const QString &field) {
            try {
                fn();
                QFAIL("no error for a NUL character");
            } catch (const orm::ValidationError &e) {
                QVERIFY2(e.message().contains(QStringLiteral("Vault")) && e.message().contains(field), qPrintable(e.message()));
                QVERIFY(!e.items().isEmpty());
                QCOMPARE(e.items().first().model, QStringLiteral("Vault"));
                QCOMPARE(e.items().first().field, field);
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QStringLiteral("expected ValidationError, got: %1").arg(QString::fromUtf8(e.what()))));
            }
        };
        expectNul([&] { Vault::create({{"label", "ok"}, {"body", nul}}); }, QStringLiteral("body"));
        expectNul([&] { Vault::create({{"label", nul}, {"body", "ok"}}); }, QStringLiteral("label"));
        expectNul([&] { Vault::bulkCreate({{{"label", "a"}}, {{"label", nul}}}); }, QStringLiteral("label"));
        QCOMPARE(rawCount(db, "Vaults"), qint64(0));
        auto row = Vault::create({{"label", "ok"}, {"body", "fine"}});
        expectNul([&] { row->update({{"body", nul}}); }, QStringLiteral("body"));
        expectNul([&] { Vault::update({{"body", nul}}, {.where = Where{{"id", row->id}}}); }, QStringLiteral("body"));
        expectNul([&] { Vault::findAll({.where = Where{{"label", nul}}}); }, QStringLiteral("label"));
        QCOMPARE(rawValue(db, R"(SELECT "body" FROM "Vaults")").toString(), QStringLiteral("fine"));
        // NUL bytes in a blob are fine everywhere.
        row->update({{"data", QByteArray("a\0b", 3)}});
        QCOMPARE(rawValue(db, R"(SELECT "data" FROM "Vaults")").toByteArray(), QByteArray("a\0b", 3));
    }

    // Identifiers of run-time models are checked before any SQL is written.
    void hostileIdentifiers_data()
    {
        QTest::addColumn<QString>("name");
        const QString overlong = QString(70, QLatin1Char('a'));
        QTest::newRow("double quote") << QStringLiteral("ab\"cd");
        QTest::newRow("single quote") << QStringLiteral("ab'cd");
        QTest::newRow("backtick") << QStringLiteral("ab`cd");
        QTest::newRow("semicolon") << QStringLiteral("ab;DROP TABLE x");
        QTest::newRow("nul") << withNul("ab", "cd");
        QTest::newRow("empty") << QString();
        QTest::newRow("space") << QStringLiteral("ab cd");
        QTest::newRow("bracket") << QStringLiteral("ab]cd");
        QTest::newRow("comment") << QStringLiteral("ab--cd");
        QTest::newRow("dot") << QStringLiteral("ab.cd");
        QTest::newRow("overlong") << overlong;
        QTest::newRow("emoji") << QStringLiteral("ab😀");
    }
    void hostileIdentifiers()
    {
        QFETCH(QString, name);
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        auto expectDefinitionError = [&](const std::function<void()> &fn, const QString &model, const QString &field) {
            try {
                fn();
                QFAIL("no DefinitionError");
            } catch (const orm::DefinitionError &e) {
                QVERIFY2(e.message().contains(model), qPrintable(e.message()));
                if (!field.isEmpty())
                    QVERIFY2(e.message().contains(field), qPrintable(e.message()));
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QStringLiteral("expected DefinitionError, got: %1").arg(QString::fromUtf8(e.what()))));
            }
        };
        const QJsonObject ok{{"title", "STRING"}};
        // As the model name (the table name comes from it).
        expectDefinitionError([&] { db.define(name, ok); }, name, {});
        // As an attribute name.
        expectDefinitionError([&] { db.define(QStringLiteral("Good"), {{name, "STRING"}}); }, QStringLiteral("Good"), name);
        // As a column name (field), a table name, an index and a unique group name.
        expectDefinitionError([&] { db.define(QStringLiteral("Good"), {{"title", QJsonObject{{"type", "STRING"}, {"field", name}}}}); },
                              QStringLiteral("Good"), QStringLiteral("title"));
        expectDefinitionError([&] { db.define(QStringLiteral("Good"), ok, {{"tableName", name}}); }, QStringLiteral("Good"), {});
        expectDefinitionError([&] { db.define(QStringLiteral("Good"), {{"title", QJsonObject{{"type", "STRING"}, {"index", name}}}}); },
                              QStringLiteral("Good"), QStringLiteral("title"));
        expectDefinitionError([&] { db.define(QStringLiteral("Good"), {{"title", QJsonObject{{"type", "STRING"}, {"unique", name}}}}); },
                              QStringLiteral("Good"), QStringLiteral("title"));
        // As a renamed timestamp.
        expectDefinitionError([&] { db.define(QStringLiteral("Good"), ok, {{"createdAt", name}}); }, QStringLiteral("Good"), {});
        // Nothing was defined, nothing was created.
        QVERIFY(!db.isDefined(QStringLiteral("Good")));
        db.sync();
        QCOMPARE(db.tableNames(), QStringList());
    }
};

QTEST_GUILESS_MAIN(TstHostile)
#include "tst_hostile.moc"
