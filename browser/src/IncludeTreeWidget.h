// The include pane: for the selected record, the user ticks which associations to load,
// nested (User -> Posts -> Groups); one findByPk with that include list loads them (the ORM
// joins them into a single query, never N+1). The included records are listed under their
// association, with the junction (through) attributes of belongsToMany links; activating
// one jumps to it.
#pragma once

#include "NavigationHistory.h"

#include <orm/Database.h>
#include <orm/Instance.h>
#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace quarry::browser {

class IncludeTreeWidget : public QWidget
{
    Q_OBJECT
public:
    explicit IncludeTreeWidget(QWidget *parent = nullptr);

    void setDatabase(const orm::Database &db);
    RecordLocation record() const { return m_record; }

    // The association choices: paths of association names, "Posts" or "Groups/Users".
    // Ticking a nested path ticks its parents.
    void setIncluded(const QString &path, bool included);
    bool isIncluded(const QString &path) const;
    QStringList includedPaths() const;
    QList<orm::Include> includes() const;

    QTreeWidget *choiceTree() const { return m_choices; }
    QTreeWidget *resultTree() const { return m_results; }
    // The result tree as indented text lines ("  Groups (2)", "    Group #1 Admins | role=admin").
    QStringList resultLines() const;
    // The records listed under an association path of the result ("Groups", "Posts/User").
    QList<RecordLocation> includedRecords(const QString &path) const;
    // Activates (jumps to) the first listed record of path; false when there is none.
    bool activate(const QString &path, int index = 0);

public slots:
    void setRecord(const quarry::browser::RecordLocation &location);
    void clearRecord();
    void reload();

signals:
    // The user wants to see this record: select its model and row.
    void recordActivated(const quarry::browser::RecordLocation &location);
    // Emitted before the query runs, so the SQL log can group its statements.
    void loading(const QString &description);

private:
    void rebuildChoices();
    void populateChoices(QTreeWidgetItem *item);
    QTreeWidgetItem *choiceItem(const QString &path, bool create);
    void onChoiceChanged(QTreeWidgetItem *item);
    void collectIncludes(QTreeWidgetItem *parent, QList<orm::Include> &out) const;
    void addRecord(QTreeWidgetItem *parent, const orm::Ptr<orm::Instance> &instance, const orm::Ptr<orm::Instance> &through,
                   const QList<orm::Include> &includes, const QString &path);
    QString modelOfPath(const QString &path) const;

    orm::Database m_db;
    RecordLocation m_record;
    QString m_choicesModel; // the model the choice tree was built for
    QTreeWidget *m_choices;
    QTreeWidget *m_results;
    QLabel *m_title;
    bool m_updating = false;
};

// A short text for a record: its model, key and first text attributes ("User #1 John Doe").
QString recordSummary(const orm::Instance &instance);

} // namespace quarry::browser
