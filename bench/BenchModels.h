// The benchmark's models: the seed's User, Post and Group (tests/common/SeedModels.h) and
// its paranoid, underscored Member, declared here again so that the hand-written SQL of
// the raw variants stays matched to them even when the test models change.
#pragma once

#include <orm/Orm.h>

namespace bench {

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

// tableName members, timestamps, paranoid, underscored: columns first_name, created_at, ...
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

// Users have many Posts and belong to many Groups through the automatic table UserGroups.
inline void defineModels(orm::Database &db)
{
    db.define<User, Post, Group, Member>();
    User::hasMany<Post>();
    Post::belongsTo<User>();
    User::belongsToMany<Group>({.through = "UserGroups"});
    Group::belongsToMany<User>({.through = "UserGroups"});
}

} // namespace bench
