#include "MainWindow.h"

#include "BrowserLogging.h"
#include "DemoDatabase.h"
#include "DiagramView.h"
#include "IncludeTreeWidget.h"
#include "ModelTreeWidget.h"
#include "RecordsView.h"
#include "SqlLogWidget.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QItemSelectionModel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QProgressBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace quarry::browser {

using namespace Qt::StringLiterals;

MainWindow::MainWindow(const orm::Database &db, QWidget *parent)
    : QMainWindow(parent), m_db(db), m_diagram(new DiagramView), m_tree(new ModelTreeWidget), m_records(new RecordsView),
      m_log(new SqlLogWidget), m_include(new IncludeTreeWidget), m_history(new NavigationHistory(this)),
      m_layoutProgress(new QProgressBar)
{
    initBrowserResources();
    setWindowTitle(tr("Quarry model browser — %1").arg(db.url()));
    setWindowIcon(QIcon(u":/icons/quarry.svg"_s));
    m_log->setDatabase(db); // first, so that it sees the queries of the panes
    m_log->beginAction(tr("Open %1").arg(db.url()));

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
    main->setSizes({300, 1000});
    m_tree->setMinimumWidth(230);
    setCentralWidget(main);

    auto *logDock = new QDockWidget(tr("SQL log"), this);
    logDock->setObjectName(u"sqlLogDock"_s);
    logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);
    resizeDocks({logDock}, {170}, Qt::Vertical);
    auto *includeDock = new QDockWidget(tr("Include"), this);
    includeDock->setObjectName(u"includeDock"_s);
    includeDock->setWidget(m_include);
    addDockWidget(Qt::RightDockWidgetArea, includeDock);
    resizeDocks({includeDock}, {400}, Qt::Horizontal);

    m_layoutProgress->setRange(0, 0); // busy: Graphviz reports no progress
    m_layoutProgress->setMaximumWidth(160);
    m_layoutProgress->setFormat(tr("Laying out…"));
    m_layoutProgress->setTextVisible(true);
    m_layoutProgress->hide();
    statusBar()->addPermanentWidget(m_layoutProgress);
    connect(m_diagram, &DiagramView::layoutStarted, this, [this](int models) {
        m_layoutProgress->setToolTip(tr("Laying out %n model(s) with Graphviz dot", nullptr, models));
        m_layoutProgress->show();
    });
    connect(m_diagram, &DiagramView::layoutFinished, this, [this] {
        m_layoutProgress->hide();
        if (isVisible())
            m_diagram->fitAll();
    });

    createActions();
    QAction *toggleLog = logDock->toggleViewAction();
    toggleLog->setText(tr("SQL log"));
    QAction *toggleInclude = includeDock->toggleViewAction();
    toggleInclude->setText(tr("Include tree"));
    toggleInclude->setIcon(QIcon(u":/icons/include.svg"_s));
    if (QMenu *view = menuBar()->findChild<QMenu *>(u"viewMenu"_s)) {
        view->addAction(toggleInclude);
        view->addAction(toggleLog);
    }

    connect(m_diagram, &DiagramView::modelSelected, this, &MainWindow::selectModel);
    connect(m_tree, &ModelTreeWidget::modelSelected, this, &MainWindow::selectModel);
    connect(m_records, &RecordsView::statusMessage, this, [this](const QString &m) { statusBar()->showMessage(m, 8000); });
    connect(m_include, &IncludeTreeWidget::recordActivated, this, &MainWindow::showRecord);
    connect(m_include, &IncludeTreeWidget::loading, m_log, &SqlLogWidget::beginAction);
    connect(m_history, &NavigationHistory::navigated, this, &MainWindow::goTo);
    connect(m_history, &NavigationHistory::changed, this, [this] {
        m_back->setEnabled(m_history->canGoBack());
        m_forward->setEnabled(m_history->canGoForward());
    });
    connect(m_records->tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current.isValid() ? current.row() : -1); });
    // A record asked for by showRecord may sit in a page that is still loading, or far
    // beyond the loaded pages of a large table: then the model locates it on a worker.
    RecordsModel *records = m_records->recordsModel();
    connect(records, &RecordsModel::pageLoaded, this, [this] { findPendingRow(); });
    connect(records, &RecordsModel::countChanged, this, [this] {
        m_locateAsked = false; // reloaded: a locate still running was for the old rows
        findPendingRow();
    });
    connect(records, &RecordsModel::recordLocated, this, [this](const QVariantMap &keys, int row) {
        if (!m_pendingRow.isValid() || keys != keysOf(m_pendingRow))
            return;
        if (row < 0) {
            statusBar()->showMessage(tr("%1 #%2 is not among the rows shown (filter or soft delete)")
                                         .arg(m_pendingRow.model, m_pendingRow.primaryKey.toString()), 8000);
            m_pendingRow = {};
            return;
        }
        findPendingRow();
    });

    m_tree->setDatabase(db);
    m_diagram->setDatabase(db);
    m_records->setDatabase(db);
    m_include->setDatabase(db);
    statusBar()->showMessage(tr("%n model(s) on %1 (%2)", nullptr, int(db.modelNames().size())).arg(db.url(), db.dialectName()));
    if (!db.modelNames().isEmpty())
        selectModel(db.modelNames().first());
    resize(1600, 960);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(u"fileMenu"_s);
    QAction *exportAction = file->addAction(QIcon(u":/icons/diagram.svg"_s), tr("&Export diagram…"), this, &MainWindow::exportDiagram);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *navigate = menuBar()->addMenu(tr("&Navigate"));
    navigate->setObjectName(u"navigateMenu"_s);
    m_back = navigate->addAction(QIcon(u":/icons/back.svg"_s), tr("&Back"), m_history, &NavigationHistory::back);
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_back->setToolTip(tr("Back to the previous record (Alt+Left)"));
    m_back->setEnabled(false);
    m_forward = navigate->addAction(QIcon(u":/icons/forward.svg"_s), tr("&Forward"), m_history, &NavigationHistory::forward);
    m_forward->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_forward->setToolTip(tr("Forward to the next record (Alt+Right)"));
    m_forward->setEnabled(false);

    QMenu *diagram = menuBar()->addMenu(tr("&Diagram"));
    diagram->setObjectName(u"diagramMenu"_s);
    QAction *collapse = diagram->addAction(QIcon(u":/icons/junction.svg"_s), tr("&Collapse junctions"));
    collapse->setCheckable(true);
    collapse->setToolTip(tr("Draw each junction table as a single N–M edge"));
    connect(collapse, &QAction::toggled, m_diagram, &DiagramView::setCollapseJunctions);
    QAction *zoomIn = diagram->addAction(tr("Zoom &in"), m_diagram, &DiagramView::zoomIn);
    zoomIn->setShortcut(QKeySequence::ZoomIn);
    QAction *zoomOut = diagram->addAction(tr("Zoom &out"), m_diagram, &DiagramView::zoomOut);
    zoomOut->setShortcut(QKeySequence::ZoomOut);
    QAction *fit = diagram->addAction(tr("&Fit"), m_diagram, &DiagramView::fitAll);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(u"viewMenu"_s);
    QAction *clearLog = view->addAction(tr("Clear SQL log"), m_log, &SqlLogWidget::clear);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolBar"_s);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_back);
    bar->addAction(m_forward);
    bar->addSeparator();
    bar->addAction(collapse);
    bar->addAction(zoomIn);
    bar->addAction(zoomOut);
    bar->addAction(fit);
    bar->addSeparator();
    bar->addAction(exportAction);
    bar->addSeparator();
    bar->addAction(clearLog);
}

