// save, reload, destroy, restore and increment of one instance.
#include "load/Hydrator.h"
#include "load/InstanceAccess.h"
#include "ops/Operations.h"
#include "ops/OpsCommon.h"
#include "query/Statements.h"
#include "validate/Runner.h"

#include <orm/Errors.h>

namespace orm::detail {

namespace {

QVariantList keyValues(const Instance &i, bool previous)
{
    const ModelMeta &m = i.meta();
    QVariantList out;
    const QVariantList &prev = InstanceAccess::previous(i);
    for (int f : m.primaryKey)
        out.append(previous && !prev.isEmpty() ? prev.at(f) : InstanceAccess::read(i, f));
    return out;
}

QString keyText(const QVariantList &key)
{
    QStringList parts;
    for (const QVariant &v : key)
        parts.append(v.toString());
    return parts.join(QStringLiteral(", "));
}

void requireKey(const Instance &i, const char *op)
{
    for (const QVariant &v : keyValues(i, true))
        if (isNullValue(v))
            throw QueryError(QStringLiteral("%1: cannot %2 an instance without a primary key value")
                                 .arg(i.meta().name, QString::fromLatin1(op)));
}

// After writing some fields: their snapshot is the written value; every other pending
// change stays pending (it was not written, so it must not be taken for saved).
void markWritten(Instance &instance, const QList<int> &fields)
{
    QVariantList previous = InstanceAccess::previous(instance);
    if (previous.size() != instance.meta().fields.size()) {
        InstanceAccess::saved(instance);
        return;
    }
    for (int f : fields)
        previous[f] = InstanceAccess::read(instance, f);
    InstanceAccess::loaded(instance, std::move(previous));
}

void insert(Instance &instance, const SaveOptions &options)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    Operations::applyDefaults(instance, true);
    const QDateTime now = nowUtc();
    if (m.createdAt >= 0)
        InstanceAccess::write(instance, m.createdAt, now);
    if (m.updatedAt >= 0)
        InstanceAccess::write(instance, m.updatedAt, now);

    InsertSpec spec;
    int generated = -1, explicitKey = -1;
    for (int f = 0; f < m.fields.size(); ++f) {
        const FieldMeta &field = m.fields.at(f);
        QVariant v = InstanceAccess::read(instance, f);
        if (field.autoIncrement && (isNullValue(v) || v.toLongLong() == 0)) {
            generated = f;
            continue;
        }
        if (field.autoIncrement)
            explicitKey = f;
        spec.fields.append(f);
        spec.values.append(d.dialect->toDb(field, v));
    }
    validateInstance(instance, spec.fields, {.validators = options.validate, .modelWide = true});
    if (generated >= 0)
        spec.returning = {generated};
    const Sql sql = insertSql(*d.dialect, m, spec);
    Executor ex(d);
    Cursor c = ex.run(sql, &m);
    if (generated >= 0) {
        QVariant id;
        if (d.dialect->supportsReturning()) {
            if (c.next())
                id = c.value(0);
        } else {
            id = c.query().lastInsertId();
        }
        InstanceAccess::write(instance, generated, d.dialect->fromDb(m.fields.at(generated), id));
    }
    if (explicitKey >= 0)
        d.dialect->afterExplicitKeys(ex, m, m.fields.at(explicitKey));
    InstanceAccess::saved(instance);
    emitEvent(d, &DatabaseEvents::created, m.name, instance.primaryKeyValue());
}

} // namespace

void Operations::checkNotNull(const Instance &instance, const QList<int> &fields, int record)
{
    validateInstance(instance, fields, {.validators = false, .modelWide = false, .record = record});
}

void Operations::save(Instance &instance, const SaveOptions &options)
{
    if (instance.isNewRecord()) {
        insert(instance, options);
        return;
    }
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    QList<int> fields;
    for (const QString &name : instance.changed()) {
        const int f = m.indexOf(name);
        if (m.fields.at(f).isTimestamp())
            continue; // not the caller's to write
        if (!options.fields.isEmpty() && !options.fields.contains(name))
            continue;
        fields.append(f);
    }
    if (fields.isEmpty())
        return; // nothing changed: no query at all
    // Only the changed fields are validated (Sequelize skips the others), then the model-wide validators.
    validateInstance(instance, fields, {.validators = options.validate, .modelWide = true});
    requireKey(instance, "save");
    if (m.updatedAt >= 0 && !options.silent) {
        InstanceAccess::write(instance, m.updatedAt, nowUtc());
        fields.append(m.updatedAt);
    }
    QList<SetClause> sets;
    for (int f : fields)
        sets.append({f, d.dialect->toDb(m.fields.at(f), InstanceAccess::read(instance, f))});
    const Sql sql = updateSql(*d.dialect, m, sets, primaryKeyWhere(m, keyValues(instance, true)));
    Executor ex(d);
    ex.run(sql, &m);
    markWritten(instance, fields);
    emitEvent(d, &DatabaseEvents::updated, m.name, instance.primaryKeyValue());
}

