// Transactions: managed and nested (savepoints), unmanaged through orm::Transaction and
// begin/commit/rollback, afterCommit, isolation levels proven by what another connection
// can do, and includes inside a transaction, on each dialect. Other connections are the
// connections of other threads (each thread has its own).
#include "SeedModels.h"
#include "TestSupport.h"

#include <QThread>
#include <stdexcept>

using namespace quarry::test;
using seed::Post;
using seed::User;

namespace {

// Runs fn on a new thread (with its own connection); returns what it threw, if anything.
QString runInThread(const std::function<void()> &fn)
{
    QString error;
    std::unique_ptr<QThread> t(QThread::create([&] {
        try {
            fn();
        } catch (const std::exception &e) {
            error = QString::fromUtf8(e.what());
            if (error.isEmpty())
                error = QStringLiteral("(exception without a message)");
        }
    }));
    t->start();
    t->wait();
    return error;
}

qint64 countIn(const orm::Database &db, const QString &table)
{
    return db.query(dialectSql(db, QStringLiteral("SELECT COUNT(*) AS n FROM \"%1\"").arg(table))).value(0).value("n").toLongLong();
}

// What another connection sees: committed rows only.
qint64 countElsewhere(const orm::Database &db, const QString &table)
{
    qint64 n = -1;
    const QString err = runInThread([&] { n = countIn(db, table); });
    if (!err.isEmpty())
        qWarning() << "countElsewhere:" << err;
    return n;
}

orm::ModelHandle defineItem(orm::Database &db)
{
    auto item = db.define("Item", {{"name", QJsonObject{{"type", "STRING(40)"}, {"allowNull", false}, {"unique", true}}},
                                   {"n", QJsonObject{{"type", "INTEGER"}, {"defaultValue", 0}}}},
                          {{"timestamps", false}});
    db.sync();
    return item;
}

QString errorOf(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestTransactions : public QObject
{
    Q_OBJECT
private slots:
    void managedCommitsAndRollsBack_data() { addDialectColumn(); }
    void managedCommitsAndRollsBack()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        db.transaction([&] {
            item.create({{"name", "a"}});
            QCOMPARE(countIn(db, "Items"), 1);
            QCOMPARE(countElsewhere(db, "Items"), 0);
        });
        QCOMPARE(countElsewhere(db, "Items"), 1);
        // The exception comes out as it was thrown; nothing of fn stays.
        QUARRY_EXPECT_THROW(std::logic_error, db.transaction([&] {
                                item.create({{"name", "b"}});
                                throw std::logic_error("changed my mind");
                            }));
        QCOMPARE(countIn(db, "Items"), 1);
        QVERIFY(!db.inTransaction());
        // Savepoints: the inner failure is caught, the outer commits.
        db.transaction([&] {
            item.create({{"name", "c"}});
            QUARRY_EXPECT_THROW(orm::UniqueConstraintError, db.transaction([&] { item.create({{"name", "a"}}); }));
            item.create({{"name", "d"}});
        });
        QCOMPARE(countElsewhere(db, "Items"), 3);
    }

    void transactionHandle_data() { addDialectColumn(); }
    void transactionHandle()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        {
            auto t = db.transaction();
            QVERIFY(t.isValid());
            QVERIFY(t.isActive());
            QVERIFY(!t.isNested());
            QVERIFY(db.inTransaction());
            item.create({{"name", "kept"}});
            QCOMPARE(countElsewhere(db, "Items"), 0);
            t.commit();
            QVERIFY(t.isCommitted());
            QVERIFY(!t.isActive());
            QCOMPARE(countElsewhere(db, "Items"), 1);
            // A finished transaction cannot be used again.
            QUARRY_EXPECT_THROW(orm::Error, t.commit());
            QUARRY_EXPECT_THROW(orm::Error, t.rollback());
            QUARRY_EXPECT_THROW(orm::Error, t.afterCommit([] {}));
            // And nothing was touched by trying.
            QVERIFY(!db.inTransaction());
        }
        {
            auto t = db.transaction();
            item.create({{"name", "undone"}});
            t.rollback();
            QVERIFY(!t.isActive());
            QVERIFY(!db.inTransaction());
            QCOMPARE(countIn(db, "Items"), 1);
            QUARRY_EXPECT_THROW(orm::Error, t.rollback());
            QUARRY_EXPECT_THROW(orm::Error, t.commit());
        }
        {
            // Out of scope unfinished: rolled back.
            auto t = db.transaction();
            item.create({{"name", "forgotten"}});
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(countIn(db, "Items"), 1);
        try {
            auto t = db.transaction();
            item.create({{"name", "thrown"}});
            throw std::runtime_error("escape");
        } catch (const std::runtime_error &) {
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(countIn(db, "Items"), 1);

        // Nested handles are savepoints, finished innermost first.
        {
            auto outer = db.transaction();
            item.create({{"name", "outer"}});
            auto inner = db.transaction();
            QVERIFY(inner.isNested());
            item.create({{"name", "inner"}});
            QUARRY_EXPECT_THROW(orm::Error, outer.commit()); // inner is still open
            QVERIFY(outer.isActive());
            inner.rollback();
            QVERIFY(outer.isActive());
            auto inner2 = db.transaction();
            item.create({{"name", "inner2"}});
            inner2.commit();
            outer.commit();
        }
        QCOMPARE(countElsewhere(db, "Items"), 3);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'inner')"), 0);
        QCOMPARE(rawCount(db, "Items", R"("name" = 'inner2')"), 1);

        // An enclosing rollback ends the inner transaction: using it is an error.
        {
            auto outer = db.transaction();
            auto inner = db.transaction();
            item.create({{"name", "lost"}});
            outer.rollback();
            QVERIFY(!inner.isActive());
            QUARRY_EXPECT_THROW(orm::Error, inner.commit());
            QUARRY_EXPECT_THROW(orm::Error, inner.afterCommit([] {}));
            // A new transaction at the same depth is not the old one.
            auto again = db.transaction();
            auto againInner = db.transaction();
            QVERIFY(!inner.isActive());
            QUARRY_EXPECT_THROW(orm::Error, inner.rollback());
            QVERIFY(againInner.isActive());
            again.rollback();
            QVERIFY(!againInner.isActive());
        }
        // So does db.rollback() on this thread.
        {
            auto t = db.transaction();
            db.rollback();
            QUARRY_EXPECT_THROW(orm::Error, t.commit());
        }
        QVERIFY(!db.inTransaction());
        QCOMPARE(rawCount(db, "Items", R"("name" = 'lost')"), 0);

        // Another thread cannot finish it; an empty or moved-from handle is not a transaction.
        {
            auto t = db.transaction();
            QVERIFY(!runInThread([&] { t.commit(); }).isEmpty());
            QVERIFY(db.inTransaction());
            orm::Transaction moved = std::move(t);
            QVERIFY(!t.isValid());
            QUARRY_EXPECT_THROW(orm::Error, t.commit());
            moved.rollback();
            orm::Transaction none;
            QUARRY_EXPECT_THROW(orm::Error, none.commit());
        }
        QVERIFY(!db.inTransaction());
    }

    void unmanagedBeginCommitRollback_data() { addDialectColumn(); }
    void unmanagedBeginCommitRollback()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        db.begin();
        item.create({{"name", "a"}});
        db.begin(); // savepoint
        item.create({{"name", "b"}});
        db.rollback();
        db.commit();
        QCOMPARE(countElsewhere(db, "Items"), 1);
        QUARRY_EXPECT_THROW(orm::Error, db.commit());
        QUARRY_EXPECT_THROW(orm::Error, db.rollback());
        db.begin({.isolation = orm::IsolationLevel::Serializable});
        item.create({{"name", "c"}});
        db.commit();
        QCOMPARE(countElsewhere(db, "Items"), 2);
    }

