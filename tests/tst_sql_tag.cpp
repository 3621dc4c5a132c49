// SQL tags (orm/SqlTagScope.h): every SqlEvent carries the tag of the scope in effect on the
// thread that ran it; nested scopes restore the outer one; db.async() runs a job under the
// tag its caller had when it queued the job, whatever the caller does afterwards; tags
// never cross threads. Each statement is recognised by a marker it binds, and the rows the
// tagged writes inserted are checked with raw SQL.
#include "TestSupport.h"

#include <QMutex>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>

using namespace quarry::test;

namespace {

struct Seen
{
    QString sql;
    QVariantList bindings;
    QString tag;
    QThread *thread = nullptr;
};

// Every statement of db while alive, with its tag and the thread that ran it.
class Recorder
{
public:
    explicit Recorder(const orm::Database &db) : m_db(db)
    {
        m_id = m_db.addListener([this](const orm::SqlEvent &e) {
            QMutexLocker lock(&m_mutex);
            m_seen.append({e.sql, e.bindings, e.tag, QThread::currentThread()});
        });
    }
    ~Recorder() { m_db.removeListener(m_id); }
    QList<Seen> all() const
    {
        QMutexLocker lock(&m_mutex);
        return m_seen;
    }
    // The statements that bound marker (exactly one expected by the callers).
    QList<Seen> withMarker(const QString &marker) const
    {
        QList<Seen> out;
        for (const Seen &s : all())
            if (s.bindings.contains(marker))
                out.append(s);
        return out;
    }
    // The tag of the one statement that bound marker; a failure text when not exactly one.
    QString tagOf(const QString &marker) const
    {
        const QList<Seen> s = withMarker(marker);
        return s.size() == 1 ? s.first().tag : QStringLiteral("<%1 statements bound %2>").arg(s.size()).arg(marker);
    }
    QThread *threadOf(const QString &marker) const
    {
        const QList<Seen> s = withMarker(marker);
        return s.size() == 1 ? s.first().thread : nullptr;
    }

private:
    orm::Database m_db;
    int m_id = -1;
    mutable QMutex m_mutex;
    QList<Seen> m_seen;
};

orm::ModelHandle defineNote(orm::Database &db)
{
    orm::ModelHandle note = db.define(QStringLiteral("Note"), {{QStringLiteral("name"), QStringLiteral("STRING")}},
                                      {{QStringLiteral("timestamps"), false}});
    db.sync();
    return note;
}

qint64 notesNamed(const orm::Database &db, const QString &name)
{
    return rawValue(db, QStringLiteral("SELECT COUNT(*) FROM \"Notes\" WHERE \"name\" = ?"), {name}).toLongLong();
}

template <class T> T await(QFuture<T> f)
{
    f.waitForFinished();
    return f.result();
}

} // namespace

