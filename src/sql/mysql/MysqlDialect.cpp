#include "sql/mysql/MysqlDialect.h"

#include "exec/Executor.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace orm::detail {

void MysqlDialect::configure(QSqlDatabase &db, int busyTimeoutMs) const
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SET time_zone = '+00:00'"));
    q.exec(QStringLiteral("SET NAMES utf8mb4 COLLATE utf8mb4_bin"));
    // Strict mode: an out-of-range or truncated value is an error, never silently changed.
    q.exec(QStringLiteral("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
                          "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"));
    q.exec(QStringLiteral("SET SESSION innodb_lock_wait_timeout = %1").arg(qMax(1, busyTimeoutMs / 1000)));
}

QString MysqlDialect::limitOffset(int limit, int offset) const
{
    if (limit < 0 && offset > 0)
        return QStringLiteral(" LIMIT 18446744073709551615 OFFSET %1").arg(offset); // MySQL needs a LIMIT
    return Dialect::limitOffset(limit, offset);
}

QString MysqlDialect::orderTerm(const QString &column, SortOrder direction, NullsOrder nulls) const
{
    const QString plain = Dialect::orderTerm(column, direction, NullsDefault);
    // NULL is MariaDB's smallest value: ASC already puts NULLs first, DESC puts them last.
    if (nulls == NullsDefault || (nulls == NullsFirst) == (direction == Asc))
        return plain;
    return column + (nulls == NullsFirst ? QStringLiteral(" IS NULL DESC, ") : QStringLiteral(" IS NULL ASC, ")) + plain;
}

QString MysqlDialect::upsertClause(const QStringList &, const QStringList &updateColumns, bool ignoreDuplicates) const
{
    if (ignoreDuplicates || updateColumns.isEmpty())
        return {}; // INSERT IGNORE does it
    QStringList sets;
    for (const QString &c : updateColumns)
        sets.append(QStringLiteral("%1 = VALUES(%1)").arg(quote(c)));
    return QStringLiteral(" ON DUPLICATE KEY UPDATE ") + sets.join(QStringLiteral(", "));
}

QString MysqlDialect::columnType(const FieldMeta &f) const
{
    switch (f.type) {
    case FieldType::Boolean: return QStringLiteral("tinyint(1)");
    case FieldType::Integer: return QStringLiteral("int");
    case FieldType::BigInt: return QStringLiteral("bigint");
    case FieldType::Double: return QStringLiteral("double");
    case FieldType::Decimal: return QStringLiteral("decimal(%1,%2)").arg(f.precision).arg(f.scale);
    case FieldType::String: return QStringLiteral("varchar(%1)").arg(f.length);
    // longtext, not text: TEXT holds 64 KB on MariaDB, unlimited on the other dialects.
    case FieldType::Text: return QStringLiteral("longtext");
    case FieldType::Blob: return QStringLiteral("longblob");
    case FieldType::Date: return QStringLiteral("date");
    case FieldType::Time: return QStringLiteral("time(3)");
    case FieldType::DateTime: return QStringLiteral("datetime(3)");
    case FieldType::Uuid: return QStringLiteral("char(36)");
    case FieldType::Json: return QStringLiteral("longtext");
    case FieldType::Enum: return QStringLiteral("varchar(255)");
    }
    return QStringLiteral("text");
}

QString MysqlDialect::autoIncrementColumn(const FieldMeta &f) const
{
    return columnType(f) + QStringLiteral(" NOT NULL AUTO_INCREMENT PRIMARY KEY");
}

QString MysqlDialect::defaultClause(const FieldMeta &field) const
{
    // A backslash starts an escape in a MySQL string literal: "C:\dir" must be written
    // 'C:\\dir'. The catalog reports the literal the same way, so alter compares like with like.
    QString clause = Dialect::defaultClause(field);
    static const QString prefix = QStringLiteral(" DEFAULT '");
    if (clause.startsWith(prefix) && clause.endsWith(QLatin1Char('\'')) && clause.contains(QLatin1Char('\\'))) {
        QString body = clause.mid(prefix.size(), clause.size() - prefix.size() - 1);
        body.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        clause = prefix + body + QLatin1Char('\'');
    }
    return clause;
}

QString MysqlDialect::normalizeType(const QString &type) const
{
    QString t = type.trimmed().toLower();
    // Display widths ("int(11)") are not part of the type; tinyint(1) is our boolean.
    static const QRegularExpression width(QStringLiteral("^(int|bigint|smallint|mediumint)\\(\\d+\\)"));
    t.replace(width, QStringLiteral("\\1"));
    t.remove(QStringLiteral(" unsigned"));
    if (t == QLatin1String("json"))
        t = QStringLiteral("longtext"); // MariaDB reports JSON as longtext
    return t;
}

