#include "GraphLayout.h"

#include "BrowserLogging.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <QMutex>

namespace quarry::browser {

namespace {

// cgraph takes char * everywhere.
char *cs(QByteArray &b) { return b.data(); }

void set(void *obj, const char *name, const QString &value)
{
    QByteArray n(name), v = value.toUtf8(), empty;
    agsafeset(obj, cs(n), cs(v), cs(empty));
}

} // namespace

LayoutResult layoutWithDot(const LayoutRequest &request)
{
    // libgvc keeps global state: one layout at a time.
    static QMutex mutex;
    QMutexLocker lock(&mutex);

    LayoutResult result;
    agseterr(AGERR);
    // One context for the whole process, never freed: libgvc's text-size plugins keep
    // static pointers to font names interned in the context, so freeing it and making a
    // new one for the next layout leaves them dangling (a use-after-free ASan caught).
    static GVC_t *const gvc = gvContext();
    if (!gvc) {
        result.error = QStringLiteral("gvContext failed");
        return result;
    }
    QByteArray graphName("schema");
    Agraph_t *g = agopen(cs(graphName), Agdirected, nullptr);
    set(g, "rankdir", request.rankdir);
    set(g, "nodesep", QStringLiteral("0.6"));
    set(g, "ranksep", QStringLiteral("1.1"));
    set(g, "splines", QStringLiteral("spline"));
    if (request.nodes.size() > 40) {
        // dot's crossing minimisation and network simplex grow fast on big, densely linked
        // schemas (tens of seconds at 100 models); bounded iterations keep it to a few seconds.
        set(g, "mclimit", QStringLiteral("0.2"));
        set(g, "nslimit", QStringLiteral("2"));
        set(g, "nslimit1", QStringLiteral("2"));
        set(g, "searchsize", QStringLiteral("10"));
    }

    QHash<QString, Agnode_t *> nodes;
    for (const auto &n : request.nodes) {
        QByteArray id = n.id.toUtf8();
        Agnode_t *node = agnode(g, cs(id), 1);
        set(node, "shape", QStringLiteral("box"));
        set(node, "fixedsize", QStringLiteral("true"));
        set(node, "label", QString());
        set(node, "width", QString::number(n.size.width() / 72.0, 'f', 4));
        set(node, "height", QString::number(n.size.height() / 72.0, 'f', 4));
        nodes.insert(n.id, node);
    }
    QList<Agedge_t *> edges;
    for (int i = 0; i < request.edges.size(); ++i) {
        const auto &e = request.edges.at(i);
        Agnode_t *a = nodes.value(e.from), *b = nodes.value(e.to);
        if (!a || !b) {
            edges.append(nullptr);
            continue;
        }
        QByteArray name = "e" + QByteArray::number(i);
        Agedge_t *edge = agedge(g, a, b, cs(name), 1);
        set(edge, "label", e.label);
        set(edge, "fontsize", QStringLiteral("10"));
        edges.append(edge);
    }

    QByteArray engine("dot");
    if (gvLayout(gvc, g, engine.constData()) != 0) {
        result.error = QStringLiteral("gvLayout(dot) failed");
        qCWarning(lcBrowser) << "graphviz:" << result.error;
        agclose(g);
        return result;
    }
    const boxf bb = GD_bb(g);
    const double top = bb.UR.y;
    auto flip = [top](pointf p) { return QPointF(p.x, top - p.y); };
    result.bounds = QRectF(QPointF(bb.LL.x, 0), QPointF(bb.UR.x, bb.UR.y - bb.LL.y));
    for (auto it = nodes.cbegin(); it != nodes.cend(); ++it)
        result.centers.insert(it.key(), flip(ND_coord(it.value())));
    for (Agedge_t *edge : std::as_const(edges)) {
        QPainterPath path;
        QPointF label;
        if (edge && ED_spl(edge) && ED_spl(edge)->size > 0) {
            const bezier &bz = ED_spl(edge)->list[0];
            if (bz.size > 0) {
                if (bz.sflag) {
                    path.moveTo(flip(bz.sp));
                    path.lineTo(flip(bz.list[0]));
                } else {
                    path.moveTo(flip(bz.list[0]));
                }
                for (int i = 1; i + 2 < bz.size; i += 3)
                    path.cubicTo(flip(bz.list[i]), flip(bz.list[i + 1]), flip(bz.list[i + 2]));
                if (bz.eflag)
                    path.lineTo(flip(bz.ep));
            }
        }
        if (edge && ED_label(edge))
            label = flip(ED_label(edge)->pos);
        else if (!path.isEmpty())
            label = path.pointAtPercent(0.5);
        result.edgePaths.append(path);
        result.labelPositions.append(label);
    }
    gvFreeLayout(gvc, g);
    agclose(g);
    result.ok = true;
    return result;
}

} // namespace quarry::browser
