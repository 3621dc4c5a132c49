#include <orm/SqlTagScope.h>

namespace orm {

namespace {
// The innermost live scope of this thread: a doubly linked stack, so that a scope ending
// out of order can unlink itself without disturbing the ones opened after it.
thread_local SqlTagScope *t_innermost = nullptr;
} // namespace

SqlTagScope::SqlTagScope(const QString &tag)
    : m_tag(tag), m_outer(t_innermost)
{
    if (m_outer)
        m_outer->m_inner = this;
    t_innermost = this;
}

SqlTagScope::~SqlTagScope()
{
    if (m_inner)
        m_inner->m_outer = m_outer;
    else
        t_innermost = m_outer;
    if (m_outer)
        m_outer->m_inner = m_inner;
}

QString SqlTagScope::current()
{
    return t_innermost ? t_innermost->m_tag : QString();
}

} // namespace orm
