// Instances: build, create, save (insert, update of changed fields, no query when
// unchanged), update, reload, destroy, increment/decrement, change tracking, toJson, and
// the Qt types round-tripping through each dialect.
#include "SeedModels.h"
#include "TestSupport.h"

#include <QJsonArray>
#include <QUuid>

using namespace quarry::test;
using seed::Post;
using seed::User;

class Everything : public orm::Model<Everything>
{
    Q_OBJECT
public:
    enum Mood { Calm, Happy, Grumpy };
    Q_ENUM(Mood)
private:
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(bool flag MEMBER flag)
    Q_PROPERTY(int number MEMBER number)
    Q_PROPERTY(qint64 big MEMBER big)
    Q_PROPERTY(double real MEMBER real)
    Q_PROPERTY(QString text READ text WRITE setText)
    Q_PROPERTY(QByteArray blob MEMBER blob)
    Q_PROPERTY(QDate day MEMBER day)
    Q_PROPERTY(QTime time MEMBER time)
    Q_PROPERTY(QDateTime moment MEMBER moment)
    Q_PROPERTY(QUuid uuid MEMBER uuid)
    Q_PROPERTY(QJsonObject object MEMBER object)
    Q_PROPERTY(QJsonArray array MEMBER array)
    Q_PROPERTY(Mood mood MEMBER mood)
    Q_PROPERTY(QString price MEMBER price)
    Q_CLASSINFO("text", "TEXT")
    Q_CLASSINFO("price", "DECIMAL(10,2)")
public:
    Q_INVOKABLE explicit Everything(QObject *parent = nullptr) : Model(parent) {}
    QString text() const { return m_text; }
    void setText(const QString &t) { m_text = t; }
    qint64 id = 0;
    bool flag = false;
    int number = 0;
    qint64 big = 0;
    double real = 0;
    QByteArray blob;
    QDate day;
    QTime time;
    QDateTime moment;
    QUuid uuid;
    QJsonObject object;
    QJsonArray array;
    Mood mood = Calm;
    QString price;

private:
    QString m_text;
};

class Gadget : public orm::Model<Gadget>
{
    Q_OBJECT
    Q_PROPERTY(QString status MEMBER status)
    Q_PROPERTY(QUuid token MEMBER token)
    Q_CLASSINFO("status", "allowNull=false defaultValue=new")
    Q_CLASSINFO("token", "defaultValue=UUIDV4")
public:
    Q_INVOKABLE explicit Gadget(QObject *parent = nullptr) : Model(parent) {}
    QString status;
    QUuid token;
};

