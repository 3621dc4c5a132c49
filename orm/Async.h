// Promise-style async: every ORM operation as a QFuture, run on a worker thread of the
// Database's bounded pool, on that worker's own connection.
//
//   db.async().findAll<User>({.where = {{"age", orm::Op::gte(18)}}})
//       .then(this, [](const QList<orm::Ptr<User>> &adults) { ... })   // on this thread
//       .onFailed(this, [](const orm::UniqueConstraintError &e) { ... });
//
// - Results: instances are moved to the thread that started the operation before the
//   future is fulfilled; .then(context, ...) runs on context's thread.
// - Failures: the same typed exceptions as the synchronous calls, through onFailed.
// - Order: the operations one thread starts run one after another, in the order they
//   were started (on whichever worker is free), unless started from db.async({.parallel = true}).
// - Cancellation: QFuture::cancel() on an operation that has not started yet means it
//   never runs. One that is running finishes; a transaction() that is cancelled while
//   its body runs is rolled back.
// - Transactions: db.async().transaction(fn, {.isolation = ...}) runs all of fn on one
//   worker connection, begun with the TransactionOptions given (orm/Transaction.h).
// - Run-time models (db.define from JSON) have the same operations, named by the model:
//   db.async().findAll("Tag", options), db.async().update("Tag", values, {.where = ...});
//   their instance operations and accessors are the ones of the typed models, with
//   Ptr<orm::Instance> (db.async().save(tag), db.async().get(tag, "Posts")).
// - An in-memory SQLite database uses a single worker (one connection), whatever
//   maxThreads says, so async work never competes with itself for its table locks. Its
//   connections share one database (shared cache), whose locks are per table: while one
//   thread's transaction has written a table, another thread's statement on that table
//   fails at once with TimeoutError ("database table is locked") instead of waiting. Do
//   not wait for an async result inside a transaction that wrote the same tables.
// - The pool (Database::configureAsync({.maxThreads = n}), default 4) starts workers on
//   demand and joins them when the last handle to the database goes; each worker closes
//   its connection on its own thread before it ends.
#pragma once

#include <orm/Database.h>
#include <orm/Errors.h>
#include <orm/Model.h>
#include <QFuture>
#include <QPointer>
#include <QPromise>
#include <QThread>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace orm {

namespace detail {
// Queues job on db's pool: on the caller thread's serial lane, or on a lane of its own.
QUARRY_EXPORT void enqueueAsync(const std::shared_ptr<DatabasePrivate> &db, bool parallel, std::function<void()> job);
// Moves an instance, and the instances it includes (recursively), to target. Called on
// the thread the objects live in (the worker that made them); others are left alone.
QUARRY_EXPORT void moveInstanceToThread(Instance *instance, QThread *target);
// The model of class mo on db (QueryError when db has not defined it).
QUARRY_EXPORT ModelHandle asyncModel(const std::shared_ptr<DatabasePrivate> &db, const QMetaObject *mo);
// Thrown inside a cancelled transaction body to roll it back.
struct AsyncCancelled {};

template <class T> void moveResult(T &, QThread *) {}
template <class T> requires std::is_base_of_v<Instance, T> void moveResult(Ptr<T> &p, QThread *target);
template <class T> void moveResult(QList<T> &list, QThread *target);
template <class A, class B> void moveResult(std::pair<A, B> &pair, QThread *target);
template <class T> void moveResult(FindAndCountResult<T> &r, QThread *target);
template <class T> void moveResult(std::optional<T> &o, QThread *target);
template <class T> requires std::is_base_of_v<Instance, T>
void moveResult(Ptr<T> &p, QThread *target)
{
    if (p)
        moveInstanceToThread(p.data(), target);
}
template <class T> void moveResult(QList<T> &list, QThread *target)
{
    for (T &item : list)
        moveResult(item, target);
}
template <class A, class B> void moveResult(std::pair<A, B> &pair, QThread *target)
{
    moveResult(pair.first, target);
    moveResult(pair.second, target);
}
template <class T> void moveResult(FindAndCountResult<T> &r, QThread *target)
{
    moveResult(r.rows, target);
}
template <class T> void moveResult(std::optional<T> &o, QThread *target)
{
    if (o)
        moveResult(*o, target);
}
} // namespace detail

class QUARRY_EXPORT AsyncDatabase
{
public:
    AsyncDatabase(std::shared_ptr<detail::DatabasePrivate> db, const AsyncOptions &options)
        : m_db(std::move(db)), m_options(options) {}

