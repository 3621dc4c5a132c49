// Models from a live schema: when the browser opens a database without model definitions,
// each table becomes a run-time model (db.define), each foreign key a belongsTo/hasMany
// pair, and each table whose primary key is exactly two foreign keys a junction, with
// belongsToMany on both sides.
#pragma once

#include <orm/Database.h>

namespace quarry::browser {

class SchemaIntrospector
{
public:
    // Defines the models on db; returns the names of the models defined. Tables that
    // cannot be read are skipped with a warning in warnings().
    QStringList defineModels(const orm::Database &db);
    QStringList warnings() const { return m_warnings; }

    // The ORM type name ("INTEGER", "STRING(255)", ...) for a column type as the dialect reports it.
    static QString ormType(const QString &sqlType);

private:
    QStringList m_warnings;
};

} // namespace quarry::browser
