// Automatic layout with Graphviz dot, through libgvc. Coordinates come back in Qt's
// orientation (y down, pixels = points).
#pragma once

#include <QHash>
#include <QList>
#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QStringList>

namespace quarry::browser {

struct LayoutRequest
{
    struct Node { QString id; QSizeF size; };
    struct Edge { QString from, to, label; };
    QList<Node> nodes;
    QList<Edge> edges;
    QString rankdir = QStringLiteral("LR");
};

struct LayoutResult
{
    bool ok = false;
    QString error;
    QHash<QString, QPointF> centers; // node centres
    QList<QPainterPath> edgePaths;   // parallel to the request's edges
    QList<QPointF> labelPositions;   // label centres, parallel to the edges
    QRectF bounds;
};

LayoutResult layoutWithDot(const LayoutRequest &request);

} // namespace quarry::browser
