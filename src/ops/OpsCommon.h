// Small shared pieces of the operations.
#pragma once

#include "exec/DatabasePrivate.h"
#include "exec/Executor.h"

#include <orm/ModelHandle.h>
#include <QDateTime>

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

template <class Signal>
void emitEvent(DatabasePrivate &d, Signal signal, const QString &model, const QVariant &key)
{
    if (DatabaseEvents *e = d.events.data())
        (e->*signal)(model, key);
}

} // namespace orm::detail
