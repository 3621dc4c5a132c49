// Naming: table names pluralized as Sequelize does, freezeTableName, an explicit
// tableName, and underscored (snake_case tables and columns, timestamps included, while
// attribute names stay camelCase and an explicit field wins). Every name is checked in
// the live database, where identifiers are case-sensitive on all three dialects.
#include "SchemaProbe.h"
#include "SeedModels.h"
#include "TestSupport.h"

using namespace quarry::test;

// One class per model name; the namespace is not part of the model's name.
namespace plural {
class User : public orm::Model<User> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Person : public orm::Model<Person> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Category : public orm::Model<Category> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Child : public orm::Model<Child> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Box : public orm::Model<Box> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Status : public orm::Model<Status> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Quiz : public orm::Model<Quiz> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Sheep : public orm::Model<Sheep> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class UserGroup : public orm::Model<UserGroup> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Mouse : public orm::Model<Mouse> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Information : public orm::Model<Information> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
class Church : public orm::Model<Church> { Q_OBJECT Q_PROPERTY(QString label MEMBER label) public: using Model::Model; QString label; };
} // namespace plural

namespace frozen {
class Person : public orm::Model<Person>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "freezeTableName")
public:
    using Model::Model;
    QString label;
};
// freezeTableName with underscored: the table keeps the model name as is.
class UserGroup : public orm::Model<UserGroup>
{
    Q_OBJECT
    Q_PROPERTY(QString groupName MEMBER groupName)
    Q_CLASSINFO("orm:options", "freezeTableName underscored")
public:
    using Model::Model;
    QString groupName;
};
} // namespace frozen

namespace verbatim {
// tableName is used verbatim: no pluralizing, no snake_casing, case kept.
class Person : public orm::Model<Person>
{
    Q_OBJECT
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "tableName=tblPERSON_x underscored")
public:
    using Model::Model;
    QString label;
};
} // namespace verbatim

namespace snake {
class UserGroup : public orm::Model<UserGroup>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString firstName MEMBER firstName)
    Q_PROPERTY(QString lastName MEMBER lastName)
    Q_PROPERTY(QString homeURL MEMBER homeURL)
    Q_PROPERTY(int address2Line MEMBER address2Line)
    Q_PROPERTY(QString nickName MEMBER nickName)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("lastName", "field=LastName_Col unique")
    Q_CLASSINFO("nickName", "index")
    Q_CLASSINFO("orm:options", "underscored paranoid")
public:
    using Model::Model;
    qint64 id = 0;
    QString firstName, lastName, homeURL, nickName;
    int address2Line = 0;
};

// Renamed timestamps are snake_cased too, and an explicit field still wins.
class BlogPost : public orm::Model<BlogPost>
{
    Q_OBJECT
    Q_PROPERTY(QString postTitle MEMBER postTitle)
    Q_PROPERTY(QDateTime publishedOn MEMBER publishedOn)
    Q_CLASSINFO("orm:options", "underscored createdAt=writtenOn updatedAt=false")
public:
    using Model::Model;
    QString postTitle;
    QDateTime publishedOn;
};
} // namespace snake

class TestNaming : public QObject
{
    Q_OBJECT

    orm::Database mem;

private slots:
    void initTestCase() { mem = orm::Database::open(QStringLiteral("sqlite::memory:")); }

    void pluralTableNames()
    {
        mem.define<plural::User, plural::Person, plural::Category, plural::Child, plural::Box, plural::Status,
                   plural::Quiz, plural::Sheep, plural::UserGroup, plural::Mouse, plural::Information, plural::Church>();
        const QList<QPair<QString, QString>> expected = {
            {"User", "Users"},     {"Person", "People"},   {"Category", "Categories"}, {"Child", "Children"},
            {"Box", "Boxes"},      {"Status", "Statuses"}, {"Quiz", "Quizzes"},        {"Sheep", "Sheep"},
            {"UserGroup", "UserGroups"}, {"Mouse", "Mice"}, {"Information", "Information"}, {"Church", "Churches"},
        };
        for (const auto &[model, table] : expected) {
            QVERIFY2(mem.isDefined(model), qPrintable(model));
            QCOMPARE(mem.model(model).meta().tableName, table);
        }
        // The namespace is not part of the name.
        QCOMPARE(plural::User::modelMeta().name, QStringLiteral("User"));
    }

