#include "SchemaIntrospector.h"

#include "BrowserLogging.h"

#include <orm/Errors.h>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace quarry::browser {

using namespace Qt::StringLiterals;

QString SchemaIntrospector::ormType(const QString &sqlType)
{
    const QString t = sqlType.trimmed().toUpper();
    static const QRegularExpression sized(u"^[A-Z ]*\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)"_s);
    const auto m = sized.match(t);
    if (t.startsWith("TINYINT(1)"_L1) || t.startsWith("BOOL"_L1))
        return u"BOOLEAN"_s;
    if (t.contains("BIGINT"_L1))
        return u"BIGINT"_s;
    if (t.contains("INT"_L1))
        return u"INTEGER"_s;
    if (t.startsWith("DECIMAL"_L1) || t.startsWith("NUMERIC"_L1))
        return m.hasMatch() && !m.captured(2).isEmpty() ? u"DECIMAL(%1,%2)"_s.arg(m.captured(1), m.captured(2)) : u"DECIMAL"_s;
    if (t.contains("DOUB"_L1) || t.contains("FLOA"_L1) || t.contains("REAL"_L1))
        return u"DOUBLE"_s;
    if (t.contains("TEXT"_L1) || t.contains("CLOB"_L1))
        return u"TEXT"_s;
    if (t.contains("CHAR"_L1)) {
        const int n = m.hasMatch() ? m.captured(1).toInt() : 255;
        return u"STRING(%1)"_s.arg(qBound(1, n, 65535));
    }
    if (t.contains("TIMESTAMP"_L1) || t.contains("DATETIME"_L1))
        return u"DATE"_s;
    if (t == "DATE"_L1)
        return u"DATEONLY"_s;
    if (t.startsWith("TIME"_L1))
        return u"TIME"_s;
    if (t.contains("UUID"_L1))
        return u"UUID"_s;
    if (t.startsWith("JSON"_L1))
        return u"JSON"_s;
    if (t.contains("BLOB"_L1) || t.contains("BYTEA"_L1) || t.contains("BINARY"_L1))
        return u"BLOB"_s;
    return u"STRING"_s;
}

