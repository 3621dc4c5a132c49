// Static update, destroy and restore (one statement for many rows) and bulkCreate.
#include "load/InstanceAccess.h"
#include "ops/Operations.h"
#include "ops/OpsCommon.h"
#include "query/Statements.h"

#include <orm/Errors.h>

namespace orm::detail {

qint64 Operations::update(const ModelHandle &model, const QVariantMap &values, const UpdateOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    QList<SetClause> sets;
    QList<ValidationErrorItem> nulls;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const int f = m.indexOf(it.key());
        if (f < 0)
            throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in update)").arg(m.name, it.key()));
        const FieldMeta &field = m.fields.at(f);
        if (field.isTimestamp())
            continue;
        if (!field.allowNull && isNullValue(it.value()))
            nulls.append({m.name, field.name, QStringLiteral("%1.%2 cannot be null").arg(m.name, field.name),
                          QStringLiteral("notNull"), it.value()});
        QVariant v = it.value();
        if (!isNullValue(v) && v.metaType() != field.metaType && field.type != FieldType::Enum)
            v.convert(field.metaType);
        sets.append({f, d.dialect->toDb(field, v)});
    }
    if (!nulls.isEmpty())
        throw ValidationError(QStringLiteral("Validation failed: %1").arg(nulls.first().message), nulls);
    if (sets.isEmpty())
        return 0;
    if (m.updatedAt >= 0 && !o.silent)
        sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), nowUtc())});
    Executor ex(d);
    Cursor c = ex.run(updateSql(*d.dialect, m, sets, withParanoia(m, o.where, o.paranoid)), &m);
    return c.rowsAffected();
}

qint64 Operations::destroy(const ModelHandle &model, const DestroyOptions &o)
{
    const ModelMeta &m = model.meta();
    if (o.where.isEmpty() && !o.truncate)
        throw QueryError(QStringLiteral("%1::destroy without a where would delete every row; pass a where, or "
                                        "truncate = true to mean it")
                             .arg(m.name));
    DatabasePrivate &d = dbOf(model);
    Executor ex(d);
    if (m.isParanoid() && !o.force) {
        const QDateTime now = nowUtc();
        QList<SetClause> sets{{m.deletedAt, d.dialect->toDb(m.fields.at(m.deletedAt), now)}};
        if (m.updatedAt >= 0)
            sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), now)});
        Cursor c = ex.run(updateSql(*d.dialect, m, sets, withParanoia(m, o.where, true)), &m);
        return c.rowsAffected();
    }
    Cursor c = ex.run(deleteSql(*d.dialect, m, o.where), &m);
    return c.rowsAffected();
}

qint64 Operations::restore(const ModelHandle &model, const RestoreOptions &o)
{
    const ModelMeta &m = model.meta();
    if (!m.isParanoid())
        throw QueryError(QStringLiteral("%1 is not paranoid: restore() needs the paranoid option").arg(m.name));
    if (o.where.isEmpty() && !o.all)
        throw QueryError(QStringLiteral("%1::restore without a where would restore every row; pass a where, or "
                                        "all = true to mean it")
                             .arg(m.name));
    DatabasePrivate &d = dbOf(model);
    QList<SetClause> sets{{m.deletedAt, QVariant()}};
    if (m.updatedAt >= 0)
        sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), nowUtc())});
    const Where deleted(m.fields.at(m.deletedAt).name, Op::notNull());
    const Where where = o.where.isEmpty() ? deleted : Where::allOf({o.where, deleted});
    Executor ex(d);
    Cursor c = ex.run(updateSql(*d.dialect, m, sets, where), &m);
    return c.rowsAffected();
}

namespace {

QList<int> conflictFieldsFor(const ModelMeta &m, const QList<int> &inserted)
{
    for (const IndexMeta &ix : m.indexes) {
        if (!ix.unique)
            continue;
        QList<int> fields;
        for (const QString &col : ix.columns) {
            const int f = m.indexOfColumn(col);
            if (f >= 0 && inserted.contains(f))
                fields.append(f);
        }
        if (fields.size() == ix.columns.size())
            return fields;
    }
    return m.primaryKey;
}

} // namespace

