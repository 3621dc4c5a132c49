#include "exec/Executor.h"

#include "exec/BoundValues.h"
#include "exec/Connection.h"
#include "exec/DatabasePrivate.h"

#include <orm/Errors.h>
#include <orm/SqlTagScope.h>
#include <QElapsedTimer>
#include <QMetaMethod>
#include <QSqlError>
#include <QThread>
#include <atomic>
#include <exception>
#include <unordered_map>

Q_LOGGING_CATEGORY(lcSql, "quarry.sql", QtWarningMsg)
Q_LOGGING_CATEGORY(lcOrm, "quarry.orm", QtInfoMsg)

namespace orm::detail {

Cursor::Cursor(QSqlQuery *query, std::unique_ptr<QSqlQuery> owned)
    : m_query(query), m_owned(std::move(owned))
{
}

Cursor::~Cursor()
{
    // Release the cached statement (and SQLite's read lock). A statement that returns no
    // rows holds nothing once executed (SQLite's is reset when it is done), and finish()
    // costs a QSqlError allocation on every INSERT.
    if (m_query && !m_owned && m_query->isSelect())
        m_query->finish();
}

Executor::Executor(DatabasePrivate &d)
    : m_d(d), m_conn(d.connection())
{
}

const Dialect &Executor::dialect() const
{
    return *m_d.dialect;
}

void Executor::refuseIfTransactionLost() const
{
    if (m_conn.transactionLost)
        throw ConnectionError(QStringLiteral("The connection was lost inside a transaction, and the server rolled it "
                                             "back; roll the transaction back before using the connection again"));
}

template <class Exec>
bool Executor::execWaitingForLocks(QSqlQuery &q, Exec &&exec)
{
    bool ok = exec();
    if (ok || !m_d.config.isSqliteMemory() || !m_d.dialect->isUnwaitedLock(q.lastError()))
        return ok;
    // Shared-cache locks are per table and SQLite reports them at once, ignoring
    // busy_timeout: without this, a read on the GUI thread fails while an async
    // transaction writes the same table, instead of waiting for its commit.
    QElapsedTimer waited;
    waited.start();
    unsigned long pauseMs = 1;
    while (!ok && m_d.dialect->isUnwaitedLock(q.lastError()) && waited.elapsed() < m_d.config.busyTimeoutMs) {
        QThread::msleep(pauseMs);
        pauseMs = std::min<unsigned long>(pauseMs * 2, 20);
        ok = exec();
    }
    return ok;
}

namespace {
// The first keyword of a statement, after blanks, comments and opening parentheses.
QString leadingKeyword(const QString &sql)
{
    int i = 0;
    const int n = sql.size();
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace() || c == QLatin1Char('(')) {
            ++i;
        } else if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
        } else if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const int end = sql.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else {
            break;
        }
    }
    int j = i;
    while (j < n && sql.at(j).isLetter())
        ++j;
    return sql.mid(i, j - i).toUpper();
}

// Statements every driver can prepare. Others (DDL, SET, SHOW, EXPLAIN, PRAGMA, ...)
// cannot be prepared on PostgreSQL: without bindings they are sent as plain text.
bool isPreparable(const QString &keyword)
{
    static const QStringList dml = {QStringLiteral("SELECT"), QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                    QStringLiteral("DELETE"), QStringLiteral("WITH"),   QStringLiteral("VALUES"),
                                    QStringLiteral("REPLACE")};
    return dml.contains(keyword);
}

bool changesSchema(const QString &keyword)
{
    static const QStringList ddl = {QStringLiteral("CREATE"), QStringLiteral("ALTER"), QStringLiteral("DROP"),
                                    QStringLiteral("RENAME"), QStringLiteral("TRUNCATE")};
    return ddl.contains(keyword);
}
} // namespace

Cursor Executor::runUnprepared(const QString &sql, const ModelMeta *model)
{
    refuseIfTransactionLost();
    auto q = std::make_unique<QSqlQuery>(m_conn.db());
    q->setForwardOnly(true);
    QElapsedTimer timer;
    timer.start();
    const bool ok = execWaitingForLocks(*q, [&] { return q->exec(sql); });
    const qint64 ns = timer.nsecsElapsed();
    if (changesSchema(leadingKeyword(sql)))
        m_d.schemaGeneration.fetch_add(1); // cached statements may describe the old schema
    if (!ok) {
        const QSqlError e = q->lastError();
        finishEvent(sql, {}, ns, q.get(), &e);
        raise(e, sql, model);
    }
    finishEvent(sql, {}, ns, q.get(), nullptr);
    QSqlQuery *raw = q.get();
    return Cursor(raw, std::move(q));
}