    void afterCommitCallbacks_data() { addDialectColumn(); }
    void afterCommitCallbacks()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        QStringList ran;
        // Outside a transaction: at once.
        db.afterCommit([&] { ran << "now"; });
        QCOMPARE(ran, QStringList{"now"});

        ran.clear();
        qint64 visibleElsewhere = -1;
        db.transaction([&] {
            item.create({{"name", "a"}});
            db.afterCommit([&] {
                ran << "first";
                visibleElsewhere = countElsewhere(db, "Items"); // runs after COMMIT
            });
            db.transaction([&] { db.afterCommit([&] { ran << "released savepoint"; }); });
            try {
                db.transaction([&] {
                    db.afterCommit([&] { ran << "rolled-back savepoint"; });
                    throw std::runtime_error("inner");
                });
            } catch (const std::runtime_error &) {
            }
            db.afterCommit([&] { ran << "last"; });
            QVERIFY(ran.isEmpty());
        });
        QCOMPARE(ran, (QStringList{"first", "released savepoint", "last"}));
        QCOMPARE(visibleElsewhere, 1);

        // Rolled back: dropped.
        ran.clear();
        QVERIFY(!errorOf([&] {
                     db.transaction([&] {
                         db.afterCommit([&] { ran << "never"; });
                         throw std::runtime_error("no");
                     });
                 }).isEmpty());
        db.transaction([] {});
        QVERIFY(ran.isEmpty());

