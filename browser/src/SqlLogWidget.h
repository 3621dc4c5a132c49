// The SQL log, one group per user action: every statement the ORM ran because of a click
// or a key (or an action the browser names with beginAction), with its bound values,
// duration and outcome; the newest action on top. Copy one statement or a whole action to
// the clipboard. Fed by the public listener API (Database::addListener).
#pragma once

#include <orm/Database.h>
#include <QWidget>

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
    // first statement, so an action that runs no SQL leaves no empty group).
    void beginAction(const QString &title);
    void append(const orm::SqlEvent &event);
    void clear();
    // Copy the selected statement, or the selected action (all its statements).
    void copySelectedStatement();
    void copySelectedAction();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTreeWidgetItem *actionItem(const QTreeWidgetItem *item) const;
    void updateButtons();

    orm::Database m_db;
    int m_listener = -1;
    int m_count = 0;
    QString m_pendingTitle;
    bool m_pending = true;
    QTreeWidget *m_tree;
    QToolButton *m_copyStatement, *m_copyAction, *m_clear;
};

} // namespace quarry::browser
