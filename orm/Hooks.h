// Hooks: Sequelize's lifecycle events of a model. A model class overrides them as member
// functions of orm::Instance, and code registers more per model:
//
//   class User : public orm::Model<User> {
//       Q_OBJECT
//       ...
//   protected:
//       void beforeCreate(const orm::HookOptions &) override { email = email.toLower(); }
//   };
//   User::addHook(orm::Hook::BeforeSave, [](User &u) { u.lastName = u.lastName.trimmed(); });
//   db.model("Tag").addHook(orm::Hook::AfterCreate, [](orm::Instance &i, const orm::HookOptions &o) { ... });
//
// ---- The hooks and when they run ----------------------------------------------------------
//
// save() of a new instance, create():       save() of a loaded instance, update():
//   beforeValidate                             beforeValidate
//   (validation)                               (validation of the changed fields)
//   afterValidate                              afterValidate
//   beforeCreate                               beforeUpdate
//   beforeSave                                 beforeSave
//   (INSERT)                                   (UPDATE)
//   afterCreate                                afterUpdate
//   afterSave                                  afterSave
//
// destroy(): beforeDestroy, (DELETE, or UPDATE of deletedAt), afterDestroy.
// restore(): beforeRestore, (UPDATE of deletedAt), afterRestore.
// bulkCreate(): beforeBulkCreate, (validation of every record), (INSERTs), afterBulkCreate;
//   the instance hooks do not run for the records (Sequelize's default, individualHooks off).
// findAll(), findOne(), findByPk(), findAndCountAll(): afterFind with the rows found (also
//   when there are none), after their includes are loaded.
// Model::update(values, {where}): beforeBulkUpdate, (UPDATE), afterBulkUpdate. The hooks are
//   given BulkHookOptions: a before-hook may change its where and values, and the write
//   uses what it leaves; the after hook also sees how many rows were written.
// Model::destroy({where}): beforeBulkDestroy, (DELETE or soft delete), afterBulkDestroy.
// Model::restore({where}): beforeBulkRestore, (UPDATE of deletedAt), afterBulkRestore.
// With {.individualHooks = true} those three also load the rows they match (afterFind
//   runs for that find) and run the instance hooks for each of them, all in the same
//   transaction: beforeBulkX, beforeX for every row, (the write), afterX for every row,
//   afterBulkX. For update, each row gets the values set before its beforeUpdate runs;
//   when the hooks leave every row with the same changes one UPDATE writes them, otherwise
//   each row is saved on its own (with hooks off), as in Sequelize.
// {.hooks = false} (CreateOptions, SaveOptions, UpdateOptions, DestroyOptions,
//   RestoreOptions, BulkCreateOptions) runs the operation without any hook, and without
//   the transaction the hooks would need. Validation still runs. (The instance's
//   destroy(force) and restore() have no such option yet.)
//
// - The validate hooks run only when validation does: not with {.validate = false}.
// - An attribute a beforeCreate/beforeUpdate/beforeSave hook changes is written too, and
//   validated first (notNull, and its validators unless validate = false). With
//   SaveOptions::fields, only those fields are written, as in Sequelize.
// - save() of a loaded instance with nothing changed runs no hook and no query.
// - Hooks for one event run in this order: the member function first, then the registered
//   functions in the order they were added.
// - A hook fails by throwing; the exception reaches the caller unchanged. A before-hook
//   that throws stops the operation: nothing is written.
// - When a model has hooks for an operation, the operation runs in one transaction from
//   its first hook to its last (a savepoint when a transaction is already open, the
//   caller's transaction otherwise: Database::transaction). So an after-hook that throws
//   rolls the write back, and the queries a hook runs are part of it. An operation the
//   model has no hooks for adds no statement.
// - The bulk operation hooks (beforeBulkUpdate ... afterBulkRestore) are registered only
//   (ModelHandle::addHook, Model::addHook with a function of BulkHookOptions &); a model
//   class has no member functions for them.
// - The list hooks (beforeBulkCreate, afterBulkCreate, afterFind) belong to the model, as
//   Sequelize's static hooks: the member function is called once per operation on a
//   prototype instance of the class (made once, never saved), never on one of the records;
//   it reads the records from the list. The instances in the list may be changed, not the
//   list itself.
// - Registered hooks belong to the model as defined on its database: add them after
//   define (a model defined again starts without them). They may be added and removed
//   from any thread, also while operations run; an operation that has started keeps the
//   hooks it started with.
// - The database's signals (Database::events(): created, updated, destroyed, restored)
//   are emitted once the write is committed, after the hooks.
#pragma once

