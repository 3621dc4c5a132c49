#include <orm/ModelMeta.h>

#include "load/FieldStore.h"

#include <QDateTime>
#include <QUuid>

namespace orm {

QString fieldTypeName(FieldType type)
{
    switch (type) {
    case FieldType::Boolean: return QStringLiteral("BOOLEAN");
    case FieldType::Integer: return QStringLiteral("INTEGER");
    case FieldType::BigInt: return QStringLiteral("BIGINT");
    case FieldType::Double: return QStringLiteral("DOUBLE");
    case FieldType::Decimal: return QStringLiteral("DECIMAL");
    case FieldType::String: return QStringLiteral("STRING");
    case FieldType::Text: return QStringLiteral("TEXT");
    case FieldType::Blob: return QStringLiteral("BLOB");
    case FieldType::Date: return QStringLiteral("DATEONLY");
    case FieldType::Time: return QStringLiteral("TIME");
    case FieldType::DateTime: return QStringLiteral("DATE");
    case FieldType::Uuid: return QStringLiteral("UUID");
    case FieldType::Json: return QStringLiteral("JSON");
    case FieldType::Enum: return QStringLiteral("ENUM");
    }
    return {};
}

bool isNullValue(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return true;
    switch (v.metaType().id()) {
    case QMetaType::QString: return v.toString().isNull();
    case QMetaType::QByteArray: return v.toByteArray().isNull();
    case QMetaType::QDate: return v.toDate().isNull();
    case QMetaType::QTime: return v.toTime().isNull();
    case QMetaType::QDateTime: return v.toDateTime().isNull();
    case QMetaType::QUuid: return v.toUuid().isNull();
    default: return false;
    }
}

QStringList ModelMeta::attributeNames() const
{
    QStringList out;
    out.reserve(fields.size());
    for (const FieldMeta &f : fields)
        out.append(f.name);
    return out;
}

void ModelMeta::finalize()
{
    // Everything derived from the field list, recomputed whenever fields change (an
    // association adds a foreign key; a junction trades its implicit id for a composite key).
    m_byName.clear();
    m_byColumn.clear();
    primaryKey.clear();
    createdAt = updatedAt = deletedAt = -1;
    slotCount = 0;
    for (int i = 0; i < fields.size(); ++i) {
        FieldMeta &f = fields[i];
        m_byName.insert(f.name, i);
        m_byColumn.insert(f.column, i);
        if (f.primaryKey)
            primaryKey.append(i);
        if (f.storage == FieldMeta::Storage::Slot)
            f.slot = slotCount++;
        if (f.role == FieldMeta::Role::CreatedAt)
            createdAt = i;
        else if (f.role == FieldMeta::Role::UpdatedAt)
            updatedAt = i;
        else if (f.role == FieldMeta::Role::DeletedAt)
            deletedAt = i;
    }
    // Kept when nothing changed (an association whose key exists already finalizes again):
    // a query on another thread may be reading the plan.
    auto fresh = std::make_shared<const detail::FieldStores>(*this);
    if (!stores || !(*stores == *fresh))
        stores = std::move(fresh);
}

} // namespace orm
