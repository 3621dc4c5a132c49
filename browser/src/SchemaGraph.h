// The ER graph of a database's models, from the ORM metadata: one node per model, one edge
// per relation (an association and its inverse are one edge), with the junction tables of
// belongsToMany either as nodes of their own or collapsed into a single N–M edge.
#pragma once

#include <orm/Database.h>

namespace quarry::browser {

struct GraphColumn
{
    QString name;
    QString type;
    bool primaryKey = false;
    bool foreignKey = false;
    bool notNull = false;
};

struct GraphNode
{
    QString model;
    QString table;
    bool junction = false;
    bool paranoid = false;
    QList<GraphColumn> columns;
};

struct GraphEdge
{
    enum class Cardinality { OneToOne, OneToMany, ManyToMany };
    QString from; // the "one" side (the parent), or the source of an N–M edge
    QString to;   // the "many" side (the model holding the key), or the N–M target
    Cardinality cardinality = Cardinality::OneToMany;
    QStringList associations; // "User.Posts", "Post.User"
    QString foreignKey;       // the key column(s) behind the edge
    QString junction;         // N–M: the collapsed junction model; or the junction this edge leads to

    QString cardinalityText() const; // "1–1", "1–N", "N–M"
    bool isLoop() const { return from == to; }
};

struct SchemaGraph
{
    QList<GraphNode> nodes;
    QList<GraphEdge> edges;

    static SchemaGraph build(const orm::Database &db, bool collapseJunctions);
    // Models that are junctions of a belongsToMany.
    static QStringList junctionModels(const orm::Database &db);
    const GraphNode *node(const QString &model) const;
};

} // namespace quarry::browser
