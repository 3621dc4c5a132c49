// Eager loading (include). The contract, per include node: gather the keys of all the
// parents, run one query for them (IN lists chunked under the parameter limit), match the
// children back to their parents through a hash on the key, then recurse into the node's
// own includes with all of its children as parents. The number of queries depends on the
// include tree, never on the number of rows; a target row shared by many parents becomes
// one instance.
#pragma once

#include <orm/FindOptions.h>
#include <orm/Instance.h>

namespace orm::detail {

class DatabasePrivate;

struct Links
{
    QList<Ptr<Instance>> items;
    QList<Ptr<Instance>> through; // belongsToMany junction rows, parallel to items
};

class EagerLoader
{
public:
    // Loads includes into parents (all of model parentModel).
    static void load(DatabasePrivate &d, const ModelMeta &parentModel, const QList<Ptr<Instance>> &parents,
                     const QList<Include> &includes);

    // The children of each parent for one association; limit/offset only for a single parent.
    static QList<Links> fetch(DatabasePrivate &d, const ModelMeta &parentModel, const AssociationMeta &association,
                              const QList<Instance *> &parents, const Include &node, int limit = -1, int offset = 0);
};

} // namespace orm::detail
