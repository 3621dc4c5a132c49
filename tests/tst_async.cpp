// Promise-style async (orm/Async.h): results equal the synchronous ones, continuations run
// on the caller's thread, failures arrive typed, concurrency loses nothing, per-thread
// order, cancellation, the in-memory SQLite database, the bounded pool and its clean
// shutdown, and an event loop that keeps turning while a long query runs. The event-loop
// test uses QCoreApplication and a QTimer: the tests do not link QtWidgets.
#include "SeedModels.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QSemaphore>
#include <QSet>
#include <QThread>
#include <QTimer>

using namespace quarry::test;
using seed::Post;
using seed::User;

namespace {

template <class T> T await(QFuture<T> f)
{
    f.waitForFinished();
    return f.result();
}
void await(QFuture<void> f)
{
    f.waitForFinished();
}

QVariantMap userValues(int n)
{
    return {{"firstName", QStringLiteral("F%1").arg(n)},
            {"lastName", QStringLiteral("L%1").arg(n)},
            {"email", QStringLiteral("u%1@example.com").arg(n)}};
}

// A run-time model's instances by one attribute, in order.
QStringList valuesOf(const QList<orm::Ptr<orm::Instance>> &list, const char *attribute)
{
    QStringList out;
    for (const auto &i : list)
        out.append(i->get(QString::fromLatin1(attribute)).toString());
    return out;
}

QStringList emails(const QList<orm::Ptr<User>> &users)
{
    QStringList out;
    for (const auto &u : users)
        out.append(u->email);
    return out;
}

// Collects the warnings Qt prints while alive (and still passes them on).
QMutex g_warnMutex;
QStringList g_warnings;
QtMessageHandler g_previous = nullptr;
void collectWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg || type == QtCriticalMsg) {
        QMutexLocker lock(&g_warnMutex);
        g_warnings.append(message);
    }
    if (g_previous)
        g_previous(type, context, message);
}
struct WarningCollector
{
    WarningCollector()
    {
        g_warnings.clear();
        g_previous = qInstallMessageHandler(collectWarnings);
    }
    ~WarningCollector() { qInstallMessageHandler(g_previous); }
    QStringList warnings() const
    {
        QMutexLocker lock(&g_warnMutex);
        return g_warnings;
    }
};

} // namespace

class TestAsync : public QObject
{
    Q_OBJECT

    static void setUp(orm::Database &db)
    {
        db.define<User, Post>();
        await(db.async().sync());
    }

private slots:
    void asyncEqualsSync_data() { addDialectColumn(); }
    void asyncEqualsSync()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        auto as = db.async();

        auto created = await(as.create<User>(userValues(1)));
        QVERIFY(created);
        QVERIFY(!created->isNewRecord());
        QCOMPARE(created->thread(), QThread::currentThread());
        QCOMPARE(rawCount(db, "Users"), 1);

        QList<QVariantMap> more;
        for (int i = 2; i <= 6; ++i)
            more.append(userValues(i));
        const auto bulk = await(as.bulkCreate<User>(more));
        QCOMPARE(bulk.size(), 5);
        QCOMPARE(rawCount(db, "Users"), 6);

        const orm::FindOptions ordered{.order = {{"email", orm::Asc}}};
        const auto asyncAll = await(as.findAll<User>(ordered));
        const auto syncAll = User::findAll(ordered);
        QCOMPARE(emails(asyncAll), emails(syncAll));
        for (const auto &u : asyncAll)
            QCOMPARE(u->thread(), QThread::currentThread());

        const orm::FindOptions byName{.where = {{"firstName", "F3"}}};
        QCOMPARE(await(as.findOne<User>(byName))->email, User::findOne(byName)->email);
        QCOMPARE(await(as.findByPk<User>(created->id))->email, User::findByPk(created->id)->email);
        QVERIFY(await(as.findByPk<User>(999999)).isNull());
        QCOMPARE(await(as.count<User>()), User::count());
        QCOMPARE(await(as.max<User>("id")), User::max("id"));
        const auto fc = await(as.findAndCountAll<User>({.where = {{"id", orm::Op::gt(created->id)}}, .limit = 2}));
        QCOMPARE(fc.count, 5);
        QCOMPARE(fc.rows.size(), 2);
        const auto [foc, wasCreated] = await(as.findOrCreate<User>({.where = {{"email", "u1@example.com"}}}));
        QVERIFY(!wasCreated);
        QCOMPARE(foc->id, created->id);

