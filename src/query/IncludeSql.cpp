#include "query/IncludeSql.h"

#include "exec/DatabasePrivate.h"
#include "query/Statements.h"
#include "query/WhereCompiler.h"

#include <orm/Errors.h>

namespace orm::detail {

const AssociationMeta &resolveInclude(const ModelMeta &parent, const QString &name)
{
    if (const AssociationMeta *a = parent.association(name))
        return *a;
    const AssociationMeta *found = nullptr;
    int matches = 0;
    for (const AssociationMeta &a : parent.associations)
        if (a.target == name) {
            found = &a;
            ++matches;
        }
    if (matches == 1)
        return *found;
    QStringList names;
    for (const AssociationMeta &a : parent.associations)
        names.append(a.name);
    if (matches > 1)
        throw QueryError(QStringLiteral("%1 has several associations to %2 (%3): include one by its name")
                             .arg(parent.name, name, names.join(QStringLiteral(", "))));
    throw QueryError(QStringLiteral("%1 has no association '%2'; its associations are: %3")
                         .arg(parent.name, name, names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "))));
}

void appendRequiredIncludes(DatabasePrivate &d, const ModelMeta &parent, const QString &parentRef,
                            const QList<Include> &includes, QString &sql, QVariantList &bindings, int &aliasCounter)
{
    const Dialect &q = *d.dialect;
    for (const Include &inc : includes) {
        if (!inc.isRequired())
            continue;
        const AssociationMeta &a = resolveInclude(parent, inc.association);
        const ModelMeta *target = d.find(a.target);
        const QString e = QStringLiteral("e%1").arg(++aliasCounter);
        auto col = [&](const ModelMeta &m, const QString &ref, const QString &attr) {
            return ref + QLatin1Char('.') + q.quote(m.field(attr)->column);
        };
        QString sub;
        switch (a.kind) {
        case AssociationKind::HasOne:
        case AssociationKind::HasMany:
            sub = QStringLiteral("SELECT 1 FROM %1 %2 WHERE %3 = %4")
                      .arg(q.quote(target->tableName), e, col(*target, e, a.foreignKey), col(parent, parentRef, a.sourceKey));
            break;
        case AssociationKind::BelongsTo:
            sub = QStringLiteral("SELECT 1 FROM %1 %2 WHERE %3 = %4")
                      .arg(q.quote(target->tableName), e, col(*target, e, a.targetKey), col(parent, parentRef, a.foreignKey));
            break;
        case AssociationKind::BelongsToMany: {
            const ModelMeta *j = d.find(a.through);
            const QString jr = QStringLiteral("j%1").arg(aliasCounter);
            sub = QStringLiteral("SELECT 1 FROM %1 %2 JOIN %3 %4 ON %5 = %6 WHERE %7 = %8")
                      .arg(q.quote(j->tableName), jr, q.quote(target->tableName), e, col(*target, e, a.targetKey),
                           col(*j, jr, a.otherKey), col(*j, jr, a.foreignKey), col(parent, parentRef, a.sourceKey));
            break;
        }
        }
        const Where where = withParanoia(*target, inc.where, inc.paranoid);
        QString clause;
        if (WhereCompiler(*target, q, e + QLatin1Char('.')).compile(where, clause, bindings))
            sub += QStringLiteral(" AND ") + clause;
        appendRequiredIncludes(d, *target, e, inc.include, sub, bindings, aliasCounter);
        sql += QStringLiteral(" AND EXISTS (") + sub + QLatin1Char(')');
    }
}

} // namespace orm::detail
