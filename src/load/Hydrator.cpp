#include "load/Hydrator.h"

#include "exec/DatabasePrivate.h"
#include "load/InstanceAccess.h"

namespace orm::detail {

namespace {
std::shared_ptr<const FieldStores> storesOf(const ModelMeta &m)
{
    if (m.stores && m.stores->size() == m.fields.size())
        return m.stores;
    return std::make_shared<const FieldStores>(m); // a model that was never finalized
}
} // namespace

Hydrator::Hydrator(const ModelHandle &model)
    : m_model(model), m_meta(model.meta()), m_dialect(*model.databasePrivate()->dialect), m_stores(storesOf(m_meta)),
      m_count(int(m_meta.fields.size())), m_allInOrder(true)
{
}

Hydrator::Hydrator(const ModelHandle &model, QList<int> fields)
    : m_model(model), m_meta(model.meta()), m_dialect(*model.databasePrivate()->dialect), m_stores(storesOf(m_meta)),
      m_fields(std::move(fields)), m_count(int(m_fields.size()))
{
    m_allInOrder = m_fields.size() == m_meta.fields.size();
    for (int k = 0; m_allInOrder && k < m_fields.size(); ++k)
        m_allInOrder = m_fields.at(k) == k;
    if (m_allInOrder) {
        m_fields.clear();
        return;
    }
    // Attributes a query does not read keep the value a new instance holds (its member's
    // default), and that value is also their snapshot: they are not changes, so a later
    // save() never writes those defaults over the row's real values.
    m_unloaded.reserve(m_meta.fields.size());
    if (m_fields.size() < m_meta.fields.size()) {
        const Ptr<Instance> blank = m_meta.factory ? m_meta.factory() : Ptr<Instance>::create();
        InstanceAccess::attach(*blank, m_model);
        for (int f = 0; f < m_meta.fields.size(); ++f)
            m_unloaded.append(InstanceAccess::read(*blank, f));
    } else {
        for (const FieldMeta &f : m_meta.fields)
            m_unloaded.append(QVariant(f.metaType));
    }
}

namespace {
// "" (not null): writeField steps it over a null member, which moc's setter would skip.
bool emptyText(const QVariant &v)
{
    if (v.metaType().id() == QMetaType::QString) {
        const auto *s = static_cast<const QString *>(v.constData());
        return s->isEmpty() && !s->isNull();
    }
    const auto *b = static_cast<const QByteArray *>(v.constData());
    return b->isEmpty() && !b->isNull();
}
} // namespace

// Instance::writeField for a value fromDb decoded (so already of the field's type), minus
// what the plan decided once: moc's setter directly for a property, the slot for a slot.
void Hydrator::store(Instance &instance, int field, const QVariant &value) const
{
    const FieldStore &step = m_stores->at(field);
    if (step.kind != FieldStore::Generic && value.metaType() == m_meta.fields.at(field).metaType) {
        if (step.kind == FieldStore::Slot)
            return; // the snapshot holds it (Instance::readField reads a slot never written there)
        if (!(step.textual && emptyText(value))) {
            // The setter reads the snapshot's own value: moc's MEMBER setter assigns from
            // it and a WRITE function takes it by const reference (or a copy), so the copy
            // QMetaProperty::write makes first is not needed; constData() spares the
            // out-of-line detach of data(). (A setter taking a non-const reference and
            // changing its argument would change the snapshot: Qt's setters never do.)
            int status = -1, flags = 0;
            void *argv[] = {const_cast<void *>(value.constData()), const_cast<QVariant *>(&value), &status, &flags};
            step.invoke(&instance, QMetaObject::WriteProperty, argv);
            return;
        }
    }
    InstanceAccess::write(instance, field, value);
}

Ptr<Instance> Hydrator::hydrate(Cursor &cursor, int offset) const
{
    Ptr<Instance> instance = m_meta.factory ? m_meta.factory() : Ptr<Instance>::create();
    Instance *raw = instance.data();
    InstanceAccess::attach(*raw, m_model);
    QVariantList previous(m_allInOrder ? m_count : 0); // allocated once, at its size
    if (m_allInOrder) {
        // Decoded straight into the snapshot's storage: constructing over a null QVariant
        // that was never used is allowed ([basic.life]: its destructor has no effect to
        // miss), and costs a quarter of an append.
        QVariant *out = previous.data();
        for (int f = 0; f < m_count; ++f) {
            new (out + f) QVariant(m_dialect.fromDb(m_meta.fields.at(f), cursor.value(offset + f)));
            store(*raw, f, out[f]);
        }
    } else {
        previous = m_unloaded;
        for (int k = 0; k < m_count; ++k) {
            const int f = m_fields.at(k);
            QVariant v = m_dialect.fromDb(m_meta.fields.at(f), cursor.value(offset + k));
            store(*raw, f, v);
            previous[f] = std::move(v);
        }
    }
    InstanceAccess::loaded(*raw, std::move(previous));
    return instance;
}

QList<Ptr<Instance>> Hydrator::all(Cursor &cursor) const
{
    QList<Ptr<Instance>> out;
    while (cursor.next())
        out.append(hydrate(cursor));
    return out;
}

} // namespace orm::detail
