// The seed's models (shared/seed/sequelize-guide.md) as Quarry model classes: this file
// mirrors the seed's models/ folder, one class per models/<Name>.js file, plus the
// seed's models/associations.js as defineAssociations() at the end.
//
//   models/User.js          -> class User      sequelize.define('User', { id, firstName, lastName, email })
//   models/Profile.js       -> class Profile   { id, bio: TEXT, profilePicture: STRING }
//   models/Post.js          -> class Post      { id, title, content: TEXT, published: BOOLEAN }
//   models/Group.js         -> class Group     { id, name: unique, description: TEXT }
//   models/UserGroup.js     -> class UserGroup the custom junction { role, joinedAt }
//   (Model Options section) -> class Member    { ... } with tableName/paranoid/underscored/...
//   models/associations.js  -> defineAssociations()
//
// A Q_PROPERTY is a column (DataTypes follow the C++ type: QString is STRING, qint64 is
// INTEGER/BIGINT, bool is BOOLEAN, QDateTime is DATE); Q_CLASSINFO("field", "...") holds
// the column options the seed writes in the attribute object (primaryKey, autoIncrement,
// allowNull=false, unique, defaultValue=..., TEXT). Every model gets createdAt and
// updatedAt, as Sequelize's timestamps: true default.
//
// The example keeps its own copy of these declarations (it must not depend on tests/).
#pragma once

#include <orm/Orm.h>

namespace blog {

// models/User.js
// const User = sequelize.define('User', {
//   id:        { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
//   firstName: { type: DataTypes.STRING, allowNull: false },
//   lastName:  { type: DataTypes.STRING, allowNull: false },
//   email:     { type: DataTypes.STRING, allowNull: false, unique: true } });
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

// models/Profile.js
// const Profile = sequelize.define('Profile', { id, bio: DataTypes.TEXT, profilePicture: DataTypes.STRING });
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

// models/Post.js
// const Post = sequelize.define('Post', {
//   id, title: { STRING, allowNull: false }, content: { TEXT, allowNull: false },
//   published: { type: DataTypes.BOOLEAN, defaultValue: false } });
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

// models/Group.js
// const Group = sequelize.define('Group', {
//   id, name: { STRING, allowNull: false, unique: true }, description: DataTypes.TEXT });
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

// models/UserGroup.js: the custom junction with extra fields.
// const UserGroup = sequelize.define('UserGroup', {
//   role:     { type: DataTypes.STRING, defaultValue: 'member' },
//   joinedAt: { type: DataTypes.DATE, defaultValue: DataTypes.NOW } });
// No id: as a junction its primary key is (userId, groupId), the keys belongsToMany adds.
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

// The seed's "Model Options" snippet:
// sequelize.define('User', { ... }, { tableName: 'users', timestamps: true, paranoid: true,
//                                     underscored: true, freezeTableName: true });
// Here it is its own model, Member, so that it can live beside User in one database: the
// seed's table name 'users' would be the same table as User's "Users" on SQLite (table
// names are case-insensitive there), so it is called 'members'.
class Member : public orm::Model<Member>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString firstName MEMBER firstName)
    Q_PROPERTY(QString lastName MEMBER lastName)
    Q_PROPERTY(QString email MEMBER email)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("firstName", "allowNull=false")
    Q_CLASSINFO("email", "allowNull=false unique")
    Q_CLASSINFO("orm:options", "tableName=members timestamps paranoid underscored freezeTableName")
public:
    Q_INVOKABLE explicit Member(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString firstName, lastName, email;
};

// models/associations.js. The seed shows two versions of the many-to-many: first with an
// automatic junction table (through: 'UserGroups'), then with the custom UserGroup model
// (through: UserGroup). through names either a table (automatic junction) or a defined model.
inline void defineAssociations(const QString &through)
{
    User::hasOne<Profile>();  // User.hasOne(Profile);
    Profile::belongsTo<User>(); // Profile.belongsTo(User);
    User::hasMany<Post>();    // User.hasMany(Post);
    Post::belongsTo<User>();  // Post.belongsTo(User);
    User::belongsToMany<Group>({.through = through}); // User.belongsToMany(Group, { through: ... });
    Group::belongsToMany<User>({.through = through}); // Group.belongsToMany(User, { through: ... });
}

// The self-referencing associations of the seed: users following users through UserFollowers.
inline void defineFollowAssociations()
{
    // User.belongsToMany(User, { as: 'Followers', through: 'UserFollowers', foreignKey: 'followingId' });
    User::belongsToMany<User>({.as = "Followers", .foreignKey = "followingId", .through = "UserFollowers"});
    // User.belongsToMany(User, { as: 'Following', through: 'UserFollowers', foreignKey: 'followerId' });
    User::belongsToMany<User>({.as = "Following", .foreignKey = "followerId", .through = "UserFollowers"});
}

} // namespace blog
