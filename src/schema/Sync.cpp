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
    const QStringList existing = dialect.tableNames(ex);
    for (const ModelMeta *m : order) {
        if (!existing.contains(m->tableName)) {
            ex.exec(dialect.createTableStatement(*m, m->tableName), true);
            syncIndexes(ex, *m, false);
            continue;
        }
        if (options.alter) {
            const LiveTable live = dialect.describe(ex, m->tableName);
            dialect.alterTable(ex, *m, live, options.dropColumns);
        }
        syncIndexes(ex, *m, options.alter);
    }
}

void dropModels(DatabasePrivate &d, const QList<const ModelMeta *> &models)
{
    Executor ex(d);
    QList<const ModelMeta *> order = dependencyOrder(models);
    std::reverse(order.begin(), order.end());
    withoutForeignKeys(ex, [&] {
        for (const ModelMeta *m : order)
            ex.exec(d.dialect->dropTableStatement(m->tableName), true);
    });
}

} // namespace orm::detail