class TestCrud : public QObject
{
    Q_OBJECT
private slots:
    void create_data() { addDialectColumn(); }
    void create()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        auto john = User::create({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@example.com"}});
        QVERIFY(john);
        QVERIFY(john->id > 0);
        QVERIFY(!john->isNewRecord());
        QCOMPARE(john->firstName, QStringLiteral("John"));
        const auto rows = rawRows(db, R"(SELECT "id", "firstName", "lastName", "email", "createdAt", "updatedAt" FROM "Users")");
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0][0].toLongLong(), john->id);
        QCOMPARE(rows[0][1].toString(), QStringLiteral("John"));
        QCOMPARE(rows[0][3].toString(), QStringLiteral("john@example.com"));
        QVERIFY(!rows[0][4].isNull());
        QVERIFY(!rows[0][5].isNull());
        QVERIFY(john->get("createdAt").toDateTime().isValid());
        QCOMPARE(john->get("createdAt").toDateTime().timeSpec(), Qt::UTC);
        auto jane = User::create({{"firstName", "Jane"}, {"lastName", "Smith"}, {"email", "jane@example.com"}});
        QVERIFY(jane->id > john->id);
    }

    void buildAndSave_data() { addDialectColumn(); }
    void buildAndSave()
    {
        QUARRY_OPEN_DB();
        db.define<User, Post>();
        db.sync();
        auto post = Post::build({{"title", "Hello"}, {"content", "World"}});
        QVERIFY(post->isNewRecord());
        QCOMPARE(post->published, false); // defaultValue=false
        QCOMPARE(rawCount(db, "Posts"), 0);
        post->save();
        QVERIFY(!post->isNewRecord());
        QCOMPARE(rawCount(db, "Posts"), 1);

        // Typed members and set() both count as changes.
        StatementCounter counter(db);
        post->save(); // nothing changed: no query
        QCOMPARE(counter.count(), 0);
        post->title = QStringLiteral("Hello again");
        QCOMPARE(post->changed(), QStringList{"title"});
        QVERIFY(post->changed("title"));
        QCOMPARE(post->previous("title").toString(), QStringLiteral("Hello"));
        post->save();
        QCOMPARE(counter.count(), 1);
        QVERIFY(counter.statements().first().startsWith("UPDATE"));
        QVERIFY(!counter.statements().first().contains("content")); // only the changed field
        QCOMPARE(rawValue(db, R"(SELECT "title" FROM "Posts")").toString(), QStringLiteral("Hello again"));
        QVERIFY(post->changed().isEmpty());
    }

    void defaultsOnDirectConstruction_data() { addDialectColumn(); }
    void defaultsOnDirectConstruction()
    {
        QUARRY_OPEN_DB();
        db.define<User, Post>();
        db.sync();
        auto author = User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@b.c"}});
        // Not built: constructed directly. The model's defaults still apply on insert.
        Post p;
        p.title = QStringLiteral("t");
        p.content = QStringLiteral("c");
        p.published = true; // a plain bool is never null: its value is kept
        p.save();
        QVERIFY(p.id > 0);
        QCOMPARE(rawValue(db, R"(SELECT "published" FROM "Posts" WHERE "id" = ?)", {p.id}).toBool(), true);
        Q_UNUSED(author);
        db.define<Gadget>();
        db.sync();
        Gadget g;
        g.save(); // status is null but has a default: no notNull error
        QCOMPARE(g.status, QStringLiteral("new"));
        QVERIFY(!g.token.isNull());
        QCOMPARE(rawValue(db, R"(SELECT "status" FROM "Gadgets")").toString(), QStringLiteral("new"));
        Gadget h;
        h.status = QStringLiteral("used"); // a value set by the caller is kept
        h.save();
        QCOMPARE(rawCount(db, "Gadgets", R"("status" = 'used')"), 1);
    }

    void updatedAtMoves_data() { addDialectColumn(); }
    void updatedAtMoves()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        auto u = User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@b.c"}});
        const QDateTime created = u->get("createdAt").toDateTime();
        QTest::qWait(15);
        u->update({{"lastName", "C"}});
        const QDateTime updated = u->get("updatedAt").toDateTime();
        QVERIFY(updated > created);
        QCOMPARE(u->get("createdAt").toDateTime(), created);
        // Stored with millisecond precision in UTC.
        auto again = User::findByPk(u->id);
        QCOMPARE(again->get("updatedAt").toDateTime(), updated);
        QCOMPARE(again->get("createdAt").toDateTime(), created);
        // silent leaves updatedAt alone.
        QTest::qWait(15);
        again->lastName = QStringLiteral("D");
        again->save({.silent = true});
        auto third = User::findByPk(u->id);
        QCOMPARE(third->lastName, QStringLiteral("D"));
        QCOMPARE(third->get("updatedAt").toDateTime(), updated);
        // Callers cannot write timestamps.
        third->set("createdAt", QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(third->get("createdAt").toDateTime(), created);
    }

    void reloadAndDestroy_data() { addDialectColumn(); }
    void reloadAndDestroy()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        auto u = User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@b.c"}});
        rawExec(db, R"(UPDATE "Users" SET "firstName" = 'Changed' WHERE "id" = ?)", {u->id});
        QCOMPARE(u->firstName, QStringLiteral("A"));
        u->reload();
        QCOMPARE(u->firstName, QStringLiteral("Changed"));
        QVERIFY(u->changed().isEmpty());
        u->destroy();
        QCOMPARE(rawCount(db, "Users"), 0);
        QUARRY_EXPECT_THROW(orm::EmptyResultError, u->reload());
    }

    void incrementDecrement_data() { addDialectColumn(); }
    void incrementDecrement()
    {
        QUARRY_OPEN_DB();
        auto counter = db.define("Counter", {{"hits", QJsonObject{{"type", "INTEGER"}, {"defaultValue", 0}}},
                                             {"score", QJsonObject{{"type", "DOUBLE"}, {"defaultValue", 1.5}}}});
        db.sync();
        auto c = counter.create({});
        // Another writer changes the row: an atomic increment must not lose that.
        rawExec(db, R"(UPDATE "Counters" SET "hits" = 10)");
        c->increment("hits", 5);
        QCOMPARE(c->get("hits").toInt(), 15);
        QCOMPARE(rawValue(db, R"(SELECT "hits" FROM "Counters")").toInt(), 15);
        c->decrement("hits", 3);
        QCOMPARE(rawValue(db, R"(SELECT "hits" FROM "Counters")").toInt(), 12);
        c->increment({{"hits", 1}, {"score", 2}});
        QCOMPARE(c->get("hits").toInt(), 13);
        QCOMPARE(c->get("score").toDouble(), 3.5);
        QUARRY_EXPECT_THROW(orm::QueryError, c->increment("nope", 1));
    }

    void getSetAndJson_data() { addDialectColumn(); }
    void getSetAndJson()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        auto u = User::build();
        u->set({{"firstName", "Ada"}, {"lastName", "Lovelace"}, {"email", "ada@example.com"}});
        QCOMPARE(u->get("firstName").toString(), QStringLiteral("Ada"));
        QCOMPARE(u->firstName, QStringLiteral("Ada"));
        QUARRY_EXPECT_THROW(orm::QueryError, u->set("emial", "x"));
        QUARRY_EXPECT_THROW(orm::QueryError, u->get("emial"));
        u->save();
        const QJsonObject json = u->toJson();
        QCOMPARE(json.value("firstName").toString(), QStringLiteral("Ada"));
        QCOMPARE(json.value("id").toInteger(), u->id);
        QVERIFY(json.value("createdAt").toString().endsWith('Z'));
        QVERIFY(json.contains("updatedAt"));
    }

    void typesRoundTrip_data() { addDialectColumn(); }
    void typesRoundTrip()
    {
        QUARRY_OPEN_DB();
        db.define<Everything>();
        db.sync();
        Everything e;
        e.flag = true;
        e.number = -42;
        e.big = Q_INT64_C(9007199254740993);
        e.real = 3.25;
        e.setText(QStringLiteral("Grüße, 世界 🌍 'quoted' \"double\" \\ back"));
        e.blob = QByteArray("\x00\x01\xff binary\x00", 12);
        e.day = QDate(2024, 2, 29);
        e.time = QTime(23, 59, 58, 123);
        e.moment = QDateTime(QDate(2024, 3, 1), QTime(12, 34, 56, 789), Qt::UTC);
        e.uuid = QUuid::createUuid();
        e.object = QJsonObject{{"a", 1}, {"b", QJsonArray{1, "two"}}};
        e.array = QJsonArray{1, 2, 3};
        e.mood = Everything::Grumpy;
        e.price = QStringLiteral("1234.50");
        e.save();
        QVERIFY(e.id > 0);

        // Enums are stored by name, UUIDs as text.
        QCOMPARE(rawValue(db, R"(SELECT "mood" FROM "Everythings")").toString(), QStringLiteral("Grumpy"));
        QCOMPARE(rawValue(db, R"(SELECT "uuid" FROM "Everythings")").toString(), e.uuid.toString(QUuid::WithoutBraces));

        auto back = Everything::findByPk(e.id);
        QVERIFY(back);
        QCOMPARE(back->flag, true);
        QCOMPARE(back->number, -42);
        QCOMPARE(back->big, e.big);
        QCOMPARE(back->real, 3.25);
        QCOMPARE(back->text(), e.text());
        QCOMPARE(back->blob, e.blob);
        QCOMPARE(back->day, e.day);
        QCOMPARE(back->time, e.time);
        QCOMPARE(back->moment, e.moment);
        QCOMPARE(back->moment.timeSpec(), Qt::UTC);
        QCOMPARE(back->uuid, e.uuid);
        QCOMPARE(back->object, e.object);
        QCOMPARE(back->array, e.array);
        QCOMPARE(back->mood, Everything::Grumpy);
        QCOMPARE(back->price.toDouble(), 1234.5);
        QVERIFY(back->changed().isEmpty());

        // A local time is converted to UTC, not stored as its wall clock.
        const QDateTime local = QDateTime(QDate(2024, 6, 1), QTime(10, 0), Qt::OffsetFromUTC, 2 * 3600);
        back->moment = local;
        back->save();
        auto third = Everything::findByPk(e.id);
        QCOMPARE(third->moment, local.toUTC());
        QCOMPARE(third->moment.time(), QTime(8, 0));
    }

    // Timestamps as other programs write them: the canonical text is decoded by a fast
    // path, anything else by Qt's parser; both give the UTC instant, or null for text that
    // is not a date. Text forms are SQLite's (a typed column holds only instants).
    void timestampsAsWritten_data() { addDialectColumn(); }
    void timestampsAsWritten()
    {
        QUARRY_OPEN_DB();
        db.define<Everything>();
        db.sync();
        Everything e;
        e.save();
        struct Case
        {
            const char *text;
            QDateTime expected;
            bool textOnly;
        };
        const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms = 0) {
            return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
        };
        const QList<Case> cases = {
            {"2024-02-29 23:59:58.123", utc(2024, 2, 29, 23, 59, 58, 123), false},
            {"1999-12-31 00:00:00", utc(1999, 12, 31, 0, 0, 0), false},
            {"0001-01-01 00:00:00.001", utc(1, 1, 1, 0, 0, 0, 1), true},
            {"2000-02-29T12:00:00Z", utc(2000, 2, 29, 12, 0, 0), true},
            {"2000-02-29T12:00:00.250Z", utc(2000, 2, 29, 12, 0, 0, 250), true},
            {"2024-03-01 12:34:56.7", utc(2024, 3, 1, 12, 34, 56, 700), true},
            {"2024-03-01T14:34:56+02:00", utc(2024, 3, 1, 12, 34, 56), true},
            {"2023-02-29 10:00:00", QDateTime(), true}, // not a leap year
            {"1900-02-29 10:00:00", QDateTime(), true}, // nor is 1900
            {"2024-13-01 10:00:00", QDateTime(), true},
            {"2024-0a-01 10:00:00", QDateTime(), true},
            {"2024-01-01 24:00:00", utc(2024, 1, 2, 0, 0, 0), true}, // ISO 8601 end of day, as Qt reads it
            {"2024-01-01 10:00:0/", QDateTime(), true},
            {"2024-01-01 10:00:1:", QDateTime(), true}, // ':' is the digit after '9'
            {"2024-01-01 10:00:00.12x", QDateTime(), true},
        };
        const bool typed = dialect != QLatin1String("sqlite");
        for (const Case &c : cases) {
            if (typed && c.textOnly)
                continue;
            rawExec(db, R"(UPDATE "Everythings" SET "moment" = ? WHERE "id" = ?)", {QString::fromLatin1(c.text), e.id});
            auto back = Everything::findByPk(e.id);
            QVERIFY(back);
            QVERIFY2(back->moment == c.expected && back->moment.isNull() == c.expected.isNull(), c.text);
            if (!c.expected.isNull())
                QCOMPARE(back->moment.timeSpec(), Qt::UTC);
        }
    }

    void nullsRoundTrip_data() { addDialectColumn(); }
    void nullsRoundTrip()
    {
        QUARRY_OPEN_DB();
        db.define<Everything>();
        db.sync();
        Everything e;
        e.save();
        auto back = Everything::findByPk(e.id);
        QVERIFY(back->text().isNull());
        QVERIFY(!back->moment.isValid());
        QVERIFY(back->uuid.isNull());
        QCOMPARE(rawValue(db, R"(SELECT COUNT(*) FROM "Everythings" WHERE "moment" IS NULL AND "uuid" IS NULL)").toInt(), 1);
        QVERIFY(back->changed().isEmpty());
    }

    // Fields without a Q_PROPERTY (timestamps, foreign keys) live in slots that a loaded row
    // does not fill: until one is written, its value is the snapshot's. Loaded, changed, saved,
    // reloaded and changed back, each value is the database's.
    void loadedSlotFields_data() { addDialectColumn(); }
    void loadedSlotFields()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.define<Post>();
        User::hasMany<Post>();
        Post::belongsTo<User>();
        db.sync();
        auto ann = User::create({{"firstName", "Ann"}, {"lastName", "A"}, {"email", "ann@example.com"}});
        auto bob = User::create({{"firstName", "Bob"}, {"lastName", "B"}, {"email", "bob@example.com"}});
        Post::create({{"title", "t"}, {"content", "c"}, {"userId", ann->id}});
        auto post = Post::findOne({});
        QVERIFY(post);
        QCOMPARE(post->get("userId").toLongLong(), ann->id);
        QCOMPARE(post->get("createdAt").toDateTime(),
                 post->previous("createdAt").toDateTime());
        QVERIFY(post->get("createdAt").toDateTime().isValid());
        QVERIFY(post->changed().isEmpty());
        post->set("userId", bob->id);
        QCOMPARE(post->changed(), QStringList({"userId"}));
        QCOMPARE(post->previous("userId").toLongLong(), ann->id);
        post->save();
        QVERIFY(post->changed().isEmpty());
        QCOMPARE(rawValue(db, R"(SELECT "userId" FROM "Posts")").toLongLong(), bob->id);
        rawExec(db, dialectSql(db, R"(UPDATE "Posts" SET "userId" = ?)"), {ann->id});
        post->reload();
        QCOMPARE(post->get("userId").toLongLong(), ann->id);
        QVERIFY(post->changed().isEmpty());
        // A loaded row's foreign key set to NULL and saved: NULL in the row and in the instance.
        auto again = Post::findOne({});
        again->set("userId", QVariant());
        QCOMPARE(again->changed(), QStringList({"userId"}));
        again->save();
        QVERIFY(rawValue(db, R"(SELECT "userId" FROM "Posts")").isNull());
        QVERIFY(again->get("userId").isNull());
        QVERIFY(again->changed().isEmpty());
        // Attributes subsets: the slot of a field not read is null, not another field's value.
        auto partial = Post::findOne({.attributes = {.include = {"id", "title"}}});
        QVERIFY(partial->get("userId").isNull());
        QVERIFY(partial->get("createdAt").isNull());
        QCOMPARE(partial->get("title").toString(), QStringLiteral("t"));
    }

    void runtimeModel_data() { addDialectColumn(); }
    void runtimeModel()
    {
        QUARRY_OPEN_DB();
        auto tag = db.define("Tag", {{"name", QJsonObject{{"type", "STRING(40)"}, {"allowNull", false}, {"unique", true}}},
                                     {"color", "STRING"},
                                     {"token", QJsonObject{{"type", "UUID"}, {"defaultValue", "UUIDV4"}}}},
                             {{"timestamps", false}});
        db.sync();
        auto red = tag.create({{"name", "red"}, {"color", "#f00"}});
        QVERIFY(red->get("id").toLongLong() > 0);
        QVERIFY(!red->get("token").toUuid().isNull());
        // Values live as dynamic properties of a plain QObject.
        QCOMPARE(red->property("name").toString(), QStringLiteral("red"));
        QCOMPARE(rawValue(db, R"(SELECT "color" FROM "Tags" WHERE "name" = 'red')").toString(), QStringLiteral("#f00"));
        QVERIFY(!columnNames(db, "Tags").contains("createdAt"));
        auto found = tag.findOne({.where = {{"name", "red"}}});
        QVERIFY(found);
        QCOMPARE(found->get("token").toUuid(), red->get("token").toUuid());
        QCOMPARE(db.model("Tag").meta().tableName, QStringLiteral("Tags"));
    }

    // The attributes a run-time model declares are dynamic properties; the fields the ORM
    // adds (keys of associations, the whole automatic junction row) are in the instance's
    // own storage, and read, change, save and load like any other field.
    void runtimeModelKeys_data() { addDialectColumn(); }
    void runtimeModelKeys()
    {
        QUARRY_OPEN_DB();
        auto shelf = db.define("Shelf", {{"label", "STRING"}}, {{"timestamps", false}});
        auto book = db.define("Book", {{"title", "STRING"}}, {{"timestamps", false}});
        auto reader = db.define("Reader", {{"name", "STRING"}}, {{"timestamps", false}});
        shelf.hasMany("Book");
        book.belongsTo("Shelf");
        book.belongsToMany("Reader", {.through = "Loans"});
        reader.belongsToMany("Book", {.through = "Loans"});
        db.sync();
        auto top = shelf.create({{"label", "top"}});
        auto low = shelf.create({{"label", "low"}});
        auto dune = book.create({{"title", "Dune"}, {"shelfId", top->get("id")}});
        auto ann = reader.create({{"name", "Ann"}});
        dune->add("Readers", ann);
        QCOMPARE(dune->property("title").toString(), QStringLiteral("Dune"));
        QVERIFY(!dune->property("shelfId").isValid());
        QCOMPARE(dune->get("shelfId").toLongLong(), top->get("id").toLongLong());

        // Loaded: the key is the row's, a change to it is saved.
        auto loaded = book.findOne({.where = {{"title", "Dune"}}, .include = {{"Shelf"}, {"Readers"}}});
        QVERIFY(loaded);
        QVERIFY(!loaded->property("shelfId").isValid());
        QCOMPARE(loaded->get("shelfId").toLongLong(), top->get("id").toLongLong());
        QCOMPARE(loaded->included("Shelf").value(0)->get("label").toString(), QStringLiteral("top"));
        const orm::Ptr<orm::Instance> loan = loaded->through("Readers", 0);
        QVERIFY(loan);
        QCOMPARE(loan->get("bookId").toLongLong(), dune->get("id").toLongLong());
        QCOMPARE(loan->get("readerId").toLongLong(), ann->get("id").toLongLong());
        QVERIFY(loan->changed().isEmpty());
        QVERIFY(loaded->changed().isEmpty());
        loaded->set("shelfId", low->get("id"));
        QCOMPARE(loaded->changed(), QStringList({"shelfId"}));
        loaded->save();
        QCOMPARE(rawValue(db, R"(SELECT "shelfId" FROM "Books" WHERE "title" = 'Dune')").toLongLong(),
                 low->get("id").toLongLong());
        QCOMPARE(rawValue(db, R"(SELECT COUNT(*) FROM "Loans" WHERE "bookId" = ? AND "readerId" = ?)",
                          {dune->get("id"), ann->get("id")})
                     .toLongLong(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestCrud)
#include "tst_crud.moc"
