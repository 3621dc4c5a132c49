#include "SqlLogWidget.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHeaderView>
#include <QKeyEvent>
#include <QPointer>
#include <QTime>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <atomic>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
enum { EventRole = Qt::UserRole, DurationRole, TagRole, SequenceRole };
constexpr int MaxActions = 500;

// Tags unique in the process, so that two logs (two windows) never take each other's.
QString newTag()
{
    static std::atomic<quint64> next{0};
    return u"quarry-browser/sql-log/%1"_s.arg(++next);
}

QString bindingsText(const orm::SqlEvent &e)
{
    QStringList values;
    for (const QVariant &v : e.bindings)
        values << (orm::isNullValue(v) ? u"NULL"_s : v.toString());
    return values.join(u", "_s);
}

// What the user touched, for the title of the action it starts.
QString describe(QWidget *w)
{
    for (; w; w = w->parentWidget()) {
        if (auto *b = qobject_cast<QAbstractButton *>(w)) {
            const QString text = b->text().isEmpty() ? b->toolTip() : b->text();
            if (!text.isEmpty())
                return SqlLogWidget::tr("Clicked “%1”").arg(QString(text).remove(u'&'));
        }
        if (!w->accessibleName().isEmpty())
            return SqlLogWidget::tr("In %1").arg(w->accessibleName());
    }
    return SqlLogWidget::tr("User action");
}
} // namespace

SqlLogWidget::SqlLogWidget(QWidget *parent)
    : QWidget(parent), m_tree(new QTreeWidget), m_copyStatement(new QToolButton), m_copyAction(new QToolButton),
      m_clear(new QToolButton)
{
    m_tree->setHeaderLabels({tr("Action / statement"), tr("Bound values"), tr("Duration"), tr("Rows")});
    m_tree->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->setToolTip(tr("The SQL the ORM ran, one group per action, the newest on top"));
    m_copyStatement->setText(tr("Copy statement"));
    m_copyStatement->setIcon(QIcon(u":/icons/copy.svg"_s));
    m_copyStatement->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_copyAction->setText(tr("Copy action"));
    m_copyAction->setIcon(QIcon(u":/icons/copy.svg"_s));
    m_copyAction->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear->setText(tr("Clear"));
    m_clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyStatement);
    buttons->addWidget(m_copyAction);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_tree, 1);

    connect(m_copyStatement, &QToolButton::clicked, this, &SqlLogWidget::copySelectedStatement);
    connect(m_copyAction, &QToolButton::clicked, this, &SqlLogWidget::copySelectedAction);
    connect(m_clear, &QToolButton::clicked, this, &SqlLogWidget::clear);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &SqlLogWidget::updateButtons);
    updateButtons();
    // Every click or key in the application may start a new action.
    qApp->installEventFilter(this);
    beginAction(tr("Start"));
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

bool SqlLogWidget::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type t = event->type();
    if ((t == QEvent::MouseButtonPress || t == QEvent::KeyPress) && watched->isWidgetType()) {
        auto *w = static_cast<QWidget *>(watched);
        // Only input to the window this log belongs to, and not to the log itself.
        if (w->window() == window() && !isAncestorOf(w) && w != this) {
            if (t == QEvent::KeyPress) {
                const int key = static_cast<QKeyEvent *>(event)->key();
                if (key == Qt::Key_Shift || key == Qt::Key_Control || key == Qt::Key_Alt || key == Qt::Key_Meta)
                    return false;
            }
            beginAction(describe(w));
        }
    }
    return false;
}

QString SqlLogWidget::beginAction(const QString &title)
{
    const QString tag = newTag();
    m_actions.insert(tag, {title, ++m_sequence, nullptr});
    m_currentTag = tag;
    // The previous action's scope may not be the innermost one (an action begun inside
    // another scope): SqlTagScope allows ending it out of order.
    m_scope = std::make_unique<orm::SqlTagScope>(tag);
    dropOldActions();
    return tag;
}

// Actions that never ran SQL, far behind the newest, are forgotten; so are those whose
// group was dropped from the tree. Their late statements go to the newest action.
void SqlLogWidget::dropOldActions()
{
    if (m_actions.size() <= 2 * MaxActions)
        return;
    for (auto it = m_actions.begin(); it != m_actions.end();) {
        if (!it->item && it->sequence + 2 * MaxActions < m_sequence)
            it = m_actions.erase(it);
        else
            ++it;
    }
}

