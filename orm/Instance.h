// The QObject base of every record: values by attribute name, change tracking, and the
// instance operations (save, update, reload, destroy, restore, increment). It knows
// nothing about SQL: every operation is handed to the engine with the model's metadata.
#pragma once

#include <orm/FindOptions.h>
#include <orm/Hooks.h>
#include <orm/ModelHandle.h>
#include <QJsonObject>
#include <QHash>
#include <QObject>

#include <memory>

namespace orm {

namespace detail { struct InstanceAccess; struct HookAccess; }

class QUARRY_EXPORT Instance : public QObject
{
    Q_OBJECT
public:
    explicit Instance(QObject *parent = nullptr);
    ~Instance() override;

    // The model this instance belongs to; resolved on first use for typed models.
    const ModelHandle &model() const;
    const ModelMeta &meta() const { return model().meta(); }

    QVariant get(const QString &attribute) const;
    // Timestamps are maintained by the ORM: writes to them are ignored, as in Sequelize.
    // An attribute the model does not have is a QueryError.
    void set(const QString &attribute, const QVariant &value);
    void set(const Values &values);

    bool isNewRecord() const { return m_isNew; }
    // Attributes whose value differs from the last loaded or saved state.
    QStringList changed() const;
    bool changed(const QString &attribute) const;
    // The value as last loaded or saved.
    QVariant previous(const QString &attribute) const;
    QVariant primaryKeyValue() const;

    // INSERT for a new record; UPDATE of the changed fields otherwise; no query if nothing changed.
    void save(const SaveOptions &options = {});
    void update(const Values &values, const SaveOptions &options = {});
    void reload();
    // Soft delete on a paranoid model (sets deletedAt), unless force.
    void destroy(bool force = false);
    // Clears deletedAt; QueryError on a model that is not paranoid.
    void restore();
    bool isSoftDeleted() const;
    // Atomic SET x = x + n in the database; the instance is reloaded with the new values.
    void increment(const QString &attribute, const QVariant &by = 1);
    void increment(const QVariantMap &by);
    void decrement(const QString &attribute, const QVariant &by = 1);

    // Includes the data loaded by include, nested the way Sequelize's toJSON nests it.
    QJsonObject toJson() const;

    // --- Associations (Sequelize's getX, setX, addX, ...), by association name ---------
    // Each runs its queries now; getOne/get work for every kind (one-kinds give 0 or 1).
    QList<Ptr<Instance>> getAssociated(const QString &association, const FindOptions &options = {}) const;
    Ptr<Instance> getOne(const QString &association) const;
    qint64 countAssociated(const QString &association, const CountOptions &options = {}) const;
    bool has(const QString &association, const Ptr<Instance> &target) const;
    bool has(const QString &association, const QList<Ptr<Instance>> &targets) const;
    // belongsTo/hasOne: link to target (null unlinks). hasMany/belongsToMany: replace the set.
    void setAssociated(const QString &association, const Ptr<Instance> &target);
    void setAssociated(const QString &association, const QList<Ptr<Instance>> &targets);
    // hasMany/belongsToMany; through gives the junction model's extra fields.
    void add(const QString &association, const Ptr<Instance> &target, const QVariantMap &through = {});
    void add(const QString &association, const QList<Ptr<Instance>> &targets, const QVariantMap &through = {});
    void remove(const QString &association, const Ptr<Instance> &target);
    void remove(const QString &association, const QList<Ptr<Instance>> &targets);
    Ptr<Instance> createAssociated(const QString &association, const QVariantMap &values, const QVariantMap &through = {});
    QList<Ptr<Instance>> createAssociated(const QString &association, const QList<QVariantMap> &values);

    template <class T> QList<Ptr<T>> get(const QString &association = {}, const FindOptions &options = {}) const
    {
        return castAll<T>(getAssociated(associationName(&T::staticMetaObject, association), options));
    }
    template <class T> Ptr<T> getOne(const QString &association = {}) const
    {
        return getOne(associationName(&T::staticMetaObject, association)).template objectCast<T>();
    }
    template <class T> void add(const QString &association, const QList<Ptr<T>> &targets, const QVariantMap &through = {})
    {
        add(association, castAll<Instance>(targets), through);
    }
    template <class T> void remove(const QString &association, const QList<Ptr<T>> &targets)
    {
        remove(association, castAll<Instance>(targets));
    }
    template <class T> void setAssociated(const QString &association, const QList<Ptr<T>> &targets)
    {
        setAssociated(association, castAll<Instance>(targets));
    }

