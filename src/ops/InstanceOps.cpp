// save, reload, destroy, restore and increment of one instance.
#include "exec/Connection.h"
#include "load/Hydrator.h"
#include "load/InstanceAccess.h"
#include "ops/Operations.h"
#include "ops/OpsCommon.h"
#include "query/Statements.h"
#include "hooks/HookRunner.h"
#include "validate/Runner.h"

#include <orm/Errors.h>
#include <algorithm>

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

// The values of every field, to tell which ones a hook changed.
QVariantList fieldValues(const Instance &instance)
{
    const int n = instance.meta().fields.size();
    QVariantList out;
    out.reserve(n);
    for (int f = 0; f < n; ++f)
        out.append(InstanceAccess::read(instance, f));
    return out;
}

QList<int> changedSince(const Instance &instance, const QVariantList &before)
{
    QList<int> out;
    for (int f = 0; f < before.size(); ++f) {
        const QVariant now = InstanceAccess::read(instance, f);
        const QVariant &was = before.at(f);
        if (isNullValue(now) != isNullValue(was) || (!isNullValue(now) && now != was))
            out.append(f);
    }
    return out;
}

QStringList namesOf(const ModelMeta &m, const QList<int> &fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (int f : fields)
        out.append(m.fields.at(f).name);
    return out;
}

// What an INSERT of the instance writes now: every field but an auto-increment key left
// to the database (generated), which is read back.
struct InsertPlan
{
    QList<int> fields;
    int generated = -1;
    int explicitKey = -1;
};

InsertPlan planInsert(const Instance &instance)
{
    const ModelMeta &m = instance.meta();
    InsertPlan plan;
    plan.fields.reserve(m.fields.size());
    for (int f = 0; f < m.fields.size(); ++f) {
        const FieldMeta &field = m.fields.at(f);
        if (field.autoIncrement) {
            const QVariant v = InstanceAccess::read(instance, f);
            if (nullValue(v) || v.toLongLong() == 0) {
                plan.generated = f;
                continue;
            }
            plan.explicitKey = f;
        }
        plan.fields.append(f);
    }
    return plan;
}

