#include "NavigationHistory.h"

namespace quarry::browser {

void NavigationHistory::visit(const RecordLocation &location)
{
    if (!location.isValid() || location == current())
        return;
    m_entries.resize(m_index + 1); // visiting after going back drops the forward entries
    m_entries.append(location);
    m_index = int(m_entries.size()) - 1;
    emit changed();
}

void NavigationHistory::clear()
{
    m_entries.clear();
    m_index = -1;
    emit changed();
}

void NavigationHistory::back()
{
    if (!canGoBack())
        return;
    --m_index;
    emit changed();
    emit navigated(current());
}

void NavigationHistory::forward()
{
    if (!canGoForward())
        return;
    ++m_index;
    emit changed();
    emit navigated(current());
}

} // namespace quarry::browser
