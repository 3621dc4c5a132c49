// Where operators, as Sequelize's Op: orm::Op::gte(18), orm::Op::in({1, 2}), Op::like("J%").
// A Condition is what stands on the right of a field in a where clause.
#pragma once

#include <orm/Global.h>
#include <QVariant>

namespace orm {

class QUARRY_EXPORT Condition
{
public:
    enum Kind {
        Eq, Ne, Gt, Gte, Lt, Lte,
        In, NotIn,
        Like, NotLike, ILike, NotILike,
        StartsWith, EndsWith, Substring,
        Between, NotBetween,
        IsNull, NotNull,
        AllOf, AnyOf, Not // combinations of conditions on the same field
    };

    Condition(Kind kind, QVariant value = {}, QList<Condition> children = {})
        : m_kind(kind), m_value(std::move(value)), m_children(std::move(children)) {}

    Kind kind() const { return m_kind; }
    const QVariant &value() const { return m_value; }
    const QList<Condition> &children() const { return m_children; }

private:
    Kind m_kind;
    QVariant m_value;
    QList<Condition> m_children;
};

namespace Op {
inline Condition eq(const QVariant &v) { return {Condition::Eq, v}; }
inline Condition ne(const QVariant &v) { return {Condition::Ne, v}; }
inline Condition gt(const QVariant &v) { return {Condition::Gt, v}; }
inline Condition gte(const QVariant &v) { return {Condition::Gte, v}; }
inline Condition lt(const QVariant &v) { return {Condition::Lt, v}; }
inline Condition lte(const QVariant &v) { return {Condition::Lte, v}; }
inline Condition in(const QVariantList &v) { return {Condition::In, v}; }
inline Condition notIn(const QVariantList &v) { return {Condition::NotIn, v}; }
inline Condition like(const QString &p) { return {Condition::Like, p}; }
inline Condition notLike(const QString &p) { return {Condition::NotLike, p}; }
inline Condition iLike(const QString &p) { return {Condition::ILike, p}; }
inline Condition notILike(const QString &p) { return {Condition::NotILike, p}; }
// startsWith/endsWith/substring escape LIKE wildcards in the value: they match it literally.
inline Condition startsWith(const QString &s) { return {Condition::StartsWith, s}; }
inline Condition endsWith(const QString &s) { return {Condition::EndsWith, s}; }
inline Condition substring(const QString &s) { return {Condition::Substring, s}; }
inline Condition between(const QVariant &lo, const QVariant &hi) { return {Condition::Between, QVariantList{lo, hi}}; }
inline Condition notBetween(const QVariant &lo, const QVariant &hi) { return {Condition::NotBetween, QVariantList{lo, hi}}; }
inline Condition isNull() { return {Condition::IsNull}; }
inline Condition notNull() { return {Condition::NotNull}; }
inline Condition allOf(QList<Condition> c) { return {Condition::AllOf, {}, std::move(c)}; }
inline Condition anyOf(QList<Condition> c) { return {Condition::AnyOf, {}, std::move(c)}; }
inline Condition negate(Condition c) { return {Condition::Not, {}, {std::move(c)}}; }
} // namespace Op

} // namespace orm
