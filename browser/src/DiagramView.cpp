#include "DiagramView.h"

#include "BrowserLogging.h"
#include "GraphLayout.h"

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgGenerator>
#include <QTimer>
#include <QWheelEvent>
#include <QtMath>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
constexpr qreal HeaderHeight = 26;
constexpr qreal RowHeight = 18;
constexpr qreal MarkWidth = 26;
constexpr qreal Padding = 8;
const QColor ModelHeader(0x2f, 0x5d, 0x8f);
const QColor JunctionHeader(0x7b, 0x52, 0xa6);
const QColor EdgeColor(0x55, 0x5f, 0x6b);
const QColor ManyToManyColor(0x7b, 0x52, 0xa6);
const QColor SelectionColor(0xe6, 0x7e, 0x22);
enum { ModelNameRole = 0 };
constexpr int EdgeBatchMs = 30; // the longest the GUI thread spends adding edges at a time

QFont boxFont()
{
    QFont f;
    f.setPointSizeF(9);
    return f;
}
} // namespace

// One model: a header with its name (and table), then one row per column.
class ModelBoxItem : public QGraphicsItem
{
public:
    explicit ModelBoxItem(const GraphNode &node) : m_node(node)
    {
        setFlag(ItemIsSelectable);
        setData(ModelNameRole, node.model);
        setCursor(Qt::PointingHandCursor);
        QFont bold = boxFont();
        bold.setBold(true);
        const QFontMetricsF fm(boxFont()), fb(bold);
        qreal nameW = 0, typeW = 0;
        for (const GraphColumn &c : node.columns) {
            nameW = qMax(nameW, fm.horizontalAdvance(c.name));
            typeW = qMax(typeW, fm.horizontalAdvance(c.type));
        }
        const qreal header = fb.horizontalAdvance(node.model) + fm.horizontalAdvance(subtitle()) + 3 * Padding;
        m_width = qMax(header, MarkWidth + nameW + typeW + 3 * Padding);
        m_width = qMax<qreal>(m_width, 140);
        m_height = HeaderHeight + RowHeight * qMax<qsizetype>(1, node.columns.size()) + 6;
        QStringList tip{node.junction ? QObject::tr("Junction model %1 (table %2)").arg(node.model, node.table)
                                      : QObject::tr("Model %1 (table %2)").arg(node.model, node.table)};
        setToolTip(tip.join(u'\n'));
    }
    QString subtitle() const
    {
        QString s = m_node.table;
        if (m_node.paranoid)
            s += QObject::tr(", paranoid");
        return s;
    }
    QSizeF size() const { return {m_width, m_height}; }
    const GraphNode &node() const { return m_node; }

    QRectF boundingRect() const override { return QRectF(-3, -3, m_width + 6, m_height + 6); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        p->setRenderHint(QPainter::Antialiasing);
        const QRectF r(0, 0, m_width, m_height);
        const QColor head = m_node.junction ? JunctionHeader : ModelHeader;
        // shadow
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(0, 0, 0, 28));
        p->drawRoundedRect(r.translated(2, 3), 5, 5);
        // body
        p->setBrush(m_node.junction ? QColor(0xf6, 0xf1, 0xfb) : QColor(Qt::white));
        QPen border(isSelected() ? SelectionColor : head.darker(115), isSelected() ? 3 : 1.2);
        if (m_node.junction)
            border.setStyle(Qt::DashLine);
        p->setPen(border);
        p->drawRoundedRect(r, 5, 5);
        // header
        QPainterPath hp;
        hp.addRoundedRect(QRectF(0, 0, m_width, HeaderHeight), 5, 5);
        QPainterPath bottom;
        bottom.addRect(QRectF(0, HeaderHeight / 2, m_width, HeaderHeight / 2));
        p->fillPath(hp.united(bottom), head);
        QFont bold = boxFont();
        bold.setBold(true);
        p->setFont(bold);
        p->setPen(Qt::white);
        const QRectF headText(Padding, 0, m_width - 2 * Padding, HeaderHeight);
        p->drawText(headText, Qt::AlignVCenter | Qt::AlignLeft, m_node.model);
        QFont small = boxFont();
        small.setItalic(true);
        small.setPointSizeF(8);
        p->setFont(small);
        p->setPen(QColor(255, 255, 255, 200));
        p->drawText(headText, Qt::AlignVCenter | Qt::AlignRight, subtitle());
        // columns
        p->setFont(boxFont());
        qreal y = HeaderHeight + 3;
        for (const GraphColumn &c : m_node.columns) {
            const QRectF row(0, y, m_width, RowHeight);
            QString mark;
            if (c.primaryKey)
                mark = u"PK"_s;
            if (c.foreignKey)
                mark = mark.isEmpty() ? u"FK"_s : mark + u"·FK"_s;
            if (!mark.isEmpty()) {
                QFont mf = boxFont();
                mf.setPointSizeF(7);
                mf.setBold(true);
                p->setFont(mf);
                p->setPen(c.primaryKey ? QColor(0xb7, 0x86, 0x0b) : QColor(0x2e, 0x86, 0xc1));
                p->drawText(QRectF(4, y, MarkWidth + 4, RowHeight), Qt::AlignVCenter | Qt::AlignLeft, mark);
                p->setFont(boxFont());
            }
            QFont nf = boxFont();
            nf.setBold(c.primaryKey);
            nf.setUnderline(c.primaryKey);
            p->setFont(nf);
            p->setPen(c.notNull || c.primaryKey ? QColor(0x20, 0x20, 0x20) : QColor(0x50, 0x50, 0x50));
            p->drawText(row.adjusted(MarkWidth + Padding, 0, -Padding, 0), Qt::AlignVCenter | Qt::AlignLeft, c.name);
            p->setFont(boxFont());
            p->setPen(QColor(0x88, 0x88, 0x88));
            p->drawText(row.adjusted(0, 0, -Padding, 0), Qt::AlignVCenter | Qt::AlignRight, c.type);
            y += RowHeight;
        }
    }

