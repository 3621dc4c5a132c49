// Naming inflector: the expected plural/singular forms are those of the `inflection` npm
// package 1.13.4 (what Sequelize v6 uses), quirks included, so table names match.
#include "meta/Inflector.h"

#include <QtTest>

namespace I = orm::detail::Inflector;
using namespace Qt::StringLiterals;

class TestInflector : public QObject
{
    Q_OBJECT

private slots:
    void pluralize_data();
    void pluralize();
    void singularize_data();
    void singularize();
    void roundTrip_data();
    void roundTrip();
    void underscore_data();
    void underscore();
    void camelize_data();
    void camelize();
    void lowerUpperFirst_data();
    void lowerUpperFirst();
    void tableName_data();
    void tableName();
};

void TestInflector::pluralize_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");

    const struct { const char *word, *plural; } rows[] = {
        // regular
        {"User", "Users"}, {"Post", "Posts"}, {"Group", "Groups"},
        {"Profile", "Profiles"}, {"Follower", "Followers"}, {"Photo", "Photos"},
        {"Comment", "Comments"}, {"Day", "Days"}, {"Key", "Keys"},
        // only the suffix of a compound name changes
        {"UserGroup", "UserGroups"}, {"BlogPerson", "BlogPeople"},
        {"user_category", "user_categories"}, {"BlogPost", "BlogPosts"},
        // irregular
        {"Person", "People"}, {"Child", "Children"}, {"Mouse", "Mice"},
        {"Louse", "Lice"}, {"Man", "Men"}, {"Woman", "Women"}, {"Ox", "Oxen"},
        {"Sex", "Sexes"}, {"Move", "Moves"}, {"Datum", "Data"}, {"Medium", "Media"},
        {"Criterion", "Criteria"},
        // -y after a consonant
        {"Category", "Categories"}, {"Entity", "Entities"}, {"Query", "Queries"},
        // -s -x -z -ch -sh
        {"Box", "Boxes"}, {"Status", "Statuses"}, {"Quiz", "Quizzes"},
        {"Bus", "Buses"}, {"Address", "Addresses"}, {"Process", "Processes"},
        {"Branch", "Branches"}, {"Dish", "Dishes"}, {"Alias", "Aliases"},
        {"Campus", "Campuses"}, {"Virus", "Viruses"},
        // -f / -fe
        {"Wife", "Wives"}, {"Knife", "Knives"}, {"Half", "Halves"}, {"Wolf", "Wolves"},
        // Greek and Latin
        {"Analysis", "Analyses"}, {"Crisis", "Crises"}, {"Axis", "Axes"},
        {"Matrix", "Matrices"}, {"Index", "Indices"}, {"Vertex", "Vertices"},
        {"Tomato", "Tomatoes"},
        // special-cased by the package
        {"Movie", "Movies"}, {"Drive", "Drives"}, {"Database", "Databases"},
        {"Hive", "Hives"},
        // uncountable
        {"Sheep", "Sheep"}, {"Information", "Information"}, {"Deer", "Deer"},
        {"News", "News"}, {"Equipment", "Equipment"}, {"Money", "Money"},
        {"Rice", "Rice"}, {"Species", "Species"}, {"Series", "Series"},
        // already plural: unchanged
        {"Users", "Users"}, {"People", "People"}, {"Data", "Data"},
        {"Categories", "Categories"}, {"Children", "Children"},
        {"Statuses", "Statuses"}, {"UserGroups", "UserGroups"}, {"Men", "Men"},
        // what the package does, not what English does (Sequelize gives the same)
        {"Octopus", "Octopuses"}, {"Hero", "Heros"}, {"Fish", "Fishes"},
        {"Moose", "Mooses"}, {"Leaf", "Leafs"}, {"Following", "Followings"},
        {"Goose", "geese"}, {"Foot", "feet"},
        {"Chairman", "Chairmans"}, {"UserInformation", "UserInformations"},
        {"", ""},
    };
    for (const auto &row : rows) {
        const QString word = QString::fromLatin1(row.word);
        QTest::newRow(qPrintable(word.isEmpty() ? u"(empty)"_s : word))
            << word << QString::fromLatin1(row.plural);
    }
}

void TestInflector::pluralize()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(I::pluralize(word), expected);
}

