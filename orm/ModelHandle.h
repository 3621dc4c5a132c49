// A defined model, untyped: the operations Sequelize has on a model class, returning
// Instance pointers. orm::Model<T> wraps it with types; run-time models (defined from
// JSON) and the browser use it directly: db.model("User").findAll().
#pragma once

#include <orm/FindOptions.h>
#include <orm/Hooks.h>
#include <orm/ModelMeta.h>
#include <orm/Validation.h>
#include <orm/Values.h>
#include <memory>

namespace orm {

class Database;
class Instance;
namespace detail { class DatabasePrivate; }

class QUARRY_EXPORT ModelHandle
{
public:
    ModelHandle() = default;
    ModelHandle(std::shared_ptr<detail::DatabasePrivate> db, const ModelMeta *meta)
        : m_db(std::move(db)), m_meta(meta) {}

    bool isValid() const { return m_meta != nullptr && m_db != nullptr; }
    const ModelMeta &meta() const { return *m_meta; }
    Database database() const;

    // An unsaved instance with the model's defaults and the given values.
    Ptr<Instance> build(const Values &values = {}) const;
    Ptr<Instance> create(const Values &values, const CreateOptions &options = {}) const;

    QList<Ptr<Instance>> findAll(const FindOptions &options = {}) const;
    Ptr<Instance> findOne(const FindOptions &options = {}) const;
    Ptr<Instance> findByPk(const QVariant &key, const FindOptions &options = {}) const;
    // Finds the row matching where, or creates it from where + defaults, in a transaction.
    std::pair<Ptr<Instance>, bool> findOrCreate(const FindOrCreateOptions &options) const;
    FindAndCountResult<Instance> findAndCountAll(const FindOptions &options = {}) const;

    qint64 count(const CountOptions &options = {}) const;
    QList<GroupCount> countGrouped(const CountOptions &options) const;
    // Aggregates return a null QVariant when no row matches.
    QVariant max(const QString &attribute, const AggregateOptions &options = {}) const;
    QVariant min(const QString &attribute, const AggregateOptions &options = {}) const;
    QVariant sum(const QString &attribute, const AggregateOptions &options = {}) const;

    // Static update: UPDATE ... WHERE; returns the affected row count.
    qint64 update(const QVariantMap &values, const UpdateOptions &options) const;
    // Static destroy: soft on a paranoid model unless force. An empty where throws
    // unless truncate is set, so a forgotten filter never wipes a table.
    qint64 destroy(const DestroyOptions &options) const;
    qint64 restore(const RestoreOptions &options = {}) const;

    QList<Ptr<Instance>> bulkCreate(const QList<Values> &records, const BulkCreateOptions &options = {}) const;
    QList<Ptr<Instance>> bulkCreate(const QList<QVariantMap> &records, const BulkCreateOptions &options = {}) const;
    // A brace list of records: bulkCreate({{{"name", "a"}}, {{"name", "b"}}}).
    QList<Ptr<Instance>> bulkCreate(std::initializer_list<Values> records, const BulkCreateOptions &options = {}) const
    {
        return bulkCreate(QList<Values>(records), options);
    }

    // Associations, by target model name (typed models: User::hasMany<Post>()).
    AssociationMeta hasOne(const QString &target, const AssociationOptions &options = {}) const;
    AssociationMeta belongsTo(const QString &target, const AssociationOptions &options = {}) const;
    AssociationMeta hasMany(const QString &target, const AssociationOptions &options = {}) const;
    AssociationMeta belongsToMany(const QString &target, const AssociationOptions &options = {}) const;

    // Custom validators (orm/Validation.h), run before every insert and update. A second
    // one of the same name (on the same attribute) replaces the first.
    void addValidator(const QString &attribute, const QString &name, FieldValidatorFunction fn) const;
    void addModelValidator(const QString &name, ModelValidatorFunction fn) const;

    // Hooks (orm/Hooks.h): run after the member functions the model class overrides, in
    // the order they were added. An instance hook with a list hook's function (or the
    // other way round) is a DefinitionError. Returns an id for removeHook.
    int addHook(Hook hook, InstanceHookFunction fn) const;
    int addHook(Hook hook, std::function<void(Instance &instance)> fn) const;
    int addHook(Hook hook, BulkCreateHookFunction fn) const;
    int addHook(Hook hook, FindHookFunction fn) const;
    int addHook(Hook hook, std::function<void(const QList<Ptr<Instance>> &instances)> fn) const;
    // beforeBulkUpdate ... afterBulkRestore: the operation's options (a before-hook may change them).
    int addHook(Hook hook, BulkHookFunction fn) const;
    // False when no hook has this id.
    bool removeHook(int id) const;

    void sync(const SyncOptions &options = {}) const;
    void drop() const;

    const std::shared_ptr<detail::DatabasePrivate> &databasePrivate() const { return m_db; }

private:
    std::shared_ptr<detail::DatabasePrivate> m_db;
    const ModelMeta *m_meta = nullptr;
};

} // namespace orm
