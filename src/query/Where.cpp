#include <orm/Where.h>

namespace orm {

Term::Term(const QVariant &v)
    : m_condition(Condition::Eq, v)
{
}

Where::Where(std::initializer_list<std::pair<QString, Term>> fields)
{
    if (fields.size() == 1) {
        m_kind = Field;
        m_field = fields.begin()->first;
        m_condition = fields.begin()->second.condition();
        return;
    }
    if (fields.size() == 0)
        return;
    m_kind = And;
    for (const auto &f : fields)
        m_children.append(Where(f.first, f.second));
}

Where::Where(const QString &field, Term term)
    : m_kind(Field), m_field(field), m_condition(term.condition())
{
}

Where Where::allOf(QList<Where> parts)
{
    Where w;
    w.m_kind = And;
    w.m_children = std::move(parts);
    return w;
}

Where Where::anyOf(QList<Where> parts)
{
    Where w;
    w.m_kind = Or;
    w.m_children = std::move(parts);
    return w;
}

Where Where::negate(Where part)
{
    Where w;
    w.m_kind = Not;
    w.m_children = {std::move(part)};
    return w;
}

} // namespace orm
