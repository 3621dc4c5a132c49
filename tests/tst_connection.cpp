// Connection: opening from URLs and from the seed's (database, user, password, options)
// form, ConnectionErrors that say what is wrong, the default database, SQLite's session
// settings, one connection per thread, the SQL listeners, the quarry.sql log, raw queries
// with bindings, and transactions (managed, nested with savepoints, unmanaged).
#include "SeedModels.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QSqlDriver>
#include <QSqlError>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <optional>
#include <QScopeGuard>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace quarry::test;

// Never passed to define() anywhere: it must resolve on the default database.
class Lonely : public orm::Model<Lonely>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Lonely(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name;
};

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

namespace {

// Runs fn on a new QThread (so with its own connection) and waits for it. Exceptions
// are caught on the thread and returned as text.
QString runInThread(const std::function<void()> &fn)
{
    QString error;
    std::unique_ptr<QThread> t(QThread::create([&] {
        try {
            fn();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
        }
    }));
    t->start();
    t->wait();
    return error;
}

// A run-time model used by most tests: a table of names with a unique key.
orm::ModelHandle defineItem(orm::Database &db)
{
    auto item = db.define("Item", {{"name", QJsonObject{{"type", "STRING(40)"}, {"allowNull", false}, {"unique", true}}},
                                   {"n", QJsonObject{{"type", "INTEGER"}, {"defaultValue", 0}}}},
                          {{"timestamps", false}});
    db.sync();
    return item;
}

// How many rows another connection (a new thread's) sees: only committed ones.
qint64 countElsewhere(const orm::Database &db, const QString &table)
{
    qint64 n = -1;
    const QString err = runInThread([&] {
        n = db.query(dialectSql(db, QStringLiteral("SELECT COUNT(*) AS n FROM \"%1\"").arg(table))).value(0).value("n").toLongLong();
    });
    if (!err.isEmpty())
        qWarning() << "countElsewhere:" << err;
    return n;
}

qint64 countHere(const orm::Database &db, const QString &table)
{
    return db.query(dialectSql(db, QStringLiteral("SELECT COUNT(*) AS n FROM \"%1\"").arg(table))).value(0).value("n").toLongLong();
}

// The URL a server test row connects with; mysql:// is the MariaDB server through QMYSQL.
QString serverUrl(const QString &scheme)
{
    if (scheme == QLatin1String("postgres") || scheme == QLatin1String("postgresql")) {
        QUrl u(urlFor(QStringLiteral("postgres")));
        if (u.isEmpty())
            return {};
        u.setScheme(scheme);
        return u.toString();
    }
    QUrl u(urlFor(QStringLiteral("mariadb")));
    if (u.isEmpty())
        return {};
    u.setScheme(scheme);
    return u.toString();
}

QString dialectOfScheme(const QString &scheme)
{
    return scheme == QLatin1String("postgresql") ? QStringLiteral("postgres") : scheme;
}

// The seed's options. Built member by member: orm::ConnectOptions has members without a
// "{}" initializer, so a designated initializer that skips them trips
// -Wmissing-field-initializers (reported; orm/Database.h is not ours to change).
orm::ConnectOptions options(const QString &dialect, const QString &host = QStringLiteral("localhost"), int port = -1)
{
    orm::ConnectOptions o;
    o.dialect = dialect;
    o.host = host;
    o.port = port;
    return o;
}

struct LogCapture
{
    static inline QMutex mutex;
    static inline QStringList messages;
    static inline QtMessageHandler previous = nullptr;
    static void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
    {
        if (ctx.category && QByteArray(ctx.category) == "quarry.sql") {
            QMutexLocker lock(&mutex);
            messages.append(msg);
            return;
        }
        if (previous)
            previous(type, ctx, msg);
    }
};

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

    // Rows for URL tests: one per scheme whose server is enabled.
    void serverSchemeRows()
    {
        QTest::addColumn<QString>("scheme");
        const QStringList enabled = enabledDialects();
        if (enabled.contains("postgres")) {
            QTest::newRow("postgres") << QStringLiteral("postgres");
            QTest::newRow("postgresql") << QStringLiteral("postgresql");
        }
        if (enabled.contains("mariadb")) {
            QTest::newRow("mariadb") << QStringLiteral("mariadb");
            QTest::newRow("mysql") << QStringLiteral("mysql");
        }
    }

