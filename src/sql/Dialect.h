// A Dialect is everything that differs between SQLite, PostgreSQL and MariaDB/MySQL:
// quoting, column types, LIMIT, upserts, RETURNING, value encoding, session setup, error
// codes, reading the live schema and altering tables. Each database's overrides live in
// its own folder (sql/sqlite, sql/postgres, sql/mysql); the rest of the engine only talks
// to this interface.
#pragma once

#include <orm/ModelMeta.h>
#include <orm/Schema.h>
#include <orm/Transaction.h>
#include <QSqlError>
#include <QDateTime>
#include <QStringList>
#include <memory>
#include <optional>

class QSqlDatabase;

namespace orm::detail {

class Executor;

// The live schema types are public (orm/Schema.h); these names are the engine's.
using LiveColumn = orm::ColumnInfo;
using LiveIndex = orm::IndexInfo;
using LiveForeignKey = orm::ForeignKeyInfo;
using LiveTable = orm::TableInfo;

// What went wrong, independent of the driver.
struct ErrorInfo
{
    enum Kind { Other, Unique, ForeignKey, NotNull, Check, Deadlock, Serialization, Timeout, ConnectionLost };
    Kind kind = Other;
    QString constraint;  // constraint or index name, when the driver says
    QStringList columns; // columns involved, when the driver says
};

class Dialect
{
public:
    virtual ~Dialect() = default;

    // Throws ConnectionError for an unknown name.
    static std::unique_ptr<Dialect> forName(const QString &name);

    virtual QString name() const = 0;
    virtual QString driverName() const = 0;

    // --- connection ---
    // The driver's connect option that bounds how long opening may take ("" when none).
    virtual QString connectTimeoutOption(int seconds) const
    {
        Q_UNUSED(seconds);
        return {};
    }
    // Session setup right after open: pragmas, time zone, SQL mode.
    virtual void configure(QSqlDatabase &db, int busyTimeoutMs) const = 0;

    // --- SQL text ---
    virtual QChar quoteChar() const { return QLatin1Char('"'); }
    QString quote(const QString &identifier) const;
    virtual int maxBindParameters() const = 0;
    virtual QString limitOffset(int limit, int offset) const;
    // One ORDER BY term for an already quoted column: "col DESC NULLS LAST" or its equivalent.
    virtual QString orderTerm(const QString &column, SortOrder direction, NullsOrder nulls) const;
    // "lhs ILIKE ?" or its portable equivalent.
    virtual QString caseInsensitiveLike(const QString &lhs, bool negate) const;
    virtual bool supportsReturning() const { return true; }
    // Whether a single-row insert reads its generated key with RETURNING (else lastInsertId).
    // SQLite: RETURNING makes the statement buffer its rows in a statement journal, which
    // doubles the cost of an insert, while sqlite3_last_insert_rowid is exact for one row.
    virtual bool singleInsertUsesReturning() const { return supportsReturning(); }
    virtual QString insertIgnorePrefix() const { return QStringLiteral("INSERT INTO "); }
    // ON CONFLICT / ON DUPLICATE KEY clause appended to a multi-row insert.
    virtual QString upsertClause(const QStringList &conflictColumns, const QStringList &updateColumns,
                                 bool ignoreDuplicates) const;
    virtual QString beginStatement() const { return QStringLiteral("BEGIN"); }
    // --- transactions ---
    // The statements that begin an outermost transaction, at an isolation level when one is
    // asked for (none: the database's default). The default refuses every level (Error).
    virtual QStringList beginStatements(std::optional<IsolationLevel> isolation) const;
    // The statements that undo what beginStatements set for the session, run once the
    // transaction has ended (committed or rolled back).
    virtual QStringList endStatements(std::optional<IsolationLevel>) const { return {}; }

    // --- types and values ---
    virtual QString columnType(const FieldMeta &field) const = 0;
    // The column definition of an auto-increment primary key, after the name.
    virtual QString autoIncrementColumn(const FieldMeta &field) const = 0;
    virtual QString booleanLiteral(bool value) const { return value ? QStringLiteral("1") : QStringLiteral("0"); }
    // Encodes an application value for binding; values arrive as the field's C++ type.
    virtual QVariant toDb(const FieldMeta &field, const QVariant &value) const;
    // Decodes a driver value into the field's C++ type (null stays null). By value: the
    // driver's value is usually a temporary, and most are returned as they came.
    QVariant fromDb(const FieldMeta &field, QVariant raw) const;
    // A QDateTime the driver returned, as UTC. The default takes a local-time value for the
    // UTC wall clock we stored (MariaDB's DATETIME); PostgreSQL's driver converts instants.
    virtual QDateTime decodeDateTime(const QDateTime &driverValue) const;
    // Called after rows were inserted with explicit values in an auto-increment column, so
    // that the next generated id is above them (PostgreSQL's identity sequence is not moved
    // by explicit values).
    virtual void afterExplicitKeys(Executor &, const ModelMeta &, const FieldMeta &) const {}
    // DEFAULT clause for a literal default, or empty.
    virtual QString defaultClause(const FieldMeta &field) const;
    virtual QString tableOptions() const { return {}; }

    // --- errors ---
    virtual ErrorInfo classify(const QSqlError &error) const = 0;
    // A lock held by another connection that busy_timeout does not wait for (SQLite's
    // shared-cache table locks): the executor waits for it itself, up to the busy timeout.
    virtual bool isUnwaitedLock(const QSqlError &) const { return false; }

    // --- live schema ---
    virtual QStringList tableNames(Executor &ex) const = 0;
    virtual LiveTable describe(Executor &ex, const QString &table) const = 0;
    // Normalizes a type as the database reports it, for comparison with columnType().
    virtual QString normalizeType(const QString &type) const { return type.trimmed().toLower(); }

    // --- DDL ---
    virtual QString dropTableStatement(const QString &table) const;
    virtual QString createIndexStatement(const QString &table, const IndexMeta &index) const;
    virtual QString dropIndexStatement(const QString &table, const QString &index) const;
    // Brings one existing table in line with its model without losing rows. The default
    // uses ALTER TABLE; SQLite rebuilds the table.
    virtual void alterTable(Executor &ex, const ModelMeta &model, const LiveTable &live, bool dropColumns) const = 0;
    // The column definition used in CREATE TABLE and ADD COLUMN.
    QString columnDefinition(const FieldMeta &field, bool inlinePrimaryKey) const;
    // extraColumns: definitions kept from the live table (alter without dropColumns).
    // deferredTables: references to these tables are left out (added by alter afterwards).
    QString createTableStatement(const ModelMeta &model, const QString &tableName,
                                 const QStringList &extraColumns = {}, const QStringList &deferredTables = {}) const;
    // SQLite accepts REFERENCES to a table that does not exist yet; the servers do not.
    virtual bool referencesNeedExistingTables() const { return true; }
    QString referencesClause(const FieldMeta::Reference &ref) const;
    // The default as the database reports it (unquoted), for comparison with LiveColumn.
    QString defaultText(const FieldMeta &field) const;
};

} // namespace orm::detail