        // A callback that throws: the others run, the data stays committed, the error comes out.
        ran.clear();
        const QString err = errorOf([&] {
            db.transaction([&] {
                item.create({{"name", "b"}});
                db.afterCommit([] { throw std::runtime_error("callback fails"); });
                db.afterCommit([&] { ran << "still runs"; });
            });
        });
        QCOMPARE(err, QStringLiteral("callback fails"));
        QCOMPARE(ran, QStringList{"still runs"});
        QVERIFY(!db.inTransaction());
        QCOMPARE(countElsewhere(db, "Items"), 2);

        // A handle's callbacks belong to its level: an inner rollback does not drop them.
        ran.clear();
        {
            auto outer = db.transaction();
            auto inner = db.transaction();
            outer.afterCommit([&] { ran << "outer"; });
            inner.afterCommit([&] { ran << "inner"; });
            inner.rollback();
            QVERIFY(ran.isEmpty());
            outer.commit();
        }
        QCOMPARE(ran, QStringList{"outer"});
        // A handle whose commit fails in a callback is still committed.
        {
            auto t = db.transaction();
            item.create({{"name", "c"}});
            t.afterCommit([] { throw std::runtime_error("late"); });
            QCOMPARE(errorOf([&] { t.commit(); }), QStringLiteral("late"));
            QVERIFY(t.isCommitted());
        }
        QCOMPARE(countElsewhere(db, "Items"), 3);
    }

    void includeSeesUncommittedRows_data() { addDialectColumn(); }
    void includeSeesUncommittedRows()
    {
        QUARRY_OPEN_DB();
        seed::defineSeed(db);
        db.sync();
        auto outside = [&] {
            int users = -1, posts = -1;
            runInThread([&] {
                auto found = User::findAll({.include = {{"Posts"}}});
                users = int(found.size());
                posts = found.isEmpty() ? 0 : int(found.first()->many<Post>().size());
            });
            return std::pair{users, posts};
        };
        auto t = db.transaction();
        auto u = User::create({{"firstName", "Tx"}, {"lastName", "User"}, {"email", "tx@example.com"}});
        u->createAssociated("Posts", {{"title", "one"}, {"content", "c"}});
        u->createAssociated("Posts", {{"title", "two"}, {"content", "c"}});
        // Inside: the parent query and the include's query both see the uncommitted rows.
        auto found = User::findAll({.where = {{"email", "tx@example.com"}}, .include = {{"Posts"}}});
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first()->many<Post>().size(), 2);
        // A required include (a join in the parent query) too, and counting.
        QCOMPARE(User::count({.include = {{.association = "Posts", .where = {{"title", "two"}}}}}), 1);
        // Outside: nothing yet.
        QCOMPARE(outside(), (std::pair{0, 0}));
        t.rollback();
        QCOMPARE(User::findAll({.include = {{"Posts"}}}).size(), 0);
        QCOMPARE(rawCount(db, "Posts"), 0);

        db.transaction([&] {
            auto v = User::create({{"firstName", "V"}, {"lastName", "W"}, {"email", "v@example.com"}});
            v->createAssociated("Posts", {{"title", "t"}, {"content", "c"}});
            QCOMPARE(User::findOne({.include = {{"Posts"}}})->many<Post>().size(), 1);
        });
        QCOMPARE(outside(), (std::pair{1, 1}));
    }

    void isolationLevelsReachTheDatabase_data() { addDialectColumn(); }
    void isolationLevelsReachTheDatabase()
    {
        QUARRY_OPEN_DB();
        using L = orm::IsolationLevel;
        const QList<L> levels{L::ReadUncommitted, L::ReadCommitted, L::RepeatableRead, L::Serializable};
        if (dialect == QLatin1String("postgres")) {
            for (L level : levels) {
                const QString expected = orm::isolationLevelName(level).toLower();
                db.transaction([&] {
                    QCOMPARE(db.query("SHOW transaction_isolation").value(0).value("transaction_isolation").toString(), expected);
                }, {.isolation = level});
                auto t = db.transaction({.isolation = level});
                QVERIFY(t.isolation() == level);
                QCOMPARE(db.query("SHOW transaction_isolation").value(0).value("transaction_isolation").toString(), expected);
                t.commit();
                db.begin({.isolation = level});
                QCOMPARE(db.query("SHOW transaction_isolation").value(0).value("transaction_isolation").toString(), expected);
                db.rollback();
            }
            // Without a level: the server's default.
            db.transaction([&] {
                QCOMPARE(db.query("SHOW transaction_isolation").value(0).value("transaction_isolation").toString(),
                         QStringLiteral("read committed"));
            });
        } else if (dialect == QLatin1String("sqlite")) {
            auto pragma = [&] { return db.query("PRAGMA read_uncommitted").value(0).value("read_uncommitted").toInt(); };
            QCOMPARE(pragma(), 0);
            db.transaction([&] { QCOMPARE(pragma(), 1); }, {.isolation = L::ReadUncommitted});
            QCOMPARE(pragma(), 0); // only for the transaction
            QVERIFY(!errorOf([&] { db.transaction([&] { QCOMPARE(pragma(), 1); throw std::runtime_error("x"); },
                                                  {.isolation = L::ReadUncommitted}); }).isEmpty());
            QCOMPARE(pragma(), 0);
            for (L level : {L::ReadCommitted, L::RepeatableRead, L::Serializable})
                db.transaction([&] { QCOMPARE(pragma(), 0); }, {.isolation = level});
        } else {
            // MariaDB keeps the next transaction's level to itself: proven by behaviour below.
            for (L level : levels)
                db.transaction([] {}, {.isolation = level});
        }
        // A nested transaction runs at the outermost one's level: it cannot ask for more.
        QUARRY_EXPECT_THROW(orm::Error, db.transaction([&] { db.transaction([] {}, {.isolation = L::Serializable}); }));
        QVERIFY(!db.inTransaction());
        db.transaction([&] {
            db.transaction([] {}, {.isolation = L::Serializable});
            db.transaction([] {}, {.isolation = L::ReadCommitted});
        }, {.isolation = L::Serializable});
        QUARRY_EXPECT_THROW(orm::Error, db.transaction([&] { db.transaction([] {}, {.isolation = L::Serializable}); },
                                                       {.isolation = L::ReadCommitted}));
        QVERIFY(!db.inTransaction());
    }

    void repeatableReadKeepsItsSnapshot_data() { addDialectColumn(); }
    void repeatableReadKeepsItsSnapshot()
    {
        QUARRY_OPEN_DB();
        auto item = defineItem(db);
        item.create({{"name", "first"}});
        int inserted = 0;
        auto insertElsewhere = [&] {
            const QString name = QStringLiteral("other %1").arg(++inserted);
            QCOMPARE(runInThread([&] { item.create({{"name", name}}); }), QString());
        };
        // REPEATABLE READ: a row another connection commits meanwhile stays invisible.
        qint64 before = -1, after = -1;
        db.transaction([&] {
            before = item.count();
            insertElsewhere();
            after = item.count();
        }, {.isolation = orm::IsolationLevel::RepeatableRead});
        QCOMPARE(before, 1);
        QCOMPARE(after, 1);
        QCOMPARE(item.count(), 2);
        // READ COMMITTED sees it on the servers; SQLite is always serializable.
        db.transaction([&] {
            before = item.count();
            insertElsewhere();
            after = item.count();
        }, {.isolation = orm::IsolationLevel::ReadCommitted});
        QCOMPARE(before, 2);
        QCOMPARE(after, dialect == QLatin1String("sqlite") ? 2 : 3);
    }

    void serializableRefusesWriteSkew_data() { addDialectColumn(); }
    void serializableRefusesWriteSkew()
    {
        QUARRY_OPEN_DB();
        // Two doctors on call; each transaction takes one off if another is still on call.
        auto doctor = db.define("Doctor", {{"name", QJsonObject{{"type", "STRING(20)"}}},
                                           {"onCall", QJsonObject{{"type", "BOOLEAN"}}}},
                                {{"timestamps", false}});
        db.sync();
        auto reset = [&] {
            doctor.destroy({.truncate = true});
            doctor.bulkCreate({{{"name", "alice"}, {"onCall", true}}, {{"name", "bob"}, {"onCall", true}}});
        };
        if (dialect == QLatin1String("mariadb")) {
            // SERIALIZABLE makes InnoDB's reads take shared locks: another connection cannot
            // change what this transaction read. REPEATABLE READ reads a snapshot, no locks.
            auto otherUpdate = [&] {
                return runInThread([&] {
                    db.execute("SET SESSION innodb_lock_wait_timeout = 1");
                    doctor.update({{"onCall", false}}, {.where = {{"name", "bob"}}});
                });
            };
            reset();
            db.transaction([&] {
                QCOMPARE(doctor.count({.where = {{"onCall", true}}}), 2);
                QVERIFY2(!otherUpdate().isEmpty(), "the other connection changed a row this one read");
            }, {.isolation = orm::IsolationLevel::Serializable});
            reset();
            db.transaction([&] {
                QCOMPARE(doctor.count({.where = {{"onCall", true}}}), 2);
                QCOMPARE(otherUpdate(), QString());
            }, {.isolation = orm::IsolationLevel::RepeatableRead});
            return;
        }
        auto writeSkew = [&](orm::IsolationLevel level) {
            reset();
            QString other;
            QString mine = errorOf([&] {
                db.transaction([&] {
                    QCOMPARE(doctor.count({.where = {{"onCall", true}}}), 2);
                    other = runInThread([&] {
                        db.transaction([&] {
                            if (doctor.count({.where = {{"onCall", true}}}) == 2)
                                doctor.update({{"onCall", false}}, {.where = {{"name", "bob"}}});
                        }, {.isolation = level});
                    });
                    doctor.update({{"onCall", false}}, {.where = {{"name", "alice"}}});
                }, {.isolation = level});
            });
            return std::pair{other, mine};
        };
        auto [other, mine] = writeSkew(orm::IsolationLevel::Serializable);
        QCOMPARE(other, QString()); // the first to commit wins
        QVERIFY2(!mine.isEmpty(), "both doctors went off call under SERIALIZABLE");
        QCOMPARE(doctor.count({.where = {{"onCall", true}}}), 1);
        if (dialect == QLatin1String("postgres")) {
            // The failure is a serialization failure: retryable.
            reset();
            try {
                db.transaction([&] {
                    doctor.count({.where = {{"onCall", true}}});
                    runInThread([&] {
                        db.transaction([&] {
                            doctor.count({.where = {{"onCall", true}}});
                            doctor.update({{"onCall", false}}, {.where = {{"name", "bob"}}});
                        }, {.isolation = orm::IsolationLevel::Serializable});
                    });
                    doctor.update({{"onCall", false}}, {.where = {{"name", "alice"}}});
                }, {.isolation = orm::IsolationLevel::Serializable});
                QFAIL("no serialization failure");
            } catch (const orm::DeadlockError &e) {
                QVERIFY(e.isRetryable());
            }
            // REPEATABLE READ (snapshot isolation) lets the write skew through.
            auto [other2, mine2] = writeSkew(orm::IsolationLevel::RepeatableRead);
            QCOMPARE(other2, QString());
            QCOMPARE(mine2, QString());
            QCOMPARE(doctor.count({.where = {{"onCall", true}}}), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestTransactions)
#include "tst_transactions.moc"
