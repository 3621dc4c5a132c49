// Static queries: findAll, findOne, findByPk, findOrCreate, findAndCountAll, count,
// countGrouped, max/min/sum, static update and destroy, bulkCreate; every where operator,
// and/or/not to any depth, order, limit, offset, attributes; errors that name the model and
// the attribute; and the statement cache under repeated and varied queries. Each test checks
// the database itself through raw SQL besides what the ORM reports.
#include "SeedModels.h"
#include "TestSupport.h"

#include <QRegularExpression>
#include <algorithm>
#include <QSet>
#include <QUuid>

using namespace quarry::test;
namespace Op = orm::Op;
using orm::Where;
using seed::Post;
using seed::User;

// The query fixture: names, categories, quantities, prices and notes with LIKE wildcards in them.
class Item : public orm::Model<Item>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString category MEMBER category)
    Q_PROPERTY(int qty MEMBER qty)
    Q_PROPERTY(double price MEMBER price)
    Q_PROPERTY(QString note MEMBER note)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("name", "allowNull=false")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Item(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name, category;
    int qty = 0;
    double price = 0;
    QString note;
};

// A unique key for ignoreDuplicates / updateOnDuplicate, with timestamps.
class Tag : public orm::Model<Tag>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString color MEMBER color)
    Q_PROPERTY(int hits MEMBER hits)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("name", "STRING(64) allowNull=false unique")
public:
    Q_INVOKABLE explicit Tag(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name, color;
    int hits = 0;
};

// Many columns, so that a bulk insert must be split under each dialect's parameter limit.
class Wide : public orm::Model<Wide>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString key MEMBER key)
    Q_PROPERTY(int a MEMBER a)
    Q_PROPERTY(int b MEMBER b)
    Q_PROPERTY(int c MEMBER c)
    Q_PROPERTY(int d MEMBER d)
    Q_PROPERTY(int e MEMBER e)
    Q_PROPERTY(int f MEMBER f)
    Q_PROPERTY(int g MEMBER g)
    Q_PROPERTY(int h MEMBER h)
    Q_PROPERTY(QString s1 MEMBER s1)
    Q_PROPERTY(QString s2 MEMBER s2)
    Q_PROPERTY(QString s3 MEMBER s3)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Wide(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString key;
    int a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0;
    QString s1, s2, s3;
};

