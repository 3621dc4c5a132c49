// orm::Model<T>: the typed face of a model class. Derive from it, declare Q_PROPERTYs and
// Q_CLASSINFO metadata, and the statics below work as Sequelize's model methods:
//
//   class User : public orm::Model<User> { Q_OBJECT ... };
//   db.define<User>();
//   auto john = User::create({{"firstName", "John"}});
//   auto adults = User::findAll({.where = {{"age", orm::Op::gte(18)}}});
#pragma once

#include <orm/Instance.h>
#include <type_traits>

namespace orm {

namespace detail {
// Which database a model class is bound to: the last Database that defined it, else the
// default database (defined there on first use).
QUARRY_EXPORT ModelHandle resolveBinding(const QMetaObject *mo, std::function<Ptr<Instance>()> factory);
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
        return detail::resolveBinding(&T::staticMetaObject, [] { return Ptr<Instance>(QSharedPointer<T>::create()); });
    }
    static const ModelMeta &modelMeta() { return handle().meta(); }

    static Ptr<T> build(const Values &values = {}) { return handle().build(values).template staticCast<T>(); }
    static Ptr<T> create(const Values &values, const CreateOptions &o = {})
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
    static QList<Ptr<T>> bulkCreate(const QList<Values> &records, const BulkCreateOptions &o = {})
    {
        return detail::castList<T>(handle().bulkCreate(records, o));
    }
    static QList<Ptr<T>> bulkCreate(const QList<QVariantMap> &records, const BulkCreateOptions &o = {})
    {
        return detail::castList<T>(handle().bulkCreate(records, o));
    }
    static QList<Ptr<T>> bulkCreate(std::initializer_list<Values> records, const BulkCreateOptions &o = {})
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

    // Hooks (orm/Hooks.h), run after the member functions the class overrides. fn takes
    // the instance (T & or orm::Instance &) and optionally the HookOptions; for the list
    // hooks, the list (of Ptr<T> or Ptr<orm::Instance>) and optionally the operation's
    // options. Returns an id for removeHook.
    //   User::addHook(orm::Hook::BeforeCreate, [](User &u) { u.email = u.email.toLower(); });
    //   User::addHook(orm::Hook::AfterFind, [](const QList<orm::Ptr<User>> &found) { ... });
    template <class F>
    static int addHook(Hook hook, F &&fn)
    {
        using Fn = std::decay_t<F>;
        using List = QList<Ptr<Instance>>;
        using TList = QList<Ptr<T>>;
        if constexpr (std::is_invocable_v<Fn &, Instance &, const HookOptions &>
                      || std::is_invocable_v<Fn &, Instance &>
                      || std::is_invocable_v<Fn &, const List &, const BulkCreateOptions &>
                      || std::is_invocable_v<Fn &, const List &, const FindOptions &>
                      || std::is_invocable_v<Fn &, const List &>
                      || std::is_invocable_v<Fn &, BulkHookOptions &>) {
            return handle().addHook(hook, std::forward<F>(fn));
        } else if constexpr (std::is_invocable_v<Fn &, T &, const HookOptions &>) {
            return handle().addHook(hook, InstanceHookFunction([f = Fn(std::forward<F>(fn))](Instance &i, const HookOptions &o) mutable {
                f(static_cast<T &>(i), o);
            }));
        } else if constexpr (std::is_invocable_v<Fn &, T &>) {
            return handle().addHook(hook, InstanceHookFunction([f = Fn(std::forward<F>(fn))](Instance &i, const HookOptions &) mutable {
                f(static_cast<T &>(i));
            }));
        } else if constexpr (std::is_invocable_v<Fn &, const TList &, const BulkCreateOptions &>) {
            return handle().addHook(hook, BulkCreateHookFunction([f = Fn(std::forward<F>(fn))](const List &l, const BulkCreateOptions &o) mutable {
                f(detail::castList<T>(List(l)), o);
            }));
        } else if constexpr (std::is_invocable_v<Fn &, const TList &, const FindOptions &>) {
            return handle().addHook(hook, FindHookFunction([f = Fn(std::forward<F>(fn))](const List &l, const FindOptions &o) mutable {
                f(detail::castList<T>(List(l)), o);
            }));
        } else if constexpr (std::is_invocable_v<Fn &, const TList &>) {
            return handle().addHook(hook, std::function<void(const List &)>([f = Fn(std::forward<F>(fn))](const List &l) mutable {
                f(detail::castList<T>(List(l)));
            }));
        } else {
            static_assert(sizeof(Fn) == 0, "addHook: the function takes (T &[, const orm::HookOptions &]) for an instance "
                                           "hook, or (const QList<orm::Ptr<T>> &[, options]) for a list hook");
            return 0;
        }
    }
    // Removes a hook added by addHook; false when there is none with this id.
    static bool removeHook(int id) { return handle().removeHook(id); }

    static void sync(const SyncOptions &o = {}) { handle().sync(o); }
    static void drop() { handle().drop(); }

    // The instance operations stay reachable despite the statics of the same name above.
    using Instance::destroy;
    using Instance::restore;
    using Instance::update;

protected:
    ModelHandle resolveModel() const override { return handle(); }
    quint32 overriddenHooks() const override
    {
        // A hook counts as overridden when &T::hook is not Instance's: it has another type,
        // or T declares it where Model<T> cannot see it (protected or private in T).
        quint32 bits = 0;
#define QUARRY_HOOK_OVERRIDE(event, member, Type)                                                                       \
    if constexpr (!requires { &T::member; })                                                                           \
        bits |= hookBit(Hook::event);                                                                                  \
    else if constexpr (!std::is_same_v<decltype(&T::member), Type>)                                                   \
        bits |= hookBit(Hook::event);
        using One = void (Instance::*)(const HookOptions &);
        using Bulk = void (Instance::*)(const QList<Ptr<Instance>> &, const BulkCreateOptions &);
        using Find = void (Instance::*)(const QList<Ptr<Instance>> &, const FindOptions &);
        QUARRY_HOOK_OVERRIDE(BeforeValidate, beforeValidate, One)
        QUARRY_HOOK_OVERRIDE(AfterValidate, afterValidate, One)
        QUARRY_HOOK_OVERRIDE(BeforeCreate, beforeCreate, One)
        QUARRY_HOOK_OVERRIDE(AfterCreate, afterCreate, One)
        QUARRY_HOOK_OVERRIDE(BeforeUpdate, beforeUpdate, One)
        QUARRY_HOOK_OVERRIDE(AfterUpdate, afterUpdate, One)
        QUARRY_HOOK_OVERRIDE(BeforeSave, beforeSave, One)
        QUARRY_HOOK_OVERRIDE(AfterSave, afterSave, One)
        QUARRY_HOOK_OVERRIDE(BeforeDestroy, beforeDestroy, One)
        QUARRY_HOOK_OVERRIDE(AfterDestroy, afterDestroy, One)
        QUARRY_HOOK_OVERRIDE(BeforeRestore, beforeRestore, One)
        QUARRY_HOOK_OVERRIDE(AfterRestore, afterRestore, One)
        QUARRY_HOOK_OVERRIDE(BeforeBulkCreate, beforeBulkCreate, Bulk)
        QUARRY_HOOK_OVERRIDE(AfterBulkCreate, afterBulkCreate, Bulk)
        QUARRY_HOOK_OVERRIDE(AfterFind, afterFind, Find)
#undef QUARRY_HOOK_OVERRIDE
        return bits;
    }
};

} // namespace orm
