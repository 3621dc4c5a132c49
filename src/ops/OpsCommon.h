// Small shared pieces of the operations.
#pragma once

#include "exec/DatabasePrivate.h"
#include "exec/Executor.h"

#include <orm/ModelHandle.h>
#include <QDateTime>
#include <QMetaMethod>
#include <QPointer>

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
