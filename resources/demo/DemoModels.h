// The demo database's models: the seed's models (shared/seed/sequelize-guide.md), copied
// here so that the browser does not depend on examples/. One difference: Post is paranoid
// (Sequelize's soft delete), so that the browser has soft-deleted rows to show.
#pragma once

#include <orm/Orm.h>

namespace quarry::browser::demo {

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
    Q_CLASSINFO("email", "allowNull=false unique isEmail")
public:
    Q_INVOKABLE explicit User(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString firstName, lastName, email;
};

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

// Paranoid: destroy() sets deletedAt, restore() clears it.
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
    Q_CLASSINFO("orm:options", "paranoid")
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

// The custom junction of User and Group, with extra fields; its key is (userId, groupId).
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

} // namespace quarry::browser::demo
