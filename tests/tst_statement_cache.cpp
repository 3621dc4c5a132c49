// The performance shortcuts of create() and the finds (issue #6), each checked against
// the database with raw SQL:
// - SQL text cached per connection per query shape (Connection::cachedText): a cached
//   text must never serve a query of another model, definition, filter or operator;
// - create() reading the generated key without RETURNING on SQLite (lastInsertId);
// - eager loading matching keys as integers where it can, as bound text elsewhere.
#include "TestSupport.h"

#include <QJsonObject>
#include <QSet>
#include <QThread>
#include <QSqlError>
#include <QUuid>

using namespace quarry::test;
namespace Op = orm::Op;
using orm::Where;

namespace {

QJsonObject attr(const char *type, QJsonObject more = {})
{
    more.insert(QStringLiteral("type"), QString::fromLatin1(type));
    return more;
}

QJsonObject table(const char *name, QJsonObject more = {})
{
    more.insert(QStringLiteral("tableName"), QString::fromLatin1(name));
    if (!more.contains(QStringLiteral("timestamps")))
        more.insert(QStringLiteral("timestamps"), false);
    return more;
}

// The statements that read or write the table (the counter also sees transactions).
QStringList touching(const StatementCounter &c, const QString &table)
{
    QStringList out;
    for (const QString &s : c.statements())
        if (s.contains(table))
            out.append(s);
    return out;
}

QStringList namesOf(const QList<orm::Ptr<orm::Instance>> &rows)
{
    QStringList out;
    for (const auto &r : rows)
        out.append(r->get("name").toString());
    out.sort();
    return out;
}

QStringList rawNames(const orm::Database &db, const QString &sql, const QVariantList &bindings = {})
{
    QStringList out;
    for (const QVariantList &row : rawRows(db, sql, bindings))
        out.append(row.value(0).toString());
    out.sort();
    return out;
}

// Timestamps as properties, so that a hook can change them (runtime models keep them in
// slots that only the ORM writes).
class Stamped : public orm::Model<Stamped>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QDateTime createdAt MEMBER createdAt)
    Q_PROPERTY(QDateTime updatedAt MEMBER updatedAt)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("orm:options", "tableName=stamped")
public:
    Q_INVOKABLE explicit Stamped(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name;
    QDateTime createdAt, updatedAt;
};

// A timestamp column as text: "yyyy-MM-dd HH:mm:ss" whatever the driver returns.
QString stampText(const QVariant &v)
{
    const QString s = v.typeId() == QMetaType::QDateTime ? v.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                                         : v.toString();
    return s.left(19).replace(QLatin1Char('T'), QLatin1Char(' '));
}

QJsonObject uniqueName()
{
    return QJsonObject{{"type", "STRING(40)"}, {"allowNull", false}, {"unique", true}};
}

} // namespace

