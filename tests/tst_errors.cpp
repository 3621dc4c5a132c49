// Errors: the typed hierarchy mapped from each driver's codes (unique, foreign key, not
// null, check, syntax, lock timeout, deadlock, lost connection), the ORM's own checks
// (ValidationError before any query, EmptyResultError, DefinitionError, QueryError),
// databases that stay usable and lose nothing after an error, values that are always
// bound and identifiers that are always quoted.
#include "SeedModels.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QPoint>
#include <QSqlError>
#include <QThread>
#include <optional>
#include <type_traits>
#include <typeinfo>

using namespace quarry::test;
using seed::User;

// Catches exactly ExceptionType (or a subclass) from expr into the optional var; any other
// exception, or none, fails the test with what was thrown.
#define QUARRY_CATCH(ExceptionType, var, ...)                                                                          \
    std::optional<ExceptionType> var;                                                                                  \
    do {                                                                                                               \
        try {                                                                                                          \
            __VA_ARGS__;                                                                                               \
        } catch (const ExceptionType &quarryE) {                                                                       \
            var.emplace(quarryE);                                                                                      \
        } catch (const std::exception &quarryE) {                                                                      \
            QFAIL(qPrintable(QStringLiteral("expected " #ExceptionType ", got %1: %2")                                 \
                                 .arg(QString::fromLatin1(typeid(quarryE).name()), QString::fromUtf8(quarryE.what())))); \
        }                                                                                                              \
        if (!var)                                                                                                      \
            QFAIL("expected " #ExceptionType " from " #__VA_ARGS__);                                                   \
    } while (false)

// A composite unique group and a single unique field on an underscored model: errors
// must name attributes (studentId), not columns (student_id).
class Enrollment : public orm::Model<Enrollment>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(qint64 studentId MEMBER studentId)
    Q_PROPERTY(qint64 courseId MEMBER courseId)
    Q_PROPERTY(QString nickName MEMBER nickName)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("studentId", "unique=seat")
    Q_CLASSINFO("courseId", "unique=seat")
    Q_CLASSINFO("nickName", "unique")
    Q_CLASSINFO("orm:options", "underscored timestamps=false")
public:
    Q_INVOKABLE explicit Enrollment(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    qint64 studentId = 0;
    qint64 courseId = 0;
    QString nickName;
};

// Misspelled option: a DefinitionError naming the class and the property.
class Misspelled : public orm::Model<Misspelled>
{
    Q_OBJECT
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("title", "alowNull=false")
public:
    Q_INVOKABLE explicit Misspelled(QObject *parent = nullptr) : Model(parent) {}
    QString title;
};

// An option on a property that does not exist.
class Ghostly : public orm::Model<Ghostly>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("nmae", "unique")
public:
    Q_INVOKABLE explicit Ghostly(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

// A type that cannot be mapped to a column.
class Pointy : public orm::Model<Pointy>
{
    Q_OBJECT
    Q_PROPERTY(QPoint where MEMBER where)
public:
    Q_INVOKABLE explicit Pointy(QObject *parent = nullptr) : Model(parent) {}
    QPoint where;
};

// Every error type is an orm::Error (and so a std::exception).
static_assert(std::is_base_of_v<std::exception, orm::Error>);
static_assert(std::is_base_of_v<orm::Error, orm::DatabaseError>);
static_assert(std::is_base_of_v<orm::Error, orm::DefinitionError>);
static_assert(std::is_base_of_v<orm::Error, orm::ConnectionError>);
static_assert(std::is_base_of_v<orm::Error, orm::EmptyResultError>);
static_assert(std::is_base_of_v<orm::Error, orm::ValidationError>);
static_assert(std::is_base_of_v<orm::Error, orm::QueryError>);
static_assert(std::is_base_of_v<orm::DatabaseError, orm::ConstraintError>);
static_assert(std::is_base_of_v<orm::ConstraintError, orm::UniqueConstraintError>);
static_assert(std::is_base_of_v<orm::ConstraintError, orm::ForeignKeyConstraintError>);
static_assert(std::is_base_of_v<orm::ConstraintError, orm::NotNullConstraintError>);
static_assert(std::is_base_of_v<orm::ConstraintError, orm::CheckConstraintError>);
static_assert(std::is_base_of_v<orm::DatabaseError, orm::DeadlockError>);
static_assert(std::is_base_of_v<orm::DatabaseError, orm::TimeoutError>);

namespace {

QString autoIdColumn(const orm::Database &db)
{
    if (db.dialectName() == QLatin1String("postgres"))
        return QStringLiteral("\"id\" SERIAL PRIMARY KEY");
    if (db.dialectName() == QLatin1String("sqlite"))
        return QStringLiteral("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT");
    return QStringLiteral("\"id\" INTEGER AUTO_INCREMENT PRIMARY KEY");
}

// Raw SQL through the ORM's own door (db.execute), with "double quotes" fixed for MariaDB.
qint64 ormExec(const orm::Database &db, const QString &sql, const QVariantList &bindings = {})
{
    return db.execute(dialectSql(db, sql), bindings);
}

QVariantMap user(const QString &first, const QString &email)
{
    return {{"firstName", first}, {"lastName", "Tester"}, {"email", email}};
}

// DDL straight on the connection, unprepared (PostgreSQL cannot prepare DDL).
void ddl(const orm::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(dialectSql(db, sql)))
        throw std::runtime_error(("DDL failed: " + q.lastError().text() + " in " + sql).toStdString());
}

bool isServer(const QString &dialect)
{
    return dialect != QLatin1String("sqlite");
}

// Runs fn on a new thread (its own connection) and waits for it.
void runInThread(const std::function<void()> &fn)
{
    std::unique_ptr<QThread> t(QThread::create(fn));
    t->start();
    t->wait();
}

} // namespace

class TestErrors : public QObject
{
    Q_OBJECT

    void serverRows()
    {
        QTest::addColumn<QString>("dialect");
        bool any = false;
        for (const QString &d : enabledDialects())
            if (isServer(d)) {
                QTest::newRow(qPrintable(d)) << d;
                any = true;
            }
        if (!any) // QUARRY_TEST_DIALECTS=sqlite: nothing to run here
            QSKIP("needs a PostgreSQL or MariaDB server, and QUARRY_TEST_DIALECTS names none");
    }

private slots:
    // what() is the message, on every type; a thrown error is caught as each of its bases.
    void hierarchy()
    {
        const orm::QueryError q(QStringLiteral("no attribute 'x' — ünïcode"));
        QCOMPARE(QString::fromUtf8(q.what()), q.message());
        const orm::UniqueConstraintError u(QStringLiteral("dup on email"), QStringLiteral("INSERT ..."),
                                           QStringLiteral("driver says"), QStringLiteral("23505"), QStringLiteral("User"),
                                           {QStringLiteral("email")});
        QCOMPARE(QByteArray(u.what()), QByteArray("dup on email"));
        QCOMPARE(u.sql(), QStringLiteral("INSERT ..."));
        QCOMPARE(u.driverText(), QStringLiteral("driver says"));
        QCOMPARE(u.nativeCode(), QStringLiteral("23505"));
        QCOMPARE(u.model(), QStringLiteral("User"));
        QCOMPARE(u.fields(), QStringList{"email"});
        QVERIFY(!u.isRetryable());
        const orm::DeadlockError d(QStringLiteral("deadlock"), {}, {}, {});
        QVERIFY(d.isRetryable());
        const orm::DatabaseError &asBase = d;
        QVERIFY(asBase.isRetryable()); // virtual
        const orm::ValidationError v(QStringLiteral("bad"), {{"User", "email", "email cannot be null", "notNull", {}}});
        QCOMPARE(v.items().size(), 1);
        QCOMPARE(QString::fromUtf8(v.what()), QStringLiteral("bad"));
        // what() outlives a copy of the error.
        const char *w = nullptr;
        {
            orm::Error copy = q;
            w = copy.what();
            QCOMPARE(QString::fromUtf8(w), q.message());
        }
        QCOMPARE(QString::fromUtf8(q.what()), q.message());

        // Thrown by the ORM, caught through every base.
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        db.define<User>();
        db.sync();
        User::create(user("A", "a@x.org"));
        int caught = 0;
        try {
            User::create(user("B", "a@x.org"));
        } catch (const std::exception &e) {
            ++caught;
            QVERIFY(dynamic_cast<const orm::Error *>(&e));
            QVERIFY(dynamic_cast<const orm::DatabaseError *>(&e));
            QVERIFY(dynamic_cast<const orm::ConstraintError *>(&e));
            QVERIFY(dynamic_cast<const orm::UniqueConstraintError *>(&e));
            QVERIFY(!dynamic_cast<const orm::ForeignKeyConstraintError *>(&e));
            QCOMPARE(QString::fromUtf8(e.what()), dynamic_cast<const orm::Error &>(e).message());
        }
        QCOMPARE(caught, 1);
    }

    void uniqueSingle_data() { addDialectColumn(); }
    void uniqueSingle()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        User::create(user("John", "john@example.com"));
        StatementCounter counter(db);
        QUARRY_CATCH(orm::UniqueConstraintError, e, User::create(user("Johnny", "john@example.com")));
        QCOMPARE(e->fields(), QStringList{"email"});
        QCOMPARE(e->model(), QStringLiteral("User"));
        QVERIFY2(e->message().contains("email"), qPrintable(e->message()));
        QCOMPARE(QString::fromUtf8(e->what()), e->message());
        QVERIFY2(e->sql().startsWith("INSERT"), qPrintable(e->sql()));
        QVERIFY(!e->driverText().isEmpty());
        if (dialect == QLatin1String("postgres"))
            QCOMPARE(e->nativeCode(), QStringLiteral("23505"));
        if (dialect == QLatin1String("mariadb"))
            QCOMPARE(e->nativeCode(), QStringLiteral("1062"));
        // The failed statement was shown to the listeners too.
        QCOMPARE(counter.count(), 1);
        QCOMPARE(rawCount(db, "Users"), 1);

        // The same on UPDATE through save().
        auto jane = User::create(user("Jane", "jane@example.com"));
        jane->email = QStringLiteral("john@example.com");
        QUARRY_CATCH(orm::UniqueConstraintError, e2, jane->save());
        QCOMPARE(e2->fields(), QStringList{"email"});
        QVERIFY2(e2->sql().startsWith("UPDATE"), qPrintable(e2->sql()));
        QCOMPARE(rawValue(db, R"(SELECT "email" FROM "Users" WHERE "id" = ?)", {jane->id}).toString(),
                 QStringLiteral("jane@example.com"));

        // A raw statement without a model names the column.
        QUARRY_CATCH(orm::UniqueConstraintError, e3,
                     ormExec(db, R"(UPDATE "Users" SET "email" = ? WHERE "id" = ?)", {"john@example.com", jane->id}));
        QCOMPARE(e3->fields(), QStringList{"email"});
        QVERIFY(e3->model().isEmpty());

        // A duplicate primary key names the key attribute.
        QUARRY_CATCH(orm::UniqueConstraintError, e4,
                     User::create({{"id", jane->id}, {"firstName", "X"}, {"lastName", "Y"}, {"email", "x@y.z"}}));
        QCOMPARE(e4->fields(), QStringList{"id"});
        QCOMPARE(rawCount(db, "Users"), 2);
    }

    void uniqueCompositeUnderscored_data() { addDialectColumn(); }
    void uniqueCompositeUnderscored()
    {
        QUARRY_OPEN_DB();
        db.define<Enrollment>();
        db.sync();
        // underscored snake_cases the table name too, as Sequelize v6 does.
        QVERIFY(columnNames(db, "enrollments").contains("student_id"));
        Enrollment::create({{"studentId", 1}, {"courseId", 2}, {"nickName", "a"}});
        Enrollment::create({{"studentId", 1}, {"courseId", 3}, {"nickName", "b"}}); // half the key differs: fine
        QUARRY_CATCH(orm::UniqueConstraintError, e,
                     Enrollment::create({{"studentId", 1}, {"courseId", 2}, {"nickName", "c"}}));
        QCOMPARE(e->fields(), (QStringList{"studentId", "courseId"}));
        QCOMPARE(e->model(), QStringLiteral("Enrollment"));
        QVERIFY2(e->message().contains("studentId") && e->message().contains("courseId"), qPrintable(e->message()));
        QVERIFY2(!e->message().contains("student_id"), qPrintable(e->message()));

        // A single unique field of an underscored model: the attribute, not nick_name.
        QUARRY_CATCH(orm::UniqueConstraintError, e2,
                     Enrollment::create({{"studentId", 9}, {"courseId", 9}, {"nickName", "a"}}));
        QCOMPARE(e2->fields(), QStringList{"nickName"});
        QCOMPARE(rawCount(db, "enrollments"), 2);
    }

    void foreignKey_data() { addDialectColumn(); }
    void foreignKey()
    {
        QUARRY_OPEN_DB();
        ddl(db, QStringLiteral(R"(CREATE TABLE "Parents" (%1, "name" VARCHAR(50)))").arg(autoIdColumn(db)));
        ddl(db, QStringLiteral(R"(CREATE TABLE "Kids" (%1, "parent_id" INTEGER NOT NULL, "name" VARCHAR(50),
                                      FOREIGN KEY ("parent_id") REFERENCES "Parents" ("id")))")
                        .arg(autoIdColumn(db)));
        auto kid = db.define("Kid", {{"parentId", QJsonObject{{"type", "INTEGER"}, {"field", "parent_id"}}},
                                     {"name", "STRING(50)"}},
                             {{"timestamps", false}});
        ormExec(db, R"(INSERT INTO "Parents" ("name") VALUES (?))", {"mum"});
        const qint64 mum = rawValue(db, R"(SELECT "id" FROM "Parents")").toLongLong();
        kid.create({{"parentId", mum}, {"name", "good"}});

        // An orphan through a run-time model.
        QUARRY_CATCH(orm::ForeignKeyConstraintError, e, kid.create({{"parentId", mum + 1000}, {"name", "orphan"}}));
        QCOMPARE(e->model(), QStringLiteral("Kid"));
        QVERIFY(e->sql().startsWith("INSERT"));
        if (isServer(dialect)) // SQLite's message does not name the column
            QCOMPARE(e->fields(), QStringList{"parentId"});
        if (dialect == QLatin1String("postgres"))
            QCOMPARE(e->nativeCode(), QStringLiteral("23503"));

        // An orphan through raw SQL.
        QUARRY_CATCH(orm::ForeignKeyConstraintError, e2,
                     ormExec(db, R"(INSERT INTO "Kids" ("parent_id", "name") VALUES (?, ?))", {mum + 2000, "raw"}));
        QVERIFY(e2->model().isEmpty());
        // Deleting a referenced parent.
        QUARRY_CATCH(orm::ForeignKeyConstraintError, e3, ormExec(db, R"(DELETE FROM "Parents" WHERE "id" = ?)", {mum}));
        QCOMPARE(rawCount(db, "Kids"), 1);
        QCOMPARE(rawCount(db, "Parents"), 1);
    }

    void notNullFromDatabase_data() { addDialectColumn(); }
    void notNullFromDatabase()
    {
        QUARRY_OPEN_DB();
        // The model allows null where the table does not: the database must say so.
        ddl(db, QStringLiteral(R"(CREATE TABLE "Notes" (%1, "title" VARCHAR(50), "body_text" VARCHAR(50) NOT NULL))")
                        .arg(autoIdColumn(db)));
        auto note = db.define("Note", {{"title", "STRING(50)"}, {"bodyText", "STRING(50)"}},
                              {{"timestamps", false}, {"underscored", true}, {"tableName", "Notes"}});
        QUARRY_CATCH(orm::NotNullConstraintError, e, note.create({{"title", "t"}}));
        QCOMPARE(e->model(), QStringLiteral("Note"));
        QCOMPARE(e->fields(), QStringList{"bodyText"});
        QVERIFY2(e->message().contains("bodyText"), qPrintable(e->message()));

        // Raw SQL bypasses the ORM's allowNull check entirely.
        db.define<User>();
        db.sync();
        QUARRY_CATCH(orm::NotNullConstraintError, e2,
                     ormExec(db, R"(INSERT INTO "Users" ("firstName", "lastName", "email", "createdAt", "updatedAt")
                                    VALUES (?, ?, NULL, ?, ?))",
                             {"A", "B", QDateTime::currentDateTimeUtc(), QDateTime::currentDateTimeUtc()}));
        QCOMPARE(e2->fields(), QStringList{"email"});
        QVERIFY(!e2->driverText().isEmpty());
        QCOMPARE(rawCount(db, "Users"), 0);
        QCOMPARE(rawCount(db, "Notes"), 0);
    }

    // allowNull=false is checked by the ORM before anything reaches the database.
    void notNullValidation_data() { addDialectColumn(); }
    void notNullValidation()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        {
            StatementCounter counter(db);
            QUARRY_CATCH(orm::ValidationError, e, User::create({{"firstName", "A"}, {"lastName", "B"}}));
            QCOMPARE(e->items().size(), 1);
            const orm::ValidationErrorItem &item = e->items().first();
            QCOMPARE(item.validator, QStringLiteral("notNull"));
            QCOMPARE(item.field, QStringLiteral("email"));
            QCOMPARE(item.model, QStringLiteral("User"));
            QVERIFY(!item.message.isEmpty());
            QVERIFY2(e->message().contains("email"), qPrintable(e->message()));
            QVERIFY(!dynamic_cast<const orm::DatabaseError *>(&*e));
            for (const QString &s : counter.statements())
                QVERIFY2(!s.contains("INSERT", Qt::CaseInsensitive), qPrintable(s));
            QCOMPARE(counter.count(), 0);
        }
        QCOMPARE(rawCount(db, "Users"), 0);

        // Two missing fields: two items.
        {
            QUARRY_CATCH(orm::ValidationError, e, User::create({{"lastName", "Z"}}));
            QStringList fields;
            for (const auto &i : e->items()) {
                fields << i.field;
                QCOMPARE(i.validator, QStringLiteral("notNull"));
            }
            fields.sort();
            QVERIFY2(fields == (QStringList{"email", "firstName"}), qPrintable(fields.join(", ")));
        }
        // An empty string is a value, not null (Sequelize's allowNull lets '' through).
        {
            QString why;
            try {
                User::create({{"firstName", ""}, {"lastName", ""}, {"email", "empty@x.org"}});
            } catch (const std::exception &e) {
                why = QString::fromUtf8(e.what());
            }
            QVERIFY2(why.isEmpty(), qPrintable(why));
            if (why.isEmpty()) {
                QCOMPARE(rawCount(db, "Users", R"("firstName" = '')"), 1);
                User::destroy({.where = {{"email", "empty@x.org"}}});
            }
        }
        QCOMPARE(rawCount(db, "Users"), 0);

        // On update: the row stays as it was and no UPDATE is sent.
        auto u = User::create(user("Ann", "ann@example.com"));
        u->firstName = QString();
        StatementCounter counter(db);
        QUARRY_CATCH(orm::ValidationError, e, u->save());
        QCOMPARE(e->items().size(), 1);
        QCOMPARE(e->items().first().field, QStringLiteral("firstName"));
        QCOMPARE(counter.count(), 0);
        QCOMPARE(rawValue(db, R"(SELECT "firstName" FROM "Users")").toString(), QStringLiteral("Ann"));

        // Run-time models check it the same way.
        auto tag = db.define("Tag", {{"name", QJsonObject{{"type", "STRING"}, {"allowNull", false}}}});
        tag.sync();
        StatementCounter tagCounter(db);
        QUARRY_CATCH(orm::ValidationError, e2, tag.create({}));
        QCOMPARE(e2->items().size(), 1);
        QCOMPARE(e2->items().first().field, QStringLiteral("name"));
        QCOMPARE(e2->items().first().validator, QStringLiteral("notNull"));
        QCOMPARE(e2->items().first().model, QStringLiteral("Tag"));
        QCOMPARE(tagCounter.count(), 0);
        tag.create({{"name", ""}}); // '' is not null on a run-time model either
        QCOMPARE(rawCount(db, "Tags", R"("name" = '')"), 1);
    }

    // A row holding '' is loaded, changed elsewhere and saved: the '' must survive (no
    // NULL written, no ValidationError on a column nobody touched).
    void emptyStringSurvivesLoadAndSave_data() { addDialectColumn(); }
    void emptyStringSurvivesLoadAndSave()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        rawExec(db, R"(INSERT INTO "Users" ("firstName", "lastName", "email", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?))",
                {"Ann", "", "ann@x.org", now, now});
        auto u = User::findOne({.where = {{"email", "ann@x.org"}}});
        QVERIFY(u);
        QVERIFY2(u->changed().isEmpty(), qPrintable(u->changed().join(", ")));
        u->firstName = QStringLiteral("Anne");
        u->save();
        QCOMPARE(rawCount(db, "Users", R"("lastName" = '')"), 1);
    }

    // The same on a nullable column: saving another field must not write NULL over ''.
    void emptyStringNotNulledOnSave_data() { addDialectColumn(); }
    void emptyStringNotNulledOnSave()
    {
        QUARRY_OPEN_DB();
        db.define<seed::Profile>();
        db.sync();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        rawExec(db, R"(INSERT INTO "Profiles" ("bio", "profilePicture", "createdAt", "updatedAt") VALUES (?, ?, ?, ?))",
                {"bio", "", now, now});
        auto p = seed::Profile::findOne();
        QVERIFY(p);
        p->bio = QStringLiteral("new bio");
        p->save();
        QCOMPARE(rawCount(db, "Profiles", R"("profilePicture" = '')"), 1);
    }

    void checkConstraint_data() { addDialectColumn(); }
    void checkConstraint()
    {
        QUARRY_OPEN_DB();
        ddl(db, QStringLiteral(R"(CREATE TABLE "Products" (%1, "price" INTEGER NOT NULL,
                                      CONSTRAINT "price_positive" CHECK ("price" > 0)))")
                        .arg(autoIdColumn(db)));
        auto product = db.define("Product", {{"price", "INTEGER"}}, {{"timestamps", false}});
        product.create({{"price", 5}});
        QUARRY_CATCH(orm::CheckConstraintError, e, product.create({{"price", -5}}));
        QCOMPARE(e->model(), QStringLiteral("Product"));
        QVERIFY2(e->message().contains("price_positive"), qPrintable(e->message()));
        QCOMPARE(e->constraint(), QStringLiteral("price_positive"));
        QUARRY_CATCH(orm::CheckConstraintError, e2, ormExec(db, R"(UPDATE "Products" SET "price" = ?)", {0}));
        QVERIFY2(e2->message().contains("price_positive"), qPrintable(e2->message()));
        QCOMPARE(rawValue(db, R"(SELECT "price" FROM "Products")").toInt(), 5);
    }

    void syntaxError_data() { addDialectColumn(); }
    void syntaxError()
    {
        QUARRY_OPEN_DB();
        const QString bad = QStringLiteral("SELEC 1 FROM nowhere");
        bool thrown = false;
        try {
            db.query(bad);
        } catch (const orm::ConstraintError &e) {
            QFAIL(qPrintable("a syntax error became a constraint error: " + e.message()));
        } catch (const orm::DatabaseError &e) {
            thrown = true;
            QVERIFY(typeid(e) == typeid(orm::DatabaseError));
            QCOMPARE(e.sql(), bad);
            QVERIFY(!e.driverText().isEmpty());
            QVERIFY2(e.message().contains(e.driverText()), qPrintable(e.message()));
            if (dialect == QLatin1String("postgres"))
                QCOMPARE(e.nativeCode(), QStringLiteral("42601"));
            if (dialect == QLatin1String("mariadb"))
                QCOMPARE(e.nativeCode(), QStringLiteral("1064"));
        }
        QVERIFY(thrown);
        // A missing table, with named bindings and through execute.
        QUARRY_CATCH(orm::DatabaseError, e2, db.query(QStringLiteral("SELECT * FROM no_such_table WHERE a = :a"),
                                                      QVariantMap{{"a", 1}}));
        QVERIFY(e2->sql().contains("no_such_table"));
        QUARRY_CATCH(orm::DatabaseError, e3, db.execute(QStringLiteral("DELETE FROM no_such_table")));
        QVERIFY(e3->driverText().contains("no_such_table"));
        // The connection is fine afterwards.
        QCOMPARE(db.query(QStringLiteral("SELECT 1 AS one")).value(0).value("one").toInt(), 1);
    }

    void emptyResult_data() { addDialectColumn(); }
    void emptyResult()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        QVERIFY(!User::findOne({.where = {{"email", "nobody@example.com"}}}));
        QUARRY_CATCH(orm::EmptyResultError, e,
                     User::findOne({.where = {{"email", "nobody@example.com"}}, .rejectOnEmpty = true}));
        QVERIFY2(e->message().contains("User"), qPrintable(e->message()));
        QVERIFY(!User::findByPk(4242));
        QUARRY_CATCH(orm::EmptyResultError, e2, User::findByPk(4242, {.rejectOnEmpty = true}));
        User::create(user("A", "a@x.org"));
        QVERIFY(User::findOne({.where = {{"email", "a@x.org"}}, .rejectOnEmpty = true}));
    }

    void definitionErrors_data() { addDialectColumn(); }
    void definitionErrors()
    {
        QUARRY_OPEN_DB();
        QUARRY_CATCH(orm::DefinitionError, e, db.define<Misspelled>());
        QVERIFY2(e->message().contains("Misspelled") && e->message().contains("title")
                     && e->message().contains("alowNull"),
                 qPrintable(e->message()));
        QUARRY_CATCH(orm::DefinitionError, e2, db.define<Ghostly>());
        QVERIFY2(e2->message().contains("Ghostly") && e2->message().contains("nmae"), qPrintable(e2->message()));
        QUARRY_CATCH(orm::DefinitionError, e3, db.define<Pointy>());
        QVERIFY2(e3->message().contains("Pointy") && e3->message().contains("where"), qPrintable(e3->message()));
        QUARRY_CATCH(orm::DefinitionError, e4, db.define("Bad", {{"x", "NOT_A_TYPE"}}));
        QVERIFY2(e4->message().contains("Bad") && e4->message().contains("NOT_A_TYPE"), qPrintable(e4->message()));
        QUARRY_CATCH(orm::DefinitionError, e5, db.define("Bad", {{"x", QJsonObject{{"type", "STRING"}, {"unqiue", true}}}}));
        QVERIFY2(e5->message().contains("unqiue"), qPrintable(e5->message()));
        QUARRY_CATCH(orm::DefinitionError, e6, db.define("Bad", {{"x", "STRING"}}, {{"paranoyd", true}}));
        QVERIFY2(e6->message().contains("paranoyd"), qPrintable(e6->message()));
        // Nothing half-defined is left behind, and nothing reached the database.
        QVERIFY(!db.isDefined("Misspelled"));
        QVERIFY(!db.isDefined("Bad"));
        QVERIFY(db.modelNames().isEmpty());
    }

    void queryErrors_data() { addDialectColumn(); }
    void queryErrors()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        StatementCounter counter(db);
        QUARRY_CATCH(orm::QueryError, e, User::findAll({.where = {{"emial", "x"}}}));
        QVERIFY2(e->message().contains("emial"), qPrintable(e->message()));
        QUARRY_CATCH(orm::QueryError, e2, User::findAll({.order = {{"nope", orm::Desc}}}));
        QVERIFY2(e2->message().contains("nope"), qPrintable(e2->message()));
        QUARRY_CATCH(orm::QueryError, e3, User::findAll({.attributes = {.include = {"ghost"}}}));
        QUARRY_CATCH(orm::QueryError, e4, db.model("Nope"));
        QVERIFY2(e4->message().contains("Nope"), qPrintable(e4->message()));
        QUARRY_CATCH(orm::QueryError, e5, User::restore({.all = true})); // not paranoid
        QCOMPARE(counter.count(), 0); // refused before any SQL
    }

    // After any error the next statement works, and nothing half-done stays.
    void usableAfterErrors_data() { addDialectColumn(); }
    void usableAfterErrors()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        User::create(user("A", "a@x.org"));
        // The same cached INSERT fails twice, then succeeds.
        for (int i = 0; i < 2; ++i)
            QUARRY_EXPECT_THROW(orm::UniqueConstraintError, User::create(user("B", "a@x.org")));
        QUARRY_EXPECT_THROW(orm::DatabaseError, db.query(QStringLiteral("SELECT nonsense FROM")));
        auto b = User::create(user("B", "b@x.org"));
        QVERIFY(b->id > 0);
        QCOMPARE(User::count(), 2);
        QCOMPARE(rawCount(db, "Users"), 2);
        QVERIFY(!db.inTransaction());
    }

    void failedTransactionRollsBack_data() { addDialectColumn(); }
    void failedTransactionRollsBack()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        User::create(user("Keep", "keep@x.org"));
        QUARRY_CATCH(orm::UniqueConstraintError, e, db.transaction([] {
                         User::create(user("Lost", "lost@x.org"));
                         User::create(user("Dup", "keep@x.org")); // fails: the whole transaction goes
                     }));
        QCOMPARE(e->fields(), QStringList{"email"});
        QVERIFY(!db.inTransaction());
        QCOMPARE(rawCount(db, "Users"), 1);
        QCOMPARE(rawCount(db, "Users", R"("email" = 'lost@x.org')"), 0);
        // The database is usable and the next transaction commits.
        db.transaction([] { User::create(user("Next", "next@x.org")); });
        QCOMPARE(rawCount(db, "Users"), 2);

        // Unmanaged: a failed statement inside begin() … rollback() keeps nothing either.
        db.begin();
        User::create(user("Gone", "gone@x.org"));
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, User::create(user("Dup", "keep@x.org")));
        db.rollback();
        QCOMPARE(rawCount(db, "Users"), 2);
        QCOMPARE(User::count(), 2);
    }

    // A deferred constraint fails at COMMIT: the error comes out typed, nothing is kept,
    // and the connection is not left inside the failed transaction (SQLite keeps it open).
    void deferredConstraintAtCommit_data()
    {
        QTest::addColumn<QString>("dialect");
        for (const QString &d : enabledDialects())
            if (d != QLatin1String("mariadb")) // MariaDB has no deferrable constraints
                QTest::newRow(qPrintable(d)) << d;
        if (!enabledDialects().contains("sqlite") && !enabledDialects().contains("postgres"))
            QSKIP("MariaDB has no deferrable constraints, and QUARRY_TEST_DIALECTS names no other");
    }
    void deferredConstraintAtCommit()
    {
        QUARRY_OPEN_DB();
        ddl(db, QStringLiteral(R"(CREATE TABLE "Parents" (%1, "name" VARCHAR(50)))").arg(autoIdColumn(db)));
        ddl(db, QStringLiteral(R"(CREATE TABLE "Kids" (%1, "parent_id" INTEGER NOT NULL,
                                  FOREIGN KEY ("parent_id") REFERENCES "Parents" ("id") DEFERRABLE INITIALLY DEFERRED))")
                    .arg(autoIdColumn(db)));
        const QString insertKid = dialectSql(db, R"(INSERT INTO "Kids" ("parent_id") VALUES (?))");
        QUARRY_CATCH(orm::ForeignKeyConstraintError, e, db.transaction([&] {
                         db.execute(insertKid, {77}); // accepted for now: checked at COMMIT
                     }));
        QVERIFY2(e->sql().contains("COMMIT"), qPrintable(e->sql()));
        QVERIFY(!db.inTransaction());
        QCOMPARE(rawCount(db, "Kids"), 0);
        // The connection works, and a new transaction commits for real.
        db.transaction([&] {
            ormExec(db, R"(INSERT INTO "Parents" ("id", "name") VALUES (?, ?))", {77, "late"});
            db.execute(insertKid, {77});
        });
        qint64 seen = -1;
        runInThread([&] { seen = db.query(dialectSql(db, R"(SELECT COUNT(*) AS n FROM "Kids")")).value(0).value("n").toLongLong(); });
        QCOMPARE(seen, 1);
        // Unmanaged commit: the same.
        db.begin();
        db.execute(insertKid, {78});
        QUARRY_EXPECT_THROW(orm::ForeignKeyConstraintError, db.commit());
        QVERIFY(!db.inTransaction());
        db.begin();
        db.rollback();
        QCOMPARE(rawCount(db, "Kids"), 1);
    }

    // Another connection holds a lock: the wait ends in a TimeoutError, not a hang.
    void lockTimeout_data() { addDialectColumn(); }
    void lockTimeout()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        auto a = User::create(user("A", "a@x.org"));
        db.begin();
        a->update({{"lastName", "Locked"}});
        QString caught, message;
        QElapsedTimer timer;
        timer.start();
        runInThread([&] {
            try {
                if (dialect == QLatin1String("sqlite"))
                    db.execute(QStringLiteral("PRAGMA busy_timeout = 200"));
                else if (dialect == QLatin1String("postgres"))
                    db.execute(QStringLiteral("SET lock_timeout = '300ms'"));
                else
                    db.execute(QStringLiteral("SET SESSION innodb_lock_wait_timeout = 1"));
                ormExec(db, R"(UPDATE "Users" SET "lastName" = ? WHERE "id" = ?)", {"Other", a->id});
                caught = QStringLiteral("nothing");
            } catch (const orm::TimeoutError &e) {
                caught = QStringLiteral("TimeoutError");
                message = e.message();
            } catch (const std::exception &e) {
                caught = QString::fromLatin1(typeid(e).name());
                message = QString::fromUtf8(e.what());
            }
        });
        db.rollback();
        QVERIFY2(caught == QLatin1String("TimeoutError"), qPrintable(caught + ": " + message));
        QVERIFY(timer.elapsed() < 10000);
        QCOMPARE(rawValue(db, R"(SELECT "lastName" FROM "Users")").toString(), QStringLiteral("Tester"));
        // Once the lock is gone, the same update from another thread works.
        runInThread([&] { ormExec(db, R"(UPDATE "Users" SET "lastName" = ? WHERE "id" = ?)", {"Other", a->id}); });
        QCOMPARE(rawValue(db, R"(SELECT "lastName" FROM "Users")").toString(), QStringLiteral("Other"));
    }

    void deadlockIsRetryable_data() { serverRows(); }
    void deadlockIsRetryable()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        auto a = User::create(user("A", "a@x.org"));
        auto b = User::create(user("B", "b@x.org"));
        const QString update = dialectSql(db, R"(UPDATE "Users" SET "lastName" = ? WHERE "id" = ?)");
        QString threadCaught;
        bool threadRetryable = false;
        QAtomicInt threadLocked = 0;
        std::unique_ptr<QThread> t(QThread::create([&] {
            try {
                db.transaction([&] {
                    db.execute(update, {"T", b->id});
                    threadLocked = 1;
                    db.execute(update, {"T", a->id}); // waits for main
                });
                threadCaught = QStringLiteral("nothing");
            } catch (const orm::DatabaseError &e) {
                threadCaught = QString::fromLatin1(typeid(e).name()) + ": " + e.message();
                threadRetryable = e.isRetryable() && dynamic_cast<const orm::DeadlockError *>(&e);
            } catch (const std::exception &e) {
                threadCaught = QString::fromUtf8(e.what());
            }
        }));
        QString mainCaught;
        bool mainRetryable = false;
        try {
            db.transaction([&] {
                db.execute(update, {"M", a->id});
                t->start();
                QTRY_VERIFY_WITH_TIMEOUT(threadLocked.loadRelaxed() == 1, 5000);
                QTest::qWait(300); // the thread now waits for row a
                db.execute(update, {"M", b->id}); // closes the cycle
            });
            mainCaught = QStringLiteral("nothing");
        } catch (const orm::DatabaseError &e) {
            mainCaught = QString::fromLatin1(typeid(e).name()) + ": " + e.message();
            mainRetryable = e.isRetryable() && dynamic_cast<const orm::DeadlockError *>(&e);
        }
        t->wait();
        // Exactly one side was chosen as the victim, with a retryable DeadlockError.
        QVERIFY2(mainRetryable != threadRetryable, qPrintable("main: " + mainCaught + " / thread: " + threadCaught));
        QVERIFY2((mainCaught == "nothing") != (threadCaught == "nothing"),
                 qPrintable("main: " + mainCaught + " / thread: " + threadCaught));
        const QString winner = mainRetryable ? QStringLiteral("T") : QStringLiteral("M");
        QCOMPARE(rawCount(db, "Users", QStringLiteral(R"("lastName" = '%1')").arg(winner)), 2);
    }

    // A connection the server dropped is a ConnectionError; the next call reconnects.
    void lostConnectionReconnects_data() { serverRows(); }
    void lostConnectionReconnects()
    {
        QUARRY_OPEN_DB();
        const bool pg = dialect == QLatin1String("postgres");
        const qint64 pid = db.query(pg ? QStringLiteral("SELECT pg_backend_pid() AS pid")
                                       : QStringLiteral("SELECT CONNECTION_ID() AS pid"))
                               .value(0)
                               .value("pid")
                               .toLongLong();
        QVERIFY(pid > 0);
        runInThread([&] {
            QSqlQuery q(db.connection());
            q.exec(pg ? QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid) : QStringLiteral("KILL %1").arg(pid));
        });
        QTest::qWait(200);
        QUARRY_CATCH(orm::ConnectionError, e, db.query(QStringLiteral("SELECT 2 AS two")));
        QVERIFY(!e->message().isEmpty());
        QVERIFY(!db.inTransaction());
        QCOMPARE(db.query(QStringLiteral("SELECT 3 AS three")).value(0).value("three").toInt(), 3);

        // Lost inside a managed transaction: the ConnectionError comes out (not a failed
        // rollback's error), nothing of the transaction is kept, and the next call works.
        auto item = db.define("Item", {{"name", "STRING(40)"}}, {{"timestamps", false}});
        item.sync();
        auto killMe = [&] {
            const qint64 p = db.query(pg ? QStringLiteral("SELECT pg_backend_pid() AS pid")
                                         : QStringLiteral("SELECT CONNECTION_ID() AS pid"))
                                 .value(0).value("pid").toLongLong();
            runInThread([&] {
                QSqlQuery q(db.connection());
                q.exec(pg ? QStringLiteral("SELECT pg_terminate_backend(%1)").arg(p) : QStringLiteral("KILL %1").arg(p));
            });
            QTest::qWait(200);
        };
        QUARRY_CATCH(orm::ConnectionError, e2, db.transaction([&] {
                         item.create({{"name", "lost"}});
                         killMe();
                         item.create({{"name", "never"}});
                     }));
        QVERIFY(!db.inTransaction());
        QCOMPARE(item.count(), 0);
        // Caught inside the transaction, then used again: every statement is refused (it
        // would autocommit outside the transaction the server rolled back) until the
        // transaction is rolled back; then the connection is reopened in place.
        bool refused = false;
        QUARRY_CATCH(orm::ConnectionError, e3, db.transaction([&] {
                         item.create({{"name", "lost too"}});
                         killMe();
                         try {
                             item.create({{"name", "x"}});
                         } catch (const orm::ConnectionError &) {
                         }
                         try {
                             item.create({{"name", "autocommitted"}});
                         } catch (const orm::ConnectionError &) {
                             refused = true;
                         }
                         QVERIFY(db.inTransaction());
                         item.count(); // refused too: leaves the transaction with the error
                     }));
        QVERIFY(refused);
        QVERIFY(!db.inTransaction());
        item.create({{"name", "kept"}});
        QCOMPARE(item.count(), 1);
        QVERIFY2(e3->message().contains("roll the transaction back"), qPrintable(e3->message()));
        QCOMPARE(rawCount(db, "Items", R"("name" = 'lost too')"), 0);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'autocommitted')"), 0);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'x')"), 0);

        // The same with an unmanaged transaction: commit() is refused, rollback() ends it.
        db.begin();
        item.create({{"name", "unmanaged"}});
        killMe();
        QUARRY_EXPECT_THROW(orm::ConnectionError, item.create({{"name", "y"}}));
        QUARRY_EXPECT_THROW(orm::ConnectionError, db.commit());
        QVERIFY(db.inTransaction());
        db.rollback();
        QVERIFY(!db.inTransaction());
        QCOMPARE(item.count(), 1);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'unmanaged')"), 0);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'kept')"), 1);
    }

    // Values are always bound: text that looks like SQL is stored as text.
    void valuesAreBound_data() { addDialectColumn(); }
    void valuesAreBound()
    {
        QUARRY_OPEN_DB();
        db.define<User>();
        db.sync();
        const QString evil = QStringLiteral(R"('); DROP TABLE "Users"; --)");
        const QString evil2 = QStringLiteral(R"(`); DROP TABLE `Users`; -- \' \" %_)");
        StatementCounter counter(db);
        auto u = User::create({{"firstName", evil}, {"lastName", evil2}, {"email", "x@y.z"}});
        QCOMPARE(rawValue(db, R"(SELECT "firstName" FROM "Users")").toString(), evil);
        QCOMPARE(rawValue(db, R"(SELECT "lastName" FROM "Users")").toString(), evil2);
        auto found = User::findOne({.where = {{"firstName", evil}, {"lastName", evil2}}});
        QVERIFY(found);
        QCOMPARE(found->id, u->id);
        QCOMPARE(found->firstName, evil);
        QCOMPARE(User::count({.where = {{"lastName", orm::Op::startsWith(evil2.left(5))}}}), 1);
        QCOMPARE(db.query(dialectSql(db, R"(SELECT "id" FROM "Users" WHERE "firstName" = ?)"), {evil}).size(), 1);
        QCOMPARE(db.query(dialectSql(db, R"(SELECT "id" FROM "Users" WHERE "lastName" = :v)"), QVariantMap{{"v", evil2}}).size(), 1);
        u->update({{"firstName", evil2}});
        QCOMPARE(User::update({{"lastName", evil}}, {.where = {{"firstName", evil2}}}), 1);
        QCOMPARE(rawValue(db, R"(SELECT "lastName" FROM "Users")").toString(), evil);
        for (const QString &s : counter.statements())
            QVERIFY2(!s.contains("DROP"), qPrintable(s));
        QCOMPARE(User::destroy({.where = {{"lastName", evil}}}), 1);
        // The table survived all of it.
        QCOMPARE(rawCount(db, "Users"), 0);
        User::create(user("After", "after@x.org"));
        QCOMPARE(rawCount(db, "Users"), 1);
    }

    // Identifiers are always quoted: SQL keywords work as table and column names.
    void identifiersAreQuoted_data() { addDialectColumn(); }
    void identifiersAreQuoted()
    {
        QUARRY_OPEN_DB();
        auto kw = db.define("Keyword",
                            {{"select", "STRING(40)"},
                             {"order", "INTEGER"},
                             {"from", QJsonObject{{"type", "STRING(40)"}, {"index", true}}},
                             {"group", QJsonObject{{"type", "STRING(40)"}, {"unique", true}}}},
                            {{"tableName", "table"}});
        db.sync();
        QVERIFY(columnNames(db, "table").contains("select"));
        kw.create({{"select", "a"}, {"order", 2}, {"from", "x"}, {"group", "g1"}});
        kw.create({{"select", "b"}, {"order", 1}, {"from", "y"}, {"group", "g2"}});
        const auto rows = kw.findAll({.where = {{"from", orm::Op::in({"x", "y"})}},
                                      .order = {{"order", orm::Asc}},
                                      .attributes = {.include = {"select", "order"}}});
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0]->get("select").toString(), QStringLiteral("b"));
        QCOMPARE(kw.count({.where = {{"select", "a"}}}), 1);
        QCOMPARE(kw.update({{"order", 10}}, {.where = {{"select", "a"}}}), 1);
        QVERIFY(!rows[1]->get("id").isValid() || rows[1]->get("id").isNull()); // not selected
        auto a = kw.findOne({.where = {{"select", "a"}}});
        a->increment("order", 5);
        QCOMPARE(rawValue(db, R"(SELECT "order" FROM "table" WHERE "select" = 'a')").toInt(), 15);
        QCOMPARE(kw.max("order").toInt(), 15);
        QUARRY_CATCH(orm::UniqueConstraintError, e, kw.create({{"select", "c"}, {"group", "g1"}}));
        QCOMPARE(e->fields(), QStringList{"group"});
        QCOMPARE(kw.destroy({.where = {{"group", "g2"}}}), 1);
        QCOMPARE(rawCount(db, "table"), 1);
    }
};

QTEST_GUILESS_MAIN(TestErrors)
#include "tst_errors.moc"
