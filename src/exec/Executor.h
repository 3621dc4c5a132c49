// The one door to the database. Every statement the ORM sends passes here: it is
// prepared (and reused), bound, timed, logged under quarry.sql, shown to the listeners,
// and its failure is mapped to a typed error by the dialect.
#pragma once

#include <orm/Transaction.h>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QVariantList>
#include <functional>
#include <memory>
#include <utility>

Q_DECLARE_LOGGING_CATEGORY(lcSql)
Q_DECLARE_LOGGING_CATEGORY(lcOrm)

namespace orm {
class ModelMeta;
}

namespace orm::detail {

class Connection;
class DatabasePrivate;
class Dialect;

struct Sql
{
    QString text;
    QVariantList bindings;
};

// A statement being read. Holds either a cached query or its own, and releases the
// cached one (finish()) when destroyed so that SQLite locks are not held.
class Cursor
{
public:
    Cursor(QSqlQuery *query, std::unique_ptr<QSqlQuery> owned);
    Cursor(Cursor &&other) noexcept : m_query(std::exchange(other.m_query, nullptr)), m_owned(std::move(other.m_owned)) {}
    Cursor &operator=(Cursor &&) = delete;
    ~Cursor();
    QSqlQuery &query() { return *m_query; }
    bool next() { return m_query->next(); }
    QVariant value(int i) const { return m_query->value(i); }
    int rowsAffected() const { return m_query->numRowsAffected(); }

private:
    QSqlQuery *m_query;
    std::unique_ptr<QSqlQuery> m_owned;
};

class Executor
{
public:
    explicit Executor(DatabasePrivate &d);

    DatabasePrivate &database() { return m_d; }
    const Dialect &dialect() const;
    Connection &connection() { return m_conn; }

    // Prepared statement with positional bindings; throws a typed error on failure.
    // model names the model in error messages (may be null). shape, when given, is the key
    // under which Connection::cacheText holds sql.text: the statement is found by it.
    Cursor run(const Sql &sql, const ModelMeta *model = nullptr, const QByteArray *shape = nullptr);
    Cursor run(const QString &sql, const QVariantList &bindings = {}, const ModelMeta *model = nullptr)
    {
        return run(Sql{sql, bindings}, model);
    }
    // Named bindings (:name), not cached.
    Cursor runNamed(const QString &sql, const QVariantMap &bindings);
    // Plain text, not prepared: what run() and runNamed() do with a statement that has no
    // bindings and that PostgreSQL cannot prepare (DDL, SET, SHOW, EXPLAIN, ...). DDL
    // drops the cached statements of every connection.
    Cursor runUnprepared(const QString &sql, const ModelMeta *model = nullptr);
    // Unprepared text: DDL, transaction control, pragmas. Clears the statement cache
    // when it changes the schema.
    void exec(const QString &sql, bool changesSchema = false);

    // Transactions on this thread's connection, nesting with savepoints. Each open level
    // has an id (a new one every begin) and its afterCommit callbacks: a savepoint that is
    // released hands them to the level around it, a rollback drops them, and the
    // outermost commit runs them once COMMIT succeeded (orm/Transaction.h).
    void begin(const TransactionOptions &options = {});
    // committed, when given, is set once the COMMIT (or RELEASE) succeeded: an exception
    // after that comes from an afterCommit callback.
    void commit(bool *committed = nullptr);
    void rollback();
    int transactionDepth() const;
    // The id of the open transaction at level (1: the outermost); 0 when none is open there.
    quint64 transactionId(int level) const;
    std::optional<IsolationLevel> isolation() const; // of the outermost open transaction
    // fn runs after the outermost commit: level 0 means the innermost open transaction.
    // Outside a transaction fn runs now.
    void afterCommit(std::function<void()> fn, int level = 0);
    template <class F>
    void transaction(F &&fn, const TransactionOptions &options = {})
    {
        begin(options);
        const int depth = transactionDepth();
        try {
            fn();
        } catch (...) {
            // The caller gets fn's error. A rollback that cannot happen (the connection
            // was lost, taking the transaction with it) must not replace it.
            try {
                while (transactionDepth() >= depth) // also what fn left open
                    rollback();
            } catch (...) {
            }
            throw;
        }
        commit();
    }

    [[noreturn]] void raise(const QSqlError &error, const QString &sql, const ModelMeta *model);

private:
    // Runs exec (q.exec() or q.exec(sql)); on an in-memory SQLite database, waits for another
    // connection's table lock up to the busy timeout, as busy_timeout does for file locks.
    template <class Exec> bool execWaitingForLocks(QSqlQuery &q, Exec &&exec);
    // Throws ConnectionError while a transaction lost with its connection is not rolled back.
    void refuseIfTransactionLost() const;

    void finishEvent(const QString &sql, const QVariantList &bindings, qint64 ns, const QSqlQuery *q,
                     const QSqlError *error);

    DatabasePrivate &m_d;
    Connection &m_conn;
};

} // namespace orm::detail
