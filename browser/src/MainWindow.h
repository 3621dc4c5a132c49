// The browser's main window: the models tree, the ER diagram and the records of the
// selected model, with the include tree and the SQL log in docks, and back/forward
// history over the records visited. Embedding in an application:
//
//   quarry::browser::MainWindow w(db);   // any open orm::Database with its models defined
//   w.show();
#pragma once

#include "NavigationHistory.h"

#include <orm/Database.h>
#include <QMainWindow>

class QAction;
class QProgressBar;

namespace quarry::browser {

class DiagramView;
class IncludeTreeWidget;
class ModelTreeWidget;
class RecordsView;
class SqlLogWidget;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const orm::Database &db, QWidget *parent = nullptr);

    DiagramView *diagram() const { return m_diagram; }
    ModelTreeWidget *modelTree() const { return m_tree; }
    RecordsView *records() const { return m_records; }
    SqlLogWidget *sqlLog() const { return m_log; }
    IncludeTreeWidget *includeTree() const { return m_include; }
    NavigationHistory *history() const { return m_history; }
    QAction *backAction() const { return m_back; }
    QAction *forwardAction() const { return m_forward; }
    QString currentModel() const { return m_current; }
    RecordLocation currentRecord() const;

    // Renders the window (offscreen works) to a PNG file, once the diagram is laid out.
    bool saveScreenshot(const QString &path);

public slots:
    void selectModel(const QString &model);
    // Shows a record: selects its model and its row (when loaded) and lists its
    // associations in the include tree; a new entry in the history.
    void showRecord(const quarry::browser::RecordLocation &location);
    void exportDiagram();

private:
    void createActions();
    void goTo(const RecordLocation &location);
    bool selectRecordRow(const RecordLocation &location);
    void findPendingRow();
    QVariantMap keysOf(const RecordLocation &location) const;
    void onCurrentRowChanged(int row);
    QString primaryKeyAttribute(const QString &model) const;

    orm::Database m_db;
    DiagramView *m_diagram;
    ModelTreeWidget *m_tree;
    RecordsView *m_records;
    SqlLogWidget *m_log;
    IncludeTreeWidget *m_include;
    NavigationHistory *m_history;
    QProgressBar *m_layoutProgress;
    QAction *m_back = nullptr, *m_forward = nullptr;
    QString m_current;
    RecordLocation m_pendingRow; // a record to select once its page has loaded
    bool m_locateAsked = false;  // the records model is locating m_pendingRow
    bool m_navigating = false;
};

} // namespace quarry::browser
