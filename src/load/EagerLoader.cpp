#include "load/EagerLoader.h"

#include "exec/DatabasePrivate.h"
#include "load/Hydrator.h"
#include "load/InstanceAccess.h"
#include "query/IncludeSql.h"
#include "query/Statements.h"
#include "query/WhereCompiler.h"

#include <orm/Errors.h>

namespace orm::detail {

namespace {

// Hash key of a value as bound, the same for the parent's key and the child's. Integer
// keys (nearly all of them) are compared as integers: no text per row. Any other value
// is compared as the text the dialect binds, and text that is an integer written the
// canonical way becomes that integer, so a key stored as text still meets its number.
struct MatchKey
{
    qlonglong number = 0;
    QString text; // null for an integer key
    bool operator==(const MatchKey &o) const { return number == o.number && text == o.text; }
};
size_t qHash(const MatchKey &k, size_t seed = 0)
{
    return k.text.isNull() ? ::qHash(k.number, seed) : ::qHash(k.text, seed);
}

bool isIntegerType(int id)
{
    switch (id) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
        return true;
    default:
        return false;
    }
}

MatchKey keyOf(const Dialect &d, const FieldMeta &f, const QVariant &v)
{
    if (isIntegerType(v.metaType().id()))
        return {v.toLongLong(), {}};
    const QVariant bound = d.toDb(f, v);
    if (isIntegerType(bound.metaType().id()))
        return {bound.toLongLong(), {}};
    MatchKey k{0, bound.toString()};
    if (k.text.isNull())
        k.text = QLatin1String(""); // a non-null text key, never an integer's
    bool ok = false;
    const qlonglong n = k.text.toLongLong(&ok);
    if (ok && QString::number(n) == k.text)
        return {n, {}};
    return k;
}

// Fields to select: the include's attributes, plus what matching needs.
QList<int> fieldsFor(const ModelMeta &m, const Attributes &attributes, const QStringList &required)
{
    QList<int> fields = selectedFields(m, attributes);
    for (const QString &r : required) {
        const int i = m.indexOf(r);
        if (i >= 0 && !fields.contains(i))
            fields.append(i);
    }
    for (int pk : m.primaryKey)
        if (!fields.contains(pk))
            fields.append(pk);
    return fields;
}

} // namespace

