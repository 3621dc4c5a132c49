// The ER diagram: one box per model (columns with PK/FK marks), one edge per relation with
// its cardinality, junction tables drawn distinctly (or collapsed into N–M edges), laid out
// by Graphviz dot. Zoom with Ctrl+wheel, pan by dragging, fit, export to PNG and SVG.
// The layout runs on a worker thread (QtConcurrent), so that a schema of hundreds of
// models never freezes the window: the boxes appear at once on a grid, with a progress
// note, and move to their places when dot is done.
#pragma once

#include "GraphLayout.h"
#include "SchemaGraph.h"

#include <QFuture>
#include <QGraphicsView>

class QGraphicsSimpleTextItem;

namespace quarry::browser {

class ModelBoxItem;

class DiagramView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(QWidget *parent = nullptr);
    ~DiagramView() override;

    void setDatabase(const orm::Database &db);
    bool collapseJunctions() const { return m_collapse; }

    // What is drawn (for tests and tools).
    const SchemaGraph &graph() const { return m_graph; }
    QStringList modelBoxes() const;    // every box, junctions included
    QStringList junctionBoxes() const; // the boxes drawn as junctions
    int edgeCount() const;             // edge items in the scene
    QString selectedModel() const;
    bool usedGraphviz() const { return m_usedGraphviz; }
    bool isLayoutPending() const { return m_layoutPending; }
    // Blocks until the running layout (if any) is applied; for tests, exports, screenshots.
    void waitForLayout();

    bool exportPng(const QString &path) const;
    bool exportSvg(const QString &path) const;

public slots:
    void setCollapseJunctions(bool collapse);
    void selectModel(const QString &model);
    void rebuild();
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void fitAll();

signals:
    void modelSelected(const QString &model);
    void layoutStarted(int models);
    void layoutFinished(bool usedGraphviz);

protected:
    void wheelEvent(QWheelEvent *event) override;

private:
    void onSelectionChanged();
    void applyLayout(int generation, LayoutResult layout);
    void addEdges(int budgetMs); // -1: all that remain
    QRectF exportRect() const;

    orm::Database m_db;
    SchemaGraph m_graph;
    QHash<QString, ModelBoxItem *> m_boxes;
    int m_edgeItems = 0;
    bool m_collapse = false;
    bool m_usedGraphviz = false;
    bool m_selecting = false;
    QString m_lastSelected;
    int m_generation = 0;        // bumped by each rebuild; stale layouts are dropped
    bool m_layoutPending = false; // until the last edge is in the scene
    bool m_layoutApplied = false; // the boxes are in place; edges may still be coming
    LayoutResult m_layout;
    int m_nextEdge = 0;
    QFuture<LayoutResult> m_future;
    QGraphicsSimpleTextItem *m_progress = nullptr;
};

} // namespace quarry::browser
