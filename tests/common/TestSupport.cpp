#include "TestSupport.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QUrl>

namespace quarry::test {

QStringList enabledDialects()
{
    const QString env = qEnvironmentVariable("QUARRY_TEST_DIALECTS", QStringLiteral("sqlite,postgres,mariadb"));
    QStringList out;
    for (QString d : env.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        d = d.trimmed().toLower();
        if (d == QLatin1String("pg") || d == QLatin1String("postgresql"))
            d = QStringLiteral("postgres");
        if (d == QLatin1String("mysql"))
            d = QStringLiteral("mariadb");
        if (d == QLatin1String("all")) {
            out << QStringLiteral("sqlite") << QStringLiteral("postgres") << QStringLiteral("mariadb");
            continue;
        }
        if (!out.contains(d))
            out.append(d);
    }
    return out;
}

void addDialectColumn()
{
    QTest::addColumn<QString>("dialect");
    for (const QString &d : enabledDialects())
        QTest::newRow(qPrintable(d)) << d;
}

QString urlFor(const QString &dialect)
{
    if (dialect == QLatin1String("postgres"))
        return qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (dialect == QLatin1String("mariadb"))
        return qEnvironmentVariable("QUARRY_TEST_MYSQL_URL");
    return {};
}

namespace {

QString testDatabaseName()
{
    // One database per test executable: ctest runs executables in parallel.
    return QStringLiteral("quarry_") + QCoreApplication::applicationName().toLower().remove(QLatin1Char('-'));
}

// Recreates the per-executable database through an admin connection to the URL's database.
void recreateServerDatabase(const QString &dialect, const QUrl &url)
{
    const QString name = testDatabaseName();
    const QString connName = QStringLiteral("quarry_test_admin");
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(dialect == QLatin1String("postgres") ? QStringLiteral("QPSQL")
                                                                                              : QStringLiteral("QMARIADB"),
                                                       connName);
        admin.setHostName(url.host());
        admin.setPort(url.port());
        admin.setUserName(url.userName());
        admin.setPassword(url.password());
        admin.setDatabaseName(url.path().mid(1));
        if (!admin.open())
            throw std::runtime_error(("admin connection failed: " + admin.lastError().text()).toStdString());
        QSqlQuery q(admin);
        const QString quoted = dialect == QLatin1String("postgres") ? QLatin1Char('"') + name + QLatin1Char('"')
                                                                    : QLatin1Char('`') + name + QLatin1Char('`');
        if (dialect == QLatin1String("postgres")) {
            q.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1' AND pid <> pg_backend_pid()").arg(name));
            if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(quoted)))
                throw std::runtime_error(q.lastError().text().toStdString());
        } else if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(quoted))) {
            throw std::runtime_error(q.lastError().text().toStdString());
        }
        const QString create = dialect == QLatin1String("postgres")
                                   ? QStringLiteral("CREATE DATABASE %1").arg(quoted)
                                   : QStringLiteral("CREATE DATABASE %1 CHARACTER SET utf8mb4 COLLATE utf8mb4_bin").arg(quoted);
        if (!q.exec(create))
            throw std::runtime_error(q.lastError().text().toStdString());
        admin.close();
    }
    QSqlDatabase::removeDatabase(connName);
}

} // namespace

orm::Database openDatabase(const QString &dialect)
{
    if (dialect == QLatin1String("sqlite")) {
        static QTemporaryDir dir;
        static int counter = 0;
        const QString path = dir.filePath(QStringLiteral("test_%1.db").arg(++counter));
        return orm::Database::open(QStringLiteral("sqlite:") + path);
    }
    const QString url = urlFor(dialect);
    if (url.isEmpty())
        throw std::runtime_error(QStringLiteral("%1 is enabled but its server URL (%2) is not set: run the tests with "
                                                "scripts/test.sh, or set QUARRY_TEST_DIALECTS=sqlite")
                                     .arg(dialect, dialect == QLatin1String("postgres") ? QStringLiteral("QUARRY_TEST_PG_URL")
                                                                                         : QStringLiteral("QUARRY_TEST_MYSQL_URL"))
                                     .toStdString());
    QUrl u(url);
    recreateServerDatabase(dialect, u);
    u.setPath(QLatin1Char('/') + testDatabaseName());
    return orm::Database::open(u.toString());
}

QString dialectSql(const orm::Database &db, QString sql)
{
    if (db.dialectName() == QLatin1String("mariadb") || db.dialectName() == QLatin1String("mysql"))
        sql.replace(QLatin1Char('"'), QLatin1Char('`'));
    return sql;
}

QList<QVariantList> rawRows(const orm::Database &db, const QString &sql, const QVariantList &bindings)
{
    QSqlQuery q(db.connection());
    if (!q.prepare(dialectSql(db, sql)))
        throw std::runtime_error(("raw prepare failed: " + q.lastError().text() + " in " + sql).toStdString());
    for (int i = 0; i < bindings.size(); ++i)
        q.bindValue(i, bindings.at(i));
    if (!q.exec())
        throw std::runtime_error(("raw query failed: " + q.lastError().text() + " in " + sql).toStdString());
    QList<QVariantList> rows;
    while (q.next()) {
        QVariantList row;
        for (int i = 0; i < q.record().count(); ++i)
            row.append(q.value(i));
        rows.append(row);
    }
    return rows;
}

QVariant rawValue(const orm::Database &db, const QString &sql, const QVariantList &bindings)
{
    const auto rows = rawRows(db, sql, bindings);
    return rows.isEmpty() ? QVariant() : rows.first().value(0);
}

qint64 rawCount(const orm::Database &db, const QString &table, const QString &where)
{
    QString sql = QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(table);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    return rawValue(db, sql).toLongLong();
}

void rawExec(const orm::Database &db, const QString &sql, const QVariantList &bindings)
{
    QSqlQuery q(db.connection());
    if (!q.prepare(dialectSql(db, sql)))
        throw std::runtime_error(("raw prepare failed: " + q.lastError().text() + " in " + sql).toStdString());
    for (int i = 0; i < bindings.size(); ++i)
        q.bindValue(i, bindings.at(i));
    if (!q.exec())
        throw std::runtime_error(("raw exec failed: " + q.lastError().text() + " in " + sql).toStdString());
}

QStringList columnNames(const orm::Database &db, const QString &table)
{
    // Not QSqlDatabase::record(): the PostgreSQL driver folds the unquoted name to lower case.
    QSqlQuery q(db.connection());
    if (!q.exec(dialectSql(db, QStringLiteral("SELECT * FROM \"%1\" WHERE 1 = 0").arg(table))))
        throw std::runtime_error(("columnNames failed: " + q.lastError().text()).toStdString());
    const QSqlRecord rec = q.record();
    QStringList out;
    for (int i = 0; i < rec.count(); ++i)
        out.append(rec.fieldName(i));
    return out;
}

StatementCounter::StatementCounter(const orm::Database &db)
    : m_db(db)
{
    m_id = m_db.addListener([this](const orm::SqlEvent &e) { m_statements.append(e.sql); });
}

StatementCounter::~StatementCounter()
{
    m_db.removeListener(m_id);
}

} // namespace quarry::test
