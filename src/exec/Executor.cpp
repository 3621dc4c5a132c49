#include "exec/Executor.h"

#include "exec/Connection.h"
#include "exec/DatabasePrivate.h"

#include <orm/Errors.h>
#include <QElapsedTimer>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcSql, "quarry.sql", QtWarningMsg)
Q_LOGGING_CATEGORY(lcOrm, "quarry.orm", QtInfoMsg)

namespace orm::detail {

Cursor::Cursor(QSqlQuery *query, std::unique_ptr<QSqlQuery> owned)
    : m_query(query), m_owned(std::move(owned))
{
}

Cursor::~Cursor()
{
    if (m_query && !m_owned)
        m_query->finish(); // release the cached statement (and SQLite's read lock)
}

Executor::Executor(DatabasePrivate &d)
    : m_d(d), m_conn(d.connection())
{
}

const Dialect &Executor::dialect() const
{
    return *m_d.dialect;
}

Cursor Executor::run(const Sql &sql, const ModelMeta *model)
{
    QSqlQuery *q = m_conn.cached(sql.text);
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
    for (int i = 0; i < sql.bindings.size(); ++i)
        q->bindValue(i, sql.bindings.at(i));
    QElapsedTimer timer;
    timer.start();
    const bool ok = q->exec();
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
    const bool ok = q->exec();
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
    QSqlQuery q(m_conn.db());
    QElapsedTimer timer;
    timer.start();
    const bool ok = q.exec(sql);
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

void Executor::begin()
{
    const int depth = m_conn.transactionDepth;
    exec(depth == 0 ? dialect().beginStatement() : QStringLiteral("SAVEPOINT quarry_sp_%1").arg(depth));
    ++m_conn.transactionDepth;
}

void Executor::commit()
{
    if (m_conn.transactionDepth <= 0)
        throw Error(QStringLiteral("commit() without an open transaction"));
    const int depth = --m_conn.transactionDepth;
    exec(depth == 0 ? QStringLiteral("COMMIT") : QStringLiteral("RELEASE SAVEPOINT quarry_sp_%1").arg(depth));
}

void Executor::rollback()
{
    if (m_conn.transactionDepth <= 0)
        throw Error(QStringLiteral("rollback() without an open transaction"));
    const int depth = --m_conn.transactionDepth;
    if (depth == 0) {
        exec(QStringLiteral("ROLLBACK"));
    } else {
        exec(QStringLiteral("ROLLBACK TO SAVEPOINT quarry_sp_%1").arg(depth));
        exec(QStringLiteral("RELEASE SAVEPOINT quarry_sp_%1").arg(depth));
    }
}

void Executor::finishEvent(const QString &sql, const QVariantList &bindings, qint64 ns, const QSqlQuery *q,
                           const QSqlError *error)
{
    const bool log = lcSql().isDebugEnabled();
    if (!log && !m_d.hasListeners())
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
    if (log)
        qCDebug(lcSql).noquote() << sql << bindings << QStringLiteral("(%1 us)").arg(ev.durationUs)
                                 << (error ? error->text() : QString());
    m_d.notify(ev);
}

namespace {
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
    const ErrorInfo info = dialect().classify(error);
    const QString driverText = error.text();
    const QString code = error.nativeErrorCode();
    const QString who = model ? model->name : QString();
    const QStringList fields = attributesFor(model, info);
    const QString on = fields.isEmpty() ? QString() : QStringLiteral(" on %1").arg(fields.join(QStringLiteral(", ")));
    const QString prefix = who.isEmpty() ? QString() : who + QStringLiteral(": ");
    switch (info.kind) {
    case ErrorInfo::Unique:
        throw UniqueConstraintError(prefix + QStringLiteral("unique constraint violated") + on, sql, driverText,
                                    code, who, fields);
    case ErrorInfo::ForeignKey:
        throw ForeignKeyConstraintError(prefix + QStringLiteral("foreign key constraint violated") + on, sql,
                                        driverText, code, who, fields);
    case ErrorInfo::NotNull:
        throw NotNullConstraintError(prefix + QStringLiteral("null value not allowed") + on, sql, driverText, code,
                                     who, fields);
    case ErrorInfo::Check:
        throw CheckConstraintError(prefix + QStringLiteral("check constraint violated") + on, sql, driverText, code,
                                   who, fields);
    case ErrorInfo::Deadlock:
    case ErrorInfo::Serialization:
        throw DeadlockError(prefix + QStringLiteral("transaction aborted (%1); it may be retried")
                                         .arg(info.kind == ErrorInfo::Deadlock ? QStringLiteral("deadlock")
                                                                               : QStringLiteral("serialization failure")),
                            sql, driverText, code);
    case ErrorInfo::Timeout:
        throw TimeoutError(prefix + QStringLiteral("statement timed out"), sql, driverText, code);
    case ErrorInfo::ConnectionLost:
        m_conn.clearCache();
        m_conn.db().close(); // the next call on this thread reconnects
        m_conn.transactionDepth = 0;
        throw ConnectionError(prefix + QStringLiteral("connection lost: ") + driverText);
    case ErrorInfo::Other:
        break;
    }
    throw DatabaseError(prefix + driverText, sql, driverText, code);
}

} // namespace orm::detail
