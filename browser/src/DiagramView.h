// The ER diagram: one box per model (columns with PK/FK marks), one edge per relation with
// its cardinality, junction tables drawn distinctly (or collapsed into N–M edges), laid out
// by Graphviz dot. Zoom with Ctrl+wheel, pan by dragging, fit, export to PNG and SVG.
#pragma once

#include "SchemaGraph.h"

#include <QGraphicsView>

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

protected:
    void wheelEvent(QWheelEvent *event) override;

private:
    void onSelectionChanged();
    QRectF exportRect() const;

    orm::Database m_db;
    SchemaGraph m_graph;
    QHash<QString, ModelBoxItem *> m_boxes;
    int m_edgeItems = 0;
    bool m_collapse = false;
    bool m_usedGraphviz = false;
    bool m_selecting = false;
    QString m_lastSelected;
};

} // namespace quarry::browser