ErrorInfo MysqlDialect::classify(const QSqlError &error) const
{
    ErrorInfo info;
    const int code = error.nativeErrorCode().toInt();
    const QString text = error.databaseText();
    static const QRegularExpression keyRe(QStringLiteral("for key '(?:[^'.]*\\.)?([^']+)'"));
    static const QRegularExpression columnRe(QStringLiteral("(?:Column|Field) '([^']+)'"));
    static const QRegularExpression fkRe(QStringLiteral("CONSTRAINT `([^`]+)` FOREIGN KEY \\(`([^`]+)`\\)"));
    static const QRegularExpression checkRe(QStringLiteral("CONSTRAINT `([^`]+)` failed"));
    switch (code) {
    case 1062:
    case 1586:
        info.kind = ErrorInfo::Unique;
        info.constraint = keyRe.match(text).captured(1);
        break;
    case 1451:
    case 1452:
    case 1216:
    case 1217: {
        info.kind = ErrorInfo::ForeignKey;
        const auto m = fkRe.match(text);
        info.constraint = m.captured(1);
        if (m.hasMatch())
            info.columns = QStringList{m.captured(2)};
        break;
    }
    case 1048:
    case 1364:
        info.kind = ErrorInfo::NotNull;
        info.columns = QStringList{columnRe.match(text).captured(1)};
        break;
    case 3819:
    case 4025:
        info.kind = ErrorInfo::Check;
        info.constraint = checkRe.match(text).captured(1);
        break;
    case 1213:
        info.kind = ErrorInfo::Deadlock;
        break;
    case 1205:
    case 1969:
    case 3024:
        info.kind = ErrorInfo::Timeout;
        break;
    case 2006:
    case 2013:
    case 2055:
    case 1927:
        info.kind = ErrorInfo::ConnectionLost;
        break;
    default:
        if (error.type() == QSqlError::ConnectionError)
            info.kind = ErrorInfo::ConnectionLost;
        break;
    }
    return info;
}

