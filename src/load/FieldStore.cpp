#include "load/FieldStore.h"

namespace orm::detail {

FieldStores::FieldStores(const ModelMeta &m)
{
    m_stores.reserve(m.fields.size());
    for (const FieldMeta &field : m.fields) {
        FieldStore s;
        if (field.storage == FieldMeta::Storage::Property && field.property.isWritable()
            && field.property.metaType() == field.metaType && field.metaType != QMetaType::fromType<QVariant>()) {
            s.kind = FieldStore::Property;
            const QMetaObject *declaring = field.property.enclosingMetaObject();
            s.call = declaring ? declaring->d.static_metacall : nullptr;
            s.index = s.call ? field.property.relativePropertyIndex() : field.property.propertyIndex();
            const int id = field.metaType.id();
            s.textual = id == QMetaType::QString || id == QMetaType::QByteArray;
        } else if (field.storage == FieldMeta::Storage::Slot) {
            s.kind = FieldStore::Slot;
        }
        m_stores.append(s);
    }
}

} // namespace orm::detail
