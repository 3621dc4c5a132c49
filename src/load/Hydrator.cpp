#include "load/Hydrator.h"

#include "exec/DatabasePrivate.h"
#include "load/InstanceAccess.h"

namespace orm::detail {

Hydrator::Hydrator(const ModelHandle &model, QList<int> fields)
    : m_model(model), m_meta(model.meta()), m_dialect(*model.databasePrivate()->dialect), m_fields(std::move(fields))
{
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
        m_allInOrder = m_fields.size() == m_meta.fields.size();
        for (int k = 0; k < m_fields.size(); ++k)
            m_allInOrder = m_allInOrder && m_fields.at(k) == k;
        if (!m_allInOrder)
            for (const FieldMeta &f : m_meta.fields)
                m_unloaded.append(QVariant(f.metaType));
    }
    m_steps.reserve(m_fields.size());
    for (int f : m_fields) {
        const FieldMeta &field = m_meta.fields.at(f);
        Step step;
        step.field = f;
        if (field.storage == FieldMeta::Storage::Property && field.property.isWritable()
            && field.property.metaType() == field.metaType && field.metaType != QMetaType::fromType<QVariant>()) {
            step.kind = Step::Property;
            const QMetaObject *declaring = field.property.enclosingMetaObject();
            step.call = declaring ? declaring->d.static_metacall : nullptr;
            step.index = step.call ? field.property.relativePropertyIndex() : field.property.propertyIndex();
            const int id = field.metaType.id();
            step.textual = id == QMetaType::QString || id == QMetaType::QByteArray;
        } else if (field.storage == FieldMeta::Storage::Slot) {
            step.kind = Step::Slot;
        }
        m_steps.append(step);
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
void Hydrator::store(Instance &instance, const Step &step, const QVariant &value) const
{
    if (step.kind != Step::Generic && value.metaType() == m_meta.fields.at(step.field).metaType) {
        if (step.kind == Step::Slot)
            return; // the snapshot holds it (Instance::readField reads a slot never written there)
        if (!(step.textual && emptyText(value))) {
            // The setter reads the snapshot's own value: moc's MEMBER setter assigns from
            // it and a WRITE function takes it by const reference (or a copy), so the copy
            // QMetaProperty::write makes first is not needed; constData() spares the
            // out-of-line detach of data().
            int status = -1, flags = 0;
            void *argv[] = {const_cast<void *>(value.constData()), const_cast<QVariant *>(&value), &status, &flags};
            if (step.call)
                step.call(&instance, QMetaObject::WriteProperty, step.index, argv);
            else
                QMetaObject::metacall(&instance, QMetaObject::WriteProperty, step.index, argv);
            return;
        }
    }
    InstanceAccess::write(instance, step.field, value);
}

Ptr<Instance> Hydrator::hydrate(Cursor &cursor, int offset) const
{
    Ptr<Instance> instance = m_meta.factory ? m_meta.factory() : Ptr<Instance>::create();
    Instance *raw = instance.data();
    InstanceAccess::attach(*raw, m_model);
    QVariantList previous(m_allInOrder ? m_fields.size() : 0); // allocated once, at its size
    if (m_allInOrder) {
        // Decoded straight into the snapshot's storage: constructing over a null QVariant
        // that was never used is allowed ([basic.life]: its destructor has no effect to
        // miss), and costs a quarter of an append.
        QVariant *out = previous.data();
        for (int f = 0; f < m_fields.size(); ++f) {
            new (out + f) QVariant(m_dialect.fromDb(m_meta.fields.at(f), cursor.value(offset + f)));
            store(*raw, m_steps.at(f), out[f]);
        }
    } else {
        previous = m_unloaded;
        for (int k = 0; k < m_fields.size(); ++k) {
            const int f = m_fields.at(k);
            QVariant v = m_dialect.fromDb(m_meta.fields.at(f), cursor.value(offset + k));
            store(*raw, m_steps.at(k), v);
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
