#include "async/AsyncPool.h"

#include "exec/DatabasePrivate.h"
#include "load/InstanceAccess.h"

#include <orm/Async.h>
#include <orm/Errors.h>
#include <orm/SqlTagScope.h>
#include <QCoreApplication>
#include <QSet>
#include <QThread>

namespace orm::detail {

namespace {
// A lane key: the calling thread's id for serial lanes; a serial number for parallel ones.
using LaneKey = std::pair<bool, quintptr>;
} // namespace

struct AsyncPool::Core
{
    struct Lane
    {
        std::deque<std::function<void()>> jobs;
        bool busy = false;
    };

    QMutex mutex;
    QWaitCondition wake;
    std::map<LaneKey, Lane> lanes;
    std::deque<LaneKey> ready; // lanes that have jobs and no worker: each appears once
    QList<QThread *> workers;
    int idle = 0;
    int maxThreads = 4;
    quintptr nextParallel = 1;
    bool stopping = false;

    void loop();
};

namespace {
class Worker : public QThread
{
public:
    explicit Worker(std::shared_ptr<AsyncPool::Core> core) : m_core(std::move(core)) {}

protected:
    void run() override { m_core->loop(); }

private:
    std::shared_ptr<AsyncPool::Core> m_core; // outlives the pool when the pool dies on this worker
};
} // namespace

namespace {
// Workers whose pool was destroyed by their own job (the job held the database's last
// handle): a thread cannot wait for itself, and a deleteLater would wait for an event loop
// in the thread that created the worker, which may have ended. So such a worker is parked
// here, and the next pool to be created or destroyed, or the end of the process, waits
// for it and deletes it.
class Reaper
{
public:
    void park(QThread *worker)
    {
        QMutexLocker lock(&m_mutex);
        m_parked.append(worker);
    }
    void reap()
    {
        QList<QThread *> done;
        {
            QMutexLocker lock(&m_mutex);
            QThread *self = QThread::currentThread();
            for (qsizetype i = m_parked.size() - 1; i >= 0; --i)
                if (m_parked.at(i) != self)
                    done.append(m_parked.takeAt(i));
        }
        for (QThread *w : done) {
            w->wait();
            delete w;
        }
    }
    ~Reaper() { reap(); }

private:
    QMutex m_mutex;
    QList<QThread *> m_parked;
};

Reaper &reaper()
{
    static Reaper r;
    return r;
}
} // namespace

void AsyncPool::Core::loop()
{
    QMutexLocker lock(&mutex);
    for (;;) {
        while (!stopping && ready.empty()) {
            ++idle;
            wake.wait(&mutex);
            --idle;
        }
        if (stopping)
            return;
        const LaneKey key = ready.front();
        ready.pop_front();
        Lane &lane = lanes[key];
        std::function<void()> job = std::move(lane.jobs.front());
        lane.jobs.pop_front();
        lane.busy = true;
        lock.unlock();
        job();
        // Releasing the job can release the last handle of the database, and so destroy
        // the pool from this very thread: the Core stays alive through m_core.
        job = nullptr;
        lock.relock();
        auto it = lanes.find(key);
        if (it == lanes.end()) // the pool was destroyed meanwhile
            continue;
        it->second.busy = false;
        if (it->second.jobs.empty())
            lanes.erase(it);
        else
            ready.push_back(key); // the lane's next job, behind the other lanes
    }
}

AsyncPool::AsyncPool(int maxThreads)
    : m_core(std::make_shared<Core>())
{
    m_core->maxThreads = qMax(1, maxThreads);
    reaper().reap();
}

AsyncPool::~AsyncPool()
{
    QList<QThread *> workers;
    std::map<LaneKey, Core::Lane> dropped;
    {
        QMutexLocker lock(&m_core->mutex);
        m_core->stopping = true;
        workers.swap(m_core->workers);
        dropped.swap(m_core->lanes);
        m_core->ready.clear();
        m_core->wake.wakeAll();
    }
    dropped.clear(); // their promises cancel their futures
    QThread *self = QThread::currentThread();
    for (QThread *w : workers) {
        if (w == self) {
            // The last handle went on this worker: it ends when its current job returns.
            reaper().park(w);
            continue;
        }
        w->wait();
        delete w;
    }
    reaper().reap();
}

void AsyncPool::enqueue(bool parallel, std::function<void()> job)
{
    Core &c = *m_core;
    QMutexLocker lock(&c.mutex);
    if (c.stopping)
        throw ConnectionError(QStringLiteral("The database is closing: no new async operations"));
    const LaneKey key = parallel ? LaneKey(true, c.nextParallel++)
                                 : LaneKey(false, reinterpret_cast<quintptr>(QThread::currentThreadId()));
    Core::Lane &lane = c.lanes[key];
    // The job runs under the SQL tag of the code that queued it, not whatever that code
    // (or the worker's previous job) has in effect when it gets to run.
    lane.jobs.push_back([tag = SqlTagScope::current(), job = std::move(job)] {
        const SqlTagScope scope(tag);
        job();
    });
    if (!lane.busy && lane.jobs.size() == 1)
        c.ready.push_back(key);
    if (c.idle == 0 && c.workers.size() < c.maxThreads) {
        auto *w = new Worker(m_core);
        w->setObjectName(QStringLiteral("quarry-async-%1").arg(c.workers.size()));
        c.workers.append(w);
        w->start();
    }
    c.wake.wakeOne();
}

void AsyncPool::setMaxThreads(int maxThreads)
{
    QMutexLocker lock(&m_core->mutex);
    m_core->maxThreads = qMax(1, maxThreads);
}

AsyncPool &DatabasePrivate::asyncPool()
{
    QMutexLocker lock(&mutex);
    if (!m_asyncPool)
        // An in-memory SQLite database: one worker, so one connection does all async work.
        m_asyncPool = std::make_unique<AsyncPool>(config.isSqliteMemory() ? 1 : asyncMaxThreads);
    return *m_asyncPool;
}

void enqueueAsync(const std::shared_ptr<DatabasePrivate> &db, bool parallel, std::function<void()> job)
{
    db->asyncPool().enqueue(parallel, std::move(job));
}

namespace {
void moveDeep(Instance *i, QThread *target, QSet<Instance *> &seen)
{
    if (!i || seen.contains(i))
        return;
    seen.insert(i);
    if (i->thread() == QThread::currentThread() && i->thread() != target && !i->parent())
        i->moveToThread(target);
    if (!i->model().isValid())
        return;
    for (const AssociationMeta &a : i->meta().associations) {
        if (!i->isIncluded(a.name))
            continue;
        const QList<Ptr<Instance>> items = i->included(a.name);
        for (int n = 0; n < items.size(); ++n) {
            moveDeep(items.at(n).data(), target, seen);
            if (a.kind == AssociationKind::BelongsToMany)
                moveDeep(i->through(a.name, n).data(), target, seen);
        }
    }
}
} // namespace

void moveInstanceToThread(Instance *instance, QThread *target)
{
    QSet<Instance *> seen;
    moveDeep(instance, target, seen);
}

ModelHandle asyncModel(const std::shared_ptr<DatabasePrivate> &db, const QMetaObject *mo)
{
    return Database(db).model(modelName(mo));
}

} // namespace orm::detail