QString MainWindow::primaryKeyAttribute(const QString &model) const
{
    if (!m_db.isDefined(model))
        return {};
    const orm::ModelMeta &meta = m_db.model(model).meta();
    // A composite key (a junction) cannot be passed to findByPk as one value.
    return meta.primaryKey.size() == 1 ? meta.primaryKeyField().name : QString();
}

RecordLocation MainWindow::currentRecord() const
{
    return m_include->record();
}

void MainWindow::selectModel(const QString &model)
{
    if (model.isEmpty() || model == m_current)
        return;
    m_current = model;
    m_pendingRow = {};
    qCDebug(lcBrowser) << "selected model" << model;
    m_log->beginAction(tr("Select model %1").arg(model));
    m_tree->selectModel(model);
    m_diagram->selectModel(model);
    m_records->setModelName(model);
}

void MainWindow::onCurrentRowChanged(int row)
{
    if (m_navigating || row < 0)
        return;
    const QString pk = primaryKeyAttribute(m_current);
    if (pk.isEmpty())
        return;
    const QVariant key = m_records->recordsModel()->value(row, pk);
    if (!key.isValid() || orm::isNullValue(key))
        return;
    const RecordLocation loc{m_current, key};
    if (loc == m_include->record())
        return;
    m_log->beginAction(tr("Select %1 #%2").arg(loc.model, key.toString()));
    m_history->visit(loc);
    m_include->setRecord(loc);
}