    void serverSchemeRowsOrSkip()
    {
        serverSchemeRows();
        if (!enabledDialects().contains("postgres") && !enabledDialects().contains("mariadb"))
            QSKIP("needs a PostgreSQL or MariaDB server, and QUARRY_TEST_DIALECTS names none");
    }

private slots:
    void sqliteFileUrl()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("created.db"));
        QVERIFY(!QFile::exists(path));
        {
            orm::Database db = orm::Database::open(QStringLiteral("sqlite:") + path);
            QVERIFY(db.isValid());
            QVERIFY(db.isOpen());
            QCOMPARE(db.dialectName(), QStringLiteral("sqlite"));
            QCOMPARE(db.url(), QStringLiteral("sqlite:") + path);
            QCOMPARE(db.connection().driverName(), QStringLiteral("QSQLITE"));
            QVERIFY(QFile::exists(path));
            db.execute(QStringLiteral("CREATE TABLE t (x INTEGER)"));
            db.execute(QStringLiteral("INSERT INTO t (x) VALUES (?)"), {42});
        }
        // The data is in the file: a new Database on the same path (sqlite://path form) sees it.
        orm::Database again = orm::Database::open(QStringLiteral("sqlite://") + path);
        QCOMPARE(again.query(QStringLiteral("SELECT x FROM t")).value(0).value("x").toInt(), 42);
    }

    void sqliteMemoryUrl()
    {
        orm::Database a = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QVERIFY(a.isOpen());
        QCOMPARE(a.dialectName(), QStringLiteral("sqlite"));
        a.execute(QStringLiteral("CREATE TABLE t (x INTEGER)"));
        a.execute(QStringLiteral("INSERT INTO t (x) VALUES (1)"));
        QCOMPARE(a.query(QStringLiteral("SELECT COUNT(*) AS n FROM t")).value(0).value("n").toInt(), 1);
        // Two memory databases are two databases.
        orm::Database b = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QUARRY_CATCH(orm::DatabaseError, e, b.query(QStringLiteral("SELECT * FROM t")));
        QVERIFY2(e->driverText().contains("no such table"), qPrintable(e->driverText()));
        // No file named ":memory:" or similar was created in the working directory.
        QVERIFY(!QFile::exists(QStringLiteral(":memory:")));
    }

    void serverUrls_data() { serverSchemeRowsOrSkip(); }
    void serverUrls()
    {
        QFETCH(QString, scheme);
        const QString url = serverUrl(scheme);
        QVERIFY2(!url.isEmpty(), "server URL not set: run with scripts/test.sh or source the servers' env");
        orm::Database db = orm::Database::open(url);
        QVERIFY(db.isOpen());
        QCOMPARE(db.dialectName(), dialectOfScheme(scheme));
        const QString driver = scheme.startsWith("postgres") ? QStringLiteral("QPSQL")
                               : scheme == QLatin1String("mysql") ? QStringLiteral("QMYSQL")
                                                                  : QStringLiteral("QMARIADB");
        QCOMPARE(db.connection().driverName(), driver);
        QCOMPARE(db.query(QStringLiteral("SELECT 1 + 1 AS two")).value(0).value("two").toInt(), 2);
        // url() never shows the password.
        const QUrl u(url);
        QVERIFY(!u.password().isEmpty());
        QVERIFY2(!db.url().contains(u.userName() + ":" + u.password()), qPrintable(db.url()));
        QVERIFY2(db.url().contains(u.host()) && db.url().contains(u.path()), qPrintable(db.url()));
        // The session runs in UTC on both servers.
        if (scheme.startsWith("postgres"))
            QCOMPARE(db.query(QStringLiteral("SHOW TIME ZONE")).value(0).first().toString(), QStringLiteral("UTC"));
        else
            QCOMPARE(db.query(QStringLiteral("SELECT @@session.time_zone AS tz")).value(0).value("tz").toString(),
                     QStringLiteral("+00:00"));
    }

    // new Sequelize(database, username, password, {host, port, dialect})
    void seedForm_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        serverSchemeRows();
    }
    void seedForm()
    {
        QFETCH(QString, scheme);
        if (scheme == QLatin1String("sqlite")) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("seed.db"));
            orm::Database db = orm::Database::open(path, {}, {}, options("sqlite"));
            QVERIFY(QFile::exists(path));
            QCOMPARE(db.dialectName(), QStringLiteral("sqlite"));
            // storage wins over the database argument, as in Sequelize.
            const QString storage = dir.filePath(QStringLiteral("storage.db"));
            orm::ConnectOptions withStorage = options("sqlite");
            withStorage.storage = storage;
            orm::Database db2 = orm::Database::open(QStringLiteral("ignored"), {}, {}, withStorage);
            QVERIFY(QFile::exists(storage));
            QVERIFY(!QFile::exists(QStringLiteral("ignored")));
            return;
        }
        const QUrl u(serverUrl(scheme));
        QVERIFY(!u.isEmpty());
        orm::Database db = orm::Database::open(u.path().mid(1), u.userName(), u.password(),
                                               options(scheme, u.host(), u.port()));
        QCOMPARE(db.dialectName(), dialectOfScheme(scheme));
        QCOMPARE(db.query(QStringLiteral("SELECT 3 AS three")).value(0).value("three").toInt(), 3);
        QCOMPARE(db.connection().port(), u.port());
        QCOMPARE(db.connection().hostName(), u.host());
        // The same form with a wrong password fails at open, saying why.
        QUARRY_CATCH(orm::ConnectionError, e,
                     orm::Database::open(u.path().mid(1), u.userName(), QStringLiteral("Wr0ngPassw0rd"),
                                         options(scheme, u.host(), u.port())));
        QVERIFY2(!e->message().contains("Wr0ngPassw0rd"), qPrintable(e->message()));
    }

    void connectionErrors_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("mustSay"); // every one of these, case-insensitive
        QTest::newRow("no scheme") << "nonsense" << QStringList{"Invalid database URL", "nonsense"};
        QTest::newRow("empty") << "" << QStringList{"Invalid database URL"};
        QTest::newRow("no database") << "postgres://nohost" << QStringList{"no database name", "nohost"};
        QTest::newRow("no host") << "postgres:///db" << QStringList{"Invalid database URL"};
        QTest::newRow("unknown dialect") << "oracle://scott:tiger@localhost:1521/orcl"
                                         << QStringList{"Unknown dialect 'oracle'", "sqlite, postgres, mysql or mariadb"};
        QTest::newRow("sqlite without path") << "sqlite:" << QStringList{"SQLite needs a file path"};
        QTest::newRow("sqlite bad dir") << "sqlite:/nonexistent-quarry-dir/sub/x.db"
                                        << QStringList{"Cannot open", "/nonexistent-quarry-dir/sub/x.db"};
        const QStringList enabled = enabledDialects();
        if (enabled.contains("postgres")) {
            QUrl u(urlFor("postgres"));
            u.setPassword("Wr0ngPassw0rd");
            QTest::newRow("postgres wrong password") << u.toString() << QStringList{"Cannot open", "password authentication failed"};
            u = QUrl(urlFor("postgres"));
            u.setPort(1);
            QTest::newRow("postgres unreachable port") << u.toString() << QStringList{"Cannot open", "127.0.0.1:1"};
        }
        if (enabled.contains("mariadb")) {
            QUrl u(urlFor("mariadb"));
            u.setPassword("Wr0ngPassw0rd");
            QTest::newRow("mariadb wrong password") << u.toString() << QStringList{"Cannot open", "Access denied"};
            u.setScheme("mysql");
            QTest::newRow("mysql wrong password") << u.toString() << QStringList{"Cannot open", "Access denied"};
            u = QUrl(urlFor("mariadb"));
            u.setPort(1);
            QTest::newRow("mariadb unreachable port") << u.toString() << QStringList{"Cannot open", "127.0.0.1:1"};
        }
    }
    void connectionErrors()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, mustSay);
        const QStringList before = QSqlDatabase::connectionNames();
        QElapsedTimer timer;
        timer.start();
        QUARRY_CATCH(orm::ConnectionError, e, orm::Database::open(url));
        QVERIFY2(timer.elapsed() < 5000, "a connection error must come fast");
        for (const QString &s : mustSay)
            QVERIFY2(e->message().contains(s, Qt::CaseInsensitive),
                     qPrintable(QStringLiteral("'%1' does not say '%2'").arg(e->message(), s)));
        QVERIFY2(!e->message().contains("Wr0ngPassw0rd"), qPrintable(e->message()));
        QCOMPARE(QString::fromUtf8(e->what()), e->message());
        // A failed open leaves no QSqlDatabase connection behind.
        QCOMPARE(QSqlDatabase::connectionNames(), before);
    }

    // A server that accepts the TCP connection and then never answers (a listening socket
    // nobody accepts on: the kernel completes the handshake). Opening must give up after
    // the connect timeout with a ConnectionError instead of hanging.
    void connectTimeout_data() { serverSchemeRowsOrSkip(); }
    void connectTimeout()
    {
        QFETCH(QString, scheme);
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0);
        QVERIFY(::listen(fd, 16) == 0);
        QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0);
        const int port = ntohs(addr.sin_port);
        auto closeSocket = qScopeGuard([fd] { ::close(fd); });

        const QString url = QStringLiteral("%1://quarry:secret@127.0.0.1:%2/silent?connectTimeout=2").arg(scheme).arg(port);
        QElapsedTimer timer;
        timer.start();
        QUARRY_CATCH(orm::ConnectionError, e, orm::Database::open(url));
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms >= 1500 && ms < 15000, qPrintable(QStringLiteral("gave up after %1 ms").arg(ms)));
        QVERIFY2(e->message().contains("Cannot open"), qPrintable(e->message()));

        // The seed's form: the option, and its default of 10 s that a URL need not name.
        QCOMPARE(orm::ConnectOptions().connectTimeoutSeconds, 10);
        orm::ConnectOptions o;
        o.dialect = scheme;
        o.host = QStringLiteral("127.0.0.1");
        o.port = port;
        o.connectTimeoutSeconds = 1;
        timer.restart();
        QUARRY_CATCH(orm::ConnectionError, e2, orm::Database::open("silent", "quarry", "secret", o));
        QVERIFY2(timer.elapsed() >= 700 && timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
        Q_UNUSED(e2);

        QUARRY_CATCH(orm::ConnectionError, bad, orm::Database::open(QStringLiteral("%1://u:p@127.0.0.1:%2/db?connectTimeout=soon").arg(scheme).arg(port)));
        QVERIFY2(bad->message().contains("connectTimeout"), qPrintable(bad->message()));
    }

    void seedFormErrors()
    {
        QUARRY_CATCH(orm::ConnectionError, e, orm::Database::open("db", "u", "p", options("oracle")));
        QVERIFY2(e->message().contains("oracle"), qPrintable(e->message()));
        QUARRY_CATCH(orm::ConnectionError, e2, orm::Database::open("", "u", "p", options("postgres")));
        QVERIFY2(e2->message().contains("database name", Qt::CaseInsensitive), qPrintable(e2->message()));
        QUARRY_CATCH(orm::ConnectionError, e3,
                     orm::Database::open("db", "u", "p", options("postgres", "127.0.0.1", 1)));
        QVERIFY2(e3->message().contains("Cannot open"), qPrintable(e3->message()));
        // Using a Database that was never opened is an error, not a crash.
        orm::Database none;
        QVERIFY(!none.isValid());
        QVERIFY(!none.isOpen());
        QUARRY_EXPECT_THROW(orm::ConnectionError, none.query("SELECT 1"));
        QUARRY_EXPECT_THROW(orm::ConnectionError, none.define("X", {{"a", "STRING"}}));
    }

    void defaultDatabase_data() { addDialectColumn(); }
    void defaultDatabase()
    {
        // Between tests no Database is alive, so there is no default.
        QVERIFY(!orm::Database::defaultDatabase().isValid());
        QUARRY_OPEN_DB(); // the first one opened becomes the default
        QCOMPARE(orm::Database::defaultDatabase().databasePrivate(), db.databasePrivate());
        orm::Database other = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QCOMPARE(orm::Database::defaultDatabase().databasePrivate(), db.databasePrivate()); // still the first

        // seed::User is never passed to define() in this test: it lands on the default.
        seed::User::sync();
        QVERIFY(db.isDefined("User"));
        QVERIFY(!other.isDefined("User"));
        seed::User::create({{"firstName", "Dee"}, {"lastName", "Fault"}, {"email", "dee@example.com"}});
        const auto all = seed::User::findAll(); // no argument, no database
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first()->firstName, QStringLiteral("Dee"));
        QCOMPARE(rawCount(db, "Users"), 1);

        // makeDefault moves the default; a class bound before stays where it is.
        other.makeDefault();
        QCOMPARE(orm::Database::defaultDatabase().databasePrivate(), other.databasePrivate());
        QCOMPARE(seed::User::findAll().size(), 1);
        Lonely::sync();
        Lonely::create({{"name", "alone"}});
        QCOMPARE(Lonely::findAll().size(), 1);
        QVERIFY(other.isDefined("Lonely"));
        QVERIFY(!db.isDefined("Lonely"));
        QCOMPARE(other.query("SELECT COUNT(*) AS n FROM \"Lonelies\"").value(0).value("n").toInt(), 1);
        db.makeDefault();
        QCOMPARE(orm::Database::defaultDatabase().databasePrivate(), db.databasePrivate());
    }

    // After the previous test's databases are gone, a class bound to them rebinds to the new default.
    void defaultDatabaseRebinds()
    {
        QVERIFY(!orm::Database::defaultDatabase().isValid());
        QUARRY_EXPECT_THROW(orm::DefinitionError, Lonely::findAll());
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QCOMPARE(orm::Database::defaultDatabase().databasePrivate(), db.databasePrivate());
        Lonely::sync();
        QCOMPARE(Lonely::count(), 0);
        Lonely::create({{"name", "again"}});
        QCOMPARE(db.query("SELECT name FROM \"Lonelies\"").value(0).value("name").toString(), QStringLiteral("again"));
    }

    void sqliteSession()
    {
        QTemporaryDir dir;
        orm::Database db = orm::Database::open(QStringLiteral("sqlite:") + dir.filePath("wal.db"));
        auto pragma = [&](const char *name) {
            return db.query(QStringLiteral("PRAGMA %1").arg(QLatin1String(name))).value(0).first();
        };
        QCOMPARE(pragma("foreign_keys").toInt(), 1);
        QCOMPARE(pragma("journal_mode").toString().toLower(), QStringLiteral("wal"));
        QVERIFY(pragma("busy_timeout").toInt() > 0);
        QCOMPARE(pragma("busy_timeout").toInt(), 5000);
        // Foreign keys are enforced, not only switched on.
        db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY)");
        db.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id))");
        QUARRY_EXPECT_THROW(orm::ForeignKeyConstraintError, db.execute("INSERT INTO c (p_id) VALUES (?)", {7}));
        // The same on another thread's connection.
        int fk = -1, timeout = -1;
        QString mode;
        const QString err = runInThread([&] {
            fk = db.query("PRAGMA foreign_keys").value(0).first().toInt();
            timeout = db.query("PRAGMA busy_timeout").value(0).first().toInt();
            mode = db.query("PRAGMA journal_mode").value(0).first().toString().toLower();
        });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(fk, 1);
        QCOMPARE(timeout, 5000);
        QCOMPARE(mode, QStringLiteral("wal"));

        // The seed form takes the busy timeout.
        orm::ConnectOptions quick = options("sqlite");
        quick.busyTimeoutMs = 1234;
        orm::Database db2 = orm::Database::open(dir.filePath("t2.db"), {}, {}, quick);
        QCOMPARE(db2.query("PRAGMA busy_timeout").value(0).first().toInt(), 1234);
        // A memory database has foreign keys and a busy timeout too.
        orm::Database mem = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QCOMPARE(mem.query("PRAGMA foreign_keys").value(0).first().toInt(), 1);
        QVERIFY(mem.query("PRAGMA busy_timeout").value(0).first().toInt() > 0);
    }

    void threadsGetOwnConnections_data() { addDialectColumn(); }
    void threadsGetOwnConnections()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        item.create({{"name", "main"}});
        const QString mainName = db.connection().connectionName();
        QString threadName;
        qint64 seenByThread = -1;
        bool threadOpen = false;
        const QString err = runInThread([&] {
            QSqlDatabase c = db.connection();
            threadName = c.connectionName();
            threadOpen = c.isOpen();
            seenByThread = item.count();
            db.transaction([&] { item.create({{"name", "thread"}}); });
        });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(threadOpen);
        QVERIFY(!threadName.isEmpty());
        QVERIFY(threadName != mainName);
        QCOMPARE(seenByThread, 1);
        QCOMPARE(item.count(), 2);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'thread')"), 1);
        // The thread's connection went away with the thread.
        QVERIFY2(!QSqlDatabase::connectionNames().contains(threadName), qPrintable(threadName));
        QVERIFY(QSqlDatabase::connectionNames().contains(mainName));

        // Several threads writing at once, each on its own connection.
        QList<QThread *> threads;
        QStringList errors;
        QMutex m;
        QSet<QString> names;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&, t] {
                try {
                    {
                        QMutexLocker lock(&m);
                        names.insert(db.connection().connectionName());
                    }
                    for (int i = 0; i < 10; ++i)
                        item.create({{"name", QStringLiteral("t%1_%2").arg(t).arg(i)}});
                } catch (const std::exception &e) {
                    QMutexLocker lock(&m);
                    errors.append(QString::fromUtf8(e.what()));
                }
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join("\n")));
        QCOMPARE(names.size(), 4);
        QVERIFY(!names.contains(mainName));
        QCOMPARE(item.count(), 42);
    }

    void memoryDatabaseSharedAcrossThreads()
    {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
        auto item = defineItem(db);
        item.create({{"name", "from main"}});
        qint64 seen = -1;
        QString threadName;
        const QString err = runInThread([&] {
            threadName = db.connection().connectionName();
            seen = item.count();
            item.create({{"name", "from thread"}});
        });
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(threadName != db.connection().connectionName());
        QCOMPARE(seen, 1); // the same database, not a new empty one
        QCOMPARE(item.count(), 2);
        // Still separate from every other memory database.
        orm::Database other = orm::Database::open(QStringLiteral("sqlite::memory:"));
        QUARRY_EXPECT_THROW(orm::DatabaseError, other.query("SELECT * FROM \"Items\""));
    }

    void listeners_data() { addDialectColumn(); }
    void listeners()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        QList<orm::SqlEvent> events, second;
        QMutex m;
        const int id = db.addListener([&](const orm::SqlEvent &e) {
            QMutexLocker lock(&m);
            events.append(e);
        });
        const int id2 = db.addListener([&](const orm::SqlEvent &e) { second.append(e); });
        QVERIFY(id != id2);

        auto a = item.create({{"name", "listened"}});
        QCOMPARE(events.size(), 1);
        QVERIFY2(events[0].sql.startsWith("INSERT"), qPrintable(events[0].sql));
        QVERIFY(events[0].bindings.contains(QVariant(QStringLiteral("listened"))));
        QVERIFY(events[0].ok);
        QVERIFY(events[0].error.isEmpty());
        QVERIFY(events[0].durationUs >= 0);
        QCOMPARE(second.size(), 1);

        // Every statement: an update reports its rows, a transaction its BEGIN and COMMIT.
        item.create({{"name", "other"}});
        events.clear();
        db.transaction([&] { QCOMPARE(item.update({{"n", 5}}, {.where = {{"n", 0}}}), 2); });
        QCOMPARE(events.size(), 3);
        QVERIFY2(events[0].sql.contains("BEGIN") || events[0].sql.contains("START TRANSACTION"), qPrintable(events[0].sql));
        QVERIFY(events[1].sql.startsWith("UPDATE"));
        QCOMPARE(events[1].rowsAffected, 2);
        QVERIFY(events[1].bindings.contains(QVariant(5)));
        QCOMPARE(events[2].sql, QStringLiteral("COMMIT"));

        // A failing statement is reported too, with its error.
        events.clear();
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, item.create({{"name", "other"}}));
        QCOMPARE(events.size(), 1);
        QVERIFY(!events[0].ok);
        QVERIFY(!events[0].error.isEmpty());

        // Raw queries with positional and named bindings.
        events.clear();
        db.query(dialectSql(db, R"(SELECT "name" FROM "Items" WHERE "name" = ?)"), {"other"});
        db.query(dialectSql(db, R"(SELECT "name" FROM "Items" WHERE "name" = :who)"), QVariantMap{{"who", "named"}});
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].bindings, QVariantList{"other"});
        QCOMPARE(events[1].bindings, QVariantList{"named"});

        // A slow statement has a duration that shows it.
        events.clear();
        const QString slow = dialect == "postgres" ? QStringLiteral("SELECT pg_sleep(0.05)")
                             : dialect == "mariadb" ? QStringLiteral("SELECT SLEEP(0.05)")
                                                    : QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                                                     "WHERE x < 300000) SELECT COUNT(*) FROM c");
        db.query(slow);
        QCOMPARE(events.size(), 1);
        if (dialect == "sqlite")
            QVERIFY2(events[0].durationUs > 1000, qPrintable(QString::number(events[0].durationUs)));
        else
            QVERIFY2(events[0].durationUs >= 45000, qPrintable(QString::number(events[0].durationUs)));

        // Statements of other threads reach the listeners.
        events.clear();
        QVERIFY(runInThread([&] { item.count(); }).isEmpty());
        QCOMPARE(events.size(), 1);
        QVERIFY(events[0].sql.startsWith("SELECT COUNT"));

        // removeListener stops it; the other one keeps listening.
        db.removeListener(id);
        events.clear();
        const qsizetype before2 = second.size();
        item.count();
        QCOMPARE(events.size(), 0);
        QCOMPARE(second.size(), before2 + 1);
        db.removeListener(id2);
        item.count();
        QCOMPARE(second.size(), before2 + 1);
    }

    void sqlExecutedSignal_data() { addDialectColumn(); }
    void sqlExecutedSignal()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        QVERIFY(db.events());
        QSignalSpy spy(db.events(), &orm::DatabaseEvents::sqlExecuted);
        QVERIFY(spy.isValid());
        item.create({{"name", "signalled"}});
        QCOMPARE(spy.count(), 1);
        const auto ev = spy.at(0).at(0).value<orm::SqlEvent>();
        QVERIFY2(ev.sql.startsWith("INSERT"), qPrintable(ev.sql));
        QVERIFY(ev.bindings.contains(QVariant(QStringLiteral("signalled"))));
        db.query(QStringLiteral("SELECT 1"));
        QCOMPARE(spy.count(), 2);
    }

    void sqlLoggingCategory_data() { addDialectColumn(); }
    void sqlLoggingCategory()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        LogCapture::messages.clear();
        LogCapture::previous = qInstallMessageHandler(LogCapture::handler);
        // Off by default (warnings only): nothing is logged.
        item.count();
        QVERIFY2(LogCapture::messages.isEmpty(), qPrintable(LogCapture::messages.join("\n")));
        QLoggingCategory::setFilterRules(QStringLiteral("quarry.sql.debug=true"));
        {
            orm::SqlTagScope tag(QStringLiteral("import-42"));
            item.create({{"name", "logmarker"}});
        }
        QLoggingCategory::setFilterRules(QStringLiteral("quarry.sql.debug=false"));
        item.create({{"name", "notlogged"}});
        qInstallMessageHandler(LogCapture::previous);
        QCOMPARE(LogCapture::messages.size(), 1);
        const QString msg = LogCapture::messages.first();
        QVERIFY2(msg.contains("INSERT INTO"), qPrintable(msg));
        QVERIFY2(msg.contains("logmarker"), qPrintable(msg));
        QVERIFY2(msg.contains(QRegularExpression(QStringLiteral("\\d+ us"))), qPrintable(msg));
        QVERIFY2(msg.startsWith("[import-42] INSERT INTO"), qPrintable(msg)); // the scope's tag
    }

    void rawQueries_data() { addDialectColumn(); }
    void rawQueries()
    {
        QUARRY_OPEN_DB();
        // DDL through the ORM's door works on every dialect (PostgreSQL cannot prepare it).
        QCOMPARE(db.execute(dialectSql(db, R"(CREATE TABLE "Raw" ("name" VARCHAR(40), "n" INTEGER))")), 0);
        const QString insert = dialectSql(db, R"(INSERT INTO "Raw" ("name", "n") VALUES (?, ?))");
        QCOMPARE(db.execute(insert, {"a", 1}), 1);
        QCOMPARE(db.execute(insert, {"b", 2}), 1);
        QCOMPARE(db.execute(insert, {QStringLiteral("Grüße 🌍"), QVariant()}), 1);
        // Positional.
        auto rows = db.query(dialectSql(db, R"(SELECT "name", "n" FROM "Raw" WHERE "n" >= ? ORDER BY "n")"), {1});
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].value("name").toString(), QStringLiteral("a"));
        QCOMPARE(rows[1].value("n").toInt(), 2);
        // Named, with and without the colon, and one name used twice.
        rows = db.query(dialectSql(db, R"(SELECT "name" FROM "Raw" WHERE "name" = :name AND "n" < :max)"),
                        QVariantMap{{"name", "b"}, {":max", 10}});
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value("name").toString(), QStringLiteral("b"));
        rows = db.query(dialectSql(db, R"(SELECT "name" FROM "Raw" WHERE "n" = :v OR "n" = :v + 1 ORDER BY "n")"),
                        QVariantMap{{"v", 1}});
        QCOMPARE(rows.size(), 2);
        // NULL and Unicode are bound, not spliced.
        QCOMPARE(db.query(dialectSql(db, R"(SELECT "name" FROM "Raw" WHERE "n" IS NULL)")).value(0).value("name").toString(),
                 QStringLiteral("Grüße 🌍"));
        QCOMPARE(db.query(dialectSql(db, R"(SELECT "n" FROM "Raw" WHERE "name" = ?)"), {QStringLiteral("Grüße 🌍")}).size(), 1);
        // execute returns the rows affected.
        QCOMPARE(db.execute(dialectSql(db, R"(UPDATE "Raw" SET "n" = ? WHERE "n" IS NOT NULL)"), {7}), 2);
        QCOMPARE(db.execute(dialectSql(db, R"(DELETE FROM "Raw" WHERE "name" = ?)"), {"nobody"}), 0);

        // A statement cached before an ALTER TABLE still works after it, with the new column.
        const QString all = dialectSql(db, R"(SELECT * FROM "Raw" WHERE "n" = ?)");
        QCOMPARE(db.query(all, {7}).value(0).size(), 2);
        db.execute(dialectSql(db, R"(ALTER TABLE "Raw" ADD COLUMN "extra" VARCHAR(10))"));
        rows = db.query(all, {7});
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].size(), 3);
        QVERIFY(rows[0].contains("extra"));
    }

    void managedTransactions_data() { addDialectColumn(); }
    void managedTransactions()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        QVERIFY(!db.inTransaction());
        // Commits when fn returns: another connection sees it.
        db.transaction([&] {
            QVERIFY(db.inTransaction());
            item.create({{"name", "committed"}});
            QCOMPARE(countElsewhere(db, "Items"), 0); // not yet
        });
        QVERIFY(!db.inTransaction());
        QCOMPARE(countElsewhere(db, "Items"), 1);

        // Rolls back and rethrows the same exception when fn throws.
        bool caught = false;
        try {
            db.transaction([&] {
                item.create({{"name", "rolled back"}});
                throw std::runtime_error("boom");
            });
        } catch (const std::runtime_error &e) {
            caught = QByteArray(e.what()) == "boom";
        }
        QVERIFY(caught);
        QVERIFY(!db.inTransaction());
        QCOMPARE(countHere(db, "Items"), 1);

        // A database error inside: rolled back, the typed error comes out.
        QUARRY_EXPECT_THROW(orm::UniqueConstraintError, db.transaction([&] {
                                item.create({{"name", "lost too"}});
                                item.create({{"name", "committed"}});
                            }));
        QCOMPARE(countHere(db, "Items"), 1);
        // Another thread is never inside this thread's transaction.
        db.begin();
        bool otherInTransaction = true;
        QVERIFY(runInThread([&] { otherInTransaction = db.inTransaction(); }).isEmpty());
        QVERIFY(!otherInTransaction);
        db.rollback();
    }

    void nestedTransactions_data() { addDialectColumn(); }
    void nestedTransactions()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        // An inner failure caught inside the outer keeps the outer's work.
        db.transaction([&] {
            item.create({{"name", "outer 1"}});
            try {
                db.transaction([&] {
                    item.create({{"name", "inner"}});
                    throw std::runtime_error("inner fails");
                });
            } catch (const std::runtime_error &) {
            }
            QVERIFY(db.inTransaction());
            // A database error in a savepoint: on PostgreSQL the outer transaction must
            // not be left aborted.
            try {
                db.transaction([&] { item.create({{"name", "outer 1"}}); });
                QFAIL("duplicate accepted");
            } catch (const orm::UniqueConstraintError &) {
            }
            item.create({{"name", "outer 2"}});
        });
        QCOMPARE(countElsewhere(db, "Items"), 2);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'inner')"), 0);

        // An inner success is undone when the outer fails.
        QUARRY_EXPECT_THROW(orm::Error, db.transaction([&] {
                                db.transaction([&] { item.create({{"name", "inner ok"}}); });
                                throw orm::Error(QStringLiteral("outer fails"));
                            }));
        QCOMPARE(countHere(db, "Items"), 2);

        // Three levels: the middle one fails, the innermost went with it.
        db.transaction([&] {
            item.create({{"name", "L1"}});
            try {
                db.transaction([&] {
                    item.create({{"name", "L2"}});
                    db.transaction([&] { item.create({{"name", "L3"}}); });
                    throw std::runtime_error("L2 fails");
                });
            } catch (const std::runtime_error &) {
            }
        });
        QCOMPARE(rawCount(db, "Items", R"("name" IN ('L1', 'L2', 'L3'))"), 1);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'L1')"), 1);
    }

    void unmanagedTransactions_data() { addDialectColumn(); }
    void unmanagedTransactions()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        db.begin();
        QVERIFY(db.inTransaction());
        item.create({{"name", "r"}});
        QCOMPARE(countHere(db, "Items"), 1);
        db.rollback();
        QVERIFY(!db.inTransaction());
        QCOMPARE(countHere(db, "Items"), 0);

        db.begin();
        item.create({{"name", "c"}});
        db.begin(); // a savepoint
        item.create({{"name", "inner"}});
        db.rollback();
        QVERIFY(db.inTransaction());
        db.commit();
        QVERIFY(!db.inTransaction());
        QCOMPARE(countElsewhere(db, "Items"), 1);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'c')"), 1);

        // commit or rollback without begin is an orm::Error, and harmless.
        QUARRY_CATCH(orm::Error, e, db.commit());
        QVERIFY2(e->message().contains("commit"), qPrintable(e->message()));
        QUARRY_CATCH(orm::Error, e2, db.rollback());
        QVERIFY2(e2->message().contains("rollback"), qPrintable(e2->message()));
        QVERIFY(!db.inTransaction());
        item.create({{"name", "after"}});
        QCOMPARE(countElsewhere(db, "Items"), 2);
    }
};

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