    // --- Any code: fn runs on a worker, with the worker's connection -------------------
    template <class F> auto run(F fn) const -> QFuture<std::invoke_result_t<F>>
    {
        return submit<std::invoke_result_t<F>>(std::move(fn), std::nullopt);
    }
    // A managed transaction around fn, all of it on one worker connection: committed when
    // fn returns, rolled back when it throws or when the future is cancelled meanwhile.
    // options as Database::transaction's (the isolation level, orm/Transaction.h).
    template <class F>
    auto transaction(F fn, const TransactionOptions &options = {}) const -> QFuture<std::invoke_result_t<F>>
    {
        return submit<std::invoke_result_t<F>>(std::move(fn), options);
    }

    // --- Database -------------------------------------------------------------------
    QFuture<void> sync(const SyncOptions &o = {}) const
    {
        return run([db = m_db, o] { Database(db).sync(o); });
    }
    QFuture<void> drop() const
    {
        return run([db = m_db] { Database(db).drop(); });
    }
    QFuture<QList<QVariantMap>> query(const QString &sql, const QVariantList &bindings = {}) const
    {
        return run([db = m_db, sql, bindings] { return Database(db).query(sql, bindings); });
    }
    QFuture<QList<QVariantMap>> query(const QString &sql, const QVariantMap &namedBindings) const
    {
        return run([db = m_db, sql, namedBindings] { return Database(db).query(sql, namedBindings); });
    }
    QFuture<qint64> execute(const QString &sql, const QVariantList &bindings = {}) const
    {
        return run([db = m_db, sql, bindings] { return Database(db).execute(sql, bindings); });
    }
    QFuture<QStringList> tableNames() const
    {
        return run([db = m_db] { return Database(db).tableNames(); });
    }
    QFuture<TableInfo> describeTable(const QString &table) const
    {
        return run([db = m_db, table] { return Database(db).describeTable(table); });
    }

    // --- Static model operations: db.async().findAll<User>(...) ------------------------
    template <class T> QFuture<Ptr<T>> create(const Values &values, const CreateOptions &o = {}) const
    {
        return onModel<T>([values, o](const ModelHandle &h) { return h.create(values, o).template staticCast<T>(); });
    }
    template <class T> QFuture<QList<Ptr<T>>> findAll(const FindOptions &o = {}) const
    {
        return onModel<T>([o](const ModelHandle &h) { return detail::castList<T>(h.findAll(o)); });
    }
    template <class T> QFuture<Ptr<T>> findOne(const FindOptions &o = {}) const
    {
        return onModel<T>([o](const ModelHandle &h) { return h.findOne(o).template staticCast<T>(); });
    }
    template <class T> QFuture<Ptr<T>> findByPk(const QVariant &key, const FindOptions &o = {}) const
    {
        return onModel<T>([key, o](const ModelHandle &h) { return h.findByPk(key, o).template staticCast<T>(); });
    }
    template <class T> QFuture<std::pair<Ptr<T>, bool>> findOrCreate(const FindOrCreateOptions &o) const
    {
        return onModel<T>([o](const ModelHandle &h) {
            auto [instance, created] = h.findOrCreate(o);
            return std::pair<Ptr<T>, bool>(instance.template staticCast<T>(), created);
        });
    }
    template <class T> QFuture<FindAndCountResult<T>> findAndCountAll(const FindOptions &o = {}) const
    {
        return onModel<T>([o](const ModelHandle &h) {
            auto r = h.findAndCountAll(o);
            return FindAndCountResult<T>{detail::castList<T>(std::move(r.rows)), r.count};
        });
    }
    template <class T> QFuture<qint64> count(const CountOptions &o = {}) const
    {
        return onModel<T>([o](const ModelHandle &h) { return h.count(o); });
    }
    template <class T> QFuture<QList<GroupCount>> countGrouped(const CountOptions &o) const
    {
        return onModel<T>([o](const ModelHandle &h) { return h.countGrouped(o); });
    }
    template <class T> QFuture<QVariant> max(const QString &a, const AggregateOptions &o = {}) const
    {
        return onModel<T>([a, o](const ModelHandle &h) { return h.max(a, o); });
    }
    template <class T> QFuture<QVariant> min(const QString &a, const AggregateOptions &o = {}) const
    {
        return onModel<T>([a, o](const ModelHandle &h) { return h.min(a, o); });
    }
    template <class T> QFuture<QVariant> sum(const QString &a, const AggregateOptions &o = {}) const
    {
        return onModel<T>([a, o](const ModelHandle &h) { return h.sum(a, o); });
    }
    template <class T> QFuture<qint64> update(const QVariantMap &values, const UpdateOptions &o) const
    {
        return onModel<T>([values, o](const ModelHandle &h) { return h.update(values, o); });
    }
    template <class T> QFuture<qint64> destroy(const DestroyOptions &o) const
    {
        return onModel<T>([o](const ModelHandle &h) { return h.destroy(o); });
    }
    template <class T> QFuture<qint64> restore(const RestoreOptions &o) const
    {
        return onModel<T>([o](const ModelHandle &h) { return h.restore(o); });
    }
    template <class T>
    QFuture<QList<Ptr<T>>> bulkCreate(const QList<Values> &records, const BulkCreateOptions &o = {}) const
    {
        return onModel<T>([records, o](const ModelHandle &h) { return detail::castList<T>(h.bulkCreate(records, o)); });
    }
    template <class T>
    QFuture<QList<Ptr<T>>> bulkCreate(const QList<QVariantMap> &records, const BulkCreateOptions &o = {}) const
    {
        return onModel<T>([records, o](const ModelHandle &h) { return detail::castList<T>(h.bulkCreate(records, o)); });
    }
    template <class T>
    QFuture<QList<Ptr<T>>> bulkCreate(std::initializer_list<Values> records, const BulkCreateOptions &o = {}) const
    {
        return bulkCreate<T>(QList<Values>(records), o);
    }
    template <class T> QFuture<void> sync(const SyncOptions &o = {}) const
    {
        return onModel<T>([o](const ModelHandle &h) { h.sync(o); });
    }
    template <class T> QFuture<void> drop() const
    {
        return onModel<T>([](const ModelHandle &h) { h.drop(); });
    }

