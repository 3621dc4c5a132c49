// SQLite: foreign keys on, WAL for files, busy timeout; alter rebuilds the table.
#pragma once

#include "sql/Dialect.h"

namespace orm::detail {

class SqliteDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("sqlite"); }
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    void configure(QSqlDatabase &db, int busyTimeoutMs) const override;
    int maxBindParameters() const override { return 32766; } // SQLITE_MAX_VARIABLE_NUMBER since 3.32
    QString limitOffset(int limit, int offset) const override;
    QString caseInsensitiveLike(const QString &lhs, bool negate) const override;
    bool referencesNeedExistingTables() const override { return false; }
    bool singleInsertUsesReturning() const override { return false; }
    bool isUnwaitedLock(const QSqlError &error) const override;
    static bool registerFunctions(QSqlDatabase &db);
    QString columnType(const FieldMeta &field) const override;
    QString autoIncrementColumn(const FieldMeta &field) const override;
    ErrorInfo classify(const QSqlError &error) const override;
    QStringList tableNames(Executor &ex) const override;
    LiveTable describe(Executor &ex, const QString &table) const override;
    QString normalizeType(const QString &type) const override { return type.trimmed().toUpper(); }
    void alterTable(Executor &ex, const ModelMeta &model, const LiveTable &live, bool dropColumns) const override;
    // SQLite's transactions are SERIALIZABLE: every level gets at least what it asks for.
    // Without a level, BEGIN IMMEDIATE: the write lock is taken at BEGIN, where busy_timeout
    // waits for it. A deferred transaction that reads and then writes after another
    // connection committed fails at once with SQLITE_BUSY (no wait can help it), so
    // concurrent writers would fail. A transaction that asks for a level begins deferred:
    // it reads its snapshot without holding writers off, as the level promises.
    // READ UNCOMMITTED also sets the pragma (it matters to connections sharing a cache)
    // for the transaction; endStatements sets it back.
    QStringList beginStatements(std::optional<IsolationLevel> isolation) const override
    {
        if (!isolation)
            return {QStringLiteral("BEGIN IMMEDIATE")};
        if (isolation == IsolationLevel::ReadUncommitted)
            return {QStringLiteral("PRAGMA read_uncommitted = 1"), beginStatement()};
        return {beginStatement()};
    }
    QStringList endStatements(std::optional<IsolationLevel> isolation) const override
    {
        if (isolation == IsolationLevel::ReadUncommitted)
            return {QStringLiteral("PRAGMA read_uncommitted = 0")};
        return {};
    }
};

} // namespace orm::detail
