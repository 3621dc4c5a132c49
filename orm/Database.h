// orm::Database: a connection to one database, the registry of its models, sync, raw
// queries, transactions and the SQL listeners. A value type with shared state, like
// QSqlDatabase: copies refer to the same database. Each thread that uses it gets its own
// cloned QSqlDatabase connection, because QtSql connections must stay in their thread.
#pragma once

#include <orm/FindOptions.h>
#include <orm/ModelHandle.h>
#include <orm/Schema.h>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <functional>
#include <memory>

namespace orm {

class Instance;

// The seed's `new Sequelize(database, username, password, {host, dialect})` options.
struct ConnectOptions
{
    QString dialect = QStringLiteral("sqlite"); // sqlite, postgres, mysql, mariadb
    QString host = QStringLiteral("localhost");
    int port = -1;
    QString storage{}; // SQLite file; empty with dialect sqlite means the database argument
    int busyTimeoutMs = 5000;
    QString connectOptions{}; // passed through to QSqlDatabase::setConnectOptions
};

// One statement the ORM ran, as the SQL listeners and the log see it.
struct SqlEvent
{
    QString sql;
    QVariantList bindings;
    qint64 durationUs = 0;
    int rowsAffected = -1;
    bool ok = true;
    QString error;
};

// Qt signals of a Database; get it with Database::events().
class QUARRY_EXPORT DatabaseEvents : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
signals:
    void sqlExecuted(const orm::SqlEvent &event);
    void created(const QString &model, const QVariant &primaryKey);
    void updated(const QString &model, const QVariant &primaryKey);
    void destroyed(const QString &model, const QVariant &primaryKey);
    void restored(const QString &model, const QVariant &primaryKey);
};

namespace detail {
class DatabasePrivate;
QUARRY_EXPORT void defineClass(const std::shared_ptr<DatabasePrivate> &d, const QMetaObject *mo,
                               std::function<Instance *()> factory);
} // namespace detail

class QUARRY_EXPORT Database
{
public:
    Database() = default;

    // sqlite:path, sqlite::memory:, postgres://user:pass@host:port/db, mysql://..., mariadb://...
    static Database open(const QString &url);
    static Database open(const QString &database, const QString &username, const QString &password,
                         const ConnectOptions &options = {});
    // The database User::findAll() uses when User was not defined elsewhere. The first
    // Database opened becomes the default until another is made default.
    static Database defaultDatabase();
    void makeDefault() const;

    bool isValid() const { return d != nullptr; }
    bool isOpen() const;
    void close();
    QString dialectName() const; // "sqlite", "postgres", "mysql" or "mariadb"
    QString url() const;         // without the password

    // Defines model classes on this database (and binds their statics to it).
    template <class... T>
    void define()
    {
        (detail::defineClass(d, &T::staticMetaObject, [] { return static_cast<Instance *>(new T()); }), ...);
    }
    // A run-time model, as sequelize.define(name, attributes, options):
    //   db.define("Tag", {{"name", QJsonObject{{"type", "STRING"}, {"allowNull", false}}}});
    ModelHandle define(const QString &name, const QJsonObject &attributes, const QJsonObject &options = {});
    ModelHandle model(const QString &name) const; // QueryError when not defined
    bool isDefined(const QString &name) const;
    QStringList modelNames() const; // in definition order

    void sync(const SyncOptions &options = {});
    // The live schema: tables of the database and what one of them holds.
    QStringList tableNames() const;
    TableInfo describeTable(const QString &table) const;
    void drop(); // drops every model's table, children first

    // Raw SQL with positional (?) or named (:name) bindings.
    QList<QVariantMap> query(const QString &sql, const QVariantList &bindings = {}) const;
    QList<QVariantMap> query(const QString &sql, const QVariantMap &namedBindings) const;
    qint64 execute(const QString &sql, const QVariantList &bindings = {}) const; // rows affected

    // Managed transaction: commits when fn returns, rolls back and rethrows when it throws.
    // Nested calls use savepoints. Every ORM call on this thread inside fn takes part.
    void transaction(const std::function<void()> &fn) const;
    void begin() const;
    void commit() const;
    void rollback() const;
    bool inTransaction() const;

    int addListener(std::function<void(const SqlEvent &)> listener) const;
    void removeListener(int id) const;
    DatabaseEvents *events() const;

    // This thread's QSqlDatabase connection (opened on first use).
    QSqlDatabase connection() const;

    const std::shared_ptr<detail::DatabasePrivate> &databasePrivate() const { return d; }
    explicit Database(std::shared_ptr<detail::DatabasePrivate> p) : d(std::move(p)) {}

private:
    std::shared_ptr<detail::DatabasePrivate> d;
};

} // namespace orm

Q_DECLARE_METATYPE(orm::SqlEvent)
