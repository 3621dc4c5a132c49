// The live schema of a database, as the dialect reads it back: what sync compares the
// models with, and what the browser introspects when it opens a database without models.
#pragma once

#include <orm/Global.h>
#include <QString>
#include <QStringList>

namespace orm {

struct ColumnInfo
{
    QString name;
    QString type; // as the database names it, normalized by the dialect
    bool notNull = false;
    bool primaryKey = false;
    QString defaultValue; // literal text, empty when none
};

struct IndexInfo
{
    QString name;
    QStringList columns;
    bool unique = false;
    bool primary = false; // backs the primary key or a constraint
};

struct ForeignKeyInfo
{
    QString name;
    QStringList columns;
    QString referencedTable;
    QStringList referencedColumns;
    QString onDelete, onUpdate;
};

struct TableInfo
{
    QString name;
    QList<ColumnInfo> columns;
    QList<IndexInfo> indexes;
    QList<ForeignKeyInfo> foreignKeys;
    const ColumnInfo *column(const QString &n) const
    {
        for (const auto &c : columns)
            if (c.name == n)
                return &c;
        return nullptr;
    }
};

} // namespace orm
