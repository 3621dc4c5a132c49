// The model and instance operations: what ModelHandle and Instance delegate to. Each one
// builds its statements (query/), runs them through the Executor (exec/) and turns rows
// into instances (load/).
#pragma once

#include <orm/FindOptions.h>
#include <orm/Instance.h>
#include <orm/ModelHandle.h>

namespace orm::detail {

class Executor;

struct Operations
{
    // Instance operations
    static void save(Instance &instance, const SaveOptions &options);
    static void reload(Instance &instance);
    static void destroy(Instance &instance, bool force);
    static void restore(Instance &instance);
    static void increment(Instance &instance, const QVariantMap &by, bool decrement);

    // Model operations
    static Ptr<Instance> build(const ModelHandle &model, const Values &values);
    // Defaults (literal, NOW, UUIDV4) into the fields; onlyWhereNull for an instance that
    // was constructed directly (User u; u.save()) rather than built.
    static void applyDefaults(Instance &instance, bool onlyWhereNull);
    static QList<Ptr<Instance>> findAll(const ModelHandle &model, const FindOptions &options);
    static qint64 count(const ModelHandle &model, const CountOptions &options);
    static QList<GroupCount> countGrouped(const ModelHandle &model, const CountOptions &options);
    static QVariant aggregate(const ModelHandle &model, const QString &fn, const QString &attribute,
                              const AggregateOptions &options);
    static qint64 update(const ModelHandle &model, const QVariantMap &values, const UpdateOptions &options);
    static qint64 destroy(const ModelHandle &model, const DestroyOptions &options);
    static qint64 restore(const ModelHandle &model, const RestoreOptions &options);
    static QList<Ptr<Instance>> bulkCreate(const ModelHandle &model, const QList<Values> &records,
                                           const BulkCreateOptions &options);
    static std::pair<Ptr<Instance>, bool> findOrCreate(const ModelHandle &model, const FindOrCreateOptions &options);

    // allowNull=false on a null value, checked before any query (ValidationError).
    static void checkNotNull(const Instance &instance, const QList<int> &fields, int record = -1);
};

} // namespace orm::detail
