#include "hooks/BulkHooks.h"

#include "hooks/HookRunner.h"
#include "load/InstanceAccess.h"
#include "ops/Operations.h"
#include "ops/OpsCommon.h"

#include <orm/Instance.h>
#include <vector>

namespace orm::detail {

namespace {

// The instance hook pair that individualHooks adds to a bulk hook pair.
Hook instanceBefore(Hook bulkBefore)
{
    return bulkBefore == Hook::BeforeBulkUpdate    ? Hook::BeforeUpdate
           : bulkBefore == Hook::BeforeBulkDestroy ? Hook::BeforeDestroy
                                                   : Hook::BeforeRestore;
}
Hook after(Hook before)
{
    return Hook(int(before) + 1); // every after-hook follows its before-hook in the enum
}

// The matched rows, each with the instance hooks of its model.
struct Matched
{
    QList<Ptr<Instance>> rows;
    std::vector<InstanceHooks> hooks;
};

Matched load(const ModelHandle &model, const Where &where, bool paranoid)
{
    Matched m;
    m.rows = Operations::findAll(model, {.where = where, .paranoid = paranoid});
    m.hooks.reserve(m.rows.size());
    for (const Ptr<Instance> &i : m.rows)
        m.hooks.emplace_back(*i);
    return m;
}

void runEach(Matched &m, Hook hook, HookOptions options)
{
    for (const InstanceHooks &h : m.hooks)
        h.run(hook, options);
}

// The attributes an instance's pending changes would write (not the timestamps).
QVariantMap pendingValues(const Instance &i)
{
    QVariantMap out;
    const ModelMeta &m = i.meta();
    for (const QString &name : i.changed())
        if (!m.fields.at(m.indexOf(name)).isTimestamp())
            out.insert(name, i.get(name));
    return out;
}

} // namespace

bool hooksFor(const ModelMeta &meta, Hook before, bool individualHooks)
{
    const quint32 bulk = hookBit(before) | hookBit(after(before));
    const quint32 registered = meta.hooks->snapshot()->bits;
    if (registered & bulk)
        return true;
    if (!individualHooks)
        return false;
    const Hook one = instanceBefore(before);
    const quint32 instance = hookBit(one) | hookBit(after(one));
    return ((registered | meta.hooks->classHooks(meta).bits) & instance) != 0;
}

qint64 hookedUpdate(const ModelHandle &model, const QVariantMap &values, const UpdateOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    qint64 n = 0;
    Executor(d).transaction([&] {
        BulkHookOptions bo{.hook = Hook::BeforeBulkUpdate, .where = o.where, .values = values,
                           .individualHooks = o.individualHooks, .force = false, .affected = -1};
        runBulkOperationHook(m, Hook::BeforeBulkUpdate, bo);
        UpdateOptions write = o;
        write.where = bo.where;
        write.hooks = false;
        write.individualHooks = false;
        const bool individual = o.individualHooks && hooksFor(m, Hook::BeforeBulkUpdate, true);
        if (!individual) {
            n = Operations::update(model, bo.values, write);
        } else {
            Matched rows = load(model, bo.where, o.paranoid);
            HookOptions ho{.hook = Hook::BeforeUpdate, .creating = false, .fields = bo.values.keys(),
                           .validate = o.validate, .silent = o.silent, .force = false};
            // Sequelize's rule: when the hooks leave every row with the same changes, one
            // UPDATE writes them; when they differ, each row is saved on its own.
            QVariantMap common = bo.values;
            bool different = false;
            for (int r = 0; r < rows.rows.size(); ++r) {
                Instance &i = *rows.rows.at(r);
                i.set(bo.values);
                rows.hooks[std::size_t(r)].run(Hook::BeforeUpdate, ho);
                const QVariantMap mine = pendingValues(i);
                if (r == 0)
                    common = mine;
                else if (mine != common)
                    different = true;
            }
            if (!different) {
                if (!rows.rows.isEmpty() && common.isEmpty())
                    n = 0; // the hooks undid every change
                else
                    n = Operations::update(model, common, write);
                for (const Ptr<Instance> &i : rows.rows)
                    InstanceAccess::saved(*i);
            } else {
                for (const Ptr<Instance> &i : rows.rows) {
                    const bool pending = !pendingValues(*i).isEmpty();
                    Operations::save(*i, {.fields = {}, .silent = o.silent, .validate = o.validate, .hooks = false});
                    n += pending ? 1 : 0;
                }
            }
            runEach(rows, Hook::AfterUpdate, ho);
        }
        bo.affected = n;
        runBulkOperationHook(m, Hook::AfterBulkUpdate, bo);
    });
    return n;
}

qint64 hookedDestroy(const ModelHandle &model, const DestroyOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    qint64 n = 0;
    Executor(d).transaction([&] {
        BulkHookOptions bo{.hook = Hook::BeforeBulkDestroy, .where = o.where, .values = {},
                           .individualHooks = o.individualHooks, .force = o.force, .affected = -1};
        runBulkOperationHook(m, Hook::BeforeBulkDestroy, bo);
        DestroyOptions write = o;
        write.where = bo.where;
        write.force = bo.force;
        write.hooks = false;
        write.individualHooks = false;
        const bool individual = o.individualHooks && hooksFor(m, Hook::BeforeBulkDestroy, true);
        Matched rows;
        HookOptions ho{.hook = Hook::BeforeDestroy, .creating = false, .fields = {}, .validate = true,
                       .silent = false, .force = bo.force};
        if (individual) {
            // The rows the write reaches: a soft destroy leaves the soft-deleted ones alone.
            rows = load(model, bo.where, !(m.isParanoid() && bo.force));
            runEach(rows, Hook::BeforeDestroy, ho);
        }
        n = Operations::destroy(model, write);
        if (individual) {
            if (m.isParanoid() && !bo.force) {
                const QDateTime now = nowUtc();
                for (const Ptr<Instance> &i : rows.rows) {
                    InstanceAccess::write(*i, m.deletedAt, now);
                    InstanceAccess::syncField(*i, m.deletedAt);
                }
            }
            runEach(rows, Hook::AfterDestroy, ho);
        }
        bo.affected = n;
        runBulkOperationHook(m, Hook::AfterBulkDestroy, bo);
    });
    return n;
}

qint64 hookedRestore(const ModelHandle &model, const RestoreOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    qint64 n = 0;
    Executor(d).transaction([&] {
        BulkHookOptions bo{.hook = Hook::BeforeBulkRestore, .where = o.where, .values = {},
                           .individualHooks = o.individualHooks, .force = false, .affected = -1};
        runBulkOperationHook(m, Hook::BeforeBulkRestore, bo);
        RestoreOptions write = o;
        write.where = bo.where;
        write.hooks = false;
        write.individualHooks = false;
        const bool individual = o.individualHooks && hooksFor(m, Hook::BeforeBulkRestore, true) && m.isParanoid();
        Matched rows;
        HookOptions ho{.hook = Hook::BeforeRestore, .creating = false, .fields = {}, .validate = true,
                       .silent = false, .force = false};
        if (individual) {
            const Where deleted(m.fields.at(m.deletedAt).name, Op::notNull());
            rows = load(model, bo.where.isEmpty() ? deleted : Where::allOf({bo.where, deleted}), false);
            runEach(rows, Hook::BeforeRestore, ho);
        }
        n = Operations::restore(model, write);
        if (individual) {
            for (const Ptr<Instance> &i : rows.rows) {
                InstanceAccess::write(*i, m.deletedAt, QVariant());
                InstanceAccess::syncField(*i, m.deletedAt);
            }
            runEach(rows, Hook::AfterRestore, ho);
        }
        bo.affected = n;
        runBulkOperationHook(m, Hook::AfterBulkRestore, bo);
    });
    return n;
}

} // namespace orm::detail