Cursor Executor::run(const Sql &sql, const ModelMeta *model, const QByteArray *shape)
{
    refuseIfTransactionLost();
    if (sql.bindings.isEmpty() && !isPreparable(leadingKeyword(sql.text)))
        return runUnprepared(sql.text, model);
    QSqlQuery *q = shape ? m_conn.cachedFor(*shape, sql.text) : m_conn.cached(sql.text);
    std::unique_ptr<QSqlQuery> owned;
    if (!q) {
        owned = std::make_unique<QSqlQuery>(m_conn.db());
        owned->setForwardOnly(true);
        if (!owned->prepare(sql.text)) {
            const QSqlError e = owned->lastError();
            finishEvent(sql.text, sql.bindings, 0, nullptr, &e);
            raise(e, sql.text, model);
        }
        q = owned.get();
    }
    bindPositional(*q, sql.bindings);
    QElapsedTimer timer;
    timer.start();
    const bool ok = execWaitingForLocks(*q, [&] { return q->exec(); });
    const qint64 ns = timer.nsecsElapsed();
    if (!ok) {
        const QSqlError e = q->lastError();
        q->finish();
        finishEvent(sql.text, sql.bindings, ns, q, &e);
        raise(e, sql.text, model);
    }
    finishEvent(sql.text, sql.bindings, ns, q, nullptr);
    return Cursor(q, std::move(owned));
}

Cursor Executor::runNamed(const QString &sql, const QVariantMap &bindings)
{
    refuseIfTransactionLost();
    if (bindings.isEmpty() && !isPreparable(leadingKeyword(sql)))
        return runUnprepared(sql, nullptr);
    auto q = std::make_unique<QSqlQuery>(m_conn.db());
    q->setForwardOnly(true);
    QVariantList shown;
    if (!q->prepare(sql)) {
        const QSqlError e = q->lastError();
        finishEvent(sql, shown, 0, nullptr, &e);
        raise(e, sql, nullptr);
    }
    for (auto it = bindings.begin(); it != bindings.end(); ++it) {
        const QString key = it.key().startsWith(QLatin1Char(':')) ? it.key() : QLatin1Char(':') + it.key();
        q->bindValue(key, it.value());
        shown.append(it.value());
    }
    QElapsedTimer timer;
    timer.start();
    const bool ok = execWaitingForLocks(*q, [&] { return q->exec(); });
    const qint64 ns = timer.nsecsElapsed();
    if (!ok) {
        const QSqlError e = q->lastError();
        finishEvent(sql, shown, ns, q.get(), &e);
        raise(e, sql, nullptr);
    }
    finishEvent(sql, shown, ns, q.get(), nullptr);
    QSqlQuery *raw = q.get();
    return Cursor(raw, std::move(q));
}

void Executor::exec(const QString &sql, bool changesSchema)
{
    refuseIfTransactionLost();
    QSqlQuery q(m_conn.db());
    QElapsedTimer timer;
    timer.start();
    const bool ok = execWaitingForLocks(q, [&] { return q.exec(sql); });
    const qint64 ns = timer.nsecsElapsed();
    if (changesSchema)
        m_d.schemaGeneration.fetch_add(1);
    if (!ok) {
        const QSqlError e = q.lastError();
        finishEvent(sql, {}, ns, &q, &e);
        raise(e, sql, nullptr);
    }
    finishEvent(sql, {}, ns, &q, nullptr);
}

int Executor::transactionDepth() const
{
    return m_conn.transactionDepth;
}

