#include <orm/Database.h>

#include "async/AsyncPool.h"
#include "exec/Connection.h"
#include "exec/DatabasePrivate.h"
#include "exec/Executor.h"
#include "assoc/Associate.h"
#include "meta/MetaReader.h"
#include "schema/Sync.h"

#include <orm/Errors.h>
#include <orm/Instance.h>
#include <orm/Model.h>
#include <QCoreApplication>
#include <QSqlRecord>
#include <QThread>

namespace orm {

namespace detail {

namespace {
QAtomicInt g_serial;

QMutex g_globalMutex;
std::weak_ptr<DatabasePrivate> g_default;

struct Binding
{
    std::weak_ptr<DatabasePrivate> db;
    const ModelMeta *meta = nullptr;
};
QHash<const QMetaObject *, Binding> g_bindings; // guarded by g_globalMutex
} // namespace

DatabasePrivate::DatabasePrivate(ConnectionConfig c)
    : config(std::move(c))
{
    dialect = Dialect::forName(config.dialect);
    connectionPrefix = QStringLiteral("quarry_%1_%2").arg(QCoreApplication::applicationPid()).arg(g_serial.fetchAndAddOrdered(1));
    events = new DatabaseEvents();
}

DatabasePrivate::~DatabasePrivate()
{
    // Joins the async workers first: each closes its own connection as its thread ends.
    m_asyncPool.reset();
    closeAll();
    delete events.data();
}

Connection &DatabasePrivate::connection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    {
        QMutexLocker lock(&mutex);
        auto it = connections.find(thread);
        if (it != connections.end()) {
            Connection *c = it.value();
            lock.unlock();
            // Lost: reconnect in place. Deleting it would leave the Executors of this
            // thread (an enclosing transaction) with a dangling reference.
            if (!c->db().isOpen() && !c->transactionLost)
                c->reopen();
            return *c;
        }
    }
    const QString name = QStringLiteral("%1_t%2").arg(connectionPrefix).arg(g_serial.fetchAndAddOrdered(1));
    auto *c = new Connection(*this, name);
    QMutexLocker lock(&mutex);
    connections.insert(thread, c);
    // A thread's connection must be closed by that thread, before it ends.
    QThread *t = QThread::currentThread();
    if (QCoreApplication::instance() && t != QCoreApplication::instance()->thread()) {
        DatabasePrivate *self = this;
        std::weak_ptr<bool> alive = aliveToken;
        QObject::connect(t, &QThread::finished, t, [self, alive, thread] {
            if (alive.expired())
                return;
            Connection *mine = nullptr;
            {
                QMutexLocker lock(&self->mutex);
                mine = self->connections.take(thread);
            }
            delete mine;
        }, Qt::DirectConnection);
    }
    return *c;
}

void DatabasePrivate::closeAll()
{
    QHash<Qt::HANDLE, Connection *> all;
    {
        QMutexLocker lock(&mutex);
        all.swap(connections);
    }
    qDeleteAll(all);
}

const ModelMeta *DatabasePrivate::defineModel(std::shared_ptr<ModelMeta> meta)
{
    QMutexLocker lock(&mutex);
    auto old = byName.find(meta->name);
    if (old != byName.end())
        retired.append(old.value());
    else
        order.append(meta->name);
    byName.insert(meta->name, meta);
    return meta.get();
}

const ModelMeta *DatabasePrivate::find(const QString &name) const
{
    QMutexLocker lock(&mutex);
    auto it = byName.find(name);
    return it == byName.end() ? nullptr : it.value().get();
}

QList<const ModelMeta *> DatabasePrivate::models() const
{
    QMutexLocker lock(&mutex);
    QList<const ModelMeta *> out;
    for (const QString &n : order)
        out.append(byName.value(n).get());
    return out;
}

void DatabasePrivate::notify(const SqlEvent &untagged)
{
    // Runs on the thread that ran the statement, so its tag is that thread's.
    SqlEvent event = untagged;
    event.tag = SqlTagScope::current();
    QList<std::function<void(const SqlEvent &)>> copy;
    {
        QMutexLocker lock(&mutex);
        copy = listeners.values();
    }
    for (const auto &l : copy)
        l(event);
    if (DatabaseEvents *e = events.data())
        emit e->sqlExecuted(event);
}

void defineClass(const std::shared_ptr<DatabasePrivate> &d, const QMetaObject *mo, std::function<Ptr<Instance>()> factory)
{
    if (!d)
        throw ConnectionError(QStringLiteral("define() on an invalid Database: open it first"));
    const ModelMeta *meta = d->defineModel(readMetaObject(mo, std::move(factory)));
    {
        QMutexLocker lock(&g_globalMutex);
        g_bindings.insert(mo, {d, meta});
    }
    queueClassInfoAssociations(*d, mo, meta->name);
    applyPendingAssociations(*d);
}

QString modelName(const QMetaObject *mo)
{
    const QString name = QString::fromLatin1(mo->className());
    return name.mid(name.lastIndexOf(QLatin1Char(':')) + 1);
}

ModelHandle resolveBinding(const QMetaObject *mo, std::function<Ptr<Instance>()> factory)
{
    std::shared_ptr<DatabasePrivate> fallback;
    {
        QMutexLocker lock(&g_globalMutex);
        auto it = g_bindings.find(mo);
        if (it != g_bindings.end()) {
            if (auto db = it->db.lock())
                return ModelHandle(db, it->meta);
        }
        fallback = g_default.lock();
    }
    if (!fallback)
        throw DefinitionError(QStringLiteral("%1 is not defined on any database: call db.define<%1>() (or open a "
                                             "default Database first)")
                                  .arg(QString::fromLatin1(mo->className())));
    defineClass(fallback, mo, std::move(factory));
    QMutexLocker lock(&g_globalMutex);
    return ModelHandle(fallback, g_bindings.value(mo).meta);
}

} // namespace detail

