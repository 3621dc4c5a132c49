// Options of the query and write operations, as aggregates for designated initializers:
//   User::findAll({.where = {{"age", Op::gte(18)}}, .order = {{"lastName", orm::Desc}}, .limit = 10});
#pragma once

#include <orm/Where.h>
#include <QStringList>
#include <QVariantMap>
#include <optional>

namespace orm {

struct OrderBy
{
    OrderBy(const QString &f, SortOrder d = Asc, NullsOrder n = NullsDefault) : field(f), direction(d), nulls(n) {}
    OrderBy(const char *f, SortOrder d = Asc, NullsOrder n = NullsDefault)
        : field(QString::fromUtf8(f)), direction(d), nulls(n) {}
    QString field{};
    SortOrder direction = Asc;
    NullsOrder nulls = NullsDefault;
};

// Which attributes to read. Empty include means all; exclude removes from that.
struct Attributes
{
    QStringList include{};
    QStringList exclude{};
};

// Eager loading of an association: .include = {{"Posts"}} or {{.association = "Posts", .where = ...}}.
// A where makes the include required (parents without a match are left out) unless
// required is set to false. Nested includes go in include.
struct Include
{
    QString association{}; // the association's name (its alias, or the target's name)
    Where where{};
    std::optional<bool> required{};
    Attributes attributes{};
    QList<OrderBy> order{};
    bool paranoid = true;           // false: soft-deleted children are included too
    std::optional<QStringList> through{}; // belongsToMany: junction attributes to load (all by default)
    QList<Include> include{};

    bool isRequired() const { return required.value_or(!where.isEmpty()); }
};

// include<Post>(): the association whose target is Post.
template <class T> Include include(Include node = {})
{
    QString name = QString::fromLatin1(T::staticMetaObject.className());
    node.association = name.mid(name.lastIndexOf(QLatin1Char(':')) + 1);
    return node;
}

struct FindOptions
{
    Where where{};
    QList<Include> include{};
    QList<OrderBy> order{};
    int limit = -1;
    int offset = 0;
    Attributes attributes{};
    QStringList group{};
    bool paranoid = true;       // false: soft-deleted rows are found too
    bool rejectOnEmpty = false; // findOne/findByPk: throw EmptyResultError instead of null
};

struct CountOptions
{
    Where where{};
    QList<Include> include{}; // required includes narrow the parents counted
    QStringList group{};
    bool paranoid = true;
    bool distinct = false;
    QString field{}; // COUNT(field) instead of COUNT(*)
};

struct AggregateOptions
{
    Where where{};
    bool paranoid = true;
};

struct SaveOptions
{
    QStringList fields{}; // only these attributes; empty means all changed
    bool silent = false; // do not move updatedAt
    bool validate = true;
    bool hooks = true;   // false: no hook runs (orm/Hooks.h)
};

struct CreateOptions
{
    QStringList fields{};
    bool silent = false;
    bool validate = true;
    bool hooks = true; // false: no hook runs
};

// Model::update(values, {where}): one UPDATE for every matching row.
struct UpdateOptions
{
    Where where{};
    bool paranoid = true;
    bool silent = false;
    bool validate = true;
    bool hooks = true;            // false: neither the bulk hooks nor the instance hooks run
    bool individualHooks = false; // also beforeUpdate/afterUpdate for each matched row
};

struct DestroyOptions
{
    Where where{};
    bool force = false;    // a real DELETE on a paranoid model
    bool truncate = false; // Model::destroy with an empty where: delete every row (guarded)
    bool hooks = true;            // false: neither the bulk hooks nor the instance hooks run
    bool individualHooks = false; // also beforeDestroy/afterDestroy for each matched row
};

struct RestoreOptions
{
    Where where{};
    bool all = false; // Model::restore with an empty where restores every row
    bool hooks = true;            // false: neither the bulk hooks nor the instance hooks run
    bool individualHooks = false; // also beforeRestore/afterRestore for each matched row
};

struct BulkCreateOptions
{
    QStringList fields{};
    bool ignoreDuplicates = false;
    QStringList updateOnDuplicate{}; // attributes to overwrite when a unique key collides
    bool validate = false;         // Sequelize's default for bulkCreate
    bool returning = true;         // read back generated ids
    bool hooks = true;             // false: beforeBulkCreate/afterBulkCreate do not run
};

struct FindOrCreateOptions
{
    Where where{};
    QVariantMap defaults{};
};

struct SyncOptions
{
    bool force = false; // drop and recreate
    bool alter = false; // bring existing tables in line with the models, keeping every row
    bool dropColumns = false; // with alter: drop columns the model no longer declares
};

template <class T>
struct FindAndCountResult
{
    QList<Ptr<T>> rows{};
    qint64 count = 0;
};

struct GroupCount
{
    QVariantMap key{}; // the group attributes of this group
    qint64 count = 0;
};

} // namespace orm
