// The QObject base of every record: values by attribute name, change tracking, and the
// instance operations (save, update, reload, destroy, restore, increment). It knows
// nothing about SQL: every operation is handed to the engine with the model's metadata.
#pragma once

#include <orm/FindOptions.h>
#include <orm/ModelHandle.h>
#include <QJsonObject>
#include <QObject>

namespace orm {

namespace detail { struct InstanceAccess; }

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
    void set(const QVariantMap &values);

    bool isNewRecord() const { return m_isNew; }
    // Attributes whose value differs from the last loaded or saved state.
    QStringList changed() const;
    bool changed(const QString &attribute) const;
    // The value as last loaded or saved.
    QVariant previous(const QString &attribute) const;
    QVariant primaryKeyValue() const;

    // INSERT for a new record; UPDATE of the changed fields otherwise; no query if nothing changed.
    void save(const SaveOptions &options = {});
    void update(const QVariantMap &values, const SaveOptions &options = {});
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

    QJsonObject toJson() const;

protected:
    // Typed models override this to find their binding (orm::Model<T>).
    virtual ModelHandle resolveModel() const;

private:
    friend struct detail::InstanceAccess;
    QVariant readField(int index) const;
    void writeField(int index, const QVariant &value);
    void attach(const ModelHandle &model) const;

    mutable ModelHandle m_model;
    mutable QVariantList m_slots; // values of fields that have no Q_PROPERTY
    QVariantList m_previous;      // field values as loaded or saved; empty when new
    bool m_isNew = true;
};

} // namespace orm
