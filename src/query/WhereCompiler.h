// Compiles an orm::Where tree into SQL text with positional bindings. Values are always
// bound and encoded by the dialect for the field's type; identifiers always quoted.
#pragma once

#include <orm/ModelMeta.h>
#include <orm/Where.h>
#include <QVariantList>

namespace orm::detail {

class Dialect;

class WhereCompiler
{
public:
    // qualifier: "t0." style prefix for columns, or empty.
    WhereCompiler(const ModelMeta &model, const Dialect &dialect, QString qualifier = {});

    // Appends the clause (without WHERE) to sql and its values to bindings; an empty
    // where appends nothing and returns false.
    bool compile(const Where &where, QString &sql, QVariantList &bindings) const;
    // The field of an attribute name; QueryError naming the model when it has none.
    const FieldMeta &field(const QString &attribute, const char *where) const;
    QString column(const FieldMeta &f) const;

private:
    void node(const Where &w, QString &sql, QVariantList &b) const;
    void condition(const FieldMeta &f, const Condition &c, QString &sql, QVariantList &b) const;

    const ModelMeta &m_model;
    const Dialect &m_dialect;
    QString m_qualifier;
};

bool isList(const QVariant &v);

} // namespace orm::detail
