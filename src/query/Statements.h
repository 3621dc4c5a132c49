// Builders for the statements the engine runs: select, count and aggregates, insert,
// update, delete. Each returns SQL text with positional bindings; nothing is executed here.
#pragma once

#include "exec/Executor.h"

#include <orm/FindOptions.h>
#include <orm/ModelMeta.h>

namespace orm::detail {

class Dialect;

// The effective where: the caller's, plus "deletedAt IS NULL" on a paranoid model.
Where withParanoia(const ModelMeta &model, const Where &where, bool paranoid);

// Selected field indexes for attribute include/exclude lists (QueryError on unknown names).
QList<int> selectedFields(const ModelMeta &model, const Attributes &attributes);

struct SelectSpec
{
    QList<int> fields;
    Where where;
    QList<int> group; // GROUP BY these fields
    QList<OrderBy> order;
    int limit = -1;
    int offset = 0;
    QString qualifier;       // "t." to qualify columns (joins), or empty
    QString extraCondition;  // " AND EXISTS (...)" pieces, after the where
    QVariantList extraBindings;
};
Sql selectSql(const Dialect &d, const ModelMeta &m, const SelectSpec &spec);
// fn: COUNT, MAX, MIN, SUM; attribute empty means COUNT(*).
Sql aggregateSql(const Dialect &d, const ModelMeta &m, const QString &fn, const QString &attribute, const Where &where,
                 bool distinct = false, const QString &extraCondition = {}, const QVariantList &extraBindings = {});
Sql groupCountSql(const Dialect &d, const ModelMeta &m, const QStringList &group, const Where &where);

struct InsertSpec
{
    QList<int> fields;       // columns, in order
    QVariantList values;     // rows * fields encoded values, row-major
    int rows = 1;
    QList<int> returning;    // fields to read back (RETURNING), when the dialect has it
    bool ignoreDuplicates = false;
    QList<int> updateOnDuplicate;
    QList<int> conflictFields;
};
Sql insertSql(const Dialect &d, const ModelMeta &m, const InsertSpec &spec);

struct SetClause
{
    int field;
    QVariant value;         // encoded
    bool increment = false; // SET col = col + ?
};
Sql updateSql(const Dialect &d, const ModelMeta &m, const QList<SetClause> &sets, const Where &where);
Sql deleteSql(const Dialect &d, const ModelMeta &m, const Where &where);

// WHERE pk = ? (AND ...) for one instance's key values.
Where primaryKeyWhere(const ModelMeta &m, const QVariantList &keyValues);

} // namespace orm::detail
