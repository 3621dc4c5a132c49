// sync({alter}) on a populated seed-shaped schema: users with a profile (1-1), posts (1-N),
// groups through a junction model with its own field (N-M), and followers (a self-referencing
// N-M through an automatic junction). Every model changes shape at once: columns are added,
// widened, made NOT NULL with a default, indexed, and dropped. Afterwards every row and every
// link must still be there, every foreign key must still be enforced and still cascade, and a
// second alter must find nothing to do. This is the proof that Quarry does not fall into
// Sequelize's trap (alter on SQLite rebuilds tables and loses children through ON DELETE
// CASCADE). All checks read the database with raw SQL.
#include "SchemaProbe.h"
#include "TestSupport.h"

using namespace quarry::test;

namespace {

QJsonObject attr(const QString &type, const QJsonObject &extra = {})
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("type"), type);
    return o;
}

// Rows as text in key order, so that "before" and "after" compare exactly.
QStringList snapshot(const orm::Database &db, const QString &table, const QStringList &columns, const QStringList &key = {"id"})
{
    auto quoteAll = [](const QStringList &names) {
        QStringList out;
        for (const QString &n : names)
            out.append('"' + n + '"');
        return out.join(", ");
    };
    QStringList out;
    const QString sql = QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY %3").arg(quoteAll(columns), table, quoteAll(key));
    for (const QVariantList &row : rawRows(db, sql)) {
        QStringList cells;
        for (const QVariant &v : row)
            cells.append(v.isNull() ? QStringLiteral("<null>") : v.toString());
        out.append(cells.join('|'));
    }
    return out;
}

bool hasForeignKey(const orm::Database &db, const QString &table, const QString &column, const QString &refTable)
{
    for (const ProbeForeignKey &fk : probeForeignKeys(db, table))
        if (fk.columns == QStringList{column} && fk.referencedTable == refTable)
            return true;
    return false;
}

// The first shape of the schema.
void defineV1(orm::Database &db)
{
    db.define("User", {{"firstName", attr("STRING(40)", {{"allowNull", false}})},
                       {"lastName", attr("STRING(40)")},
                       {"age", attr("INTEGER")},
                       {"legacyCode", attr("STRING(10)")}});
    db.define("Profile", {{"bio", attr("STRING(100)")}});
    db.define("Post", {{"title", attr("STRING(60)", {{"allowNull", false}})}, {"content", attr("TEXT")}});
    db.define("Group", {{"name", attr("STRING(40)", {{"allowNull", false}, {"unique", true}})}});
    db.define("UserGroup", {{"role", attr("STRING(20)")}});
}

// The second shape: something changes in every model, junctions included.
void defineV2(orm::Database &db)
{
    db.define("User", {{"firstName", attr("STRING(120)", {{"allowNull", false}})},   // widened
                       {"lastName", attr("STRING(120)", {{"index", true}})},          // widened, indexed
                       {"age", attr("BIGINT", {{"allowNull", false}, {"defaultValue", 0}})}, // bigger, NOT NULL
                       {"nickname", attr("STRING(30)")}});                            // added; legacyCode dropped
    db.define("Profile", {{"bio", attr("TEXT")}, {"website", attr("STRING(200)")}});
    db.define("Post", {{"title", attr("STRING(200)", {{"allowNull", false}})},
                       {"content", attr("TEXT")},
                       {"views", attr("INTEGER", {{"allowNull", false}, {"defaultValue", 0}})}});
    db.define("Group", {{"name", attr("STRING(80)", {{"allowNull", false}, {"unique", true}})}, {"motto", attr("STRING(50)")}});
    db.define("UserGroup", {{"role", attr("STRING(40)")}, {"since", attr("DATEONLY")}});
}

