// The browser's main window: the models tree, the ER diagram and the records of the
// selected model, with the SQL log in a dock. Embedding in an application:
//
//   quarry::browser::MainWindow w(db);   // any open orm::Database with its models defined
//   w.show();
#pragma once

#include <orm/Database.h>
#include <QMainWindow>

class QAction;

namespace quarry::browser {

class DiagramView;
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
    QString currentModel() const { return m_current; }

    // Renders the window (offscreen works) to a PNG file.
    bool saveScreenshot(const QString &path);

public slots:
    void selectModel(const QString &model);
    void exportDiagram();

private:
    orm::Database m_db;
    DiagramView *m_diagram;
    ModelTreeWidget *m_tree;
    RecordsView *m_records;
    SqlLogWidget *m_log;
    QString m_current;
};

} // namespace quarry::browser