class TestStatementCache : public QObject
{
    Q_OBJECT
private slots:
    // ------------------------------------------------------------ cached SQL text
    // Two models with the same attribute names: each INSERT and SELECT names its own table.
    void sameFieldsTwoModels_data() { addDialectColumn(); }
    void sameFieldsTwoModels()
    {
        QUARRY_OPEN_DB();
        const QJsonObject fields{{"name", "STRING(40)"}, {"score", "INTEGER"}};
        auto alpha = db.define("Alpha", fields, table("alphas"));
        auto beta = db.define("Beta", fields, table("betas"));
        db.sync();
        for (int i = 0; i < 3; ++i) {
            alpha.create({{"name", QStringLiteral("a%1").arg(i)}, {"score", i}});
            beta.create({{"name", QStringLiteral("b%1").arg(i)}, {"score", i}});
        }
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "alphas")"), QStringList({"a0", "a1", "a2"}));
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "betas")"), QStringList({"b0", "b1", "b2"}));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(namesOf(alpha.findAll({.where = {{"score", 1}}})), QStringList({"a1"}));
            QCOMPARE(namesOf(beta.findAll({.where = {{"score", 1}}})), QStringList({"b1"}));
            QCOMPARE(alpha.findOne({.where = {{"score", 2}}})->get("name").toString(), QStringLiteral("a2"));
            QCOMPARE(beta.findOne({.where = {{"score", 2}}})->get("name").toString(), QStringLiteral("b2"));
        }
    }

    // A model defined again under the same name, same field count, no sync in between:
    // the new definition's columns are written and read, not the old one's.
    void redefinedModel_data() { addDialectColumn(); }
    void redefinedModel()
    {
        QUARRY_OPEN_DB();
        db.define("Gadget", {{"a", "INTEGER"}, {"b", "INTEGER"}, {"c", "INTEGER"}}, table("gadgets"));
        db.sync();
        auto first = db.define("Gadget", {{"a", "INTEGER"}, {"b", "INTEGER"}}, table("gadgets"));
        first.create({{"a", 1}, {"b", 2}});
        QCOMPARE(first.findAll({.where = {{"a", 1}}}).size(), 1);
        auto second = db.define("Gadget", {{"a", "INTEGER"}, {"c", "INTEGER"}}, table("gadgets"));
        StatementCounter counter(db);
        auto made = second.create({{"a", 2}, {"c", 3}});
        const auto rows = rawRows(db, R"(SELECT "b", "c" FROM "gadgets" WHERE "a" = 2)");
        QCOMPARE(rows.size(), 1);
        QVERIFY(rows.at(0).at(0).isNull());
        QCOMPARE(rows.at(0).at(1).toInt(), 3);
        const auto found = second.findAll({.where = {{"a", 2}}});
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0)->get("c").toInt(), 3);
        QCOMPARE(found.at(0)->get("id"), made->get("id"));
        for (const QString &s : touching(counter, "gadgets"))
            QVERIFY2(!s.contains(dialectSql(db, R"("b")")), qPrintable(s));
    }

    // sync({alter}) after a redefinition adds a column: the next create and find use it.
    void afterSyncAlter_data() { addDialectColumn(); }
    void afterSyncAlter()
    {
        QUARRY_OPEN_DB();
        auto v1 = db.define("Widget", {{"name", "STRING(40)"}}, table("widgets"));
        db.sync();
        v1.create({{"name", "old"}});
        QCOMPARE(v1.findAll({.where = {{"name", "old"}}}).size(), 1);
        auto v2 = db.define("Widget", {{"name", "STRING(40)"}, {"size", "INTEGER"}}, table("widgets"));
        db.sync({.alter = true});
        v2.create({{"name", "new"}, {"size", 9}});
        QCOMPARE(rawValue(db, R"(SELECT "size" FROM "widgets" WHERE "name" = 'new')").toInt(), 9);
        const auto found = v2.findOne({.where = {{"name", "new"}}});
        QVERIFY(found);
        QCOMPARE(found->get("size").toInt(), 9);
    }

    // An association adds a key to a model already used (the same metadata, one field more):
    // the next INSERT writes it and the next SELECT reads it. The column is added with raw
    // SQL, which the ORM does not see, so only the shape can tell the texts apart.
    void associationAddsKey_data() { addDialectColumn(); }
    void associationAddsKey()
    {
        QUARRY_OPEN_DB();
        auto author = db.define("Author", {{"name", "STRING(40)"}}, table("authors"));
        auto book = db.define("Book", {{"name", "STRING(40)"}}, table("books"));
        db.sync();
        book.create({{"name", "before"}});
        QCOMPARE(book.findAll({.where = {{"name", "before"}}}).size(), 1);
        {
            // Not prepared: PostgreSQL prepares no DDL.
            QSqlQuery q(db.connection());
            QVERIFY2(q.exec(dialectSql(db, R"(ALTER TABLE "books" ADD COLUMN "authorId" INTEGER)")),
                     qPrintable(q.lastError().text()));
        }
        book.belongsTo("Author", {.constraints = false});
        auto ann = author.create({{"name", "Ann"}});
        const qint64 annId = ann->get("id").toLongLong();
        book.create({{"name", "after"}, {"authorId", annId}});
        QCOMPARE(rawValue(db, R"(SELECT "authorId" FROM "books" WHERE "name" = 'after')").toLongLong(), annId);
        const auto found = book.findAll({.where = {{"name", "after"}}});
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.at(0)->get("authorId").toLongLong(), annId);
        QCOMPARE(book.findByPk(found.at(0)->get("id"))->get("authorId").toLongLong(), annId);
    }

    // A paranoid model's finds with and without the filter, in both orders.
    void paranoidAndNot_data() { addDialectColumn(); }
    void paranoidAndNot()
    {
        QUARRY_OPEN_DB();
        auto item = db.define("Ghost", {{"name", "STRING(40)"}}, table("ghosts", {{"paranoid", true}, {"timestamps", true}}));
        db.sync();
        auto gone = item.create({{"name", "gone"}});
        item.create({{"name", "here"}});
        gone->destroy();
        QVERIFY(!rawValue(db, R"(SELECT "deletedAt" FROM "ghosts" WHERE "name" = 'gone')").isNull());
        const QVariant id = gone->get("id");
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(item.findAll({.where = {{"name", "gone"}}}).size(), 0);
            QCOMPARE(item.findAll({.where = {{"name", "gone"}}, .paranoid = false}).size(), 1);
            QVERIFY(!item.findByPk(id));
            QVERIFY(item.findByPk(id, {.paranoid = false}));
            QVERIFY(!item.findOne({.where = {{"name", "gone"}}}));
            QVERIFY(item.findOne({.where = {{"name", "gone"}}, .paranoid = false}));
        }
        QVERIFY(item.findOne({.where = {{"name", "here"}}}));
    }

    // where {x: null} is IS NULL, whichever came first; other operators on the same field
    // set are other statements.
    void nullsAndOperators_data() { addDialectColumn(); }
    void nullsAndOperators()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Thing", {{"name", "STRING(40)"}, {"tag", "STRING(40)"}, {"score", "INTEGER"}}, table("things"));
        db.sync();
        m.create({{"name", "n1"}, {"tag", QVariant()}, {"score", 1}});
        m.create({{"name", "t1"}, {"tag", "x"}, {"score", 1}});
        m.create({{"name", "t5"}, {"tag", "x"}, {"score", 5}});
        m.create({{"name", "y5"}, {"tag", "y"}, {"score", 5}});
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "things" WHERE "tag" IS NULL)"), QStringList({"n1"}));
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", "x"}}})), QStringList({"t1", "t5"}));
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", QVariant()}}})), QStringList({"n1"}));
            QCOMPARE(namesOf(m.findAll({.where = Where("tag", Op::isNull())})), QStringList({"n1"}));
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", "x"}, {"score", 5}}})), QStringList({"t5"}));
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", "x"}, {"score", QVariant()}}})), QStringList());
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", "x"}, {"score", Op::ne(5)}}})), QStringList({"t1"}));
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", "x"}, {"score", Op::gt(1)}}})), QStringList({"t5"}));
            QCOMPARE(namesOf(m.findAll({.where = Where("tag", "x") || Where("score", 5)})), QStringList({"t1", "t5", "y5"}));
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", QVariantList{"x", "y"}}, {"score", 5}}})), QStringList({"t5", "y5"}));
            QCOMPARE(namesOf(m.findAll({.where = !Where("tag", "x")})), QStringList({"y5"}));
            // The same fields in the other order: the values follow their fields.
            QCOMPARE(namesOf(m.findAll({.where = {{"score", 5}, {"tag", "y"}}})), QStringList({"y5"}));
            QCOMPARE(namesOf(m.findAll({.where = {{"tag", "y"}, {"score", 5}}})), QStringList({"y5"}));
        }
        StatementCounter counter(db);
        m.findAll({.where = {{"tag", QVariant()}}});
        const QStringList s = touching(counter, "things");
        QCOMPARE(s.size(), 1);
        QVERIFY2(s.first().contains("IS NULL"), qPrintable(s.first()));
    }

    // Limits, order, offset and attribute subsets after the plain query was cached.
    void limitsOrderAttributes_data() { addDialectColumn(); }
    void limitsOrderAttributes()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Row", {{"name", "STRING(40)"}, {"grp", "INTEGER"}, {"note", "STRING(40)"}}, table("rowz"));
        db.sync();
        for (const char *n : {"r1", "r2", "r3"})
            m.create({{"name", n}, {"grp", 1}, {"note", QStringLiteral("note-%1").arg(QLatin1String(n))}});
        for (int round = 0; round < 2; ++round) {
            QCOMPARE(m.findAll({.where = {{"grp", 1}}}).size(), 3);
            QCOMPARE(m.findAll({.where = {{"grp", 1}}, .limit = 2}).size(), 2);
            QCOMPARE(m.findAll({.where = {{"grp", 1}}, .limit = 1}).size(), 1);
            QCOMPARE(m.findAll({.where = {{"grp", 1}}, .order = {{"name", orm::Desc}}}).first()->get("name").toString(), QStringLiteral("r3"));
            QCOMPARE(m.findAll({.where = {{"grp", 1}}, .order = {{"name", orm::Asc}}, .offset = 1}).first()->get("name").toString(),
                     QStringLiteral("r2"));
            const auto subset = m.findAll({.where = {{"grp", 1}}, .attributes = {.include = {"id", "name"}}});
            QCOMPARE(subset.size(), 3);
            for (const auto &r : subset)
                QVERIFY(r->get("note").isNull());
            const auto full = m.findOne({.where = {{"name", "r2"}}});
            QCOMPARE(full->get("note").toString(), QStringLiteral("note-r2"));
            const auto excluded = m.findOne({.where = {{"name", "r2"}}, .attributes = {.exclude = {"note"}}});
            QVERIFY(excluded->get("note").isNull());
        }
        StatementCounter counter(db);
        m.findAll({.where = {{"grp", 1}}, .attributes = {.include = {"id", "name"}}});
        QVERIFY(!touching(counter, "rowz").first().contains("note"));
    }

    // create() of one shape again and again: one text, every row written as given.
    void repeatedCreate_data() { addDialectColumn(); }
    void repeatedCreate()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Counter", {{"name", "STRING(40)"}}, table("counters"));
        db.sync();
        StatementCounter counter(db);
        for (int i = 0; i < 5; ++i)
            m.create({{"name", QStringLiteral("c%1").arg(i)}});
        const QStringList inserts = touching(counter, "counters");
        QCOMPARE(inserts.size(), 5);
        for (const QString &s : inserts)
            QCOMPARE(s, inserts.first()); // one text, built once
        QCOMPARE(rawCount(db, "counters"), 5);
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "counters")"), QStringList({"c0", "c1", "c2", "c3", "c4"}));
    }

    // The server drops the connection: after the reconnect, create() and the finds of the
    // shapes cached before still write and read the right rows.
    void afterReconnect_data() { addDialectColumn(); }
    void afterReconnect()
    {
        QUARRY_OPEN_DB();
        if (dialect == QLatin1String("sqlite"))
            QSKIP("an SQLite file has no server connection to drop");
        const bool pg = dialect == QLatin1String("postgres");
        auto m = db.define("Lamp", {{"name", "STRING(40)"}}, table("lamps"));
        db.sync();
        auto a = m.create({{"name", "a"}});
        QVERIFY(m.findByPk(a->get("id")));
        const qint64 pid = db.query(pg ? QStringLiteral("SELECT pg_backend_pid() AS pid")
                                       : QStringLiteral("SELECT CONNECTION_ID() AS pid"))
                               .value(0).value("pid").toLongLong();
        std::unique_ptr<QThread> killer(QThread::create([&] {
            QSqlQuery q(db.connection());
            q.exec(pg ? QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid) : QStringLiteral("KILL %1").arg(pid));
        }));
        killer->start();
        killer->wait();
        QTest::qWait(200);
        QUARRY_EXPECT_THROW(orm::ConnectionError, m.create({{"name", "lost"}}));
        auto b = m.create({{"name", "b"}});
        QCOMPARE(b->get("id").toLongLong(), rawValue(db, R"(SELECT "id" FROM "lamps" WHERE "name" = 'b')").toLongLong());
        QCOMPARE(m.findByPk(b->get("id"))->get("name").toString(), QStringLiteral("b"));
        QCOMPARE(m.findOne({.where = {{"name", "a"}}})->get("id"), a->get("id"));
        QCOMPARE(rawCount(db, "lamps"), 2);
    }

    // ------------------------------------------------------------ create() keys
    void generatedKeys_data() { addDialectColumn(); }
    void generatedKeys()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Serial", {{"name", "STRING(40)"}}, table("serials"));
        auto other = db.define("Other", {{"name", "STRING(40)"}}, table("others"));
        db.sync();
        auto idOf = [&](const QString &name) {
            return rawValue(db, R"(SELECT "id" FROM "serials" WHERE "name" = ?)", {name}).toLongLong();
        };
        auto a = m.create({{"name", "a"}});
        auto b = m.create({{"name", "b"}});
        QCOMPARE(a->get("id").toLongLong(), idOf("a"));
        QCOMPARE(b->get("id").toLongLong(), idOf("b"));
        QVERIFY(a->get("id") != b->get("id"));
        // An explicit key, then generated ones again.
        auto explicitOne = m.create({{"id", 100}, {"name", "x"}});
        QCOMPARE(explicitOne->get("id").toLongLong(), 100);
        QCOMPARE(idOf("x"), 100);
        auto c = m.create({{"name", "c"}});
        QCOMPARE(c->get("id").toLongLong(), idOf("c"));
        QVERIFY(c->get("id").toLongLong() > 100);
        // Another table's insert in between (lastInsertId is per connection).
        other.create({{"name", "o"}});
        other.create({{"name", "p"}});
        auto d = m.create({{"name", "d"}});
        QCOMPARE(d->get("id").toLongLong(), idOf("d"));
        // After deleting the newest row.
        const qint64 deleted = d->get("id").toLongLong();
        d->destroy();
        auto e = m.create({{"name", "e"}});
        QCOMPARE(e->get("id").toLongLong(), idOf("e"));
        QVERIFY(e->get("id").toLongLong() != deleted);
        // The instance is saved: no pending change, and a reload agrees.
        QVERIFY(e->changed().isEmpty());
        QCOMPARE(m.findByPk(e->get("id"))->get("name").toString(), QStringLiteral("e"));
        // bulkCreate, then create: the single insert still reads its own key.
        m.bulkCreate({{{"name", "k1"}}, {{"name", "k2"}}, {{"name", "k3"}}});
        auto f = m.create({{"name", "f"}});
        QCOMPARE(f->get("id").toLongLong(), idOf("f"));
    }

    // Keys the database does not generate: never overwritten by a last insert id.
    void nonGeneratedKeys_data() { addDialectColumn(); }
    void nonGeneratedKeys()
    {
        QUARRY_OPEN_DB();
        auto byUuid = db.define("Token", {{"id", attr("UUID", {{"primaryKey", true}, {"defaultValue", "UUIDV4"}})},
                                          {"name", "STRING(40)"}}, table("tokens"));
        auto byCode = db.define("Code", {{"code", attr("STRING(20)", {{"primaryKey", true}})}, {"name", "STRING(40)"}},
                                table("codes"));
        auto byPlainInt = db.define("Slot", {{"num", attr("INTEGER", {{"primaryKey", true}})}, {"name", "STRING(40)"}},
                                    table("slots"));
        auto byPair = db.define("Pair", {{"left", attr("INTEGER", {{"primaryKey", true}})},
                                         {"right", attr("STRING(20)", {{"primaryKey", true}})},
                                         {"name", "STRING(40)"}}, table("pairs"));
        auto serial = db.define("Serial", {{"name", "STRING(40)"}}, table("serials"));
        db.sync();
        serial.create({{"name", "bump"}}); // a last insert id that would be wrong for the others
        serial.create({{"name", "bump2"}});

        auto t = byUuid.create({{"name", "t"}});
        const QUuid token = t->get("id").toUuid();
        QVERIFY(!token.isNull());
        QCOMPARE(QUuid(rawValue(db, R"(SELECT "id" FROM "tokens" WHERE "name" = 't')").toString()), token);
        QCOMPARE(byUuid.findByPk(t->get("id"))->get("name").toString(), QStringLiteral("t"));

        auto code = byCode.create({{"code", "abc"}, {"name", "c"}});
        QCOMPARE(code->get("code").toString(), QStringLiteral("abc"));
        QCOMPARE(rawValue(db, R"(SELECT "code" FROM "codes" WHERE "name" = 'c')").toString(), QStringLiteral("abc"));
        auto numeric = byCode.create({{"code", "7"}, {"name", "n"}});
        QCOMPARE(numeric->get("code").toString(), QStringLiteral("7"));

        auto slot = byPlainInt.create({{"num", 42}, {"name", "s"}});
        QCOMPARE(slot->get("num").toLongLong(), 42);
        QCOMPARE(rawValue(db, R"(SELECT "num" FROM "slots" WHERE "name" = 's')").toLongLong(), 42);

        auto pair = byPair.create({{"left", 3}, {"right", "r"}, {"name", "p"}});
        QCOMPARE(pair->get("left").toLongLong(), 3);
        QCOMPARE(pair->get("right").toString(), QStringLiteral("r"));
        const auto raw = rawRows(db, R"(SELECT "left", "right" FROM "pairs" WHERE "name" = 'p')");
        QCOMPARE(raw.size(), 1);
        QCOMPARE(raw.at(0).at(0).toLongLong(), 3);
        QCOMPARE(raw.at(0).at(1).toString(), QStringLiteral("r"));
        QVERIFY(byPair.findByPk(QVariantList{3, "r"}));
    }

    // Defaults: the instance after create() holds what the row holds.
    void defaultsReadBack_data() { addDialectColumn(); }
    void defaultsReadBack()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Setting", {{"name", "STRING(40)"},
                                       {"level", attr("INTEGER", {{"defaultValue", 7}})},
                                       {"on", attr("BOOLEAN", {{"defaultValue", true}})},
                                       {"label", attr("STRING(20)", {{"defaultValue", "std"}})},
                                       {"token", attr("UUID", {{"defaultValue", "UUIDV4"}})},
                                       {"since", attr("DATE", {{"defaultValue", "NOW"}})}},
                           table("settings", {{"timestamps", true}}));
        db.sync();
        auto s = m.create({{"name", "s"}});
        const auto raw = rawRows(db, R"(SELECT "id", "level", "on", "label", "token", "since", "createdAt" FROM "settings")");
        QCOMPARE(raw.size(), 1);
        QCOMPARE(s->get("id").toLongLong(), raw.at(0).at(0).toLongLong());
        QCOMPARE(s->get("level").toInt(), 7);
        QCOMPARE(raw.at(0).at(1).toInt(), 7);
        QCOMPARE(s->get("on").toBool(), true);
        QCOMPARE(raw.at(0).at(2).toBool(), true);
        QCOMPARE(raw.at(0).at(3).toString(), QStringLiteral("std"));
        QCOMPARE(QUuid(raw.at(0).at(4).toString()), s->get("token").toUuid());
        QVERIFY(!raw.at(0).at(5).isNull());
        QVERIFY(!raw.at(0).at(6).isNull());
        QVERIFY(s->changed().isEmpty());
        // What the row reads back is what the instance holds.
        auto found = m.findByPk(s->get("id"));
        for (const char *f : {"id", "name", "level", "on", "label", "token", "since", "createdAt", "updatedAt"})
            QVERIFY2(found->get(f) == s->get(f),
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(f, found->get(f).toString(), s->get(f).toString())));
    }

    // ------------------------------------------------------------ eager loading keys
    // String keys, "1" and "01" told apart, and text that is a number meeting its number.
    void eagerStringKeys_data() { addDialectColumn(); }
    void eagerStringKeys()
    {
        QUARRY_OPEN_DB();
        auto country = db.define("Country", {{"code", attr("STRING(10)", {{"primaryKey", true}})}, {"name", "STRING(40)"}},
                                 table("countries"));
        auto city = db.define("City", {{"name", "STRING(40)"}, {"countryCode", "STRING(10)"}}, table("cities"));
        country.hasMany("City", {.foreignKey = "countryCode", .sourceKey = "code"});
        city.belongsTo("Country", {.foreignKey = "countryCode", .targetKey = "code"});
        db.sync();
        for (const char *c : {"1", "01", "ab", "AB"})
            country.create({{"code", c}, {"name", QStringLiteral("country-%1").arg(QLatin1String(c))}});
        city.create({{"name", "one"}, {"countryCode", "1"}});
        city.create({{"name", "zero-one"}, {"countryCode", "01"}});
        city.create({{"name", "lower"}, {"countryCode", "ab"}});
        city.create({{"name", "upper"}, {"countryCode", "AB"}});
        city.create({{"name", "upper2"}, {"countryCode", "AB"}});
        const auto countries = country.findAll({.include = {{.association = "Cities"}}});
        QCOMPARE(countries.size(), 4);
        for (const auto &c : countries) {
            const QString code = c->get("code").toString();
            QStringList got;
            for (const auto &x : c->included("Cities"))
                got.append(x->get("name").toString());
            got.sort();
            QCOMPARE(got, rawNames(db, R"(SELECT "name" FROM "cities" WHERE "countryCode" = ?)", {code}));
        }
        const auto cities = city.findAll({.include = {{.association = "Country"}}});
        QCOMPARE(cities.size(), 5);
        for (const auto &x : cities) {
            const auto owner = x->included("Country");
            QCOMPARE(owner.size(), 1);
            QCOMPARE(owner.first()->get("code").toString(), x->get("countryCode").toString());
        }
    }

    // belongsToMany with string keys on both sides: the junction path, where a target row
    // shared by several parents is built once and found by its key.
    void eagerJunctionStringKeys_data() { addDialectColumn(); }
    void eagerJunctionStringKeys()
    {
        QUARRY_OPEN_DB();
        auto student = db.define("Student", {{"code", attr("STRING(10)", {{"primaryKey", true}})}, {"name", "STRING(40)"}},
                                 table("students"));
        auto course = db.define("Course", {{"code", attr("STRING(10)", {{"primaryKey", true}})}, {"name", "STRING(40)"}},
                                table("courses"));
        student.belongsToMany("Course", {.through = "enrollments"});
        db.sync();
        for (const char *c : {"1", "01", "x"}) {
            student.create({{"code", c}, {"name", QStringLiteral("s-%1").arg(QLatin1String(c))}});
            course.create({{"code", c}, {"name", QStringLiteral("c-%1").arg(QLatin1String(c))}});
        }
        const QStringList cols = columnNames(db, "enrollments");
        QString sk, ck;
        for (const QString &c : cols) {
            if (c.startsWith(QLatin1String("student"), Qt::CaseInsensitive))
                sk = c;
            else if (c.startsWith(QLatin1String("course"), Qt::CaseInsensitive))
                ck = c;
        }
        QVERIFY2(!sk.isEmpty() && !ck.isEmpty(), qPrintable(cols.join(',')));
        const QList<QPair<QString, QString>> pairs{{"1", "01"}, {"1", "x"}, {"01", "1"}, {"01", "x"}, {"x", "1"}};
        for (const auto &p : pairs)
            rawExec(db, QStringLiteral(R"(INSERT INTO "enrollments" ("%1", "%2", "createdAt", "updatedAt")
                                              VALUES (?, ?, '2020-01-01 00:00:00', '2020-01-01 00:00:00'))").arg(sk, ck), {p.first, p.second});
        const auto students = student.findAll({.include = {{.association = "Courses"}}});
        QCOMPARE(students.size(), 3);
        for (const auto &st : students) {
            const QString code = st->get("code").toString();
            QStringList expected;
            for (const auto &p : pairs)
                if (p.first == code)
                    expected.append("c-" + p.second);
            expected.sort();
            QCOMPARE(namesOf(st->included("Courses")), expected);
        }
    }

    // UUID keys.
    void eagerUuidKeys_data() { addDialectColumn(); }
    void eagerUuidKeys()
    {
        QUARRY_OPEN_DB();
        auto owner = db.define("Owner", {{"id", attr("UUID", {{"primaryKey", true}, {"defaultValue", "UUIDV4"}})},
                                         {"name", "STRING(40)"}}, table("owners"));
        auto pet = db.define("Pet", {{"name", "STRING(40)"}}, table("pets"));
        owner.hasMany("Pet", {.foreignKey = "ownerId"});
        pet.belongsTo("Owner", {.foreignKey = "ownerId"});
        db.sync();
        auto ann = owner.create({{"name", "ann"}});
        auto bob = owner.create({{"name", "bob"}});
        pet.create({{"name", "cat"}, {"ownerId", ann->get("id")}});
        pet.create({{"name", "dog"}, {"ownerId", bob->get("id")}});
        pet.create({{"name", "rat"}, {"ownerId", bob->get("id")}});
        const auto owners = owner.findAll({.include = {{.association = "Pets"}}, .order = {{"name", orm::Asc}}});
        QCOMPARE(owners.size(), 2);
        QCOMPARE(namesOf(owners.at(0)->included("Pets")), QStringList({"cat"}));
        QCOMPARE(namesOf(owners.at(1)->included("Pets")), QStringList({"dog", "rat"}));
        const auto pets = pet.findAll({.include = {{.association = "Owner"}}});
        QCOMPARE(pets.size(), 3);
        for (const auto &p : pets) {
            QCOMPARE(p->included("Owner").size(), 1);
            QCOMPARE(p->included("Owner").first()->get("id").toUuid(), p->get("ownerId").toUuid());
        }
    }

    // BIGINT keys past 2^53: two adjacent ids that one double cannot tell apart.
    void eagerBigintKeys_data() { addDialectColumn(); }
    void eagerBigintKeys()
    {
        QUARRY_OPEN_DB();
        auto big = db.define("Big", {{"id", attr("BIGINT", {{"primaryKey", true}})}, {"name", "STRING(40)"}}, table("bigs"));
        auto part = db.define("Part", {{"name", "STRING(40)"}}, table("parts"));
        big.hasMany("Part", {.foreignKey = "bigId"});
        part.belongsTo("Big", {.foreignKey = "bigId"});
        db.sync();
        const qint64 k1 = (qint64(1) << 53) + 1, k2 = qint64(1) << 53, k3 = std::numeric_limits<qint64>::max();
        QCOMPARE(double(k1), double(k2));
        big.create({{"id", k1}, {"name", "odd"}});
        big.create({{"id", k2}, {"name", "even"}});
        big.create({{"id", k3}, {"name", "max"}});
        part.create({{"name", "p-odd"}, {"bigId", k1}});
        part.create({{"name", "p-even"}, {"bigId", k2}});
        part.create({{"name", "p-max"}, {"bigId", k3}});
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "parts" WHERE "bigId" = ?)", {k1}).toString(), QStringLiteral("p-odd"));
        const auto bigs = big.findAll({.include = {{.association = "Parts"}}});
        QCOMPARE(bigs.size(), 3);
        for (const auto &b : bigs)
            QCOMPARE(namesOf(b->included("Parts")), QStringList({"p-" + b->get("name").toString()}));
        const auto parts = part.findAll({.include = {{.association = "Big"}}});
        for (const auto &p : parts) {
            QCOMPARE(p->included("Big").size(), 1);
            QCOMPARE(p->included("Big").first()->get("id").toLongLong(), p->get("bigId").toLongLong());
        }
    }

    // A STRING foreign key holding the numbers of an INTEGER key (no constraint ties them).
    void eagerMixedKeyTypes_data() { addDialectColumn(); }
    void eagerMixedKeyTypes()
    {
        QUARRY_OPEN_DB();
        auto shelf = db.define("Shelf", {{"name", "STRING(40)"}}, table("shelves"));
        auto box = db.define("Box", {{"name", "STRING(40)"}, {"shelfRef", "STRING(20)"}}, table("boxes"));
        shelf.hasMany("Box", {.foreignKey = "shelfRef", .constraints = false});
        box.belongsTo("Shelf", {.foreignKey = "shelfRef", .constraints = false});
        db.sync();
        QCOMPARE(box.meta().field("shelfRef")->type, orm::FieldType::String);
        auto s1 = shelf.create({{"name", "s1"}});
        auto s2 = shelf.create({{"name", "s2"}});
        const QString r1 = s1->get("id").toString(), r2 = s2->get("id").toString();
        box.create({{"name", "b1"}, {"shelfRef", r1}});
        box.create({{"name", "b2"}, {"shelfRef", r2}});
        box.create({{"name", "b2bis"}, {"shelfRef", r2}});
        box.create({{"name", "padded"}, {"shelfRef", "0" + r1}}); // not the same key as r1
        QCOMPARE(rawValue(db, R"(SELECT "shelfRef" FROM "boxes" WHERE "name" = 'b1')").toString(), r1);
        const auto shelves = shelf.findAll({.include = {{.association = "Boxes"}}, .order = {{"name", orm::Asc}}});
        QCOMPARE(shelves.size(), 2);
        QCOMPARE(namesOf(shelves.at(0)->included("Boxes")), QStringList({"b1"}));
        QCOMPARE(namesOf(shelves.at(1)->included("Boxes")), QStringList({"b2", "b2bis"}));
        const auto boxes = box.findAll({.include = {{.association = "Shelf"}}, .order = {{"name", orm::Asc}}});
        QCOMPARE(boxes.size(), 4);
        for (const auto &b : boxes) {
            const auto owner = b->included("Shelf");
            if (b->get("name").toString() == QLatin1String("padded")) {
                QVERIFY(owner.isEmpty());
                continue;
            }
            QCOMPARE(owner.size(), 1);
            QCOMPARE(owner.first()->get("id").toString(), b->get("shelfRef").toString());
        }
    }

    // ------------------------------------------------------------ fourth pass
    // create()'s prepared statement is found by its shape: generated and explicit keys,
    // nulls, and two models with the same fields, in alternation, each row as given.
    void createShapesAlternate_data() { addDialectColumn(); }
    void createShapesAlternate()
    {
        QUARRY_OPEN_DB();
        const QJsonObject fields{{"name", "STRING(40)"}, {"score", "INTEGER"}};
        auto a = db.define("Alpha", fields, table("alphas"));
        auto b = db.define("Beta", fields, table("betas"));
        db.sync();
        StatementCounter counter(db);
        for (int i = 0; i < 3; ++i) {
            a.create({{"name", QStringLiteral("g%1").arg(i)}, {"score", i}});
            // Descending explicit keys: the generated ones move past the highest (PostgreSQL's sequence).
            a.create({{"id", 300 - i}, {"name", QStringLiteral("x%1").arg(i)}, {"score", QVariant()}});
            b.create({{"name", QStringLiteral("b%1").arg(i)}});
        }
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(rawValue(db, R"(SELECT "id" FROM "alphas" WHERE "name" = ?)", {QStringLiteral("x%1").arg(i)}).toInt(), 300 - i);
            QVERIFY(rawValue(db, R"(SELECT "score" FROM "alphas" WHERE "name" = ?)", {QStringLiteral("x%1").arg(i)}).isNull());
            QCOMPARE(rawValue(db, R"(SELECT "score" FROM "alphas" WHERE "name" = ?)", {QStringLiteral("g%1").arg(i)}).toInt(), i);
        }
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "betas")"), QStringList({"b0", "b1", "b2"}));
        QCOMPARE(rawCount(db, "betas", R"("score" IS NULL)"), 3);
        QCOMPARE(rawCount(db, "alphas"), 6);
        // Two texts for alphas (with and without the key), one for betas.
        QSet<QString> texts;
        for (const QString &s : counter.statements())
            if (s.startsWith(QLatin1String("INSERT")))
                texts.insert(s);
        QCOMPARE(texts.size(), 3);
    }

    // DDL drops the statements found by shape with the others: create() after the table
    // was dropped and created again (a statement left unfinished would also block the DROP).
    void createAfterDdl_data() { addDialectColumn(); }
    void createAfterDdl()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Gizmo", {{"name", "STRING(40)"}, {"size", "INTEGER"}}, table("gizmos"));
        db.sync();
        m.create({{"name", "before"}, {"size", 1}});
        m.bulkCreate({{{"name", "bulk1"}, {"size", 2}}, {{"name", "bulk2"}, {"size", 3}}});
        db.sync({.force = true});
        QCOMPARE(rawCount(db, "gizmos"), 0);
        auto made = m.create({{"name", "after"}, {"size", 4}});
        m.bulkCreate({{{"name", "bulk3"}, {"size", 5}}, {{"name", "bulk4"}, {"size", 6}}});
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "gizmos")"), QStringList({"after", "bulk3", "bulk4"}));
        QCOMPARE(rawValue(db, R"(SELECT "id" FROM "gizmos" WHERE "name" = 'after')").toLongLong(), made->get("id").toLongLong());
        // Inside a transaction too: the inserts, then DDL on the same connection.
        db.transaction([&] {
            m.create({{"name", "in-tx"}, {"size", 7}});
            m.bulkCreate({{{"name", "bulk5"}, {"size", 8}}});
        });
        db.sync({.force = true});
        m.create({{"name", "last"}, {"size", 9}});
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "gizmos")"), QStringList({"last"}));
    }

    // More statements than the cache holds: the one create() found by its shape is evicted,
    // and the next create() prepares it again instead of using the freed one.
    void createAfterEviction_data() { addDialectColumn(); }
    void createAfterEviction()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Token", {{"name", "STRING(40)"}, {"size", "INTEGER"}}, table("tokens"));
        db.sync();
        m.create({{"name", "t0"}, {"size", 0}});
        m.bulkCreate({{{"name", "b0"}, {"size", 0}}, {{"name", "b1"}, {"size", 0}}});
        for (int i = 0; i < 300; ++i) // 300 texts: the cache holds 256
            db.execute(dialectSql(db, QStringLiteral(R"(UPDATE "tokens" SET "size" = ? WHERE "name" = 'none%1')").arg(i)), {i});
        m.create({{"name", "t1"}, {"size", 1}});
        m.bulkCreate({{{"name", "b2"}, {"size", 2}}, {{"name", "b3"}, {"size", 3}}});
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "tokens")"), QStringList({"b0", "b1", "b2", "b3", "t0", "t1"}));
        QCOMPARE(rawValue(db, R"(SELECT "size" FROM "tokens" WHERE "name" = 'b3')").toInt(), 3);
        QCOMPARE(rawValue(db, R"(SELECT "size" FROM "tokens" WHERE "name" = 't1')").toInt(), 1);
    }

    // Without hooks both timestamps are encoded once; a hook that changes one (registered
    // after the shortcut was taken) is written as it left it, and removing it goes back.
    void timestampsAndHooks_data() { addDialectColumn(); }
    void timestampsAndHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Stamped>();
        db.sync();
        auto stamps = [&](const QString &name) {
            return rawRows(db, R"(SELECT "createdAt", "updatedAt" FROM "stamped" WHERE "name" = ?)", {name}).value(0);
        };
        auto plain = Stamped::create({{"name", "plain"}});
        QVariantList row = stamps("plain");
        QCOMPARE(row.size(), 2);
        QVERIFY(!row.at(0).isNull());
        QCOMPARE(stampText(row.at(0)), stampText(row.at(1)));
        QCOMPARE(plain->createdAt, plain->updatedAt);
        const QDateTime fixed(QDate(2001, 2, 3), QTime(12, 5, 6), Qt::UTC);
        const int id = Stamped::addHook(orm::Hook::BeforeCreate, [fixed](Stamped &s) { s.updatedAt = fixed; });
        auto hooked = Stamped::create({{"name", "hooked"}});
        row = stamps("hooked");
        QCOMPARE(stampText(row.at(1)), QStringLiteral("2001-02-03 12:05:06"));
        QVERIFY(stampText(row.at(0)) != stampText(row.at(1)));
        QCOMPARE(hooked->updatedAt, fixed);
        QVERIFY(hooked->changed().isEmpty());
        QVERIFY(Stamped::removeHook(id));
        Stamped::create({{"name", "again"}});
        row = stamps("again");
        QCOMPARE(stampText(row.at(0)), stampText(row.at(1)));
        QVERIFY(!stampText(row.at(0)).startsWith(QLatin1String("2001")));
    }

    // The cheap null test of validation and of the insert: "" is a value, null is not.
    void nullAndEmptyValues_data() { addDialectColumn(); }
    void nullAndEmptyValues()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Label", {{"name", QJsonObject{{"type", "STRING(40)"}, {"allowNull", false}}}, {"note", "STRING(40)"},
                                     {"score", "INTEGER"}},
                           table("labels"));
        db.sync();
        auto empty = m.create({{"name", ""}, {"score", 0}});
        QCOMPARE(rawCount(db, "labels", R"("name" = '' AND "note" IS NULL AND "score" = 0)"), 1);
        QVERIFY(empty->changed().isEmpty());
        m.create({{"name", "n"}, {"note", ""}});
        QCOMPARE(rawCount(db, "labels", R"("name" = 'n' AND "note" = '' AND "score" IS NULL)"), 1);
        QUARRY_EXPECT_THROW(orm::ValidationError, m.create({{"note", "no name"}}));
        QUARRY_EXPECT_THROW(orm::ValidationError, m.create({{"name", QVariant()}}));
        QUARRY_EXPECT_THROW(orm::ValidationError, m.create({{"name", QString()}}));
        QUARRY_EXPECT_THROW(orm::ValidationError, m.bulkCreate({{{"name", "ok"}}, {{"name", QString()}}}));
        QCOMPARE(rawCount(db, "labels"), 2);
        m.bulkCreate({{{"name", ""}}, {{"name", "b"}, {"note", ""}}});
        QCOMPARE(rawCount(db, "labels", R"("name" = '')"), 2);
        QCOMPARE(rawCount(db, "labels", R"("note" = '')"), 2);
    }

    // bulkCreate's text is found by its shape: the row count, the fields, ignoreDuplicates
    // and the model all tell two shapes apart.
    void bulkShapes_data() { addDialectColumn(); }
    void bulkShapes()
    {
        QUARRY_OPEN_DB();
        const QJsonObject fields{{"name", uniqueName()}, {"note", "STRING(40)"}};
        auto a = db.define("Alpha", fields, table("alphas"));
        auto b = db.define("Beta", fields, table("betas"));
        db.sync();
        auto rows = [](const QStringList &names, const QString &note) {
            QList<QVariantMap> out;
            for (const QString &n : names)
                out.append({{"name", n}, {"note", note}});
            return out;
        };
        a.bulkCreate(rows({"a", "b", "c"}, "first"));
        b.bulkCreate(rows({"a", "b", "c"}, "beta"));
        a.bulkCreate(rows({"a", "d", "e"}, "ignored"), {.ignoreDuplicates = true});
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "alphas")"), QStringList({"a", "b", "c", "d", "e"}));
        QCOMPARE(rawValue(db, R"(SELECT "note" FROM "alphas" WHERE "name" = 'a')").toString(), QStringLiteral("first"));
        // The same row count and fields without ignoreDuplicates: the duplicate is an error,
        // and nothing of the call is inserted.
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, a.bulkCreate(rows({"a", "f", "g"}, "dup")));
        QCOMPARE(rawCount(db, "alphas"), 5);
        // A fields subset, then every field again, with the same row count.
        a.bulkCreate(rows({"h", "i", "j"}, "dropped"), {.fields = {"name"}});
        QCOMPARE(rawCount(db, "alphas", R"("note" IS NULL)"), 3);
        a.bulkCreate(rows({"k", "l", "m"}, "kept"));
        QCOMPARE(rawCount(db, "alphas", R"("note" = 'kept')"), 3);
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "betas")"), QStringList({"a", "b", "c"}));
        QCOMPARE(rawCount(db, "betas", R"("note" = 'beta')"), 3);
        // Explicit keys beside generated ones: each row keeps its own.
        const auto made = a.bulkCreate({{{"id", 500}, {"name", "k500"}}, {{"name", "gen"}}});
        QCOMPARE(made.at(0)->get("id").toLongLong(), 500);
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "alphas" WHERE "id" = 500)").toString(), QStringLiteral("k500"));
        QCOMPARE(rawValue(db, R"(SELECT "id" FROM "alphas" WHERE "name" = 'gen')").toLongLong(), made.at(1)->get("id").toLongLong());
    }

    // bulkCreate reads each record once, after beforeBulkCreate: what the hook set is what is
    // validated, written and kept as the snapshot.
    void bulkValuesAfterHook_data() { addDialectColumn(); }
    void bulkValuesAfterHook()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Entry", {{"name", uniqueName()}, {"note", "STRING(40)"}}, table("entries"));
        db.sync();
        m.bulkCreate({{{"name", "plain"}, {"note", "p"}}});
        const int id = m.addHook(orm::Hook::BeforeBulkCreate, std::function<void(const QList<orm::Ptr<orm::Instance>> &)>(
                                                                   [](const QList<orm::Ptr<orm::Instance>> &list) {
                                                                       for (const auto &i : list)
                                                                           i->set("note", i->get("name").toString().toUpper());
                                                                   }));
        const auto made = m.bulkCreate({{{"name", "x"}, {"note", "lost"}}, {{"name", "y"}}});
        QCOMPARE(rawValue(db, R"(SELECT "note" FROM "entries" WHERE "name" = 'x')").toString(), QStringLiteral("X"));
        QCOMPARE(rawValue(db, R"(SELECT "note" FROM "entries" WHERE "name" = 'y')").toString(), QStringLiteral("Y"));
        for (const auto &i : made) {
            QVERIFY(i->changed().isEmpty());
            QCOMPARE(i->previous("note").toString(), i->get("name").toString().toUpper());
            QCOMPARE(rawValue(db, R"(SELECT "id" FROM "entries" WHERE "name" = ?)", {i->get("name")}).toLongLong(),
                     i->get("id").toLongLong());
        }
        QVERIFY(m.removeHook(id));
        // A hook that clears a required value: validated after the hook, nothing inserted.
        const int clear = m.addHook(orm::Hook::BeforeBulkCreate, std::function<void(const QList<orm::Ptr<orm::Instance>> &)>(
                                                                      [](const QList<orm::Ptr<orm::Instance>> &list) {
                                                                          list.last()->set("name", QVariant());
                                                                      }));
        QUARRY_EXPECT_THROW(orm::ValidationError, m.bulkCreate({{{"name", "z1"}}, {{"name", "z2"}}}));
        QCOMPARE(rawCount(db, "entries"), 3);
        QVERIFY(m.removeHook(clear));
        m.bulkCreate({{{"name", "z1"}}, {{"name", "z2"}, {"note", "n"}}});
        QCOMPARE(rawCount(db, "entries", R"("note" IS NULL)"), 1);
        QCOMPARE(rawCount(db, "entries"), 5);
    }

    // ------------------------------------------------------------ values bound in place
    // A statement executed again gets its values by replacing QSqlResult's value list
    // (exec/BoundValues.cpp), not through bindValue: every execution must write its own
    // values, of every type and null, never the previous execution's.
    void boundValuesEachExecution_data() { addDialectColumn(); }
    void boundValuesEachExecution()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Sample",
                           QJsonArray{QJsonObject{{"name", "name"}, {"type", "STRING(40)"}},
                                      QJsonObject{{"name", "count"}, {"type", "INTEGER"}},
                                      QJsonObject{{"name", "ratio"}, {"type", "DOUBLE"}},
                                      QJsonObject{{"name", "flag"}, {"type", "BOOLEAN"}},
                                      QJsonObject{{"name", "data"}, {"type", "BLOB"}},
                                      QJsonObject{{"name", "at"}, {"type", "DATE"}}},
                           table("samples"));
        db.sync();
        const QDateTime base(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
        auto valueOf = [&](int i) -> orm::Values {
            const bool nulls = i % 3 == 2; // every third row: NULL in every optional column
            return {{"name", QStringLiteral("s%1").arg(i)},
                    {"count", nulls ? QVariant() : QVariant(i * 7)},
                    {"ratio", nulls ? QVariant() : QVariant(i / 4.0)},
                    {"flag", nulls ? QVariant() : QVariant(i % 2 == 0)},
                    {"data", nulls ? QVariant() : QVariant(QByteArray(i, char('a' + i % 26)))},
                    {"at", nulls ? QVariant() : QVariant(base.addSecs(i * 3600))}};
        };
        for (int i = 0; i < 30; ++i)
            m.create(valueOf(i));
        const auto rows = rawRows(db, R"(SELECT "name", "count", "ratio", "flag", "data" FROM "samples" ORDER BY "id")");
        QCOMPARE(rows.size(), 30);
        for (int i = 0; i < 30; ++i) {
            const QVariantList &r = rows.at(i);
            QCOMPARE(r.at(0).toString(), QStringLiteral("s%1").arg(i));
            if (i % 3 == 2) {
                for (int c = 1; c < 5; ++c)
                    QVERIFY2(r.at(c).isNull(), qPrintable(QStringLiteral("row %1 column %2").arg(i).arg(c)));
                continue;
            }
            QCOMPARE(r.at(1).toInt(), i * 7);
            QCOMPARE(r.at(2).toDouble(), i / 4.0);
            QCOMPARE(r.at(3).toInt() != 0, i % 2 == 0);
            QCOMPARE(r.at(4).toByteArray(), QByteArray(i, char('a' + i % 26)));
        }
        // Reads through one statement, key after key, each its own row (and a key with no row).
        for (int i = 0; i < 30; ++i) {
            auto found = m.findOne({.where = {{"name", QStringLiteral("s%1").arg(i)}}});
            QVERIFY(found);
            QCOMPARE(found->get("count").isNull(), i % 3 == 2);
            if (i % 3 != 2)
                QCOMPARE(found->get("at").toDateTime(), base.addSecs(i * 3600));
            QCOMPARE(m.findByPk(found->get("id"))->get("name").toString(), QStringLiteral("s%1").arg(i));
        }
        QVERIFY(!m.findOne({.where = {{"name", "none"}}}));
        QVERIFY(m.findOne({.where = {{"name", "s4"}}}));
        // Updates through one statement, then bulk chunks of the same size, each with its own values.
        for (int i = 0; i < 30; i += 2)
            m.findOne({.where = {{"name", QStringLiteral("s%1").arg(i)}}})->update({{"count", -i}});
        QCOMPARE(rawCount(db, "samples", R"("count" < 0)"), 14); // s0 has 0
        for (int chunk = 0; chunk < 3; ++chunk) {
            QList<orm::Values> records;
            for (int i = 0; i < 4; ++i)
                records.append({{"name", QStringLiteral("b%1-%2").arg(chunk).arg(i)}, {"count", chunk * 10 + i}});
            m.bulkCreate(records);
        }
        for (int chunk = 0; chunk < 3; ++chunk)
            for (int i = 0; i < 4; ++i)
                QCOMPARE(rawValue(db, R"(SELECT "count" FROM "samples" WHERE "name" = ?)", {QStringLiteral("b%1-%2").arg(chunk).arg(i)})
                             .toInt(),
                         chunk * 10 + i);
    }

    // The application's own prepared statements on the same connection are not touched:
    // a raw QSqlQuery bound by the caller keeps its values between the ORM's executions.
    void boundValuesLeaveOtherStatements_data() { addDialectColumn(); }
    void boundValuesLeaveOtherStatements()
    {
        QUARRY_OPEN_DB();
        auto m = db.define("Note", {{"name", "STRING(40)"}}, table("notes"));
        db.sync();
        QSqlQuery own(db.connection());
        QVERIFY(own.prepare(dialectSql(db, R"(INSERT INTO "notes" ("name") VALUES (?))")));
        own.bindValue(0, QStringLiteral("own"));
        QVERIFY(own.exec());
        m.create({{"name", "orm1"}});
        m.create({{"name", "orm2"}});
        QVERIFY(own.exec()); // still bound to "own"
        QCOMPARE(rawNames(db, R"(SELECT "name" FROM "notes")"), QStringList({"orm1", "orm2", "own", "own"}));
    }
};

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statement_cache.moc"