class TestSqlTag : public QObject
{
    Q_OBJECT

private slots:
    void syncStatementsCarryTheScopesTag_data() { addDialectColumn(); }
    void syncStatementsCarryTheScopesTag()
    {
        QUARRY_OPEN_DB();
        orm::ModelHandle note = defineNote(db);
        Recorder rec(db);
        QSignalSpy spy(db.events(), &orm::DatabaseEvents::sqlExecuted);
        QCOMPARE(orm::SqlTagScope::current(), QString());
        note.create({{"name", "outside"}});
        {
            const orm::SqlTagScope a(QStringLiteral("A"));
            QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("A"));
            note.create({{"name", "in A"}});
            {
                const orm::SqlTagScope b(QStringLiteral("B"));
                QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("B"));
                note.create({{"name", "in B"}});
                db.query(dialectSql(db, QStringLiteral("SELECT COUNT(*) AS n FROM \"Notes\" WHERE \"name\" = ?")),
                         {QStringLiteral("raw in B")});
            }
            QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("A")); // the outer one is back
            note.count({.where = {{"name", "in A again"}}});
            {
                const orm::SqlTagScope none{QString()}; // an empty tag untags explicitly
                note.create({{"name", "untagged inside A"}});
            }
        }
        QCOMPARE(orm::SqlTagScope::current(), QString());
        note.create({{"name", "outside again"}});

        QCOMPARE(rec.tagOf(QStringLiteral("outside")), QString());
        QCOMPARE(rec.tagOf(QStringLiteral("in A")), QStringLiteral("A"));
        QCOMPARE(rec.tagOf(QStringLiteral("in B")), QStringLiteral("B"));
        QCOMPARE(rec.tagOf(QStringLiteral("raw in B")), QStringLiteral("B"));
        QCOMPARE(rec.tagOf(QStringLiteral("in A again")), QStringLiteral("A"));
        QCOMPARE(rec.tagOf(QStringLiteral("untagged inside A")), QString());
        QCOMPARE(rec.tagOf(QStringLiteral("outside again")), QString());
        // the writes happened, each once
        for (const char *name : {"outside", "in A", "in B", "untagged inside A", "outside again"})
            QCOMPARE(notesNamed(db, QString::fromUtf8(name)), 1);
        // The Qt signal carries the same tags as the listener.
        QCOMPARE(spy.size(), rec.all().size());
        QStringList signalTags, listenerTags;
        for (const QList<QVariant> &args : spy)
            signalTags << args.at(0).value<orm::SqlEvent>().tag;
        for (const Seen &s : rec.all())
            listenerTags << s.tag;
        QCOMPARE(signalTags, listenerTags);
        QVERIFY(signalTags.contains(QStringLiteral("B")));
    }

    // A job queued under A runs under A even when the caller has moved on to B (or left
    // every scope) before the worker got to it; the worker's next job does not inherit A.
    void asyncJobsRunUnderTheTagTheyWereQueuedWith_data() { addDialectColumn(); }
    void asyncJobsRunUnderTheTagTheyWereQueuedWith()
    {
        QUARRY_OPEN_DB();
        defineNote(db);
        Recorder rec(db);
        auto as = db.async();
        const QString insert = dialectSql(db, QStringLiteral("INSERT INTO \"Notes\" (\"name\") VALUES (?)"));
        // Hold this thread's serial lane until every job below is queued.
        QSemaphore started, release;
        QFuture<qint64> blocker = as.run([&started, &release, db, insert] {
            started.release();
            release.acquire();
            return db.execute(insert, {QStringLiteral("blocker")});
        });
        QVERIFY(started.tryAcquire(1, 10000));
        QFuture<orm::Ptr<orm::Instance>> inA, inB, after;
        QFuture<qint64> parallelC;
        QFuture<int> transactionA;
        {
            const orm::SqlTagScope a(QStringLiteral("A"));
            inA = as.create(QStringLiteral("Note"), {{"name", "queued in A"}});
            transactionA = as.transaction([db] {
                db.model(QStringLiteral("Note")).create({{"name", "transaction in A"}});
                return 1;
            });
        }
        {
            const orm::SqlTagScope b(QStringLiteral("B"));
            inB = as.create(QStringLiteral("Note"), {{"name", "queued in B"}});
            {
                const orm::SqlTagScope c(QStringLiteral("C"));
                parallelC = db.async({.parallel = true}).execute(insert, {QStringLiteral("parallel in C")});
            }
        }
        after = as.create(QStringLiteral("Note"), {{"name", "queued outside"}});
        {
            // The caller is under D while the jobs run: none of them may pick it up.
            const orm::SqlTagScope d(QStringLiteral("D"));
            release.release();
            QCOMPARE(await(blocker), 1);
            QVERIFY(await(inA));
            QCOMPARE(await(transactionA), 1);
            QVERIFY(await(inB));
            QCOMPARE(await(parallelC), 1);
            QVERIFY(await(after));
        }

        QCOMPARE(rec.tagOf(QStringLiteral("blocker")), QString());
        QCOMPARE(rec.tagOf(QStringLiteral("queued in A")), QStringLiteral("A"));
        QCOMPARE(rec.tagOf(QStringLiteral("transaction in A")), QStringLiteral("A"));
        QCOMPARE(rec.tagOf(QStringLiteral("queued in B")), QStringLiteral("B"));
        QCOMPARE(rec.tagOf(QStringLiteral("parallel in C")), QStringLiteral("C"));
        QCOMPARE(rec.tagOf(QStringLiteral("queued outside")), QString());
        // They ran on workers, not here.
        for (const char *marker : {"blocker", "queued in A", "queued in B", "parallel in C", "queued outside"}) {
            QThread *t = rec.threadOf(QString::fromUtf8(marker));
            QVERIFY2(t && t != QThread::currentThread(), marker);
        }
        // The transaction's own statements (BEGIN ... COMMIT) carry its tag as well.
        QStringList transactionTags;
        for (const Seen &s : rec.all())
            if (s.sql.contains(QStringLiteral("COMMIT"), Qt::CaseInsensitive))
                transactionTags << s.tag;
        QVERIFY2(transactionTags == QStringList{QStringLiteral("A")}, qPrintable(transactionTags.join(u',')));
        // Nothing ran under D: it was never in effect where a statement of these jobs ran.
        for (const Seen &s : rec.all())
            QVERIFY2(s.tag != QStringLiteral("D"), qPrintable(s.sql));
        for (const char *name : {"blocker", "queued in A", "transaction in A", "queued in B", "parallel in C", "queued outside"})
            QCOMPARE(notesNamed(db, QString::fromUtf8(name)), 1);
        QCOMPARE(orm::SqlTagScope::current(), QString());
    }

    // A job that opens its own scope on the worker: inside it its own tag, after it the
    // tag it was queued with again.
    void scopesInsideAJobNest_data() { addDialectColumn(); }
    void scopesInsideAJobNest()
    {
        QUARRY_OPEN_DB();
        orm::ModelHandle note = defineNote(db);
        Recorder rec(db);
        QStringList seenOnWorker;
        {
            const orm::SqlTagScope a(QStringLiteral("A"));
            await(db.async().run([db, &seenOnWorker] {
                const orm::ModelHandle n = db.model(QStringLiteral("Note"));
                seenOnWorker << orm::SqlTagScope::current();
                {
                    const orm::SqlTagScope inner(QStringLiteral("inner"));
                    seenOnWorker << orm::SqlTagScope::current();
                    n.create({{"name", "worker inner"}});
                }
                seenOnWorker << orm::SqlTagScope::current();
                n.create({{"name", "worker outer"}});
                return 0;
            }));
        }
        QCOMPARE(seenOnWorker, (QStringList{QStringLiteral("A"), QStringLiteral("inner"), QStringLiteral("A")}));
        QCOMPARE(rec.tagOf(QStringLiteral("worker inner")), QStringLiteral("inner"));
        QCOMPARE(rec.tagOf(QStringLiteral("worker outer")), QStringLiteral("A"));
        QCOMPARE(note.count(), 2);
        QCOMPARE(notesNamed(db, QStringLiteral("worker inner")), 1);
    }

    // Two threads, each under its own scope at the same time: each statement carries its
    // own thread's tag; a thread without a scope sees none while the other has one.
    void tagsDoNotCrossThreads_data() { addDialectColumn(); }
    void tagsDoNotCrossThreads()
    {
        QUARRY_OPEN_DB();
        orm::ModelHandle note = defineNote(db);
        Recorder rec(db);
        QSemaphore mainTagged, otherTagged, mainDone;
        QString otherSawBefore = QStringLiteral("not run"), otherSawAfter;
        std::unique_ptr<QThread> other(QThread::create([&, db] {
            const orm::ModelHandle n = db.model(QStringLiteral("Note"));
            mainTagged.acquire(); // the main thread is inside its scope now
            otherSawBefore = orm::SqlTagScope::current();
            n.create({{"name", "other untagged"}});
            {
                const orm::SqlTagScope o(QStringLiteral("other"));
                otherTagged.release();
                mainDone.acquire(); // the main thread ran its statement meanwhile
                n.create({{"name", "other tagged"}});
                otherSawAfter = orm::SqlTagScope::current();
            }
        }));
        other->start();
        {
            const orm::SqlTagScope m(QStringLiteral("main"));
            mainTagged.release();
            QVERIFY(otherTagged.tryAcquire(1, 30000));
            note.create({{"name", "main tagged"}});
            QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("main"));
            mainDone.release();
            QVERIFY(other->wait(30000));
        }
        QCOMPARE(otherSawBefore, QString());
        QCOMPARE(otherSawAfter, QStringLiteral("other"));
        QCOMPARE(rec.tagOf(QStringLiteral("other untagged")), QString());
        QCOMPARE(rec.tagOf(QStringLiteral("other tagged")), QStringLiteral("other"));
        QCOMPARE(rec.tagOf(QStringLiteral("main tagged")), QStringLiteral("main"));
        QCOMPARE(rec.threadOf(QStringLiteral("other tagged")), other.get());
        QCOMPARE(note.count(), 3);
    }

    // A scope held by a long-lived object may end out of order: it leaves the stack, and
    // the most recently opened live scope stays in effect.
    void scopesEndingOutOfOrder_data() { addDialectColumn(); }
    void scopesEndingOutOfOrder()
    {
        QUARRY_OPEN_DB();
        orm::ModelHandle note = defineNote(db);
        Recorder rec(db);
        auto first = std::make_unique<orm::SqlTagScope>(QStringLiteral("first"));
        auto second = std::make_unique<orm::SqlTagScope>(QStringLiteral("second"));
        first.reset(); // out of order
        QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("second"));
        note.create({{"name", "after first ended"}});
        {
            const orm::SqlTagScope nested(QStringLiteral("nested"));
            auto third = std::make_unique<orm::SqlTagScope>(QStringLiteral("third"));
            second.reset(); // below both live ones
            QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("third"));
            third.reset();
            QCOMPARE(orm::SqlTagScope::current(), QStringLiteral("nested"));
            note.create({{"name", "nested"}});
        }
        QCOMPARE(orm::SqlTagScope::current(), QString());
        note.create({{"name", "none left"}});
        QCOMPARE(rec.tagOf(QStringLiteral("after first ended")), QStringLiteral("second"));
        QCOMPARE(rec.tagOf(QStringLiteral("nested")), QStringLiteral("nested"));
        QCOMPARE(rec.tagOf(QStringLiteral("none left")), QString());
        QCOMPARE(notesNamed(db, QStringLiteral("none left")), 1);
    }
};

QTEST_GUILESS_MAIN(TestSqlTag)
#include "tst_sql_tag.moc"