QList<Links> EagerLoader::fetch(DatabasePrivate &d, const ModelMeta &parentModel, const AssociationMeta &a,
                                const QList<Instance *> &parents, const Include &node, int limit, int offset)
{
    const Dialect &q = *d.dialect;
    const ModelMeta *target = d.find(a.target);
    if (!target)
        throw DefinitionError(QStringLiteral("%1: the target %2 of association %3 is not defined").arg(parentModel.name, a.target, a.name));
    const ModelHandle targetHandle(std::shared_ptr<DatabasePrivate>(parents.isEmpty() ? nullptr : parents.first()->model().databasePrivate()), target);
    QList<Links> result(parents.size());
    if (parents.isEmpty())
        return result;

    // Which parent attribute holds the key, and which target (or junction) column matches it.
    const bool belongsTo = a.kind == AssociationKind::BelongsTo;
    const QString parentKey = belongsTo ? a.foreignKey : a.sourceKey;
    const FieldMeta &pkField = *parentModel.field(parentKey);
    QHash<MatchKey, QList<int>> parentsByKey;
    QVariantList keys;
    const int parentKeyField = parentModel.indexOf(parentKey);
    for (int i = 0; i < parents.size(); ++i) {
        const QVariant v = InstanceAccess::read(*parents.at(i), parentKeyField);
        if (isNullValue(v))
            continue;
        const MatchKey k = keyOf(q, pkField, v);
        auto it = parentsByKey.find(k);
        if (it == parentsByKey.end()) {
            parentsByKey.insert(k, {i});
            keys.append(v);
        } else {
            it->append(i);
        }
    }
    if (keys.isEmpty())
        return result;

    Executor ex(d);
    const int chunk = qMax(1, qMin(q.maxBindParameters() - 200, 10000));
    QHash<MatchKey, Ptr<Instance>> identity; // one instance per target row
    const Where nodeWhere = withParanoia(*target, node.where, node.paranoid);
    int alias = 100;

    if (a.kind != AssociationKind::BelongsToMany) {
        const QString matchAttr = belongsTo ? a.targetKey : a.foreignKey;
        const int matchField = target->indexOf(matchAttr);
        SelectSpec spec;
        spec.fields = fieldsFor(*target, node.attributes, {matchAttr});
        spec.order = node.order;
        if (a.kind == AssociationKind::HasOne && spec.order.isEmpty())
            for (int pk : target->primaryKey) // which row is "the one" must not depend on the database
                spec.order.append(OrderBy(target->fields.at(pk).name));
        spec.limit = limit;
        spec.offset = offset;
        const int matchColumn = spec.fields.indexOf(matchField);
        QString extra;
        QVariantList extraBindings;
        appendRequiredIncludes(d, *target, q.quote(target->tableName), node.include, extra, extraBindings, alias);
        spec.extraCondition = extra;
        spec.extraBindings = extraBindings;
        const Hydrator hydrator(targetHandle, spec.fields);
        for (int start = 0; start < keys.size(); start += chunk) {
            const Where in(matchAttr, Op::in(keys.mid(start, chunk)));
            spec.where = nodeWhere.isEmpty() ? in : Where::allOf({in, nodeWhere});
            Cursor c = ex.run(selectSql(q, *target, spec), target);
            const FieldMeta &matchMeta = target->fields.at(matchField);
            static const QList<int> none;
            while (c.next()) {
                const MatchKey k = keyOf(q, matchMeta, q.fromDb(matchMeta, c.value(matchColumn)));
                Ptr<Instance> child;
                if (belongsTo) {
                    // A row already seen is not built again.
                    auto ex2 = identity.constFind(k);
                    if (ex2 != identity.constEnd()) {
                        child = ex2.value();
                    } else {
                        child = hydrator.hydrate(c);
                        identity.insert(k, child);
                    }
                } else {
                    child = hydrator.hydrate(c);
                }
                const auto owners = parentsByKey.constFind(k);
                for (int p : owners == parentsByKey.constEnd() ? none : owners.value())
                    if (a.kind != AssociationKind::HasOne || result[p].items.isEmpty()) // hasOne: one
                        result[p].items.append(child);
            }
        }
        return result;
    }

    // belongsToMany: target rows joined to the junction, filtered on the junction's key.
    const ModelMeta *junction = d.find(a.through);
    const ModelHandle junctionHandle(targetHandle.databasePrivate(), junction);
    const QList<int> targetFields = fieldsFor(*target, node.attributes, {a.targetKey});
    QList<int> junctionFields;
    if (node.through) {
        junctionFields = fieldsFor(*junction, {.include = *node.through, .exclude = {}}, {a.foreignKey, a.otherKey});
    } else {
        for (int i = 0; i < junction->fields.size(); ++i)
            junctionFields.append(i);
    }
    const int fkColumn = targetFields.size() + junctionFields.indexOf(junction->indexOf(a.foreignKey));
    const FieldMeta &fkField = *junction->field(a.foreignKey);
    const QString t = QStringLiteral("t"), j = QStringLiteral("j");
    QString select = QStringLiteral("SELECT ");
    QStringList cols;
    for (int f : targetFields)
        cols.append(t + QLatin1Char('.') + q.quote(target->fields.at(f).column));
    for (int f : junctionFields)
        cols.append(j + QLatin1Char('.') + q.quote(junction->fields.at(f).column));
    select += cols.join(QStringLiteral(", "));
    select += QStringLiteral(" FROM %1 t JOIN %2 j ON j.%3 = t.%4")
                  .arg(q.quote(target->tableName), q.quote(junction->tableName), q.quote(junction->field(a.otherKey)->column),
                       q.quote(target->field(a.targetKey)->column));
    const WhereCompiler targetWhere(*target, q, QStringLiteral("t."));
    const WhereCompiler junctionWhere(*junction, q, QStringLiteral("j."));
    const Hydrator targetHydrator(targetHandle, targetFields);
    const int pkColumn = target->primaryKey.size() == 1 ? targetFields.indexOf(target->primaryKey.first()) : -1;
    const Hydrator junctionHydrator(junctionHandle, junctionFields);
    for (int start = 0; start < keys.size(); start += chunk) {
        Sql sql;
        sql.text = select + QStringLiteral(" WHERE ");
        junctionWhere.compile(Where(a.foreignKey, Op::in(keys.mid(start, chunk))), sql.text, sql.bindings);
        QString clause;
        if (targetWhere.compile(nodeWhere, clause, sql.bindings))
            sql.text += QStringLiteral(" AND ") + clause;
        appendRequiredIncludes(d, *target, t, node.include, sql.text, sql.bindings, alias);
        QStringList order;
        for (const OrderBy &o : node.order)
            order.append(q.orderTerm(targetWhere.column(targetWhere.field(o.field, "include order")), o.direction, o.nulls));
        if (!order.isEmpty())
            sql.text += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", "));
        sql.text += q.limitOffset(limit, offset);
        Cursor c = ex.run(sql, target);
        static const QList<int> none;
        while (c.next()) {
            // Identity first, from the key column: a target row shared by many parents is
            // built once, not once per junction row.
            Ptr<Instance> child;
            MatchKey id;
            if (pkColumn >= 0) {
                const FieldMeta &pf = target->fields.at(target->primaryKey.first());
                id = keyOf(q, pf, q.fromDb(pf, c.value(pkColumn)));
            } else {
                child = targetHydrator.hydrate(c);
                QStringList pk;
                for (int f : target->primaryKey)
                    pk.append(InstanceAccess::read(*child, f).toString());
                id.text = pk.join(QChar(0x1f));
            }
            auto existing = identity.constFind(id);
            if (existing != identity.constEnd()) {
                child = existing.value();
            } else {
                if (!child)
                    child = targetHydrator.hydrate(c);
                identity.insert(id, child);
            }
            Ptr<Instance> link = junctionHydrator.hydrate(c, targetFields.size());
            const MatchKey k = keyOf(q, fkField, q.fromDb(fkField, c.value(fkColumn)));
            const auto owners = parentsByKey.constFind(k);
            for (int p : owners == parentsByKey.constEnd() ? none : owners.value()) {
                result[p].items.append(child);
                result[p].through.append(link);
            }
        }
    }
    return result;
}

void EagerLoader::load(DatabasePrivate &d, const ModelMeta &parentModel, const QList<Ptr<Instance>> &parents,
                       const QList<Include> &includes)
{
    if (parents.isEmpty())
        return;
    QList<Instance *> raw;
    raw.reserve(parents.size());
    for (const auto &p : parents)
        raw.append(p.data());
    for (const Include &node : includes) {
        const AssociationMeta &a = resolveInclude(parentModel, node.association);
        const QList<Links> links = fetch(d, parentModel, a, raw, node);
        for (int i = 0; i < raw.size(); ++i)
            InstanceAccess::setIncluded(*raw.at(i), a.name, links.at(i).items, links.at(i).through);
        if (node.include.isEmpty())
            continue;
        // The next level's parents: every child once, though a shared one (a belongsTo
        // target, a group of many users) is listed under each of its parents.
        QList<Ptr<Instance>> children;
        QSet<const Instance *> seen;
        for (const Links &l : links)
            for (const auto &c : l.items)
                if (!seen.contains(c.data())) {
                    seen.insert(c.data());
                    children.append(c);
                }
        load(d, *d.find(a.target), children, node.include);
    }
}

} // namespace orm::detail
