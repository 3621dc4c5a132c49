// orm::SqlTagScope: tags the SQL a thread runs with a context, so that a log view can file
// each statement under the action that caused it, wherever it ran.
//
//   {
//       orm::SqlTagScope scope(u"action-42"_s);     // this thread's tag is now "action-42"
//       User::count();                              // SqlEvent::tag == "action-42"
//       db.async().findAll<Post>();                 // runs on a worker, also under "action-42"
//   }                                               // the tag in effect before is back
//
// - Every SqlEvent (Database::addListener, DatabaseEvents::sqlExecuted) carries in tag the
//   tag of the thread that ran the statement; outside any scope it is empty.
// - db.async() captures the caller's tag when an operation is queued and reinstates it on
//   the worker while the operation runs, so asynchronous work carries the tag of the code
//   that started it, even if the caller has moved on to another tag meanwhile.
// - Tags are per thread: a scope never affects another thread.
// - Scopes nest; the innermost one wins and its end restores the outer one. A scope held
//   by a long-lived object (a log view's "current action") may end out of order: then it
//   just leaves the stack, and the tag in effect is that of the most recently opened scope
//   still alive on this thread. A scope must end on the thread that opened it.
#pragma once

#include <orm/Global.h>
#include <QString>

namespace orm {

class QUARRY_EXPORT SqlTagScope
{
public:
    explicit SqlTagScope(const QString &tag);
    ~SqlTagScope();
    SqlTagScope(const SqlTagScope &) = delete;
    SqlTagScope &operator=(const SqlTagScope &) = delete;

    QString tag() const { return m_tag; }
    // The tag in effect on the calling thread; empty outside any scope.
    static QString current();

private:
    QString m_tag;
    SqlTagScope *m_outer = nullptr; // opened before this one on the same thread
    SqlTagScope *m_inner = nullptr; // opened after this one and still alive
};

} // namespace orm