QList<Ptr<Instance>> Operations::bulkCreate(const ModelHandle &model, const QList<QVariantMap> &records,
                                            const BulkCreateOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    const Dialect &dialect = *d.dialect;
    QList<Ptr<Instance>> instances;
    instances.reserve(records.size());
    const QDateTime now = nowUtc();
    QList<ValidationErrorItem> failures;
    QStringList failedRecords;
    QList<int> allFields;
    for (int f = 0; f < m.fields.size(); ++f)
        allFields.append(f);
    for (int r = 0; r < records.size(); ++r) {
        Ptr<Instance> instance = build(model, records.at(r));
        if (m.createdAt >= 0)
            InstanceAccess::write(*instance, m.createdAt, now);
        if (m.updatedAt >= 0)
            InstanceAccess::write(*instance, m.updatedAt, now);
        try {
            checkNotNull(*instance, allFields, r);
        } catch (const ValidationError &e) {
            failures += e.items();
            failedRecords.append(QString::number(r));
        }
        instances.append(instance);
    }
    if (!failures.isEmpty())
        throw ValidationError(QStringLiteral("%1::bulkCreate: records %2 failed validation; nothing was inserted (%3)")
                                  .arg(m.name, failedRecords.join(QStringLiteral(", ")), failures.first().message),
                              failures);
    if (instances.isEmpty())
        return instances;

    // Records with and without an explicit auto-increment key go in separate statements:
    // a NULL in an identity column is an error on PostgreSQL.
    int autoField = -1;
    for (int f = 0; f < m.fields.size(); ++f)
        if (m.fields.at(f).autoIncrement)
            autoField = f;
    QList<int> withKey, withoutKey;
    for (int r = 0; r < instances.size(); ++r) {
        const QVariant k = autoField >= 0 ? InstanceAccess::read(*instances.at(r), autoField) : QVariant();
        (autoField >= 0 && (isNullValue(k) || k.toLongLong() == 0) ? withoutKey : withKey).append(r);
    }

    QList<int> update;
    for (const QString &name : o.updateOnDuplicate) {
        const int f = m.indexOf(name);
        if (f < 0)
            throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in updateOnDuplicate)").arg(m.name, name));
        update.append(f);
    }

    Executor ex(d);
    auto insertGroup = [&](const QList<int> &rows, bool generated) {
        if (rows.isEmpty())
            return;
        QList<int> fields;
        for (int f = 0; f < m.fields.size(); ++f)
            if (!(generated && f == autoField) && (o.fields.isEmpty() || o.fields.contains(m.fields.at(f).name)
                                                   || m.fields.at(f).isTimestamp() || f == autoField))
                fields.append(f);
        InsertSpec spec;
        spec.fields = fields;
        spec.ignoreDuplicates = o.ignoreDuplicates;
        spec.updateOnDuplicate = update;
        if (o.ignoreDuplicates || !update.isEmpty())
            spec.conflictFields = conflictFieldsFor(m, fields);
        const bool matchByKey = o.ignoreDuplicates || !update.isEmpty();
        if (generated && o.returning) {
            spec.returning = {autoField};
            if (matchByKey)
                spec.returning += spec.conflictFields;
        }
        const int perStatement = qMax(1, qMin(dialect.maxBindParameters() / qMax<qsizetype>(1, fields.size()), 5000));
        for (int start = 0; start < rows.size(); start += perStatement) {
            const int n = qMin<int>(perStatement, rows.size() - start);
            spec.rows = n;
            spec.values.clear();
            spec.values.reserve(n * fields.size());
            for (int i = 0; i < n; ++i) {
                const Instance &inst = *instances.at(rows.at(start + i));
                for (int f : fields)
                    spec.values.append(dialect.toDb(m.fields.at(f), InstanceAccess::read(inst, f)));
            }
            Cursor c = ex.run(insertSql(dialect, m, spec), &m);
            if (!generated || !o.returning)
                continue;
            const FieldMeta &key = m.fields.at(autoField);
            if (dialect.supportsReturning()) {
                if (!matchByKey) {
                    for (int i = 0; i < n && c.next(); ++i)
                        InstanceAccess::write(*instances[rows.at(start + i)], autoField, dialect.fromDb(key, c.value(0)));
                } else {
                    // Skipped duplicates return no row: match the rows back by their unique key.
                    QHash<QString, int> byConflict;
                    for (int i = 0; i < n; ++i) {
                        QStringList parts;
                        const Instance &inst = *instances.at(rows.at(start + i));
                        for (int f : spec.conflictFields)
                            parts.append(dialect.toDb(m.fields.at(f), InstanceAccess::read(inst, f)).toString());
                        byConflict.insert(parts.join(QChar(0x1f)), rows.at(start + i));
                    }
                    while (c.next()) {
                        QStringList parts;
                        for (int k = 0; k < spec.conflictFields.size(); ++k)
                            parts.append(dialect.toDb(m.fields.at(spec.conflictFields.at(k)),
                                                      dialect.fromDb(m.fields.at(spec.conflictFields.at(k)), c.value(k + 1)))
                                             .toString());
                        const int r = byConflict.value(parts.join(QChar(0x1f)), -1);
                        if (r >= 0)
                            InstanceAccess::write(*instances[r], autoField, dialect.fromDb(key, c.value(0)));
                    }
                }
            } else if (!matchByKey) {
                // MySQL: a multi-row insert takes consecutive ids from the first one.
                const qlonglong first = c.query().lastInsertId().toLongLong();
                for (int i = 0; i < n; ++i)
                    InstanceAccess::write(*instances[rows.at(start + i)], autoField, dialect.fromDb(key, first + i));
            }
        }
    };
    ex.transaction([&] {
        insertGroup(withKey, false);
        insertGroup(withoutKey, true);
    });
    for (const Ptr<Instance> &i : instances)
        InstanceAccess::saved(*i);
    return instances;
}

} // namespace orm::detail
