// sync({alter}) on SQLite. SQLite cannot change a column in place, so a table that needs
// more than ADD COLUMN is rebuilt by the documented 12-step procedure: foreign keys off,
// one transaction, copy into a new table, drop, rename, foreign_key_check, commit.
// Sequelize runs its rebuild with foreign keys on, so dropping the old table cascades
// into the children; here the children are never touched, and ids and the AUTOINCREMENT
// sequence are kept.
#include "exec/Connection.h"
#include "exec/Executor.h"
#include "sql/sqlite/SqliteDialect.h"

#include <orm/Errors.h>

namespace orm::detail {

namespace {

bool canAddInPlace(const FieldMeta &f)
{
    // ALTER TABLE ADD COLUMN refuses primary keys and UNIQUE, and NOT NULL needs a default.
    return !f.primaryKey && (f.allowNull || f.defaultKind == FieldMeta::Default::Literal);
}

QString liveColumnDefinition(const Dialect &d, const LiveColumn &c)
{
    QString def = d.quote(c.name) + QLatin1Char(' ') + c.type;
    if (c.notNull)
        def += QStringLiteral(" NOT NULL");
    if (!c.defaultValue.isEmpty()) {
        QString v = c.defaultValue;
        v.replace(QLatin1Char('\''), QStringLiteral("''"));
        def += QStringLiteral(" DEFAULT '%1'").arg(v);
    }
    return def;
}

bool declaresReference(const FieldMeta &f)
{
    return f.references && !f.references->table.isEmpty();
}

// A live foreign key the model does not declare (made by hand, or by a migration) is
// kept, as PostgreSQL and MariaDB keep theirs: alter never drops a constraint it did not
// make. It is carried into the rebuilt table when all its columns survive.
bool keepsLiveForeignKey(const ModelMeta &model, const LiveForeignKey &fk)
{
    for (const QString &column : fk.columns) {
        const int i = model.indexOfColumn(column);
        if (i >= 0 && declaresReference(model.fields.at(i)))
            return false; // the model says what this column references
    }
    return true;
}

QString liveForeignKeyDefinition(const Dialect &d, const LiveForeignKey &fk)
{
    QStringList from, to;
    for (const QString &c : fk.columns)
        from.append(d.quote(c));
    for (const QString &c : fk.referencedColumns)
        to.append(d.quote(c));
    QString def = QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                      .arg(from.join(QStringLiteral(", ")), d.quote(fk.referencedTable), to.join(QStringLiteral(", ")));
    if (!fk.onDelete.isEmpty() && fk.onDelete.toUpper() != QLatin1String("NO ACTION"))
        def += QStringLiteral(" ON DELETE ") + fk.onDelete.toUpper();
    if (!fk.onUpdate.isEmpty() && fk.onUpdate.toUpper() != QLatin1String("NO ACTION"))
        def += QStringLiteral(" ON UPDATE ") + fk.onUpdate.toUpper();
    return def;
}

bool sameReference(const FieldMeta &f, const LiveTable &live)
{
    const LiveForeignKey *found = nullptr;
    for (const LiveForeignKey &fk : live.foreignKeys)
        if (fk.columns == QStringList{f.column})
            found = &fk;
    if (!declaresReference(f))
        return true; // an undeclared live key is kept as it is
    if (!found)
        return false;
    auto norm = [](const QString &a) { return a.isEmpty() ? QStringLiteral("NO ACTION") : a.toUpper(); };
    return found->referencedTable == f.references->table && found->referencedColumns == QStringList{f.references->column}
           && norm(found->onDelete) == norm(f.references->onDelete) && norm(found->onUpdate) == norm(f.references->onUpdate);
}

} // namespace

void SqliteDialect::alterTable(Executor &ex, const ModelMeta &model, const LiveTable &live, bool dropColumns) const
{
    bool rebuild = false;
    QList<const FieldMeta *> additions;
    for (const FieldMeta &f : model.fields) {
        const LiveColumn *c = live.column(f.column);
        if (!c) {
            if (canAddInPlace(f) && !f.references)
                additions.append(&f);
            else
                rebuild = true;
            continue;
        }
        const bool wantNotNull = !f.allowNull || f.primaryKey;
        const QString wantType = normalizeType(f.autoIncrement ? QStringLiteral("INTEGER") : columnType(f));
        if (c->type != wantType || c->primaryKey != f.primaryKey || c->defaultValue != defaultText(f)
            || (!f.autoIncrement && c->notNull != wantNotNull) || !sameReference(f, live))
            rebuild = true;
    }
    QList<const LiveColumn *> orphans;
    for (const LiveColumn &c : live.columns)
        if (model.indexOfColumn(c.name) < 0)
            orphans.append(&c);
    if (dropColumns && !orphans.isEmpty())
        rebuild = true;

    if (!rebuild) {
        for (const FieldMeta *f : additions)
            ex.exec(QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(quote(live.name), columnDefinition(*f, false)), true);
        for (const LiveColumn *c : orphans)
            qCWarning(lcOrm).noquote() << QStringLiteral("sync alter: %1.%2 is not in model %3; kept (use dropColumns to drop it)")
                                              .arg(live.name, c->name, model.name);
        return;
    }

    if (ex.connection().transactionDepth > 0)
        throw Error(QStringLiteral("sync({alter}) of %1 on SQLite cannot run inside a transaction: the table is "
                                   "rebuilt with foreign keys switched off, which SQLite only allows outside one")
                        .arg(model.name));

    QStringList extraDefs, copyColumns;
    for (const FieldMeta &f : model.fields)
        if (live.column(f.column))
            copyColumns.append(quote(f.column));
    for (const LiveColumn *c : orphans) {
        if (dropColumns) {
            qCInfo(lcOrm).noquote() << QStringLiteral("sync alter: dropping %1.%2").arg(live.name, c->name);
            continue;
        }
        qCWarning(lcOrm).noquote() << QStringLiteral("sync alter: %1.%2 is not in model %3; kept (use dropColumns to drop it)")
                                          .arg(live.name, c->name, model.name);
        extraDefs.append(liveColumnDefinition(*this, *c));
        copyColumns.append(quote(c->name));
    }

    // Table constraints come after every column definition.
    for (const LiveForeignKey &fk : live.foreignKeys) {
        if (!keepsLiveForeignKey(model, fk))
            continue;
        bool columnsSurvive = true;
        for (const QString &c : fk.columns)
            columnsSurvive = columnsSurvive && (model.indexOfColumn(c) >= 0 || (!dropColumns && live.column(c)));
        if (!columnsSurvive) {
            qCWarning(lcOrm).noquote() << QStringLiteral("sync alter: the foreign key of %1 (%2) to %3 goes with its dropped columns")
                                              .arg(live.name, fk.columns.join(QStringLiteral(", ")), fk.referencedTable);
            continue;
        }
        extraDefs.append(liveForeignKeyDefinition(*this, fk));
    }

    const QString temp = live.name + QStringLiteral("__quarry_alter");
    ex.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    bool began = false;
    try {
        ex.begin();
        began = true;
        QVariant sequence;
        bool hasSequenceTable = false; // tableNames() leaves out sqlite_* tables
        {
            Cursor c = ex.run(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"));
            hasSequenceTable = c.next() && c.value(0).toInt() > 0;
        }
        if (hasSequenceTable) {
            Cursor c = ex.run(QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = ?"), {live.name});
            if (c.next())
                sequence = c.value(0);
        }
        QList<QPair<QString, QString>> otherIndexes; // indexes not declared by the model, kept
        {
            Cursor c = ex.run(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"),
                              {live.name});
            while (c.next()) {
                const QString name = c.value(0).toString();
                bool declared = false;
                for (const IndexMeta &ix : model.indexes)
                    declared = declared || ix.name == name;
                if (!declared)
                    otherIndexes.append({name, c.value(1).toString()});
            }
        }
        ex.exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(quote(temp)), true);
        ex.exec(createTableStatement(model, temp, extraDefs), true);
        const QString cols = copyColumns.join(QStringLiteral(", "));
        ex.exec(QStringLiteral("INSERT INTO %1 (%2) SELECT %2 FROM %3").arg(quote(temp), cols, quote(live.name)));
        ex.exec(QStringLiteral("DROP TABLE %1").arg(quote(live.name)), true);
        ex.exec(QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(quote(temp), quote(live.name)), true);
        if (sequence.isValid()) {
            // Keep AUTOINCREMENT's promise: ids of deleted rows are never handed out again.
            ex.run(QStringLiteral("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?"), {sequence, live.name});
            Cursor c = ex.run(QStringLiteral("SELECT COUNT(*) FROM sqlite_sequence WHERE name = ?"), {live.name});
            if (c.next() && c.value(0).toInt() == 0)
                ex.run(QStringLiteral("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)"), {live.name, sequence});
        }
        for (const auto &ix : otherIndexes) {
            try {
                ex.exec(ix.second, true);
            } catch (const DatabaseError &e) {
                qCWarning(lcOrm).noquote() << QStringLiteral("sync alter: index %1 on %2 could not be kept: %3")
                                                  .arg(ix.first, live.name, e.driverText());
            }
        }
        {
            Cursor c = ex.run(QStringLiteral("SELECT \"table\", parent FROM pragma_foreign_key_check"));
            if (c.next())
                throw ForeignKeyConstraintError(QStringLiteral("%1: sync alter would leave rows of %2 pointing to missing "
                                                               "rows of %3; nothing was changed")
                                                    .arg(model.name, c.value(0).toString(), c.value(1).toString()),
                                                QString(), QString(), QString(), model.name, {});
        }
        ex.commit();
    } catch (...) {
        if (began)
            ex.rollback();
        ex.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        throw;
    }
    ex.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
}

} // namespace orm::detail
