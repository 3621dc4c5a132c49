#include "MainWindow.h"

#include "BrowserLogging.h"
#include "DiagramView.h"
#include "ModelTreeWidget.h"
#include "RecordsView.h"
#include "SqlLogWidget.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QImage>
#include <QMessageBox>
#include <QPixmap>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

namespace quarry::browser {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(const orm::Database &db, QWidget *parent)
    : QMainWindow(parent), m_db(db), m_diagram(new DiagramView), m_tree(new ModelTreeWidget), m_records(new RecordsView),
      m_log(new SqlLogWidget)
{
    setWindowTitle(tr("Quarry model browser — %1").arg(db.url()));
    m_log->setDatabase(db); // first, so that it sees the queries of the panes

    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_diagram);
    right->addWidget(m_records);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({460, 300});
    auto *main = new QSplitter(Qt::Horizontal);
    main->addWidget(m_tree);
    main->addWidget(right);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 3);
    main->setSizes({330, 1000});
    setCentralWidget(main);

    auto *dock = new QDockWidget(tr("SQL log"), this);
    dock->setObjectName(u"sqlLogDock"_s);
    dock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {140}, Qt::Vertical);

    QToolBar *bar = addToolBar(tr("Diagram"));
    bar->setObjectName(u"diagramToolBar"_s);
    QAction *collapse = bar->addAction(tr("Collapse junctions"));
    collapse->setCheckable(true);
    collapse->setToolTip(tr("Draw each junction table as a single N–M edge"));
    connect(collapse, &QAction::toggled, m_diagram, &DiagramView::setCollapseJunctions);
    bar->addSeparator();
    connect(bar->addAction(tr("Zoom in")), &QAction::triggered, m_diagram, &DiagramView::zoomIn);
    connect(bar->addAction(tr("Zoom out")), &QAction::triggered, m_diagram, &DiagramView::zoomOut);
    connect(bar->addAction(tr("Fit")), &QAction::triggered, m_diagram, &DiagramView::fitAll);
    bar->addSeparator();
    connect(bar->addAction(tr("Export diagram…")), &QAction::triggered, this, &MainWindow::exportDiagram);
    bar->addSeparator();
    connect(bar->addAction(tr("Clear SQL log")), &QAction::triggered, m_log, &QPlainTextEdit::clear);
    QAction *toggleLog = dock->toggleViewAction();
    toggleLog->setText(tr("SQL log"));
    bar->addAction(toggleLog);

    connect(m_diagram, &DiagramView::modelSelected, this, &MainWindow::selectModel);
    connect(m_tree, &ModelTreeWidget::modelSelected, this, &MainWindow::selectModel);
    connect(m_records, &RecordsView::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });

    m_tree->setDatabase(db);
    m_diagram->setDatabase(db);
    m_records->setDatabase(db);
    statusBar()->showMessage(tr("%n model(s) on %1 (%2)", nullptr, int(db.modelNames().size())).arg(db.url(), db.dialectName()));
    if (!db.modelNames().isEmpty())
        selectModel(db.modelNames().first());
    resize(1400, 900);
}

void MainWindow::selectModel(const QString &model)
{
    if (model.isEmpty() || model == m_current)
        return;
    m_current = model;
    qCDebug(lcBrowser) << "selected model" << model;
    m_tree->selectModel(model);
    m_diagram->selectModel(model);
    m_records->setModelName(model);
}

void MainWindow::exportDiagram()
{
    QString selectedFilter;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export diagram"), u"diagram.svg"_s,
                                                      tr("SVG image (*.svg);;PNG image (*.png)"), &selectedFilter);
    if (path.isEmpty())
        return;
    const bool ok = path.endsWith(".png"_L1, Qt::CaseInsensitive) ? m_diagram->exportPng(path) : m_diagram->exportSvg(path);
    if (!ok)
        QMessageBox::warning(this, tr("Export diagram"), tr("Could not write %1.").arg(path));
    else
        statusBar()->showMessage(tr("Diagram exported to %1").arg(path), 8000);
}

bool MainWindow::saveScreenshot(const QString &path)
{
    if (!isVisible())
        show();
    QApplication::processEvents();
    m_diagram->fitAll();
    QApplication::processEvents();
    const QPixmap pixmap = grab();
    const bool ok = !pixmap.isNull() && pixmap.save(path, "PNG");
    qCInfo(lcBrowser) << "screenshot" << path << (ok ? "written" : "failed");
    return ok;
}

} // namespace quarry::browser
