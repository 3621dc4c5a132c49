#include "SchemaGraph.h"

#include <orm/ModelMeta.h>
#include <QMap>

namespace quarry::browser {

using namespace Qt::StringLiterals;

QString GraphEdge::cardinalityText() const
{
    switch (cardinality) {
    case Cardinality::OneToOne: return u"1–1"_s;
    case Cardinality::OneToMany: return u"1–N"_s;
    case Cardinality::ManyToMany: return u"N–M"_s;
    }
    return {};
}

QStringList SchemaGraph::junctionModels(const orm::Database &db)
{
    QStringList out;
    for (const QString &name : db.modelNames()) {
        const orm::ModelMeta &m = db.model(name).meta();
        if (m.isJunction && !out.contains(name))
            out << name;
        for (const orm::AssociationMeta &a : m.associations)
            if (a.kind == orm::AssociationKind::BelongsToMany && !a.through.isEmpty() && !out.contains(a.through))
                out << a.through;
    }
    return out;
}

const GraphNode *SchemaGraph::node(const QString &model) const
{
    for (const GraphNode &n : nodes)
        if (n.model == model)
            return &n;
    return nullptr;
}

SchemaGraph SchemaGraph::build(const orm::Database &db, bool collapseJunctions)
{
    SchemaGraph g;
    const QStringList junctions = junctionModels(db);
    const QStringList models = db.modelNames();
    for (const QString &name : models) {
        const bool junction = junctions.contains(name);
        if (junction && collapseJunctions)
            continue;
        const orm::ModelMeta &m = db.model(name).meta();
        GraphNode n{.model = name, .table = m.tableName, .junction = junction, .paranoid = m.isParanoid(), .columns = {}};
        for (const orm::FieldMeta &f : m.fields)
            n.columns.append({.name = f.column, .type = orm::fieldTypeName(f.type), .primaryKey = f.primaryKey,
                              .foreignKey = f.references.has_value(), .notNull = !f.allowNull});
        g.nodes.append(n);
    }

    // Edges, merged by a key so that an association and its inverse give one edge.
    QMap<QString, int> byKey;
    auto edge = [&](const QString &key, const GraphEdge &proto) -> GraphEdge & {
        auto it = byKey.find(key);
        if (it == byKey.end()) {
            it = byKey.insert(key, int(g.edges.size()));
            g.edges.append(proto);
        }
        return g.edges[*it];
    };
    for (const QString &name : models) {
        const orm::ModelMeta &m = db.model(name).meta();
        for (const orm::AssociationMeta &a : m.associations) {
            const QString label = a.source + u'.' + a.name;
            if (a.kind == orm::AssociationKind::BelongsToMany) {
                if (collapseJunctions) {
                    const QString key = u"nm|"_s + a.through;
                    GraphEdge &e = edge(key, {.from = a.source, .to = a.target, .cardinality = GraphEdge::Cardinality::ManyToMany,
                                              .associations = {}, .foreignKey = {}, .junction = a.through});
                    e.associations << label;
                    const QString keys = a.foreignKey + u'/' + a.otherKey;
                    if (e.foreignKey.isEmpty())
                        e.foreignKey = keys;
                } else {
                    // source 1–N junction (foreignKey), target 1–N junction (otherKey)
                    for (const auto &[parent, key] : {std::pair{a.source, a.foreignKey}, std::pair{a.target, a.otherKey}}) {
                        GraphEdge &e = edge(u"fk|%1|%2|%3"_s.arg(a.through, key, parent),
                                            {.from = parent, .to = a.through, .cardinality = GraphEdge::Cardinality::OneToMany,
                                             .associations = {}, .foreignKey = key, .junction = a.through});
                        if (!e.associations.contains(label))
                            e.associations << label;
                    }
                }
                continue;
            }
            const bool onTarget = a.kind == orm::AssociationKind::HasOne || a.kind == orm::AssociationKind::HasMany;
            const QString holder = onTarget ? a.target : a.source;
            const QString parent = onTarget ? a.source : a.target;
            if (collapseJunctions && (junctions.contains(holder) || junctions.contains(parent)))
                continue;
            GraphEdge &e = edge(u"fk|%1|%2|%3"_s.arg(holder, a.foreignKey, parent),
                                {.from = parent, .to = holder, .cardinality = GraphEdge::Cardinality::OneToMany,
                                 .associations = {}, .foreignKey = a.foreignKey,
                                 .junction = junctions.contains(holder) ? holder : QString()});
            if (a.kind == orm::AssociationKind::HasOne)
                e.cardinality = GraphEdge::Cardinality::OneToOne;
            e.associations << label;
        }
    }
    return g;
}

} // namespace quarry::browser
