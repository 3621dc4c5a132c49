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