// The group of the action with this tag (the newest action for a tag this log does not
// know), created when the action runs its first statement, among the others in the order
// the actions began.
QTreeWidgetItem *SqlLogWidget::itemFor(const QString &tag)
{
    auto it = m_actions.find(tag);
    if (it == m_actions.end())
        it = m_actions.find(m_currentTag);
    if (it == m_actions.end()) // cleared: a new action takes the statement
        it = m_actions.find(beginAction(tr("Start")));
    if (it->item)
        return it->item;
    auto *action = new QTreeWidgetItem;
    action->setText(0, u"%1  %2"_s.arg(QTime::currentTime().toString(u"HH:mm:ss"_s), it->title));
    action->setData(0, EventRole, it->title);
    action->setData(0, TagRole, it.key());
    action->setData(0, SequenceRole, it->sequence);
    QFont bold = action->font(0);
    bold.setBold(true);
    action->setFont(0, bold);
    action->setIcon(0, QIcon(u":/icons/action.svg"_s));
    int at = 0;
    while (at < m_tree->topLevelItemCount() && m_tree->topLevelItem(at)->data(0, SequenceRole).toULongLong() > it->sequence)
        ++at;
    m_tree->insertTopLevelItem(at, action);
    it->item = action;
    if (at == 0) {
        // Only the newest action is open; older ones stay one line each.
        if (QTreeWidgetItem *previous = m_tree->topLevelItem(1))
            previous->setExpanded(false);
        action->setExpanded(true);
    }
    while (m_tree->topLevelItemCount() > MaxActions) {
        QTreeWidgetItem *oldest = m_tree->takeTopLevelItem(m_tree->topLevelItemCount() - 1);
        m_actions.remove(oldest->data(0, TagRole).toString());
        delete oldest;
    }
    return action;
}

QString SqlLogWidget::format(const orm::SqlEvent &e)
{
    QString line = u"[%1 ms] %2"_s.arg(double(e.durationUs) / 1000.0, 0, 'f', 2).arg(e.sql.simplified());
    if (!e.bindings.isEmpty())
        line += u"  -- "_s + tr("bind: %1").arg(bindingsText(e));
    if (e.rowsAffected >= 0)
        line += u"  -- "_s + tr("%n row(s)", nullptr, e.rowsAffected);
    if (!e.ok)
        line += u"  -- "_s + tr("FAILED: %1").arg(e.error);
    return line;
}

void SqlLogWidget::append(const orm::SqlEvent &event)
{
    ++m_count;
    QTreeWidgetItem *action = itemFor(event.tag);
    auto *item = new QTreeWidgetItem(action);
    item->setText(0, event.sql.simplified());
    item->setToolTip(0, event.sql);
    item->setText(1, bindingsText(event));
    item->setText(2, tr("%1 ms").arg(double(event.durationUs) / 1000.0, 0, 'f', 2));
    item->setText(3, event.rowsAffected >= 0 ? QString::number(event.rowsAffected) : QString());
    item->setData(0, EventRole, format(event));
    if (!event.ok) {
        item->setForeground(0, QColor(0xc0, 0x39, 0x2b));
        item->setToolTip(0, tr("FAILED: %1").arg(event.error));
    }
    const qint64 total = action->data(0, DurationRole).toLongLong() + event.durationUs;
    action->setData(0, DurationRole, total);
    action->setText(1, tr("%n statement(s)", nullptr, action->childCount()));
    action->setText(2, tr("%1 ms").arg(double(total) / 1000.0, 0, 'f', 2));
}

void SqlLogWidget::clear()
{
    m_tree->clear();
    m_count = 0;
    // Only the newest action stays (without its group); statements of older ones that
    // arrive after this go to it.
    const Action current = m_actions.value(m_currentTag);
    m_actions.clear();
    if (!m_currentTag.isEmpty())
        m_actions.insert(m_currentTag, {current.title, current.sequence, nullptr});
}

int SqlLogWidget::actionCount() const
{
    return m_tree->topLevelItemCount();
}

QString SqlLogWidget::actionTitle(int i) const
{
    const QTreeWidgetItem *a = m_tree->topLevelItem(i);
    return a ? a->data(0, EventRole).toString() : QString();
}

QStringList SqlLogWidget::actionStatements(int i) const
{
    QStringList out;
    if (const QTreeWidgetItem *a = m_tree->topLevelItem(i))
        for (int c = 0; c < a->childCount(); ++c)
            out << a->child(c)->data(0, EventRole).toString();
    return out;
}

QString SqlLogWidget::actionText(int i) const
{
    const QTreeWidgetItem *a = m_tree->topLevelItem(i);
    if (!a)
        return {};
    return (u"-- "_s + a->text(0) + u'\n' + actionStatements(i).join(u'\n')).trimmed();
}

QString SqlLogWidget::toPlainText() const
{
    QStringList out;
    for (int i = 0; i < actionCount(); ++i)
        out << actionText(i);
    return out.join(u"\n\n"_s);
}

QTreeWidgetItem *SqlLogWidget::actionItem(const QTreeWidgetItem *item) const
{
    while (item && item->parent())
        item = item->parent();
    return const_cast<QTreeWidgetItem *>(item);
}

void SqlLogWidget::copySelectedStatement()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    if (!item || !item->parent())
        return;
    QApplication::clipboard()->setText(item->data(0, EventRole).toString());
}

void SqlLogWidget::copySelectedAction()
{
    QTreeWidgetItem *action = actionItem(m_tree->currentItem());
    if (!action)
        action = m_tree->topLevelItem(0);
    if (action)
        QApplication::clipboard()->setText(actionText(m_tree->indexOfTopLevelItem(action)));
}

void SqlLogWidget::updateButtons()
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    m_copyStatement->setEnabled(item && item->parent());
}

} // namespace quarry::browser
