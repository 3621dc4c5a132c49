// A where clause as a tree: fields with conditions, combined with and/or/not to any depth.
//
//   Where{{"email", "john@example.com"}}            email = ?
//   Where{{"deletedAt", QVariant()}}                deleted_at IS NULL
//   Where{{"id", QVariantList{1, 2, 3}}}            id IN (?, ?, ?)
//   Where{{"age", Op::gte(18)}, {"name", Op::like("J%")}}  both (AND)
//   Where{{"a", 5}} || Where{{"b", 6}}              OR;  !w is NOT
#pragma once

#include <orm/Op.h>
#include <QString>
#include <initializer_list>
#include <type_traits>

namespace orm {

// The right-hand side of one field: a plain value (equality, IS NULL or IN) or a Condition.
class QUARRY_EXPORT Term
{
public:
    Term(Condition c) : m_condition(std::move(c)) {}
    Term(const QVariant &v);
    Term(const char *s) : Term(QVariant(QString::fromUtf8(s))) {}
    template <class V>
        requires(!std::is_same_v<std::decay_t<V>, QVariant> && !std::is_same_v<std::decay_t<V>, Condition>
                 && !std::is_convertible_v<V, const char *> && std::is_constructible_v<QVariant, V>)
    Term(V &&v) : Term(QVariant(std::forward<V>(v))) {}

    const Condition &condition() const { return m_condition; }

private:
    Condition m_condition{Condition::Eq};
};

class QUARRY_EXPORT Where
{
public:
    enum Kind { Empty, Field, And, Or, Not };

    Where() = default;
    // Each pair is one field; the pairs are ANDed together.
    Where(std::initializer_list<std::pair<QString, Term>> fields);
    Where(const QString &field, Term term);

    static Where allOf(QList<Where> parts);
    static Where anyOf(QList<Where> parts);
    static Where negate(Where part);

    bool isEmpty() const { return m_kind == Empty; }
    Kind kind() const { return m_kind; }
    const QString &field() const { return m_field; }
    const Condition &condition() const { return m_condition; }
    const QList<Where> &children() const { return m_children; }

    friend Where operator&&(Where a, Where b) { return allOf({std::move(a), std::move(b)}); }
    friend Where operator||(Where a, Where b) { return anyOf({std::move(a), std::move(b)}); }
    friend Where operator!(Where a) { return negate(std::move(a)); }

private:
    Kind m_kind = Empty;
    QString m_field;
    Condition m_condition{Condition::Eq};
    QList<Where> m_children;
};

} // namespace orm

namespace orm::Op {
// Sequelize's [Op.or] / [Op.and] / [Op.not] at the level of whole clauses.
inline Where or_(QList<Where> parts) { return Where::anyOf(std::move(parts)); }
inline Where and_(QList<Where> parts) { return Where::allOf(std::move(parts)); }
inline Where not_(Where part) { return Where::negate(std::move(part)); }
} // namespace orm::Op
