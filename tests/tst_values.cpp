// orm::Values, the name/value lists that create, build, set and bulkCreate take: the list
// itself, then each operation on SQLite, PostgreSQL and MariaDB, checked with raw SQL.
#include "TestSupport.h"

#include <QJsonObject>
#include <QVariantHash>

using namespace quarry::test;

namespace {

// Longer than the names a Values entry keeps inline (31 characters).
constexpr char kLongName[] = "anAttributeNameLongerThanTheInlineBuffer";

orm::ModelHandle defineGadget(orm::Database &db)
{
    auto m = db.define("Gadget",
                       QJsonArray{QJsonObject{{"name", "label"}, {"type", "STRING(40)"}, {"allowNull", false}},
                                  QJsonObject{{"name", "size"}, {"type", "INTEGER"}},
                                  QJsonObject{{"name", QString::fromLatin1(kLongName)}, {"type", "STRING(40)"}}},
                       QJsonObject{{"tableName", "gadgets"}, {"timestamps", false}});
    db.sync();
    return m;
}

// The row's size and long-named column as text (a NULL as "NULL"): drivers differ in the
// types they return for the same column (MariaDB gives some strings as QByteArray).
QStringList rowOf(const orm::Database &db, const QString &label)
{
    const QVariantList row = rawRows(db, dialectSql(db, QStringLiteral(R"(SELECT "size", "%1" FROM "gadgets" WHERE "label" = ?)")
                                                            .arg(QString::fromLatin1(kLongName))),
                                     {label})
                                 .value(0);
    QStringList out;
    for (const QVariant &v : row)
        out.append(v.isNull() ? QStringLiteral("NULL") : v.toString());
    return out;
}

} // namespace

class TestValues : public QObject
{
    Q_OBJECT
private slots:
    // ------------------------------------------------------------ the list itself
    void literalNamesKeepOrder()
    {
        const orm::Values v{{"firstName", QStringLiteral("Jane")}, {"age", 30}, {"email", QVariant()}};
        QCOMPARE(v.size(), 3);
        QStringList names;
        for (const orm::Values::Entry &e : v)
            names.append(e.name.toString());
        QCOMPARE(names, QStringList({"firstName", "age", "email"}));
        QCOMPARE(v.value(u"firstName").toString(), QStringLiteral("Jane"));
        QCOMPARE(v.value(u"age").toInt(), 30);
        QVERIFY(v.contains(u"email"));
        QVERIFY(!v.value(u"email").isValid());
        QVERIFY(!v.contains(u"missing"));
        QVERIFY(!v.value(u"missing").isValid());
    }

    // Names that do not fit inline, that are not ASCII, or that come as QStrings.
    void everyKindOfName()
    {
        const QString built = QStringLiteral("built") + QString::number(7);
        const orm::Values v{{kLongName, 1}, {"größe", 2}, {built, 3}, {QLatin1StringView("latin"), 4},
                            {QStringView(u"view"), 5}, {"", 6}};
        QCOMPARE(v.value(QString::fromLatin1(kLongName)).toInt(), 1);
        QCOMPARE(v.value(QString::fromUtf8("größe")).toInt(), 2);
        QCOMPARE(v.value(u"built7").toInt(), 3);
        QCOMPARE(v.value(u"latin").toInt(), 4);
        QCOMPARE(v.value(u"view").toInt(), 5);
        QCOMPARE(v.value(u"").toInt(), 6);
        // Exactly the inline size, and one more.
        const QByteArray fits(31, 'a'), over(32, 'b');
        const orm::Values edge{{fits.constData(), 1}, {over.constData(), 2}};
        QCOMPARE(edge.value(QString::fromLatin1(fits)).toInt(), 1);
        QCOMPARE(edge.value(QString::fromLatin1(over)).toInt(), 2);
        QCOMPARE(edge.value(QString(31, QLatin1Char('a')) + QLatin1Char('a')), QVariant());
    }

    // A name given twice: the last value counts, as it would in a QVariantMap.
    void repeatedNameLastWins()
    {
        const orm::Values v{{"a", 1}, {"b", 2}, {"a", 3}};
        QCOMPARE(v.value(u"a").toInt(), 3);
        QCOMPARE(v.toMap(), QVariantMap({{"a", 3}, {"b", 2}}));
        QCOMPARE(v.names(), QStringList({"a", "b"}));
    }

    void fromMapAndHash()
    {
        const QVariantMap map{{"x", 1}, {"y", QStringLiteral("two")}};
        const orm::Values fromMap = map;
        QCOMPARE(fromMap.size(), 2);
        QCOMPARE(fromMap.toMap(), map);
        const QVariantHash hash{{"x", 1}, {"y", QStringLiteral("two")}};
        const orm::Values fromHash = hash;
        QCOMPARE(fromHash.toMap(), map);
        QVERIFY(fromMap == fromHash);
        QVERIFY(orm::Values().isEmpty());
    }