// Values of other types in where clauses: an enum (stored by name), a date, a UUID, a bool.
class Event : public orm::Model<Event>
{
    Q_OBJECT
public:
    enum Level { Low, Mid, High };
    Q_ENUM(Level)
private:
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_PROPERTY(Level level MEMBER level)
    Q_PROPERTY(QDate day MEMBER day)
    Q_PROPERTY(QUuid token MEMBER token)
    Q_PROPERTY(bool done MEMBER done)
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Event(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title;
    Level level = Low;
    QDate day;
    QUuid token;
    bool done = false;
};

namespace {

struct Row
{
    const char *name;
    const char *category;
    int qty;
    double price;
    const char *note; // nullptr: NULL
};

const Row kItems[] = {
    {"Apple", "fruit", 10, 1.5, "red"},
    {"apricot", "fruit", 5, 2.0, nullptr},
    {"Banana", "fruit", 20, 0.5, "yellow"},
    {"Carrot", "veg", 7, 0.8, nullptr},
    {"100% juice", "drink", 3, 3.5, "a_b"},
    {"100 grams", "drink", 0, 1.0, "axb"},
    {"under_score", "misc", 1, 9.99, "back\\slash"},
    {"underXscore", "misc", 2, 9.99, "BACKxSLASH"},
    {"Bang!", "misc", 4, 0.25, "50%!"},
};
constexpr int kItemCount = int(sizeof(kItems) / sizeof(kItems[0]));

// Inserts the fixture with raw SQL, so that the queries under test do not depend on create.
void seedItems(const orm::Database &db)
{
    for (const Row &r : kItems)
        rawExec(db, R"(INSERT INTO "Items" ("name", "category", "qty", "price", "note") VALUES (?, ?, ?, ?, ?))",
                {QString::fromUtf8(r.name), QString::fromUtf8(r.category), r.qty, r.price,
                 r.note ? QVariant(QString::fromUtf8(r.note)) : QVariant()});
    if (rawCount(db, "Items") != kItemCount)
        throw std::runtime_error("fixture not inserted");
}

QString names(const QList<orm::Ptr<Item>> &items)
{
    QStringList out;
    for (const auto &i : items)
        out.append(i->name);
    return out.join(QStringLiteral("|"));
}

QString joinNames(const QStringList &l)
{
    return l.join(QStringLiteral("|"));
}

QStringList allNames()
{
    QStringList out;
    for (const Row &r : kItems)
        out.append(QString::fromUtf8(r.name));
    return out;
}

// The message of the QueryError f throws, or a marker saying what happened instead.
template <class F>
QString queryErrorOf(F &&f)
{
    try {
        f();
    } catch (const orm::QueryError &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QStringLiteral("<other exception: %1>").arg(QString::fromUtf8(e.what()));
    }
    return QStringLiteral("<no exception>");
}

bool isInsert(const QString &sql)
{
    return sql.startsWith(QLatin1String("INSERT"));
}

} // namespace

class TestQuery : public QObject
{
    Q_OBJECT
private slots:
    // ---------------------------------------------------------------- where
    void whereOperators_data() { addDialectColumn(); }
    void whereOperators()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        const QStringList all = allNames();
        const QStringList notNullNotes{"Apple", "Banana", "100% juice", "100 grams", "under_score", "underXscore", "Bang!"};
        const QStringList notFruit{"Carrot", "100% juice", "100 grams", "under_score", "underXscore", "Bang!"};
        struct Case
        {
            const char *label;
            Where where;
            QStringList expected; // in id order
        };
        const QList<Case> cases{
            {"plain equality", {{"category", "fruit"}}, {"Apple", "apricot", "Banana"}},
            {"null means IS NULL", {{"note", QVariant()}}, {"apricot", "Carrot"}},
            {"null QString means IS NULL", {{"note", QString()}}, {"apricot", "Carrot"}},
            {"list means IN", {{"name", QVariantList{"Apple", "Carrot", "nope"}}}, {"Apple", "Carrot"}},
            {"string list means IN", {{"name", QStringList{"Banana", "Bang!"}}}, {"Banana", "Bang!"}},
            {"two fields are ANDed", {{"category", "fruit"}, {"qty", Op::lt(10)}}, {"apricot"}},
            {"eq", {{"qty", Op::eq(10)}}, {"Apple"}},
            {"eq null", {{"note", Op::eq(QVariant())}}, {"apricot", "Carrot"}},
            {"ne", {{"category", Op::ne("fruit")}}, notFruit},
            {"ne null", {{"note", Op::ne(QVariant())}}, notNullNotes},
            {"ne excludes NULL as SQL does", {{"note", Op::ne("red")}},
             {"Banana", "100% juice", "100 grams", "under_score", "underXscore", "Bang!"}},
            {"gt", {{"qty", Op::gt(7)}}, {"Apple", "Banana"}},
            {"gte", {{"qty", Op::gte(7)}}, {"Apple", "Banana", "Carrot"}},
            {"lt", {{"qty", Op::lt(3)}}, {"100 grams", "under_score", "underXscore"}},
            {"lte", {{"qty", Op::lte(3)}}, {"100% juice", "100 grams", "under_score", "underXscore"}},
            {"gt on a double", {{"price", Op::gt(3.0)}}, {"100% juice", "under_score", "underXscore"}},
            {"in", {{"category", Op::in({"veg", "misc"})}}, {"Carrot", "under_score", "underXscore", "Bang!"}},
            {"notIn", {{"category", Op::notIn({"fruit", "drink"})}}, {"Carrot", "under_score", "underXscore", "Bang!"}},
            {"empty in matches nothing", {{"qty", Op::in({})}}, {}},
            {"empty plain list matches nothing", {{"qty", QVariantList{}}}, {}},
            {"empty notIn matches everything", {{"qty", Op::notIn({})}}, all},
            {"like is case-sensitive (A%)", {{"name", Op::like("A%")}}, {"Apple"}},
            {"like is case-sensitive (a%)", {{"name", Op::like("a%")}}, {"apricot"}},
            {"like with _", {{"name", Op::like("B_n%")}}, {"Banana", "Bang!"}},
            {"notLike", {{"name", Op::notLike("%a%")}}, {"Apple", "100% juice", "under_score", "underXscore"}},
            {"iLike", {{"name", Op::iLike("a%")}}, {"Apple", "apricot"}},
            {"iLike upper pattern", {{"name", Op::iLike("%SCORE")}}, {"under_score", "underXscore"}},
            {"iLike on mixed-case values", {{"note", Op::iLike("back%")}}, {"under_score", "underXscore"}},
            {"like on the same values", {{"note", Op::like("back%")}}, {"under_score"}},
            {"notILike", {{"name", Op::notILike("%A%")}}, {"100% juice", "under_score", "underXscore"}},
            {"startsWith matches % literally", {{"name", Op::startsWith("100%")}}, {"100% juice"}},
            {"startsWith", {{"name", Op::startsWith("100")}}, {"100% juice", "100 grams"}},
            {"startsWith is case-sensitive", {{"name", Op::startsWith("a")}}, {"apricot"}},
            {"endsWith matches _ literally", {{"name", Op::endsWith("_score")}}, {"under_score"}},
            {"endsWith", {{"name", Op::endsWith("score")}}, {"under_score", "underXscore"}},
            {"substring matches _ literally", {{"name", Op::substring("r_s")}}, {"under_score"}},
            {"substring of _ alone", {{"note", Op::substring("_")}}, {"100% juice"}},
            {"substring of % alone", {{"note", Op::substring("%")}}, {"Bang!"}},
            {"substring of a backslash", {{"note", Op::substring("\\")}}, {"under_score"}},
            {"substring of the escape character", {{"note", Op::substring("!")}}, {"Bang!"}},
            {"endsWith with % and the escape character", {{"note", Op::endsWith("%!")}}, {"Bang!"}},
            {"between", {{"qty", Op::between(3, 7)}}, {"apricot", "Carrot", "100% juice", "Bang!"}},
            {"notBetween", {{"qty", Op::notBetween(3, 7)}}, {"Apple", "Banana", "100 grams", "under_score", "underXscore"}},
            {"between doubles", {{"price", Op::between(0.5, 1.5)}}, {"Apple", "Banana", "Carrot", "100 grams"}},
            {"isNull", {{"note", Op::isNull()}}, {"apricot", "Carrot"}},
            {"notNull", {{"note", Op::notNull()}}, notNullNotes},
            {"allOf on one field", {{"qty", Op::allOf({Op::gt(1), Op::lt(10)})}},
             {"apricot", "Carrot", "100% juice", "underXscore", "Bang!"}},
            {"anyOf on one field", {{"qty", Op::anyOf({Op::lt(1), Op::gt(15)})}}, {"Banana", "100 grams"}},
            {"negate", {{"qty", Op::negate(Op::gt(5))}},
             {"apricot", "100% juice", "100 grams", "under_score", "underXscore", "Bang!"}},
            {"negate isNull", {{"note", Op::negate(Op::isNull())}}, notNullNotes},
            {"nested conditions on one field", {{"qty", Op::anyOf({Op::allOf({Op::gte(2), Op::lte(3)}), Op::negate(Op::lt(20))})}},
             {"Banana", "100% juice", "underXscore"}},
            {"Where::anyOf", Where::anyOf({{{"category", "veg"}}, {{"qty", Op::gte(20)}}}), {"Banana", "Carrot"}},
            {"||", Where{{"category", "fruit"}} || Where{{"category", "veg"}}, {"Apple", "apricot", "Banana", "Carrot"}},
            {"&&", Where{{"category", "fruit"}} && Where{{"qty", Op::gt(6)}}, {"Apple", "Banana"}},
            {"!", !Where{{"category", "fruit"}}, notFruit},
            {"Op::or_ of and_ and not_",
             Op::or_({Op::and_({{{"category", "fruit"}}, {{"qty", Op::gt(6)}}}),
                      Op::not_({{"category", QVariantList{"fruit", "veg", "drink"}}})}),
             {"Apple", "Banana", "under_score", "underXscore", "Bang!"}},
            {"not of or of and of not",
             Where::negate(Where::anyOf({Where::allOf({Where("category", "misc"), Where::negate(Where("qty", Op::gte(2)))}),
                                         Where("note", Op::isNull())})),
             {"Apple", "Banana", "100% juice", "100 grams", "underXscore", "Bang!"}},
            {"five levels deep",
             (Where{{"category", "fruit"}} && !(Where{{"qty", Op::lt(6)}} || (Where{{"note", Op::isNull()}} && Where{{"qty", 0}})))
                 || (Where{{"category", "misc"}} && !!Where{{"note", Op::iLike("%slash")}}),
             {"Apple", "Banana", "under_score", "underXscore"}},
            {"empty where matches everything", Where{}, all},
        };
        for (const Case &c : cases) {
            const QString label = QString::fromUtf8(c.label);
            QString got;
            qint64 counted = -1;
            try {
                got = names(Item::findAll({.where = c.where, .order = {{"id", orm::Asc}}}));
                counted = Item::count({.where = c.where});
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QStringLiteral("%1: threw %2").arg(label, QString::fromUtf8(e.what()))));
            }
            QVERIFY2(got == joinNames(c.expected),
                     qPrintable(QStringLiteral("%1: got [%2], expected [%3]").arg(label, got, joinNames(c.expected))));
            QVERIFY2(counted == c.expected.size(),
                     qPrintable(QStringLiteral("%1: count %2, expected %3").arg(label).arg(counted).arg(c.expected.size())));
        }
        // Nothing of the above wrote anything.
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount));
    }

    // Values of other types are encoded for the comparison as for storage.
    void whereTypedValues_data() { addDialectColumn(); }
    void whereTypedValues()
    {
        QUARRY_OPEN_DB();
        db.define<User, Post>();
        db.sync();
        Post::create({{"title", "a"}, {"content", "x"}, {"published", true}});
        Post::create({{"title", "b"}, {"content", "y"}});
        Post::create({{"title", "c"}, {"content", "z"}, {"published", true}});
        QCOMPARE(rawValue(db, R"(SELECT COUNT(*) FROM "Posts" WHERE "published" = ?)", {true}).toInt(), 2);
        QCOMPARE(Post::count({.where = {{"published", true}}}), 2);
        QCOMPARE(Post::count({.where = {{"published", false}}}), 1);
        QCOMPARE(Post::findOne({.where = {{"published", false}}})->title, QStringLiteral("b"));

        User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@x"}});
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(User::count({.where = {{"createdAt", Op::lte(now.addSecs(3600))}}}), 1);
        QCOMPARE(User::count({.where = {{"createdAt", Op::gt(now.addSecs(3600))}}}), 0);
        QCOMPARE(User::count({.where = {{"createdAt", Op::between(now.addSecs(-3600), now.addSecs(3600))}}}), 1);
        // The same instant written in another zone compares the same.
        const QDateTime later = now.addSecs(3600).toOffsetFromUtc(5 * 3600);
        QCOMPARE(User::count({.where = {{"createdAt", Op::lt(later)}}}), 1);
    }

    // A backslash in a like pattern escapes the next character on every dialect, as it
    // does by default on PostgreSQL and MariaDB.
    void likeBackslash_data() { addDialectColumn(); }
    void likeBackslash()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        const QList<std::pair<QString, QStringList>> cases{
            {QStringLiteral("100\\% juice"), {"100% juice"}},
            {QStringLiteral("100\\%%"), {"100% juice"}},
            {QStringLiteral("under\\_score"), {"under_score"}},
            {QStringLiteral("%\\!"), {"Bang!"}},
        };
        for (const auto &[pattern, expected] : cases) {
            QCOMPARE(names(Item::findAll({.where = {{"name", Op::like(pattern)}}, .order = {{"id", orm::Asc}}})), joinNames(expected));
            QCOMPARE(Item::count({.where = {{"name", Op::notLike(pattern)}}}), qint64(kItemCount - expected.size()));
            QCOMPARE(names(Item::findAll({.where = {{"name", Op::iLike(pattern.toUpper())}}, .order = {{"id", orm::Asc}}})),
                     joinNames(expected));
        }
        // A literal backslash is written as two.
        QCOMPARE(names(Item::findAll({.where = {{"note", Op::like(QStringLiteral("back\\\\slash"))}}})), QStringLiteral("under_score"));
        QCOMPARE(names(Item::findAll({.where = {{"note", Op::iLike(QStringLiteral("BACK\\\\%"))}}})), QStringLiteral("under_score"));
    }

    // iLike folds case beyond ASCII too.
    void iLikeUnicode_data() { addDialectColumn(); }
    void iLikeUnicode()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        for (const char *n : {"Élan", "élan", "ÉLAN vital", "Straße", "Ölfass"})
            Item::create({{"name", QString::fromUtf8(n)}});
        QCOMPARE(names(Item::findAll({.where = {{"name", Op::like(QString::fromUtf8("élan%"))}}})), QString::fromUtf8("élan"));
        // SQLite's LOWER() and LIKE fold ASCII only (no ICU): the dialect needs a Unicode-aware
        // function registered on the connection (see the report).
        QCOMPARE(names(Item::findAll({.where = {{"name", Op::iLike(QString::fromUtf8("élan%"))}}, .order = {{"id", orm::Asc}}})),
                 QString::fromUtf8("Élan|élan|ÉLAN vital"));
        QCOMPARE(names(Item::findAll({.where = {{"name", Op::notILike(QString::fromUtf8("%É%"))}}, .order = {{"id", orm::Asc}}})),
                 QString::fromUtf8("Straße|Ölfass"));
        QCOMPARE(names(Item::findAll({.where = {{"name", Op::iLike(QString::fromUtf8("öl%"))}}})), QString::fromUtf8("Ölfass"));
        // ASCII letters beside non-ASCII ones fold everywhere.
        QCOMPARE(names(Item::findAll({.where = {{"name", Op::iLike(QString::fromUtf8("%LAN%"))}}, .order = {{"id", orm::Asc}}})),
                 QString::fromUtf8("Élan|élan|ÉLAN vital"));
    }

    void whereOtherTypes_data() { addDialectColumn(); }
    void whereOtherTypes()
    {
        QUARRY_OPEN_DB();
        db.define<Event>();
        db.sync();
        const QUuid t1 = QUuid::createUuid(), t2 = QUuid::createUuid();
        Event::create({{"title", "a"}, {"level", QVariant::fromValue(Event::High)}, {"day", QDate(2024, 2, 29)}, {"token", t1}, {"done", true}});
        Event::create({{"title", "b"}, {"level", "Mid"}, {"day", QDate(2024, 3, 1)}, {"token", t2}});
        Event::create({{"title", "c"}, {"day", QDate(2023, 12, 31)}});
        QCOMPARE(rawValue(db, R"(SELECT "level" FROM "Events" WHERE "title" = 'a')").toString(), QStringLiteral("High"));
        auto titles = [](const QList<orm::Ptr<Event>> &es) {
            QStringList out;
            for (const auto &e : es)
                out.append(e->title);
            return out.join(QLatin1Char(','));
        };
        QCOMPARE(titles(Event::findAll({.where = {{"level", QVariant::fromValue(Event::High)}}})), QStringLiteral("a"));
        QCOMPARE(titles(Event::findAll({.where = {{"level", "Mid"}}})), QStringLiteral("b"));
        QCOMPARE(titles(Event::findAll({.where = {{"level", Op::in({QVariant::fromValue(Event::Low), QVariant::fromValue(Event::Mid)})}}, .order = {{"id", orm::Asc}}})),
                 QStringLiteral("b,c"));
        QCOMPARE(titles(Event::findAll({.where = {{"level", Op::ne(QVariant::fromValue(Event::Low))}}, .order = {{"id", orm::Asc}}})),
                 QStringLiteral("a,b"));
        QCOMPARE(titles(Event::findAll({.where = {{"day", QDate(2024, 2, 29)}}})), QStringLiteral("a"));
        QCOMPARE(titles(Event::findAll({.where = {{"day", Op::gte(QDate(2024, 1, 1))}}, .order = {{"day", orm::Desc}}})), QStringLiteral("b,a"));
        QCOMPARE(titles(Event::findAll({.where = {{"day", Op::between(QDate(2023, 12, 31), QDate(2024, 2, 29))}}, .order = {{"day", orm::Asc}}})),
                 QStringLiteral("c,a"));
        QCOMPARE(titles(Event::findAll({.where = {{"token", t2}}})), QStringLiteral("b"));
        QCOMPARE(titles(Event::findAll({.where = {{"token", Op::in({t1, t2})}}, .order = {{"id", orm::Asc}}})), QStringLiteral("a,b"));
        QCOMPARE(titles(Event::findAll({.where = {{"token", Op::isNull()}}})), QStringLiteral("c"));
        QCOMPARE(titles(Event::findAll({.where = {{"done", true}}})), QStringLiteral("a"));
        QCOMPARE(Event::count({.where = {{"done", false}}}), 2);
        QCOMPARE(Event::update({{"level", "Low"}}, {.where = {{"token", t1}}}), 1);
        QCOMPARE(rawValue(db, R"(SELECT "level" FROM "Events" WHERE "title" = 'a')").toString(), QStringLiteral("Low"));
        QCOMPARE(Event::max("day").toDate(), QDate(2024, 3, 1));
        QCOMPARE(Event::min("day").toDate(), QDate(2023, 12, 31));
        const auto byLevel = Event::countGrouped({.group = {"level"}});
        QCOMPARE(byLevel.size(), 2);
        QCOMPARE(byLevel[0].key.value("level").value<Event::Level>(), Event::Low);
        QCOMPARE(byLevel[0].count, 2);
    }

    // findAll with group: GROUP BY the attributes, which must be all that is selected.
    void findAllGroup_data() { addDialectColumn(); }
    void findAllGroup()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        auto cats = Item::findAll({.order = {{"category", orm::Asc}}, .attributes = {.include = {"category"}}, .group = {"category"}});
        QStringList got;
        for (const auto &c : cats)
            got.append(c->category);
        QCOMPARE(got.join(","), QStringLiteral("drink,fruit,misc,veg"));
        QCOMPARE(Item::findAll({.where = {{"qty", Op::gt(4)}}, .attributes = {.include = {"category"}}, .group = {"category"}}).size(), 2);
        // Selecting attributes that are not grouped is refused the same way on every dialect.
        const QString msg = queryErrorOf([] { Item::findAll({.group = {"category"}}); });
        QVERIFY2(msg.contains("Item") && msg.contains("name") && msg.contains("group"), qPrintable(msg));
        const QString unknown = queryErrorOf([] { Item::findAll({.attributes = {.include = {"category"}}, .group = {"nope"}}); });
        QVERIFY2(unknown.contains("Item") && unknown.contains("'nope'"), qPrintable(unknown));
    }

    // A where with no condition in it, however it is built, does not slip past the guard.
    void destroyGuardStructural_data() { addDialectColumn(); }
    void destroyGuardStructural()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        QList<Where> noFilters;
        const QList<std::pair<const char *, Where>> empties{
            {"allOf of nothing", Where::allOf(noFilters)},
            {"and_ of empty wheres", Op::and_({Where{}, Where{}})},
            {"&& of empty wheres", Where{} && Where{}},
            {"not of anyOf of nothing", !Where::anyOf({})},
            {"anyOf of an empty where", Where::anyOf({Where{}, Where::allOf({})})},
        };
        for (const auto &[label, where] : empties) {
            const QString msg = queryErrorOf([&] { Item::destroy({.where = where}); });
            QVERIFY2(msg.contains("truncate"), qPrintable(QStringLiteral("%1: %2").arg(QString::fromUtf8(label), msg)));
            QCOMPARE(rawCount(db, "Items"), qint64(kItemCount));
        }
        // A real condition, even one that matches every row, is the caller's to mean.
        QCOMPARE(Item::destroy({.where = {{"qty", Op::notIn({})}}}), qint64(kItemCount));
        QCOMPARE(rawCount(db, "Items"), 0);
    }

    // ---------------------------------------------------------------- order, limit, offset
    void orderLimitOffset_data() { addDialectColumn(); }
    void orderLimitOffset()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        auto ordered = Item::findAll({.order = {{"category", orm::Asc}, {"qty", orm::Desc}}});
        QCOMPARE(names(ordered), QStringLiteral("100% juice|100 grams|Banana|Apple|apricot|Bang!|underXscore|under_score|Carrot"));
        QStringList raw;
        for (const auto &r : rawRows(db, R"(SELECT "name" FROM "Items" ORDER BY "category" ASC, "qty" DESC)"))
            raw.append(r.value(0).toString());
        QCOMPARE(names(ordered), joinNames(raw));

        // Ties on the first key are decided by the second, in its own direction.
        QCOMPARE(names(Item::findAll({.order = {{"price", orm::Desc}, {"id", orm::Asc}}, .limit = 3})),
                 QStringLiteral("under_score|underXscore|100% juice"));
        QCOMPARE(names(Item::findAll({.order = {{"price", orm::Desc}, {"id", orm::Desc}}, .limit = 3})),
                 QStringLiteral("underXscore|under_score|100% juice"));
        QCOMPARE(names(Item::findAll({.order = {"qty"}})).section('|', 0, 1), QStringLiteral("100 grams|under_score"));

        QCOMPARE(names(Item::findAll({.order = {{"id", orm::Asc}}, .limit = 3})), QStringLiteral("Apple|apricot|Banana"));
        QCOMPARE(names(Item::findAll({.order = {{"id", orm::Asc}}, .limit = 3, .offset = 2})),
                 QStringLiteral("Banana|Carrot|100% juice"));
        QCOMPARE(names(Item::findAll({.order = {{"id", orm::Asc}}, .offset = 6})), QStringLiteral("under_score|underXscore|Bang!"));
        QCOMPARE(Item::findAll({.order = {{"id", orm::Asc}}, .offset = 9}).size(), 0);
        QCOMPARE(Item::findAll({.order = {{"id", orm::Asc}}, .limit = 0}).size(), 0);
        QCOMPARE(names(Item::findAll({.where = {{"category", "fruit"}}, .order = {{"qty", orm::Desc}}, .limit = 2, .offset = 1})),
                 QStringLiteral("Apple|apricot"));
        QCOMPARE(Item::findAll({.limit = 4}).size(), 4);
    }

    // NULLS FIRST / LAST give one order on every dialect (the databases' own defaults differ:
    // MariaDB has no NULLS clause at all, so Quarry sorts on "IS NULL" first there).
    void orderNulls_data() { addDialectColumn(); }
    void orderNulls()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        // "note" is NULL for apricot and Carrot; the other notes are distinct, and the
        // numbered "qty" tiebreak is not needed. Only where the NULLs go is compared with a
        // fixed answer; the order of the rest comes from the database's collation.
        const QStringList nonNullAsc = [&] {
            QStringList l;
            for (const auto &r : rawRows(db, R"(SELECT "name" FROM "Items" WHERE "note" IS NOT NULL ORDER BY "note" ASC)"))
                l.append(r.value(0).toString());
            return l;
        }();
        QStringList nonNullDesc = nonNullAsc;
        std::reverse(nonNullDesc.begin(), nonNullDesc.end());
        const QStringList nulls{QStringLiteral("apricot"), QStringLiteral("Carrot")};
        auto order = [](orm::SortOrder dir, orm::NullsOrder n) {
            return names(Item::findAll({.order = {{"note", dir, n}, {"id", orm::Asc}}}));
        };
        QCOMPARE(order(orm::Asc, orm::NullsFirst), joinNames(nulls + nonNullAsc));
        QCOMPARE(order(orm::Asc, orm::NullsLast), joinNames(nonNullAsc + nulls));
        QCOMPARE(order(orm::Desc, orm::NullsFirst), joinNames(nulls + nonNullDesc));
        QCOMPARE(order(orm::Desc, orm::NullsLast), joinNames(nonNullDesc + nulls));
        // With limit and offset the NULL placement holds across pages.
        QCOMPARE(names(Item::findAll({.order = {{"note", orm::Desc, orm::NullsFirst}, {"id", orm::Asc}}, .limit = 3, .offset = 1})),
                 joinNames(QStringList{nulls.at(1), nonNullDesc.at(0), nonNullDesc.at(1)}));
        // NullsDefault leaves the database's own rule (compared with the same dialect's raw SQL).
        QStringList raw;
        for (const auto &r : rawRows(db, R"(SELECT "name" FROM "Items" ORDER BY "note" DESC, "id" ASC)"))
            raw.append(r.value(0).toString());
        QCOMPARE(order(orm::Desc, orm::NullsDefault), joinNames(raw));
    }

    // ---------------------------------------------------------------- attributes
    void attributes_data() { addDialectColumn(); }
    void attributes()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        {
            StatementCounter counter(db);
            auto items = Item::findAll({.where = {{"name", "Apple"}}, .attributes = {.include = {"id", "name"}}});
            QCOMPARE(items.size(), 1);
            QCOMPARE(counter.count(), 1);
            const QString select = counter.statements().first();
            QVERIFY2(!select.contains("qty") && !select.contains("note") && !select.contains("category"), qPrintable(select));
            auto apple = items.first();
            QVERIFY(apple->id > 0);
            QCOMPARE(apple->name, QStringLiteral("Apple"));
            QVERIFY(apple->category.isNull()); // not read: left at its default
            QCOMPARE(apple->qty, 0);
            QCOMPARE(apple->price, 0.0);
            QVERIFY(apple->note.isNull());
            QVERIFY2(apple->changed().isEmpty(), qPrintable(apple->changed().join(",")));
            QVERIFY(!apple->changed("qty"));
            // Saving sends nothing, and a change writes only that field: the unread ones keep their values.
            apple->save();
            QCOMPARE(counter.count(), 1);
            apple->name = QStringLiteral("Green apple");
            QCOMPARE(apple->changed(), QStringList{"name"});
            apple->save();
            QCOMPARE(counter.count(), 2);
            const auto row = rawRows(db, R"(SELECT "name", "category", "qty", "price", "note" FROM "Items" WHERE "id" = ?)", {apple->id});
            QCOMPARE(row.size(), 1);
            QCOMPARE(row[0][0].toString(), QStringLiteral("Green apple"));
            QCOMPARE(row[0][1].toString(), QStringLiteral("fruit"));
            QCOMPARE(row[0][2].toInt(), 10);
            QCOMPARE(row[0][3].toDouble(), 1.5);
            QCOMPARE(row[0][4].toString(), QStringLiteral("red"));
        }
        {
            auto items = Item::findAll({.where = {{"name", "Banana"}}, .attributes = {.exclude = {"qty", "note"}}});
            QCOMPARE(items.size(), 1);
            auto banana = items.first();
            QCOMPARE(banana->category, QStringLiteral("fruit"));
            QCOMPARE(banana->price, 0.5);
            QCOMPARE(banana->qty, 0);
            QVERIFY(banana->note.isNull());
            QVERIFY2(banana->changed().isEmpty(), qPrintable(banana->changed().join(",")));
            banana->update({{"price", 0.75}});
            QCOMPARE(rawValue(db, R"(SELECT "qty" FROM "Items" WHERE "id" = ?)", {banana->id}).toInt(), 20);
            QCOMPARE(rawValue(db, R"(SELECT "note" FROM "Items" WHERE "id" = ?)", {banana->id}).toString(), QStringLiteral("yellow"));
            QCOMPARE(rawValue(db, R"(SELECT "price" FROM "Items" WHERE "id" = ?)", {banana->id}).toDouble(), 0.75);
            // Editing an unread attribute is a change like any other.
            banana->qty = 21;
            QCOMPARE(banana->changed(), QStringList{"qty"});
            banana->save();
            QCOMPARE(rawValue(db, R"(SELECT "qty" FROM "Items" WHERE "id" = ?)", {banana->id}).toInt(), 21);
        }
        // include and exclude together, and with findOne / findByPk.
        auto one = Item::findOne({.where = {{"name", "Carrot"}}, .attributes = {.include = {"id", "name", "qty"}, .exclude = {"qty"}}});
        QVERIFY(one);
        QCOMPARE(one->qty, 0);
        QCOMPARE(one->name, QStringLiteral("Carrot"));
        QVERIFY(one->changed().isEmpty());
        auto byPk = Item::findByPk(one->id, {.attributes = {.include = {"id", "qty"}}});
        QVERIFY(byPk);
        QCOMPARE(byPk->qty, 7);
        QVERIFY(byPk->name.isNull());
        QVERIFY(byPk->changed().isEmpty());
        // reload reads everything.
        byPk->reload();
        QCOMPARE(byPk->name, QStringLiteral("Carrot"));
        QVERIFY(byPk->changed().isEmpty());
    }

    // ---------------------------------------------------------------- unknown attributes
    void unknownAttributes_data() { addDialectColumn(); }
    void unknownAttributes()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        auto namesBoth = [](const QString &msg) {
            return msg.contains(QLatin1String("Item")) && msg.contains(QLatin1String("'nope'"));
        };
        const QList<std::pair<const char *, std::function<void()>>> calls{
            {"where", [] { Item::findAll({.where = {{"nope", 1}}}); }},
            {"nested where", [] { Item::findAll({.where = Where{{"qty", 1}} || !Where{{"nope", Op::in({1})}}}); }},
            {"order", [] { Item::findAll({.order = {{"nope", orm::Desc}}}); }},
            {"attributes include", [] { Item::findAll({.attributes = {.include = {"id", "nope"}}}); }},
            {"attributes exclude", [] { Item::findAll({.attributes = {.exclude = {"nope"}}}); }},
            {"findOne where", [] { Item::findOne({.where = {{"nope", QVariant()}}}); }},
            {"findByPk attributes", [] { Item::findByPk(1, {.attributes = {.include = {"nope"}}}); }},
            {"count where", [] { Item::count({.where = {{"nope", 1}}}); }},
            {"count field", [] { Item::count({.distinct = true, .field = "nope"}); }},
            {"countGrouped group", [] { Item::countGrouped({.group = {"nope"}}); }},
            {"max", [] { Item::max("nope"); }},
            {"sum where", [] { Item::sum("qty", {.where = {{"nope", 2}}}); }},
            {"update values", [] { Item::update({{"nope", 1}}, {.where = {{"id", 1}}}); }},
            {"update where", [] { Item::update({{"qty", 1}}, {.where = {{"nope", 1}}}); }},
            {"destroy where", [] { Item::destroy({.where = {{"nope", 1}}}); }},
            {"findAndCountAll where", [] { Item::findAndCountAll({.where = {{"nope", 1}}}); }},
            {"findOrCreate where", [] { Item::findOrCreate({.where = {{"nope", 1}}}); }},
            {"bulkCreate record", [] { Item::bulkCreate({{{"name", "x"}, {"nope", 1}}}); }},
        };
        for (const auto &[label, call] : calls) {
            const QString msg = queryErrorOf(call);
            QVERIFY2(namesBoth(msg), qPrintable(QStringLiteral("%1: %2").arg(QString::fromUtf8(label), msg)));
        }
        // None of them changed anything.
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount));
        QCOMPARE(rawValue(db, R"(SELECT SUM("qty") FROM "Items")").toInt(), 52);
    }

    // ---------------------------------------------------------------- findOne, findByPk
    void findOneAndByPk_data() { addDialectColumn(); }
    void findOneAndByPk()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        const qint64 bananaId = rawValue(db, R"(SELECT "id" FROM "Items" WHERE "name" = 'Banana')").toLongLong();
        StatementCounter counter(db);
        auto top = Item::findOne({.where = {{"category", "fruit"}}, .order = {{"qty", orm::Desc}}});
        QVERIFY(top);
        QCOMPARE(top->name, QStringLiteral("Banana"));
        QCOMPARE(top->id, bananaId);
        QCOMPARE(top->qty, 20);
        QCOMPARE(top->note, QStringLiteral("yellow"));
        QVERIFY(!top->isNewRecord());
        QVERIFY(top->changed().isEmpty());
        QCOMPARE(counter.count(), 1);
        QVERIFY(counter.statements().first().contains("LIMIT 1"));
        QCOMPARE(Item::findOne({.order = {{"qty", orm::Asc}}})->name, QStringLiteral("100 grams"));
        QVERIFY(!Item::findOne({.where = {{"category", "meat"}}}));
        QUARRY_EXPECT_THROW(orm::EmptyResultError, Item::findOne({.where = {{"category", "meat"}}, .rejectOnEmpty = true}));
        QVERIFY(Item::findOne({.where = {{"category", "veg"}}, .rejectOnEmpty = true}));

        auto byPk = Item::findByPk(bananaId);
        QVERIFY(byPk);
        QCOMPARE(byPk->name, QStringLiteral("Banana"));
        QCOMPARE(byPk->price, 0.5);
        QCOMPARE(Item::findByPk(QVariant(QString::number(bananaId)))->name, QStringLiteral("Banana"));
        QVERIFY(!Item::findByPk(bananaId + 1000));
        QUARRY_EXPECT_THROW(orm::EmptyResultError, Item::findByPk(bananaId + 1000, {.rejectOnEmpty = true}));
        // A where beside the key narrows it.
        QVERIFY(!Item::findByPk(bananaId, {.where = {{"category", "veg"}}}));
        QVERIFY(Item::findByPk(bananaId, {.where = {{"category", "fruit"}}}));
        // A changed row is read as it is now.
        rawExec(db, R"(UPDATE "Items" SET "qty" = 33 WHERE "id" = ?)", {bananaId});
        QCOMPARE(Item::findByPk(bananaId)->qty, 33);
    }

    // ---------------------------------------------------------------- findOrCreate
    void findOrCreate_data() { addDialectColumn(); }
    void findOrCreate()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        {
            StatementCounter counter(db);
            auto [john, created] = User::findOrCreate(
                {.where = {{"email", "john@example.com"}}, .defaults = {{"firstName", "John"}, {"lastName", "Doe"}}});
            QVERIFY(created);
            QVERIFY(john);
            QVERIFY(john->id > 0);
            QVERIFY(!john->isNewRecord());
            QCOMPARE(john->email, QStringLiteral("john@example.com")); // taken from where
            QCOMPARE(john->firstName, QStringLiteral("John"));
            const auto rows = rawRows(db, R"(SELECT "id", "firstName", "lastName", "email" FROM "Users")");
            QCOMPARE(rows.size(), 1);
            QCOMPARE(rows[0][0].toLongLong(), john->id);
            QCOMPARE(rows[0][1].toString(), QStringLiteral("John"));
            QCOMPARE(rows[0][2].toString(), QStringLiteral("Doe"));
            QCOMPARE(rows[0][3].toString(), QStringLiteral("john@example.com"));
            // In a transaction: it begins before the select and commits after the insert.
            const QStringList s = counter.statements();
            QVERIFY2(s.first().startsWith("BEGIN") || s.first() == "START TRANSACTION", qPrintable(s.join(" ; ")));
            QCOMPARE(s.last(), QStringLiteral("COMMIT"));
            QVERIFY2(s.filter(QRegularExpression("^SELECT")).size() >= 1 && s.filter(QRegularExpression("^INSERT")).size() == 1,
                     qPrintable(s.join(" ; ")));
            QVERIFY(!db.inTransaction());

            // The second call finds it and ignores the defaults.
            auto [again, created2] = User::findOrCreate(
                {.where = {{"email", "john@example.com"}}, .defaults = {{"firstName", "Johnny"}, {"lastName", "X"}}});
            QVERIFY(!created2);
            QCOMPARE(again->id, john->id);
            QCOMPARE(again->firstName, QStringLiteral("John"));
            QCOMPARE(rawCount(db, "Users"), 1);
        }
        // Several equalities all go into the new record.
        auto [jane, janeCreated] = User::findOrCreate(
            {.where = {{"email", "jane@example.com"}, {"firstName", "Jane"}}, .defaults = {{"lastName", "Roe"}}});
        QVERIFY(janeCreated);
        QCOMPARE(rawValue(db, R"(SELECT "firstName" FROM "Users" WHERE "email" = 'jane@example.com')").toString(),
                 QStringLiteral("Jane"));
        QCOMPARE(rawCount(db, "Users"), 2);

        // A record that cannot be created: the error comes out, nothing is written, no transaction stays open.
        QUARRY_EXPECT_THROW(orm::ValidationError, User::findOrCreate({.where = {{"email", "bad@example.com"}}}));
        QVERIFY(!db.inTransaction());
        QCOMPARE(rawCount(db, "Users"), 2);
        QCOMPARE(User::count(), 2);

        // Inside a caller's transaction it nests; the caller's rollback removes the row.
        try {
            db.transaction([&] {
                auto [ann, annCreated] = User::findOrCreate(
                    {.where = {{"email", "ann@example.com"}}, .defaults = {{"firstName", "Ann"}, {"lastName", "A"}}});
                QVERIFY(annCreated);
                QCOMPARE(User::count(), 3);
                throw std::runtime_error("roll back");
            });
        } catch (const std::runtime_error &) {
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(rawCount(db, "Users"), 2);
    }

    // ---------------------------------------------------------------- counts and aggregates
    void countsAndAggregates_data() { addDialectColumn(); }
    void countsAndAggregates()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        QCOMPARE(Item::count(), qint64(kItemCount));
        QCOMPARE(Item::count({.where = {{"category", "fruit"}}}), 3);
        QCOMPARE(Item::count({.field = "note"}), 7); // COUNT(note) skips NULLs
        QCOMPARE(Item::count({.distinct = true, .field = "category"}), 4);
        QCOMPARE(Item::count({.distinct = true, .field = "price"}), 8); // 9.99 twice
        QCOMPARE(Item::count({.where = {{"category", "misc"}}, .distinct = true, .field = "price"}), 2);
        QCOMPARE(Item::count({.where = {{"category", "meat"}}}), 0);

        // Group with count, checked against the database's own GROUP BY.
        const auto groups = Item::countGrouped({.group = {"category"}});
        const auto raw = rawRows(db, R"(SELECT "category", COUNT(*) FROM "Items" GROUP BY "category" ORDER BY "category")");
        QCOMPARE(groups.size(), 4);
        QCOMPARE(groups.size(), raw.size());
        for (int i = 0; i < groups.size(); ++i) {
            QCOMPARE(groups[i].key.value("category").toString(), raw[i][0].toString());
            QCOMPARE(groups[i].count, raw[i][1].toLongLong());
        }
        QCOMPARE(groups[1].key.value("category").toString(), QStringLiteral("fruit"));
        QCOMPARE(groups[1].count, 3);
        const auto filtered = Item::countGrouped({.where = {{"qty", Op::gte(3)}}, .group = {"category", "price"}});
        // drink/3.5, fruit/0.5, fruit/1.5, fruit/2.0, misc/0.25, veg/0.8
        QCOMPARE(filtered.size(), 6);
        for (const auto &g : filtered) {
            QCOMPARE(g.count, 1);
            QCOMPARE(g.key.size(), 2);
            QCOMPARE(g.key.value("price").metaType(), QMetaType::fromType<double>());
        }
        QVERIFY(Item::countGrouped({.where = {{"category", "meat"}}, .group = {"category"}}).isEmpty());
        QUARRY_EXPECT_THROW(orm::QueryError, Item::countGrouped({}));

        // findAndCountAll: the count ignores limit and offset, the rows do not.
        auto page = Item::findAndCountAll({.where = {{"category", Op::ne("veg")}}, .order = {{"id", orm::Asc}}, .limit = 3, .offset = 1});
        QCOMPARE(page.count, 8);
        QCOMPARE(names(page.rows), QStringLiteral("apricot|Banana|100% juice"));
        auto none = Item::findAndCountAll({.where = {{"category", "meat"}}});
        QCOMPARE(none.count, 0);
        QVERIFY(none.rows.isEmpty());

        // max, min, sum: typed as the attribute, and checked against raw SQL.
        QCOMPARE(Item::max("qty"), QVariant(20));
        QCOMPARE(Item::min("qty"), QVariant(0));
        QCOMPARE(Item::max("qty").metaType(), QMetaType::fromType<int>());
        QCOMPARE(Item::sum("qty").toLongLong(), rawValue(db, R"(SELECT SUM("qty") FROM "Items")").toLongLong());
        QCOMPARE(Item::sum("qty").toLongLong(), 52);
        QCOMPARE(Item::max("price").toDouble(), 9.99);
        QCOMPARE(Item::min("price").toDouble(), 0.25);
        QVERIFY(qAbs(Item::sum("price").toDouble() - 29.53) < 1e-9);
        QCOMPARE(Item::max("name").toString(), rawValue(db, R"(SELECT MAX("name") FROM "Items")").toString());
        QCOMPARE(Item::max("qty", {.where = {{"category", "fruit"}, {"qty", Op::lt(20)}}}), QVariant(10));
        QCOMPARE(Item::sum("qty", {.where = {{"category", "misc"}}}).toLongLong(), 7);
        // No rows: null, never 0.
        const QVariant noMax = Item::max("qty", {.where = {{"category", "meat"}}});
        QVERIFY2(!noMax.isValid() || noMax.isNull(), qPrintable(noMax.toString()));
        QVERIFY(orm::isNullValue(Item::min("price", {.where = {{"category", "meat"}}})));
        QVERIFY(orm::isNullValue(Item::sum("qty", {.where = {{"category", "meat"}}})));
        QVERIFY(orm::isNullValue(Item::max("name", {.where = {{"qty", Op::in({})}}})));
    }

    // ---------------------------------------------------------------- static update / destroy
    void staticUpdate_data() { addDialectColumn(); }
    void staticUpdate()
    {
        QUARRY_OPEN_DB();
        db.define<Item, User>();
        db.sync();
        seedItems(db);
        QCOMPARE(Item::update({{"qty", 99}}, {.where = {{"category", "fruit"}}}), 3);
        QCOMPARE(rawCount(db, "Items", R"("qty" = 99)"), 3);
        QCOMPARE(rawCount(db, "Items", R"("qty" = 99 AND "category" = 'fruit')"), 3);
        QCOMPARE(rawValue(db, R"(SELECT SUM("qty") FROM "Items" WHERE "category" <> 'fruit')").toInt(), 17);
        // Rows that match but already hold the value still count, on every dialect.
        QCOMPARE(Item::update({{"qty", 99}}, {.where = {{"name", "Apple"}}}), 1);
        QCOMPARE(Item::update({{"qty", 1}}, {.where = {{"category", "meat"}}}), 0);
        // Several values, a null, a complex where, and a value converted to the attribute's type.
        QCOMPARE(Item::update({{"note", QVariant()}, {"price", "4.5"}},
                              {.where = Where{{"category", "misc"}} && !Where{{"name", Op::endsWith("!")}}}),
                 2);
        QCOMPARE(rawCount(db, "Items", R"("note" IS NULL)"), 4);
        QCOMPARE(rawCount(db, "Items", R"("price" = 4.5)"), 2);
        QCOMPARE(rawValue(db, R"(SELECT "note" FROM "Items" WHERE "name" = 'Bang!')").toString(), QStringLiteral("50%!"));
        // allowNull=false is checked before the query: nothing changes.
        QUARRY_EXPECT_THROW(orm::ValidationError, Item::update({{"name", QVariant()}}, {.where = {{"category", "veg"}}}));
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "Items" WHERE "category" = 'veg')").toString(), QStringLiteral("Carrot"));
        // An empty where updates every row.
        QCOMPARE(Item::update({{"category", "all"}}, orm::UpdateOptions{}), qint64(kItemCount));
        QCOMPARE(rawCount(db, "Items", R"("category" = 'all')"), qint64(kItemCount));

        // updatedAt moves (unless silent), and callers cannot write timestamps.
        auto u = User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@x"}});
        const QDateTime created = u->get("createdAt").toDateTime();
        QTest::qWait(20);
        QCOMPARE(User::update({{"lastName", "C"}, {"createdAt", QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC)}},
                              {.where = {{"id", u->id}}}),
                 1);
        u->reload();
        QCOMPARE(u->lastName, QStringLiteral("C"));
        QCOMPARE(u->get("createdAt").toDateTime(), created);
        const QDateTime moved = u->get("updatedAt").toDateTime();
        QVERIFY(moved > created);
        QTest::qWait(20);
        QCOMPARE(User::update({{"lastName", "D"}}, {.where = {{"id", u->id}}, .silent = true}), 1);
        u->reload();
        QCOMPARE(u->lastName, QStringLiteral("D"));
        QCOMPARE(u->get("updatedAt").toDateTime(), moved);
    }

    void staticDestroy_data() { addDialectColumn(); }
    void staticDestroy()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db);
        QCOMPARE(Item::destroy({.where = {{"category", "fruit"}}}), 3);
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount - 3));
        QCOMPARE(rawCount(db, "Items", R"("category" = 'fruit')"), 0);
        QCOMPARE(Item::destroy({.where = {{"category", "fruit"}}}), 0);
        QCOMPARE(Item::destroy({.where = {{"qty", Op::in({})}}}), 0);
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount - 3));
        // An empty where is refused: nothing is deleted.
        const QString msg = queryErrorOf([] { Item::destroy(orm::DestroyOptions{}); });
        QVERIFY2(msg.contains("Item") && msg.contains("truncate"), qPrintable(msg));
        QUARRY_EXPECT_THROW(orm::QueryError, Item::destroy({.where = Where{}}));
        QUARRY_EXPECT_THROW(orm::QueryError, Item::destroy({.force = true}));
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount - 3));
        QCOMPARE(Item::destroy({.where = Where{{"qty", Op::lt(2)}} || Where{{"note", Op::isNull()}}}), 3);
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount - 6));
        // truncate = true means every row.
        QCOMPARE(Item::destroy({.truncate = true}), qint64(kItemCount - 6));
        QCOMPARE(rawCount(db, "Items"), 0);
    }

    // ---------------------------------------------------------------- bulkCreate
    void bulkCreateMany_data() { addDialectColumn(); }
    void bulkCreateMany()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        seedItems(db); // ids already taken: the new ones must follow them
        const int n = 5003;
        QList<QVariantMap> records;
        for (int i = 0; i < n; ++i)
            records.append({{"name", QStringLiteral("bulk-%1").arg(i)}, {"category", i % 2 ? "odd" : "even"}, {"qty", i},
                            {"note", i % 3 ? QVariant(QStringLiteral("n%1").arg(i)) : QVariant()}});
        StatementCounter counter(db);
        const auto items = Item::bulkCreate(records);
        QCOMPARE(items.size(), n);
        const QStringList inserts = counter.statements().filter(QRegularExpression("^INSERT"));
        QVERIFY2(inserts.size() >= 2 && inserts.size() < 20, qPrintable(QString::number(inserts.size()))); // multi-row, chunked
        QCOMPARE(rawCount(db, "Items"), qint64(kItemCount + n));

        QHash<QString, qint64> idByName;
        QHash<qint64, int> qtyById;
        for (const auto &r : rawRows(db, R"(SELECT "id", "name", "qty" FROM "Items")")) {
            idByName.insert(r[1].toString(), r[0].toLongLong());
            qtyById.insert(r[0].toLongLong(), r[2].toInt());
        }
        QSet<qint64> seen;
        for (int i = 0; i < n; ++i) {
            const auto &it = items.at(i);
            QCOMPARE(it->name, QStringLiteral("bulk-%1").arg(i)); // in the order given
            QVERIFY2(it->id > 0, qPrintable(QStringLiteral("record %1 has no id").arg(i)));
            QVERIFY2(!seen.contains(it->id), qPrintable(QStringLiteral("id %1 twice").arg(it->id)));
            seen.insert(it->id);
            QVERIFY2(idByName.value(it->name) == it->id,
                     qPrintable(QStringLiteral("record %1: id %2, the database says %3").arg(i).arg(it->id).arg(idByName.value(it->name))));
            QCOMPARE(qtyById.value(it->id), i);
            QVERIFY(!it->isNewRecord());
            QVERIFY(it->changed().isEmpty());
        }
        QCOMPARE(rawCount(db, "Items", R"("note" IS NULL AND "name" LIKE 'bulk-%')"), qint64((n + 2) / 3));
        // The ORM sees them too, and later inserts do not collide with them.
        QCOMPARE(Item::count({.where = {{"category", "odd"}}}), qint64(n / 2));
        auto after = Item::create({{"name", "after"}});
        QVERIFY(!seen.contains(after->id));
        // An empty list inserts nothing and sends nothing.
        StatementCounter quiet(db);
        QVERIFY(Item::bulkCreate({}).isEmpty());
        QCOMPARE(quiet.count(), 0);
    }

    void bulkCreateChunks_data() { addDialectColumn(); }
    void bulkCreateChunks()
    {
        QUARRY_OPEN_DB();
        db.define<Wide>();
        db.sync();
        const int n = 6000; // 12 columns: 72000 values, over every dialect's parameter limit
        QList<QVariantMap> records;
        for (int i = 0; i < n; ++i)
            records.append({{"key", QStringLiteral("k%1").arg(i)}, {"a", i}, {"b", i + 1}, {"c", i + 2}, {"d", i + 3},
                            {"e", i + 4}, {"f", i + 5}, {"g", i + 6}, {"h", i * 2}, {"s1", "x"}, {"s2", "y"},
                            {"s3", QStringLiteral("z%1").arg(i)}});
        StatementCounter counter(db);
        const auto rows = Wide::bulkCreate(records);
        QCOMPARE(rows.size(), n);
        const int limit = db.dialectName() == QLatin1String("sqlite") ? 32766 : 65535;
        int inserts = 0;
        for (const QString &s : counter.statements()) {
            if (!isInsert(s))
                continue;
            ++inserts;
            QVERIFY2(s.count(QLatin1Char('?')) <= limit, qPrintable(QStringLiteral("%1 parameters").arg(s.count('?'))));
        }
        QVERIFY(inserts >= 2);
        QCOMPARE(rawCount(db, "Wides"), qint64(n));
        QCOMPARE(rawValue(db, R"(SELECT SUM("h") FROM "Wides")").toLongLong(), qint64(n) * (n - 1));
        QHash<QString, qint64> idByKey;
        for (const auto &r : rawRows(db, R"(SELECT "id", "key", "s3" FROM "Wides")")) {
            idByKey.insert(r[1].toString(), r[0].toLongLong());
            QCOMPARE(r[2].toString(), QStringLiteral("z") + r[1].toString().mid(1));
        }
        QSet<qint64> ids;
        for (const auto &w : rows) {
            QCOMPARE(w->id, idByKey.value(w->key));
            ids.insert(w->id);
        }
        QCOMPARE(ids.size(), n);
    }

    // A database error in a later chunk undoes the earlier chunks: all or nothing.
    void bulkCreateAtomic_data() { addDialectColumn(); }
    void bulkCreateAtomic()
    {
        QUARRY_OPEN_DB();
        db.define<Tag>();
        db.sync();
        QList<QVariantMap> records;
        for (int i = 0; i < 6000; ++i)
            records.append({{"name", QStringLiteral("t%1").arg(i)}});
        records[5900] = {{"name", "t10"}};
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, Tag::bulkCreate(records));
        QCOMPARE(rawCount(db, "Tags"), 0);
        QVERIFY(!db.inTransaction());
        QCOMPARE(Tag::create({{"name", "ok"}})->name, QStringLiteral("ok"));
        QCOMPARE(rawCount(db, "Tags"), 1);
    }

    void bulkCreateValidation_data() { addDialectColumn(); }
    void bulkCreateValidation()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        QList<QVariantMap> records;
        for (int i = 0; i < 10; ++i)
            records.append({{"firstName", QStringLiteral("F%1").arg(i)}, {"lastName", "L"}, {"email", QStringLiteral("u%1@x").arg(i)}});
        records[3].remove("firstName");
        records[7]["lastName"] = QVariant();
        StatementCounter counter(db);
        try {
            User::bulkCreate(records);
            QFAIL("expected a ValidationError");
        } catch (const orm::ValidationError &e) {
            QCOMPARE(e.items().size(), 2);
            QCOMPARE(e.items()[0].field, QStringLiteral("firstName"));
            QCOMPARE(e.items()[0].validator, QStringLiteral("notNull"));
            QCOMPARE(e.items()[1].field, QStringLiteral("lastName"));
            QVERIFY2(e.message().contains("3") && e.message().contains("7"), qPrintable(e.message()));
        }
        QCOMPARE(counter.statements().filter(QRegularExpression("^INSERT")).size(), 0);
        QCOMPARE(rawCount(db, "Users"), 0);
        // The same records, fixed, go in.
        records[3]["firstName"] = "F3";
        records[7]["lastName"] = "L";
        QCOMPARE(User::bulkCreate(records).size(), 10);
        QCOMPARE(rawCount(db, "Users"), 10);
        // Timestamps are set by the ORM, not taken from the records.
        const auto stamped = User::bulkCreate({{{"firstName", "T"}, {"lastName", "T"}, {"email", "t@x"},
                                                {"createdAt", QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC)}}});
        QVERIFY(stamped.first()->get("createdAt").toDateTime().date().year() > 2020);
        QCOMPARE(rawCount(db, "Users", R"("createdAt" IS NOT NULL AND "updatedAt" IS NOT NULL)"), 11);
        QVERIFY(User::findOne({.where = {{"email", "t@x"}}})->get("createdAt").toDateTime().date().year() > 2020);
    }

    void bulkCreateDuplicates_data() { addDialectColumn(); }
    void bulkCreateDuplicates()
    {
        QUARRY_OPEN_DB();
        db.define<Tag>();
        db.sync();
        auto red = Tag::create({{"name", "red"}, {"color", "#f00"}, {"hits", 5}});
        auto green = Tag::create({{"name", "green"}, {"color", "#0f0"}, {"hits", 6}});

        // Without an option, a duplicate is a unique error and nothing is inserted.
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, Tag::bulkCreate({{{"name", "blue"}}, {{"name", "red"}}}));
        QCOMPARE(rawCount(db, "Tags"), 2);

        // ignoreDuplicates: the new rows go in, the existing ones are left alone.
        const auto ignored = Tag::bulkCreate({{{"name", "red"}, {"color", "changed"}},
                                              {{"name", "blue"}, {"color", "#00f"}},
                                              {{"name", "green"}, {"color", "changed"}},
                                              {{"name", "yellow"}, {"color", "#ff0"}}},
                                             {.ignoreDuplicates = true});
        QCOMPARE(ignored.size(), 4);
        QCOMPARE(rawCount(db, "Tags"), 4);
        QCOMPARE(rawValue(db, R"(SELECT "color" FROM "Tags" WHERE "name" = 'red')").toString(), QStringLiteral("#f00"));
        QCOMPARE(rawValue(db, R"(SELECT "color" FROM "Tags" WHERE "name" = 'green')").toString(), QStringLiteral("#0f0"));
        QHash<QString, qint64> idByName;
        for (const auto &r : rawRows(db, R"(SELECT "id", "name" FROM "Tags")"))
            idByName.insert(r[1].toString(), r[0].toLongLong());
        // Every returned instance carries the id of its row, on every dialect: the new
        // rows their new ids, the skipped duplicates the id of the row that was kept.
        for (const auto &t : ignored)
            QVERIFY2(t->id == idByName.value(t->name),
                     qPrintable(QStringLiteral("%1: id %2, the database says %3").arg(t->name).arg(t->id).arg(idByName.value(t->name))));
        QCOMPARE(ignored[0]->id, red->id);
        QCOMPARE(ignored[2]->id, green->id);

        // updateOnDuplicate: the listed attributes are overwritten, the others kept.
        QTest::qWait(5);
        const auto upserted = Tag::bulkCreate({{{"name", "red"}, {"color", "#e00"}, {"hits", 100}},
                                               {{"name", "purple"}, {"color", "#f0f"}, {"hits", 1}},
                                               {{"name", "blue"}, {"color", "#00e"}, {"hits", 100}}},
                                              {.updateOnDuplicate = {"color"}});
        QCOMPARE(upserted.size(), 3);
        QCOMPARE(rawCount(db, "Tags"), 5);
        const auto redRow = rawRows(db, R"(SELECT "id", "color", "hits" FROM "Tags" WHERE "name" = 'red')");
        QCOMPARE(redRow[0][0].toLongLong(), red->id);
        QCOMPARE(redRow[0][1].toString(), QStringLiteral("#e00"));
        QCOMPARE(redRow[0][2].toInt(), 5);
        QCOMPARE(rawValue(db, R"(SELECT "color" FROM "Tags" WHERE "name" = 'blue')").toString(), QStringLiteral("#00e"));
        QCOMPARE(rawValue(db, R"(SELECT "hits" FROM "Tags" WHERE "name" = 'purple')").toInt(), 1);
        idByName.clear();
        for (const auto &r : rawRows(db, R"(SELECT "id", "name" FROM "Tags")"))
            idByName.insert(r[1].toString(), r[0].toLongLong());
        for (const auto &t : upserted)
            QVERIFY2(t->id == idByName.value(t->name),
                     qPrintable(QStringLiteral("%1: id %2, the database says %3").arg(t->name).arg(t->id).arg(idByName.value(t->name))));
        QCOMPARE(upserted[0]->id, red->id);
        QCOMPARE(QSet<qint64>(idByName.begin(), idByName.end()).size(), 5);
        // An unknown attribute in updateOnDuplicate is refused before anything is written.
        QUARRY_EXPECT_THROW(orm::QueryError, Tag::bulkCreate({{{"name", "cyan"}}}, {.updateOnDuplicate = {"colour"}}));
        QCOMPARE(rawCount(db, "Tags"), 5);
    }

    // Records that bring their own ids keep them, and the key generator is not disturbed:
    // later generated ids do not collide with them.
    void bulkCreateExplicitIds_data() { addDialectColumn(); }
    void bulkCreateExplicitIds()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        QList<orm::Ptr<Item>> items;
        QString error;
        try {
            items = Item::bulkCreate({{{"id", 1}, {"name", "one"}}, {{"id", 2}, {"name", "two"}}, {{"name", "generated"}}});
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(items.size(), 3);
        QCOMPARE(items[0]->id, 1);
        QCOMPARE(items[1]->id, 2);
        QVERIFY(items[2]->id > 2);
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "Items" WHERE "id" = 2)").toString(), QStringLiteral("two"));
        QCOMPARE(rawValue(db, R"(SELECT "id" FROM "Items" WHERE "name" = 'generated')").toLongLong(), items[2]->id);
        auto next = Item::create({{"name", "next"}});
        QVERIFY(next->id > 2 && next->id != items[2]->id);
        const auto more = Item::bulkCreate({{{"name", "m1"}}, {{"name", "m2"}}});
        QVERIFY(more[0]->id > 2 && more[1]->id > 2);
        QCOMPARE(rawCount(db, "Items"), 6);
    }

    void createExplicitIdThenGenerated_data() { addDialectColumn(); }
    void createExplicitIdThenGenerated()
    {
        QUARRY_OPEN_DB();
        db.define<Item>();
        db.sync();
        auto first = Item::create({{"id", 1}, {"name", "explicit"}});
        QCOMPARE(first->id, 1);
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "Items" WHERE "id" = 1)").toString(), QStringLiteral("explicit"));
        QString error;
        qint64 id = 0;
        try {
            id = Item::create({{"name", "generated"}})->id;
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(id > 1);
        QCOMPARE(rawCount(db, "Items"), 2);
    }

    // ---------------------------------------------------------------- statement cache
    void repeatedQueries_data() { addDialectColumn(); }
    void repeatedQueries()
    {
        QUARRY_OPEN_DB();
        db.define<Item, Tag>();
        db.sync();
        seedItems(db);
        // The same statement with different bindings, 100 times, interleaved with others.
        for (int i = 0; i < 100; ++i) {
            const int threshold = i % 22;
            int expected = 0;
            for (const Row &r : kItems)
                expected += r.qty >= threshold;
            const auto rows = Item::findAll({.where = {{"qty", Op::gte(threshold)}}, .order = {{"qty", orm::Asc}}});
            QVERIFY2(rows.size() == expected, qPrintable(QStringLiteral("round %1: %2 rows, expected %3").arg(i).arg(rows.size()).arg(expected)));
            for (const auto &r : rows)
                QVERIFY(r->qty >= threshold);
            const Row &pick = kItems[i % kItemCount];
            auto one = Item::findOne({.where = {{"name", QString::fromUtf8(pick.name)}}});
            QVERIFY(one);
            QCOMPARE(one->qty, pick.qty);
            QCOMPARE(Item::count({.where = {{"qty", Op::gte(threshold)}}}), qint64(expected));
            Tag::create({{"name", QStringLiteral("tag%1").arg(i)}, {"hits", i}});
        }
        QCOMPARE(rawCount(db, "Tags"), 100);
        QCOMPARE(rawValue(db, R"(SELECT SUM("hits") FROM "Tags")").toInt(), 4950);

        // A failed statement does not poison the cached one.
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, Tag::create({{"name", "tag5"}}));
        QCOMPARE(Tag::create({{"name", "fresh"}})->name, QStringLiteral("fresh"));
        QCOMPARE(Tag::findOne({.where = {{"name", "tag5"}}})->hits, 5);

        // More distinct statements than the cache holds, then the first ones again.
        QList<qint64> tagIds;
        for (const auto &r : rawRows(db, R"(SELECT "id" FROM "Tags")"))
            tagIds.append(r[0].toLongLong());
        QCOMPARE(tagIds.size(), 101);
        for (int size = 1; size <= 300; ++size) {
            QVariantList ids;
            for (int k = 0; k < size; ++k)
                ids.append(k + 1);
            const qint64 expected = std::count_if(tagIds.begin(), tagIds.end(), [&](qint64 id) { return id <= size; });
            QCOMPARE(Tag::count({.where = {{"id", Op::in(ids)}}}), expected);
        }
        for (int i = 0; i < 20; ++i)
            QCOMPARE(Tag::findOne({.where = {{"name", QStringLiteral("tag%1").arg(i)}}})->hits, i);

        // After the schema changes, the cached statements are not reused stale.
        QCOMPARE(Item::findAll({.order = {{"id", orm::Asc}}}).size(), kItemCount);
        db.sync({.force = true});
        QCOMPARE(rawCount(db, "Items"), 0);
        QCOMPARE(Item::findAll({.order = {{"id", orm::Asc}}}).size(), 0);
        Item::create({{"name", "again"}, {"qty", 3}});
        QCOMPARE(names(Item::findAll({.order = {{"id", orm::Asc}}})), QStringLiteral("again"));
        QCOMPARE(Item::count({.where = {{"qty", Op::gte(3)}}}), 1);
    }
};

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"
