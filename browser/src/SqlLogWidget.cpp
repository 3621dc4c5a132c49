#include "SqlLogWidget.h"

#include <QFontDatabase>
#include <QPointer>

namespace quarry::browser {

using namespace Qt::StringLiterals;

SqlLogWidget::SqlLogWidget(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(5000);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("The SQL the ORM runs appears here."));
}

SqlLogWidget::~SqlLogWidget()
{
    if (m_db.isValid() && m_listener >= 0)
        m_db.removeListener(m_listener);
}

void SqlLogWidget::setDatabase(const orm::Database &db)
{
    if (m_db.isValid() && m_listener >= 0)
        m_db.removeListener(m_listener);
    m_db = db;
    QPointer<SqlLogWidget> self(this);
    m_listener = db.addListener([self](const orm::SqlEvent &e) {
        if (self) // the listener can run on another thread: append on the widget's
            QMetaObject::invokeMethod(self.data(), [self, e] { if (self) self->append(e); }, Qt::AutoConnection);
    });
}

QString SqlLogWidget::format(const orm::SqlEvent &e)
{
    QString line = u"[%1 ms] %2"_s.arg(double(e.durationUs) / 1000.0, 0, 'f', 2).arg(e.sql.simplified());
    if (!e.bindings.isEmpty()) {
        QStringList values;
        for (const QVariant &v : e.bindings)
            values << (orm::isNullValue(v) ? u"NULL"_s : v.toString());
        line += u"  -- "_s + tr("bind: %1").arg(values.join(u", "_s));
    }
    if (e.rowsAffected >= 0)
        line += u"  -- "_s + tr("%n row(s)", nullptr, e.rowsAffected);
    if (!e.ok)
        line += u"  -- "_s + tr("FAILED: %1").arg(e.error);
    return line;
}

void SqlLogWidget::append(const orm::SqlEvent &event)
{
    ++m_count;
    appendPlainText(format(event));
}

} // namespace quarry::browser
