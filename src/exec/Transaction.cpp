// orm::Transaction, the handle of an unmanaged transaction. The transaction itself is
// this thread's connection state (Executor): the handle knows its level and its id, and
// so whether it is still open.
#include <orm/Transaction.h>

#include "exec/DatabasePrivate.h"
#include "exec/Executor.h"

#include <orm/Errors.h>
#include <QThread>

namespace orm {

QString isolationLevelName(IsolationLevel level)
{
    switch (level) {
    case IsolationLevel::ReadUncommitted: return QStringLiteral("READ UNCOMMITTED");
    case IsolationLevel::ReadCommitted: return QStringLiteral("READ COMMITTED");
    case IsolationLevel::RepeatableRead: return QStringLiteral("REPEATABLE READ");
    case IsolationLevel::Serializable: return QStringLiteral("SERIALIZABLE");
    }
    return QStringLiteral("isolation level %1").arg(int(level));
}

Transaction::Transaction(std::shared_ptr<detail::DatabasePrivate> db, quint64 id, int level,
                         std::optional<IsolationLevel> isolation)
    : m_db(std::move(db)), m_id(id), m_level(level), m_thread(QThread::currentThreadId()), m_isolation(isolation),
      m_state(State::Active)
{
}

Transaction::~Transaction()
{
    release();
}

Transaction::Transaction(Transaction &&other) noexcept
    : m_db(std::move(other.m_db)), m_id(other.m_id), m_level(other.m_level), m_thread(other.m_thread),
      m_isolation(other.m_isolation), m_state(std::exchange(other.m_state, State::Invalid))
{
}

Transaction &Transaction::operator=(Transaction &&other) noexcept
{
    if (this != &other) {
        release();
        m_db = std::move(other.m_db);
        m_id = other.m_id;
        m_level = other.m_level;
        m_thread = other.m_thread;
        m_isolation = other.m_isolation;
        m_state = std::exchange(other.m_state, State::Invalid);
    }
    return *this;
}

void Transaction::release() noexcept
{
    if (m_state != State::Active || !m_db)
        return;
    m_state = State::RolledBack;
    if (QThread::currentThreadId() != m_thread)
        return; // another thread's connection: it cannot be touched from here
    try {
        detail::Executor ex(*m_db);
        if (ex.transactionId(m_level) == m_id)
            while (ex.transactionDepth() >= m_level)
                ex.rollback();
    } catch (...) {
        // A lost connection took the transaction with it.
    }
}

bool Transaction::isActive() const
{
    if (m_state != State::Active || !m_db)
        return false;
    if (QThread::currentThreadId() != m_thread)
        return true; // as far as this thread can tell
    try {
        return detail::Executor(*m_db).transactionId(m_level) == m_id;
    } catch (...) {
        return false;
    }
}

void Transaction::requireOpen(const char *operation)
{
    const QString op = QString::fromLatin1(operation);
    switch (m_state) {
    case State::Invalid:
        throw Error(QStringLiteral("%1() on an empty orm::Transaction: begin one with Database::transaction()").arg(op));
    case State::Committed:
        throw Error(QStringLiteral("%1(): this transaction has already been committed").arg(op));
    case State::RolledBack:
        throw Error(QStringLiteral("%1(): this transaction has already been rolled back").arg(op));
    case State::Active:
        break;
    }
    if (QThread::currentThreadId() != m_thread)
        throw Error(QStringLiteral("%1(): a transaction belongs to the thread that began it").arg(op));
    if (detail::Executor(*m_db).transactionId(m_level) != m_id) {
        m_state = State::RolledBack;
        throw Error(QStringLiteral("%1(): this transaction has already ended: a transaction around it was rolled "
                                   "back, or the connection was lost")
                        .arg(op));
    }
}

void Transaction::commit()
{
    requireOpen("commit");
    detail::Executor ex(*m_db);
    if (ex.transactionDepth() > m_level)
        throw Error(QStringLiteral("commit(): a transaction begun inside this one is still open: commit or roll it "
                                   "back first"));
    bool committed = false;
    try {
        ex.commit(&committed);
    } catch (...) {
        m_state = committed ? State::Committed : State::RolledBack;
        throw;
    }
    m_state = State::Committed;
}

void Transaction::rollback()
{
    requireOpen("rollback");
    detail::Executor ex(*m_db);
    m_state = State::RolledBack;
    while (ex.transactionDepth() >= m_level)
        ex.rollback();
}

void Transaction::afterCommit(std::function<void()> fn)
{
    requireOpen("afterCommit");
    detail::Executor(*m_db).afterCommit(std::move(fn), m_level);
}

} // namespace orm
