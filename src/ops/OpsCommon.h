// Small shared pieces of the operations.
#pragma once

#include "exec/DatabasePrivate.h"
#include "exec/Executor.h"

#include <orm/ModelHandle.h>
#include <QDateTime>
#include <QMetaMethod>
#include <QPointer>
#include <cstring>

namespace orm::detail {

// Timestamps are set by the ORM in UTC with millisecond precision, as every dialect stores them.
inline QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc();
}

inline DatabasePrivate &dbOf(const ModelHandle &m)
{
    return *m.databasePrivate();
}

// A key for Connection::cachedText: what kind of statement, the model (replaced metas stay
// alive, so its address names it), its field count (associations add keys), then ints
// that describe the rest of the statement's shape.
class ShapeKey
{
public:
    ShapeKey(char kind, const ModelMeta &m)
    {
        add(kind);
        const ModelMeta *self = &m;
        put(&self, sizeof self);
        add(int(m.fields.size()));
    }
    ShapeKey &add(int v)
    {
        put(&v, sizeof v);
        return *this;
    }
    ShapeKey &add(char c)
    {
        put(&c, 1);
        return *this;
    }
    // False when the shape did not fit (a very wide statement): then it is not cached.
    bool valid() const { return m_size <= kCapacity; }
    // A view for looking up: no allocation (Connection::cacheText stores a copy).
    QByteArray bytes() const { return QByteArray::fromRawData(m_buf, qMin(m_size, kCapacity)); }

private:
    static constexpr qsizetype kCapacity = 240;
    void put(const void *p, qsizetype n)
    {
        if (m_size + n <= kCapacity)
            memcpy(m_buf + m_size, p, size_t(n));
        m_size += n;
    }
    char m_buf[kCapacity];
    qsizetype m_size = 0;
};

// Emits one of DatabaseEvents' row signals once the write is committed: now outside a
// transaction, after the outermost commit inside one, never if it rolls back.
namespace ops_detail {
// QObject::isSignalConnected is protected; a pointer to it taken through a subclass is an
// ordinary, legal call on any QObject.
struct SignalPeek : QObject
{
    using QObject::isSignalConnected;
};
} // namespace ops_detail

// Whether anything listens to this signal of the database's events now.
template <class Signal>
bool isConnected(const DatabaseEvents *events, Signal signal)
{
    if (!events)
        return false;
    constexpr auto peek = &ops_detail::SignalPeek::isSignalConnected;
    return (events->*peek)(QMetaMethod::fromSignal(signal));
}

template <class Signal>
void emitEvent(DatabasePrivate &d, Signal signal, const QString &model, const QVariant &key)
{
    QPointer<DatabaseEvents> events = d.events;
    if (!isConnected(events.data(), signal))
        return; // nobody listens: not even a callback to keep
    Executor(d).afterCommit([events, signal, model, key] {
        if (DatabaseEvents *e = events.data())
            (e->*signal)(model, key);
    });
}

// The same for one instance's row: its key is only read when somebody listens.
template <class Signal>
void emitEvent(DatabasePrivate &d, Signal signal, const Instance &instance)
{
    if (isConnected(d.events.data(), signal))
        emitEvent(d, signal, instance.meta().name, instance.primaryKeyValue());
}

// Runs body in a transaction (a savepoint inside an open one) when needed is true: the
// operations whose model has hooks for them, so that a hook that throws undoes the write.
template <class F>
void inTransactionIf(DatabasePrivate &d, bool needed, F &&body)
{
    if (!needed) {
        body();
        return;
    }
    Executor ex(d);
    ex.transaction(std::forward<F>(body));
}

} // namespace orm::detail