using detail::DatabasePrivate;
using detail::Executor;

namespace {
Database openConfig(detail::ConnectionConfig config)
{
    auto d = std::make_shared<DatabasePrivate>(std::move(config));
    d->connection(); // open now: a bad URL, driver or server fails here, not at first query
    {
        QMutexLocker lock(&detail::g_globalMutex);
        if (detail::g_default.expired())
            detail::g_default = d;
    }
    return Database(d);
}

QList<QVariantMap> readRows(detail::Cursor &c)
{
    QList<QVariantMap> rows;
    if (!c.query().isSelect())
        return rows;
    const QSqlRecord rec = c.query().record();
    QStringList names;
    for (int i = 0; i < rec.count(); ++i)
        names.append(rec.fieldName(i));
    while (c.next()) {
        QVariantMap row;
        for (int i = 0; i < names.size(); ++i)
            row.insert(names.at(i), c.value(i));
        rows.append(row);
    }
    return rows;
}

DatabasePrivate &require(const std::shared_ptr<DatabasePrivate> &d)
{
    if (!d)
        throw ConnectionError(QStringLiteral("This Database is not open: use Database::open()"));
    return *d;
}
} // namespace

Database Database::open(const QString &url)
{
    return openConfig(detail::ConnectionConfig::fromUrl(url));
}

Database Database::open(const QString &database, const QString &username, const QString &password,
                        const ConnectOptions &options)
{
    detail::ConnectionConfig c;
    c.dialect = options.dialect.toLower();
    if (c.dialect == QLatin1String("postgresql"))
        c.dialect = QStringLiteral("postgres");
    detail::Dialect::forName(c.dialect); // ConnectionError on an unknown dialect
    c.database = (c.dialect == QLatin1String("sqlite") && !options.storage.isEmpty()) ? options.storage : database;
    c.user = username;
    c.password = password;
    c.host = options.host;
    c.port = options.port;
    c.busyTimeoutMs = options.busyTimeoutMs;
    c.connectTimeoutSeconds = options.connectTimeoutSeconds;
    c.connectOptions = options.connectOptions;
    if (c.database.isEmpty())
        throw ConnectionError(QStringLiteral("No database name given for dialect '%1'").arg(c.dialect));
    return openConfig(std::move(c));
}

Database Database::defaultDatabase()
{
    QMutexLocker lock(&detail::g_globalMutex);
    return Database(detail::g_default.lock());
}

void Database::makeDefault() const
{
    QMutexLocker lock(&detail::g_globalMutex);
    detail::g_default = d;
}

bool Database::isOpen() const
{
    if (!d)
        return false;
    // Looks at this thread's connection without opening one (close() must stay closed).
    QMutexLocker lock(&d->mutex);
    detail::Connection *c = d->connections.value(QThread::currentThreadId());
    return c && c->db().isOpen();
}

void Database::close()
{
    if (d)
        d->closeAll();
}

QString Database::dialectName() const
{
    return d ? d->dialect->name() : QString();
}

QString Database::url() const
{
    return d ? d->config.redactedUrl() : QString();
}

ModelHandle Database::define(const QString &name, const QJsonObject &attributes, const QJsonObject &options)
{
    DatabasePrivate &p = require(d);
    return ModelHandle(d, p.defineModel(detail::readJsonModel(name, attributes, options)));
}

