#include "query/Statements.h"
#include "sql/Dialect.h"

namespace orm::detail {

namespace {
// Dialect::quote, appended in place: one statement, one allocation (every create() and
// bulkCreate chunk builds its INSERT here).
void appendQuoted(QString &s, const QString &identifier, QChar q)
{
    s += q;
    if (!identifier.contains(q)) {
        s += identifier;
    } else {
        for (QChar c : identifier) {
            if (c == q)
                s += q; // doubled quote: the identifier cannot break out
            s += c;
        }
    }
    s += q;
}
} // namespace

Sql insertSql(const Dialect &d, const ModelMeta &m, const InsertSpec &spec)
{
    Sql out;
    QString &s = out.text;
    const QChar q = d.quoteChar();
    const bool upsert = !spec.updateOnDuplicate.isEmpty();
    const qsizetype nf = spec.fields.size();
    qsizetype size = 48 + m.tableName.size() + spec.rows * (nf * 3 + 2);
    for (int f : spec.fields)
        size += m.fields.at(f).column.size() + 4;
    for (int f : spec.returning)
        size += m.fields.at(f).column.size() + 4;
    s.reserve(size);
    s += spec.ignoreDuplicates ? d.insertIgnorePrefix() : QStringLiteral("INSERT INTO ");
    appendQuoted(s, m.tableName, q);
    if (spec.fields.isEmpty()) {
        s += q == QLatin1Char('`') ? QStringLiteral(" () VALUES ()") : QStringLiteral(" DEFAULT VALUES");
    } else {
        s += QLatin1String(" (");
        for (qsizetype i = 0; i < nf; ++i) {
            if (i)
                s += QLatin1String(", ");
            appendQuoted(s, m.fields.at(spec.fields.at(i)).column, q);
        }
        s += QLatin1String(") VALUES ");
        for (int r = 0; r < spec.rows; ++r) {
            s += r ? QLatin1String(", (?") : QLatin1String("(?");
            for (qsizetype i = 1; i < nf; ++i)
                s += QLatin1String(", ?");
            s += QLatin1Char(')');
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
        s += QLatin1String(" RETURNING ");
        for (qsizetype i = 0; i < spec.returning.size(); ++i) {
            if (i)
                s += QLatin1String(", ");
            appendQuoted(s, m.fields.at(spec.returning.at(i)).column, q);
        }
    }
    out.bindings = spec.values;
    return out;
}

} // namespace orm::detail
