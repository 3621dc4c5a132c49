// The include pane: for the selected record, the user ticks which associations to load,
// nested (User -> Posts -> Groups). The loading runs on a worker (db.async()), so the window
// never waits for it: a busy bar shows meanwhile, and the answer to an older request is
// dropped when a newer one was started. Each chosen association reads at most
// maxChildren() + 1 records with one query (and counts them only when there are more), its
// nested includes are loaded for those records with one query per include node (never
// N+1). The tree lists at most maxChildren() records per association, with the true count
// on the association's line and a "… and K more" line for the rest, and at most
// maxRecords() records in all. Junction (through) attributes of belongsToMany links are
// shown beside their records; activating one jumps to it.
#pragma once

#include "NavigationHistory.h"

#include <orm/Database.h>
#include <orm/Instance.h>
#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
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

    // True from reload() until its answer is shown (or failed).
    bool isLoading() const { return m_loading; }
    QProgressBar *busyIndicator() const { return m_busy; }
    // At most this many records are listed under one association (default 100), and at
    // most maxRecords in the whole tree (default 2000); the counts stay exact.
    void setMaxChildren(int n) { m_maxChildren = qMax(1, n); }
    int maxChildren() const { return m_maxChildren; }
    void setMaxRecords(int n) { m_maxRecords = qMax(1, n); }
    int maxRecords() const { return m_maxRecords; }

public slots:
    void setRecord(const quarry::browser::RecordLocation &location);
    void clearRecord();
    void reload();

signals:
    // The user wants to see this record: select its model and row.
    void recordActivated(const quarry::browser::RecordLocation &location);
    // Emitted before the query is queued, so the SQL log can group its statements.
    void loading(const QString &description);
    void loadingChanged(bool loading);
    // The answer of the newest reload() is shown (or its failure is).
    void loaded();

private:
    void rebuildChoices();
    void populateChoices(QTreeWidgetItem *item);
    QTreeWidgetItem *choiceItem(const QString &path, bool create);
    void onChoiceChanged(QTreeWidgetItem *item);
    void collectIncludes(QTreeWidgetItem *parent, QList<orm::Include> &out) const;
    struct Node;
    struct Loaded;
    static Loaded load(const orm::ModelHandle &handle, const QVariant &key, const QList<orm::Include> &includes,
                       int maxChildren, int maxRecords);
    void showLoaded(const Loaded &result, int includeCount);
    void addNode(QTreeWidgetItem *parent, const Node &node, const QString &path);
    void setLoading(bool loading);
    void cancelPending();
    QString modelOfPath(const QString &path) const;

    orm::Database m_db;
    RecordLocation m_record;
    QString m_choicesModel; // the model the choice tree was built for
    QTreeWidget *m_choices;
    QTreeWidget *m_results;
    QLabel *m_title;
    QProgressBar *m_busy;
    bool m_updating = false;
    bool m_loading = false;
    quint64 m_generation = 0;            // of the newest reload(); older answers are dropped
    std::function<void()> m_cancelPending; // cancels the newest request if it has not started
    int m_maxChildren = 100;
    int m_maxRecords = 2000;
};

// A short text for a record: its model, key and first text attributes ("User #1 John Doe").
QString recordSummary(const orm::Instance &instance);

} // namespace quarry::browser
