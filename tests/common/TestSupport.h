// Shared by every test: the dialect rows of data-driven tests, a fresh database per
// test row on SQLite, PostgreSQL and MariaDB, and raw SQL helpers that bypass the ORM.
//
// Which dialects run: QUARRY_TEST_DIALECTS (default "sqlite,postgres,mariadb"). A dialect
// that is listed but has no server URL (QUARRY_TEST_PG_URL, QUARRY_TEST_MYSQL_URL) fails
// the test: a missing server is never a silent skip. scripts/test.sh starts the servers.
#pragma once

#include <orm/Orm.h>
#include <QSqlQuery>
#include <QTest>

namespace quarry::test {

QStringList enabledDialects();
// QTest::addColumn<QString>("dialect") and one row per enabled dialect.
void addDialectColumn();
// A new, empty database for the current test row's dialect; QFAIL-style failure through
// an exception when its server is not reachable.
orm::Database openDatabase(const QString &dialect);
QString urlFor(const QString &dialect);

// Raw SQL straight on the QSqlDatabase. Write identifiers in "double quotes"; they are
// turned into `backquotes` on MariaDB.
QString dialectSql(const orm::Database &db, QString sql);
QList<QVariantList> rawRows(const orm::Database &db, const QString &sql, const QVariantList &bindings = {});
QVariant rawValue(const orm::Database &db, const QString &sql, const QVariantList &bindings = {});
qint64 rawCount(const orm::Database &db, const QString &table, const QString &where = {});
void rawExec(const orm::Database &db, const QString &sql, const QVariantList &bindings = {});
QStringList columnNames(const orm::Database &db, const QString &table);

// Counts the statements run while alive, through the SQL listener.
class StatementCounter
{
public:
    explicit StatementCounter(const orm::Database &db);
    ~StatementCounter();
    int count() const { return m_statements.size(); }
    const QStringList &statements() const { return m_statements; }

private:
    orm::Database m_db;
    int m_id;
    QStringList m_statements;
};

} // namespace quarry::test

// Runs the body of a data-driven test: fetches the dialect and opens the database.
#define QUARRY_OPEN_DB()                                                                                               \
    QFETCH(QString, dialect);                                                                                          \
    orm::Database db;                                                                                                  \
    try {                                                                                                              \
        db = quarry::test::openDatabase(dialect);                                                                      \
    } catch (const std::exception &e) {                                                                                \
        QFAIL(qPrintable(QStringLiteral("cannot open %1: %2").arg(dialect, QString::fromUtf8(e.what()))));            \
    }

// QVERIFY_THROWS_EXCEPTION exists from Qt 6.3; this one also prints the message.
#define QUARRY_EXPECT_THROW(ExceptionType, expr)                                                                       \
    do {                                                                                                               \
        bool quarryThrown = false;                                                                                     \
        try {                                                                                                          \
            expr;                                                                                                      \
        } catch (const ExceptionType &) {                                                                              \
            quarryThrown = true;                                                                                       \
        } catch (const std::exception &e) {                                                                            \
            QFAIL(qPrintable(QStringLiteral("expected " #ExceptionType ", got: %1").arg(QString::fromUtf8(e.what())))); \
        }                                                                                                              \
        if (!quarryThrown)                                                                                             \
            QFAIL("expected " #ExceptionType " from " #expr);                                                         \
    } while (false)
