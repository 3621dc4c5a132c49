#include "DemoDatabase.h"

#include "BrowserLogging.h"
#include "demo/DemoModels.h"

#include <QDir>
#include <QStandardPaths>

namespace quarry::browser {

using namespace Qt::StringLiterals;

QString DemoDatabase::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + "/.local/share/quarry-browser"_L1;
    QDir().mkpath(dir);
    return dir + "/demo.sqlite"_L1;
}

void DemoDatabase::defineModels(const orm::Database &db)
{
    orm::Database d = db;
    d.define<demo::User, demo::Profile, demo::Post, demo::Group, demo::UserGroup>();
    const orm::ModelHandle user = db.model(u"User"_s);
    const orm::ModelHandle group = db.model(u"Group"_s);
    user.hasOne(u"Profile"_s);
    db.model(u"Profile"_s).belongsTo(u"User"_s);
    user.hasMany(u"Post"_s);
    db.model(u"Post"_s).belongsTo(u"User"_s);
    user.belongsToMany(u"Group"_s, {.through = u"UserGroup"_s});
    group.belongsToMany(u"User"_s, {.through = u"UserGroup"_s});
    user.belongsToMany(u"User"_s, {.as = u"Followers"_s, .foreignKey = u"followingId"_s, .through = u"UserFollowers"_s});
    user.belongsToMany(u"User"_s, {.as = u"Following"_s, .foreignKey = u"followerId"_s, .through = u"UserFollowers"_s});
}

void DemoDatabase::seed(const orm::Database &db)
{
    const orm::ModelHandle users = db.model(u"User"_s);
    const orm::ModelHandle groups = db.model(u"Group"_s);
    const orm::ModelHandle posts = db.model(u"Post"_s);
    const orm::ModelHandle profiles = db.model(u"Profile"_s);
    db.transaction([&] {
        auto john = users.create({{u"firstName"_s, u"John"_s}, {u"lastName"_s, u"Doe"_s}, {u"email"_s, u"john@example.com"_s}});
        auto jane = users.create({{u"firstName"_s, u"Jane"_s}, {u"lastName"_s, u"Smith"_s}, {u"email"_s, u"jane@example.com"_s}});
        const QVariant johnId = john->primaryKeyValue(), janeId = jane->primaryKeyValue();
        profiles.create({{u"bio"_s, u"Writes C++ and rides bikes."_s}, {u"profilePicture"_s, u"john.png"_s}, {u"userId"_s, johnId}});
        profiles.create({{u"bio"_s, u"Databases, tea and long walks."_s}, {u"profilePicture"_s, u"jane.png"_s}, {u"userId"_s, janeId}});
        posts.create({{u"title"_s, u"Hello World"_s}, {u"content"_s, u"My first post."_s}, {u"published"_s, true}, {u"userId"_s, johnId}});
        posts.create({{u"title"_s, u"Associations in Quarry"_s}, {u"content"_s, u"hasOne, hasMany, belongsToMany."_s}, {u"published"_s, true}, {u"userId"_s, johnId}});
        posts.create({{u"title"_s, u"Jane's notes"_s}, {u"content"_s, u"Paranoid models keep deleted rows."_s}, {u"userId"_s, janeId}});
        auto draft = posts.create({{u"title"_s, u"Old draft"_s}, {u"content"_s, u"Soft-deleted: deletedAt is set."_s}, {u"userId"_s, janeId}});
        draft->destroy(); // the soft-deleted paranoid record
        auto admins = groups.create({{u"name"_s, u"Admins"_s}, {u"description"_s, u"People who run the site"_s}});
        auto usersGroup = groups.create({{u"name"_s, u"Users"_s}, {u"description"_s, u"Everyone"_s}});
        john->add(u"Groups"_s, admins, {{u"role"_s, u"admin"_s}});
        john->add(u"Groups"_s, usersGroup, {{u"role"_s, u"member"_s}});
        jane->add(u"Groups"_s, usersGroup, {{u"role"_s, u"owner"_s}});
        john->add(u"Following"_s, jane);
    });
    qCInfo(lcBrowser) << "demo data created in" << db.url();
}

orm::Database DemoDatabase::open(const QString &url)
{
    orm::Database db = orm::Database::open(url);
    defineModels(db);
    db.sync();
    if (db.model(u"User"_s).count() == 0)
        seed(db);
    return db;
}

} // namespace quarry::browser
