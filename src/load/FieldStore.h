// How a decoded value is written into each field of a model's instances: moc's accessor
// of the declaring class for a property, the instance's slots, or the general path. It is
// worked out once per model (ModelMeta::finalize), not once per query.
#pragma once

#include <orm/ModelMeta.h>

namespace orm::detail {

struct FieldStore
{
    enum Kind { Generic, Property, Slot };
    Kind kind = Generic;
    int index = -1; // Property: the declaring class's own property index
    // Property: moc's accessor of the declaring class, called directly (as Instance's
    // field writes do): QMetaObject::metacall walks the qt_metacall chain to find it.
    void (*call)(QObject *, QMetaObject::Call, int, void **) = nullptr;
    bool textual = false; // a QString/QByteArray property: "" needs writeField (see Hydrator)
    bool operator==(const FieldStore &) const = default;

    // Property: reads or writes it through moc's accessor (argv as QMetaObject::metacall
    // takes it). Instances never carry a dynamic meta-object (QML's), the one case that
    // QMetaObject::metacall handles differently from the accessor.
    void invoke(QObject *object, QMetaObject::Call c, void **argv) const
    {
        if (call)
            call(object, c, index, argv);
        else
            QMetaObject::metacall(object, c, index, argv);
    }
};

class FieldStores
{
public:
    explicit FieldStores(const ModelMeta &m);
    const FieldStore &at(int field) const { return m_stores.at(field); }
    qsizetype size() const { return m_stores.size(); }
    bool operator==(const FieldStores &o) const { return m_stores == o.m_stores; }

private:
    QList<FieldStore> m_stores; // parallel to ModelMeta::fields
};

} // namespace orm::detail