void Operations::reload(Instance &instance)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    requireKey(instance, "reload");
    SelectSpec spec;
    for (int f = 0; f < m.fields.size(); ++f)
        spec.fields.append(f);
    spec.where = primaryKeyWhere(m, keyValues(instance, true));
    DatabasePrivate &d = dbOf(model);
    Executor ex(d);
    Cursor c = ex.run(selectSql(*d.dialect, m, spec), &m);
    if (!c.next())
        throw EmptyResultError(QStringLiteral("%1: the row with key %2 no longer exists")
                                   .arg(m.name, keyText(keyValues(instance, true))));
    QVariantList previous;
    previous.reserve(m.fields.size());
    for (int f = 0; f < m.fields.size(); ++f) {
        QVariant v = d.dialect->fromDb(m.fields.at(f), c.value(f));
        InstanceAccess::write(instance, f, v);
        previous.append(v);
    }
    InstanceAccess::loaded(instance, std::move(previous));
}

void Operations::destroy(Instance &instance, bool force)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    requireKey(instance, "destroy");
    const Where key = primaryKeyWhere(m, keyValues(instance, true));
    Executor ex(d);
    if (m.isParanoid() && !force) {
        const QDateTime now = nowUtc();
        QList<SetClause> sets{{m.deletedAt, d.dialect->toDb(m.fields.at(m.deletedAt), now)}};
        if (m.updatedAt >= 0)
            sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), now)});
        ex.run(updateSql(*d.dialect, m, sets, key), &m);
        InstanceAccess::write(instance, m.deletedAt, now);
        QList<int> written{m.deletedAt};
        if (m.updatedAt >= 0) {
            InstanceAccess::write(instance, m.updatedAt, now);
            written.append(m.updatedAt);
        }
        markWritten(instance, written);
    } else {
        ex.run(deleteSql(*d.dialect, m, key), &m);
    }
    emitEvent(d, &DatabaseEvents::destroyed, m.name, instance.primaryKeyValue());
}

void Operations::restore(Instance &instance)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    if (!m.isParanoid())
        throw QueryError(QStringLiteral("%1 is not paranoid: restore() needs the paranoid option").arg(m.name));
    requireKey(instance, "restore");
    DatabasePrivate &d = dbOf(model);
    const QDateTime now = nowUtc();
    QList<SetClause> sets{{m.deletedAt, QVariant()}};
    if (m.updatedAt >= 0)
        sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), now)});
    Executor ex(d);
    ex.run(updateSql(*d.dialect, m, sets, primaryKeyWhere(m, keyValues(instance, true))), &m);
    InstanceAccess::write(instance, m.deletedAt, QVariant());
    QList<int> written{m.deletedAt};
    if (m.updatedAt >= 0) {
        InstanceAccess::write(instance, m.updatedAt, now);
        written.append(m.updatedAt);
    }
    markWritten(instance, written);
    emitEvent(d, &DatabaseEvents::restored, m.name, instance.primaryKeyValue());
}

void Operations::increment(Instance &instance, const QVariantMap &by, bool decrement)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    requireKey(instance, "increment");
    QList<SetClause> sets;
    for (auto it = by.begin(); it != by.end(); ++it) {
        const int f = m.indexOf(it.key());
        if (f < 0)
            throw QueryError(QStringLiteral("%1 has no attribute '%2' to increment").arg(m.name, it.key()));
        const FieldType t = m.fields.at(f).type;
        if (t != FieldType::Integer && t != FieldType::BigInt && t != FieldType::Double && t != FieldType::Decimal)
            throw QueryError(QStringLiteral("%1.%2 is not numeric: it cannot be incremented").arg(m.name, it.key()));
        bool ok = false;
        const double amount = it.value().toDouble(&ok);
        if (!ok)
            throw QueryError(QStringLiteral("%1.%2: increment by '%3' is not a number").arg(m.name, it.key(), it.value().toString()));
        QVariant step = it.value();
        if (decrement)
            step = (t == FieldType::Integer || t == FieldType::BigInt) ? QVariant(-step.toLongLong()) : QVariant(-amount);
        sets.append({f, step, true});
    }
    if (sets.isEmpty())
        return;
    if (m.updatedAt >= 0)
        sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), nowUtc())});
    Executor ex(d);
    ex.run(updateSql(*d.dialect, m, sets, primaryKeyWhere(m, keyValues(instance, true))), &m);
    reload(instance);
}

} // namespace orm::detail
