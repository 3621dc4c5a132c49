// build, findAll, count, aggregates and findOrCreate.
#include "hooks/HookRunner.h"
#include "load/EagerLoader.h"
#include "load/Hydrator.h"
#include "query/IncludeSql.h"
#include "load/InstanceAccess.h"
#include "ops/Operations.h"
#include "ops/OpsCommon.h"
#include "query/Statements.h"
#include "query/WhereCompiler.h"

#include "exec/Connection.h"

#include <orm/Errors.h>
#include <QUuid>
#include <optional>

namespace orm::detail {

void Operations::applyDefaults(Instance &instance, bool onlyWhereNull)
{
    const ModelMeta &m = instance.meta();
    for (int f = 0; f < m.fields.size(); ++f) {
        const FieldMeta &field = m.fields.at(f);
        if (field.defaultKind == FieldMeta::Default::None)
            continue;
        if (onlyWhereNull && !isNullValue(InstanceAccess::read(instance, f)))
            continue;
        switch (field.defaultKind) {
        case FieldMeta::Default::Literal:
            InstanceAccess::write(instance, f, field.defaultValue);
            break;
        case FieldMeta::Default::Now:
            if (field.type == FieldType::Date)
                InstanceAccess::write(instance, f, nowUtc().date());
            else if (field.type == FieldType::Time)
                InstanceAccess::write(instance, f, nowUtc().time());
            else
                InstanceAccess::write(instance, f, nowUtc());
            break;
        case FieldMeta::Default::UuidV4: {
            const QUuid id = QUuid::createUuid();
            InstanceAccess::write(instance, f, field.metaType.id() == QMetaType::QString
                                                   ? QVariant(id.toString(QUuid::WithoutBraces))
                                                   : QVariant(id));
            break;
        }
        case FieldMeta::Default::None:
            break;
        }
    }
}

Ptr<Instance> Operations::build(const ModelHandle &model, const Values &values)
{
    const ModelMeta &m = model.meta();
    Ptr<Instance> instance = m.factory ? m.factory() : Ptr<Instance>::create();
    InstanceAccess::attach(*instance, model);
    applyDefaults(*instance, false);
    instance->set(values);
    return instance;
}

namespace {
QList<int> allFields(const ModelMeta &m)
{
    QList<int> out(m.fields.size());
    for (int f = 0; f < m.fields.size(); ++f)
        out[f] = f;
    return out;
}

// The shape of a where made only of equalities with a value (findByPk's, findOne's by a
// key), written into shape; their values in the order the compiler binds them. False for
// anything else (other operators, nulls, lists, unknown attributes): the general path.
bool equalityShape(const ModelMeta &m, const Where &w, ShapeKey &shape, QList<const FieldMeta *> &fields,
                   QList<const QVariant *> &values)
{
    if (w.kind() == Where::Field) {
        const Condition &c = w.condition();
        if (c.kind() != Condition::Eq || isNullValue(c.value()) || isList(c.value()))
            return false;
        const int f = m.indexOf(w.field());
        if (f < 0)
            return false;
        shape.add('f').add(f);
        fields.append(&m.fields.at(f));
        values.append(&c.value());
        return true;
    }
    if (w.kind() != Where::And || w.children().isEmpty())
        return false;
    shape.add('(');
    for (const Where &c : w.children())
        if (c.isEmpty() || !equalityShape(m, c, shape, fields, values))
            return false;
    shape.add(')');
    return true;
}

// findAll of every attribute by equalities, nothing else but a limit: findByPk's query.
// Its SQL text is built once per shape and connection instead of on every call.
// shape receives the key under which the text (and then its prepared statement) is found.
std::optional<Sql> cachedEqualitySelect(DatabasePrivate &d, Connection &conn, const ModelMeta &m, const FindOptions &o,
                                        ShapeKey &shape)
{
    if (!o.include.isEmpty() || !o.order.isEmpty() || !o.group.isEmpty() || o.offset != 0
        || !o.attributes.include.isEmpty() || !o.attributes.exclude.isEmpty())
        return std::nullopt;
    shape.add(o.limit).add(o.paranoid && m.isParanoid() ? 1 : 0);
    QList<const FieldMeta *> fields;
    QList<const QVariant *> values;
    if (!equalityShape(m, o.where, shape, fields, values) || !shape.valid())
        return std::nullopt;
    Sql sql;
    if (const QString *text = conn.cachedText(shape.bytes())) {
        sql.text = *text;
        sql.bindings.reserve(values.size());
        for (qsizetype i = 0; i < values.size(); ++i)
            sql.bindings.append(d.dialect->toDb(*fields.at(i), *values.at(i)));
        return sql;
    }
    SelectSpec spec;
    spec.fields = allFields(m);
    spec.where = withParanoia(m, o.where, o.paranoid);
    spec.limit = o.limit;
    sql = selectSql(*d.dialect, m, spec);
    if (sql.bindings.size() == values.size()) // what the cached path will bind
        conn.cacheText(shape.bytes(), sql.text);
    return sql;
}
} // namespace

QList<Ptr<Instance>> Operations::findAll(const ModelHandle &model, const FindOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    if (o.include.isEmpty() && o.group.isEmpty()) {
        Executor ex(d);
        ShapeKey shape('S', m);
        if (std::optional<Sql> sql = cachedEqualitySelect(d, ex.connection(), m, o, shape)) {
            QList<Ptr<Instance>> rows;
            {
                const QByteArray shapeBytes = shape.bytes();
                Cursor c = ex.run(*sql, &m, &shapeBytes);
                rows = Hydrator(model).all(c);
            }
            runFindHook(m, rows, o);
            return rows;
        }
    }
    SelectSpec spec;
    spec.fields = selectedFields(m, o.attributes);
    spec.where = withParanoia(m, o.where, o.paranoid);
    spec.order = o.order;
    spec.limit = o.limit;
    spec.offset = o.offset;
    if (!o.group.isEmpty()) {
        // Only grouped attributes can be read from a group: the same rule on every dialect
        // (SQLite and MariaDB would otherwise return an arbitrary row's values).
        const WhereCompiler wc(m, *d.dialect);
        for (const QString &g : o.group)
            spec.group.append(m.indexOf(wc.field(g, "group").name));
        QStringList ungrouped;
        for (int f : spec.fields)
            if (!spec.group.contains(f))
                ungrouped.append(m.fields.at(f).name);
        if (!ungrouped.isEmpty())
            throw QueryError(QStringLiteral("%1: findAll with group reads only the grouped attributes (%2), but %3 "
                                            "would be read too; name them in attributes.include")
                                 .arg(m.name, o.group.join(QStringLiteral(", ")), ungrouped.join(QStringLiteral(", "))));
    }
    // Required includes filter the parents in SQL, so that limit and offset count parents.
    int alias = 0;
    appendRequiredIncludes(d, m, d.dialect->quote(m.tableName), o.include, spec.extraCondition, spec.extraBindings, alias);
    const Sql sql = selectSql(*d.dialect, m, spec);
    QList<Ptr<Instance>> rows;
    {
        Executor ex(d);
        Cursor c = ex.run(sql, &m);
        rows = Hydrator(model, spec.fields).all(c);
    }
    if (!o.include.isEmpty())
        EagerLoader::load(d, m, rows, o.include);
    runFindHook(m, rows, o);
    return rows;
}

qint64 Operations::count(const ModelHandle &model, const CountOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    QString extra;
    QVariantList extraBindings;
    int alias = 0;
    appendRequiredIncludes(d, m, d.dialect->quote(m.tableName), o.include, extra, extraBindings, alias);
    Executor ex(d);
    Cursor c = ex.run(aggregateSql(*d.dialect, m, QStringLiteral("COUNT"), o.field,
                                   withParanoia(m, o.where, o.paranoid), o.distinct, extra, extraBindings),
                      &m);
    return c.next() ? c.value(0).toLongLong() : 0;
}

QList<GroupCount> Operations::countGrouped(const ModelHandle &model, const CountOptions &o)
{
    const ModelMeta &m = model.meta();
    if (o.group.isEmpty())
        throw QueryError(QStringLiteral("%1: countGrouped needs at least one group attribute").arg(m.name));
    DatabasePrivate &d = dbOf(model);
    Executor ex(d);
    Cursor c = ex.run(groupCountSql(*d.dialect, m, o.group, withParanoia(m, o.where, o.paranoid)), &m);
    QList<GroupCount> out;
    while (c.next()) {
        GroupCount g;
        for (int i = 0; i < o.group.size(); ++i)
            g.key.insert(o.group.at(i), d.dialect->fromDb(*m.field(o.group.at(i)), c.value(i)));
        g.count = c.value(o.group.size()).toLongLong();
        out.append(g);
    }
    return out;
}

QVariant Operations::aggregate(const ModelHandle &model, const QString &fn, const QString &attribute,
                               const AggregateOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    const FieldMeta *field = m.field(attribute);
    if (!field)
        throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in %3)").arg(m.name, attribute, fn.toLower()));
    Executor ex(d);
    Cursor c = ex.run(aggregateSql(*d.dialect, m, fn, attribute, withParanoia(m, o.where, o.paranoid)), &m);
    if (!c.next())
        return {};
    const QVariant raw = c.value(0);
    if (raw.isNull())
        return {}; // no rows: null, as SQL and Sequelize say
    if (fn == QLatin1String("SUM")) {
        switch (field->type) {
        case FieldType::Integer:
        case FieldType::BigInt: return raw.toLongLong();
        case FieldType::Double: return raw.toDouble();
        default: return raw;
        }
    }
    return d.dialect->fromDb(*field, raw);
}