    // --- Instance operations: db.async().save(john) ------------------------------------
    // The instance stays in its thread; do not touch it until the future is finished.
    template <class T> QFuture<void> save(const Ptr<T> &i, const SaveOptions &o = {}) const
    {
        return run([i, o] { i->save(o); });
    }
    template <class T> QFuture<void> update(const Ptr<T> &i, const Values &values, const SaveOptions &o = {}) const
    {
        return run([i, values, o] { i->update(values, o); });
    }
    template <class T> QFuture<void> reload(const Ptr<T> &i) const
    {
        return run([i] { i->reload(); });
    }
    template <class T> QFuture<void> destroy(const Ptr<T> &i, bool force = false) const
    {
        return run([i, force] { i->destroy(force); });
    }
    template <class T> QFuture<void> restore(const Ptr<T> &i) const
    {
        return run([i] { i->restore(); });
    }
    template <class T> QFuture<void> increment(const Ptr<T> &i, const QString &attribute, const QVariant &by = 1) const
    {
        return run([i, attribute, by] { i->increment(attribute, by); });
    }
    template <class T> QFuture<void> increment(const Ptr<T> &i, const QVariantMap &by) const
    {
        return run([i, by] { i->increment(by); });
    }
    template <class T> QFuture<void> decrement(const Ptr<T> &i, const QString &attribute, const QVariant &by = 1) const
    {
        return run([i, attribute, by] { i->decrement(attribute, by); });
    }