QStringList MysqlDialect::tableNames(Executor &ex) const
{
    QStringList out;
    Cursor c = ex.run(QStringLiteral("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                                     "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME"));
    while (c.next())
        out.append(c.value(0).toString());
    return out;
}

LiveTable MysqlDialect::describe(Executor &ex, const QString &table) const
{
    LiveTable t;
    t.name = table;
    {
        Cursor c = ex.run(QStringLiteral("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, COLUMN_KEY "
                                         "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? "
                                         "ORDER BY ORDINAL_POSITION"),
                          {table});
        while (c.next()) {
            LiveColumn col;
            col.name = c.value(0).toString();
            col.type = normalizeType(c.value(1).toString());
            col.notNull = c.value(2).toString() == QLatin1String("NO");
            QString d = c.value(3).isNull() ? QString() : c.value(3).toString();
            if (d == QLatin1String("NULL"))
                d.clear(); // MariaDB reports "no default" on a nullable column as the text NULL
            if (d.size() >= 2 && d.startsWith(QLatin1Char('\'')) && d.endsWith(QLatin1Char('\'')))
                d = d.mid(1, d.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
            col.defaultValue = d;
            col.primaryKey = c.value(4).toString() == QLatin1String("PRI");
            t.columns.append(col);
        }
    }
    {
        Cursor c = ex.run(QStringLiteral("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS "
                                         "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX"),
                          {table});
        while (c.next()) {
            const QString name = c.value(0).toString();
            if (t.indexes.isEmpty() || t.indexes.last().name != name) {
                LiveIndex ix;
                ix.name = name;
                ix.unique = c.value(1).toInt() == 0;
                ix.primary = name == QLatin1String("PRIMARY");
                t.indexes.append(ix);
            }
            t.indexes.last().columns.append(c.value(2).toString());
        }
    }
    {
        Cursor c = ex.run(QStringLiteral(
                              "SELECT k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, "
                              "r.DELETE_RULE, r.UPDATE_RULE FROM information_schema.KEY_COLUMN_USAGE k "
                              "JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA "
                              "AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME "
                              "WHERE k.TABLE_SCHEMA = DATABASE() AND k.TABLE_NAME = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL "
                              "ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION"),
                          {table});
        while (c.next()) {
            const QString name = c.value(0).toString();
            if (t.foreignKeys.isEmpty() || t.foreignKeys.last().name != name) {
                LiveForeignKey fk;
                fk.name = name;
                fk.referencedTable = c.value(2).toString();
                fk.onDelete = c.value(4).toString();
                fk.onUpdate = c.value(5).toString();
                t.foreignKeys.append(fk);
            }
            t.foreignKeys.last().columns.append(c.value(1).toString());
            t.foreignKeys.last().referencedColumns.append(c.value(3).toString());
        }
    }
    // Indexes that back a foreign key are the constraint's, not ours to drop: the one named
    // after it, or the only index that starts with its columns (InnoDB reuses an existing
    // index and refuses to drop the last one a constraint needs).
    for (const LiveForeignKey &fk : t.foreignKeys) {
        QList<LiveIndex *> covering;
        for (LiveIndex &ix : t.indexes) {
            if (ix.name == fk.name)
                ix.primary = true;
            if (ix.columns.mid(0, fk.columns.size()) == fk.columns)
                covering.append(&ix);
        }
        if (covering.size() == 1)
            covering.first()->primary = true;
    }
    return t;
}

namespace {
// InnoDB treats RESTRICT and NO ACTION alike, and reports an unspecified action as RESTRICT.
QString normalizedAction(const QString &action)
{
    const QString a = action.trimmed().toUpper();
    return a.isEmpty() || a == QLatin1String("RESTRICT") ? QStringLiteral("NO ACTION") : a;
}

bool sameForeignKey(const LiveForeignKey &fk, const FieldMeta::Reference &r)
{
    return fk.referencedTable == r.table && fk.referencedColumns == QStringList{r.column}
           && normalizedAction(fk.onDelete) == normalizedAction(r.onDelete)
           && normalizedAction(fk.onUpdate) == normalizedAction(r.onUpdate);
}

QString foreignKeyName(const QString &table, const QString &column)
{
    const QString full = table + QLatin1Char('_') + column + QStringLiteral("_fkey");
    if (full.size() <= 64)
        return full;
    return full.left(55) + QLatin1Char('_') + QString::fromLatin1(QCryptographicHash::hash(full.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
}
} // namespace

QString MysqlDialect::dropIndexStatement(const QString &table, const QString &index) const
{
    return QStringLiteral("DROP INDEX %1 ON %2").arg(quote(index), quote(table));
}

void MysqlDialect::alterTable(Executor &ex, const ModelMeta &model, const LiveTable &live, bool dropColumns) const
{
    const QString table = quote(live.name);
    QStringList changes;
    for (const FieldMeta &f : model.fields) {
        const LiveColumn *c = live.column(f.column);
        if (!c) {
            changes.append(QStringLiteral("ADD COLUMN ") + columnDefinition(f, false));
            continue;
        }
        if (f.primaryKey)
            continue; // MODIFY of a key column would restate PRIMARY KEY; keys are not altered
        const bool wantNotNull = !f.allowNull;
        if (c->type != normalizeType(columnType(f)) || c->notNull != wantNotNull || c->defaultValue != defaultText(f)) {
            FieldMeta plain = f;
            plain.references.reset(); // MODIFY COLUMN cannot carry REFERENCES; the constraint stays
            changes.append(QStringLiteral("MODIFY COLUMN ") + columnDefinition(plain, false));
        }
    }
    for (const LiveColumn &c : live.columns) {
        if (model.indexOfColumn(c.name) >= 0)
            continue;
        if (dropColumns) {
            qCInfo(lcOrm).noquote() << QStringLiteral("sync alter: dropping %1.%2").arg(live.name, c.name);
            changes.append(QStringLiteral("DROP COLUMN ") + quote(c.name));
        } else
            qCWarning(lcOrm).noquote() << QStringLiteral("sync alter: %1.%2 is not in model %3; kept (use dropColumns to drop it)")
                                              .arg(live.name, c.name, model.name);
    }
    // Foreign keys the model declares and the table lacks (an association added later)
    // are added; one whose target or actions changed is replaced. Keys the model does not
    // declare are kept, as on the other dialects.
    QList<const LiveForeignKey *> replaced;
    for (const FieldMeta &f : model.fields) {
        if (!f.references || f.references->table.isEmpty())
            continue;
        const LiveForeignKey *found = nullptr;
        for (const LiveForeignKey &fk : live.foreignKeys)
            if (fk.columns == QStringList{f.column})
                found = &fk;
        if (found && sameForeignKey(*found, *f.references))
            continue;
        if (found)
            replaced.append(found);
        QString name = foreignKeyName(live.name, f.column);
        if (found && found->name == name)
            name += QStringLiteral("_2");
        changes.append(QStringLiteral("ADD CONSTRAINT %1 FOREIGN KEY (%2)%3").arg(quote(name), quote(f.column), referencesClause(*f.references)));
    }
    if (changes.isEmpty())
        return;
    // A foreign key cannot be dropped and added in one ALTER TABLE that copies the table:
    // the replaced ones go first, and come back if the ALTER fails.
    for (const LiveForeignKey *fk : replaced)
        ex.exec(QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2").arg(table, quote(fk->name)), true);
    // One ALTER TABLE: MySQL's DDL is not transactional, so one statement is all-or-nothing.
    try {
        ex.exec(QStringLiteral("ALTER TABLE %1 %2").arg(table, changes.join(QStringLiteral(", "))), true);
    } catch (...) {
        for (const LiveForeignKey *fk : replaced) {
            QStringList from, to;
            for (const QString &c : fk->columns)
                from.append(quote(c));
            for (const QString &c : fk->referencedColumns)
                to.append(quote(c));
            try {
                ex.exec(QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5) ON DELETE %6 ON UPDATE %7")
                            .arg(table, quote(fk->name), from.join(QStringLiteral(", ")), quote(fk->referencedTable),
                                 to.join(QStringLiteral(", ")), normalizedAction(fk->onDelete), normalizedAction(fk->onUpdate)),
                        true);
            } catch (const std::exception &e) {
                qCWarning(lcOrm).noquote() << QStringLiteral("sync alter: could not restore foreign key %1 of %2: %3")
                                                  .arg(fk->name, live.name, QString::fromUtf8(e.what()));
            }
        }
        throw;
    }
}

} // namespace orm::detail
