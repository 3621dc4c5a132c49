// The engine's door into an Instance's private state: storage, snapshot, new flag.
#pragma once

#include <orm/Instance.h>
#include <QDateTime>

namespace orm::detail {

// isNullValue, without its copies of the value for the common types (it runs for every
// field of every write).
inline bool nullValue(const QVariant &v)
{
    if (!v.isValid() || v.data_ptr().is_null) // QVariant::isNull's first test, inline
        return true;
    switch (v.metaType().id()) {
    case QMetaType::QString:
        return static_cast<const QString *>(v.constData())->isNull();
    case QMetaType::QDateTime:
        return static_cast<const QDateTime *>(v.constData())->isNull();
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Double:
        return false;
    default:
        return isNullValue(v);
    }
}

struct InstanceAccess
{
    static void attach(const Instance &i, const ModelHandle &h) { i.attach(h); }
    static QVariant read(const Instance &i, int field) { return i.readField(field); }
    static void write(Instance &i, int field, const QVariant &v) { i.writeField(field, v); }
    // The instance now mirrors its row: previous values are the given ones.
    static void loaded(Instance &i, QVariantList &&previous)
    {
        i.m_previous = std::move(previous);
        i.m_isNew = false;
    }
    // After a write: the current values become the previous ones.
    static void saved(Instance &i)
    {
        const int n = i.meta().fields.size();
        QVariantList prev;
        prev.reserve(n);
        for (int f = 0; f < n; ++f)
            prev.append(i.readField(f));
        loaded(i, std::move(prev));
    }
    static const QVariantList &previous(const Instance &i) { return i.m_previous; }
    // One field now mirrors the row (the others keep their pending changes).
    static void syncField(Instance &i, int field)
    {
        if (!i.m_isNew && field < i.m_previous.size())
            i.m_previous[field] = i.readField(field);
    }
    static void setIncluded(const Instance &i, const QString &name, QList<Ptr<Instance>> items, QList<Ptr<Instance>> through = {})
    {
        if (!i.m_included)
            i.m_included = std::make_unique<QList<Instance::Included>>();
        for (Instance::Included &in : *i.m_included) {
            if (in.association == name) {
                in.items = std::move(items);
                in.through = std::move(through);
                return;
            }
        }
        i.m_included->append({name, std::move(items), std::move(through)});
    }
};

} // namespace orm::detail
