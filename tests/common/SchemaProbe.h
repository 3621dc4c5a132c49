// Reads the live schema straight from each database's catalog (sqlite pragmas,
// pg_catalog, information_schema), independent of the ORM's own describe(), so that the
// metadata, naming and sync tests can check what really is in the database.
#pragma once

#include "TestSupport.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <optional>

namespace quarry::test {

struct ProbeColumn
{
    QString name;
    QString type; // as the catalog spells it: "VARCHAR(20)", "character varying(20)", "varchar(20)"
    bool notNull = false;
    bool primaryKey = false;
    QVariant defaultValue; // the catalog's default expression; null when none
};

struct ProbeIndex
{
    QString name;
    QStringList columns;
    bool unique = false;
    bool primary = false;
};

struct ProbeForeignKey
{
    QStringList columns;
    QString referencedTable;
    QStringList referencedColumns;
    QString onDelete;
};

inline bool isSqlite(const orm::Database &db) { return db.dialectName() == QLatin1String("sqlite"); }
inline bool isPostgres(const orm::Database &db) { return db.dialectName() == QLatin1String("postgres"); }
inline bool isMariadb(const orm::Database &db)
{
    return db.dialectName() == QLatin1String("mariadb") || db.dialectName() == QLatin1String("mysql");
}

// One of three spellings, by dialect.
inline QString perDialect(const orm::Database &db, const QString &sqlite, const QString &postgres, const QString &mariadb)
{
    return isSqlite(db) ? sqlite : isPostgres(db) ? postgres : mariadb;
}

inline QStringList probeTables(const orm::Database &db)
{
    QString sql;
    if (isSqlite(db))
        sql = QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    else if (isPostgres(db))
        sql = QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename");
    else
        sql = QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                             "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME");
    QStringList out;
    for (const QVariantList &r : rawRows(db, sql))
        out.append(r.value(0).toString());
    out.sort(); // by code point on every dialect (MariaDB's ORDER BY follows its collation)
    return out;
}

