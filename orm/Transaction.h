// Transactions, as Sequelize has them:
//
//   db.transaction([&] { ... });                     // managed: commit, or rollback and rethrow
//   db.transaction([&] { ... }, {.isolation = orm::IsolationLevel::Serializable});
//   auto t = db.transaction();                       // unmanaged: an orm::Transaction
//   ...; t.commit();                                 // or t.rollback()
//   db.afterCommit([] { ... });                      // once the outermost transaction commits
//
// A transaction belongs to the thread that began it: it is that thread's connection state,
// so every ORM call the thread makes while it is open takes part in it, queries of
// includes too. A transaction begun while another is open is a savepoint inside it.
//
// Isolation levels (TransactionOptions::isolation; none means the database's default):
// - PostgreSQL: BEGIN ISOLATION LEVEL ... (ReadUncommitted runs as READ COMMITTED there).
// - MariaDB/MySQL: SET TRANSACTION ISOLATION LEVEL ... then START TRANSACTION.
// - SQLite: its transactions are always SERIALIZABLE, which gives at least the guarantees
//   of every level (the SQL standard allows a stronger level than asked for).
//   ReadUncommitted also sets PRAGMA read_uncommitted for the transaction, which lets
//   connections that share a cache read each other's uncommitted rows.
// A savepoint runs at the level of its outermost transaction: asking a nested transaction
// for a stronger level than the outermost one was begun with is an orm::Error.
#pragma once

#include <orm/Global.h>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace orm {

namespace detail { class DatabasePrivate; }

// From weakest to strongest.
enum class IsolationLevel { ReadUncommitted, ReadCommitted, RepeatableRead, Serializable };

// "READ COMMITTED", as SQL writes it.
QUARRY_EXPORT QString isolationLevelName(IsolationLevel level);

struct TransactionOptions
{
    std::optional<IsolationLevel> isolation{};
};

// An unmanaged transaction (Database::transaction() without a function). Commit or roll it
// back once, on the thread that began it; after that, or after an enclosing rollback or a
// lost connection ended it, commit, rollback and afterCommit throw orm::Error. One that
// goes out of scope unfinished is rolled back, so an exception never leaves it open.
class QUARRY_EXPORT Transaction
{
public:
    Transaction() = default; // not a transaction: isValid() is false
    ~Transaction();
    Transaction(Transaction &&other) noexcept;
    Transaction &operator=(Transaction &&other) noexcept; // rolls back what this one held
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isValid() const { return m_db != nullptr; }
    // Begun and not finished yet.
    bool isActive() const;
    bool isCommitted() const { return m_state == State::Committed; }
    // A savepoint inside another transaction.
    bool isNested() const { return m_level > 1; }
    std::optional<IsolationLevel> isolation() const { return m_isolation; }

    // Commits (releases the savepoint of a nested one). A transaction begun inside this one
    // and still open must be finished first: committing this one is then an orm::Error.
    void commit();
    // Rolls back, with whatever was begun inside it and is still open.
    void rollback();
    // fn runs once the outermost transaction this one belongs to has committed; it is
    // dropped if this one (or an enclosing one) rolls back.
    void afterCommit(std::function<void()> fn);

private:
    friend class Database;
    enum class State { Invalid, Active, Committed, RolledBack };
    Transaction(std::shared_ptr<detail::DatabasePrivate> db, quint64 id, int level,
                std::optional<IsolationLevel> isolation);
    // Throws orm::Error unless this transaction is still open on this thread.
    void requireOpen(const char *operation);
    void release() noexcept;

    std::shared_ptr<detail::DatabasePrivate> m_db;
    quint64 m_id = 0;
    int m_level = 0; // 1: the outermost transaction
    Qt::HANDLE m_thread = nullptr;
    std::optional<IsolationLevel> m_isolation;
    State m_state = State::Invalid;
};

} // namespace orm
