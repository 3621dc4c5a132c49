// Binding a prepared statement's positional values without QSqlResult::bindValue's
// per-value cost.
#pragma once

#include <QSqlQuery>
#include <QVariantList>

namespace orm::detail {

// Binds values to the ?-placeholders of q, in order. QSqlResult::bindValue(int) formats a
// placeholder name (":%1".arg(i)) and looks it up in a hash for every value: about 2,000
// instructions each, more than SQLite's own bind and step of a small INSERT together.
// Once a statement has been bound that way, every driver (QSQLITE, QPSQL, QMARIADB) reads
// only QSqlResult's value list when it executes, so a statement executed again with the
// same number of values gets the list itself (implicitly shared: no copy). The first
// binding, or any other count, goes through bindValue.
void bindPositional(QSqlQuery &q, const QVariantList &values);

} // namespace orm::detail
