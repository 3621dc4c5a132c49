#include "query/WhereCompiler.h"

#include "sql/Dialect.h"

#include <orm/Errors.h>

namespace orm::detail {

bool isList(const QVariant &v)
{
    const int id = v.metaType().id();
    return id == QMetaType::QVariantList || id == QMetaType::QStringList;
}

namespace {
// LIKE patterns built from plain text escape the wildcards with '!', the same on every dialect.
QString escapeLike(const QString &s)
{
    QString out;
    out.reserve(s.size() + 4);
    for (QChar c : s) {
        if (c == QLatin1Char('!') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            out += QLatin1Char('!');
        out += c;
    }
    return out;
}
} // namespace

WhereCompiler::WhereCompiler(const ModelMeta &model, const Dialect &dialect, QString qualifier)
    : m_model(model), m_dialect(dialect), m_qualifier(std::move(qualifier))
{
}

const FieldMeta &WhereCompiler::field(const QString &attribute, const char *where) const
{
    const int i = m_model.indexOf(attribute);
    if (i < 0)
        throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in %3); its attributes are %4")
                             .arg(m_model.name, attribute, QString::fromLatin1(where),
                                  m_model.attributeNames().join(QStringLiteral(", "))));
    return m_model.fields.at(i);
}

QString WhereCompiler::column(const FieldMeta &f) const
{
    return m_qualifier + m_dialect.quote(f.column);
}

bool WhereCompiler::compile(const Where &where, QString &sql, QVariantList &bindings) const
{
    if (where.isEmpty())
        return false;
    node(where, sql, bindings);
    return true;
}

void WhereCompiler::node(const Where &w, QString &sql, QVariantList &b) const
{
    switch (w.kind()) {
    case Where::Empty:
        sql += QStringLiteral("1 = 1");
        return;
    case Where::Field:
        condition(field(w.field(), "where"), w.condition(), sql, b);
        return;
    case Where::Not:
        sql += QStringLiteral("NOT (");
        node(w.children().value(0), sql, b);
        sql += QLatin1Char(')');
        return;
    case Where::And:
    case Where::Or: {
        QList<const Where *> parts;
        for (const Where &c : w.children())
            if (!c.isEmpty())
                parts.append(&c);
        if (parts.isEmpty()) {
            sql += w.kind() == Where::And ? QStringLiteral("1 = 1") : QStringLiteral("1 = 0");
            return;
        }
        sql += QLatin1Char('(');
        for (int i = 0; i < parts.size(); ++i) {
            if (i)
                sql += w.kind() == Where::And ? QStringLiteral(" AND ") : QStringLiteral(" OR ");
            node(*parts.at(i), sql, b);
        }
        sql += QLatin1Char(')');
        return;
    }
    }
}

void WhereCompiler::condition(const FieldMeta &f, const Condition &c, QString &sql, QVariantList &b) const
{
    const QString col = column(f);
    const QVariant &v = c.value();
    auto bind = [&](const QVariant &value) { b.append(m_dialect.toDb(f, value)); };
    auto binary = [&](const char *op) {
        sql += col + QLatin1Char(' ') + QLatin1String(op) + QStringLiteral(" ?");
        bind(v);
    };
    auto inList = [&](bool negate) {
        const QVariantList list = isList(v) ? v.toList() : QVariantList{v};
        if (list.isEmpty()) {
            sql += negate ? QStringLiteral("1 = 1") : QStringLiteral("1 = 0"); // IN () matches nothing
            return;
        }
        sql += col + (negate ? QStringLiteral(" NOT IN (") : QStringLiteral(" IN ("));
        for (int i = 0; i < list.size(); ++i) {
            sql += i ? QStringLiteral(", ?") : QStringLiteral("?");
            bind(list.at(i));
        }
        sql += QLatin1Char(')');
    };
    // A caller's pattern: '\\' escapes the next character on every dialect. That is the
    // default of PostgreSQL and MariaDB; SQLite has no escape character unless told.
    auto backslashEscape = [&] {
        sql += QStringLiteral(" ESCAPE ?");
        b.append(QStringLiteral("\\"));
    };
    auto like = [&](const QString &pattern, bool negate, bool escaped) {
        sql += col + (negate ? QStringLiteral(" NOT LIKE ?") : QStringLiteral(" LIKE ?"));
        b.append(pattern);
        if (escaped)
            sql += QStringLiteral(" ESCAPE '!'");
        else
            backslashEscape();
    };
    switch (c.kind()) {
    case Condition::Eq:
        if (isNullValue(v))
            sql += col + QStringLiteral(" IS NULL");
        else if (isList(v))
            inList(false);
        else
            binary("=");
        return;
    case Condition::Ne:
        if (isNullValue(v))
            sql += col + QStringLiteral(" IS NOT NULL");
        else if (isList(v))
            inList(true);
        else
            binary("<>");
        return;
    case Condition::Gt: binary(">"); return;
    case Condition::Gte: binary(">="); return;
    case Condition::Lt: binary("<"); return;
    case Condition::Lte: binary("<="); return;
    case Condition::In: inList(false); return;
    case Condition::NotIn: inList(true); return;
    case Condition::Like: like(v.toString(), false, false); return;
    case Condition::NotLike: like(v.toString(), true, false); return;
    case Condition::ILike:
    case Condition::NotILike:
        sql += m_dialect.caseInsensitiveLike(col, c.kind() == Condition::NotILike);
        b.append(v.toString());
        backslashEscape();
        return;
    case Condition::StartsWith: like(escapeLike(v.toString()) + QLatin1Char('%'), false, true); return;
    case Condition::EndsWith: like(QLatin1Char('%') + escapeLike(v.toString()), false, true); return;
    case Condition::Substring:
        like(QLatin1Char('%') + escapeLike(v.toString()) + QLatin1Char('%'), false, true);
        return;
    case Condition::Between:
    case Condition::NotBetween: {
        const QVariantList range = v.toList();
        if (range.size() != 2)
            throw QueryError(QStringLiteral("%1.%2: between needs two values").arg(m_model.name, f.name));
        sql += col + (c.kind() == Condition::Between ? QStringLiteral(" BETWEEN ? AND ?") : QStringLiteral(" NOT BETWEEN ? AND ?"));
        bind(range.at(0));
        bind(range.at(1));
        return;
    }
    case Condition::IsNull: sql += col + QStringLiteral(" IS NULL"); return;
    case Condition::NotNull: sql += col + QStringLiteral(" IS NOT NULL"); return;
    case Condition::AllOf:
    case Condition::AnyOf: {
        if (c.children().isEmpty()) {
            sql += c.kind() == Condition::AllOf ? QStringLiteral("1 = 1") : QStringLiteral("1 = 0");
            return;
        }
        sql += QLatin1Char('(');
        for (int i = 0; i < c.children().size(); ++i) {
            if (i)
                sql += c.kind() == Condition::AllOf ? QStringLiteral(" AND ") : QStringLiteral(" OR ");
            condition(f, c.children().at(i), sql, b);
        }
        sql += QLatin1Char(')');
        return;
    }
    case Condition::Not:
        sql += QStringLiteral("NOT (");
        condition(f, c.children().value(0, Condition(Condition::IsNull)), sql, b);
        sql += QLatin1Char(')');
        return;
    }
}

} // namespace orm::detail