    void pluralTablesInDatabase_data() { addDialectColumn(); }
    void pluralTablesInDatabase()
    {
        QUARRY_OPEN_DB();
        db.define<plural::User, plural::Person, plural::Category, plural::Child, plural::Box, plural::Status,
                  plural::Quiz, plural::Sheep, plural::UserGroup, plural::Mouse, plural::Information>();
        db.sync();
        QStringList expected{"Users", "People", "Categories", "Children", "Boxes", "Statuses",
                             "Quizzes", "Sheep", "UserGroups", "Mice", "Information"};
        expected.sort();
        QCOMPARE(probeTables(db), expected);
        // And the ORM reads and writes them.
        plural::Person::create({{"label", "Ada"}});
        plural::Sheep::create({{"label", "Dolly"}});
        QCOMPARE(rawValue(db, R"(SELECT "label" FROM "People")").toString(), QStringLiteral("Ada"));
        QCOMPARE(rawValue(db, R"(SELECT "label" FROM "Sheep")").toString(), QStringLiteral("Dolly"));
        QCOMPARE(plural::Person::count(), 1);
    }

    void freezeAndTableName_data() { addDialectColumn(); }
    void freezeAndTableName()
    {
        QUARRY_OPEN_DB();
        db.define<frozen::Person>();
        QCOMPARE(frozen::Person::modelMeta().tableName, QStringLiteral("Person"));
        db.sync();
        QCOMPARE(probeTables(db), QStringList{"Person"});
        frozen::Person::drop();

        db.define<verbatim::Person>(); // replaces the model named Person
        QCOMPARE(verbatim::Person::modelMeta().tableName, QStringLiteral("tblPERSON_x"));
        db.sync();
        QCOMPARE(probeTables(db), QStringList{"tblPERSON_x"});
        QCOMPARE(columnNames(db, "tblPERSON_x"), (QStringList{"id", "label", "created_at", "updated_at"}));
        verbatim::Person::drop();

        db.define<frozen::UserGroup>();
        QCOMPARE(frozen::UserGroup::modelMeta().tableName, QStringLiteral("UserGroup"));
        db.sync();
        QCOMPARE(probeTables(db), (QStringList{"UserGroup", "tblPERSON_x"})); // Person is still defined
        QCOMPARE(columnNames(db, "UserGroup"), (QStringList{"id", "group_name", "created_at", "updated_at"}));

        // The same from JSON.
        auto tag = db.define("Tag", {{"label", "STRING"}}, {{"freezeTableName", true}});
        auto note = db.define("Note", {{"label", "STRING"}}, {{"tableName", "my_NOTES"}});
        QCOMPARE(tag.meta().tableName, QStringLiteral("Tag"));
        QCOMPARE(note.meta().tableName, QStringLiteral("my_NOTES"));
        db.sync();
        QVERIFY(probeTables(db).contains("Tag"));
        QVERIFY(probeTables(db).contains("my_NOTES"));
        QVERIFY(!probeTables(db).contains("Tags"));
        QVERIFY(!probeTables(db).contains("Notes"));
    }

    void underscored()
    {
        mem.define<snake::UserGroup, snake::BlogPost>();
        const orm::ModelMeta &m = snake::UserGroup::modelMeta();
        QCOMPARE(m.tableName, QStringLiteral("user_groups"));
        // Attribute names stay camelCase; columns are snake_case; field wins.
        const QList<QPair<QString, QString>> columns = {
            {"id", "id"},
            {"firstName", "first_name"},
            {"lastName", "LastName_Col"},
            {"homeURL", "home_url"},
            {"address2Line", "address2_line"},
            {"nickName", "nick_name"},
            {"createdAt", "created_at"},
            {"updatedAt", "updated_at"},
            {"deletedAt", "deleted_at"},
        };
        QCOMPARE(m.fields.size(), columns.size());
        for (const auto &[attribute, column] : columns) {
            const orm::FieldMeta *f = m.field(attribute);
            QVERIFY2(f, qPrintable(attribute));
            QCOMPARE(f->column, column);
            QCOMPARE(m.indexOfColumn(column), m.indexOf(attribute));
        }
        QCOMPARE(m.field("first_name"), nullptr);
        // Index names use the columns.
        QStringList indexColumns;
        for (const orm::IndexMeta &ix : m.indexes)
            indexColumns.append(ix.columns);
        indexColumns.sort();
        QCOMPARE(indexColumns, (QStringList{"LastName_Col", "nick_name"}));

        const orm::ModelMeta &b = snake::BlogPost::modelMeta();
        QCOMPARE(b.tableName, QStringLiteral("blog_posts"));
        QCOMPARE(b.field("postTitle")->column, QStringLiteral("post_title"));
        QCOMPARE(b.field("publishedOn")->column, QStringLiteral("published_on"));
        QCOMPARE(b.fields.at(b.createdAt).name, QStringLiteral("writtenOn"));
        QCOMPARE(b.fields.at(b.createdAt).column, QStringLiteral("written_on"));
        QCOMPARE(b.updatedAt, -1);
    }

