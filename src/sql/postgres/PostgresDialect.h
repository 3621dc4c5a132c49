// PostgreSQL: SQLSTATE error codes, identity columns, transactional ALTER TABLE.
#pragma once

#include "sql/Dialect.h"

namespace orm::detail {

class PostgresDialect final : public Dialect
{
public:
    QString name() const override { return QStringLiteral("postgres"); }
    // libpq's: bounds the whole connection start-up, the server's answers included.
    QString connectTimeoutOption(int seconds) const override { return QStringLiteral("connect_timeout=%1").arg(seconds); }
    QString driverName() const override { return QStringLiteral("QPSQL"); }
    void configure(QSqlDatabase &db, int busyTimeoutMs) const override;
    int maxBindParameters() const override { return 65535; }
    QString caseInsensitiveLike(const QString &lhs, bool negate) const override;
    QString columnType(const FieldMeta &field) const override;
    QString autoIncrementColumn(const FieldMeta &field) const override;
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("true") : QStringLiteral("false"); }
    QVariant toDb(const FieldMeta &field, const QVariant &value) const override;
    // QPSQL turns timestamptz into local time: an exact instant, so toUTC() is lossless.
    QDateTime decodeDateTime(const QDateTime &driverValue) const override { return driverValue.toUTC(); }
    void afterExplicitKeys(Executor &ex, const ModelMeta &model, const FieldMeta &key) const override;
    ErrorInfo classify(const QSqlError &error) const override;
    QStringList tableNames(Executor &ex) const override;
    LiveTable describe(Executor &ex, const QString &table) const override;
    void alterTable(Executor &ex, const ModelMeta &model, const LiveTable &live, bool dropColumns) const override;
    QString dropTableStatement(const QString &table) const override;
    // BEGIN ISOLATION LEVEL ... (READ UNCOMMITTED behaves as READ COMMITTED in PostgreSQL).
    QStringList beginStatements(std::optional<IsolationLevel> isolation) const override
    {
        if (!isolation)
            return {beginStatement()};
        return {QStringLiteral("BEGIN ISOLATION LEVEL ") + isolationLevelName(*isolation)};
    }
};

} // namespace orm::detail
