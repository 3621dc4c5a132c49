// Associations and include, through the seed's own scenarios, on every dialect.
#include "SeedModels.h"
#include "TestSupport.h"

#include <QJsonArray>

using namespace quarry::test;
using namespace seed;

class TestAssociations : public QObject
{
    Q_OBJECT

    static orm::Ptr<User> makeUser(const QString &first, const QString &email)
    {
        return User::create({{"firstName", first}, {"lastName", "Doe"}, {"email", email}});
    }

private slots:
    void foreignKeysAndNames_data() { addDialectColumn(); }
    void foreignKeysAndNames()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        // The seed's lower-camel keys.
        QVERIFY(columnNames(db, "Profiles").contains("userId"));
        QVERIFY(columnNames(db, "Posts").contains("userId"));
        const QStringList junction = columnNames(db, "UserGroups");
        QCOMPARE(QSet<QString>(junction.begin(), junction.end()), (QSet<QString>{"userId", "groupId", "createdAt", "updatedAt"}));
        const QStringList follow = columnNames(db, "UserFollowers");
        QCOMPARE(QSet<QString>(follow.begin(), follow.end()), (QSet<QString>{"followingId", "followerId", "createdAt", "updatedAt"}));
        const orm::AssociationMeta *profile = User::modelMeta().association("Profile");
        QVERIFY(profile);
        QCOMPARE(profile->accessors, (QStringList{"getProfile", "setProfile", "createProfile"}));
        const orm::AssociationMeta *groups = User::modelMeta().association("Groups");
        QVERIFY(groups);
        QVERIFY(groups->accessors.contains("addGroups"));
        QVERIFY(groups->accessors.contains("addGroup"));
        QCOMPARE(User::modelMeta().association("Followers")->otherKey, QStringLiteral("followerId"));
        QCOMPARE(User::modelMeta().association("Following")->otherKey, QStringLiteral("followingId"));
    }

    void oneToOne_data() { addDialectColumn(); }
    void oneToOne()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        auto user = makeUser("John", "john@example.com");
        auto profile = Profile::create({{"bio", "I love coding!"}, {"profilePicture", "avatar.jpg"}, {"userId", user->id}});
        QCOMPARE(rawValue(db, R"(SELECT "userId" FROM "Profiles" WHERE "id" = ?)", {profile->id}).toLongLong(), user->id);

        auto found = User::findOne({.where = {{"email", "john@example.com"}}, .include = {{"Profile"}}});
        QVERIFY(found);
        QCOMPARE(found->firstName, QStringLiteral("John"));
        QVERIFY(found->one<Profile>());
        QCOMPARE(found->one<Profile>()->bio, QStringLiteral("I love coding!"));

        auto profile2 = user->createAssociated("Profile", {{"bio", "Alternative bio"}, {"profilePicture", "avatar2.jpg"}});
        QCOMPARE(profile2->get("userId").toLongLong(), user->id);
        QCOMPARE(profile->getOne<User>()->id, user->id);

        // hasOne set: the new profile is linked, the old one unlinked (key nulled, row kept).
        user->setAssociated("Profile", profile2);
        QCOMPARE(rawCount(db, "Profiles"), 2);
        QCOMPARE(rawCount(db, "Profiles", R"("userId" IS NULL)"), 1);
        QCOMPARE(user->getOne<Profile>()->id, profile2.staticCast<Profile>()->id);
    }

    void oneToMany_data() { addDialectColumn(); }
    void oneToMany()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        auto jane = User::create({{"firstName", "Jane"}, {"lastName", "Smith"}, {"email", "jane@example.com"}});
        Post::create({{"title", "My First Post"}, {"content", "Hello world!"}, {"userId", jane->id}});
        jane->createAssociated("Posts", QVariantMap{{"title", "Second Post"}, {"content", "More content here"}});
        auto more = jane->createAssociated("Posts", QList<QVariantMap>{{{"title", "Third Post"}, {"content", "Third content"}},
                                                                      {{"title", "Fourth Post"}, {"content", "Fourth content"}, {"published", true}}});
        QCOMPARE(more.size(), 2);
        QCOMPARE(rawCount(db, "Posts", QStringLiteral("\"userId\" = %1").arg(jane->id)), 4);

        auto user = User::findOne({.where = {{"email", "jane@example.com"}}, .include = {{"Posts"}}});
        QCOMPARE(user->many<Post>().size(), 4);
        auto published = User::findOne({.where = {{"email", "jane@example.com"}},
                                        .include = {{.association = "Post", .where = {{"published", true}}}}});
        QVERIFY(published);
        QCOMPARE(published->many<Post>().size(), 1);
        QCOMPARE(published->many<Post>().first()->title, QStringLiteral("Fourth Post"));
        QCOMPARE(jane->countAssociated("Posts"), 4);
        QCOMPARE(jane->get<Post>().size(), 4);

        // A user without a matching post drops out of a filtered include, stays with required=false.
        makeUser("Nobody", "nobody@example.com");
        QCOMPARE(User::findAll({.include = {{.association = "Posts", .where = {{"published", true}}}}}).size(), 1);
        auto all = User::findAll({.include = {{.association = "Posts", .where = {{"published", true}}, .required = false}}});
        QCOMPARE(all.size(), 2);

        // remove and set null the key, never delete rows.
        auto posts = jane->get<Post>();
        jane->remove("Posts", posts.first());
        QCOMPARE(rawCount(db, "Posts"), 4);
        QCOMPARE(rawCount(db, "Posts", R"("userId" IS NULL)"), 1);
        jane->setAssociated("Posts", QList<orm::Ptr<Post>>{posts.at(1)});
        QCOMPARE(rawCount(db, "Posts"), 4);
        QCOMPARE(rawCount(db, "Posts", R"("userId" IS NULL)"), 3);
        QVERIFY(jane->has("Posts", posts.at(1)));
        QVERIFY(!jane->has("Posts", posts.at(2)));
    }

    void manyToMany_data() { addDialectColumn(); }
    void manyToMany()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        auto john = makeUser("John", "john@example.com");
        auto admins = Group::create({{"name", "Admins"}});
        auto users = Group::create({{"name", "Users"}});
        john->add("Groups", admins);
        john->add("Groups", QList<orm::Ptr<Group>>{users, admins}); // admins again: not duplicated
        admins->add("Users", john);
        QCOMPARE(rawCount(db, "UserGroups"), 2);
        QCOMPARE(rawCount(db, "UserGroups", QStringLiteral("\"userId\" = %1").arg(john->id)), 2);

        auto u = User::findOne({.where = {{"email", "john@example.com"}}, .include = {{"Group"}}});
        QCOMPARE(u->many<Group>().size(), 2);
        auto g = Group::findOne({.where = {{"name", "Admins"}}, .include = {{"User"}}});
        QCOMPARE(g->many<User>().size(), 1);
        QCOMPARE(john->countAssociated("Groups"), 2);
        QVERIFY(john->has("Groups", QList<orm::Ptr<orm::Instance>>{admins, users}));
        john->remove("Groups", admins);
        QCOMPARE(rawCount(db, "UserGroups"), 1);
        QCOMPARE(rawCount(db, "Groups"), 2);
        john->setAssociated("Groups", QList<orm::Ptr<Group>>{admins});
        QCOMPARE(rawCount(db, "UserGroups"), 1);
        QCOMPARE(rawValue(db, R"(SELECT "groupId" FROM "UserGroups")").toLongLong(), admins->id);
    }

    void throughModel_data() { addDialectColumn(); }
    void throughModel()
    {
        QUARRY_OPEN_DB();
        defineSeed(db, true);
        db.sync();
        auto john = makeUser("John", "john@example.com");
        auto admins = Group::create({{"name", "Admins"}});
        auto users = Group::create({{"name", "Users"}});
        john->add("Groups", admins, {{"role", "owner"}});
        john->add("Groups", users);
        QCOMPARE(rawValue(db, R"(SELECT "role" FROM "UserGroups" WHERE "groupId" = ?)", {admins->id}).toString(), QStringLiteral("owner"));
        QCOMPARE(rawValue(db, R"(SELECT "role" FROM "UserGroups" WHERE "groupId" = ?)", {users->id}).toString(), QStringLiteral("member"));
        QVERIFY(!rawValue(db, R"(SELECT "joinedAt" FROM "UserGroups" WHERE "groupId" = ?)", {users->id}).isNull());

        auto u = User::findOne({.where = {{"id", john->id}}, .include = {{.association = "Groups", .order = {{"name"}}}}});
        const auto groups = u->many<Group>();
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups.first()->name, QStringLiteral("Admins"));
        auto link = u->through("Groups", 0).objectCast<UserGroup>();
        QVERIFY(link);
        QCOMPARE(link->role, QStringLiteral("owner"));
        QVERIFY(link->joinedAt.isValid());
        const QJsonObject json = u->toJson();
        QCOMPARE(json.value("Groups").toArray().first().toObject().value("UserGroup").toObject().value("role").toString(),
                 QStringLiteral("owner"));
    }

    void followers_data() { addDialectColumn(); }
    void followers()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        auto john = makeUser("John", "john@example.com");
        auto jane = makeUser("Jane", "jane@example.com");
        john->add("Following", jane); // John follows Jane
        QCOMPARE(rawValue(db, R"(SELECT "followingId" FROM "UserFollowers" WHERE "followerId" = ?)", {john->id}).toLongLong(), jane->id);
        QCOMPARE(john->get<User>("Following").size(), 1);
        QCOMPARE(john->get<User>("Following").first()->firstName, QStringLiteral("Jane"));
        QCOMPARE(john->get<User>("Followers").size(), 0);
        QCOMPARE(jane->get<User>("Followers").size(), 1);
        QCOMPARE(jane->get<User>("Followers").first()->firstName, QStringLiteral("John"));
    }

    void noNPlusOne_data() { addDialectColumn(); }
    void noNPlusOne()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        auto run = [&](int users) {
            QList<QVariantMap> rows;
            for (int i = 0; i < users; ++i)
                rows.append({{"firstName", "U"}, {"lastName", "L"}, {"email", QStringLiteral("u%1_%2@x.y").arg(users).arg(i)}});
            auto created = User::bulkCreate(rows);
            auto group = Group::create({{"name", QStringLiteral("G%1").arg(users)}});
            QList<QVariantMap> posts;
            for (const auto &u : created)
                for (int p = 0; p < 10; ++p)
                    posts.append({{"title", "t"}, {"content", "c"}, {"userId", u->id}});
            Post::bulkCreate(posts);
            for (const auto &u : created)
                u->add("Groups", group);
            StatementCounter counter(db);
            auto loaded = User::findAll({.where = {{"email", orm::Op::like(QStringLiteral("u%1\\_%").arg(users))}},
                                         .include = {{"Posts"}, {"Groups"}}});
            Q_UNUSED(loaded);
            return std::make_pair(counter.count(), loaded);
        };
        const auto small = run(10);
        const auto large = run(1000);
        QCOMPARE(small.second.size(), 10);
        QCOMPARE(large.first, small.first);
        QCOMPARE(large.second.size(), 1000);
        QCOMPARE(large.second.last()->many<Post>().size(), 10);
        // One group, read once, shared by every parent.
        QCOMPARE(large.second.first()->many<Group>().first().data(), large.second.last()->many<Group>().first().data());
    }

    void limitCountsParents_data() { addDialectColumn(); }
    void limitCountsParents()
    {
        QUARRY_OPEN_DB();
        defineSeed(db);
        db.sync();
        for (int i = 0; i < 5; ++i) {
            auto u = makeUser(QStringLiteral("U%1").arg(i), QStringLiteral("u%1@x.y").arg(i));
            for (int p = 0; p < 3; ++p)
                u->createAssociated("Posts", QVariantMap{{"title", "t"}, {"content", "c"}, {"published", i % 2 == 0}});
        }
        auto page = User::findAll({.include = {{"Posts"}}, .order = {{"id"}}, .limit = 2});
        QCOMPARE(page.size(), 2);
        QCOMPARE(page.first()->many<Post>().size(), 3);
        auto counted = User::findAndCountAll({.include = {{.association = "Posts", .where = {{"published", true}}}}, .limit = 2});
        QCOMPARE(counted.count, 3);
        QCOMPARE(counted.rows.size(), 2);
    }

    void includeOptions_data() { addDialectColumn(); }
    void includeOptions()
    {
        QUARRY_OPEN_DB();
        db.define<Member, Post, Group, UserGroup>();
        Member::hasMany<Post>();
        Post::belongsTo<Member>();
        Member::belongsToMany<Group>({.through = "UserGroup"});
        db.sync();
        auto m = Member::create({{"firstName", "M"}, {"email", "m@x.y"}});
        for (int i = 0; i < 4; ++i)
            m->createAssociated("Posts", QVariantMap{{"title", QStringLiteral("p%1").arg(i)}, {"content", "c"}, {"published", i % 2 == 0}});
        auto g1 = Group::create({{"name", "g1"}});
        auto g2 = Group::create({{"name", "g2"}});
        m->add("Groups", QList<orm::Ptr<Group>>{g1, g2}, {{"role", "admin"}});

        // attributes and order on an include, and through attributes of a junction.
        auto one = Member::findOne({.include = {{.association = "Posts", .attributes = {.include = {"title"}, .exclude = {}},
                                                 .order = {{"title", orm::Desc}}},
                                                {.association = "Groups", .through = QStringList{"role"}}}});
        const auto posts = one->many<Post>();
        QCOMPARE(posts.size(), 4);
        QCOMPARE(posts.first()->title, QStringLiteral("p3"));
        QVERIFY(posts.first()->content.isNull()); // not selected
        QCOMPARE(one->through("Groups", 0)->get("role").toString(), QStringLiteral("admin"));

        // A soft-deleted parent of an included belongsTo is left out; the child stays.
        auto post = Post::findOne({.where = {{"title", "p0"}}});
        m->destroy();
        auto orphaned = Post::findOne({.where = {{"title", "p0"}}, .include = {{"Member"}}});
        QVERIFY(orphaned);
        QVERIFY(!orphaned->one<Member>());
        auto withDeleted = Post::findOne({.where = {{"title", "p0"}}, .include = {{.association = "Member", .paranoid = false}}});
        QVERIFY(withDeleted->one<Member>());

        // get() takes where, order, limit and paranoid.
        auto ghost = Member::findByPk(m->id, {.paranoid = false});
        QCOMPARE(ghost->get<Post>({}, {.where = {{"published", true}}}).size(), 2);
        const auto firstTwo = ghost->get<Post>({}, {.order = {{"title", orm::Desc}}, .limit = 2});
        QCOMPARE(firstTwo.size(), 2);
        QCOMPARE(firstTwo.last()->title, QStringLiteral("p2"));
        QCOMPARE(ghost->get<Group>({}, {.where = {{"name", "g2"}}}).size(), 1);
        QCOMPARE(ghost->countAssociated("Groups", {.where = {{"name", orm::Op::startsWith("g")}}}), 2);
    }

    void misuse_data() { addDialectColumn(); }
    void misuse()
    {
        QUARRY_OPEN_DB();
        db.define<User, Post>();
        QUARRY_EXPECT_THROW(orm::DefinitionError, User::hasMany<Group>());              // never defined
        QUARRY_EXPECT_THROW(orm::DefinitionError, User::belongsToMany<User>({.through = "X"})); // self without as
        QUARRY_EXPECT_THROW(orm::DefinitionError, User::hasMany<Post>({.as = "email"}));  // collides with an attribute
        User::hasMany<Post>();
        db.sync();
        auto u = makeUser("A", "a@b.c");
        QUARRY_EXPECT_THROW(orm::QueryError, u->getAssociated("Nope"));
        QUARRY_EXPECT_THROW(orm::QueryError, User::findAll({.include = {{"Nope"}}}));
    }
};

QTEST_GUILESS_MAIN(TestAssociations)
#include "tst_associations.moc"
