#include "exec/BoundValues.h"

#include <QSqlResult>

namespace orm::detail {

namespace {
// QSqlResult::boundValues() is protected; naming it through a derived class gives a
// pointer to QSqlResult's own member, callable on any result (no cast to a type the
// object is not).
struct ResultAccess : QSqlResult
{
    using QSqlResult::BindingSyntax;
    using QSqlResult::PositionalBinding;
    using QSqlResult::bindingSyntax;
    using QSqlResult::boundValues;
};
using BoundValuesFn = QVariantList &(QSqlResult::*)() const;
using BindingSyntaxFn = ResultAccess::BindingSyntax (QSqlResult::*)() const;
} // namespace

void bindPositional(QSqlQuery &q, const QVariantList &values)
{
    const QSqlResult *result = q.result();
    constexpr BindingSyntaxFn bindingSyntax = &ResultAccess::bindingSyntax;
    if (result && (result->*bindingSyntax)() == ResultAccess::PositionalBinding && !values.isEmpty()) {
        constexpr BoundValuesFn boundValues = &ResultAccess::boundValues;
        QVariantList &bound = (result->*boundValues)();
        if (bound.size() == values.size()) {
            bound = values;
            return;
        }
    }
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values.at(i));
}

} // namespace orm::detail
