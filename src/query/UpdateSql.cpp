#include "query/Statements.h"
#include "query/WhereCompiler.h"
#include "sql/Dialect.h"

namespace orm::detail {

Sql updateSql(const Dialect &d, const ModelMeta &m, const QList<SetClause> &sets, const Where &where)
{
    Sql out;
    QString &s = out.text;
    s = QStringLiteral("UPDATE ") + d.quote(m.tableName) + QStringLiteral(" SET ");
    for (int i = 0; i < sets.size(); ++i) {
        const QString col = d.quote(m.fields.at(sets.at(i).field).column);
        if (i)
            s += QStringLiteral(", ");
        s += sets.at(i).increment ? QStringLiteral("%1 = %1 + ?").arg(col) : col + QStringLiteral(" = ?");
        out.bindings.append(sets.at(i).value);
    }
    const WhereCompiler wc(m, d);
    QString clause;
    if (wc.compile(where, clause, out.bindings))
        s += QStringLiteral(" WHERE ") + clause;
    return out;
}

} // namespace orm::detail
