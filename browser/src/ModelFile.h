// Run-time model definitions from a JSON file (quarry-browser --models FILE.json), through
// the public db.define(name, attributes, options) and ModelHandle association calls:
//
//   { "models": [ { "name": "Author",
//                   "attributes": { "name": { "type": "STRING", "allowNull": false } },
//                   "options": { "paranoid": true } } ],
//     "associations": [ { "source": "Author", "kind": "hasMany", "target": "Book",
//                         "options": { "as": "Books", "foreignKey": "authorId" } } ],
//     "sync": true }
//
// attributes and options are exactly sequelize.define's (see db.define); association kinds
// are hasOne, belongsTo, hasMany and belongsToMany, with the options as, foreignKey,
// sourceKey, targetKey, otherKey, through, onDelete, onUpdate, constraints and
// foreignKeyAllowNull. "sync" (default true) creates the tables that do not exist yet.
#pragma once

#include <orm/Database.h>

namespace quarry::browser {

class ModelFile
{
public:
    // Defines the file's models and associations on db; returns the model names. Throws
    // orm::DefinitionError naming the file and the entry for an unreadable file, bad JSON
    // or a bad definition.
    static QStringList define(const orm::Database &db, const QString &path);
    static QStringList define(const orm::Database &db, const QJsonObject &document, const QString &origin = {});
};

} // namespace quarry::browser
