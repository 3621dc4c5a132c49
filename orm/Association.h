// Associations: hasOne, belongsTo, hasMany and belongsToMany, their options and the
// metadata the ORM keeps about each (also what the browser shows).
//
//   User::hasMany<Post>();                         // Post gets userId
//   Post::belongsTo<User>();
//   User::belongsToMany<Group>({.through = "UserGroups"});
//   User::belongsToMany<User>({.as = "Followers", .foreignKey = "followingId", .through = "UserFollowers"});
#pragma once

#include <orm/Global.h>
#include <QString>
#include <QStringList>
#include <optional>

namespace orm {

enum class AssociationKind { HasOne, BelongsTo, HasMany, BelongsToMany };

QUARRY_EXPORT QString associationKindName(AssociationKind kind); // "hasOne", ...

struct AssociationOptions
{
    QString as{};         // the alias; also the association's name
    QString foreignKey{}; // attribute name of the key
    std::optional<bool> foreignKeyAllowNull{}; // foreignKey: { allowNull: false }
    QString sourceKey{};  // hasOne/hasMany/belongsToMany: the source attribute the key refers to
    QString targetKey{};  // belongsTo/belongsToMany: the target attribute the key refers to
    QString otherKey{};   // belongsToMany: the junction's key to the target
    QString through{};    // belongsToMany: a table name (automatic junction) or a defined model's name
    QString onDelete{};   // CASCADE, SET NULL, NO ACTION, RESTRICT; defaults as Sequelize
    QString onUpdate{};
    bool constraints = true; // false: no REFERENCES constraint in the database
};

struct QUARRY_EXPORT AssociationMeta
{
    AssociationKind kind = AssociationKind::HasMany;
    QString name;     // alias, or the target's name (singular for one, plural for many)
    QString singular; // "Post" for Posts: used in accessor names (addPost)
    QString source;   // model names
    QString target;
    QString foreignKey; // on the target (hasOne/hasMany), on the source (belongsTo), on the junction (belongsToMany)
    QString otherKey;   // belongsToMany: junction key to the target
    QString sourceKey;  // attribute of the source the key refers to (hasOne/hasMany/belongsToMany)
    QString targetKey;  // attribute of the target the key refers to (belongsTo/belongsToMany)
    QString through;    // belongsToMany: junction model name
    bool throughIsAutomatic = false;
    bool hasAlias = false;
    QString onDelete, onUpdate;
    bool constraints = true;
    // Sequelize's accessor names: getPosts, countPosts, hasPost, hasPosts, setPosts, addPost,
    // addPosts, removePost, removePosts, createPost (getProfile, setProfile, createProfile).
    QStringList accessors;
    // The name of the association on the target that is this one seen from the other side
    // (User.Posts <-> Post.User; Followers <-> Following through one junction), or empty
    // when the target declares none. Kept up to date as either side is defined.
    QString inverse;

    bool isMany() const { return kind == AssociationKind::HasMany || kind == AssociationKind::BelongsToMany; }
    // True when other, declared on this association's target, is its inverse: the same
    // foreign key from the other side (hasOne/hasMany <-> belongsTo), or the same junction
    // with the keys swapped (belongsToMany <-> belongsToMany).
    bool isInverseOf(const AssociationMeta &other) const;
};

} // namespace orm
