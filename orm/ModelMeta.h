// What the ORM knows about a model, resolved once when the model is defined: its table,
// options and fields. Read-only for applications (the browser draws from it); the engine
// keeps indexes here so that no row ever needs a string lookup.
#pragma once

#include <orm/Association.h>
#include <orm/Global.h>
#include <QHash>
#include <QMetaEnum>
#include <QMetaProperty>
#include <QMetaType>
#include <QStringList>
#include <QVariant>
#include <functional>
#include <memory>
#include <optional>

class QMetaObject;

namespace orm {

class Instance;
namespace detail {
class FieldValidators;
class ModelValidators;
class ModelHooks;
class FieldStores;
// A new, empty store of hooks (src/hooks).
QUARRY_EXPORT std::shared_ptr<ModelHooks> makeModelHooks();
} // namespace detail

enum class FieldType {
    Boolean, Integer, BigInt, Double, Decimal,
    String, Text, Blob,
    Date, Time, DateTime,
    Uuid, Json, Enum
};

QUARRY_EXPORT QString fieldTypeName(FieldType type);

// SQL NULL as Qt values say it: an invalid or null QVariant, and also a null QString,
// QByteArray, QDate, QTime, QDateTime or QUuid (Qt 6's QVariant::isNull no longer looks inside).
QUARRY_EXPORT bool isNullValue(const QVariant &value);

struct QUARRY_EXPORT FieldMeta
{
    enum class Role { Attribute, CreatedAt, UpdatedAt, DeletedAt };
    enum class Default { None, Literal, Now, UuidV4 };
    // Where an instance keeps the value: a Q_PROPERTY, a dynamic property (run-time
    // models), or a slot of the instance's own storage (implicit id, timestamps, keys).
    enum class Storage { Property, Dynamic, Slot };

    QString name;   // attribute name, as the application spells it
    QString column; // column name in the table
    FieldType type = FieldType::String;
    int length = 255;              // STRING(n)
    int precision = 10, scale = 2; // DECIMAL(p,s)
    bool primaryKey = false;
    bool autoIncrement = false;
    bool allowNull = true;
    bool unique = false;
    QString uniqueGroup; // composite unique key name; empty for a single-column key
    bool index = false;
    Default defaultKind = Default::None;
    QVariant defaultValue; // Literal defaults, already of the field's type
    QString comment;
    QStringList validators; // validator tokens as declared ("isEmail", "len=3,20"); see orm/Validation.h
    // The tokens compiled once when the model is defined (null: the field has none).
    std::shared_ptr<const detail::FieldValidators> compiledValidators;
    Role role = Role::Attribute;
    // Set when the field is a foreign key (declared by an association or by hand).
    struct Reference
    {
        QString model, table, column;
        QString onDelete, onUpdate; // "CASCADE", "SET NULL", "NO ACTION", "RESTRICT"
    };
    std::optional<Reference> references;
    bool implicit = false; // added by the ORM (id, timestamps), not declared

    Storage storage = Storage::Slot;
    QMetaProperty property;  // Storage::Property
    QByteArray propertyName; // Storage::Dynamic (and the property's name otherwise)
    int slot = -1;           // Storage::Slot
    QMetaType metaType;      // the C++ type an instance holds
    QMetaEnum metaEnum;      // FieldType::Enum
    QString model;           // the owning model's name, for error messages (set when it is defined)

    bool isTimestamp() const { return role != Role::Attribute; }
};

struct QUARRY_EXPORT ModelOptions
{
    QString tableName;
    bool timestamps = true;
    bool paranoid = false;
    bool underscored = false;
    bool freezeTableName = false;
    // Attribute names of the timestamps; empty turns one off.
    QString createdAt = QStringLiteral("createdAt");
    QString updatedAt = QStringLiteral("updatedAt");
    QString deletedAt = QStringLiteral("deletedAt");
    QString comment;
};

struct QUARRY_EXPORT IndexMeta
{
    QString name;
    QStringList columns;
    bool unique = false;
};

class QUARRY_EXPORT ModelMeta
{
public:
    QString name;      // the model's name ("User")
    QString tableName; // resolved ("Users", "users")
    ModelOptions options;
    QList<FieldMeta> fields;
    QList<int> primaryKey; // indexes into fields
    QList<IndexMeta> indexes; // unique keys and plain indexes, named
    QList<AssociationMeta> associations;
    bool isJunction = false; // created or adopted as a belongsToMany junction
    int createdAt = -1, updatedAt = -1, deletedAt = -1;
    int slotCount = 0;
    const QMetaObject *metaObject = nullptr; // null for run-time models
    // Makes an instance of the class: object and reference count in one allocation
    // (QSharedPointer<T>::create), one fewer per row loaded.
    std::function<Ptr<Instance>()> factory;
    // Validators added in code (ModelHandle::addValidator, addModelValidator); safe to read
    // from any thread while another adds one.
    std::shared_ptr<detail::ModelValidators> customValidators;
    // Hooks added in code (ModelHandle::addHook, orm/Hooks.h); safe to read from any thread
    // while another adds one. Never null.
    std::shared_ptr<detail::ModelHooks> hooks = detail::makeModelHooks();
    // How loaded values are written into each field, resolved by finalize() (internal).
    std::shared_ptr<const detail::FieldStores> stores;

    bool isDynamic() const { return metaObject == nullptr; }
    bool isParanoid() const { return deletedAt >= 0; }
    int indexOf(const QString &attribute) const { return m_byName.value(attribute, -1); }
    // The same lookup for a name that is not a QString (orm::Values' names): no copy.
    int indexOf(QStringView attribute) const
    {
        return m_byName.value(QString::fromRawData(attribute.data(), attribute.size()), -1);
    }
    int indexOfColumn(const QString &column) const { return m_byColumn.value(column, -1); }
    const FieldMeta *field(const QString &attribute) const
    {
        const int i = indexOf(attribute);
        return i < 0 ? nullptr : &fields.at(i);
    }
    const FieldMeta &primaryKeyField() const { return fields.at(primaryKey.value(0)); }
    QStringList attributeNames() const;
    const AssociationMeta *association(const QString &name) const
    {
        for (const AssociationMeta &a : associations)
            if (a.name == name)
                return &a;
        return nullptr;
    }

    // Called once the field list is final: builds the name lookups and the load plan.
    void finalize();

private:
    QHash<QString, int> m_byName;
    QHash<QString, int> m_byColumn;
};

} // namespace orm
