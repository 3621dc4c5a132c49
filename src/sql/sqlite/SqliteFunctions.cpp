// SQL functions Quarry adds to each SQLite connection. SQLite's own LOWER() folds ASCII
// only; quarry_lower() folds with Qt's Unicode tables, so iLike is case-insensitive for
// every script, as on PostgreSQL (ILIKE) and MariaDB.
#include "sql/sqlite/SqliteDialect.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <sqlite3.h>

namespace orm::detail {

namespace {
void quarryLower(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
    const QByteArray lower = QString::fromUtf8(text, sqlite3_value_bytes(argv[0])).toLower().toUtf8();
    sqlite3_result_text(ctx, lower.constData(), int(lower.size()), SQLITE_TRANSIENT);
}
} // namespace

bool SqliteDialect::registerFunctions(QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return false;
    sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.data());
    if (!raw)
        return false;
    return sqlite3_create_function_v2(raw, "quarry_lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                      &quarryLower, nullptr, nullptr, nullptr)
           == SQLITE_OK;
}

QString SqliteDialect::caseInsensitiveLike(const QString &lhs, bool negate) const
{
    return QStringLiteral("quarry_lower(%1) %2LIKE quarry_lower(?)").arg(lhs, negate ? QStringLiteral("NOT ") : QString());
}

} // namespace orm::detail
