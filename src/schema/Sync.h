// sync and drop: creating tables and indexes in dependency order, force (drop and
// recreate), and alter (bring live tables in line with the models, keeping every row).
#pragma once

#include <orm/FindOptions.h>
#include <orm/ModelMeta.h>

namespace orm::detail {

class DatabasePrivate;

// Parents before children (by foreign key); cycles keep their definition order.
QList<const ModelMeta *> dependencyOrder(const QList<const ModelMeta *> &models);

void syncModels(DatabasePrivate &d, const QList<const ModelMeta *> &models, const SyncOptions &options);
// Drops the tables, children first, never cascading into rows of tables left in place.
void dropModels(DatabasePrivate &d, const QList<const ModelMeta *> &models);

} // namespace orm::detail
