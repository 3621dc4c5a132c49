// A database dying in the middle of a transaction. PostgreSQL and MariaDB: the server
// process is killed (SIGKILL, a crash) between two statements of a transaction; the ORM
// raises ConnectionError, after the restart none of that transaction's rows exist, the
// rows committed before it do, and the same orm::Database reconnects for the next call.
// SQLite: a child process writing a transaction to a WAL file database is killed; its
// rows are absent, the committed ones are there, and the file opens and passes
// integrity_check.
//
// Killing the shared servers would break tests running beside this one: it is registered
// RUN_SERIAL, and the servers are brought back (scripts/test-servers.sh ensure) when each
// test function ends, also on failure, and by a CTest fixture cleanup if this process dies.
#include "TestSupport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QThread>
#include <cstdio>

using namespace quarry::test;

class Entry : public orm::Model<Entry>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString payload MEMBER payload)
    Q_CLASSINFO("name", "STRING(64)")
    Q_CLASSINFO("payload", "TEXT")
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Entry(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name;
    QString payload;
};

namespace {

const char *const kChildEnv = "QUARRY_FAULT_CHILD_DB";

QString serversScript()
{
    const QString fromEnv = qEnvironmentVariable("QUARRY_TEST_SERVERS_SCRIPT");
    return fromEnv.isEmpty() ? QStringLiteral(QUARRY_SOURCE_DIR "/scripts/test-servers.sh") : fromEnv;
}

// Runs scripts/test-servers.sh with args; returns its output on failure, empty on success.
QString serverControl(const QStringList &args)
{
    const QString dir = qEnvironmentVariable("QUARRY_TEST_SERVERS_DIR");
    if (dir.isEmpty())
        return QStringLiteral("QUARRY_TEST_SERVERS_DIR is not set: run with servers started by scripts/test-servers.sh "
                              "(scripts/test.sh does), or set QUARRY_TEST_DIALECTS=sqlite");
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("bash"), QStringList{serversScript(), args.value(0), dir} + args.mid(1));
    if (!p.waitForFinished(180'000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("test-servers.sh %1 failed: %2").arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll()));
    return {};
}

// Brings the servers back when a test function ends, however it ends.
struct ServersBackUp
{
    ~ServersBackUp()
    {
        const QString why = serverControl({QStringLiteral("ensure")});
        if (!why.isEmpty())
            qCritical("%s", qPrintable(why));
    }
};

// The child process: commits one row, then writes a large transaction (large enough that
// SQLite spills uncommitted pages into the WAL file) and waits there to be killed.
int runChild(const QString &path)
{
    try {
        orm::Database db = orm::Database::open(QStringLiteral("sqlite:") + path);
        db.define<Entry>();
        Entry::create({{"name", "child-committed"}, {"payload", "x"}});
        db.begin();
        const QString payload(2048, QLatin1Char('p'));
        for (int chunk = 0; chunk < 20; ++chunk) {
            QList<QVariantMap> rows;
            for (int i = 0; i < 500; ++i)
                rows.append({{"name", QStringLiteral("child-tx-%1").arg(chunk * 500 + i)}, {"payload", payload}});
            Entry::bulkCreate(rows);
        }
        std::fputs("ready\n", stdout);
        std::fflush(stdout);
        QThread::sleep(120); // killed long before
        std::fputs("not killed\n", stdout);
        return 3;
    } catch (const std::exception &e) {
        std::fprintf(stdout, "child failed: %s\n", e.what());
        std::fflush(stdout);
        return 2;
    }
}

} // namespace

class TstFault : public QObject
{
    Q_OBJECT
private slots:
    void cleanupTestCase()
    {
        if (!qEnvironmentVariableIsEmpty("QUARRY_TEST_SERVERS_DIR"))
            QCOMPARE(serverControl({QStringLiteral("ensure")}), QString());
    }

    void killedMidTransaction_data() { addDialectColumn(); }
    void killedMidTransaction()
    {
        QFETCH(QString, dialect);
        if (dialect == QLatin1String("sqlite"))
            sqliteWriterKilled();
        else
            serverKilled(dialect);
    }

private:
    void serverKilled(const QString &dialect)
    {
        ServersBackUp guard;
        orm::Database db;
        try {
            db = openDatabase(dialect);
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("cannot open %1: %2").arg(dialect, QString::fromUtf8(e.what()))));
        }
        db.define<Entry>();
        db.sync({.force = true});
        // The test servers trade durability for speed; this check needs commits that
        // survive a crash (the restart brings the server's own setting back).
        if (dialect == QLatin1String("postgres"))
            db.execute(QStringLiteral("SET synchronous_commit TO on"));
        else
            db.execute(QStringLiteral("SET GLOBAL innodb_flush_log_at_trx_commit = 1"));
        Entry::create({{"name", "committed-before"}, {"payload", "kept"}});

