// Introspection round trip, on every dialect (QUARRY_TEST_DIALECTS): a database built by the
// ORM from the demo models, opened again without the models, gives back the same tables,
// keys, timestamps, paranoid flags and associations. Also underscored timestamps and a
// foreign key of two columns, from raw DDL. Each check reads the live database too.
#include "DemoDatabase.h"
#include "SchemaIntrospector.h"
#include "TestSupport.h"

#include <orm/Orm.h>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace quarry::browser;
using namespace quarry::test;
using namespace Qt::StringLiterals;

namespace {

// A second connection to the database db is on, without any model defined.
orm::Database reopen(const orm::Database &db, const QString &dialect, const QString &sqliteUrl)
{
    if (dialect == "sqlite"_L1)
        return orm::Database::open(sqliteUrl);
    QUrl u(urlFor(dialect));
    u.setPath(QUrl(db.url()).path());
    return orm::Database::open(u.toString());
}

// DDL runs unprepared: PostgreSQL cannot PREPARE a CREATE TABLE.
void ddl(const orm::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!q.exec(dialectSql(db, sql)))
        QFAIL(qPrintable(u"%1 in %2"_s.arg(q.lastError().text(), sql)));
}

QString tableOf(const orm::Database &db, const QString &model)
{
    return db.isDefined(model) ? db.model(model).meta().tableName : model;
}

// One line per association, by table names; hasOne and hasMany are both "has": nothing
// in the schema tells them apart unless the key is unique, and Sequelize's hasOne adds no
// unique key.
QStringList associationSignatures(const orm::Database &db)
{
    QStringList out;
    for (const QString &name : db.modelNames()) {
        const orm::ModelMeta &m = db.model(name).meta();
        for (const orm::AssociationMeta &a : m.associations) {
            const QString kind = a.kind == orm::AssociationKind::HasOne || a.kind == orm::AssociationKind::HasMany
                                     ? u"has"_s : orm::associationKindName(a.kind);
            QString line = u"%1 %2 %3 fk=%4"_s.arg(m.tableName, kind, tableOf(db, a.target), a.foreignKey);
            if (a.kind == orm::AssociationKind::BelongsToMany)
                line += u" through=%1 other=%2"_s.arg(tableOf(db, a.through), a.otherKey);
            out << line;
        }
    }
    out.sort();
    return out;
}

// Table: columns (sorted), primary key, foreign keys, timestamps/paranoid/underscored.
QStringList modelSignatures(const orm::Database &db)
{
    QStringList out;
    for (const QString &name : db.modelNames()) {
        const orm::ModelMeta &m = db.model(name).meta();
        QStringList columns, pk, fks;
        for (const orm::FieldMeta &f : m.fields) {
            columns << f.column;
            if (f.primaryKey)
                pk << f.column;
            if (f.references)
                fks << f.column + u'>' + f.references->table;
        }
        columns.sort();
        pk.sort();
        fks.sort();
        out << u"%1 [%2] pk(%3) fk(%4) created=%5 updated=%6 paranoid=%7"_s.arg(
            m.tableName, columns.join(u','), pk.join(u','), fks.join(u','),
            m.createdAt >= 0 ? m.fields.at(m.createdAt).column : u"-"_s,
            m.updatedAt >= 0 ? m.fields.at(m.updatedAt).column : u"-"_s, m.isParanoid() ? u"yes"_s : u"no"_s);
    }
    out.sort();
    return out;
}

// Table: its own columns in table order (timestamps are the ORM's and go last), each with
// not-null, unique and literal default (where the database holds one). Types are left out: a database names them its own
// way (SQLite reads a BIGINT key back as INTEGER).
QStringList columnSignatures(const orm::Database &db)
{
    QStringList out;
    for (const QString &name : db.modelNames()) {
        const orm::ModelMeta &m = db.model(name).meta();
        QStringList columns;
        for (const orm::FieldMeta &f : m.fields) {
            if (f.role != orm::FieldMeta::Role::Attribute)
                continue;
            QString c = f.column;
            if (!f.allowNull && !f.primaryKey)
                c += u" notNull"_s;
            if (f.unique)
                c += u" unique"_s;
            // TEXT, BLOB and JSON defaults live in the model only (MariaDB refuses them in
            // DDL), so the database cannot give them back.
            const bool inDdl = f.type != orm::FieldType::Text && f.type != orm::FieldType::Blob && f.type != orm::FieldType::Json;
            if (f.defaultKind == orm::FieldMeta::Default::Literal && inDdl)
                c += u" default="_s + f.defaultValue.toString();
            columns << c;
        }
        out << m.tableName + u": "_s + columns.join(u", "_s);
    }
    out.sort();
    return out;
}

} // namespace

