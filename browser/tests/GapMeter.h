// The longest the GUI thread went without serving a 10 ms timer: how the browser's tests
// prove "never frozen" while work runs on workers.
#pragma once

#include <QElapsedTimer>
#include <QTimer>

class GapMeter
{
public:
    GapMeter()
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { m_max = qMax(m_max, m_clock.restart()); });
        m_clock.start();
        m_timer.start();
    }
    qint64 maxGapMs() const { return qMax(m_max, m_clock.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_max = 0;
};
