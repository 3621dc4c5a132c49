// The async worker pool of one Database: a bounded set of QThreads, each with its own
// connection, fed from serial lanes (one per calling thread) and one-job parallel lanes.
#pragma once

#include <QMutex>
#include <QWaitCondition>
#include <deque>
#include <functional>
#include <map>
#include <memory>

class QThread;

namespace orm::detail {

class DatabasePrivate;

class AsyncPool
{
public:
    explicit AsyncPool(int maxThreads);
    // Joins the workers (each closes its connection on its own thread as it ends); jobs
    // that have not started are dropped, which cancels their futures.
    ~AsyncPool();
    AsyncPool(const AsyncPool &) = delete;
    AsyncPool &operator=(const AsyncPool &) = delete;

    void enqueue(bool parallel, std::function<void()> job);
    void setMaxThreads(int maxThreads);

    struct Core;

private:
    std::shared_ptr<Core> m_core;
};

} // namespace orm::detail
