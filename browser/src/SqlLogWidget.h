// The SQL log, one group per user action: every statement the ORM ran because of a click
// or a key (or an action the browser names with beginAction), with its bound values,
// duration and outcome; the newest action on top. Copy one statement or a whole action to
// the clipboard. Fed by the public listener API (Database::addListener).
//
// Each action has a tag (orm/SqlTagScope.h). From beginAction (or a click) until the next
// action, the log holds a scope with that tag on its thread, so the statements that thread
// runs, and the async work it queues (counts, pages, pickers, the include tree), carry the
// tag: a statement is filed under the action that started it, however late it arrives.
// A statement without a tag of this log goes to the newest action.
#pragma once

#include <orm/Database.h>
#include <QHash>
#include <QWidget>
#include <memory>

class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace quarry::browser {

class SqlLogWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SqlLogWidget(QWidget *parent = nullptr);
    ~SqlLogWidget() override;
    void setDatabase(const orm::Database &db);

    int statementCount() const { return m_count; }
    int actionCount() const;
    // Action i (0 is the newest): its title and its statements as format() writes them.
    QString actionTitle(int i) const;
    QStringList actionStatements(int i) const;
    // Every action, newest first, as text (what "Copy action" gives for each).
    QString toPlainText() const;
    QString actionText(int i) const;
    QTreeWidget *tree() const { return m_tree; }

    // One line per statement: "[0.12 ms] SELECT ...  -- bind: 1, John  -- 1 row(s)".
    static QString format(const orm::SqlEvent &event);

public slots:
    // Statements from now on belong to a new action with this title (created with its
    // first statement, so an action that runs no SQL leaves no empty group). Returns the
    // action's SQL tag, which is now in effect on this thread until the next action.
    QString beginAction(const QString &title);
    void append(const orm::SqlEvent &event);
    void clear();
    // Copy the selected statement, or the selected action (all its statements).
    void copySelectedStatement();
    void copySelectedAction();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Action
    {
        QString title;
        quint64 sequence = 0;              // order of beginAction: the newest is the largest
        QTreeWidgetItem *item = nullptr;   // created with the action's first statement
    };
    QTreeWidgetItem *actionItem(const QTreeWidgetItem *item) const;
    QTreeWidgetItem *itemFor(const QString &tag);
    void dropOldActions();
    void updateButtons();

    orm::Database m_db;
    int m_listener = -1;
    int m_count = 0;
    QHash<QString, Action> m_actions; // by tag
    QString m_currentTag;             // of the newest action
    quint64 m_sequence = 0;
    std::unique_ptr<orm::SqlTagScope> m_scope; // the newest action's tag, in effect on this thread
    QTreeWidget *m_tree;
    QToolButton *m_copyStatement, *m_copyAction, *m_clear;
};

} // namespace quarry::browser