// save() of a new instance. hooks is null when the model has none for it.
void insertRow(Instance &instance, const SaveOptions &options, const InstanceHooks *hooks)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    Operations::applyDefaults(instance, true);
    const QVariant now = nowUtc(); // one QVariant for both timestamps
    if (m.createdAt >= 0)
        InstanceAccess::write(instance, m.createdAt, now);
    if (m.updatedAt >= 0)
        InstanceAccess::write(instance, m.updatedAt, now);

    HookOptions ho{.hook = Hook::BeforeValidate, .creating = true, .fields = {}, .validate = options.validate,
                   .silent = options.silent, .force = false};
    const bool validateHooks = hooks && options.validate;
    InsertPlan plan = planInsert(instance);
    if (hooks)
        ho.fields = namesOf(m, plan.fields);
    if (validateHooks) {
        hooks->run(Hook::BeforeValidate, ho);
        plan = planInsert(instance);
    }
    // The instance's values by field. Without hooks nothing changes them from here to the
    // statement: the values validated are the ones written (and the snapshot), read once.
    QVariantList current(m.fields.size());
    if (!hooks)
        for (int f : plan.fields)
            current[f] = InstanceAccess::read(instance, f);
    validateInstance(instance, plan.fields, {.validators = options.validate, .modelWide = true},
                     hooks ? nullptr : &current);
    if (validateHooks)
        hooks->run(Hook::AfterValidate, ho);
    if (hooks) {
        const QVariantList before = fieldValues(instance);
        hooks->run(Hook::BeforeCreate, ho);
        hooks->run(Hook::BeforeSave, ho);
        // What the before-hooks changed is validated too before it is written.
        const QList<int> changed = changedSince(instance, before);
        if (!changed.isEmpty())
            validateInstance(instance, changed, {.validators = options.validate, .modelWide = true});
        plan = planInsert(instance); // a hook may have set the key, or cleared it
    }

    // The values read for the statement are also the snapshot saved() would read again,
    // when they cover every field (the generated key is added once known).
    const bool whole = plan.fields.size() + (plan.generated >= 0 ? 1 : 0) == m.fields.size();
    QVariantList bindings;
    bindings.reserve(plan.fields.size());
    // Without hooks both timestamps still hold the same now, written the same way when the
    // two fields have the same type: it is encoded once.
    const bool sameStamps = !hooks && m.createdAt >= 0 && m.updatedAt >= 0
                            && m.fields.at(m.createdAt).type == m.fields.at(m.updatedAt).type
                            && m.fields.at(m.createdAt).metaType == m.fields.at(m.updatedAt).metaType;
    QVariant nowDb;
    bool nowEncoded = false;
    for (int f : plan.fields) {
        if (hooks) { // read after the hooks, which may have changed them
            current[f] = InstanceAccess::read(instance, f);
        } else if (sameStamps && (f == m.createdAt || f == m.updatedAt)) {
            if (!nowEncoded) {
                nowDb = d.dialect->toDb(m.fields.at(f), current.at(f));
                nowEncoded = true;
            }
            bindings.append(nowDb);
            continue;
        }
        bindings.append(d.dialect->toDb(m.fields.at(f), current.at(f)));
    }
    const bool returning = plan.generated >= 0 && d.dialect->singleInsertUsesReturning();
    // The text depends on the model and the fields written only: built once per connection,
    // and its prepared statement is then found by the same key.
    ShapeKey shape('I', m);
    shape.add(returning ? plan.generated : -1);
    for (int f : plan.fields)
        shape.add(f);
    const QByteArray shapeBytes = shape.bytes();
    Executor ex(d);
    Connection &conn = ex.connection();
    Sql sql;
    if (const QString *text = shape.valid() ? conn.cachedText(shapeBytes) : nullptr) {
        sql.text = *text;
        sql.bindings = std::move(bindings);
    } else {
        InsertSpec spec;
        spec.fields = plan.fields;
        spec.values = std::move(bindings);
        if (returning)
            spec.returning = {plan.generated};
        sql = insertSql(*d.dialect, m, spec);
        if (shape.valid())
            conn.cacheText(shapeBytes, sql.text);
    }
    {
        Cursor c = ex.run(sql, &m, shape.valid() ? &shapeBytes : nullptr);
        if (plan.generated >= 0) {
            QVariant id;
            if (returning) {
                if (c.next())
                    id = c.value(0);
            } else {
                id = c.query().lastInsertId(); // one row: its own id on every dialect
            }
            InstanceAccess::write(instance, plan.generated, d.dialect->fromDb(m.fields.at(plan.generated), id));
        }
    }
    if (plan.explicitKey >= 0)
        d.dialect->afterExplicitKeys(ex, m, m.fields.at(plan.explicitKey));
    if (whole) {
        if (plan.generated >= 0)
            current[plan.generated] = InstanceAccess::read(instance, plan.generated);
        InstanceAccess::loaded(instance, std::move(current));
    } else {
        InstanceAccess::saved(instance);
    }
    if (hooks) {
        QList<int> written = plan.fields;
        if (plan.generated >= 0)
            written.append(plan.generated);
        std::sort(written.begin(), written.end());
        ho.fields = namesOf(m, written);
        hooks->run(Hook::AfterCreate, ho);
        hooks->run(Hook::AfterSave, ho);
    }
    emitEvent(d, &DatabaseEvents::created, instance);
}

// The fields an update of the instance writes now: its changes, but not timestamps, and
// only those in options.fields when it names some.
QList<int> updateFields(const Instance &instance, const SaveOptions &options)
{
    const ModelMeta &m = instance.meta();
    QList<int> fields;
    for (const QString &name : instance.changed()) {
        const int f = m.indexOf(name);
        if (m.fields.at(f).isTimestamp())
            continue; // not the caller's to write
        if (!options.fields.isEmpty() && !options.fields.contains(name))
            continue;
        fields.append(f);
    }
    return fields;
}

// save() of a loaded instance. hooks is null when the model has none for it.
void updateRow(Instance &instance, QList<int> fields, const SaveOptions &options, const InstanceHooks *hooks)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    HookOptions ho{.hook = Hook::BeforeValidate, .creating = false, .fields = namesOf(m, fields),
                   .validate = options.validate, .silent = options.silent, .force = false};
    const bool validateHooks = hooks && options.validate;
    if (validateHooks) {
        hooks->run(Hook::BeforeValidate, ho);
        fields = updateFields(instance, options);
    }
    // Only the changed fields are validated (Sequelize skips the others), then the model-wide validators.
    validateInstance(instance, fields, {.validators = options.validate, .modelWide = true});
    if (validateHooks)
        hooks->run(Hook::AfterValidate, ho);
    if (hooks) {
        const QVariantList before = fieldValues(instance);
        hooks->run(Hook::BeforeUpdate, ho);
        hooks->run(Hook::BeforeSave, ho);
        const QList<int> changed = changedSince(instance, before);
        if (!changed.isEmpty()) {
            fields = updateFields(instance, options);
            QList<int> check;
            for (int f : changed)
                if (fields.contains(f))
                    check.append(f);
            if (!check.isEmpty())
                validateInstance(instance, check, {.validators = options.validate, .modelWide = true});
        }
        if (fields.isEmpty())
            return; // a hook undid the changes: nothing to write
    }
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
    if (hooks) {
        ho.fields = namesOf(m, fields);
        hooks->run(Hook::AfterUpdate, ho);
        hooks->run(Hook::AfterSave, ho);
    }
    emitEvent(d, &DatabaseEvents::updated, instance);
}