namespace {

QString stripId(const QString &column)
{
    QString s = column;
    if (s.endsWith("Id"_L1) || s.endsWith("_id"_L1))
        s.chop(s.endsWith("Id"_L1) ? 2 : 3);
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

} // namespace

QJsonValue SchemaIntrospector::defaultValue(const QString &sqlDefault, const QString &ormType)
{
    // The dialects report a literal without its quotes and casts ("member", "0", "false"),
    // and an expression as written ("CURRENT_TIMESTAMP", "nextval('x_seq')", "now()").
    const QString t = sqlDefault.trimmed();
    if (t.isEmpty() || t.compare("NULL"_L1, Qt::CaseInsensitive) == 0)
        return QJsonValue::Undefined;
    static const QRegularExpression expression(
        u"^([A-Za-z_][A-Za-z_0-9.]*\\(.*\\)|CURRENT_(TIMESTAMP|DATE|TIME)|LOCALTIME(STAMP)?)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    // The database computes those; the ORM writes every default itself, so they stay out.
    if (expression.match(t).hasMatch())
        return QJsonValue::Undefined;
    if (ormType == "BOOLEAN"_L1) {
        if (t == "1"_L1 || t.compare("true"_L1, Qt::CaseInsensitive) == 0 || t == "t"_L1)
            return true;
        if (t == "0"_L1 || t.compare("false"_L1, Qt::CaseInsensitive) == 0 || t == "f"_L1)
            return false;
        return QJsonValue::Undefined;
    }
    if (ormType.contains("INT"_L1) || ormType == "DOUBLE"_L1 || ormType.startsWith("DECIMAL"_L1)) {
        bool ok = false;
        const double n = t.toDouble(&ok);
        if (!ok)
            return QJsonValue::Undefined;
        return ormType.startsWith("DECIMAL"_L1) ? QJsonValue(t) : QJsonValue(n);
    }
    if (ormType.startsWith("STRING"_L1) || ormType == "TEXT"_L1 || ormType == "UUID"_L1)
        return t;
    return QJsonValue::Undefined; // dates, times, blobs, JSON: not worth guessing
}

namespace {

// The timestamp columns of a table, as Sequelize names them (camelCase or underscored).
struct Timestamps
{
    QString created, updated, deleted; // column names found
    bool underscored = false;
};

// The columns with a unique index of their own (not part of a composite one).
QSet<QString> uniqueSingleColumns(const orm::TableInfo &info)
{
    QSet<QString> out;
    for (const orm::IndexInfo &idx : info.indexes)
        if (idx.unique && idx.columns.size() == 1)
            out.insert(idx.columns.first());
    return out;
}

Timestamps findTimestamps(const orm::TableInfo &info)
{
    Timestamps t;
    auto has = [&](const char *name) {
        for (const orm::ColumnInfo &c : info.columns)
            if (c.name == QLatin1String(name) && !c.primaryKey)
                return true;
        return false;
    };
    const bool camel = has("createdAt") || has("updatedAt") || has("deletedAt");
    const bool snake = has("created_at") || has("updated_at") || has("deleted_at");
    t.underscored = snake && !camel;
    const char *names[3][2] = {{"createdAt", "created_at"}, {"updatedAt", "updated_at"}, {"deletedAt", "deleted_at"}};
    QString *found[3] = {&t.created, &t.updated, &t.deleted};
    for (int i = 0; i < 3; ++i)
        if (has(names[i][t.underscored ? 1 : 0]))
            *found[i] = QString::fromLatin1(names[i][t.underscored ? 1 : 0]);
    return t;
}

} // namespace

QStringList SchemaIntrospector::defineModels(const orm::Database &db)
{
    orm::Database d = db;
    QStringList defined;
    QHash<QString, orm::TableInfo> tables;
    for (const QString &table : db.tableNames()) {
        if (table.startsWith("sqlite_"_L1))
            continue;
        try {
            tables.insert(table, db.describeTable(table));
        } catch (const orm::Error &e) {
            m_warnings << QObject::tr("Cannot read table %1: %2").arg(table, e.message());
        }
    }
    QStringList names = tables.keys();
    names.sort();

    // Columns and options.
    for (const QString &table : names) {
        const orm::TableInfo &info = tables[table];
        const Timestamps ts = findTimestamps(info);
        int pkCount = 0;
        for (const orm::ColumnInfo &c : info.columns)
            pkCount += c.primaryKey ? 1 : 0;
        const QSet<QString> uniqueColumns = uniqueSingleColumns(info);
        // An array, not an object: the model keeps the table's column order.
        QJsonArray attributes;
        for (const orm::ColumnInfo &c : info.columns) {
            if (c.name == ts.created || c.name == ts.updated || c.name == ts.deleted)
                continue; // the ORM adds its timestamps itself
            QJsonObject spec{{u"name"_s, c.name}, {u"type"_s, ormType(c.type)}};
            if (ts.underscored) // the attribute keeps the column's name as it is
                spec.insert(u"field"_s, c.name);
            if (c.primaryKey) {
                spec.insert(u"primaryKey"_s, true);
                if (pkCount == 1 && spec.value(u"type"_s).toString().contains("INT"_L1))
                    spec.insert(u"autoIncrement"_s, true);
            } else {
                if (c.notNull)
                    spec.insert(u"allowNull"_s, false);
                if (uniqueColumns.contains(c.name))
                    spec.insert(u"unique"_s, true);
                const QJsonValue byDefault = defaultValue(c.defaultValue, spec.value(u"type"_s).toString());
                if (!byDefault.isUndefined())
                    spec.insert(u"defaultValue"_s, byDefault);
            }
            attributes.append(spec);
        }
        QJsonObject options{{u"tableName"_s, table}, {u"freezeTableName"_s, true}};
        const bool any = !ts.created.isEmpty() || !ts.updated.isEmpty() || !ts.deleted.isEmpty();
        options.insert(u"timestamps"_s, any);
        if (any) {
            if (ts.underscored)
                options.insert(u"underscored"_s, true);
            if (ts.created.isEmpty())
                options.insert(u"createdAt"_s, false);
            if (ts.updated.isEmpty())
                options.insert(u"updatedAt"_s, false);
            if (!ts.deleted.isEmpty())
                options.insert(u"paranoid"_s, true);
        }
        try {
            d.define(table, attributes, options);
            defined << table;
        } catch (const orm::Error &e) {
            m_warnings << QObject::tr("Cannot define a model for table %1: %2").arg(table, e.message());
            qCWarning(lcBrowser) << "introspection:" << e.message();
        }
    }

    // Associations.
    for (const QString &table : std::as_const(defined)) {
        const orm::TableInfo &info = tables[table];
        QStringList pk;
        for (const orm::ColumnInfo &c : info.columns)
            if (c.primaryKey)
                pk << c.name;
        const QSet<QString> uniqueColumns = uniqueSingleColumns(info); // a key unique on its own: hasOne
        QList<orm::ForeignKeyInfo> fks;
        for (const orm::ForeignKeyInfo &fk : info.foreignKeys) {
            if (!defined.contains(fk.referencedTable))
                continue;
            if (fk.columns.size() != 1) {
                // The ORM's associations have one key column; such a key is shown, not followed.
                m_compositeKeys << u"%1(%2) -> %3(%4)"_s.arg(table, fk.columns.join(u", "_s), fk.referencedTable,
                                                              fk.referencedColumns.join(u", "_s));
                m_warnings << QObject::tr("%1: the foreign key (%2) to %3 has several columns; it is not an association")
                                  .arg(table, fk.columns.join(u", "_s), fk.referencedTable);
                continue;
            }
            fks << fk;
        }
        try {
            // A junction: the primary key is exactly two foreign keys.
            if (pk.size() == 2 && fks.size() >= 2) {
                const orm::ForeignKeyInfo *a = nullptr, *b = nullptr;
                for (const auto &fk : fks) {
                    if (fk.columns.first() == pk.at(0))
                        a = &fk;
                    else if (fk.columns.first() == pk.at(1))
                        b = &fk;
                }
                if (a && b) {
                    const bool self = a->referencedTable == b->referencedTable;
                    orm::AssociationOptions ab{.foreignKey = a->columns.first(), .otherKey = b->columns.first(), .through = table};
                    orm::AssociationOptions ba{.foreignKey = b->columns.first(), .otherKey = a->columns.first(), .through = table};
                    if (self) { // aliases from the other key: followerId -> Followers
                        ab.as = stripId(b->columns.first()) + u's';
                        ba.as = stripId(a->columns.first()) + u's';
                    }
                    db.model(a->referencedTable).belongsToMany(b->referencedTable, ab);
                    db.model(b->referencedTable).belongsToMany(a->referencedTable, ba);
                    m_junctions << table;
                    continue;
                }
            }
            // Plain foreign keys: belongsTo on the child, hasMany (hasOne when the key is
            // unique) on the parent. Several keys to one parent (or a key to the table
            // itself) get aliases from the column.
            QHash<QString, int> perParent;
            for (const auto &fk : fks)
                ++perParent[fk.referencedTable];
            for (const auto &fk : fks) {
                const QString column = fk.columns.first();
                const bool alias = perParent.value(fk.referencedTable) > 1 || fk.referencedTable == table;
                orm::AssociationOptions belongs{.foreignKey = column, .onDelete = fk.onDelete, .onUpdate = fk.onUpdate};
                orm::AssociationOptions many{.foreignKey = column, .onDelete = fk.onDelete, .onUpdate = fk.onUpdate};
                const bool one = uniqueColumns.contains(column) && !pk.contains(column);
                if (alias) {
                    belongs.as = stripId(column);
                    many.as = table + "By"_L1 + stripId(column);
                }
                if (!fk.referencedColumns.isEmpty()) {
                    belongs.targetKey = fk.referencedColumns.first();
                    many.sourceKey = fk.referencedColumns.first();
                }
                db.model(table).belongsTo(fk.referencedTable, belongs);
                if (one)
                    db.model(fk.referencedTable).hasOne(table, many);
                else
                    db.model(fk.referencedTable).hasMany(table, many);
            }
        } catch (const orm::Error &e) {
            m_warnings << QObject::tr("Cannot define the associations of %1: %2").arg(table, e.message());
            qCWarning(lcBrowser) << "introspection:" << e.message();
        }
    }
    return defined;
}

} // namespace quarry::browser