    void insertAndRemove()
    {
        orm::Values v{{"a", 1}};
        v.insert("b", 2);
        v.insert(QStringLiteral("a"), 10); // replaces, keeps its place
        QCOMPARE(v.size(), 2);
        QCOMPARE(v.begin()->name.toString(), QStringLiteral("a"));
        QCOMPARE(v.value(u"a").toInt(), 10);
        v.remove(u"a");
        QCOMPARE(v.toMap(), QVariantMap({{"b", 2}}));
        v.remove(u"absent");
        QCOMPARE(v.size(), 1);
    }

    // ------------------------------------------------------------ through the ORM
    void createWithEveryName_data() { addDialectColumn(); }
    void createWithEveryName()
    {
        QUARRY_OPEN_DB();
        auto m = defineGadget(db);
        const QString sizeName = QStringLiteral("size");
        m.create({{"label", QStringLiteral("a")}, {sizeName, 1}, {kLongName, QStringLiteral("long")}});
        m.create({{QLatin1StringView("label"), QStringLiteral("b")}, {"size", QVariant()}});
        QCOMPARE(rowOf(db, "a"), QStringList({"1", "long"}));
        QCOMPARE(rowOf(db, "b"), QStringList({"NULL", "NULL"}));
        // Repeated name: the last value is written.
        m.create({{"label", QStringLiteral("c")}, {"size", 1}, {"size", 2}});
        QCOMPARE(rowOf(db, "c").value(0), QStringLiteral("2"));
    }

    // Code that holds a QVariantMap passes it as before, to every operation that takes Values.
    void mapsStillAccepted_data() { addDialectColumn(); }
    void mapsStillAccepted()
    {
        QUARRY_OPEN_DB();
        auto m = defineGadget(db);
        const QVariantMap first{{"label", "m1"}, {"size", 5}};
        m.create(first);
        auto built = m.build(QVariantMap{{"label", "m2"}});
        built->set(QVariantMap{{"size", 6}});
        built->save();
        const QList<QVariantMap> records{{{"label", "m3"}, {"size", 7}}, {{"label", "m4"}, {"size", 8}}};
        m.bulkCreate(records);
        for (int i = 1; i <= 4; ++i)
            QCOMPARE(rowOf(db, QStringLiteral("m%1").arg(i)).value(0), QString::number(i + 4));
        QCOMPARE(rawCount(db, "gadgets"), 4);
    }

    void bulkCreateValues_data() { addDialectColumn(); }
    void bulkCreateValues()
    {
        QUARRY_OPEN_DB();
        auto m = defineGadget(db);
        QList<orm::Values> records;
        for (int i = 0; i < 5; ++i)
            records.append({{"label", QStringLiteral("v%1").arg(i)}, {"size", i}, {kLongName, QString::number(i * 10)}});
        const auto made = m.bulkCreate(records);
        QCOMPARE(made.size(), 5);
        m.bulkCreate({{{"label", "braced1"}, {"size", 100}}, {{"label", "braced2"}}});
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(rowOf(db, QStringLiteral("v%1").arg(i)), QStringList({QString::number(i), QString::number(i * 10)}));
            QCOMPARE(made.at(i)->get("size").toInt(), i);
        }
        QCOMPARE(rowOf(db, "braced1").value(0), QStringLiteral("100"));
        QCOMPARE(rowOf(db, "braced2").value(0), QStringLiteral("NULL"));
        QCOMPARE(rawCount(db, "gadgets"), 7);
    }

    void setValuesThenSave_data() { addDialectColumn(); }
    void setValuesThenSave()
    {
        QUARRY_OPEN_DB();
        auto m = defineGadget(db);
        auto g = m.create({{"label", "s"}, {"size", 1}});
        g->set({{"size", 2}, {kLongName, QStringLiteral("changed")}});
        QCOMPARE(g->changed(), QStringList({"size", QString::fromLatin1(kLongName)}));
        g->save();
        QCOMPARE(rowOf(db, "s"), QStringList({"2", "changed"}));
        // update() writes the attributes it names, and only those.
        g->set("label", QStringLiteral("pending"));
        g->update({{"size", 3}});
        QCOMPARE(rowOf(db, "s"), QStringList({"3", "changed"}));
        QCOMPARE(g->changed(), QStringList({"label"}));
    }

    // An attribute the model does not have: a QueryError naming the model and the attribute,
    // and nothing written.
    void unknownAttribute_data() { addDialectColumn(); }
    void unknownAttribute()
    {
        QUARRY_OPEN_DB();
        auto m = defineGadget(db);
        try {
            m.create({{"label", "x"}, {"colour", "red"}});
            QFAIL("create with an unknown attribute did not throw");
        } catch (const orm::QueryError &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QLatin1String("Gadget")) && what.contains(QLatin1String("'colour'")), qPrintable(what));
        }
        QUARRY_EXPECT_THROW(orm::QueryError, m.bulkCreate({{{"label", "y"}}, {{"label", "z"}, {"weight", 3}}}));
        QCOMPARE(rawCount(db, "gadgets"), 0);
    }
};

QTEST_GUILESS_MAIN(TestValues)
#include "tst_values.moc"
