// Turns result rows into instances. The plan (which column feeds which field, and how
// it is decoded and stored) is the model's, resolved once (FieldStores), so each row is a
// loop over indexes: no name lookups, no metadata parsing.
#pragma once

#include "exec/Executor.h"
#include "load/FieldStore.h"

#include <orm/ModelHandle.h>

namespace orm::detail {

class Hydrator
{
public:
    // Every field of the model, in order (the columns of SELECT of all attributes).
    explicit Hydrator(const ModelHandle &model);
    // The given fields, in the order of the columns.
    Hydrator(const ModelHandle &model, QList<int> fields);

    // Builds one instance from the current row, reading columns [offset, offset + fields).
    Ptr<Instance> hydrate(Cursor &cursor, int offset = 0) const;
    QList<Ptr<Instance>> all(Cursor &cursor) const;

private:
    void store(Instance &instance, int field, const QVariant &value) const;

    ModelHandle m_model;
    const ModelMeta &m_meta;
    const Dialect &m_dialect;
    std::shared_ptr<const FieldStores> m_stores;
    QList<int> m_fields; // empty when m_allInOrder
    int m_count = 0;     // columns read per row
    // Every field, in order: the row fills the whole snapshot, which is built in place
    // instead of copying m_unloaded and overwriting it.
    bool m_allInOrder = false;
    QVariantList m_unloaded; // previous values for the fields not selected: the defaults
};

} // namespace orm::detail
