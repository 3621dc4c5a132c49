// The shared state behind orm::Database: configuration, dialect, model registry, the
// per-thread connections and the SQL listeners.
#pragma once

#include "exec/ConnectionConfig.h"
#include "sql/Dialect.h"

#include <orm/Database.h>
#include <QHash>
#include <QMutex>
#include <QPointer>
#include <atomic>
#include <memory>

namespace orm::detail {

class Connection;
class AsyncPool;

class DatabasePrivate
{
public:
    explicit DatabasePrivate(ConnectionConfig config);
    ~DatabasePrivate();

    // This thread's connection, opened on first use. Throws ConnectionError.
    Connection &connection();
    void closeAll();

    // Models --------------------------------------------------------------
    const ModelMeta *defineModel(std::shared_ptr<ModelMeta> meta);
    const ModelMeta *find(const QString &name) const;
    QList<const ModelMeta *> models() const;

    // Listeners -----------------------------------------------------------
    void notify(const SqlEvent &event);
    bool hasListeners() const { return m_listenerCount.load(std::memory_order_relaxed) > 0; }

    ConnectionConfig config;
    std::unique_ptr<Dialect> dialect;
    QString connectionPrefix;
    // Bumped by every DDL: prepared statements cached before it are dropped (PostgreSQL
    // refuses to reuse a plan whose result types changed).
    std::atomic<int> schemaGeneration{0};
    QPointer<DatabaseEvents> events;

    mutable QMutex mutex;
    QHash<QString, std::shared_ptr<ModelMeta>> byName;
    QStringList order;
    QList<std::shared_ptr<ModelMeta>> retired;
    // Associations declared in Q_CLASSINFO whose target is not defined yet.
    struct PendingAssociation
    {
        QString source;
        AssociationKind kind;
        QString target;
        AssociationOptions options;
    };
    QList<PendingAssociation> pending; // replaced metas stay alive for old instances
    QHash<Qt::HANDLE, Connection *> connections;
    QHash<int, std::function<void(const SqlEvent &)>> listeners;
    int nextListenerId = 1;
    std::atomic<int> m_listenerCount{0};
    // Thread-exit handlers check it, so that they never touch a destroyed database.
    std::shared_ptr<bool> aliveToken = std::make_shared<bool>(true);

    // The async worker pool (src/async), started on first use, joined by the destructor.
    AsyncPool &asyncPool();
    std::unique_ptr<AsyncPool> m_asyncPool; // guarded by mutex
    int asyncMaxThreads = 4;                // guarded by mutex
};

} // namespace orm::detail