// The seed's associations, declared again after each (re)definition.
void link(orm::Database &db)
{
    const orm::ModelHandle user = db.model("User");
    user.hasOne("Profile", {.onDelete = "CASCADE"});
    db.model("Profile").belongsTo("User");
    user.hasMany("Post", {.onDelete = "CASCADE"});
    db.model("Post").belongsTo("User");
    user.belongsToMany("Group", {.through = "UserGroup"});
    db.model("Group").belongsToMany("User", {.through = "UserGroup"});
    user.belongsToMany("User", {.as = "followers", .foreignKey = "followingId", .otherKey = "followerId", .through = "Follows"});
    user.belongsToMany("User", {.as = "following", .foreignKey = "followerId", .otherKey = "followingId", .through = "Follows"});
}

struct Snapshot
{
    QStringList users, profiles, posts, groups, memberships, follows;
};

Snapshot take(const orm::Database &db)
{
    return {snapshot(db, "Users", {"id", "firstName", "lastName", "age", "createdAt", "updatedAt"}),
            snapshot(db, "Profiles", {"id", "bio", "userId", "createdAt"}),
            snapshot(db, "Posts", {"id", "title", "content", "userId", "updatedAt"}),
            snapshot(db, "Groups", {"id", "name"}),
            snapshot(db, "UserGroups", {"userId", "groupId", "role", "createdAt"}, {"userId", "groupId"}),
            snapshot(db, "Follows", {"followingId", "followerId"}, {"followingId", "followerId"})};
}

} // namespace

