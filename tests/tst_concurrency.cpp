// Concurrent writers: 8 threads, each with the connection orm::Database gives its thread,
// create and update rows and increment shared counters at the same time, on a SQLite file
// in WAL mode, on PostgreSQL and on MariaDB. Afterwards raw SQL shows every row and every
// increment: nothing lost, nothing doubled. On SQLite the writers contend for the one
// write lock; the ORM must wait for it (busy_timeout, BEGIN IMMEDIATE), the test never
// retries.
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QThread>
#include <atomic>
#include <memory>

using namespace quarry::test;

// A shared counter, incremented by every thread.
class Tally : public orm::Model<Tally>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(qint64 hits MEMBER hits)
    Q_CLASSINFO("orm:options", "timestamps=false")
public:
    Q_INVOKABLE explicit Tally(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name;
    qint64 hits = 0;
};

// A row one thread creates and then updates.
class Job : public orm::Model<Job>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(int worker MEMBER worker)
    Q_PROPERTY(int seq MEMBER seq)
    Q_PROPERTY(int value MEMBER value)
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("label", "STRING(64)")
public:
    Q_INVOKABLE explicit Job(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    int worker = 0;
    int seq = 0;
    int value = 0;
    QString label;
};

namespace {
constexpr int kThreads = 8;
constexpr int kOps = 1000;   // creates per thread, and updates per thread
constexpr int kTallies = 4;  // shared counters
constexpr int kTxEvery = 10; // every 10th update runs in a read-then-write transaction
} // namespace

class TstConcurrency : public QObject
{
    Q_OBJECT
private slots:
    void writersLoseNothing_data() { addDialectColumn(); }
    void writersLoseNothing()
    {
        QUARRY_OPEN_DB();
        if (dialect == QLatin1String("sqlite")) {
            // The file database of the test row, in WAL mode: readers never block the writer.
            QCOMPARE(rawValue(db, "PRAGMA journal_mode").toString().toLower(), QStringLiteral("wal"));
        }
        db.define<Tally, Job>();
        db.sync({.force = true});
        QList<qint64> tallyIds;
        for (int t = 0; t < kTallies; ++t)
            tallyIds.append(Tally::create({{"name", QStringLiteral("t%1").arg(t)}, {"hits", 0}})->id);

        QMutex errorsMutex;
        QStringList errors;
        std::atomic<int> started{0};
        QElapsedTimer timer;
        timer.start();
        QList<QThread *> threads;
        for (int w = 0; w < kThreads; ++w) {
            threads.append(QThread::create([&, w] {
                ++started;
                while (started.load() < kThreads) // start together: maximal contention
                    QThread::yieldCurrentThread();
                try {
                    // Each thread's own copies of the shared counters, as an application
                    // would hold them.
                    QList<orm::Ptr<Tally>> tallies;
                    for (qint64 id : tallyIds)
                        tallies.append(Tally::findByPk(id, {.rejectOnEmpty = true}));
                    QList<orm::Ptr<Job>> jobs;
                    jobs.reserve(kOps);
                    for (int i = 0; i < kOps; ++i)
                        jobs.append(Job::create({{"worker", w}, {"seq", i}, {"value", 0},
                                                 {"label", QStringLiteral("w%1-%2").arg(w).arg(i)}}));
                    for (int i = 0; i < kOps; ++i) {
                        const int t = (i + w) % kTallies;
                        if (i % kTxEvery == 0) {
                            // Read, then write, in one transaction.
                            db.transaction([&] {
                                auto tally = Tally::findByPk(tallyIds.at(t), {.rejectOnEmpty = true});
                                tally->increment("hits");
                                jobs.at(i)->update({{"value", i + 1}, {"label", QStringLiteral("done")}});
                            });
                        } else {
                            tallies.at(t)->increment("hits");
                            jobs.at(i)->update({{"value", i + 1}, {"label", QStringLiteral("done")}});
                        }
                    }
                } catch (const std::exception &e) {
                    QMutexLocker lock(&errorsMutex);
                    errors.append(QStringLiteral("thread %1: %2").arg(w).arg(QString::fromUtf8(e.what())));
                }
            }));
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(QDeadlineTimer(240'000)));
            delete t;
        }
        qInfo("%s: %d threads x (%d creates + %d updates + %d increments) in %lld ms", qPrintable(dialect), kThreads,
              kOps, kOps, kOps, timer.elapsed());
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        // Raw SQL, not the ORM's view: every row, every update, every increment.
        QCOMPARE(rawCount(db, "Jobs"), qint64(kThreads * kOps));
        QCOMPARE(rawValue(db, R"(SELECT COUNT(DISTINCT "id") FROM "Jobs")").toLongLong(), qint64(kThreads * kOps));
        QCOMPARE(rawCount(db, "Jobs", R"("value" = "seq" + 1 AND "label" = 'done')"), qint64(kThreads * kOps));
        for (int w = 0; w < kThreads; ++w)
            QCOMPARE(rawCount(db, "Jobs", QStringLiteral(R"("worker" = %1)").arg(w)), qint64(kOps));
        const auto rows = rawRows(db, R"(SELECT "id", "hits" FROM "Tallies" ORDER BY "id")");
        QCOMPARE(rows.size(), kTallies);
        const qint64 perTally = qint64(kThreads) * kOps / kTallies;
        for (const auto &row : rows)
            QCOMPARE(row.value(1).toLongLong(), perTally);
        QCOMPARE(rawValue(db, R"(SELECT SUM("hits") FROM "Tallies")").toLongLong(), qint64(kThreads) * kOps);
        // The main thread's ORM view agrees.
        QCOMPARE(Tally::sum("hits").toLongLong(), qint64(kThreads) * kOps);
        QCOMPARE(Job::count(), qint64(kThreads * kOps));
        if (dialect == QLatin1String("sqlite"))
            QCOMPARE(rawValue(db, "PRAGMA integrity_check").toString(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TstConcurrency)
#include "tst_concurrency.moc"
