// Export macro and the small shared vocabulary of the public API.
#pragma once

#include <QtCore/qglobal.h>
#include <QSharedPointer>
#include <QList>

#if defined(QUARRY_BUILD_ORM)
#  define QUARRY_EXPORT Q_DECL_EXPORT
#else
#  define QUARRY_EXPORT Q_DECL_IMPORT
#endif

namespace orm {

// Instances are shared: a row included by many parents is one object (the identity
// contract of eager loading), so ownership is reference-counted, never raw.
template <class T> using Ptr = QSharedPointer<T>;

enum SortOrder { Asc, Desc };

// Where NULLs go in an ORDER BY. NullsDefault leaves it to the database, and databases
// disagree: SQLite and MariaDB sort NULL as the smallest value, PostgreSQL as the largest.
// NullsFirst and NullsLast give the same order everywhere (Sequelize's 'ASC NULLS FIRST').
enum NullsOrder { NullsDefault, NullsFirst, NullsLast };

} // namespace orm