    // --- Included data (loaded by FindOptions::include; no query) ----------------------
    bool isIncluded(const QString &association) const { return findIncluded(association) != nullptr; }
    QList<Ptr<Instance>> included(const QString &association) const;
    // The junction row that links this instance to its index-th included target (belongsToMany).
    Ptr<Instance> through(const QString &association, int index) const;
    Ptr<Instance> through(const QString &association, const Ptr<Instance> &target) const;
    template <class T> Ptr<T> one(const QString &association = {}) const
    {
        return included(associationName(&T::staticMetaObject, association)).value(0).template objectCast<T>();
    }
    template <class T> QList<Ptr<T>> many(const QString &association = {}) const
    {
        return castAll<T>(included(associationName(&T::staticMetaObject, association)));
    }

    // The association of this model whose target is the class mo, when name is empty;
    // QueryError when there is none or several (then name it).
    QString associationName(const QMetaObject *mo, const QString &name) const;

protected:
    // Typed models override this to find their binding (orm::Model<T>).
    virtual ModelHandle resolveModel() const;

    // --- Hooks (orm/Hooks.h has the order and the rules) -------------------------------
    // Override them in a model class (orm::Model<T>), public or not:
    //   void beforeCreate(const orm::HookOptions &) override { email = email.toLower(); }
    // They run before the hooks registered with addHook for the same event.
    virtual void beforeValidate(const HookOptions &) {}
    virtual void afterValidate(const HookOptions &) {}
    virtual void beforeCreate(const HookOptions &) {}
    virtual void afterCreate(const HookOptions &) {}
    virtual void beforeUpdate(const HookOptions &) {}
    virtual void afterUpdate(const HookOptions &) {}
    virtual void beforeSave(const HookOptions &) {}
    virtual void afterSave(const HookOptions &) {}
    virtual void beforeDestroy(const HookOptions &) {}
    virtual void afterDestroy(const HookOptions &) {}
    virtual void beforeRestore(const HookOptions &) {}
    virtual void afterRestore(const HookOptions &) {}
    // The list hooks: called on a prototype instance of the class, once per operation.
    virtual void beforeBulkCreate(const QList<Ptr<Instance>> &, const BulkCreateOptions &) {}
    virtual void afterBulkCreate(const QList<Ptr<Instance>> &, const BulkCreateOptions &) {}
    virtual void afterFind(const QList<Ptr<Instance>> &, const FindOptions &) {}
    // Which of the hooks above the class overrides (bits of orm::hookBit); orm::Model<T>
    // works it out at compile time. An operation runs in a transaction of its own only for
    // the hooks named here or registered, so a model without hooks adds no statement.
    virtual quint32 overriddenHooks() const { return 0; }

private:
    friend struct detail::InstanceAccess;
    friend struct detail::HookAccess;
    template <class T, class U> static QList<Ptr<T>> castAll(const QList<Ptr<U>> &in)
    {
        QList<Ptr<T>> out;
        out.reserve(in.size());
        for (const auto &p : in)
            out.append(p.template staticCast<T>());
        return out;
    }
    struct Included
    {
        QString association;
        QList<Ptr<Instance>> items;
        QList<Ptr<Instance>> through; // parallel to items, for belongsToMany
    };
    // A list, not a hash: an instance includes a few associations, and a hash per loaded
    // parent cost three allocations of its own. Allocated on the first include: most
    // instances have none, and 8 bytes per row is what they pay for it.
    mutable std::unique_ptr<QList<Included>> m_included; // get() of a belongsToMany refreshes it
    const Included *findIncluded(const QString &association) const
    {
        if (m_included)
            for (const Included &i : *m_included)
                if (i.association == association)
                    return &i;
        return nullptr;
    }
    void setAttribute(QStringView attribute, const QVariant &value);
    QVariant readField(int index) const;
    void writeField(int index, const QVariant &value);
    void attach(const ModelHandle &model) const;

    mutable ModelHandle m_model;
    mutable QVariantList m_slots; // values of fields that have no Q_PROPERTY
    QVariantList m_previous;      // field values as loaded or saved; empty when new
    bool m_isNew = true;
};

} // namespace orm
