#include "schema/Sync.h"

#include "exec/Connection.h"
#include "exec/DatabasePrivate.h"
#include "exec/Executor.h"

#include <orm/Errors.h>

namespace orm::detail {

QList<const ModelMeta *> dependencyOrder(const QList<const ModelMeta *> &models)
{
    QHash<QString, const ModelMeta *> byTable;
    for (const ModelMeta *m : models)
        byTable.insert(m->tableName, m);
    QList<const ModelMeta *> out;
    QSet<const ModelMeta *> done, visiting;
    std::function<void(const ModelMeta *)> visit = [&](const ModelMeta *m) {
        if (done.contains(m) || visiting.contains(m))
            return; // a cycle: its tables keep definition order
        visiting.insert(m);
        for (const FieldMeta &f : m->fields)
            if (f.references)
                if (const ModelMeta *parent = byTable.value(f.references->table); parent && parent != m)
                    visit(parent);
        visiting.remove(m);
        done.insert(m);
        out.append(m);
    };
    for (const ModelMeta *m : models)
        visit(m);
    return out;
}

namespace {

void syncIndexes(Executor &ex, const ModelMeta &m, bool alter)
{
    const Dialect &d = ex.dialect();
    const LiveTable live = d.describe(ex, m.tableName);
    for (const IndexMeta &ix : m.indexes) {
        const LiveIndex *found = nullptr;
        for (const LiveIndex &l : live.indexes)
            if (l.name == ix.name)
                found = &l;
        if (found && (found->columns != ix.columns || found->unique != ix.unique) && alter) {
            ex.exec(d.dropIndexStatement(m.tableName, ix.name), true);
            found = nullptr;
        }
        if (!found)
            ex.exec(d.createIndexStatement(m.tableName, ix), true);
    }
    if (!alter)
        return;
    // Indexes this ORM named for the table that the model no longer declares.
    const QString prefix = m.tableName + QLatin1Char('_');
    for (const LiveIndex &l : live.indexes) {
        if (l.primary || !l.name.startsWith(prefix))
            continue;
        bool declared = false;
        for (const IndexMeta &ix : m.indexes)
            declared = declared || ix.name == l.name;
        if (!declared) {
            qCInfo(lcOrm).noquote() << QStringLiteral("sync alter: dropping index %1 of %2").arg(l.name, m.tableName);
            ex.exec(d.dropIndexStatement(m.tableName, l.name), true);
        }
    }
}

// A change the rows cannot take is refused before anything runs, the same way on every
// dialect: a column that becomes NOT NULL while rows hold NULL in it, or a NOT NULL column
// without a database default added to a table that has rows. (MariaDB would fill the
// new column with '' or 0 on its own and report the other as "data truncated"; SQLite
// and PostgreSQL would stop half-way with a constraint error.)
void checkNotNullChanges(Executor &ex, const ModelMeta &m, const LiveTable &live)
{
    const Dialect &d = ex.dialect();
    for (const FieldMeta &f : m.fields) {
        if (f.allowNull || f.primaryKey)
            continue;
        const LiveColumn *c = live.column(f.column);
        QString sql;
        if (!c && d.defaultClause(f).isEmpty())
            sql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(d.quote(live.name));
        else if (c && !c->notNull)
            sql = QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 IS NULL").arg(d.quote(live.name), d.quote(f.column));
        else
            continue;
        qint64 rows = 0;
        {
            Cursor cur = ex.run(sql, {}, &m);
            if (cur.next())
                rows = cur.value(0).toLongLong();
        }
        if (rows == 0)
            continue;
        const QString why = c ? QStringLiteral("%1 row(s) hold NULL in it").arg(rows)
                              : QStringLiteral("it has no default and the table has %1 row(s)").arg(rows);
        throw NotNullConstraintError(QStringLiteral("%1.%2: sync alter cannot make %3.%4 NOT NULL: %5; nothing was changed")
                                         .arg(m.name, f.name, live.name, f.column, why),
                                     sql, QString(), QString(), m.name, {f.name});
    }
}

// A unique key the rows already break is refused before anything runs, so that a failed
// alter leaves the table exactly as it was (the columns are altered before the indexes
// are made, and MariaDB's DDL cannot be rolled back).
void checkUniqueChanges(Executor &ex, const ModelMeta &m, const LiveTable &live)
{
    const Dialect &d = ex.dialect();
    for (const IndexMeta &ix : m.indexes) {
        if (!ix.unique)
            continue;
        bool exists = false;
        for (const LiveIndex &l : live.indexes)
            exists = exists || (l.unique && l.columns == ix.columns);
        if (exists)
            continue;
        QStringList cols, notNull, missing;
        for (const QString &c : ix.columns) {
            if (!live.column(c))
                missing.append(c);
            cols.append(d.quote(c));
            notNull.append(d.quote(c) + QStringLiteral(" IS NOT NULL"));
        }
        QString sql;
        if (missing.isEmpty()) {
            sql = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 AS x FROM %1 WHERE %2 GROUP BY %3 HAVING COUNT(*) > 1) quarry_dup")
                      .arg(d.quote(live.name), notNull.join(QStringLiteral(" AND ")), cols.join(QStringLiteral(", ")));
        } else if (ix.columns.size() == 1) {
            // A new unique column: every existing row gets its default, if it has one.
            const int fi = m.indexOfColumn(missing.first());
            if (fi < 0 || d.defaultClause(m.fields.at(fi)).isEmpty())
                continue;
            sql = QStringLiteral("SELECT CASE WHEN COUNT(*) > 1 THEN 1 ELSE 0 END FROM %1").arg(d.quote(live.name));
        } else {
            continue;
        }
        qint64 duplicates = 0;
        {
            Cursor cur = ex.run(sql, {}, &m);
            if (cur.next())
                duplicates = cur.value(0).toLongLong();
        }
        if (duplicates == 0)
            continue;
        QStringList fields;
        for (const QString &c : ix.columns) {
            const int fi = m.indexOfColumn(c);
            fields.append(fi >= 0 ? m.fields.at(fi).name : c);
        }
        throw UniqueConstraintError(QStringLiteral("%1: sync alter cannot make (%2) unique: rows of %3 already share values; "
                                                   "nothing was changed")
                                        .arg(m.name, fields.join(QStringLiteral(", ")), live.name),
                                    sql, QString(), QString(), m.name, fields);
    }
}

// Comments (the comment option of a field or model) go into the catalog where the
// database has one: COMMENT ON for PostgreSQL, the COMMENT attribute for MariaDB/MySQL.
// SQLite has no comments. Written when the table is created.
void writeComments(Executor &ex, const ModelMeta &m)
{
    const Dialect &d = ex.dialect();
    const bool postgres = d.name() == QLatin1String("postgres");
    const bool mysql = d.name() == QLatin1String("mysql") || d.name() == QLatin1String("mariadb");
    if (!postgres && !mysql)
        return;
    auto literal = [&](QString text) {
        text.replace(QLatin1Char('\''), QStringLiteral("''"));
        if (mysql)
            text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        return QLatin1Char('\'') + text + QLatin1Char('\'');
    };
    const QString table = d.quote(m.tableName);
    if (!m.options.comment.isEmpty())
        ex.exec(postgres ? QStringLiteral("COMMENT ON TABLE %1 IS %2").arg(table, literal(m.options.comment))
                         : QStringLiteral("ALTER TABLE %1 COMMENT = %2").arg(table, literal(m.options.comment)),
                true);
    const bool singlePk = m.primaryKey.size() == 1;
    for (const FieldMeta &f : m.fields) {
        if (f.comment.isEmpty())
            continue;
        if (postgres) {
            ex.exec(QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3").arg(table, d.quote(f.column), literal(f.comment)), true);
            continue;
        }
        // MODIFY restates the column as created, keeping the key (the PRIMARY KEY
        // constraint is the table's and stays) and the foreign key constraint.
        QString def;
        if (f.autoIncrement && singlePk) {
            def = d.quote(f.column) + QLatin1Char(' ') + d.autoIncrementColumn(f);
            def.remove(QStringLiteral(" PRIMARY KEY"));
        } else {
            FieldMeta plain = f;
            plain.references.reset();
            def = d.columnDefinition(plain, false);
        }
        ex.exec(QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2 COMMENT %3").arg(table, def, literal(f.comment)), true);
    }
}

// Runs fn with foreign-key enforcement off where dropping a referenced table would
// otherwise touch other tables' rows (SQLite) or be refused (MySQL).
template <class F>
void withoutForeignKeys(Executor &ex, F &&fn)
{
    const QString dialect = ex.dialect().name();
    const bool sqlite = dialect == QLatin1String("sqlite");
    const bool mysql = dialect == QLatin1String("mysql") || dialect == QLatin1String("mariadb");
    if (sqlite && ex.connection().transactionDepth == 0)
        ex.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    else if (mysql)
        ex.exec(QStringLiteral("SET FOREIGN_KEY_CHECKS = 0"));
    try {
        fn();
    } catch (...) {
        if (sqlite && ex.connection().transactionDepth == 0)
            ex.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        else if (mysql)
            ex.exec(QStringLiteral("SET FOREIGN_KEY_CHECKS = 1"));
        throw;
    }
    if (sqlite && ex.connection().transactionDepth == 0)
        ex.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
    else if (mysql)
        ex.exec(QStringLiteral("SET FOREIGN_KEY_CHECKS = 1"));
}

} // namespace

void syncModels(DatabasePrivate &d, const QList<const ModelMeta *> &models, const SyncOptions &options)
{
    Executor ex(d);
    const Dialect &dialect = *d.dialect;
    const QList<const ModelMeta *> order = dependencyOrder(models);
    if (options.force)
        dropModels(d, models);
    QStringList existing = dialect.tableNames(ex);
    // Foreign keys that close a cycle (A -> B -> A) point to a table not created yet: on the
    // servers they are added once every table exists.
    QList<const ModelMeta *> deferred;
    for (const ModelMeta *m : order) {
        if (!existing.contains(m->tableName)) {
            QStringList later;
            if (dialect.referencesNeedExistingTables())
                for (const FieldMeta &f : m->fields)
                    if (f.references && f.references->table != m->tableName && !existing.contains(f.references->table)
                        && std::any_of(order.begin(), order.end(), [&](const ModelMeta *o) { return o->tableName == f.references->table; }))
                        later.append(f.references->table);
            if (!later.isEmpty())
                deferred.append(m);
            ex.exec(dialect.createTableStatement(*m, m->tableName, {}, later), true);
            existing.append(m->tableName);
            writeComments(ex, *m);
            syncIndexes(ex, *m, false);
            continue;
        }
        if (options.alter) {
            const LiveTable live = dialect.describe(ex, m->tableName);
            checkNotNullChanges(ex, *m, live);
            checkUniqueChanges(ex, *m, live);
            dialect.alterTable(ex, *m, live, options.dropColumns);
        }
        syncIndexes(ex, *m, options.alter);
    }
    for (const ModelMeta *m : deferred)
        dialect.alterTable(ex, *m, dialect.describe(ex, m->tableName), false);
}

void dropModels(DatabasePrivate &d, const QList<const ModelMeta *> &models)
{
    Executor ex(d);
    QList<const ModelMeta *> order = dependencyOrder(models);
    std::reverse(order.begin(), order.end());
    if (ex.dialect().name() == QLatin1String("sqlite") && ex.connection().transactionDepth > 0) {
        // Inside a transaction SQLite cannot switch foreign keys off, and its DROP TABLE
        // deletes every row first, firing ON DELETE actions in the tables that reference
        // it. Refuse when a table that stays has rows pointing into one that goes.
        QStringList dropped;
        for (const ModelMeta *m : order)
            dropped.append(m->tableName);
        for (const ModelMeta *m : order) {
            QStringList referencing;
            {
                Cursor c = ex.run(QStringLiteral("SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
                                                 "WHERE m.type = 'table' AND f.\"table\" = ?"),
                                  {m->tableName});
                while (c.next())
                    referencing.append(c.value(0).toString());
            }
            for (const QString &child : referencing) {
                if (dropped.contains(child))
                    continue;
                qint64 rows = 0;
                {
                    Cursor c = ex.run(QStringLiteral("SELECT COUNT(*) FROM %1").arg(ex.dialect().quote(child)));
                    if (c.next())
                        rows = c.value(0).toLongLong();
                }
                if (rows > 0)
                    throw Error(QStringLiteral("%1: cannot drop %2 inside a transaction on SQLite: %3 references it and SQLite "
                                               "would delete or change its %4 row(s); drop outside the transaction")
                                    .arg(m->name, m->tableName, child)
                                    .arg(rows));
            }
        }
    }
    withoutForeignKeys(ex, [&] {
        for (const ModelMeta *m : order)
            ex.exec(d.dialect->dropTableStatement(m->tableName), true);
    });
}

} // namespace orm::detail