namespace {
// One open transaction level of a connection.
struct TxFrame
{
    quint64 id = 0;
    std::optional<IsolationLevel> isolation; // of the outermost level
    QList<std::function<void()>> afterCommit;
};

std::atomic<quint64> g_nextTransactionId{1};

// The open levels of this thread's connections. A connection belongs to one thread, so
// its levels live with the thread; entries go when their last level ends.
thread_local std::unordered_map<const Connection *, QList<TxFrame>> t_frames;

// The levels of c, in step with its depth: a lost connection (or a reopened one) ends its
// transaction without us, and a depth we did not see begin gets levels of its own.
QList<TxFrame> &framesOf(Connection &c)
{
    QList<TxFrame> &frames = t_frames[&c];
    const int depth = qMax(0, c.transactionDepth);
    if (frames.size() > depth)
        frames.resize(depth);
    while (frames.size() < depth)
        frames.append({g_nextTransactionId.fetch_add(1), frames.isEmpty() ? std::nullopt : frames.first().isolation, {}});
    return frames;
}

// The levels of c without making an entry for a connection that has none open.
const QList<TxFrame> *peekFrames(Connection &c)
{
    if (c.transactionDepth <= 0 && t_frames.find(&c) == t_frames.end())
        return nullptr;
    return &framesOf(c);
}

void forgetIfIdle(const Connection &c)
{
    auto it = t_frames.find(&c);
    if (it != t_frames.end() && it->second.isEmpty())
        t_frames.erase(it);
}

// Runs the callbacks of a committed transaction, every one of them; the first exception
// is rethrown afterwards (the transaction stays committed).
void runAfterCommit(const QList<std::function<void()>> &callbacks)
{
    std::exception_ptr first;
    for (const auto &fn : callbacks) {
        try {
            fn();
        } catch (...) {
            if (!first)
                first = std::current_exception();
        }
    }
    if (first)
        std::rethrow_exception(first);
}
} // namespace

quint64 Executor::transactionId(int level) const
{
    const QList<TxFrame> *frames = peekFrames(m_conn);
    const quint64 id = frames && level >= 1 && level <= frames->size() ? frames->at(level - 1).id : 0;
    forgetIfIdle(m_conn);
    return id;
}

std::optional<IsolationLevel> Executor::isolation() const
{
    const QList<TxFrame> *frames = peekFrames(m_conn);
    const std::optional<IsolationLevel> level = frames && !frames->isEmpty() ? frames->first().isolation : std::nullopt;
    forgetIfIdle(m_conn);
    return level;
}

void Executor::afterCommit(std::function<void()> fn, int level)
{
    if (!fn)
        return;
    QList<TxFrame> &frames = framesOf(m_conn);
    if (frames.isEmpty()) {
        forgetIfIdle(m_conn);
        fn();
        return;
    }
    const int index = level >= 1 && level <= frames.size() ? level - 1 : frames.size() - 1;
    frames[index].afterCommit.append(std::move(fn));
}

void Executor::begin(const TransactionOptions &options)
{
    const int depth = m_conn.transactionDepth;
    std::optional<IsolationLevel> isolation = options.isolation;
    if (depth == 0) {
        const QStringList statements = dialect().beginStatements(options.isolation);
        try {
            for (const QString &sql : statements)
                exec(sql);
        } catch (...) {
            // A session setting made before the BEGIN that failed must not outlive it.
            try {
                for (const QString &sql : dialect().endStatements(options.isolation))
                    exec(sql);
            } catch (...) {
            }
            throw;
        }
    } else {
        const std::optional<IsolationLevel> outer = framesOf(m_conn).first().isolation;
        if (options.isolation && (!outer || int(*outer) < int(*options.isolation)))
            throw Error(QStringLiteral("A transaction nested in another runs at the isolation level of the outermost one "
                                       "(%1): it cannot ask for %2. Begin the outermost transaction with it.")
                            .arg(outer ? isolationLevelName(*outer) : QStringLiteral("the database's default"),
                                 isolationLevelName(*options.isolation)));
        isolation = outer;
        exec(QStringLiteral("SAVEPOINT quarry_sp_%1").arg(depth));
    }
    QList<TxFrame> &frames = framesOf(m_conn);
    ++m_conn.transactionDepth;
    frames.append({g_nextTransactionId.fetch_add(1), isolation, {}});
}

void Executor::commit(bool *committed)
{
    if (m_conn.transactionDepth <= 0)
        throw Error(QStringLiteral("commit() without an open transaction"));
    refuseIfTransactionLost(); // the levels stay for the rollback that must follow
    TxFrame frame = framesOf(m_conn).takeLast();
    const int depth = --m_conn.transactionDepth;
    if (depth > 0) {
        exec(QStringLiteral("RELEASE SAVEPOINT quarry_sp_%1").arg(depth));
        if (committed)
            *committed = true;
        QList<TxFrame> &frames = framesOf(m_conn);
        if (!frames.isEmpty()) // the release worked: the enclosing level commits them
            frames.last().afterCommit.append(frame.afterCommit);
        return;
    }
    forgetIfIdle(m_conn);
    auto endSession = [&] {
        try {
            for (const QString &sql : dialect().endStatements(frame.isolation))
                exec(sql);
        } catch (...) {
        }
    };
    try {
        exec(QStringLiteral("COMMIT"));
    } catch (const ConnectionError &) {
        throw;
    } catch (...) {
        // A COMMIT that fails (a deferred constraint, SQLITE_BUSY) leaves SQLite's
        // transaction open; end it, so that the connection is not stuck inside it. The
        // servers end the transaction themselves.
        if (dialect().name() == QLatin1String("sqlite")) {
            try {
                exec(QStringLiteral("ROLLBACK"));
            } catch (...) {
            }
        }
        endSession();
        throw;
    }
    endSession();
    if (committed)
        *committed = true;
    runAfterCommit(frame.afterCommit);
}