    // --- Association accessors: db.async().get<Post>(john, "Posts") --------------------
    // Target defaults to orm::Instance (run-time models): db.async().get(tag, "Posts").
    template <class Target = Instance, class T>
    QFuture<QList<Ptr<Target>>> get(const Ptr<T> &i, const QString &association = {}, const FindOptions &o = {}) const
    {
        return run([i, association, o] { return i->template get<Target>(association, o); });
    }
    template <class Target = Instance, class T> QFuture<Ptr<Target>> getOne(const Ptr<T> &i, const QString &association = {}) const
    {
        return run([i, association] { return i->template getOne<Target>(association); });
    }
    template <class T>
    QFuture<qint64> countAssociated(const Ptr<T> &i, const QString &association, const CountOptions &o = {}) const
    {
        return run([i, association, o] { return i->countAssociated(association, o); });
    }
    template <class T, class U> QFuture<bool> has(const Ptr<T> &i, const QString &association, const Ptr<U> &target) const
    {
        return run([i, association, target] { return i->has(association, target.template staticCast<Instance>()); });
    }
    template <class T, class U>
    QFuture<bool> has(const Ptr<T> &i, const QString &association, const QList<Ptr<U>> &targets) const
    {
        return run([i, association, targets] { return i->has(association, castAll(targets)); });
    }
    template <class T, class U>
    QFuture<void> setAssociated(const Ptr<T> &i, const QString &association, const Ptr<U> &target) const
    {
        return run([i, association, target] { i->setAssociated(association, target.template staticCast<Instance>()); });
    }
    template <class T, class U>
    QFuture<void> setAssociated(const Ptr<T> &i, const QString &association, const QList<Ptr<U>> &targets) const
    {
        return run([i, association, targets] { i->setAssociated(association, castAll(targets)); });
    }
    template <class T, class U>
    QFuture<void> add(const Ptr<T> &i, const QString &association, const Ptr<U> &target, const QVariantMap &through = {}) const
    {
        return run([i, association, target, through] {
            i->add(association, target.template staticCast<Instance>(), through);
        });
    }
    template <class T, class U>
    QFuture<void> add(const Ptr<T> &i, const QString &association, const QList<Ptr<U>> &targets,
                      const QVariantMap &through = {}) const
    {
        return run([i, association, targets, through] { i->add(association, castAll(targets), through); });
    }
    template <class T, class U> QFuture<void> remove(const Ptr<T> &i, const QString &association, const Ptr<U> &target) const
    {
        return run([i, association, target] { i->remove(association, target.template staticCast<Instance>()); });
    }
    template <class T, class U>
    QFuture<void> remove(const Ptr<T> &i, const QString &association, const QList<Ptr<U>> &targets) const
    {
        return run([i, association, targets] { i->remove(association, castAll(targets)); });
    }
    template <class Target = Instance, class T>
    QFuture<Ptr<Target>> createAssociated(const Ptr<T> &i, const QString &association, const QVariantMap &values,
                                          const QVariantMap &through = {}) const
    {
        return run([i, association, values, through] {
            return i->createAssociated(association, values, through).template staticCast<Target>();
        });
    }
    template <class Target = Instance, class T>
    QFuture<QList<Ptr<Target>>> createAssociated(const Ptr<T> &i, const QString &association,
                                                 const QList<QVariantMap> &values) const
    {
        return run([i, association, values] { return castAll<Target>(i->createAssociated(association, values)); });
    }

    // --- Run-time models, by name: db.async().findAll("Tag", options) ----------------------
    // The same operations as the typed ones above, with the model's name as the first
    // argument instead of the template argument; they give orm::Instance pointers. Their
    // instance operations and accessors are the ones above, with Ptr<orm::Instance>.
    QFuture<Ptr<Instance>> create(const QString &model, const Values &values, const CreateOptions &o = {}) const
    {
        return onNamed(model, [values, o](const ModelHandle &h) { return h.create(values, o); });
    }
    QFuture<QList<Ptr<Instance>>> findAll(const QString &model, const FindOptions &o = {}) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.findAll(o); });
    }
    QFuture<Ptr<Instance>> findOne(const QString &model, const FindOptions &o = {}) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.findOne(o); });
    }
    QFuture<Ptr<Instance>> findByPk(const QString &model, const QVariant &key, const FindOptions &o = {}) const
    {
        return onNamed(model, [key, o](const ModelHandle &h) { return h.findByPk(key, o); });
    }
    QFuture<std::pair<Ptr<Instance>, bool>> findOrCreate(const QString &model, const FindOrCreateOptions &o) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.findOrCreate(o); });
    }
    QFuture<FindAndCountResult<Instance>> findAndCountAll(const QString &model, const FindOptions &o = {}) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.findAndCountAll(o); });
    }
    QFuture<qint64> count(const QString &model, const CountOptions &o = {}) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.count(o); });
    }
    QFuture<QList<GroupCount>> countGrouped(const QString &model, const CountOptions &o) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.countGrouped(o); });
    }
    QFuture<QVariant> max(const QString &model, const QString &a, const AggregateOptions &o = {}) const
    {
        return onNamed(model, [a, o](const ModelHandle &h) { return h.max(a, o); });
    }
    QFuture<QVariant> min(const QString &model, const QString &a, const AggregateOptions &o = {}) const
    {
        return onNamed(model, [a, o](const ModelHandle &h) { return h.min(a, o); });
    }
    QFuture<QVariant> sum(const QString &model, const QString &a, const AggregateOptions &o = {}) const
    {
        return onNamed(model, [a, o](const ModelHandle &h) { return h.sum(a, o); });
    }
    QFuture<qint64> update(const QString &model, const QVariantMap &values, const UpdateOptions &o) const
    {
        return onNamed(model, [values, o](const ModelHandle &h) { return h.update(values, o); });
    }
    QFuture<qint64> destroy(const QString &model, const DestroyOptions &o) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.destroy(o); });
    }
    QFuture<qint64> restore(const QString &model, const RestoreOptions &o) const
    {
        return onNamed(model, [o](const ModelHandle &h) { return h.restore(o); });
    }
    QFuture<QList<Ptr<Instance>>> bulkCreate(const QString &model, const QList<QVariantMap> &records,
                                             const BulkCreateOptions &o = {}) const
    {
        return onNamed(model, [records, o](const ModelHandle &h) { return h.bulkCreate(records, o); });
    }
    QFuture<QList<Ptr<Instance>>> bulkCreate(const QString &model, const QList<Values> &records,
                                             const BulkCreateOptions &o = {}) const
    {
        return onNamed(model, [records, o](const ModelHandle &h) { return h.bulkCreate(records, o); });
    }
    QFuture<QList<Ptr<Instance>>> bulkCreate(const QString &model, std::initializer_list<Values> records,
                                             const BulkCreateOptions &o = {}) const
    {
        return bulkCreate(model, QList<Values>(records), o);
    }
    QFuture<void> sync(const QString &model, const SyncOptions &o = {}) const
    {
        return onNamed(model, [o](const ModelHandle &h) { h.sync(o); });
    }
    QFuture<void> drop(const QString &model) const
    {
        return onNamed(model, [](const ModelHandle &h) { h.drop(); });
    }