class TestBrowserIntrospection : public QObject
{
    Q_OBJECT

private slots:
    void demoRoundTrip_data() { addDialectColumn(); }
    void demoRoundTrip()
    {
        QUARRY_OPEN_DB();
        const QString sqliteUrl = db.url();
        DemoDatabase::defineModels(db);
        db.sync({.force = true});
        DemoDatabase::seed(db);
        const QStringList models = modelSignatures(db), associations = associationSignatures(db),
                          columns = columnSignatures(db);
        QVERIFY2(columns.join(u'\n').contains("default="_L1), qPrintable(columns.join(u'\n'))); // the demo has defaults

        orm::Database again = reopen(db, dialect, sqliteUrl);
        SchemaIntrospector in;
        const QStringList defined = in.defineModels(again);
        QVERIFY2(in.warnings().isEmpty(), qPrintable(in.warnings().join(u'\n')));
        QCOMPARE(defined, (QStringList{u"Groups"_s, u"Posts"_s, u"Profiles"_s, u"UserFollowers"_s, u"UserGroups"_s, u"Users"_s}));
        QCOMPARE(in.junctions(), (QStringList{u"UserFollowers"_s, u"UserGroups"_s}));
        QCOMPARE(modelSignatures(again), models);
        QCOMPARE(columnSignatures(again), columns);
        QCOMPARE(associationSignatures(again), associations);

        // The introspected models read the rows the ORM wrote: Posts is paranoid again, so
        // the soft-deleted draft is hidden, and the junction attributes come back.
        QCOMPARE(rawCount(again, u"Posts"_s), 4);
        QCOMPARE(again.model(u"Posts"_s).count(), 3);
        QCOMPARE(again.model(u"Posts"_s).count({.paranoid = false}), 4);
        const auto john = again.model(u"Users"_s).findOne({.where = orm::Where{{u"firstName"_s, u"John"_s}},
                                                            .include = {orm::Include{.association = u"Groups"_s}}});
        QVERIFY(john);
        QStringList roles;
        for (int i = 0; i < john->included(u"Groups"_s).size(); ++i)
            roles << john->through(u"Groups"_s, i)->get(u"role"_s).toString();
        roles.sort();
        QCOMPARE(roles, (QStringList{u"admin"_s, u"member"_s}));
    }

    void underscoredAndCompositeKeys_data() { addDialectColumn(); }
    void underscoredAndCompositeKeys()
    {
        QUARRY_OPEN_DB();
        const QString sqliteUrl = db.url();
        // Built by hand, as another tool would: snake_case timestamps, a composite key.
        ddl(db, (u"CREATE TABLE \"shelves\" (\"room\" INTEGER NOT NULL, \"number\" INTEGER NOT NULL, "
                                    "\"label\" VARCHAR(40), PRIMARY KEY (\"room\", \"number\"))"_s));
        ddl(db, (u"CREATE TABLE \"books\" (\"id\" INTEGER NOT NULL PRIMARY KEY, \"title\" VARCHAR(80) NOT NULL, "
                                    "\"shelf_room\" INTEGER, \"shelf_number\" INTEGER, \"created_at\" TIMESTAMP NULL, "
                                    "\"updated_at\" TIMESTAMP NULL, \"deleted_at\" TIMESTAMP NULL, "
                                    "FOREIGN KEY (\"shelf_room\", \"shelf_number\") REFERENCES \"shelves\" (\"room\", \"number\"))"_s));
        rawExec(db, dialectSql(db, u"INSERT INTO \"books\" (\"id\", \"title\", \"deleted_at\") VALUES (1, 'Kept', NULL), "
                                    "(2, 'Gone', '2020-01-01 00:00:00')"_s));

        orm::Database again = reopen(db, dialect, sqliteUrl);
        SchemaIntrospector in;
        QCOMPARE(in.defineModels(again), (QStringList{u"books"_s, u"shelves"_s}));
        const orm::ModelMeta &books = again.model(u"books"_s).meta();
        QVERIFY(books.options.underscored);
        QVERIFY(books.options.timestamps);
        QVERIFY(books.isParanoid());
        QCOMPARE(books.fields.at(books.deletedAt).column, u"deleted_at"_s);
        QCOMPARE(books.fields.at(books.createdAt).column, u"created_at"_s);
        QVERIFY(books.field(u"shelf_room"_s));
        QCOMPARE(books.field(u"shelf_room"_s)->column, u"shelf_room"_s);
        QCOMPARE(in.compositeForeignKeys(), (QStringList{u"books(shelf_room, shelf_number) -> shelves(room, number)"_s}));
        QVERIFY(books.associations.isEmpty());
        QVERIFY(in.junctions().isEmpty()); // shelves has a two-column key, but no foreign keys
        const orm::ModelMeta &shelves = again.model(u"shelves"_s).meta();
        QVERIFY(!shelves.options.timestamps);
        QCOMPARE(shelves.primaryKey.size(), 2);
        // paranoid, read through the ORM against the rows written by hand
        QCOMPARE(again.model(u"books"_s).count(), 1);
        QCOMPARE(rawCount(again, u"books"_s), 2);
    }
};

QTEST_MAIN(TestBrowserIntrospection)
#include "tst_browser_introspection.moc"