    void underscoredInDatabase_data() { addDialectColumn(); }
    void underscoredInDatabase()
    {
        QUARRY_OPEN_DB();
        db.define<snake::UserGroup, snake::BlogPost>();
        db.sync();
        QStringList tables = probeTables(db);
        QCOMPARE(tables, (QStringList{"blog_posts", "user_groups"}));
        QCOMPARE(columnNames(db, "user_groups"),
                 (QStringList{"id", "first_name", "LastName_Col", "home_url", "address2_line", "nick_name", "created_at",
                              "updated_at", "deleted_at"}));
        QCOMPARE(columnNames(db, "blog_posts"), (QStringList{"id", "post_title", "published_on", "written_on"}));
        QVERIFY(probeIndexOn(db, "user_groups", {"LastName_Col"}));
        QVERIFY(probeIndexOn(db, "user_groups", {"LastName_Col"})->unique);
        QVERIFY(probeIndexOn(db, "user_groups", {"nick_name"}));

        // The application speaks attribute names; the SQL uses the columns.
        auto g = snake::UserGroup::create({{"firstName", "Ada"}, {"lastName", "Lovelace"}, {"homeURL", "https://a.example"},
                                           {"address2Line", 2}, {"nickName", "ada"}});
        const auto row = rawRows(db, R"(SELECT "first_name", "LastName_Col", "home_url", "address2_line", "nick_name", "created_at", "deleted_at" FROM "user_groups")");
        QCOMPARE(row.size(), 1);
        QCOMPARE(row[0][0].toString(), QStringLiteral("Ada"));
        QCOMPARE(row[0][1].toString(), QStringLiteral("Lovelace"));
        QCOMPARE(row[0][2].toString(), QStringLiteral("https://a.example"));
        QCOMPARE(row[0][3].toInt(), 2);
        QCOMPARE(row[0][4].toString(), QStringLiteral("ada"));
        QVERIFY(!row[0][5].isNull());
        QVERIFY(row[0][6].isNull());
        auto found = snake::UserGroup::findOne({.where = {{"lastName", "Lovelace"}}});
        QVERIFY(found);
        QCOMPARE(found->firstName, QStringLiteral("Ada"));
        QCOMPARE(found->homeURL, QStringLiteral("https://a.example"));
        QVERIFY(found->get("createdAt").toDateTime().isValid());
        const QJsonObject json = found->toJson();
        QVERIFY(json.contains("firstName"));
        QVERIFY(json.contains("createdAt"));
        QVERIFY(!json.contains("first_name"));
        found->destroy(); // paranoid: deleted_at is set
        QVERIFY(!rawValue(db, R"(SELECT "deleted_at" FROM "user_groups")").isNull());
        QCOMPARE(snake::UserGroup::count(), 0);

        auto p = snake::BlogPost::create({{"postTitle", "Hello"}});
        QVERIFY(!rawValue(db, R"(SELECT "written_on" FROM "blog_posts")").isNull());
        QCOMPARE(rawValue(db, R"(SELECT "post_title" FROM "blog_posts")").toString(), QStringLiteral("Hello"));
    }

    void underscoredJsonModel_data() { addDialectColumn(); }
    void underscoredJsonModel()
    {
        QUARRY_OPEN_DB();
        auto h = db.define("UserGroup",
                           {{"firstName", "STRING"}, {"lastName", QJsonObject{{"type", "STRING"}, {"field", "LastName_Col"}}}},
                           {{"underscored", true}});
        QCOMPARE(h.meta().tableName, QStringLiteral("user_groups"));
        db.sync();
        QCOMPARE(columnNames(db, "user_groups"), (QStringList{"id", "first_name", "LastName_Col", "created_at", "updated_at"}));
        h.create({{"firstName", "Ada"}, {"lastName", "L"}});
        QCOMPARE(rawValue(db, R"(SELECT "first_name" FROM "user_groups")").toString(), QStringLiteral("Ada"));
        auto back = h.findOne({.where = {{"firstName", "Ada"}}});
        QVERIFY(back);
        QCOMPARE(back->get("lastName").toString(), QStringLiteral("L"));
    }

    // The seed's Member: tableName=members timestamps paranoid underscored.
    void seedMember_data() { addDialectColumn(); }
    void seedMember()
    {
        QUARRY_OPEN_DB();
        db.define<seed::Member>();
        db.sync();
        QCOMPARE(probeTables(db), QStringList{"members"});
        QCOMPARE(columnNames(db, "members"),
                 (QStringList{"id", "first_name", "last_name", "email", "age", "created_at", "updated_at", "deleted_at"}));
        seed::Member::create({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@example.com"}, {"age", 30}});
        QCOMPARE(rawValue(db, R"(SELECT "first_name" FROM "members" WHERE "email" = 'john@example.com')").toString(),
                 QStringLiteral("John"));
    }
};

QTEST_GUILESS_MAIN(TestNaming)
#include "tst_naming.moc"