ModelHandle Database::define(const QString &name, std::initializer_list<std::pair<QString, QJsonValue>> attributes,
                             const QJsonObject &options)
{
    DatabasePrivate &p = require(d);
    return ModelHandle(d, p.defineModel(detail::readJsonModel(name, detail::JsonAttributes(attributes), options)));
}

ModelHandle Database::define(const QString &name, const QJsonArray &attributes, const QJsonObject &options)
{
    DatabasePrivate &p = require(d);
    return ModelHandle(d, p.defineModel(detail::readJsonModel(name, attributes, options)));
}

ModelHandle Database::model(const QString &name) const
{
    DatabasePrivate &p = require(d);
    const ModelMeta *m = p.find(name);
    if (!m)
        throw QueryError(QStringLiteral("No model named '%1' is defined on %2; defined: %3")
                             .arg(name, url(), modelNames().join(QStringLiteral(", "))));
    return ModelHandle(d, m);
}

bool Database::isDefined(const QString &name) const
{
    return d && d->find(name) != nullptr;
}

QStringList Database::modelNames() const
{
    if (!d)
        return {};
    QMutexLocker lock(&d->mutex);
    return d->order;
}

QList<AssociationMeta> Database::associationsTo(const QString &model) const
{
    QList<AssociationMeta> out;
    if (!d)
        return out;
    for (const ModelMeta *m : d->models())
        for (const AssociationMeta &a : m->associations)
            if (a.target == model)
                out.append(a);
    return out;
}

void Database::sync(const SyncOptions &options)
{
    DatabasePrivate &p = require(d);
    detail::requireNoPendingAssociations(p);
    detail::syncModels(p, p.models(), options);
}

QStringList Database::tableNames() const
{
    Executor ex(require(d));
    return d->dialect->tableNames(ex);
}

TableInfo Database::describeTable(const QString &table) const
{
    Executor ex(require(d));
    return d->dialect->describe(ex, table);
}

void Database::drop()
{
    DatabasePrivate &p = require(d);
    detail::dropModels(p, p.models());
}

QList<QVariantMap> Database::query(const QString &sql, const QVariantList &bindings) const
{
    Executor ex(require(d));
    detail::Cursor c = ex.run(sql, bindings);
    return readRows(c);
}

QList<QVariantMap> Database::query(const QString &sql, const QVariantMap &namedBindings) const
{
    Executor ex(require(d));
    detail::Cursor c = ex.runNamed(sql, namedBindings);
    return readRows(c);
}

qint64 Database::execute(const QString &sql, const QVariantList &bindings) const
{
    Executor ex(require(d));
    detail::Cursor c = ex.run(sql, bindings);
    return c.rowsAffected();
}

void Database::transaction(const std::function<void()> &fn, const TransactionOptions &options) const
{
    Executor ex(require(d));
    ex.transaction(fn, options);
}

Transaction Database::transaction(const TransactionOptions &options) const
{
    Executor ex(require(d));
    ex.begin(options);
    const int level = ex.transactionDepth();
    return Transaction(d, ex.transactionId(level), level, ex.isolation());
}

void Database::begin(const TransactionOptions &options) const
{
    Executor(require(d)).begin(options);
}

void Database::afterCommit(std::function<void()> fn) const
{
    Executor(require(d)).afterCommit(std::move(fn));
}

void Database::commit() const
{
    Executor(require(d)).commit();
}

void Database::rollback() const
{
    Executor(require(d)).rollback();
}

bool Database::inTransaction() const
{
    return d && d->connection().transactionDepth > 0;
}

int Database::addListener(std::function<void(const SqlEvent &)> listener) const
{
    DatabasePrivate &p = require(d);
    QMutexLocker lock(&p.mutex);
    const int id = p.nextListenerId++;
    p.listeners.insert(id, std::move(listener));
    p.m_listenerCount.store(p.listeners.size());
    return id;
}

void Database::removeListener(int id) const
{
    DatabasePrivate &p = require(d);
    QMutexLocker lock(&p.mutex);
    p.listeners.remove(id);
    p.m_listenerCount.store(p.listeners.size());
}

DatabaseEvents *Database::events() const
{
    return d ? d->events.data() : nullptr;
}

QSqlDatabase Database::connection() const
{
    return require(d).connection().db();
}

void Database::configureAsync(const AsyncPoolOptions &options) const
{
    DatabasePrivate &p = require(d);
    QMutexLocker lock(&p.mutex);
    p.asyncMaxThreads = qMax(1, options.maxThreads);
    if (p.m_asyncPool && !p.config.isSqliteMemory())
        p.m_asyncPool->setMaxThreads(p.asyncMaxThreads);
}

} // namespace orm
