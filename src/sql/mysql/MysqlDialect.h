// MariaDB and MySQL: backquotes, native error numbers, ON DUPLICATE KEY, MODIFY COLUMN.
// Tables use utf8mb4_bin so that equality, unique keys and LIKE are case-sensitive, as
// on SQLite and PostgreSQL; iLike is the case-insensitive operator everywhere.
#pragma once

#include "sql/Dialect.h"

namespace orm::detail {

class MysqlDialect final : public Dialect
{
public:
    explicit MysqlDialect(bool mariadb) : m_mariadb(mariadb) {}
    QString name() const override { return m_mariadb ? QStringLiteral("mariadb") : QStringLiteral("mysql"); }
    QString driverName() const override { return m_mariadb ? QStringLiteral("QMARIADB") : QStringLiteral("QMYSQL"); }
    void configure(QSqlDatabase &db, int busyTimeoutMs) const override;
    QChar quoteChar() const override { return QLatin1Char('`'); }
    // Also bounds the wait for the server's greeting, not only the TCP connect.
    QString connectTimeoutOption(int seconds) const override
    {
        return QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(seconds);
    }
    int maxBindParameters() const override { return 65535; }
    QString limitOffset(int limit, int offset) const override;
    // No NULLS FIRST/LAST in MariaDB or MySQL: an "IS NULL" sort key in front does it.
    QString orderTerm(const QString &column, SortOrder direction, NullsOrder nulls) const override;
    // MariaDB has INSERT ... RETURNING since 10.5, but Qt's QMYSQL/QMARIADB driver does not
    // return its rows (checked with Qt 6.4): ids come from lastInsertId.
    bool supportsReturning() const override { return false; }
    QString insertIgnorePrefix() const override { return QStringLiteral("INSERT IGNORE INTO "); }
    QString upsertClause(const QStringList &conflictColumns, const QStringList &updateColumns,
                         bool ignoreDuplicates) const override;
    QString beginStatement() const override { return QStringLiteral("START TRANSACTION"); }
    // SET TRANSACTION (without SESSION) sets the level of the next transaction only.
    QStringList beginStatements(std::optional<IsolationLevel> isolation) const override
    {
        if (!isolation)
            return {beginStatement()};
        return {QStringLiteral("SET TRANSACTION ISOLATION LEVEL ") + isolationLevelName(*isolation), beginStatement()};
    }
    QString columnType(const FieldMeta &field) const override;
    QString autoIncrementColumn(const FieldMeta &field) const override;
    QString defaultClause(const FieldMeta &field) const override;
    QString tableOptions() const override
    {
        return QStringLiteral(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
    }
    ErrorInfo classify(const QSqlError &error) const override;
    QStringList tableNames(Executor &ex) const override;
    LiveTable describe(Executor &ex, const QString &table) const override;
    QString normalizeType(const QString &type) const override;
    QString dropIndexStatement(const QString &table, const QString &index) const override;
    void alterTable(Executor &ex, const ModelMeta &model, const LiveTable &live, bool dropColumns) const override;

private:
    bool m_mariadb;
};

} // namespace orm::detail