// What a hooked write changes in the instance besides the caller's values: whether it is
// new, its snapshot, the generated key and the timestamps. When the write fails (a hook
// threw, and the transaction rolled back) they are put back, so that the instance does
// not claim a row the database does not have: it is new again, or its changes pending.
class TrackingGuard
{
public:
    explicit TrackingGuard(Instance &instance)
        : m_instance(instance), m_values(fieldValues(instance)), m_previous(InstanceAccess::previous(instance)),
          m_isNew(instance.isNewRecord())
    {
    }
    void restore()
    {
        const ModelMeta &m = m_instance.meta();
        for (int f = 0; f < m.fields.size() && f < m_values.size(); ++f)
            if (m.fields.at(f).isTimestamp() || (m_isNew && m.fields.at(f).autoIncrement))
                InstanceAccess::write(m_instance, f, m_values.at(f));
        restoreTracking(m_instance, m_previous, m_isNew);
    }
    template <class F>
    static void run(Instance &instance, DatabasePrivate &d, bool hooked, F &&body)
    {
        if (!hooked) {
            body();
            return;
        }
        TrackingGuard guard(instance);
        try {
            inTransactionIf(d, true, std::forward<F>(body));
        } catch (...) {
            guard.restore();
            throw;
        }
    }

private:
    Instance &m_instance;
    QVariantList m_values;
    QVariantList m_previous;
    bool m_isNew;
};

} // namespace

void Operations::checkNotNull(const Instance &instance, const QList<int> &fields, int record)
{
    validateInstance(instance, fields, {.validators = false, .modelWide = false, .record = record});
}

void Operations::save(Instance &instance, const SaveOptions &options)
{
    const InstanceHooks hooks(instance);
    const bool hooked = options.hooks && hooks.any(kSaveHooks);
    DatabasePrivate &d = dbOf(instance.model());
    if (instance.isNewRecord()) {
        TrackingGuard::run(instance, d, hooked, [&] { insertRow(instance, options, hooked ? &hooks : nullptr); });
        return;
    }
    const QList<int> fields = updateFields(instance, options);
    if (fields.isEmpty())
        return; // nothing changed: no hook, no query at all
    TrackingGuard::run(instance, d, hooked, [&] { updateRow(instance, fields, options, hooked ? &hooks : nullptr); });
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
    const InstanceHooks hooks(instance);
    const bool hooked = hooks.any(hookBit(Hook::BeforeDestroy) | hookBit(Hook::AfterDestroy));
    TrackingGuard::run(instance, d, hooked, [&] {
        HookOptions ho{.hook = Hook::BeforeDestroy, .creating = false, .fields = {}, .validate = true, .silent = false,
                       .force = force};
        if (hooked)
            hooks.run(Hook::BeforeDestroy, ho);
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
        if (hooked)
            hooks.run(Hook::AfterDestroy, ho);
        emitEvent(d, &DatabaseEvents::destroyed, instance);
    });
}

void Operations::restore(Instance &instance)
{
    const ModelHandle &model = instance.model();
    const ModelMeta &m = model.meta();
    if (!m.isParanoid())
        throw QueryError(QStringLiteral("%1 is not paranoid: restore() needs the paranoid option").arg(m.name));
    requireKey(instance, "restore");
    DatabasePrivate &d = dbOf(model);
    const InstanceHooks hooks(instance);
    const bool hooked = hooks.any(hookBit(Hook::BeforeRestore) | hookBit(Hook::AfterRestore));
    TrackingGuard::run(instance, d, hooked, [&] {
        HookOptions ho{.hook = Hook::BeforeRestore, .creating = false, .fields = {}, .validate = true, .silent = false,
                       .force = false};
        if (hooked)
            hooks.run(Hook::BeforeRestore, ho);
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
        if (hooked)
            hooks.run(Hook::AfterRestore, ho);
        emitEvent(d, &DatabaseEvents::restored, instance);
    });
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
