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
        std::unique_ptr<Instance> blank(m_meta.factory ? m_meta.factory() : new Instance());
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
}

Ptr<Instance> Hydrator::hydrate(Cursor &cursor, int offset) const
{
    Instance *raw = m_meta.factory ? m_meta.factory() : new Instance();
    Ptr<Instance> instance(raw);
    InstanceAccess::attach(*raw, m_model);
    QVariantList previous;
    if (m_allInOrder) {
        previous.reserve(m_fields.size());
        for (int f = 0; f < m_fields.size(); ++f) {
            previous.append(m_dialect.fromDb(m_meta.fields.at(f), cursor.value(offset + f)));
            InstanceAccess::write(*raw, f, previous.constLast());
        }
    } else {
        previous = m_unloaded;
        for (int k = 0; k < m_fields.size(); ++k) {
            const int f = m_fields.at(k);
            QVariant v = m_dialect.fromDb(m_meta.fields.at(f), cursor.value(offset + k));
            InstanceAccess::write(*raw, f, v);
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