private:
    GraphNode m_node;
    qreal m_width = 0, m_height = 0;
};

namespace {

// A text label on a white rounded background.
class EdgeLabelItem : public QGraphicsItem
{
public:
    EdgeLabelItem(const QString &text, const QColor &color) : m_text(text), m_color(color)
    {
        QFont f = boxFont();
        f.setPointSizeF(8);
        f.setBold(true);
        m_font = f;
        const QFontMetricsF fm(f);
        m_rect = QRectF(0, 0, fm.horizontalAdvance(text) + 10, fm.height() + 4);
        m_rect.moveCenter(QPointF(0, 0));
        setZValue(2);
    }
    QRectF boundingRect() const override { return m_rect.adjusted(-1, -1, 1, 1); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        p->setRenderHint(QPainter::Antialiasing);
        p->setPen(QPen(m_color, 1));
        p->setBrush(QColor(255, 255, 255, 235));
        p->drawRoundedRect(m_rect, 4, 4);
        p->setFont(m_font);
        p->setPen(m_color);
        p->drawText(m_rect, Qt::AlignCenter, m_text);
    }

private:
    QString m_text;
    QColor m_color;
    QFont m_font;
    QRectF m_rect;
};

QString edgeLabel(const GraphEdge &e)
{
    if (e.cardinality == GraphEdge::Cardinality::ManyToMany)
        return DiagramView::tr("%1 via %2").arg(e.cardinalityText(), e.junction);
    return DiagramView::tr("%1 %2").arg(e.cardinalityText(), e.foreignKey);
}

// A loop on the right side of a box, for a fallback layout.
QPainterPath loopPath(const QRectF &box)
{
    QPainterPath p;
    const QPointF a(box.right(), box.top() + 10), b(box.right(), box.top() + 30);
    p.moveTo(a);
    p.cubicTo(a + QPointF(70, -40), b + QPointF(70, 40), b);
    return p;
}

} // namespace

DiagramView::DiagramView(QWidget *parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(QColor(0xf4, 0xf6, 0xf8));
    setToolTip(tr("ER diagram: Ctrl+wheel zooms, drag pans, click a box to select its model"));
    connect(scene(), &QGraphicsScene::selectionChanged, this, &DiagramView::onSelectionChanged);
}

DiagramView::~DiagramView()
{
    // The scene dies after this object, and clears its selection as it goes.
    disconnect(scene(), nullptr, this, nullptr);
}

void DiagramView::setDatabase(const orm::Database &db)
{
    m_db = db;
    rebuild();
}

void DiagramView::setCollapseJunctions(bool collapse)
{
    if (collapse == m_collapse)
        return;
    m_collapse = collapse;
    rebuild();
}

