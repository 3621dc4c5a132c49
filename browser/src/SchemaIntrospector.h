// Models from a live schema: when the browser opens a database without model definitions,
// each table becomes a run-time model (db.define) named after the table, each foreign key
// a belongsTo/hasMany pair (hasOne when the key column is unique), and each table whose
// primary key is exactly two foreign keys a junction, with belongsToMany on both sides.
// createdAt/updatedAt (or created_at/updated_at: underscored) turn timestamps on,
// deletedAt/deleted_at makes the model paranoid. A foreign key of several columns is
// reported (compositeForeignKeys) but is no association: the ORM's keys have one column.
#pragma once

#include <orm/Database.h>
#include <QJsonValue>

namespace quarry::browser {

class SchemaIntrospector
{
public:
    // Defines the models on db; returns the names of the models defined. Tables that
    // cannot be read are skipped with a warning in warnings().
    QStringList defineModels(const orm::Database &db);
    QStringList warnings() const { return m_warnings; }
    // "Table(a, b) -> Parent(x, y)" for each foreign key of several columns.
    QStringList compositeForeignKeys() const { return m_compositeKeys; }
    // The tables recognised as junctions.
    QStringList junctions() const { return m_junctions; }

    // The ORM type name ("INTEGER", "STRING(255)", ...) for a column type as the dialect reports it.
    static QString ormType(const QString &sqlType);
    // A column's default as orm::ColumnInfo reports it (a literal without its quotes, or an
    // expression such as CURRENT_TIMESTAMP), as the JSON value of a run-time model's
    // defaultValue; undefined for NULL and for expressions the database computes.
    static QJsonValue defaultValue(const QString &sqlDefault, const QString &ormType);

private:
    QStringList m_warnings;
    QStringList m_compositeKeys;
    QStringList m_junctions;
};

} // namespace quarry::browser
