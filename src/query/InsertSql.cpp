#include "query/Statements.h"
#include "sql/Dialect.h"

namespace orm::detail {

Sql insertSql(const Dialect &d, const ModelMeta &m, const InsertSpec &spec)
{
    Sql out;
    QString &s = out.text;
    const bool upsert = !spec.updateOnDuplicate.isEmpty();
    s = spec.ignoreDuplicates ? d.insertIgnorePrefix() : QStringLiteral("INSERT INTO ");
    s += d.quote(m.tableName);
    if (spec.fields.isEmpty()) {
        s += d.quoteChar() == QLatin1Char('`') ? QStringLiteral(" () VALUES ()") : QStringLiteral(" DEFAULT VALUES");
    } else {
        s += QStringLiteral(" (");
        for (int i = 0; i < spec.fields.size(); ++i) {
            if (i)
                s += QStringLiteral(", ");
            s += d.quote(m.fields.at(spec.fields.at(i)).column);
        }
        s += QStringLiteral(") VALUES ");
        QString row = QStringLiteral("(");
        for (int i = 0; i < spec.fields.size(); ++i)
            row += i ? QStringLiteral(", ?") : QStringLiteral("?");
        row += QLatin1Char(')');
        s.reserve(s.size() + spec.rows * (row.size() + 2));
        for (int r = 0; r < spec.rows; ++r) {
            if (r)
                s += QStringLiteral(", ");
            s += row;
        }
    }
    if (spec.ignoreDuplicates || upsert) {
        QStringList conflict, update;
        for (int f : spec.conflictFields)
            conflict.append(m.fields.at(f).column);
        for (int f : spec.updateOnDuplicate)
            update.append(m.fields.at(f).column);
        s += d.upsertClause(conflict, update, spec.ignoreDuplicates);
    }
    if (!spec.returning.isEmpty() && d.supportsReturning()) {
        s += QStringLiteral(" RETURNING ");
        for (int i = 0; i < spec.returning.size(); ++i) {
            if (i)
                s += QStringLiteral(", ");
            s += d.quote(m.fields.at(spec.returning.at(i)).column);
        }
    }
    out.bindings = spec.values;
    return out;
}

} // namespace orm::detail
