// orm::Model<T>: the typed face of a model class. Derive from it, declare Q_PROPERTYs and
// Q_CLASSINFO metadata, and the statics below work as Sequelize's model methods:
//
//   class User : public orm::Model<User> { Q_OBJECT ... };
//   db.define<User>();
//   auto john = User::create({{"firstName", "John"}});
//   auto adults = User::findAll({.where = {{"age", orm::Op::gte(18)}}});
#pragma once

#include <orm/Instance.h>

namespace orm {

namespace detail {
// Which database a model class is bound to: the last Database that defined it, else the
// default database (defined there on first use).
QUARRY_EXPORT ModelHandle resolveBinding(const QMetaObject *mo, std::function<Instance *()> factory);
// The model name of a class: its class name without namespaces.
QUARRY_EXPORT QString modelName(const QMetaObject *mo);

template <class T>
QList<Ptr<T>> castList(QList<Ptr<Instance>> &&in)
{
    QList<Ptr<T>> out;
    out.reserve(in.size());
    for (auto &p : in)
        out.append(p.template staticCast<T>());
    return out;
}
} // namespace detail

template <class T>
class Model : public Instance
{
public:
    explicit Model(QObject *parent = nullptr) : Instance(parent) {}

    static ModelHandle handle()
    {
        return detail::resolveBinding(&T::staticMetaObject, [] { return static_cast<Instance *>(new T()); });
    }
    static const ModelMeta &modelMeta() { return handle().meta(); }

    static Ptr<T> build(const QVariantMap &values = {}) { return handle().build(values).template staticCast<T>(); }
    static Ptr<T> create(const QVariantMap &values, const CreateOptions &o = {})
    {
        return handle().create(values, o).template staticCast<T>();
    }
    static QList<Ptr<T>> findAll(const FindOptions &o = {}) { return detail::castList<T>(handle().findAll(o)); }
    static Ptr<T> findOne(const FindOptions &o = {}) { return handle().findOne(o).template staticCast<T>(); }
    static Ptr<T> findByPk(const QVariant &key, const FindOptions &o = {})
    {
        return handle().findByPk(key, o).template staticCast<T>();
    }
    static std::pair<Ptr<T>, bool> findOrCreate(const FindOrCreateOptions &o)
    {
        auto [instance, created] = handle().findOrCreate(o);
        return {instance.template staticCast<T>(), created};
    }
    static FindAndCountResult<T> findAndCountAll(const FindOptions &o = {})
    {
        auto r = handle().findAndCountAll(o);
        return {detail::castList<T>(std::move(r.rows)), r.count};
    }
    static qint64 count(const CountOptions &o = {}) { return handle().count(o); }
    static QList<GroupCount> countGrouped(const CountOptions &o) { return handle().countGrouped(o); }
    static QVariant max(const QString &a, const AggregateOptions &o = {}) { return handle().max(a, o); }
    static QVariant min(const QString &a, const AggregateOptions &o = {}) { return handle().min(a, o); }
    static QVariant sum(const QString &a, const AggregateOptions &o = {}) { return handle().sum(a, o); }
    static qint64 update(const QVariantMap &values, const UpdateOptions &o) { return handle().update(values, o); }
    static qint64 destroy(const DestroyOptions &o) { return handle().destroy(o); }
    // No default argument: john->restore() must name the instance operation unambiguously.
    static qint64 restore(const RestoreOptions &o) { return handle().restore(o); }
    static QList<Ptr<T>> bulkCreate(const QList<QVariantMap> &records, const BulkCreateOptions &o = {})
    {
        return detail::castList<T>(handle().bulkCreate(records, o));
    }
    template <class Target> static AssociationMeta hasOne(const AssociationOptions &o = {})
    {
        return handle().hasOne(detail::modelName(&Target::staticMetaObject), o);
    }
    template <class Target> static AssociationMeta belongsTo(const AssociationOptions &o = {})
    {
        return handle().belongsTo(detail::modelName(&Target::staticMetaObject), o);
    }
    template <class Target> static AssociationMeta hasMany(const AssociationOptions &o = {})
    {
        return handle().hasMany(detail::modelName(&Target::staticMetaObject), o);
    }
    template <class Target> static AssociationMeta belongsToMany(const AssociationOptions &o = {})
    {
        return handle().belongsToMany(detail::modelName(&Target::staticMetaObject), o);
    }

    // Custom validators (orm/Validation.h): User::validate("password", "isStrong", fn),
    // User::validateModel("bothCoordsOrNone", fn).
    static void validate(const QString &attribute, const QString &name, FieldValidatorFunction fn)
    {
        handle().addValidator(attribute, name, std::move(fn));
    }
    static void validateModel(const QString &name, ModelValidatorFunction fn)
    {
        handle().addModelValidator(name, std::move(fn));
    }

    static void sync(const SyncOptions &o = {}) { handle().sync(o); }
    static void drop() { handle().drop(); }

    // The instance operations stay reachable despite the statics of the same name above.
    using Instance::destroy;
    using Instance::restore;
    using Instance::update;

protected:
    ModelHandle resolveModel() const override { return handle(); }
};

} // namespace orm
