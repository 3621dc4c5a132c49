// The association accessors of an instance: get, count, has, set, add, remove, create,
// with Sequelize's semantics (hasMany set/remove null the key and never delete rows;
// belongsToMany add skips pairs that exist; set replaces the whole set in one transaction).
#include "exec/DatabasePrivate.h"
#include "load/EagerLoader.h"
#include "load/InstanceAccess.h"
#include "query/IncludeSql.h"
#include "query/Statements.h"
#include "query/WhereCompiler.h"

#include <orm/Errors.h>
#include <orm/Instance.h>

namespace orm {

using namespace detail;

namespace {

struct Context
{
    const Instance &self;
    const AssociationMeta &a;
    DatabasePrivate &d;
    ModelHandle target;
    ModelHandle junction;
};

Context context(const Instance &self, const QString &name)
{
    const ModelMeta &m = self.meta();
    const AssociationMeta &a = resolveInclude(m, name);
    DatabasePrivate &d = *self.model().databasePrivate();
    Context c{self, a, d, ModelHandle(self.model().databasePrivate(), d.find(a.target)), {}};
    if (a.kind == AssociationKind::BelongsToMany)
        c.junction = ModelHandle(self.model().databasePrivate(), d.find(a.through));
    return c;
}

// The source key value; the source must be saved for anything that links rows.
QVariant sourceKey(const Context &c, const char *op)
{
    const QVariant v = c.self.get(c.a.sourceKey.isEmpty() ? c.a.foreignKey : c.a.sourceKey);
    if (isNullValue(v) || c.self.isNewRecord())
        throw QueryError(QStringLiteral("%1.%2(%3): save the %1 first; it has no key yet")
                             .arg(c.self.meta().name, QString::fromLatin1(op), c.a.name));
    return v;
}

void requireMany(const Context &c, const char *op)
{
    if (!c.a.isMany())
        throw QueryError(QStringLiteral("%1: %2 is a %3 association; %4 is for hasMany and belongsToMany")
                             .arg(c.self.meta().name, c.a.name, associationKindName(c.a.kind), QString::fromLatin1(op)));
}

void requireOne(const Context &c, const char *op)
{
    if (c.a.isMany())
        throw QueryError(QStringLiteral("%1: %2 is a %3 association; %4 with a single instance is for hasOne and "
                                        "belongsTo (use the list form)")
                             .arg(c.self.meta().name, c.a.name, associationKindName(c.a.kind), QString::fromLatin1(op)));
}

// Target key values (targetKey for belongsToMany, primary key otherwise) of instances.
QVariantList targetKeys(const Context &c, const QList<Ptr<Instance>> &targets, const char *op)
{
    const ModelMeta &t = c.target.meta();
    const QString attr = c.a.kind == AssociationKind::BelongsToMany ? c.a.targetKey : t.primaryKeyField().name;
    QVariantList out;
    for (const Ptr<Instance> &i : targets) {
        if (!i)
            throw QueryError(QStringLiteral("%1.%2(%3): a null instance was given").arg(c.self.meta().name, QString::fromLatin1(op), c.a.name));
        if (i->meta().name != t.name)
            throw QueryError(QStringLiteral("%1.%2(%3): expected %4 instances, got a %5")
                                 .arg(c.self.meta().name, QString::fromLatin1(op), c.a.name, t.name, i->meta().name));
        const QVariant v = i->get(attr);
        if (isNullValue(v) || i->isNewRecord())
            throw QueryError(QStringLiteral("%1.%2(%3): save the %4 first; it has no key yet")
                                 .arg(c.self.meta().name, QString::fromLatin1(op), c.a.name, t.name));
        if (!out.contains(v))
            out.append(v);
    }
    return out;
}

void setKeyInMemory(Instance &i, const QString &attribute, const QVariant &value)
{
    const int f = i.meta().indexOf(attribute);
    InstanceAccess::write(i, f, value);
    InstanceAccess::syncField(i, f);
}

Where both(const Where &a, const Where &b)
{
    if (b.isEmpty())
        return a;
    return Where::allOf({a, b});
}

qint64 countJunction(const Context &c, const QVariant &key, const Where &targetWhere, bool paranoid,
                     const QVariantList *onlyTargets)
{
    const Dialect &q = *c.d.dialect;
    const ModelMeta &t = c.target.meta();
    const ModelMeta &j = c.junction.meta();
    Sql sql;
    sql.text = QStringLiteral("SELECT COUNT(*) FROM %1 t JOIN %2 j ON j.%3 = t.%4 WHERE ")
                   .arg(q.quote(t.tableName), q.quote(j.tableName), q.quote(j.field(c.a.otherKey)->column),
                        q.quote(t.field(c.a.targetKey)->column));
    const WhereCompiler jw(j, q, QStringLiteral("j.")), tw(t, q, QStringLiteral("t."));
    Where jWhere(c.a.foreignKey, Op::eq(key));
    if (onlyTargets)
        jWhere = Where::allOf({jWhere, Where(c.a.otherKey, Op::in(*onlyTargets))});
    jw.compile(jWhere, sql.text, sql.bindings);
    QString clause;
    if (tw.compile(withParanoia(t, targetWhere, paranoid), clause, sql.bindings))
        sql.text += QStringLiteral(" AND ") + clause;
    Executor ex(c.d);
    Cursor cur = ex.run(sql, &t);
    return cur.next() ? cur.value(0).toLongLong() : 0;
}

} // namespace

QString Instance::associationName(const QMetaObject *mo, const QString &name) const
{
    if (!name.isEmpty())
        return name;
    const ModelMeta &m = meta();
    DatabasePrivate &d = *model().databasePrivate();
    QStringList found;
    for (const AssociationMeta &a : m.associations) {
        const ModelMeta *t = d.find(a.target);
        if (t && t->metaObject == mo)
            found.append(a.name);
    }
    if (found.size() == 1)
        return found.first();
    throw QueryError(found.isEmpty()
                         ? QStringLiteral("%1 has no association to %2").arg(m.name, QString::fromLatin1(mo->className()))
                         : QStringLiteral("%1 has several associations to %2 (%3): name the one you mean")
                               .arg(m.name, QString::fromLatin1(mo->className()), found.join(QStringLiteral(", "))));
}

QList<Ptr<Instance>> Instance::getAssociated(const QString &association, const FindOptions &options) const
{
    const Context c = context(*this, association);
    FindOptions o = options;
    switch (c.a.kind) {
    case AssociationKind::HasOne:
    case AssociationKind::HasMany: {
        const QVariant key = get(c.a.sourceKey);
        if (isNullValue(key))
            return {};
        o.where = both(Where(c.a.foreignKey, Op::eq(key)), options.where);
        if (c.a.kind == AssociationKind::HasOne)
            o.limit = 1;
        return c.target.findAll(o);
    }
    case AssociationKind::BelongsTo: {
        const QVariant key = get(c.a.foreignKey);
        if (isNullValue(key))
            return {};
        o.where = both(Where(c.a.targetKey, Op::eq(key)), options.where);
        o.limit = 1;
        return c.target.findAll(o);
    }
    case AssociationKind::BelongsToMany: {
        const QVariant key = get(c.a.sourceKey);
        if (isNullValue(key))
            return {};
        Include node;
        node.association = c.a.name;
        node.where = options.where;
        node.order = options.order;
        node.attributes = options.attributes;
        node.paranoid = options.paranoid;
        node.include = options.include;
        const QList<Links> links = EagerLoader::fetch(c.d, meta(), c.a, {const_cast<Instance *>(this)}, node,
                                                      options.limit, options.offset);
        InstanceAccess::setIncluded(*this, c.a.name, links.first().items, links.first().through);
        if (!options.include.isEmpty())
            EagerLoader::load(c.d, c.target.meta(), links.first().items, options.include);
        return links.first().items;
    }
    }
    return {};
}

Ptr<Instance> Instance::getOne(const QString &association) const
{
    FindOptions o;
    o.limit = 1;
    return getAssociated(association, o).value(0);
}

qint64 Instance::countAssociated(const QString &association, const CountOptions &options) const
{
    const Context c = context(*this, association);
    switch (c.a.kind) {
    case AssociationKind::HasOne:
    case AssociationKind::HasMany: {
        const QVariant key = get(c.a.sourceKey);
        if (isNullValue(key))
            return 0;
        CountOptions o = options;
        o.where = both(Where(c.a.foreignKey, Op::eq(key)), options.where);
        return c.target.count(o);
    }
    case AssociationKind::BelongsTo: {
        const QVariant key = get(c.a.foreignKey);
        if (isNullValue(key))
            return 0;
        CountOptions o = options;
        o.where = both(Where(c.a.targetKey, Op::eq(key)), options.where);
        return c.target.count(o);
    }
    case AssociationKind::BelongsToMany: {
        const QVariant key = get(c.a.sourceKey);
        return isNullValue(key) ? 0 : countJunction(c, key, options.where, options.paranoid, nullptr);
    }
    }
    return 0;
}

bool Instance::has(const QString &association, const Ptr<Instance> &target) const
{
    return has(association, QList<Ptr<Instance>>{target});
}

bool Instance::has(const QString &association, const QList<Ptr<Instance>> &targets) const
{
    const Context c = context(*this, association);
    const QVariantList keys = targetKeys(c, targets, "has");
    if (keys.isEmpty())
        return true;
    switch (c.a.kind) {
    case AssociationKind::BelongsTo: {
        const QVariant fk = get(c.a.foreignKey);
        return keys.size() == 1 && !isNullValue(fk) && keys.first().toString() == fk.toString();
    }
    case AssociationKind::HasOne:
    case AssociationKind::HasMany: {
        const QVariant key = get(c.a.sourceKey);
        if (isNullValue(key))
            return false;
        const QString pk = c.target.meta().primaryKeyField().name;
        return c.target.count({.where = Where::allOf({Where(c.a.foreignKey, Op::eq(key)), Where(pk, Op::in(keys))})}) == keys.size();
    }
    case AssociationKind::BelongsToMany: {
        const QVariant key = get(c.a.sourceKey);
        return !isNullValue(key) && countJunction(c, key, {}, false, &keys) == keys.size();
    }
    }
    return false;
}

void Instance::setAssociated(const QString &association, const Ptr<Instance> &target)
{
    const Context c = context(*this, association);
    requireOne(c, "set");
    Executor ex(c.d);
    if (c.a.kind == AssociationKind::BelongsTo) {
        QVariant value;
        if (target) {
            if (target->isNewRecord())
                target->save();
            value = target->get(c.a.targetKey);
        }
        set(c.a.foreignKey, value);
        save();
        return;
    }
    // hasOne: the previous target is unlinked (its key nulled), the new one linked.
    const QVariant key = sourceKey(c, "set");
    const QString pk = c.target.meta().primaryKeyField().name;
    ex.transaction([&] {
        Where old(c.a.foreignKey, Op::eq(key));
        if (target && !target->isNewRecord())
            old = Where::allOf({old, Where(pk, Op::ne(target->get(pk)))});
        c.target.update({{c.a.foreignKey, QVariant()}}, {.where = old, .paranoid = false});
        if (target) {
            target->set(c.a.foreignKey, key);
            target->save();
        }
    });
}

void Instance::setAssociated(const QString &association, const QList<Ptr<Instance>> &targets)
{
    const Context c = context(*this, association);
    requireMany(c, "set");
    const QVariant key = sourceKey(c, "set");
    Executor ex(c.d);
    ex.transaction([&] {
        for (const Ptr<Instance> &t : targets)
            if (t && t->isNewRecord())
                t->save();
        const QVariantList keys = targetKeys(c, targets, "set");
        if (c.a.kind == AssociationKind::HasMany) {
            const QString pk = c.target.meta().primaryKeyField().name;
            Where unlink(c.a.foreignKey, Op::eq(key));
            if (!keys.isEmpty())
                unlink = Where::allOf({unlink, Where(pk, Op::notIn(keys))});
            c.target.update({{c.a.foreignKey, QVariant()}}, {.where = unlink, .paranoid = false});
        } else {
            Where stale(c.a.foreignKey, Op::eq(key));
            if (!keys.isEmpty())
                stale = Where::allOf({stale, Where(c.a.otherKey, Op::notIn(keys))});
            c.junction.destroy({.where = stale, .force = true});
        }
        add(association, targets);
    });
}

void Instance::add(const QString &association, const Ptr<Instance> &target, const QVariantMap &through)
{
    add(association, QList<Ptr<Instance>>{target}, through);
}

void Instance::add(const QString &association, const QList<Ptr<Instance>> &targets, const QVariantMap &through)
{
    const Context c = context(*this, association);
    requireMany(c, "add");
    const QVariant key = sourceKey(c, "add");
    if (targets.isEmpty())
        return;
    Executor ex(c.d);
    ex.transaction([&] {
        for (const Ptr<Instance> &t : targets) {
            if (t && t->isNewRecord()) {
                if (c.a.kind == AssociationKind::HasMany)
                    t->set(c.a.foreignKey, key);
                t->save();
            }
        }
        const QVariantList keys = targetKeys(c, targets, "add");
        if (c.a.kind == AssociationKind::HasMany) {
            const QString pk = c.target.meta().primaryKeyField().name;
            c.target.update({{c.a.foreignKey, key}}, {.where = Where(pk, Op::in(keys)), .paranoid = false});
            for (const Ptr<Instance> &t : targets)
                setKeyInMemory(*t, c.a.foreignKey, key);
            return;
        }
        // belongsToMany: insert only the pairs that are not there yet.
        QSet<QString> existing;
        for (const Ptr<Instance> &row : c.junction.findAll(
                 {.where = Where::allOf({Where(c.a.foreignKey, Op::eq(key)), Where(c.a.otherKey, Op::in(keys))}),
                  .attributes = {.include = {c.a.otherKey}, .exclude = {}},
                  .paranoid = false}))
            existing.insert(row->get(c.a.otherKey).toString());
        QList<QVariantMap> records;
        for (const QVariant &k : keys) {
            if (existing.contains(k.toString()))
                continue;
            QVariantMap r = through;
            r.insert(c.a.foreignKey, key);
            r.insert(c.a.otherKey, k);
            records.append(r);
        }
        if (!records.isEmpty())
            c.junction.bulkCreate(records, {.validate = true});
    });
}

void Instance::remove(const QString &association, const Ptr<Instance> &target)
{
    remove(association, QList<Ptr<Instance>>{target});
}

void Instance::remove(const QString &association, const QList<Ptr<Instance>> &targets)
{
    const Context c = context(*this, association);
    requireMany(c, "remove");
    const QVariant key = sourceKey(c, "remove");
    const QVariantList keys = targetKeys(c, targets, "remove");
    if (keys.isEmpty())
        return;
    if (c.a.kind == AssociationKind::HasMany) {
        const QString pk = c.target.meta().primaryKeyField().name;
        c.target.update({{c.a.foreignKey, QVariant()}},
                        {.where = Where::allOf({Where(c.a.foreignKey, Op::eq(key)), Where(pk, Op::in(keys))}), .paranoid = false});
        for (const Ptr<Instance> &t : targets)
            if (t->get(c.a.foreignKey).toString() == key.toString())
                setKeyInMemory(*t, c.a.foreignKey, QVariant());
        return;
    }
    c.junction.destroy({.where = Where::allOf({Where(c.a.foreignKey, Op::eq(key)), Where(c.a.otherKey, Op::in(keys))}),
                        .force = true});
}

Ptr<Instance> Instance::createAssociated(const QString &association, const QVariantMap &values, const QVariantMap &through)
{
    const Context c = context(*this, association);
    Ptr<Instance> created;
    Executor ex(c.d);
    ex.transaction([&] {
        switch (c.a.kind) {
        case AssociationKind::BelongsTo:
            created = c.target.create(values);
            setAssociated(association, created);
            break;
        case AssociationKind::HasOne:
        case AssociationKind::HasMany: {
            QVariantMap v = values;
            v.insert(c.a.foreignKey, sourceKey(c, "create"));
            created = c.target.create(v);
            break;
        }
        case AssociationKind::BelongsToMany:
            sourceKey(c, "create");
            created = c.target.create(values);
            add(association, created, through);
            break;
        }
    });
    return created;
}

QList<Ptr<Instance>> Instance::createAssociated(const QString &association, const QList<QVariantMap> &values)
{
    const Context c = context(*this, association);
    requireMany(c, "create");
    QList<Ptr<Instance>> out;
    Executor ex(c.d);
    ex.transaction([&] {
        if (c.a.kind == AssociationKind::HasMany) {
            const QVariant key = sourceKey(c, "create");
            QList<QVariantMap> records = values;
            for (QVariantMap &r : records)
                r.insert(c.a.foreignKey, key);
            out = c.target.bulkCreate(records, {.validate = true});
            return;
        }
        for (const QVariantMap &v : values)
            out.append(createAssociated(association, v));
    });
    return out;
}

QList<Ptr<Instance>> Instance::included(const QString &association) const
{
    const Included *in = findIncluded(association);
    if (!in) {
        const AssociationMeta &a = resolveInclude(meta(), association); // QueryError for a wrong name
        in = findIncluded(a.name);
        if (!in)
            return {};
    }
    return in->items;
}

Ptr<Instance> Instance::through(const QString &association, int index) const
{
    const Included *in = findIncluded(association);
    return in ? in->through.value(index) : Ptr<Instance>();
}

Ptr<Instance> Instance::through(const QString &association, const Ptr<Instance> &target) const
{
    const Included *in = findIncluded(association);
    if (!in)
        return {};
    for (int i = 0; i < in->items.size(); ++i)
        if (in->items.at(i) == target || (target && in->items.at(i)->primaryKeyValue() == target->primaryKeyValue()))
            return in->through.value(i);
    return {};
}

} // namespace orm
