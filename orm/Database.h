// orm::Database: a connection to one database, the registry of its models, sync, raw
// queries, transactions and the SQL listeners. A value type with shared state, like
// QSqlDatabase: copies refer to the same database. Each thread that uses it gets its own
// cloned QSqlDatabase connection, because QtSql connections must stay in their thread.
#pragma once

#include <orm/FindOptions.h>
#include <orm/ModelHandle.h>
#include <orm/Schema.h>
#include <orm/SqlTagScope.h>
#include <orm/Transaction.h>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <functional>
#include <memory>

namespace orm {

class Instance;
class AsyncDatabase;

// Options of db.async(): parallel operations do not queue behind the earlier async
// operations of the calling thread (orm/Async.h).
struct AsyncOptions
{
    bool parallel = false;
};
// The async worker pool of a Database: at most maxThreads workers, each with its own connection.
struct AsyncPoolOptions
{
    int maxThreads = 4;
};

// The seed's `new Sequelize(database, username, password, {host, dialect})` options.
struct ConnectOptions
{
    QString dialect = QStringLiteral("sqlite"); // sqlite, postgres, mysql, mariadb
    QString host = QStringLiteral("localhost");
    int port = -1;
    QString storage{}; // SQLite file; empty with dialect sqlite means the database argument
    int busyTimeoutMs = 5000;
    // How long opening a server connection may take before it fails with ConnectionError
    // (a host that drops packets would otherwise hang the caller for minutes). 0: the
    // driver's own default. In a URL: ?connectTimeout=N.
    int connectTimeoutSeconds = 10;
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
    QString tag; // the SqlTagScope in effect where it ran (orm/SqlTagScope.h); empty outside any
};

// Qt signals of a Database; get it with Database::events().
// created, updated, destroyed and restored report written rows once they are committed: at
// once outside a transaction, after the outermost commit inside one, never for a write
// that was rolled back. They come from the thread that committed. One instance (save,
// destroy, restore) or bulkCreate gives one signal per row, with its primary key; a
// static update, destroy or restore that changed rows gives one signal with a null
// primaryKey: some rows of the model changed.
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
                               std::function<Ptr<Instance>()> factory);
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
        (detail::defineClass(d, &T::staticMetaObject, [] { return Ptr<Instance>(QSharedPointer<T>::create()); }), ...);
    }
    // A run-time model, as sequelize.define(name, attributes, options); the columns come in
    // the order written, as in JavaScript:
    //   db.define("Tag", {{"name", QJsonObject{{"type", "STRING"}, {"allowNull", false}}}, {"color", "STRING"}});
    ModelHandle define(const QString &name, std::initializer_list<std::pair<QString, QJsonValue>> attributes,
                       const QJsonObject &options = {});
    // From a QJsonObject, e.g. parsed from a file: its keys, and so the columns, are sorted.
    ModelHandle define(const QString &name, const QJsonObject &attributes, const QJsonObject &options = {});
    // From an array, in its order: each element is an attribute's object with its "name"
    // added, or just a name (a STRING column):
    //   db.define("Tag", QJsonArray{QJsonObject{{"name", "title"}, {"type", "STRING"}}, "note"});
    ModelHandle define(const QString &name, const QJsonArray &attributes, const QJsonObject &options = {});
    ModelHandle model(const QString &name) const; // QueryError when not defined
    bool isDefined(const QString &name) const;
    QStringList modelNames() const; // in definition order
    // The associations of every model whose target is model (its own self-references
    // included), in definition order: "which associations point at this model".
    QList<AssociationMeta> associationsTo(const QString &model) const;

    void sync(const SyncOptions &options = {});
    // The live schema: tables of the database and what one of them holds.
    QStringList tableNames() const;
    TableInfo describeTable(const QString &table) const;
    void drop(); // drops every model's table, children first

    // Raw SQL with positional (?) or named (:name) bindings.
    QList<QVariantMap> query(const QString &sql, const QVariantList &bindings = {}) const;
    QList<QVariantMap> query(const QString &sql, const QVariantMap &namedBindings) const;
    qint64 execute(const QString &sql, const QVariantList &bindings = {}) const; // rows affected

    // Transactions (orm/Transaction.h). Managed: commits when fn returns, rolls back and
    // rethrows when it throws. Nested calls use savepoints. Every ORM call on this thread
    // inside fn takes part, the queries of includes too.
    void transaction(const std::function<void()> &fn, const TransactionOptions &options = {}) const;
    // Unmanaged, as a handle: auto t = db.transaction(); ...; t.commit();
    [[nodiscard]] Transaction transaction(const TransactionOptions &options = {}) const;
    // Unmanaged, as this thread's state: begin() ... commit() or rollback(); each begin
    // inside an open transaction is a savepoint that the next commit/rollback ends.
    void begin(const TransactionOptions &options = {}) const;
    void commit() const;
    void rollback() const;
    bool inTransaction() const;
    // fn runs once this thread's outermost open transaction has committed, and never if it
    // (or the savepoint open now) rolls back; outside a transaction it runs at once.
    // Callbacks run in the order they were added. One that throws does not stop the others;
    // the first exception comes out of the commit (the data stays committed).
    void afterCommit(std::function<void()> fn) const;

    int addListener(std::function<void(const SqlEvent &)> listener) const;
    void removeListener(int id) const;
    DatabaseEvents *events() const;

    // This thread's QSqlDatabase connection (opened on first use).
    QSqlDatabase connection() const;

    // Promise-style async forms of every operation, as QFutures (include orm/Async.h).
    AsyncDatabase async(const AsyncOptions &options = {}) const;
    void configureAsync(const AsyncPoolOptions &options) const;

    const std::shared_ptr<detail::DatabasePrivate> &databasePrivate() const { return d; }
    explicit Database(std::shared_ptr<detail::DatabasePrivate> p) : d(std::move(p)) {}

private:
    std::shared_ptr<detail::DatabasePrivate> d;
};

} // namespace orm

Q_DECLARE_METATYPE(orm::SqlEvent)
