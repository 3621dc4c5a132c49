// SQL for associations: the EXISTS conditions that make an include required (so that
// limit and count see only parents with a match), and the junction join of belongsToMany.
#pragma once

#include "exec/Executor.h"

#include <orm/FindOptions.h>
#include <orm/ModelMeta.h>

namespace orm::detail {

class DatabasePrivate;

// The association an include names: its name, or the name of its target model.
const AssociationMeta &resolveInclude(const ModelMeta &parent, const QString &name);

// " AND EXISTS (...)" for each required include of parent, correlated to parentRef
// (a quoted table name or alias). Appends to sql and bindings.
void appendRequiredIncludes(DatabasePrivate &d, const ModelMeta &parent, const QString &parentRef,
                            const QList<Include> &includes, QString &sql, QVariantList &bindings, int &aliasCounter);

} // namespace orm::detail
