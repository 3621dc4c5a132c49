#include "sql/sqlite/SqliteDialect.h"

#include "exec/Executor.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace orm::detail {

void SqliteDialect::configure(QSqlDatabase &db, int busyTimeoutMs) const
{
    registerFunctions(db);
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    // LIKE is case-sensitive on every dialect; iLike is the case-insensitive one.
    q.exec(QStringLiteral("PRAGMA case_sensitive_like = ON"));
    q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs));
    const QString name = db.databaseName();
    if (!name.startsWith(QLatin1String("file:")) && name != QLatin1String(":memory:")) {
        q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous = NORMAL")); // durable with WAL, much faster than FULL
    }
}

QString SqliteDialect::limitOffset(int limit, int offset) const
{
    if (limit < 0 && offset > 0)
        return QStringLiteral(" LIMIT -1 OFFSET %1").arg(offset); // SQLite needs LIMIT before OFFSET
    return Dialect::limitOffset(limit, offset);
}

QString SqliteDialect::columnType(const FieldMeta &f) const
{
    switch (f.type) {
    case FieldType::Boolean: return QStringLiteral("TINYINT(1)");
    case FieldType::Integer: return QStringLiteral("INTEGER");
    case FieldType::BigInt: return QStringLiteral("BIGINT");
    case FieldType::Double: return QStringLiteral("DOUBLE PRECISION");
    case FieldType::Decimal: return QStringLiteral("DECIMAL(%1,%2)").arg(f.precision).arg(f.scale);
    case FieldType::String: return QStringLiteral("VARCHAR(%1)").arg(f.length);
    case FieldType::Text: return QStringLiteral("TEXT");
    case FieldType::Blob: return QStringLiteral("BLOB");
    case FieldType::Date: return QStringLiteral("DATE");
    case FieldType::Time: return QStringLiteral("TIME");
    case FieldType::DateTime: return QStringLiteral("DATETIME");
    case FieldType::Uuid: return QStringLiteral("UUID");
    case FieldType::Json: return QStringLiteral("JSON");
    case FieldType::Enum: return QStringLiteral("VARCHAR(255)");
    }
    return QStringLiteral("TEXT");
}

QString SqliteDialect::autoIncrementColumn(const FieldMeta &) const
{
    // Only "INTEGER PRIMARY KEY" aliases the rowid; AUTOINCREMENT never reuses ids.
    return QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT");
}

ErrorInfo SqliteDialect::classify(const QSqlError &error) const
{
    // QSQLITE reports the primary result code, so the message tells the constraint kind:
    // "UNIQUE constraint failed: users.email, users.x", "NOT NULL constraint failed: t.c".
    ErrorInfo info;
    const QString text = error.databaseText();
    static const QRegularExpression re(QStringLiteral("^(UNIQUE|NOT NULL|FOREIGN KEY|CHECK) constraint failed:?\\s*(.*)$"));
    const auto m = re.match(text);
    if (m.hasMatch()) {
        const QString kind = m.captured(1);
        info.kind = kind == QLatin1String("UNIQUE")      ? ErrorInfo::Unique
                    : kind == QLatin1String("NOT NULL")  ? ErrorInfo::NotNull
                    : kind == QLatin1String("CHECK")     ? ErrorInfo::Check
                                                         : ErrorInfo::ForeignKey;
        const QString rest = m.captured(2).trimmed();
        if (info.kind == ErrorInfo::Check) {
            info.constraint = rest;
        } else if (!rest.isEmpty()) {
            for (const QString &part : rest.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString p = part.trimmed();
                const int dot = p.lastIndexOf(QLatin1Char('.'));
                info.columns.append(dot >= 0 ? p.mid(dot + 1) : p);
            }
        }
        return info;
    }
    if (text.contains(QLatin1String("database is locked")) || text.contains(QLatin1String("database table is locked")))
        info.kind = ErrorInfo::Timeout;
    return info;
}

bool SqliteDialect::isUnwaitedLock(const QSqlError &error) const
{
    // SQLITE_LOCKED (6), or SQLITE_LOCKED_SHAREDCACHE (262) with extended codes: a table
    // lock of another connection to the same shared cache. SQLite returns it at once.
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("6") || code == QLatin1String("262")
           || error.databaseText().contains(QLatin1String("database table is locked"));
}

QStringList SqliteDialect::tableNames(Executor &ex) const
{
    QStringList out;
    Cursor c = ex.run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    while (c.next())
        out.append(c.value(0).toString());
    return out;
}

namespace {
QString unquoteDefault(QString d)
{
    d = d.trimmed();
    if (d.size() >= 2 && d.startsWith(QLatin1Char('\'')) && d.endsWith(QLatin1Char('\'')))
        d = d.mid(1, d.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
    return d;
}
} // namespace

LiveTable SqliteDialect::describe(Executor &ex, const QString &table) const
{
    LiveTable t;
    t.name = table;
    {
        Cursor c = ex.run(QStringLiteral("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)"), {table});
        while (c.next()) {
            LiveColumn col;
            col.name = c.value(0).toString();
            col.type = normalizeType(c.value(1).toString());
            col.notNull = c.value(2).toInt() != 0;
            col.defaultValue = c.value(3).isNull() ? QString() : unquoteDefault(c.value(3).toString());
            col.primaryKey = c.value(4).toInt() > 0;
            t.columns.append(col);
        }
    }
    QList<LiveIndex> indexes;
    {
        Cursor c = ex.run(QStringLiteral("SELECT name, \"unique\", origin FROM pragma_index_list(?)"), {table});
        while (c.next()) {
            LiveIndex ix;
            ix.name = c.value(0).toString();
            ix.unique = c.value(1).toInt() != 0;
            ix.primary = c.value(2).toString() != QLatin1String("c"); // pk or inline UNIQUE constraint
            indexes.append(ix);
        }
    }
    for (LiveIndex &ix : indexes) {
        Cursor c = ex.run(QStringLiteral("SELECT name FROM pragma_index_info(?) ORDER BY seqno"), {ix.name});
        while (c.next())
            ix.columns.append(c.value(0).toString());
    }
    t.indexes = indexes;
    {
        Cursor c = ex.run(QStringLiteral("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq"), {table});
        int lastId = -1;
        while (c.next()) {
            const int id = c.value(0).toInt();
            if (id != lastId) {
                LiveForeignKey fk;
                fk.referencedTable = c.value(1).toString();
                fk.onUpdate = c.value(4).toString();
                fk.onDelete = c.value(5).toString();
                t.foreignKeys.append(fk);
                lastId = id;
            }
            t.foreignKeys.last().columns.append(c.value(2).toString());
            t.foreignKeys.last().referencedColumns.append(c.value(3).toString());
        }
    }
    return t;
}

} // namespace orm::detail