void TestInflector::singularize_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected");

    const struct { const char *word, *singular; } rows[] = {
        {"Users", "User"}, {"Posts", "Post"}, {"Followers", "Follower"},
        {"Photos", "Photo"}, {"UserGroups", "UserGroup"}, {"BlogPeople", "BlogPerson"},
        {"user_categories", "user_category"}, {"People", "Person"},
        {"Children", "Child"}, {"Mice", "Mouse"}, {"Men", "Man"}, {"Women", "Woman"},
        {"Oxen", "Ox"}, {"Categories", "Category"}, {"Boxes", "Box"},
        {"Statuses", "Status"}, {"Quizzes", "Quiz"}, {"Buses", "Bus"},
        {"Addresses", "Address"}, {"Aliases", "Alias"}, {"Wives", "Wife"},
        {"Halves", "Half"}, {"Lives", "Life"}, {"Shelves", "Shelf"},
        {"Theses", "Thesis"}, {"Crises", "Crisis"}, {"Matrices", "Matrix"},
        {"Indices", "Index"}, {"Vertices", "Vertex"}, {"Octopuses", "Octopus"},
        {"Movies", "Movie"}, {"Heroes", "Hero"}, {"Media", "Medium"},
        {"Criteria", "Criterion"}, {"Databases", "Database"}, {"Drives", "Drive"},
        {"geese", "goose"},
        // already singular: unchanged
        {"User", "User"}, {"Person", "Person"}, {"Following", "Following"},
        {"Status", "Status"}, {"Bus", "Bus"}, {"Address", "Address"},
        {"Alias", "Alias"}, {"Class", "Class"}, {"Process", "Process"},
        // uncountable
        {"Sheep", "Sheep"}, {"News", "News"}, {"Series", "Series"},
        {"Information", "Information"},
        // the package's quirks, kept for parity with Sequelize
        {"Data", "Datum"}, {"Analyses", "AnalyAsis"}, {"Shoes", "Sho"},
        {"", ""},
    };
    for (const auto &row : rows) {
        const QString word = QString::fromLatin1(row.word);
        QTest::newRow(qPrintable(word.isEmpty() ? u"(empty)"_s : word))
            << word << QString::fromLatin1(row.singular);
    }
}

void TestInflector::singularize()
{
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QCOMPARE(I::singularize(word), expected);
}

void TestInflector::roundTrip_data()
{
    QTest::addColumn<QString>("singular");
    QTest::addColumn<QString>("plural");

    const struct { const char *singular, *plural; } rows[] = {
        {"User", "Users"}, {"Person", "People"}, {"Category", "Categories"},
        {"Post", "Posts"}, {"Profile", "Profiles"}, {"UserGroup", "UserGroups"},
        {"BlogPerson", "BlogPeople"}, {"Follower", "Followers"},
        {"Child", "Children"}, {"Mouse", "Mice"}, {"Man", "Men"},
        {"Woman", "Women"}, {"Ox", "Oxen"}, {"Box", "Boxes"},
        {"Status", "Statuses"}, {"Quiz", "Quizzes"}, {"Bus", "Buses"},
        {"Address", "Addresses"}, {"Wife", "Wives"}, {"Half", "Halves"},
        {"Matrix", "Matrices"}, {"Index", "Indices"}, {"Vertex", "Vertices"},
        {"Alias", "Aliases"}, {"Octopus", "Octopuses"}, {"Photo", "Photos"},
        {"Criterion", "Criteria"}, {"Movie", "Movies"}, {"Entity", "Entities"},
        {"Process", "Processes"}, {"Drive", "Drives"}, {"Database", "Databases"},
        {"Sheep", "Sheep"}, {"Information", "Information"},
    };
    for (const auto &row : rows)
        QTest::newRow(row.singular) << QString::fromLatin1(row.singular)
                                    << QString::fromLatin1(row.plural);
}

void TestInflector::roundTrip()
{
    QFETCH(QString, singular);
    QFETCH(QString, plural);
    QCOMPARE(I::pluralize(singular), plural);
    QCOMPARE(I::singularize(plural), singular);
    // Each direction leaves a word already in its form alone.
    QCOMPARE(I::pluralize(plural), plural);
    QCOMPARE(I::singularize(singular), singular);
}

