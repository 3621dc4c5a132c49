#include "query/Statements.h"
#include "query/WhereCompiler.h"
#include "sql/Dialect.h"

namespace orm::detail {

Sql deleteSql(const Dialect &d, const ModelMeta &m, const Where &where)
{
    Sql out;
    out.text = QStringLiteral("DELETE FROM ") + d.quote(m.tableName);
    const WhereCompiler wc(m, d);
    QString clause;
    if (wc.compile(where, clause, out.bindings))
        out.text += QStringLiteral(" WHERE ") + clause;
    return out;
}

} // namespace orm::detail