class TestSyncLinks : public QObject
{
    Q_OBJECT
private slots:
    void alterKeepsEveryRowAndLink_data() { addDialectColumn(); }
    void alterKeepsEveryRowAndLink()
    {
        QUARRY_OPEN_DB();
        defineV1(db);
        link(db);
        db.sync();

        // Populate through the ORM, as an application would.
        QList<orm::Ptr<orm::Instance>> users, groups;
        for (int i = 1; i <= 5; ++i)
            users.append(db.model("User").create({{"firstName", QStringLiteral("user %1").arg(i)},
                                                  {"lastName", QStringLiteral("O'Brien \"%1\"").arg(i)},
                                                  {"age", 20 + i},
                                                  {"legacyCode", QStringLiteral("L%1").arg(i)}}));
        for (const QString &name : {QStringLiteral("admins"), QStringLiteral("readers"), QStringLiteral("writers")})
            groups.append(db.model("Group").create({{"name", name}}));
        for (int i = 0; i < 4; ++i) {
            users[i]->createAssociated("Profile", {{"bio", QStringLiteral("bio of %1").arg(i + 1)}});
            for (int p = 0; p < 3; ++p)
                users[i]->createAssociated("Posts", {{"title", QStringLiteral("post %1.%2").arg(i + 1).arg(p)}, {"content", "body"}});
            users[i]->add("Groups", groups[i % 3], {{"role", i == 0 ? "owner" : "member"}});
            users[i]->add("Groups", groups[(i + 1) % 3], {{"role", "guest"}});
            users[i]->add("followers", users[(i + 1) % 5]);
            users[i]->add("followers", users[(i + 2) % 5]);
        }
        const Snapshot before = take(db);
        QCOMPARE(before.users.size(), 5);
        QCOMPARE(before.profiles.size(), 4);
        QCOMPARE(before.posts.size(), 12);
        QCOMPARE(before.memberships.size(), 8);
        QCOMPARE(before.follows.size(), 8);

        // Every model changes shape; legacyCode is no longer declared and is dropped.
        defineV2(db);
        link(db);
        QTest::ignoreMessage(QtInfoMsg, QRegularExpression("dropping Users\\.legacyCode"));
        {
            StatementCounter counter(db);
            db.sync({.alter = true, .dropColumns = true});
            // On SQLite the parent of every cascade really was rebuilt: the trap was set.
            if (isSqlite(db))
                for (const char *table : {"DROP TABLE \"Users\"", "DROP TABLE \"UserGroups\"", "DROP TABLE \"Groups\""})
                    QVERIFY2(counter.statements().join('\n').contains(QLatin1String(table)), table);
        }

        // Every row and every link is still there, with its values.
        const Snapshot after = take(db);
        QCOMPARE(after.users, before.users);
        QCOMPARE(after.profiles, before.profiles);
        QCOMPARE(after.posts, before.posts);
        QCOMPARE(after.groups, before.groups);
        QCOMPARE(after.memberships, before.memberships);
        QCOMPARE(after.follows, before.follows);
        // The new columns exist, with their defaults applied to the old rows.
        QVERIFY(!columnNames(db, "Users").contains("legacyCode"));
        QVERIFY(columnNames(db, "Users").contains("nickname"));
        QCOMPARE(rawCount(db, "Posts", "\"views\" = 0"), 12);
        QVERIFY(columnNames(db, "UserGroups").contains("since"));
        QCOMPARE(probeColumn(db, "Users", "firstName").type, perDialect(db, "VARCHAR(120)", "character varying(120)", "varchar(120)"));
        QCOMPARE(probeColumn(db, "UserGroups", "role").type, perDialect(db, "VARCHAR(40)", "character varying(40)", "varchar(40)"));
        QVERIFY(probeColumn(db, "Users", "age").notNull);
        QVERIFY(probeIndexOn(db, "Users", {"lastName"}).has_value());
        QVERIFY(probeIndexOn(db, "Groups", {"name"}) && probeIndexOn(db, "Groups", {"name"})->unique);

        // Every foreign key still exists and is enforced.
        QVERIFY(hasForeignKey(db, "Profiles", "userId", "Users"));
        QVERIFY(hasForeignKey(db, "Posts", "userId", "Users"));
        QVERIFY(hasForeignKey(db, "UserGroups", "userId", "Users"));
        QVERIFY(hasForeignKey(db, "UserGroups", "groupId", "Groups"));
        QVERIFY(hasForeignKey(db, "Follows", "followingId", "Users"));
        QVERIFY(hasForeignKey(db, "Follows", "followerId", "Users"));
        QVERIFY(rawFails(db, R"(INSERT INTO "Posts" ("title", "userId", "views", "createdAt", "updatedAt") VALUES ('orphan', 9999, 0, '2024-01-01 00:00:00', '2024-01-01 00:00:00'))"));
        QVERIFY(rawFails(db, R"(INSERT INTO "Follows" ("followingId", "followerId", "createdAt", "updatedAt") VALUES (9998, 9999, '2024-01-01 00:00:00', '2024-01-01 00:00:00'))"));
        if (isSqlite(db)) {
            QVERIFY(rawRows(db, "PRAGMA foreign_key_check").isEmpty());
            QCOMPARE(rawValue(db, "PRAGMA foreign_keys").toInt(), 1);
        }

        // The ORM reads the links back through the new shape.
        const auto reloaded = db.model("User").findByPk(users[0]->get("id"), {.include = {{.association = "Groups"}, {.association = "followers"}, {.association = "Posts"}}});
        QVERIFY(reloaded);
        QCOMPARE(reloaded->included("Groups").size(), 2);
        QCOMPARE(reloaded->included("followers").size(), 2);
        QCOMPARE(reloaded->included("Posts").size(), 3);

        // A second alter finds nothing to do.
        {
            StatementCounter counter(db);
            db.sync({.alter = true, .dropColumns = true});
            QVERIFY2(writingStatements(counter.statements()).isEmpty(), qPrintable(writingStatements(counter.statements()).join("\n")));
        }

        // The cascades still belong to the live Users table: deleting a user removes its
        // profile, posts, memberships and follow links, and nothing else.
        const qint64 firstId = users[0]->get("id").toLongLong();
        rawExec(db, R"(DELETE FROM "Users" WHERE "id" = ?)", {firstId});
        QCOMPARE(rawCount(db, "Users"), 4);
        QCOMPARE(rawCount(db, "Profiles"), 3);
        QCOMPARE(rawCount(db, "Posts"), 9);
        QCOMPARE(rawCount(db, "UserGroups"), 6);
        QCOMPARE(rawCount(db, "Follows", QStringLiteral("\"followingId\" = %1 OR \"followerId\" = %1").arg(firstId)), 0);
        QCOMPARE(rawCount(db, "Groups"), 3);
    }
};

QTEST_GUILESS_MAIN(TestSyncLinks)
#include "tst_sync_links.moc"
