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

// Hash key of a value as bound: the same text for the parent's key and the child's.
QString keyText(const Dialect &d, const FieldMeta &f, const QVariant &v)
{
    return d.toDb(f, v).toString();
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
    QHash<QString, QList<int>> parentsByKey;
    QVariantList keys;
    for (int i = 0; i < parents.size(); ++i) {
        const QVariant v = InstanceAccess::read(*parents.at(i), parentModel.indexOf(parentKey));
        if (isNullValue(v))
            continue;
        const QString k = keyText(q, pkField, v);
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
    QHash<QString, Ptr<Instance>> identity; // one instance per target row
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
            while (c.next()) {
                const QString k = keyText(q, target->fields.at(matchField), q.fromDb(target->fields.at(matchField), c.value(matchColumn)));
                Ptr<Instance> child = hydrator.hydrate(c);
                if (belongsTo) {
                    auto ex2 = identity.find(k);
                    if (ex2 != identity.end())
                        child = ex2.value();
                    else
                        identity.insert(k, child);
                }
                for (int p : parentsByKey.value(k))
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
            order.append(targetWhere.column(targetWhere.field(o.field, "include order")) + (o.direction == Desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC")));
        if (!order.isEmpty())
            sql.text += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", "));
        sql.text += q.limitOffset(limit, offset);
        Cursor c = ex.run(sql, target);
        while (c.next()) {
            Ptr<Instance> child = targetHydrator.hydrate(c);
            QStringList pk;
            for (int f : target->primaryKey)
                pk.append(InstanceAccess::read(*child, f).toString());
            const QString id = pk.join(QChar(0x1f));
            auto existing = identity.find(id);
            if (existing != identity.end())
                child = existing.value();
            else
                identity.insert(id, child);
            Ptr<Instance> link = junctionHydrator.hydrate(c, targetFields.size());
            const QString k = keyText(q, fkField, q.fromDb(fkField, c.value(fkColumn)));
            for (int p : parentsByKey.value(k)) {
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
        QList<Ptr<Instance>> children;
        QSet<const Instance *> seen;
        for (int i = 0; i < raw.size(); ++i) {
            InstanceAccess::setIncluded(*raw.at(i), a.name, links.at(i).items, links.at(i).through);
            for (const auto &c : links.at(i).items)
                if (!seen.contains(c.data())) {
                    seen.insert(c.data());
                    children.append(c);
                }
        }
        if (!node.include.isEmpty())
            load(d, *d.find(a.target), children, node.include);
    }
}

} // namespace orm::detail
