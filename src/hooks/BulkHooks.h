// The hooks of the model-wide update, destroy and restore (Model::update(values, {where}),
// Model::destroy({where}), Model::restore({where})): beforeBulkX/afterBulkX around the
// operation and, with individualHooks, the instance hooks of every matched row, all in one
// transaction. ops/BulkOps.cpp hands an operation over when hooksFor says so; the write
// itself is the same operation again, with hooks off.
#pragma once

#include <orm/FindOptions.h>
#include <orm/Hooks.h>
#include <orm/ModelHandle.h>

namespace orm::detail {

// Whether a model-wide operation has hooks to run: the bulk pair (registered), or with
// individualHooks the instance pair (registered or member functions). One look per
// operation, never per row.
bool hooksFor(const ModelMeta &meta, Hook before, bool individualHooks);

qint64 hookedUpdate(const ModelHandle &model, const QVariantMap &values, const UpdateOptions &options);
qint64 hookedDestroy(const ModelHandle &model, const DestroyOptions &options);
qint64 hookedRestore(const ModelHandle &model, const RestoreOptions &options);

} // namespace orm::detail