void Executor::rollback()
{
    if (m_conn.transactionDepth <= 0)
        throw Error(QStringLiteral("rollback() without an open transaction"));
    if (m_conn.transactionLost) {
        // The server already rolled everything back with the session: only our levels
        // remain. The last one clears the state, and the next call reconnects.
        framesOf(m_conn).takeLast();
        if (--m_conn.transactionDepth == 0) {
            m_conn.transactionLost = false;
            forgetIfIdle(m_conn);
        }
        return;
    }
    const TxFrame frame = framesOf(m_conn).takeLast(); // its afterCommit callbacks are dropped
    const int depth = --m_conn.transactionDepth;
    if (depth == 0) {
        forgetIfIdle(m_conn);
        try {
            exec(QStringLiteral("ROLLBACK"));
        } catch (...) {
            try {
                for (const QString &sql : dialect().endStatements(frame.isolation))
                    exec(sql);
            } catch (...) {
            }
            throw;
        }
        for (const QString &sql : dialect().endStatements(frame.isolation))
            exec(sql);
    } else {
        exec(QStringLiteral("ROLLBACK TO SAVEPOINT quarry_sp_%1").arg(depth));
        exec(QStringLiteral("RELEASE SAVEPOINT quarry_sp_%1").arg(depth));
    }
}

namespace {
// QObject::isSignalConnected is protected; a pointer to it taken through a subclass is
// an ordinary, legal call on any QObject.
struct SignalPeek : QObject
{
    using QObject::isSignalConnected;
};

// Whether anything is connected to DatabaseEvents::sqlExecuted (a QSignalSpy, the
// browser's log view): then every statement must be reported, as for a listener.
bool sqlSignalConnected(const DatabaseEvents *events)
{
    if (!events)
        return false;
    static const QMetaMethod signal = QMetaMethod::fromSignal(&DatabaseEvents::sqlExecuted);
    constexpr auto isConnected = &SignalPeek::isSignalConnected;
    return (events->*isConnected)(signal);
}
} // namespace

void Executor::finishEvent(const QString &sql, const QVariantList &bindings, qint64 ns, const QSqlQuery *q,
                           const QSqlError *error)
{
    const bool log = lcSql().isDebugEnabled();
    if (!log && !m_d.hasListeners() && !sqlSignalConnected(m_d.events.data()))
        return;
    SqlEvent ev;
    ev.sql = sql;
    ev.bindings = bindings;
    ev.durationUs = ns / 1000;
    ev.ok = error == nullptr;
    if (error)
        ev.error = error->text();
    else if (q && !q->isSelect())
        ev.rowsAffected = q->numRowsAffected();
    if (log) {
        // The tag says which piece of work ran it (orm::SqlTagScope), as listeners see it.
        const QString tag = SqlTagScope::current();
        qCDebug(lcSql).noquote() << (tag.isEmpty() ? sql : QStringLiteral("[%1] %2").arg(tag, sql)) << bindings
                                 << QStringLiteral("(%1 us)").arg(ev.durationUs) << (error ? error->text() : QString());
    }
    m_d.notify(ev);
}

namespace {
// The model that declares an index or unique key of this name, if any.
const ModelMeta *ownerOfIndex(const QList<const ModelMeta *> &models, const QString &name)
{
    for (const ModelMeta *m : models)
        for (const IndexMeta &ix : m->indexes)
            if (ix.name.compare(name, Qt::CaseInsensitive) == 0)
                return m;
    return nullptr;
}

// Attribute names for the columns an error is about: through the constraint's index when
// the driver names only the constraint (MariaDB), else through the columns it names.
QStringList attributesFor(const ModelMeta *model, const ErrorInfo &info)
{
    QStringList out;
    if (!model)
        return info.columns;
    if (!info.constraint.isEmpty()) {
        for (const IndexMeta &ix : model->indexes) {
            if (ix.name.compare(info.constraint, Qt::CaseInsensitive) == 0) {
                for (const QString &col : ix.columns) {
                    const int f = model->indexOfColumn(col);
                    out.append(f >= 0 ? model->fields.at(f).name : col);
                }
                return out;
            }
        }
        // MariaDB/MySQL name the primary key's index PRIMARY and give no columns.
        if (info.kind == ErrorInfo::Unique && info.columns.isEmpty()
            && info.constraint.compare(QLatin1String("PRIMARY"), Qt::CaseInsensitive) == 0) {
            for (int f : model->primaryKey)
                out.append(model->fields.at(f).name);
            return out;
        }
    }
    for (const QString &col : info.columns) {
        const int f = model->indexOfColumn(col);
        out.append(f >= 0 ? model->fields.at(f).name : col);
    }
    return out;
}
} // namespace