        // Static update and destroy.
        QCOMPARE(await(as.update<User>({{"lastName", "Same"}}, {.where = {{"id", orm::Op::lte(created->id + 1)}}})), 2);
        QCOMPARE(rawCount(db, "Users", R"("lastName" = 'Same')"), 2);
        QCOMPARE(await(as.destroy<User>({.where = {{"firstName", "F6"}}})), 1);
        QCOMPARE(rawCount(db, "Users"), 5);

        // Instance operations.
        created->firstName = QStringLiteral("Johnny");
        await(as.save(created));
        QCOMPARE(rawValue(db, R"(SELECT "firstName" FROM "Users" WHERE "id" = ?)", {created->id}).toString(),
                 QStringLiteral("Johnny"));
        await(as.update(created, {{"lastName", "Doe"}}));
        QCOMPARE(rawValue(db, R"(SELECT "lastName" FROM "Users" WHERE "id" = ?)", {created->id}).toString(),
                 QStringLiteral("Doe"));
        rawExec(db, R"(UPDATE "Users" SET "lastName" = 'Raw' WHERE "id" = ?)", {created->id});
        await(as.reload(created));
        QCOMPARE(created->lastName, QStringLiteral("Raw"));
        await(as.destroy(created));
        QCOMPARE(rawCount(db, "Users"), 4);

        // Associations: User hasMany Post.
        User::hasMany<Post>();
        await(as.sync({.force = true}));
        auto john = await(as.create<User>(userValues(10)));
        auto post = await(as.createAssociated<Post>(john, "Posts", {{"title", "T"}, {"content", "C"}}));
        QVERIFY(post);
        QCOMPARE(post->thread(), QThread::currentThread());
        auto posts = await(as.get<Post>(john, "Posts"));
        QCOMPARE(posts.size(), 1);
        QCOMPARE(posts.first()->title, QStringLiteral("T"));
        QCOMPARE(await(as.countAssociated(john, "Posts")), 1);
        // Included instances come to this thread too.
        auto withPosts = await(as.findAll<User>({.include = {{.association = "Posts"}}}));
        QCOMPARE(withPosts.size(), 1);
        QCOMPARE(withPosts.first()->many<Post>().size(), 1);
        QCOMPARE(withPosts.first()->many<Post>().first()->thread(), QThread::currentThread());

