// Turns result rows into instances. The plan (which column feeds which field, and how
// it is decoded and stored) is fixed once per query, so each row is a loop over indexes:
// no name lookups, no metadata parsing.
#pragma once

#include "exec/Executor.h"

#include <orm/ModelHandle.h>

namespace orm::detail {

class Hydrator
{
public:
    Hydrator(const ModelHandle &model, QList<int> fields);

    // Builds one instance from the current row, reading columns [offset, offset + fields).
    Ptr<Instance> hydrate(Cursor &cursor, int offset = 0) const;
    QList<Ptr<Instance>> all(Cursor &cursor) const;

private:
    // How one selected field is stored; decoded values always have the field's type.
    struct Step
    {
        enum Kind { Generic, Property, Slot };
        Kind kind = Generic;
        int field = -1;
        int index = -1; // Property: the declaring class's own property index
        // Property: moc's accessor of the declaring class, called directly (as Instance's
        // field writes do): QMetaObject::metacall walks the qt_metacall chain to find it.
        void (*call)(QObject *, QMetaObject::Call, int, void **) = nullptr;
        bool textual = false; // a QString/QByteArray property: "" needs writeField (see there)
    };
    void store(Instance &instance, const Step &step, const QVariant &value) const;

    ModelHandle m_model;
    const ModelMeta &m_meta;
    const Dialect &m_dialect;
    QList<int> m_fields;
    QList<Step> m_steps; // parallel to m_fields
    // Every field, in order: the row fills the whole snapshot, which is built by appending
    // instead of copying m_unloaded and overwriting it.
    bool m_allInOrder = false;
    QVariantList m_unloaded; // previous values for the fields not selected: the defaults
};

} // namespace orm::detail
