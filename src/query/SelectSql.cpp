#include "query/Statements.h"
#include "query/WhereCompiler.h"
#include "sql/Dialect.h"

#include <orm/Errors.h>

namespace orm::detail {

Where withParanoia(const ModelMeta &model, const Where &where, bool paranoid)
{
    if (!paranoid || !model.isParanoid())
        return where;
    Where alive(model.fields.at(model.deletedAt).name, Op::isNull());
    return where.isEmpty() ? alive : Where::allOf({where, alive});
}

QList<int> selectedFields(const ModelMeta &model, const Attributes &attributes)
{
    QList<int> out;
    auto lookup = [&](const QString &name) {
        const int i = model.indexOf(name);
        if (i < 0)
            throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in attributes); its attributes are %3")
                                 .arg(model.name, name, model.attributeNames().join(QStringLiteral(", "))));
        return i;
    };
    if (attributes.include.isEmpty()) {
        for (int i = 0; i < model.fields.size(); ++i)
            out.append(i);
    } else {
        for (const QString &name : attributes.include)
            out.append(lookup(name));
    }
    for (const QString &name : attributes.exclude)
        out.removeAll(lookup(name));
    return out;
}

namespace {
QString whereClause(const WhereCompiler &wc, const Where &where, QVariantList &bindings,
                    const QString &extra = {}, const QVariantList &extraBindings = {})
{
    QString sql;
    const bool any = wc.compile(where, sql, bindings);
    bindings += extraBindings;
    if (any)
        return QStringLiteral(" WHERE ") + sql + extra;
    if (!extra.isEmpty())
        return QStringLiteral(" WHERE 1 = 1") + extra;
    return {};
}
} // namespace

Sql selectSql(const Dialect &d, const ModelMeta &m, const SelectSpec &spec)
{
    Sql out;
    QString &s = out.text;
    s = QStringLiteral("SELECT ");
    for (int i = 0; i < spec.fields.size(); ++i) {
        if (i)
            s += QStringLiteral(", ");
        s += spec.qualifier + d.quote(m.fields.at(spec.fields.at(i)).column);
    }
    s += QStringLiteral(" FROM ") + d.quote(m.tableName);
    if (!spec.qualifier.isEmpty())
        s += QLatin1Char(' ') + spec.qualifier.chopped(1);
    const WhereCompiler wc(m, d, spec.qualifier);
    s += whereClause(wc, spec.where, out.bindings, spec.extraCondition, spec.extraBindings);
    if (!spec.group.isEmpty()) {
        s += QStringLiteral(" GROUP BY ");
        for (int i = 0; i < spec.group.size(); ++i) {
            if (i)
                s += QStringLiteral(", ");
            s += wc.column(m.fields.at(spec.group.at(i)));
        }
    }
    if (!spec.order.isEmpty()) {
        s += QStringLiteral(" ORDER BY ");
        for (int i = 0; i < spec.order.size(); ++i) {
            if (i)
                s += QStringLiteral(", ");
            const OrderBy &o = spec.order.at(i);
            s += d.orderTerm(wc.column(wc.field(o.field, "order")), o.direction, o.nulls);
        }
    }
    s += d.limitOffset(spec.limit, spec.offset);
    return out;
}

Sql aggregateSql(const Dialect &d, const ModelMeta &m, const QString &fn, const QString &attribute, const Where &where,
                 bool distinct, const QString &extraCondition, const QVariantList &extraBindings)
{
    Sql out;
    const WhereCompiler wc(m, d);
    QString arg = QStringLiteral("*");
    if (!attribute.isEmpty())
        arg = (distinct ? QStringLiteral("DISTINCT ") : QString()) + wc.column(wc.field(attribute, fn.toLatin1().constData()));
    out.text = QStringLiteral("SELECT %1(%2) FROM %3").arg(fn, arg, d.quote(m.tableName));
    out.text += whereClause(wc, where, out.bindings, extraCondition, extraBindings);
    return out;
}

Sql groupCountSql(const Dialect &d, const ModelMeta &m, const QStringList &group, const Where &where)
{
    Sql out;
    const WhereCompiler wc(m, d);
    QStringList cols;
    for (const QString &g : group)
        cols.append(wc.column(wc.field(g, "group")));
    const QString list = cols.join(QStringLiteral(", "));
    out.text = QStringLiteral("SELECT %1, COUNT(*) FROM %2").arg(list, d.quote(m.tableName));
    out.text += whereClause(wc, where, out.bindings);
    out.text += QStringLiteral(" GROUP BY ") + list + QStringLiteral(" ORDER BY ") + list;
    return out;
}

Where primaryKeyWhere(const ModelMeta &m, const QVariantList &keyValues)
{
    if (m.primaryKey.size() == 1)
        return Where(m.fields.at(m.primaryKey.first()).name, Op::eq(keyValues.value(0)));
    QList<Where> parts;
    for (int i = 0; i < m.primaryKey.size(); ++i)
        parts.append(Where(m.fields.at(m.primaryKey.at(i)).name, Op::eq(keyValues.value(i))));
    return Where::allOf(parts);
}

} // namespace orm::detail