        // Raw SQL and a transaction body.
        QCOMPARE(await(as.query(dialectSql(db, R"(SELECT COUNT(*) AS "n" FROM "Posts")"))).first().value("n").toLongLong(), 1);
        const qint64 n = await(as.transaction([] {
            User::create(userValues(20));
            User::create(userValues(21));
            return User::count();
        }));
        QCOMPARE(n, 3);
        QCOMPARE(rawCount(db, "Users"), 3);
    }

    // Run-time models (db.define from JSON): every operation of db.async() by model name,
    // and the instance operations and accessors with Ptr<orm::Instance>, equal to the
    // synchronous calls and checked with raw SQL.
    void runTimeModelsEqualSync_data() { addDialectColumn(); }
    void runTimeModelsEqualSync()
    {
        QUARRY_OPEN_DB();
        auto author = db.define("Author",
                                {{"name", QJsonObject{{"type", "STRING(40)"}, {"allowNull", false}, {"unique", true}}},
                                 {"age", QJsonObject{{"type", "INTEGER"}}}},
                                {{"paranoid", true}});
        auto book = db.define("Book", {{"title", QJsonObject{{"type", "STRING(40)"}}}}, {{"timestamps", false}});
        auto tag = db.define("Label", {{"text", QJsonObject{{"type", "STRING(40)"}}}}, {{"timestamps", false}});
        author.hasMany("Book");
        book.belongsTo("Author");
        book.belongsToMany("Label", {.through = "BookLabels"});
        auto as = db.async();
        await(as.sync());
        QThread *here = QThread::currentThread();

        auto ann = await(as.create("Author", {{"name", "Ann"}, {"age", 30}}));
        QVERIFY(ann && !ann->isNewRecord());
        QCOMPARE(ann->thread(), here);
        QCOMPARE(rawCount(db, "Authors"), 1);
        QList<QVariantMap> more;
        for (int i = 1; i <= 5; ++i)
            more.append({{"name", QStringLiteral("A%1").arg(i)}, {"age", 20 + (i % 2) * 10}});
        const auto bulk = await(as.bulkCreate("Author", more));
        QCOMPARE(bulk.size(), 5);
        QCOMPARE(bulk.last()->thread(), here);
        QCOMPARE(rawCount(db, "Authors"), 6);

        const orm::FindOptions ordered{.order = {{"name", orm::Desc}}};
        QCOMPARE(valuesOf(await(as.findAll("Author", ordered)), "name"), valuesOf(author.findAll(ordered), "name"));
        const orm::FindOptions byAge{.where = {{"age", 30}}, .order = {{"name"}}};
        QCOMPARE(await(as.findOne("Author", byAge))->get("name"), author.findOne(byAge)->get("name"));
        QCOMPARE(await(as.findByPk("Author", ann->primaryKeyValue()))->get("name").toString(), QStringLiteral("Ann"));
        QVERIFY(await(as.findByPk("Author", 999999)).isNull());
        const auto [found, created] = await(as.findOrCreate("Author", {.where = {{"name", "Ann"}}}));
        QVERIFY(!created);
        QCOMPARE(found->primaryKeyValue(), ann->primaryKeyValue());
        const auto [made, wasMade] = await(as.findOrCreate("Author", {.where = {{"name", "Zed"}}, .defaults = {{"age", 99}}}));
        QVERIFY(wasMade);
        QCOMPARE(made->thread(), here);
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "Authors" WHERE "name" = 'Zed')").toInt(), 99);
        const orm::FindOptions page{.where = {{"age", orm::Op::lt(50)}}, .order = {{"name"}}, .limit = 2, .offset = 1};
        const auto fc = await(as.findAndCountAll("Author", page));
        const auto fcSync = author.findAndCountAll(page);
        QCOMPARE(fc.count, fcSync.count);
        QCOMPARE(fc.count, 6);
        QCOMPARE(valuesOf(fc.rows, "name"), valuesOf(fcSync.rows, "name"));
        QCOMPARE(fc.rows.first()->thread(), here);
        const orm::CountOptions thirty{.where = {{"age", 30}}};
        QCOMPARE(await(as.count("Author", thirty)), author.count(thirty));
        const auto groups = await(as.countGrouped("Author", {.group = {"age"}}));
        const auto groupsSync = author.countGrouped({.group = {"age"}});
        QCOMPARE(groups.size(), groupsSync.size());
        for (int i = 0; i < groups.size(); ++i) {
            QCOMPARE(groups.at(i).key, groupsSync.at(i).key);
            QCOMPARE(groups.at(i).count, groupsSync.at(i).count);
        }
        QCOMPARE(await(as.max("Author", "age")), author.max("age"));
        QCOMPARE(await(as.min("Author", "age")), author.min("age"));
        QCOMPARE(await(as.sum("Author", "age")).toLongLong(), author.sum("age").toLongLong());
        QCOMPARE(await(as.sum("Author", "age")).toLongLong(), rawValue(db, R"(SELECT SUM("age") FROM "Authors")").toLongLong());

        // Model-wide writes.
        QCOMPARE(await(as.update("Author", {{"age", 40}}, {.where = {{"age", 20}}})), 2);
        QCOMPARE(rawCount(db, "Authors", R"("age" = 40)"), 2);
        QCOMPARE(await(as.destroy("Author", {.where = {{"age", 40}}})), 2);
        QCOMPARE(rawCount(db, "Authors", R"("deletedAt" IS NOT NULL)"), 2);
        QCOMPARE(await(as.restore("Author", {.where = {{"age", 40}}})), 2);
        QCOMPARE(rawCount(db, "Authors", R"("deletedAt" IS NULL)"), 7);

        // Instance operations on Ptr<orm::Instance>.
        ann->set("name", "Annie");
        await(as.save(ann));
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "Authors" WHERE "id" = ?)", {ann->primaryKeyValue()}).toString(),
                 QStringLiteral("Annie"));
        await(as.update(ann, {{"age", 31}}));
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "Authors" WHERE "id" = ?)", {ann->primaryKeyValue()}).toInt(), 31);
        await(as.increment(ann, "age", 4));
        QCOMPARE(ann->get("age").toInt(), 35);
        await(as.increment(ann, QVariantMap{{"age", -1}}));
        QCOMPARE(ann->get("age").toInt(), 34);
        await(as.increment(ann, "age", 1));
        await(as.decrement(ann, "age", 1));
        QCOMPARE(rawValue(db, R"(SELECT "age" FROM "Authors" WHERE "id" = ?)", {ann->primaryKeyValue()}).toInt(), 34);
        rawExec(db, R"(UPDATE "Authors" SET "age" = 50 WHERE "id" = ?)", {ann->primaryKeyValue()});
        await(as.reload(ann));
        QCOMPARE(ann->get("age").toInt(), 50);
        await(as.destroy(ann));
        QVERIFY(ann->isSoftDeleted());
        QCOMPARE(rawCount(db, "Authors", R"("deletedAt" IS NOT NULL)"), 1);
        await(as.restore(ann));
        QCOMPARE(rawCount(db, "Authors", R"("deletedAt" IS NOT NULL)"), 0);

        // Association accessors.
        auto b1 = await(as.createAssociated(ann, "Books", {{"title", "One"}}));
        QCOMPARE(b1->thread(), here);
        await(as.createAssociated(ann, "Books", {{"title", "Two"}}));
        const orm::FindOptions byTitle{.order = {{"title"}}};
        const auto books = await(as.get(ann, "Books", byTitle));
        QCOMPARE(valuesOf(books, "title"), valuesOf(ann->getAssociated("Books", byTitle), "title"));
        QCOMPARE(valuesOf(books, "title"), (QStringList{"One", "Two"}));
        QCOMPARE(books.first()->thread(), here);
        QCOMPARE(await(as.countAssociated(ann, "Books")), 2);
        QCOMPARE(rawCount(db, "Books", R"("authorId" = )" + ann->primaryKeyValue().toString()), 2);
        const auto labels = await(as.bulkCreate("Label", {{{"text", "red"}}, {{"text", "blue"}}}));
        await(as.add(b1, "Labels", labels.first()));
        QVERIFY(await(as.has(b1, "Labels", labels.first())));
        QVERIFY(!await(as.has(b1, "Labels", labels))); // all of them
        QVERIFY(!await(as.has(b1, "Labels", labels.last())));
        QCOMPARE(rawCount(db, "BookLabels"), 1);
        await(as.setAssociated(b1, "Labels", QList<orm::Ptr<orm::Instance>>{labels.last()}));
        QCOMPARE(valuesOf(await(as.get(b1, "Labels")), "text"), QStringList{"blue"});
        await(as.remove(b1, "Labels", labels.last()));
        QCOMPARE(rawCount(db, "BookLabels"), 0);
        const auto more3 = await(as.createAssociated(ann, "Books", QList<QVariantMap>{{{"title", "Three"}}, {{"title", "Four"}}}));
        QCOMPARE(more3.size(), 2);
        QCOMPARE(more3.last()->thread(), here);
        QCOMPARE(rawCount(db, "Books", R"("authorId" = )" + ann->primaryKeyValue().toString()), 4);
        QCOMPARE(await(as.describeTable("Books")).columns.size(), db.describeTable("Books").columns.size());
        auto owner = await(as.getOne(await(as.findOne("Book", {.where = {{"title", "Two"}}})), "Author"));
        QVERIFY(owner);
        QCOMPARE(owner->get("name").toString(), QStringLiteral("Annie"));

        // Failures arrive typed.
        QUARRY_EXPECT_THROW(orm::QueryError, await(as.findAll("Nobody")));
        QUARRY_EXPECT_THROW(orm::ValidationError, await(as.create("Author", {{"age", 1}})));
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, await(as.create("Author", {{"name", "Zed"}})));

        // Per model sync and drop.
        await(as.drop("BookLabels"));
        QVERIFY(!db.tableNames().contains("BookLabels"));
        await(as.sync("BookLabels"));
        QVERIFY(db.tableNames().contains("BookLabels"));
    }

    // The options of an async transaction apply: the isolation level is the one asked for.
    void transactionOptions_data() { addDialectColumn(); }
    void transactionOptions()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        auto as = db.async();
        if (dialect == QLatin1String("sqlite")) {
            // SQLite: ReadUncommitted sets PRAGMA read_uncommitted for the transaction.
            const auto pragma = [db] { return db.query("PRAGMA read_uncommitted").first().first().toInt(); };
            QCOMPARE(await(as.transaction(pragma, {.isolation = orm::IsolationLevel::ReadUncommitted})), 1);
            QCOMPARE(await(as.transaction(pragma)), 0);
            QCOMPARE(await(as.run(pragma)), 0); // and back after it
            return;
        }
        if (dialect == QLatin1String("postgres")) {
            const auto level = [db] { return db.query("SHOW transaction_isolation").first().first().toString(); };
            QCOMPARE(await(as.transaction(level, {.isolation = orm::IsolationLevel::Serializable})), QStringLiteral("serializable"));
            QCOMPARE(await(as.transaction(level, {.isolation = orm::IsolationLevel::RepeatableRead})), QStringLiteral("repeatable read"));
            QCOMPARE(await(as.transaction(level)), QStringLiteral("read committed"));
        }
        // What the level does: a row another connection commits between two reads of the
        // body is seen by the second one at READ COMMITTED, not at REPEATABLE READ (on
        // PostgreSQL and MariaDB, whose defaults are one and the other).
        int k = 0;
        for (const auto level : {orm::IsolationLevel::ReadCommitted, orm::IsolationLevel::RepeatableRead}) {
            QSemaphore firstRead, committed;
            auto delta = as.transaction(
                [&] {
                    const qint64 before = User::count();
                    firstRead.release();
                    committed.acquire();
                    return User::count() - before;
                },
                {.isolation = level});
            QVERIFY(firstRead.tryAcquire(1, 30000));
            User::create(userValues(++k)); // on this thread's connection, committed at once
            committed.release();
            QCOMPARE(await(delta), level == orm::IsolationLevel::ReadCommitted ? 1 : 0);
        }
        QCOMPARE(rawCount(db, "Users"), 2);
    }

    void continuationsOnCallerThread_data() { addDialectColumn(); }
    void continuationsOnCallerThread()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        QObject context;
        QThread *ranOn = nullptr;
        QThread *workedOn = nullptr;
        QThread *instanceThread = nullptr;
        bool done = false;
        db.async()
            .run([&] {
                workedOn = QThread::currentThread();
                return User::create(userValues(1));
            })
            .then(&context, [&](const orm::Ptr<User> &u) {
                ranOn = QThread::currentThread();
                instanceThread = u->thread();
                done = true;
            });
        QTRY_VERIFY(done);
        QCOMPARE(ranOn, QThread::currentThread());
        QCOMPARE(instanceThread, QThread::currentThread());
        QVERIFY(workedOn != QThread::currentThread());

        // From another thread (no event loop): its instances live in that thread.
        QThread *asker = nullptr;
        QThread *owner = nullptr;
        std::unique_ptr<QThread> t(QThread::create([&] {
            asker = QThread::currentThread();
            auto users = await(db.async().findAll<User>());
            owner = users.value(0) ? users.first()->thread() : nullptr;
        }));
        t->start();
        QVERIFY(t->wait(30000));
        QVERIFY(asker);
        QCOMPARE(owner, asker);
    }

    void failuresArriveTyped_data() { addDialectColumn(); }
    void failuresArriveTyped()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        await(db.async().create<User>(userValues(1)));
        QObject context;
        bool typed = false, other = false, done = false;
        db.async()
            .create<User>(userValues(1))
            .then(&context, [](const orm::Ptr<User> &) {})
            .onFailed(&context, [&](const orm::UniqueConstraintError &e) {
                typed = QString::fromUtf8(e.what()).size() > 0;
                done = true;
            })
            .onFailed(&context, [&] {
                other = true;
                done = true;
            });
        QTRY_VERIFY(done);
        QVERIFY(typed);
        QVERIFY(!other);
        // result() rethrows the same type.
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, await(db.async().create<User>(userValues(1))));
        // A failing transaction body rolls back and reports its own error.
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, await(db.async().transaction([] {
            User::create(userValues(2));
            User::create(userValues(1));
        })));
        QCOMPARE(rawCount(db, "Users"), 1);
        // An undefined model is a QueryError through the future too.
        orm::Database other2 = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QUARRY_EXPECT_THROW(orm::QueryError, await(other2.async().count<Post>()));
    }

    void hundredConcurrent_data() { addDialectColumn(); }
    void hundredConcurrent()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        QMutex m;
        QStringList errors;
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&, t] {
                // Half on this thread's serial lane, half in parallel.
                QList<QFuture<orm::Ptr<User>>> futures;
                for (int i = 0; i < 25; ++i)
                    futures.append(db.async({.parallel = i % 2 == 1}).create<User>(userValues(t * 100 + i)));
                for (auto &f : futures) {
                    try {
                        await(f);
                    } catch (const std::exception &e) {
                        QMutexLocker lock(&m);
                        errors.append(QString::fromUtf8(e.what()));
                    }
                }
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join("\n")));
        QCOMPARE(rawCount(db, "Users"), 100);
    }

    void orderPerThread_data() { addDialectColumn(); }
    void orderPerThread()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        auto as = db.async();
        QMutex m;
        QList<int> started;
        QList<QFuture<void>> futures;
        for (int i = 0; i < 30; ++i)
            futures.append(as.run([&, i] {
                {
                    QMutexLocker lock(&m);
                    started.append(i);
                }
                User::create(userValues(i));
            }));
        // Dependent operations queued behind: they see everything before them.
        auto countAfter = as.count<User>();
        auto updated = as.update<User>({{"lastName", "X"}}, {.where = {{"id", orm::Op::gt(0)}}});
        QCOMPARE(await(countAfter), 30);
        QCOMPARE(await(updated), 30);
        for (auto &f : futures)
            await(f);
        QList<int> expected;
        for (int i = 0; i < 30; ++i)
            expected.append(i);
        QCOMPARE(started, expected);
        // The ids follow the order the creates were started in.
        const auto rows = rawRows(db, R"(SELECT "firstName" FROM "Users" ORDER BY "id")");
        QCOMPARE(rows.size(), 30);
        for (int i = 0; i < 30; ++i)
            QCOMPARE(rows.at(i).at(0).toString(), QStringLiteral("F%1").arg(i));
    }

    void cancellation_data() { addDialectColumn(); }
    void cancellation()
    {
        QUARRY_OPEN_DB();
        setUp(db);
        auto as = db.async();

        // Not started yet: removed from the queue, never runs.
        QSemaphore gate, running;
        auto blocker = as.run([&] {
            running.release();
            gate.acquire();
        });
        running.acquire();
        auto queued = as.create<User>(userValues(1));
        auto after = as.create<User>(userValues(2));
        queued.cancel();
        gate.release();
        await(after);
        await(blocker);
        QVERIFY(queued.isCanceled());
        QCOMPARE(rawCount(db, "Users", R"("email" = 'u1@example.com')"), 0);
        QCOMPARE(rawCount(db, "Users"), 1);

        // Running: a plain operation finishes.
        QSemaphore inBody, mayFinish;
        auto plain = as.run([&] {
            User::create(userValues(3));
            inBody.release();
            mayFinish.acquire();
        });
        inBody.acquire();
        plain.cancel();
        mayFinish.release();
        plain.waitForFinished();
        QCOMPARE(rawCount(db, "Users", R"("email" = 'u3@example.com')"), 1);

        // Running transaction: rolled back, nothing half-written stays.
        auto tx = as.transaction([&] {
            User::create(userValues(4));
            User::create(userValues(5));
            inBody.release();
            mayFinish.acquire();
            User::create(userValues(6));
        });
        inBody.acquire();
        tx.cancel();
        mayFinish.release();
        tx.waitForFinished();
        QVERIFY(tx.isCanceled());
        QCOMPARE(rawCount(db, "Users", R"("email" IN ('u4@example.com', 'u5@example.com', 'u6@example.com'))"), 0);
        // The worker's connection is usable afterwards, outside any transaction.
        QCOMPARE(await(as.count<User>()), 2);
    }

    void eventLoopKeepsTurning_data() { addDialectColumn(); }
    void eventLoopKeepsTurning()
    {
        QUARRY_OPEN_DB();
        QString longQuery;
        if (dialect == QLatin1String("sqlite"))
            longQuery = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) "
                                       "SELECT SUM(x) AS s FROM c");
        else if (dialect == QLatin1String("postgres"))
            longQuery = QStringLiteral("SELECT pg_sleep(0.6) AS s");
        else
            longQuery = QStringLiteral("SELECT SLEEP(0.6) AS s");
        int ticks = 0;
        QTimer timer;
        timer.setInterval(10);
        QObject::connect(&timer, &QTimer::timeout, [&] { ++ticks; });
        timer.start();
        QEventLoop loop;
        QElapsedTimer clock;
        clock.start();
        bool ok = false;
        db.async().query(longQuery).then(&loop, [&](const QList<QVariantMap> &rows) {
            ok = rows.size() == 1;
            loop.quit();
        });
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        const qint64 ms = clock.elapsed();
        QVERIFY(ok);
        qDebug() << dialect << "query took" << ms << "ms; timer fired" << ticks << "times";
        QVERIFY2(ms >= 100, "the query was too short to show anything");
        QVERIFY2(ticks >= ms / 10 / 4, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(ms)));
    }

    // The README's examples, as written there (with a context object for "this").
    void readmeExamples_data() { addDialectColumn(); }
    void readmeExamples()
    {
        QUARRY_OPEN_DB();
        db.define<User, seed::Profile, seed::Group>();
        User::hasOne<seed::Profile>();
        User::belongsToMany<seed::Group>({.through = "UserGroups"});
        await(db.async().sync());
        QObject ctx;
        QObject *self = &ctx;
        QString bio, included;
        bool taken = false;
        auto as = db.async();
        as.create<User>({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@example.com"}})
            .then(self, [as](const orm::Ptr<User> &user) {
                return as.createAssociated<seed::Profile>(user, "Profile",
                                                          {{"bio", "Alternative bio"}, {"profilePicture", "avatar2.jpg"}});
            })
            .unwrap()
            .then(self, [&](const orm::Ptr<seed::Profile> &profile) { bio = profile->bio; })
            .onFailed(self, [&](const orm::UniqueConstraintError &) { taken = true; });
        QTRY_COMPARE(bio, QStringLiteral("Alternative bio"));
        as.findOne<User>({.where = {{"email", "john@example.com"}}, .include = {orm::include<seed::Profile>()}})
            .then(self, [&](const orm::Ptr<User> &user) { included = user->one<seed::Profile>()->bio; });
        QTRY_COMPARE(included, QStringLiteral("Alternative bio"));

        seed::Group::create({{"name", "Admins"}});
        qint64 groups = -1;
        db.async()
            .transaction([] {
                auto user = User::findOne({.where = {{"email", "john@example.com"}}});
                auto admins = seed::Group::findOne({.where = {{"name", "Admins"}}});
                user->add("Groups", admins);
                return user->countAssociated("Groups");
            })
            .then(self, [&](qint64 n) { groups = n; });
        QTRY_COMPARE(groups, 1);
        bool synced = false;
        db.async().sync({.alter = true}).then(self, [&] { synced = true; }).onFailed(self, [](const orm::Error &e) {
            QFAIL(e.what());
        });
        QTRY_VERIFY(synced);
        // The same chain again: the email is taken now.
        as.create<User>({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@example.com"}})
            .then(self, [](const orm::Ptr<User> &) {})
            .onFailed(self, [&](const orm::UniqueConstraintError &) { taken = true; });
        QTRY_VERIFY(taken);
    }

    void sqliteMemoryShared()
    {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        setUp(db);
        User::create(userValues(1));
        // Async work sees the data of this thread's connection, and the other way round.
        QCOMPARE(await(db.async().count<User>()), 1);
        await(db.async().create<User>(userValues(2)));
        QCOMPARE(User::count(), 2);
        // Every async operation runs on the one worker connection, even parallel ones.
        QList<QFuture<void>> fs;
        for (int i = 0; i < 8; ++i)
            fs.append(db.async({.parallel = true}).run([i] { User::create(userValues(10 + i)); }));
        QSet<QString> connections;
        for (int i = 0; i < 4; ++i)
            connections.insert(await(db.async({.parallel = true}).run([db] { return db.connection().connectionName(); })));
        for (auto &f : fs)
            await(f);
        QCOMPARE(connections.size(), 1);
        QVERIFY(!connections.contains(db.connection().connectionName()));
        QCOMPARE(User::count(), 10);
    }

    // In-memory SQLite locks per table and reports a lock of another connection at once:
    // a read on this thread while an async transaction has written the table must wait for
    // the commit (up to the busy timeout) and then see the committed rows, not fail.
    void sqliteMemoryReadWaitsForWriter()
    {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        setUp(db);
        User::create(userValues(1));
        QSemaphore written;
        QFuture<void> writer = db.async().transaction([&] {
            User::create(userValues(2));
            written.release();
            QThread::msleep(300); // hold the table's write lock
        });
        written.acquire();
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(User::count(), 2); // waited for the commit instead of a TimeoutError
        QVERIFY2(timer.elapsed() >= 200, qPrintable(QString::number(timer.elapsed())));
        await(writer);
        QCOMPARE(rawCount(db, "Users"), 2);
    }

    void boundedPool_data() { addDialectColumn(); }
    void boundedPool()
    {
        QUARRY_OPEN_DB();
        db.configureAsync({.maxThreads = 2});
        QMutex m;
        QSet<QThread *> used;
        int concurrent = 0, peak = 0;
        QList<QFuture<void>> fs;
        for (int i = 0; i < 8; ++i)
            fs.append(db.async({.parallel = true}).run([&] {
                {
                    QMutexLocker lock(&m);
                    used.insert(QThread::currentThread());
                    peak = qMax(peak, ++concurrent);
                }
                QThread::msleep(30);
                QMutexLocker lock(&m);
                --concurrent;
            }));
        for (auto &f : fs)
            await(f);
        QVERIFY(used.size() <= 2);
        QCOMPARE(peak, 2);
    }

    // The pool dies on its own worker when a job holds the database's last handle, and the
    // worker was started by a thread that has ended since: nothing may be left behind (the
    // sanitizer stage's LeakSanitizer fails this test if the worker is never deleted).
    void lastHandleReleasedOnWorker_data() { addDialectColumn(); }
    void lastHandleReleasedOnWorker()
    {
        QFETCH(QString, dialect);
        const QString url = dialect == QLatin1String("sqlite") ? QStringLiteral("sqlite::memory:") : urlFor(dialect);
        QSemaphore started, release;
        QFuture<int> result;
        QString failed;
        QThread *caller = QThread::create([&] {
            try {
                const orm::Database db = orm::Database::open(url);
                result = db.async().run([db, &started, &release] {
                    started.release();
                    release.acquire();
                    return db.query(QStringLiteral("SELECT 1 AS one")).value(0).value(QStringLiteral("one")).toInt();
                });
            } catch (const std::exception &e) {
                failed = QString::fromUtf8(e.what());
                started.release();
            }
        }); // the caller's handle goes with its thread; the job keeps the last one
        caller->start();
        started.acquire();
        QVERIFY(caller->wait(20000));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        delete caller;
        release.release();
        QCOMPARE(await(result), 1);
        // A new pool afterwards works, and collects the old pool's worker.
        const orm::Database again = orm::Database::open(url);
        QCOMPARE(await(again.async().run([] { return 2; })), 2);
    }

    void cleanShutdown_data() { addDialectColumn(); }
    void cleanShutdown()
    {
        QFETCH(QString, dialect);
        WarningCollector collector;
        QStringList workerConnections;
        QString mainConnection;
        {
            orm::Database db = openDatabase(dialect);
            mainConnection = db.connection().connectionName();
            setUp(db);
            QList<QFuture<QString>> fs;
            for (int i = 0; i < 6; ++i)
                fs.append(db.async({.parallel = true}).run([db, i] {
                    User::create(userValues(i));
                    QThread::msleep(20);
                    return db.connection().connectionName();
                }));
            // Also from another thread, and instances kept past the database handle.
            std::unique_ptr<QThread> t(QThread::create([&] { await(db.async().findAll<User>()); }));
            t->start();
            t->wait();
            for (auto &f : fs)
                workerConnections.append(await(f));
            auto kept = await(db.async().findAll<User>());
            QCOMPARE(kept.size(), 6);
            // kept and db go here: the pool is joined, every connection closed.
        }
        workerConnections.removeDuplicates();
        QVERIFY(!workerConnections.isEmpty());
        // Usually synchronous; when the last reference was a result the worker still held
        // for a moment, the shutdown runs there, right after that job.
        const auto allClosed = [&] {
            const QStringList names = QSqlDatabase::connectionNames();
            for (const QString &n : workerConnections)
                if (names.contains(n))
                    return false;
            return !names.contains(mainConnection);
        };
        QTRY_VERIFY(allClosed());
        QVERIFY2(collector.warnings().isEmpty(), qPrintable(collector.warnings().join("\n")));

        // An operation still queued when the handles go keeps the database alive until it ran.
        QFuture<qint64> late;
        {
            orm::Database db = openDatabase(dialect);
            setUp(db);
            late = db.async().run([] {
                QThread::msleep(50);
                return User::count();
            });
        }
        QCOMPARE(await(late), 0);
        QTest::qWait(50);
        QVERIFY2(collector.warnings().isEmpty(), qPrintable(collector.warnings().join("\n")));
    }
};

QTEST_GUILESS_MAIN(TestAsync)
#include "tst_async.moc"