        bool killed = false;
        bool reachedAfterKill = false;
        QString caught;
        try {
            db.transaction([&] {
                QList<QVariantMap> rows;
                for (int i = 0; i < 100; ++i)
                    rows.append({{"name", QStringLiteral("tx-%1").arg(i)}, {"payload", "lost"}});
                Entry::bulkCreate(rows);
                Entry::create({{"name", "tx-last"}, {"payload", "lost"}});
                const QString why = serverControl({QStringLiteral("kill"), dialect});
                if (!why.isEmpty())
                    throw std::runtime_error(why.toStdString());
                killed = true;
                // Must fail: the ORM never carries on (or reconnects) inside a dead transaction.
                Entry::create({{"name", "tx-after-kill"}, {"payload", "lost"}});
                reachedAfterKill = true;
            });
        } catch (const orm::ConnectionError &e) {
            caught = QStringLiteral("ConnectionError: ") + e.message();
        } catch (const std::exception &e) {
            caught = QStringLiteral("other: ") + QString::fromUtf8(e.what());
        }
        QVERIFY2(killed, qPrintable(caught));
        QVERIFY2(!reachedAfterKill, "a statement after the kill succeeded");
        QVERIFY2(caught.startsWith(QLatin1String("ConnectionError: ")), qPrintable(caught));

        // While the server is down, calls fail fast with ConnectionError (no hang, no crash).
        QUARRY_EXPECT_THROW(orm::ConnectionError, Entry::count());

        QCOMPARE(serverControl({QStringLiteral("restart"), dialect}), QString());

        // The same Database object reconnects for the next call, outside any transaction.
        QCOMPARE(Entry::count(), qint64(1));
        QVERIFY(!db.inTransaction());
        Entry::create({{"name", "after-restart"}, {"payload", "new"}});

        // Raw SQL: nothing of the killed transaction, everything committed.
        QCOMPARE(rawCount(db, "Entries"), qint64(2));
        QCOMPARE(rawCount(db, "Entries", R"("name" LIKE 'tx-%')"), qint64(0));
        QCOMPARE(rawCount(db, "Entries", R"("name" = 'committed-before' AND "payload" = 'kept')"), qint64(1));
        QCOMPARE(rawCount(db, "Entries", R"("name" = 'after-restart')"), qint64(1));
        // Transactions work again on the reconnected session.
        db.transaction([&] { Entry::create({{"name", "tx-ok"}, {"payload", "y"}}); });
        QCOMPARE(rawCount(db, "Entries", R"("name" = 'tx-ok')"), qint64(1));
    }

    void sqliteWriterKilled()
    {
        QUARRY_OPEN_DB();
        const QString path = db.connection().databaseName();
        QVERIFY2(QFileInfo(path).isFile(), qPrintable(path));
        db.define<Entry>();
        db.sync({.force = true});
        Entry::create({{"name", "parent-committed"}, {"payload", "kept"}});

        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(kChildEnv), path);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY2(child.waitForStarted(10'000), qPrintable(child.errorString()));
        QByteArray out;
        while (!out.contains("ready\n") && !out.contains("failed") && child.state() == QProcess::Running) {
            child.waitForReadyRead(1000);
            out += child.readAll();
        }
        QVERIFY2(out.contains("ready\n"), out.constData());
        // The uncommitted transaction reached the file: the WAL holds its pages.
        QVERIFY2(QFileInfo(path + QStringLiteral("-wal")).size() > 1024 * 1024,
                 qPrintable(QString::number(QFileInfo(path + QStringLiteral("-wal")).size())));
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        // A fresh Database on the file: it opens, and only committed rows are there.
        db.close();
        orm::Database again = orm::Database::open(QStringLiteral("sqlite:") + path);
        again.define<Entry>();
        QCOMPARE(rawValue(again, "PRAGMA integrity_check").toString(), QStringLiteral("ok"));
        QCOMPARE(rawCount(again, "Entries", R"("name" LIKE 'child-tx-%')"), qint64(0));
        QCOMPARE(rawCount(again, "Entries", R"("name" = 'child-committed')"), qint64(1));
        QCOMPARE(rawCount(again, "Entries", R"("name" = 'parent-committed' AND "payload" = 'kept')"), qint64(1));
        QCOMPARE(rawCount(again, "Entries"), qint64(2));
        // And it is writable: the dead writer's lock is gone.
        Entry::create({{"name", "after-crash"}, {"payload", "new"}});
        QCOMPARE(rawCount(again, "Entries", R"("name" = 'after-crash')"), qint64(1));
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString childDb = qEnvironmentVariable(kChildEnv);
    if (!childDb.isEmpty())
        return runChild(childDb);
    TstFault test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_fault.moc"