void TestInflector::underscore_data()
{
    QTest::addColumn<QString>("camel");
    QTest::addColumn<QString>("expected");

    QTest::newRow("firstName") << u"firstName"_s << u"first_name"_s;
    QTest::newRow("createdAt") << u"createdAt"_s << u"created_at"_s;
    QTest::newRow("updatedAt") << u"updatedAt"_s << u"updated_at"_s;
    QTest::newRow("UserGroups") << u"UserGroups"_s << u"user_groups"_s;
    QTest::newRow("userID") << u"userID"_s << u"user_id"_s;
    QTest::newRow("HTMLParser") << u"HTMLParser"_s << u"html_parser"_s;
    QTest::newRow("getHTTPResponse") << u"getHTTPResponse"_s << u"get_http_response"_s;
    QTest::newRow("UserGroupId") << u"UserGroupId"_s << u"user_group_id"_s;
    QTest::newRow("address2Line") << u"address2Line"_s << u"address2_line"_s;
    QTest::newRow("ID") << u"ID"_s << u"id"_s;
    QTest::newRow("id") << u"id"_s << u"id"_s;
    QTest::newRow("User") << u"User"_s << u"user"_s;
    QTest::newRow("already snake") << u"first_name"_s << u"first_name"_s;
    QTest::newRow("User_Group") << u"User_Group"_s << u"user_group"_s;
    QTest::newRow("empty") << QString() << QString();
}

void TestInflector::underscore()
{
    QFETCH(QString, camel);
    QFETCH(QString, expected);
    QCOMPARE(I::underscore(camel), expected);
}

void TestInflector::camelize_data()
{
    QTest::addColumn<QString>("snake");
    QTest::addColumn<bool>("upperFirst");
    QTest::addColumn<QString>("expected");

    QTest::newRow("first_name") << u"first_name"_s << false << u"firstName"_s;
    QTest::newRow("created_at") << u"created_at"_s << false << u"createdAt"_s;
    QTest::newRow("user_group_id") << u"user_group_id"_s << false << u"userGroupId"_s;
    QTest::newRow("first_name upper") << u"first_name"_s << true << u"FirstName"_s;
    QTest::newRow("user_groups upper") << u"user_groups"_s << true << u"UserGroups"_s;
    // Sequelize's default foreign key for belongsTo(User): camelize("User_id").
    QTest::newRow("User_id") << u"User_id"_s << false << u"UserId"_s;
    QTest::newRow("user_id") << u"user_id"_s << false << u"userId"_s;
    QTest::newRow("camel kept") << u"firstName"_s << false << u"firstName"_s;
    QTest::newRow("dash") << u"first-name"_s << false << u"firstName"_s;
    QTest::newRow("space") << u"first name"_s << false << u"firstName"_s;
    QTest::newRow("double underscore") << u"user__id"_s << false << u"userId"_s;
    QTest::newRow("trailing underscore") << u"user_"_s << false << u"user"_s;
    QTest::newRow("trimmed") << u"  first_name "_s << false << u"firstName"_s;
    QTest::newRow("empty") << QString() << true << QString();
}

void TestInflector::camelize()
{
    QFETCH(QString, snake);
    QFETCH(bool, upperFirst);
    QFETCH(QString, expected);
    QCOMPARE(I::camelize(snake, upperFirst), expected);
    if (!upperFirst && expected == I::lowerFirst(expected))
        QCOMPARE(I::camelize(I::underscore(expected)), expected);
}

void TestInflector::lowerUpperFirst_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("upper");

    QTest::newRow("UserGroup") << u"UserGroup"_s << u"userGroup"_s << u"UserGroup"_s;
    QTest::newRow("userGroup") << u"userGroup"_s << u"userGroup"_s << u"UserGroup"_s;
    QTest::newRow("ID") << u"ID"_s << u"iD"_s << u"ID"_s;
    QTest::newRow("a") << u"a"_s << u"a"_s << u"A"_s;
    QTest::newRow("empty") << QString() << QString() << QString();
}

void TestInflector::lowerUpperFirst()
{
    QFETCH(QString, input);
    QFETCH(QString, lower);
    QFETCH(QString, upper);
    QCOMPARE(I::lowerFirst(input), lower);
    QCOMPARE(I::upperFirst(input), upper);
}

void TestInflector::tableName_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("table");     // Sequelize default: pluralize(name)
    QTest::addColumn<QString>("underscored"); // with underscored: true

    QTest::newRow("User") << u"User"_s << u"Users"_s << u"users"_s;
    QTest::newRow("UserGroup") << u"UserGroup"_s << u"UserGroups"_s << u"user_groups"_s;
    QTest::newRow("Person") << u"Person"_s << u"People"_s << u"people"_s;
    QTest::newRow("BlogCategory") << u"BlogCategory"_s << u"BlogCategories"_s
                                  << u"blog_categories"_s;
}

void TestInflector::tableName()
{
    QFETCH(QString, model);
    QFETCH(QString, table);
    QFETCH(QString, underscored);
    QCOMPARE(I::pluralize(model), table);
    QCOMPARE(I::underscore(I::pluralize(model)), underscored);
}

QTEST_APPLESS_MAIN(TestInflector)
#include "tst_inflector.moc"
