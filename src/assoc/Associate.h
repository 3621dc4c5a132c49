// Declaring associations: naming (Sequelize's rules, with the seed's lower-camel keys),
// adding foreign-key fields with their referential actions, and junction tables.
#pragma once

#include <orm/Association.h>
#include <orm/ModelMeta.h>

class QMetaObject;

namespace orm::detail {

class DatabasePrivate;

// Adds the association to source; both models must be defined on d. DefinitionError on misuse.
const AssociationMeta &associate(DatabasePrivate &d, const QString &source, AssociationKind kind,
                                 const QString &target, const AssociationOptions &options);

// Q_CLASSINFO("orm:hasMany", "Post; Comment as=Remarks") declarations of a class, queued
// on d and applied as soon as their targets are defined.
void queueClassInfoAssociations(DatabasePrivate &d, const QMetaObject *mo, const QString &modelName);
void applyPendingAssociations(DatabasePrivate &d);
// DefinitionError naming what is still missing (called before sync and queries).
void requireNoPendingAssociations(const DatabasePrivate &d);

} // namespace orm::detail
