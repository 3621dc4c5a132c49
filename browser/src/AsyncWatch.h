// Runs a continuation on the GUI thread when a QFuture from db.async() is finished: ok
// with its result, or fail with the message of the typed exception it carries. A
// QFutureWatcher owned by owner does the waiting, so nothing runs after owner is gone.
// The continuation runs under the SQL tag that was in effect when the future was watched
// (orm/SqlTagScope.h), so the work it starts belongs to the same action in the SQL log.
#pragma once

#include <orm/Errors.h>
#include <orm/SqlTagScope.h>
#include <QFutureWatcher>
#include <optional>

namespace quarry::browser {

template <class T, class Ok, class Fail>
void watchFuture(QObject *owner, QFuture<T> future, Ok ok, Fail fail)
{
    auto *watcher = new QFutureWatcher<T>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner,
                     [watcher, tag = orm::SqlTagScope::current(), ok = std::move(ok), fail = std::move(fail)]() mutable {
                         const orm::SqlTagScope scope(tag);
                         watcher->deleteLater();
                         std::optional<T> result;
                         try {
                             result.emplace(watcher->result()); // rethrows the job's exception
                         } catch (const orm::Error &e) {
                             fail(e.message());
                             return;
                         } catch (const std::exception &e) {
                             fail(QString::fromUtf8(e.what()));
                             return;
                         }
                         ok(std::move(*result));
                     });
    watcher->setFuture(future);
}

} // namespace quarry::browser
