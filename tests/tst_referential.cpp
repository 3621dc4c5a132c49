// Foreign keys of associations: Sequelize's referential defaults, checked in the live
// schema and in what happens on delete and update, on every dialect.
#include "SeedModels.h"
#include "TestSupport.h"


using namespace quarry::test;
using namespace seed;

class Comment : public orm::Model<Comment>
{
    Q_OBJECT
    Q_PROPERTY(QString body MEMBER body)
public:
    Q_INVOKABLE explicit Comment(QObject *parent = nullptr) : Model(parent) {}
    QString body;
};

class Invoice : public orm::Model<Invoice>
{
    Q_OBJECT
    Q_PROPERTY(int amount MEMBER amount)
    Q_CLASSINFO("orm:belongsTo", "User as=Customer allowNull=false")
public:
    Q_INVOKABLE explicit Invoice(QObject *parent = nullptr) : Model(parent) {}
    int amount = 0;
};

class Category : public orm::Model<Category>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("orm:hasMany", "Category as=Children foreignKey=parentId")
    Q_CLASSINFO("orm:options", "underscored")
public:
    Q_INVOKABLE explicit Category(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

// A cycle: a team has many players, and belongs to one of them as its captain.
class Team : public orm::Model<Team>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
    Q_CLASSINFO("orm:hasMany", "Player")
    Q_CLASSINFO("orm:belongsTo", "Player as=Captain")
public:
    Q_INVOKABLE explicit Team(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

class Player : public orm::Model<Player>
{
    Q_OBJECT
    Q_PROPERTY(QString name MEMBER name)
public:
    Q_INVOKABLE explicit Player(QObject *parent = nullptr) : Model(parent) {}
    QString name;
};

class TestReferential : public QObject
{
    Q_OBJECT

    static orm::ForeignKeyInfo fk(const orm::Database &db, const QString &table, const QString &column)
    {
        const auto live = db.describeTable(table);
        for (const auto &k : live.foreignKeys)
            if (k.columns == QStringList{column})
                return k;
        return {};
    }
    static QString action(const QString &a) { return a.isEmpty() ? QStringLiteral("NO ACTION") : a.toUpper(); }

private slots:
    void defaults_data() { addDialectColumn(); }
    void defaults()
    {
        QUARRY_OPEN_DB();
        db.define<User, Post, Group, Comment, Invoice>();
        User::hasMany<Post>();                                      // nullable key
        User::hasMany<Comment>({.foreignKeyAllowNull = false});     // NOT NULL hasMany key
        User::belongsToMany<Group>({.through = "UserGroups"});
        Group::belongsToMany<User>({.through = "UserGroups"});
        db.sync();

        auto post = fk(db, "Posts", "userId");
        QCOMPARE(post.referencedTable, QStringLiteral("Users"));
        QCOMPARE(action(post.onDelete), QStringLiteral("SET NULL"));
        QCOMPARE(action(post.onUpdate), QStringLiteral("CASCADE"));
        auto comment = fk(db, "Comments", "userId");
        QCOMPARE(action(comment.onDelete), QStringLiteral("CASCADE"));
        auto invoice = fk(db, "Invoices", "customerId"); // belongsTo derives the key from as
        QCOMPARE(invoice.referencedTable, QStringLiteral("Users"));
        QCOMPARE(action(invoice.onDelete), QStringLiteral("NO ACTION"));
        QCOMPARE(action(fk(db, "UserGroups", "userId").onDelete), QStringLiteral("CASCADE"));
        QCOMPARE(action(fk(db, "UserGroups", "groupId").onDelete), QStringLiteral("CASCADE"));

        // Behaviour: the same on every dialect.
        auto john = User::create({{"firstName", "John"}, {"lastName", "Doe"}, {"email", "john@x.y"}});
        auto ann = User::create({{"firstName", "Ann"}, {"lastName", "Doe"}, {"email", "ann@x.y"}});
        john->createAssociated("Posts", QVariantMap{{"title", "t"}, {"content", "c"}});
        john->createAssociated("Comments", QVariantMap{{"body", "hi"}});
        auto admins = Group::create({{"name", "Admins"}});
        john->add("Groups", admins);
        auto bill = Invoice::create({{"amount", 10}, {"customerId", ann->id}});
        QVERIFY(bill);

        john->destroy();
        QCOMPARE(rawCount(db, "Posts"), 1);                              // kept, key nulled
        QCOMPARE(rawCount(db, "Posts", R"("userId" IS NULL)"), 1);
        QCOMPARE(rawCount(db, "Comments"), 0);                           // cascaded
        QCOMPARE(rawCount(db, "UserGroups"), 0);                         // junction cascaded
        QCOMPARE(rawCount(db, "Groups"), 1);
        QUARRY_EXPECT_THROW(orm::ForeignKeyConstraintError, ann->destroy()); // NO ACTION: refused
        QCOMPARE(rawCount(db, "Users"), 1);
        QCOMPARE(rawCount(db, "Invoices"), 1);
        QUARRY_EXPECT_THROW(orm::ValidationError, Invoice::create({{"amount", 1}})); // key required
    }

    void explicitActionsAndNoConstraints_data() { addDialectColumn(); }
    void explicitActionsAndNoConstraints()
    {
        QUARRY_OPEN_DB();
        db.define<User, Post, Profile>();
        User::hasMany<Post>({.onDelete = "CASCADE"});
        User::hasOne<Profile>({.constraints = false});
        db.sync();
        QCOMPARE(action(fk(db, "Posts", "userId").onDelete), QStringLiteral("CASCADE"));
        QVERIFY(fk(db, "Profiles", "userId").columns.isEmpty()); // no REFERENCES at all
        QVERIFY(columnNames(db, "Profiles").contains("userId"));
        auto u = User::create({{"firstName", "A"}, {"lastName", "B"}, {"email", "a@b.c"}});
        u->createAssociated("Posts", QVariantMap{{"title", "t"}, {"content", "c"}});
        u->createAssociated("Profile", QVariantMap{{"bio", "b"}});
        u->destroy();
        QCOMPARE(rawCount(db, "Posts"), 0);
        QCOMPARE(rawCount(db, "Profiles"), 1); // no constraint: the row stays as it was
    }

    void selfReferenceAndClassInfo_data() { addDialectColumn(); }
    void selfReferenceAndClassInfo()
    {
        QUARRY_OPEN_DB();
        db.define<Category>();
        db.sync();
        QVERIFY(columnNames(db, "categories").contains("parent_id")); // underscored key column
        auto root = Category::create({{"name", "root"}});
        auto child = root->createAssociated("Children", QVariantMap{{"name", "leaf"}});
        QCOMPARE(child->get("parentId").toLongLong(), root->get("id").toLongLong());
        auto tree = Category::findAll({.where = {{"name", "root"}}, .include = {{.association = "Children", .include = {{"Children"}}}}});
        QCOMPARE(tree.size(), 1);
        QCOMPARE(tree.first()->many<Category>("Children").size(), 1);
        QCOMPARE(tree.first()->many<Category>("Children").first()->name, QStringLiteral("leaf"));
        QCOMPARE(action(fk(db, "categories", "parent_id").onDelete), QStringLiteral("SET NULL"));
    }

    void cycles_data() { addDialectColumn(); }
    void cycles()
    {
        QUARRY_OPEN_DB();
        db.define<Team, Player>();
        db.sync();
        QCOMPARE(fk(db, "Players", "teamId").referencedTable, QStringLiteral("Teams"));
        QCOMPARE(fk(db, "Teams", "captainId").referencedTable, QStringLiteral("Players"));
        auto team = Team::create({{"name", "Reds"}});
        auto ann = team->createAssociated("Players", QVariantMap{{"name", "Ann"}});
        team->setAssociated("Captain", ann);
        QCOMPARE(rawValue(db, R"(SELECT "captainId" FROM "Teams")").toLongLong(), ann->get("id").toLongLong());
        QUARRY_EXPECT_THROW(orm::ForeignKeyConstraintError, Team::create({{"name", "Blues"}, {"captainId", 999}}));
        db.sync({.force = true}); // drops and recreates the cycle
        QCOMPARE(rawCount(db, "Teams"), 0);
        QCOMPARE(fk(db, "Teams", "captainId").referencedTable, QStringLiteral("Players"));
    }

    void classInfoTargetNeverDefined_data() { addDialectColumn(); }
    void classInfoTargetNeverDefined()
    {
        QUARRY_OPEN_DB();
        db.define<Invoice>(); // declares belongsTo User, which is not defined
        QUARRY_EXPECT_THROW(orm::DefinitionError, db.sync());
        db.define<User>();    // now it resolves
        db.sync();
        QVERIFY(columnNames(db, "Invoices").contains("customerId"));
    }
};

QTEST_GUILESS_MAIN(TestReferential)
#include "tst_referential.moc"