namespace {
// The equality values of a where, for findOrCreate's new record.
void equalities(const Where &w, QVariantMap &out)
{
    if (w.kind() == Where::Field && w.condition().kind() == Condition::Eq && !isList(w.condition().value()))
        out.insert(w.field(), w.condition().value());
    else if (w.kind() == Where::And)
        for (const Where &c : w.children())
            equalities(c, out);
}
} // namespace

std::pair<Ptr<Instance>, bool> Operations::findOrCreate(const ModelHandle &model, const FindOrCreateOptions &o)
{
    DatabasePrivate &d = dbOf(model);
    Executor ex(d);
    std::pair<Ptr<Instance>, bool> result;
    FindOptions find;
    find.where = o.where;
    find.limit = 1;
    ex.transaction([&] {
        QList<Ptr<Instance>> found = findAll(model, find);
        if (!found.isEmpty()) {
            result = {found.first(), false};
            return;
        }
        QVariantMap values;
        equalities(o.where, values);
        for (auto it = o.defaults.begin(); it != o.defaults.end(); ++it)
            values.insert(it.key(), it.value());
        Ptr<Instance> created = build(model, values);
        try {
            // A savepoint: if another writer created the row meanwhile, the unique error
            // rolls back only this insert, and the row is read instead.
            ex.transaction([&] { created->save(); });
            result = {created, true};
        } catch (const UniqueConstraintError &) {
            found = findAll(model, find);
            if (found.isEmpty())
                throw;
            result = {found.first(), false};
        }
    });
    return result;
}

} // namespace orm::detail