#include <orm/FindOptions.h>
#include <orm/Global.h>
#include <QStringList>
#include <functional>

namespace orm {

class Instance;

enum class Hook {
    BeforeValidate,
    AfterValidate,
    BeforeCreate,
    AfterCreate,
    BeforeUpdate,
    AfterUpdate,
    BeforeSave,
    AfterSave,
    BeforeDestroy,
    AfterDestroy,
    BeforeRestore,
    AfterRestore,
    // The list hooks: they are given the instances, not one instance.
    BeforeBulkCreate,
    AfterBulkCreate,
    AfterFind,
    // The hooks of the model-wide update, destroy and restore (Model::update(values,
    // {where}), ...): given the operation's BulkHookOptions. Added last so that the values
    // above keep their numbers.
    BeforeBulkUpdate,
    AfterBulkUpdate,
    BeforeBulkDestroy,
    AfterBulkDestroy,
    BeforeBulkRestore,
    AfterBulkRestore,
};

inline constexpr int HookCount = int(Hook::AfterBulkRestore) + 1;
constexpr quint32 hookBit(Hook hook) { return quint32(1) << int(hook); }
// True for the hooks of one instance (given the instance and HookOptions).
constexpr bool isInstanceHook(Hook hook) { return hook < Hook::BeforeBulkCreate; }
// True for the hooks of the model-wide update, destroy and restore (given BulkHookOptions).
constexpr bool isBulkOperationHook(Hook hook) { return hook >= Hook::BeforeBulkUpdate; }
// Sequelize's name of the hook: "beforeCreate".
QUARRY_EXPORT QString hookName(Hook hook);

// What the instance hooks are told about the operation.
struct HookOptions
{
    Hook hook = Hook::BeforeSave; // the event being run (one function may serve several)
    bool creating = false;        // save: an INSERT (create), not an UPDATE
    // save: the attributes written. The validate and before hooks see those known before
    // they run (a before-hook may change more); the after hooks see those written,
    // timestamps included. Empty for destroy and restore.
    QStringList fields{};
    bool validate = true; // save: validators run (SaveOptions::validate)
    bool silent = false;  // save: updatedAt is left alone
    bool force = false;   // destroy: a real DELETE on a paranoid model
};

// What the hooks of a model-wide update, destroy or restore are told, as Sequelize's
// options object. A before-hook may change where and values: the operation uses them
// as the hook leaves them. The after hooks also get the number of rows affected.
struct BulkHookOptions
{
    Hook hook = Hook::BeforeBulkUpdate; // the event being run
    Where where{};                      // the rows the operation is for
    QVariantMap values{};               // update: the attributes and their new values
    bool individualHooks = false;       // the instance hooks run too, for each matched row
    bool force = false;                 // destroy: a real DELETE on a paranoid model
    qint64 affected = -1;               // after hooks: the rows written
};

// A hook of one instance.
using InstanceHookFunction = std::function<void(Instance &instance, const HookOptions &options)>;
// beforeBulkCreate, afterBulkCreate: the instances being (or just) inserted.
using BulkCreateHookFunction = std::function<void(const QList<Ptr<Instance>> &instances, const BulkCreateOptions &options)>;
// afterFind: the instances found.
using FindHookFunction = std::function<void(const QList<Ptr<Instance>> &found, const FindOptions &options)>;
// beforeBulkUpdate ... afterBulkRestore: the operation's options, which a before-hook may change.
using BulkHookFunction = std::function<void(BulkHookOptions &options)>;

} // namespace orm