QVariantMap MainWindow::keysOf(const RecordLocation &location) const
{
    const QString pk = primaryKeyAttribute(location.model);
    return pk.isEmpty() ? QVariantMap() : QVariantMap{{pk, location.primaryKey}};
}

bool MainWindow::selectRecordRow(const RecordLocation &location)
{
    RecordsModel *model = m_records->recordsModel();
    const int row = model->residentRowOf(keysOf(location));
    if (row < 0)
        return false;
    const bool was = m_navigating;
    m_navigating = true;
    m_records->selectRow(row);
    m_records->tableView()->scrollTo(model->index(row, 0), QAbstractItemView::PositionAtCenter);
    m_navigating = was;
    return true;
}

void MainWindow::findPendingRow()
{
    if (!m_pendingRow.isValid() || m_pendingRow.model != m_current)
        return;
    if (selectRecordRow(m_pendingRow)) {
        m_pendingRow = {};
        return;
    }
    RecordsModel *model = m_records->recordsModel();
    // Not resident: once the table is counted, ask where the record is (once per reload).
    if (model->totalCount() >= 0 && !m_locateAsked && !keysOf(m_pendingRow).isEmpty()) {
        m_locateAsked = true;
        model->locate(keysOf(m_pendingRow));
    }
}

void MainWindow::goTo(const RecordLocation &location)
{
    m_navigating = true;
    m_log->beginAction(tr("Go to %1 #%2").arg(location.model, location.primaryKey.toString()));
    selectModel(location.model);
    m_pendingRow = location;
    m_locateAsked = false;
    findPendingRow();
    m_include->setRecord(location);
    m_navigating = false;
}

void MainWindow::showRecord(const RecordLocation &location)
{
    if (!location.isValid() || !m_db.isDefined(location.model))
        return;
    goTo(location);
    m_history->visit(location);
}

void MainWindow::exportDiagram()
{
    QString selectedFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export diagram"), u"diagram.svg"_s,
                                                      tr("SVG image (*.svg);;PNG image (*.png)"), &selectedFilter);
    if (path.isEmpty())
        return;
    // A name typed without a suffix gets the one of the chosen file type.
    const bool png = path.endsWith(".png"_L1, Qt::CaseInsensitive)
                     || (!path.endsWith(".svg"_L1, Qt::CaseInsensitive) && selectedFilter.contains("*.png"_L1));
    if (QFileInfo(path).suffix().isEmpty())
        path += png ? u".png"_s : u".svg"_s;
    const bool ok = png ? m_diagram->exportPng(path) : m_diagram->exportSvg(path);
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
    m_diagram->waitForLayout();
    m_diagram->fitAll();
    QApplication::processEvents();
    const QPixmap pixmap = grab();
    const bool ok = !pixmap.isNull() && pixmap.save(path, "PNG");
    qCInfo(lcBrowser) << "screenshot" << path << (ok ? "written" : "failed");
    return ok;
}

} // namespace quarry::browser
