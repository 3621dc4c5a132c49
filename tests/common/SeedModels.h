// The seed's models (shared/seed/sequelize-guide.md) declared as Quarry model classes.
#pragma once

#include <orm/Orm.h>

namespace seed {

// const User = sequelize.define('User', { id, firstName, lastName, email })
class User : public orm::Model<User>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString firstName MEMBER firstName)
    Q_PROPERTY(QString lastName MEMBER lastName)
    Q_PROPERTY(QString email MEMBER email)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("firstName", "allowNull=false")
    Q_CLASSINFO("lastName", "allowNull=false")
    Q_CLASSINFO("email", "allowNull=false unique")
public:
    Q_INVOKABLE explicit User(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString firstName, lastName, email;
};

// const Profile = sequelize.define('Profile', { id, bio: TEXT, profilePicture: STRING })
class Profile : public orm::Model<Profile>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString bio MEMBER bio)
    Q_PROPERTY(QString profilePicture MEMBER profilePicture)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("bio", "TEXT")
public:
    Q_INVOKABLE explicit Profile(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString bio, profilePicture;
};

// const Post = sequelize.define('Post', { id, title, content: TEXT, published: BOOLEAN default false })
class Post : public orm::Model<Post>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_PROPERTY(QString content MEMBER content)
    Q_PROPERTY(bool published MEMBER published)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("title", "allowNull=false")
    Q_CLASSINFO("content", "TEXT allowNull=false")
    Q_CLASSINFO("published", "defaultValue=false")
public:
    Q_INVOKABLE explicit Post(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title, content;
    bool published = false;
};

// const Group = sequelize.define('Group', { id, name: unique not null, description: TEXT })
class Group : public orm::Model<Group>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString description MEMBER description)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("name", "allowNull=false unique")
    Q_CLASSINFO("description", "TEXT")
public:
    Q_INVOKABLE explicit Group(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name, description;
};

// The seed's custom junction: const UserGroup = sequelize.define('UserGroup', { role, joinedAt })
class UserGroup : public orm::Model<UserGroup>
{
    Q_OBJECT
    Q_PROPERTY(QString role MEMBER role)
    Q_PROPERTY(QDateTime joinedAt MEMBER joinedAt)
    Q_CLASSINFO("role", "defaultValue=member")
    Q_CLASSINFO("joinedAt", "defaultValue=NOW")
public:
    Q_INVOKABLE explicit UserGroup(QObject *parent = nullptr) : Model(parent) {}
    QString role;
    QDateTime joinedAt;
};

// models/associations.js of the seed, in C++. With a through model, UserGroup carries role
// and joinedAt; otherwise the automatic junction table UserGroups is used.
inline void defineSeedAssociations(bool throughModel)
{
    User::hasOne<Profile>();
    Profile::belongsTo<User>();
    User::hasMany<Post>();
    Post::belongsTo<User>();
    const QString through = throughModel ? QStringLiteral("UserGroup") : QStringLiteral("UserGroups");
    User::belongsToMany<Group>({.through = through});
    Group::belongsToMany<User>({.through = through});
    User::belongsToMany<User>({.as = "Followers", .foreignKey = "followingId", .through = "UserFollowers"});
    User::belongsToMany<User>({.as = "Following", .foreignKey = "followerId", .through = "UserFollowers"});
}

inline void defineSeed(orm::Database &db, bool throughModel = false)
{
    if (throughModel)
        db.define<User, Profile, Post, Group, UserGroup>();
    else
        db.define<User, Profile, Post, Group>();
    defineSeedAssociations(throughModel);
}

// The model options of the seed: tableName users, timestamps, paranoid, underscored.
class Member : public orm::Model<Member>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString firstName MEMBER firstName)
    Q_PROPERTY(QString lastName MEMBER lastName)
    Q_PROPERTY(QString email MEMBER email)
    Q_PROPERTY(int age MEMBER age)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("firstName", "allowNull=false")
    Q_CLASSINFO("email", "allowNull=false unique")
    Q_CLASSINFO("orm:options", "tableName=members timestamps paranoid underscored")
public:
    Q_INVOKABLE explicit Member(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString firstName, lastName, email;
    int age = 0;
};

} // namespace seed