void DiagramView::rebuild()
{
    const QString selected = selectedModel().isEmpty() ? m_lastSelected : selectedModel();
    ++m_generation; // a layout still running for the old scene is dropped when it ends
    m_selecting = true;
    scene()->clear();
    m_boxes.clear();
    m_edgeItems = 0;
    m_progress = nullptr;
    m_selecting = false;
    m_layoutPending = false;
    m_layoutApplied = false;
    if (!m_db.isValid())
        return;
    m_graph = SchemaGraph::build(m_db, m_collapse);

    LayoutRequest request;
    // A grid until dot has placed the boxes.
    const int perRow = qMax(1, int(qCeil(qSqrt(m_graph.nodes.size()))));
    int i = 0;
    for (const GraphNode &n : std::as_const(m_graph.nodes)) {
        auto *box = new ModelBoxItem(n);
        box->setZValue(1);
        box->setPos((i % perRow) * 320.0, (i / perRow) * 260.0);
        ++i;
        scene()->addItem(box);
        m_boxes.insert(n.model, box);
        request.nodes.append({n.model, box->size()});
    }
    for (const GraphEdge &e : std::as_const(m_graph.edges))
        request.edges.append({e.from, e.to, edgeLabel(e)});
    if (!selected.isEmpty())
        selectModel(selected);

    m_progress = scene()->addSimpleText(tr("Laying out %n model(s)…", nullptr, int(request.nodes.size())));
    QFont f = boxFont();
    f.setPointSizeF(14);
    f.setBold(true);
    m_progress->setFont(f);
    m_progress->setBrush(QColor(0x2f, 0x5d, 0x8f));
    m_progress->setZValue(5);
    m_progress->setPos(scene()->itemsBoundingRect().topLeft() - QPointF(0, 40));
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40));

    m_layoutPending = true;
    emit layoutStarted(int(request.nodes.size()));
    const int generation = m_generation;
    m_future = QtConcurrent::run([request] { return layoutWithDot(request); });
    auto *watcher = new QFutureWatcher<LayoutResult>(this);
    connect(watcher, &QFutureWatcher<LayoutResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation && m_layoutPending && !m_layoutApplied)
            applyLayout(generation, watcher->result());
    });
    watcher->setFuture(m_future);
}

void DiagramView::waitForLayout()
{
    if (!m_layoutPending)
        return;
    if (!m_layoutApplied) {
        m_future.waitForFinished();
        applyLayout(m_generation, m_future.result());
    }
    while (m_layoutPending)
        addEdges(-1);
}

void DiagramView::applyLayout(int generation, LayoutResult layout)
{
    if (generation != m_generation || !m_layoutPending || m_layoutApplied)
        return;
    m_layoutApplied = true;
    if (m_progress) {
        delete m_progress;
        m_progress = nullptr;
    }
    m_layout = std::move(layout);
    m_usedGraphviz = m_layout.ok;
    if (!m_layout.ok) // keep the grid, and draw straight edges
        qCWarning(lcBrowser) << "Graphviz layout failed, using a grid:" << m_layout.error;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        const QSizeF s = it.value()->size();
        if (m_layout.ok)
            it.value()->setPos(m_layout.centers.value(it.key()) - QPointF(s.width() / 2, s.height() / 2));
    }
    m_nextEdge = 0;
    addEdges(EdgeBatchMs);
}

void DiagramView::addEdges(int budgetMs)
{
    // Edge items of long splines are costly to create (their shape is stroked): a few
    // milliseconds of them per turn of the event loop, so that the window stays responsive.
    QElapsedTimer timer;
    timer.start();
    for (; m_nextEdge < m_graph.edges.size(); ++m_nextEdge) {
        if (budgetMs >= 0 && timer.elapsed() >= budgetMs) {
            const int generation = m_generation;
            QTimer::singleShot(0, this, [this, generation] {
                if (generation == m_generation && m_layoutPending)
                    addEdges(EdgeBatchMs);
            });
            return;
        }
        const int i = m_nextEdge;
        const GraphEdge &e = m_graph.edges.at(i);
        ModelBoxItem *from = m_boxes.value(e.from), *to = m_boxes.value(e.to);
        if (!from || !to)
            continue;
        QPainterPath path = m_layout.ok ? m_layout.edgePaths.value(i) : QPainterPath();
        if (path.isEmpty()) {
            const QRectF fr = from->sceneBoundingRect(), tr = to->sceneBoundingRect();
            if (e.isLoop()) {
                path = loopPath(fr);
            } else {
                path.moveTo(fr.center());
                path.lineTo(tr.center());
            }
        }
        const bool nm = e.cardinality == GraphEdge::Cardinality::ManyToMany;
        const QColor color = nm ? ManyToManyColor : EdgeColor;
        auto *item = scene()->addPath(path, QPen(color, nm ? 2.0 : 1.5, e.junction.isEmpty() || nm ? Qt::SolidLine : Qt::DashLine));
        item->setZValue(0);
        item->setToolTip(tr("%1: %2").arg(e.cardinalityText(), e.associations.join(u", "_s)));
        item->setData(ModelNameRole, QVariant()); // not a model
        ++m_edgeItems;
        // cardinality marks at both ends, and the label in the middle
        const QString fromMark = nm ? u"N"_s : u"1"_s;
        const QString toMark = e.cardinality == GraphEdge::Cardinality::OneToOne ? u"1"_s : (nm ? u"M"_s : u"N"_s);
        for (const auto &[mark, at] : {std::pair{fromMark, 0.06}, std::pair{toMark, 0.94}}) {
            auto *t = scene()->addSimpleText(mark);
            QFont f = boxFont();
            f.setBold(true);
            t->setFont(f);
            t->setBrush(color);
            const QPointF p = path.pointAtPercent(at);
            t->setPos(p + QPointF(4, -16));
            t->setZValue(2);
        }
        auto *label = new EdgeLabelItem(edgeLabel(e), color);
        label->setPos(m_layout.ok && !m_layout.labelPositions.value(i).isNull() ? m_layout.labelPositions.value(i)
                                                                            : path.pointAtPercent(0.5));
        label->setToolTip(item->toolTip());
        scene()->addItem(label);
    }
    m_layoutPending = false;
    m_layout = {};
    scene()->setSceneRect(scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40));
    if (!m_lastSelected.isEmpty())
        if (ModelBoxItem *box = m_boxes.value(m_lastSelected))
            ensureVisible(box, 20, 20);
    qCDebug(lcBrowser) << "diagram:" << m_boxes.size() << "boxes," << m_edgeItems << "edges, graphviz" << m_usedGraphviz;
    emit layoutFinished(m_usedGraphviz);
}