inline QList<ProbeColumn> probeColumns(const orm::Database &db, const QString &table)
{
    QList<ProbeColumn> out;
    if (isSqlite(db)) {
        for (const QVariantList &r :
             rawRows(db, QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid"), {table}))
            out.append({r[0].toString(), r[1].toString(), r[2].toInt() != 0, r[4].toInt() > 0, r[3]});
    } else if (isPostgres(db)) {
        for (const QVariantList &r : rawRows(
                 db,
                 QStringLiteral("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
                                "EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary AND a.attnum = ANY(i.indkey)) "
                                "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                                "WHERE a.attrelid = to_regclass(quote_ident(CAST(? AS text))) AND a.attnum > 0 AND NOT a.attisdropped "
                                "ORDER BY a.attnum"),
                 {table}))
            out.append({r[0].toString(), r[1].toString(), r[2].toBool(), r[4].toBool(), r[3]});
    } else {
        for (const QVariantList &r : rawRows(
                 db,
                 QStringLiteral("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_KEY FROM information_schema.COLUMNS "
                                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION"),
                 {table})) {
            QVariant def = r[3];
            if (def.toString() == QLatin1String("NULL"))
                def = QVariant(); // MariaDB's spelling of "no default" on a nullable column
            out.append({r[0].toString(), r[1].toString(), r[2].toString() == QLatin1String("NO"),
                        r[4].toString() == QLatin1String("PRI"), def});
        }
    }
    return out;
}

inline ProbeColumn probeColumn(const orm::Database &db, const QString &table, const QString &column)
{
    for (const ProbeColumn &c : probeColumns(db, table))
        if (c.name == column)
            return c;
    return {};
}

inline QList<ProbeIndex> probeIndexes(const orm::Database &db, const QString &table)
{
    QList<ProbeIndex> out;
    if (isSqlite(db)) {
        for (const QVariantList &r : rawRows(db, QStringLiteral("SELECT name, \"unique\", origin FROM pragma_index_list(?) ORDER BY name"), {table})) {
            ProbeIndex ix{r[0].toString(), {}, r[1].toInt() != 0, r[2].toString() == QLatin1String("pk")};
            for (const QVariantList &c : rawRows(db, QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), {ix.name}))
                ix.columns.append(c[0].toString());
            out.append(ix);
        }
    } else if (isPostgres(db)) {
        for (const QVariantList &r : rawRows(
                 db,
                 QStringLiteral("SELECT i.relname, ix.indisunique, ix.indisprimary, "
                                "(SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(ix.indkey) WITH ORDINALITY AS k(n, o) "
                                " JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n) "
                                "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid "
                                "WHERE ix.indrelid = to_regclass(quote_ident(CAST(? AS text))) ORDER BY i.relname"),
                 {table}))
            out.append({r[0].toString(), r[3].toString().split(QLatin1Char(','), Qt::SkipEmptyParts), r[1].toBool(), r[2].toBool()});
    } else {
        for (const QVariantList &r : rawRows(
                 db,
                 QStringLiteral("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS "
                                "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX"),
                 {table})) {
            const QString name = r[0].toString();
            if (out.isEmpty() || out.last().name != name)
                out.append({name, {}, r[1].toInt() == 0, name == QLatin1String("PRIMARY")});
            out.last().columns.append(r[2].toString());
        }
    }
    return out;
}

// The non-primary index over exactly these columns (in order), if any.
inline std::optional<ProbeIndex> probeIndexOn(const orm::Database &db, const QString &table, const QStringList &columns)
{
    for (const ProbeIndex &ix : probeIndexes(db, table))
        if (!ix.primary && ix.columns == columns)
            return ix;
    return std::nullopt;
}

inline QList<ProbeForeignKey> probeForeignKeys(const orm::Database &db, const QString &table)
{
    QList<ProbeForeignKey> out;
    if (isSqlite(db)) {
        int last = -1;
        for (const QVariantList &r : rawRows(
                 db, QStringLiteral("SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq"), {table})) {
            if (r[0].toInt() != last) {
                out.append({{}, r[1].toString(), {}, r[4].toString().toUpper()});
                last = r[0].toInt();
            }
            out.last().columns.append(r[2].toString());
            out.last().referencedColumns.append(r[3].toString());
        }
    } else if (isPostgres(db)) {
        for (const QVariantList &r : rawRows(
                 db,
                 QStringLiteral("SELECT r.relname, "
                                "(SELECT string_agg(a.attname, ',' ORDER BY x.o) FROM unnest(k.conkey) WITH ORDINALITY AS x(n, o) "
                                " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = x.n), "
                                "(SELECT string_agg(a.attname, ',' ORDER BY x.o) FROM unnest(k.confkey) WITH ORDINALITY AS x(n, o) "
                                " JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = x.n), "
                                "CASE k.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' "
                                " WHEN 'r' THEN 'RESTRICT' ELSE 'NO ACTION' END "
                                "FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid "
                                "WHERE k.contype = 'f' AND k.conrelid = to_regclass(quote_ident(CAST(? AS text))) ORDER BY k.conname"),
                 {table}))
            out.append({r[1].toString().split(QLatin1Char(',')), r[0].toString(), r[2].toString().split(QLatin1Char(',')),
                        r[3].toString()});
    } else {
        QString lastName;
        for (const QVariantList &r : rawRows(
                 db,
                 QStringLiteral("SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE "
                                "FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
                                "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
                                "AND r.TABLE_NAME = k.TABLE_NAME "
                                "WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL "
                                "ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION"),
                 {table})) {
            if (r[0].toString() != lastName) {
                out.append({{}, r[2].toString(), {}, r[4].toString()});
                lastName = r[0].toString();
            }
            out.last().columns.append(r[1].toString());
            out.last().referencedColumns.append(r[3].toString());
        }
    }
    return out;
}

// DDL straight on the connection, unprepared (PostgreSQL cannot prepare DDL).
inline void rawDdl(const orm::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(dialectSql(db, sql)))
        throw std::runtime_error(("raw DDL failed: " + q.lastError().text() + " in " + sql).toStdString());
}

// True when the raw statement is refused by the database.
inline bool rawFails(const orm::Database &db, const QString &sql, const QVariantList &bindings = {})
{
    try {
        rawExec(db, sql, bindings);
    } catch (const std::runtime_error &) {
        return true;
    }
    return false;
}

// Statements that change the schema or data (what a no-op sync must not send).
inline QStringList writingStatements(const QStringList &statements)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|RENAME|COMMENT|"
                                                      "PRAGMA\\s+foreign_keys|SET\\s+FOREIGN_KEY_CHECKS)"),
                                       QRegularExpression::CaseInsensitiveOption);
    QStringList out;
    for (const QString &s : statements)
        if (re.match(s).hasMatch())
            out.append(s);
    return out;
}

} // namespace quarry::test
