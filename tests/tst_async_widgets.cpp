// The GUI keeps turning while the ORM works: in a QApplication with a shown window, a
// QTimer keeps firing (and the window keeps repainting) while a long query runs through
// db.async() on a worker thread, and the continuation .then(window, ...) runs on the GUI
// thread. On each dialect the query takes about 1.5-2 s: pg_sleep, SLEEP(), and on SQLite
// a recursive CTE that counts to some millions (as many as take 2 s on this machine).
#include "SeedModels.h"
#include "TestSupport.h"

#include <orm/Async.h>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QThread>
#include <QTimer>

using namespace quarry::test;

namespace {

// The long query of a dialect, and the value its one row holds.
struct LongQuery
{
    QString sql;
    qint64 expected;
};

QString countTo(qint64 n)
{
    return QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %1) "
                          "SELECT COUNT(*) AS v FROM c")
        .arg(n);
}

// SQLite has no sleep: a recursive CTE counts, to a number measured on this machine so
// that it takes about 2 s. A fixed count would take 0.8 s on a fast quiet machine and 7 s
// on a loaded one, and "long enough to mean something" must hold on both.
LongQuery longQueryFor(const QString &dialect, const orm::Database &db)
{
    if (dialect == QLatin1String("postgres"))
        return {QStringLiteral("SELECT 7 AS v FROM pg_sleep(1.5)"), 7};
    if (dialect == QLatin1String("mariadb") || dialect == QLatin1String("mysql"))
        return {QStringLiteral("SELECT SLEEP(1.5) + 7 AS v"), 7};
    qint64 n = 200000;
    for (;;) {
        QElapsedTimer t;
        t.start();
        db.query(countTo(n));
        const qint64 ms = t.elapsed();
        if (ms >= 200 || n >= 400000000) {
            n = qBound<qint64>(n, n * 2000 / qMax<qint64>(ms, 1), 400000000);
            break;
        }
        n *= 4;
    }
    return {countTo(n), n};
}

// A window that counts timer ticks and shows the count, and remembers the longest pause
// between two ticks.
class TickWindow : public QWidget
{
public:
    TickWindow()
    {
        // A fixed geometry, no layout: the offscreen platform warns about size hints.
        resize(240, 60);
        m_label = new QLabel(this);
        m_label->setGeometry(10, 10, 220, 40);
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_maxGap = qMax(m_maxGap, now - m_last);
            m_last = now;
            ++ticks;
            m_label->setText(QStringLiteral("%1 ticks").arg(ticks));
            m_label->repaint(); // painted now, on this thread
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    qint64 maxGap() const { return m_maxGap; }
    int ticks = 0;

private:
    QLabel *m_label = nullptr;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_maxGap = 0;
};

} // namespace

class TestAsyncWidgets : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // QTEST_MAIN made a QApplication: this is a GUI thread with widgets.
        QVERIFY(qobject_cast<QApplication *>(QCoreApplication::instance()));
    }

    void timerKeepsFiringDuringLongQuery_data() { addDialectColumn(); }
    void timerKeepsFiringDuringLongQuery()
    {
        QUARRY_OPEN_DB();
        const LongQuery q = longQueryFor(dialect, db);
        QThread *queryThread = nullptr;
        const int listener = db.addListener([&](const orm::SqlEvent &e) {
            if (e.sql == q.sql)
                queryThread = QThread::currentThread();
        });
        TickWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.start();

        QElapsedTimer clock;
        clock.start();
        QThread *continuationThread = nullptr;
        qint64 value = -1;
        bool failed = false;
        int ticksWhenStarted = window.ticks;
        db.async()
            .query(q.sql)
            .then(&window,
                  [&](const QList<QVariantMap> &rows) {
                      continuationThread = QThread::currentThread();
                      value = rows.value(0).value(QStringLiteral("v")).toLongLong();
                  })
            .onFailed(&window, [&](const orm::Error &e) {
                failed = true;
                qWarning() << e.what();
            });
        // The call returned at once: the query runs elsewhere.
        QVERIFY2(clock.elapsed() < 200, qPrintable(QStringLiteral("async() blocked for %1 ms").arg(clock.elapsed())));
        QTRY_VERIFY_WITH_TIMEOUT(continuationThread != nullptr || failed, 60000);
        const qint64 ms = clock.elapsed();
        const int ticks = window.ticks - ticksWhenStarted;
        window.stop();
        db.removeListener(listener);
        qDebug() << dialect << "query took" << ms << "ms; the timer fired" << ticks << "times, longest pause"
                 << window.maxGap() << "ms";
        QVERIFY(!failed);
        QCOMPARE(value, q.expected);
        // The continuation ran on the GUI thread, the query on a worker.
        QCOMPARE(continuationThread, QCoreApplication::instance()->thread());
        QCOMPARE(continuationThread, QThread::currentThread());
        QVERIFY(queryThread != nullptr);
        QVERIFY(queryThread != QThread::currentThread());
        // Long enough to mean something, and the timer kept its pace: at 10 ms, a
        // blocked GUI thread would give one late tick instead of dozens.
        QVERIFY2(ms >= 1000, qPrintable(QStringLiteral("the query took only %1 ms").arg(ms)));
        QVERIFY2(ticks >= 50 && ticks >= ms / 10 / 4, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(ms)));
        QVERIFY2(window.maxGap() < 500, qPrintable(QStringLiteral("the GUI thread stood still for %1 ms").arg(window.maxGap())));
    }

    // Typed models too: a findAll whose rows come out of a slow transaction reach the
    // window's thread as instances living there.
    void instancesReachTheGuiThread_data() { addDialectColumn(); }
    void instancesReachTheGuiThread()
    {
        QUARRY_OPEN_DB();
        db.define<seed::User>();
        db.sync();
        seed::User::create({{"firstName", "Ann"}, {"lastName", "Lee"}, {"email", "ann@example.com"}});
        const LongQuery q = longQueryFor(dialect, db);
        TickWindow window;
        window.show();
        window.start();
        QList<orm::Ptr<seed::User>> users;
        QThread *continuationThread = nullptr;
        db.async()
            .transaction([db, q] {
                db.query(q.sql);
                return seed::User::findAll();
            })
            .then(&window, [&](const QList<orm::Ptr<seed::User>> &found) {
                continuationThread = QThread::currentThread();
                users = found;
            });
        QTRY_VERIFY_WITH_TIMEOUT(continuationThread != nullptr, 60000);
        window.stop();
        QVERIFY(window.ticks >= 50);
        QCOMPARE(continuationThread, QThread::currentThread());
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.first()->thread(), QThread::currentThread());
        QCOMPARE(users.first()->email, QStringLiteral("ann@example.com"));
    }
};

QTEST_MAIN(TestAsyncWidgets)
#include "tst_async_widgets.moc"