void Executor::raise(const QSqlError &error, const QString &sql, const ModelMeta *model)
{
    ErrorInfo info = dialect().classify(error);
    // A driver that noticed the server is gone closes the connection; what follows fails
    // with an empty error ("database not open"). Either way the connection is lost.
    if (info.kind == ErrorInfo::Other && !m_conn.db().isOpen())
        info.kind = ErrorInfo::ConnectionLost;
    const QString driverText = error.text().trimmed().isEmpty() && !m_conn.db().isOpen()
                                   ? QStringLiteral("the connection to the server is closed")
                                   : error.text();
    const QString code = error.nativeErrorCode();
    const QString who = model ? model->name : QString();
    // A raw statement (db.execute) has no model; a unique key the ORM created still tells
    // which model's attributes are involved.
    const ModelMeta *owner = model;
    if (!owner && info.columns.isEmpty() && !info.constraint.isEmpty())
        owner = ownerOfIndex(m_d.models(), info.constraint);
    const QStringList fields = attributesFor(owner, info);
    QString on = fields.isEmpty() ? QString() : QStringLiteral(" on %1").arg(fields.join(QStringLiteral(", ")));
    if (fields.isEmpty() && !info.constraint.isEmpty())
        on = QStringLiteral(" (constraint %1)").arg(info.constraint);
    const QString prefix = who.isEmpty() ? QString() : who + QStringLiteral(": ");
    switch (info.kind) {
    case ErrorInfo::Unique:
        throw UniqueConstraintError(prefix + QStringLiteral("unique constraint violated") + on, sql, driverText,
                                    code, who, fields, info.constraint);
    case ErrorInfo::ForeignKey:
        throw ForeignKeyConstraintError(prefix + QStringLiteral("foreign key constraint violated") + on, sql,
                                        driverText, code, who, fields, info.constraint);
    case ErrorInfo::NotNull:
        throw NotNullConstraintError(prefix + QStringLiteral("null value not allowed") + on, sql, driverText, code,
                                     who, fields, info.constraint);
    case ErrorInfo::Check:
        throw CheckConstraintError(prefix
                                       + (info.constraint.isEmpty()
                                              ? QStringLiteral("check constraint violated")
                                              : QStringLiteral("check constraint %1 violated").arg(info.constraint))
                                       + (fields.isEmpty() ? QString() : on),
                                   sql, driverText, code, who, fields, info.constraint);
    case ErrorInfo::Deadlock:
    case ErrorInfo::Serialization:
        throw DeadlockError(prefix + QStringLiteral("transaction aborted (%1); it may be retried")
                                         .arg(info.kind == ErrorInfo::Deadlock ? QStringLiteral("deadlock")
                                                                               : QStringLiteral("serialization failure")),
                            sql, driverText, code);
    case ErrorInfo::Timeout:
        throw TimeoutError(prefix + QStringLiteral("statement timed out: ") + driverText, sql,
                           driverText, code);
    case ErrorInfo::ConnectionLost:
        m_conn.clearCache();
        m_conn.db().close(); // the next call on this thread reconnects
        if (m_conn.transactionDepth > 0) {
            // Refuse statements until the levels are rolled back (Connection::transactionLost);
            // the levels keep their ids, so handles still know their transaction.
            m_conn.transactionLost = true;
            throw ConnectionError(prefix + QStringLiteral("connection lost inside a transaction, which the server "
                                                          "rolled back: ") + driverText);
        }
        t_frames.erase(&m_conn);
        throw ConnectionError(prefix + QStringLiteral("connection lost: ") + driverText);
    case ErrorInfo::Other:
        break;
    }
    throw DatabaseError(prefix + driverText, sql, driverText, code);
}

} // namespace orm::detail