QStringList DiagramView::modelBoxes() const
{
    QStringList out = m_boxes.keys();
    out.sort();
    return out;
}

QStringList DiagramView::junctionBoxes() const
{
    QStringList out;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        if (it.value()->node().junction)
            out << it.key();
    out.sort();
    return out;
}

int DiagramView::edgeCount() const
{
    return m_edgeItems;
}

QString DiagramView::selectedModel() const
{
    for (QGraphicsItem *item : scene()->selectedItems())
        if (auto *box = dynamic_cast<ModelBoxItem *>(item))
            return box->node().model;
    return {};
}

void DiagramView::selectModel(const QString &model)
{
    if (model == selectedModel())
        return;
    m_selecting = true;
    scene()->clearSelection();
    m_lastSelected = model;
    if (ModelBoxItem *box = m_boxes.value(model)) {
        box->setSelected(true);
        ensureVisible(box, 20, 20);
    }
    m_selecting = false;
}

void DiagramView::onSelectionChanged()
{
    if (m_selecting)
        return;
    // One model at a time: the box just selected wins over the one selected before.
    QList<ModelBoxItem *> boxes;
    for (QGraphicsItem *item : scene()->selectedItems())
        if (auto *box = dynamic_cast<ModelBoxItem *>(item))
            boxes.append(box);
    if (boxes.isEmpty())
        return;
    ModelBoxItem *chosen = boxes.first();
    for (ModelBoxItem *box : std::as_const(boxes))
        if (box->node().model != m_lastSelected)
            chosen = box;
    if (boxes.size() > 1) {
        m_selecting = true;
        for (ModelBoxItem *box : std::as_const(boxes))
            if (box != chosen)
                box->setSelected(false);
        m_selecting = false;
    }
    m_lastSelected = chosen->node().model;
    emit modelSelected(m_lastSelected);
}

void DiagramView::zoomIn()
{
    scale(1.2, 1.2);
}

void DiagramView::zoomOut()
{
    scale(1 / 1.2, 1 / 1.2);
}

void DiagramView::resetZoom()
{
    resetTransform();
}

void DiagramView::fitAll()
{
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    // never blow a small diagram up beyond its natural size
    if (transform().m11() > 1.0)
        resetTransform();
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        if (event->angleDelta().y() > 0)
            zoomIn();
        else if (event->angleDelta().y() < 0)
            zoomOut();
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

QRectF DiagramView::exportRect() const
{
    return scene()->itemsBoundingRect().adjusted(-20, -20, 20, 20);
}

bool DiagramView::exportPng(const QString &path) const
{
    const_cast<DiagramView *>(this)->waitForLayout();
    const QRectF source = exportRect();
    QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene()->render(&p, QRectF(QPointF(0, 0), image.size()), source);
    }
    const bool ok = image.save(path, "PNG");
    qCInfo(lcBrowser) << "diagram exported to" << path << ok;
    return ok;
}

bool DiagramView::exportSvg(const QString &path) const
{
    const_cast<DiagramView *>(this)->waitForLayout();
    const QRectF source = exportRect();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    svg.setTitle(tr("Quarry ER diagram"));
    QPainter p;
    if (!p.begin(&svg))
        return false;
    p.fillRect(QRectF(QPointF(0, 0), source.size()), Qt::white);
    scene()->render(&p, QRectF(QPointF(0, 0), source.size()), source);
    p.end();
    qCInfo(lcBrowser) << "diagram exported to" << path;
    return true;
}

} // namespace quarry::browser