private:
    template <class Out = Instance, class U> static QList<Ptr<Out>> castAll(const QList<Ptr<U>> &in)
    {
        QList<Ptr<Out>> out;
        out.reserve(in.size());
        for (const auto &p : in)
            out.append(p.template staticCast<Out>());
        return out;
    }

    template <class T, class F> auto onModel(F fn) const -> QFuture<std::invoke_result_t<F, const ModelHandle &>>
    {
        return run([db = m_db, fn = std::move(fn)] { return fn(detail::asyncModel(db, &T::staticMetaObject)); });
    }

    // With transaction set, fn runs inside a managed transaction with those options.
    template <class F> auto onNamed(const QString &model, F fn) const
        -> QFuture<std::invoke_result_t<F, const ModelHandle &>>
    {
        return run([db = m_db, model, fn = std::move(fn)] { return fn(Database(db).model(model)); });
    }

    template <class R, class F> QFuture<R> submit(F fn, std::optional<TransactionOptions> transaction) const
    {
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        QPointer<QThread> caller = QThread::currentThread();
        auto job = [promise, fn = std::optional<F>(std::move(fn)), caller, transaction, db = m_db]() mutable {
            // Cancelled before it started: it never runs.
            if (!promise->isCanceled()) {
                try {
                    if constexpr (std::is_void_v<R>) {
                        if (transaction)
                            Database(db).transaction(
                                [&] {
                                    (*fn)();
                                    if (promise->isCanceled())
                                        throw detail::AsyncCancelled{};
                                },
                                *transaction);
                        else
                            (*fn)();
                    } else {
                        std::optional<R> result;
                        if (transaction)
                            Database(db).transaction(
                                [&] {
                                    result.emplace((*fn)());
                                    if (promise->isCanceled())
                                        throw detail::AsyncCancelled{};
                                },
                                *transaction);
                        else
                            result.emplace((*fn)());
                        // Into the caller's thread before anyone can see them.
                        if (QThread *target = caller.data())
                            detail::moveResult(*result, target);
                        promise->addResult(std::move(*result));
                    }
                } catch (const detail::AsyncCancelled &) {
                    // Rolled back; the future is cancelled already.
                } catch (...) {
                    promise->setException(std::current_exception());
                }
            }
            // Let go of what the job holds before the caller can see it finished: when it
            // was the last handle, the database is closed by the time the future is.
            fn.reset();
            db.reset();
            promise->finish();
        };
        try {
            if (!m_db)
                throw ConnectionError(QStringLiteral("async() on an invalid Database: open it first"));
            detail::enqueueAsync(m_db, m_options.parallel, std::move(job));
        } catch (...) {
            promise->setException(std::current_exception());
            promise->finish();
        }
        return future;
    }

    std::shared_ptr<detail::DatabasePrivate> m_db;
    AsyncOptions m_options;
};

inline AsyncDatabase Database::async(const AsyncOptions &options) const
{
    return AsyncDatabase(d, options);
}

} // namespace orm
