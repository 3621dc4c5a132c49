#include "hooks/HookRunner.h"

#include <orm/Errors.h>
#include <orm/ModelHandle.h>

namespace orm {

QString hookName(Hook hook)
{
    switch (hook) {
    case Hook::BeforeValidate: return QStringLiteral("beforeValidate");
    case Hook::AfterValidate: return QStringLiteral("afterValidate");
    case Hook::BeforeCreate: return QStringLiteral("beforeCreate");
    case Hook::AfterCreate: return QStringLiteral("afterCreate");
    case Hook::BeforeUpdate: return QStringLiteral("beforeUpdate");
    case Hook::AfterUpdate: return QStringLiteral("afterUpdate");
    case Hook::BeforeSave: return QStringLiteral("beforeSave");
    case Hook::AfterSave: return QStringLiteral("afterSave");
    case Hook::BeforeDestroy: return QStringLiteral("beforeDestroy");
    case Hook::AfterDestroy: return QStringLiteral("afterDestroy");
    case Hook::BeforeRestore: return QStringLiteral("beforeRestore");
    case Hook::AfterRestore: return QStringLiteral("afterRestore");
    case Hook::BeforeBulkCreate: return QStringLiteral("beforeBulkCreate");
    case Hook::AfterBulkCreate: return QStringLiteral("afterBulkCreate");
    case Hook::AfterFind: return QStringLiteral("afterFind");
    case Hook::BeforeBulkUpdate: return QStringLiteral("beforeBulkUpdate");
    case Hook::AfterBulkUpdate: return QStringLiteral("afterBulkUpdate");
    case Hook::BeforeBulkDestroy: return QStringLiteral("beforeBulkDestroy");
    case Hook::AfterBulkDestroy: return QStringLiteral("afterBulkDestroy");
    case Hook::BeforeBulkRestore: return QStringLiteral("beforeBulkRestore");
    case Hook::AfterBulkRestore: return QStringLiteral("afterBulkRestore");
    }
    return QStringLiteral("hook %1").arg(int(hook));
}

namespace detail {

// Instance's door for the hooks: the protected member functions.
struct HookAccess
{
    static quint32 overridden(const Instance &i) { return i.overriddenHooks(); }
    static void call(Instance &i, Hook hook, const HookOptions &o)
    {
        switch (hook) {
        case Hook::BeforeValidate: i.beforeValidate(o); break;
        case Hook::AfterValidate: i.afterValidate(o); break;
        case Hook::BeforeCreate: i.beforeCreate(o); break;
        case Hook::AfterCreate: i.afterCreate(o); break;
        case Hook::BeforeUpdate: i.beforeUpdate(o); break;
        case Hook::AfterUpdate: i.afterUpdate(o); break;
        case Hook::BeforeSave: i.beforeSave(o); break;
        case Hook::AfterSave: i.afterSave(o); break;
        case Hook::BeforeDestroy: i.beforeDestroy(o); break;
        case Hook::AfterDestroy: i.afterDestroy(o); break;
        case Hook::BeforeRestore: i.beforeRestore(o); break;
        case Hook::AfterRestore: i.afterRestore(o); break;
        case Hook::BeforeBulkCreate:
        case Hook::AfterBulkCreate:
        case Hook::AfterFind:
        case Hook::BeforeBulkUpdate:
        case Hook::AfterBulkUpdate:
        case Hook::BeforeBulkDestroy:
        case Hook::AfterBulkDestroy:
        case Hook::BeforeBulkRestore:
        case Hook::AfterBulkRestore:
            break;
        }
    }
    static void callBulk(Instance &prototype, Hook hook, const QList<Ptr<Instance>> &list, const BulkCreateOptions &o)
    {
        if (hook == Hook::BeforeBulkCreate)
            prototype.beforeBulkCreate(list, o);
        else
            prototype.afterBulkCreate(list, o);
    }
    static void callFind(Instance &prototype, const QList<Ptr<Instance>> &list, const FindOptions &o)
    {
        prototype.afterFind(list, o);
    }
    static void setTracking(Instance &i, QVariantList previous, bool isNew)
    {
        i.m_previous = std::move(previous);
        i.m_isNew = isNew;
    }
};

void restoreTracking(Instance &instance, QVariantList previous, bool isNew)
{
    HookAccess::setTracking(instance, std::move(previous), isNew);
}

std::shared_ptr<ModelHooks> makeModelHooks()
{
    return std::make_shared<ModelHooks>();
}

ModelHooks::~ModelHooks() = default;

std::shared_ptr<const ModelHooks::Snapshot> ModelHooks::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

int ModelHooks::add(Hook hook, Entry entry)
{
    QMutexLocker lock(&m_mutex);
    auto next = std::make_shared<Snapshot>(*m_snapshot);
    entry.id = m_nextId++;
    const int id = entry.id;
    next->byHook[int(hook)].append(std::move(entry));
    next->bits |= hookBit(hook);
    m_snapshot = std::move(next);
    return id;
}

bool ModelHooks::remove(int id)
{
    QMutexLocker lock(&m_mutex);
    for (int h = 0; h < HookCount; ++h) {
        const QList<Entry> &list = m_snapshot->byHook[h];
        for (int k = 0; k < list.size(); ++k) {
            if (list.at(k).id != id)
                continue;
            auto next = std::make_shared<Snapshot>(*m_snapshot);
            next->byHook[h].removeAt(k);
            if (next->byHook[h].isEmpty())
                next->bits &= ~hookBit(Hook(h));
            m_snapshot = std::move(next);
            return true;
        }
    }
    return false;
}

ModelHooks::ClassHooks ModelHooks::classHooks(const ModelMeta &meta)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_classKnown)
            return {m_classBits, m_prototype.data()};
    }
    // The class's own constructor runs outside the lock.
    constexpr quint32 listHooks = hookBit(Hook::BeforeBulkCreate) | hookBit(Hook::AfterBulkCreate) | hookBit(Hook::AfterFind);
    Ptr<Instance> made = meta.factory ? meta.factory() : Ptr<Instance>();
    const quint32 bits = made ? HookAccess::overridden(*made) : 0;
    if (!(bits & listHooks))
        made.reset();
    QMutexLocker lock(&m_mutex);
    if (!m_classKnown) {
        m_classKnown = true;
        m_classBits = bits;
        m_prototype = std::move(made);
    }
    return {m_classBits, m_prototype.data()};
}

InstanceHooks::InstanceHooks(Instance &instance)
    : m_instance(instance),
      m_memberBits(HookAccess::overridden(instance)),
      m_registered(instance.meta().hooks->snapshot())
{
}

void InstanceHooks::run(Hook hook, HookOptions &options) const
{
    options.hook = hook;
    HookAccess::call(m_instance, hook, options);
    for (const ModelHooks::Entry &e : m_registered->byHook[int(hook)])
        e.instance(m_instance, options);
}

bool hasModelHooks(const ModelMeta &meta, quint32 bits)
{
    if (meta.hooks->snapshot()->bits & bits)
        return true;
    return (meta.hooks->classHooks(meta).bits & bits) != 0;
}

void runBulkCreateHook(const ModelMeta &meta, Hook hook, const QList<Ptr<Instance>> &instances,
                       const BulkCreateOptions &options)
{
    const ModelHooks::ClassHooks cls = meta.hooks->classHooks(meta);
    if (cls.prototype && (cls.bits & hookBit(hook)))
        HookAccess::callBulk(*cls.prototype, hook, instances, options);
    const std::shared_ptr<const ModelHooks::Snapshot> registered = meta.hooks->snapshot();
    for (const ModelHooks::Entry &e : registered->byHook[int(hook)])
        e.bulk(instances, options);
}

void runBulkOperationHook(const ModelMeta &meta, Hook hook, BulkHookOptions &options)
{
    options.hook = hook;
    const std::shared_ptr<const ModelHooks::Snapshot> registered = meta.hooks->snapshot();
    for (const ModelHooks::Entry &e : registered->byHook[int(hook)])
        e.bulkOperation(options);
}

void runFindHook(const ModelMeta &meta, const QList<Ptr<Instance>> &found, const FindOptions &options)
{
    const ModelHooks::ClassHooks cls = meta.hooks->classHooks(meta);
    if (cls.prototype && (cls.bits & hookBit(Hook::AfterFind)))
        HookAccess::callFind(*cls.prototype, found, options);
    const std::shared_ptr<const ModelHooks::Snapshot> registered = meta.hooks->snapshot();
    for (const ModelHooks::Entry &e : registered->byHook[int(Hook::AfterFind)])
        e.find(found, options);
}

} // namespace detail

// --- Registration ----------------------------------------------------------------------

namespace {
detail::ModelHooks &storeOf(const ModelMeta *meta, Hook hook, bool instanceFunction)
{
    if (!meta)
        throw DefinitionError(QStringLiteral("addHook on an invalid model handle"));
    if (int(hook) < 0 || int(hook) >= HookCount)
        throw DefinitionError(QStringLiteral("%1: addHook with an unknown hook (%2)").arg(meta->name).arg(int(hook)));
    if (instanceFunction != isInstanceHook(hook))
        throw DefinitionError(
            instanceFunction
                ? QStringLiteral("%1: %2 is given the list of instances, not one instance: its function takes "
                                 "(const QList<orm::Ptr<orm::Instance>> &[, options])")
                      .arg(meta->name, hookName(hook))
                : QStringLiteral("%1: %2 is given one instance, not a list: its function takes "
                                 "(orm::Instance &[, const orm::HookOptions &])")
                      .arg(meta->name, hookName(hook)));
    return *meta->hooks;
}

// The list hooks' functions (bulkCreate, afterFind) do not fit the bulk operation hooks.
void requireListHook(const ModelMeta *meta, Hook hook)
{
    if (isBulkOperationHook(hook))
        throw DefinitionError(QStringLiteral("%1: %2 is given the operation's options, not a list: its function "
                                             "takes (orm::BulkHookOptions &)")
                                  .arg(meta->name, hookName(hook)));
}

void requireFunction(const ModelMeta *meta, bool present, Hook hook)
{
    if (!present)
        throw DefinitionError(QStringLiteral("%1: addHook(%2) without a function").arg(meta->name, hookName(hook)));
}
} // namespace

int ModelHandle::addHook(Hook hook, InstanceHookFunction fn) const
{
    detail::ModelHooks &store = storeOf(m_meta, hook, true);
    requireFunction(m_meta, bool(fn), hook);
    return store.add(hook, {.id = 0, .instance = std::move(fn), .bulk = {}, .find = {}, .bulkOperation = {}});
}

int ModelHandle::addHook(Hook hook, std::function<void(Instance &)> fn) const
{
    requireFunction(m_meta, bool(fn) || !m_meta, hook);
    return addHook(hook, InstanceHookFunction([f = std::move(fn)](Instance &i, const HookOptions &) { f(i); }));
}

int ModelHandle::addHook(Hook hook, BulkCreateHookFunction fn) const
{
    detail::ModelHooks &store = storeOf(m_meta, hook, false);
    requireListHook(m_meta, hook);
    if (hook == Hook::AfterFind)
        throw DefinitionError(QStringLiteral("%1: afterFind is given the find options: its function takes "
                                             "(const QList<orm::Ptr<orm::Instance>> &, const orm::FindOptions &)")
                                  .arg(m_meta->name));
    requireFunction(m_meta, bool(fn), hook);
    return store.add(hook, {.id = 0, .instance = {}, .bulk = std::move(fn), .find = {}, .bulkOperation = {}});
}

int ModelHandle::addHook(Hook hook, FindHookFunction fn) const
{
    detail::ModelHooks &store = storeOf(m_meta, hook, false);
    requireListHook(m_meta, hook);
    if (hook != Hook::AfterFind)
        throw DefinitionError(QStringLiteral("%1: %2 is given the bulkCreate options: its function takes "
                                             "(const QList<orm::Ptr<orm::Instance>> &, const orm::BulkCreateOptions &)")
                                  .arg(m_meta->name, hookName(hook)));
    requireFunction(m_meta, bool(fn), hook);
    return store.add(hook, {.id = 0, .instance = {}, .bulk = {}, .find = std::move(fn), .bulkOperation = {}});
}

int ModelHandle::addHook(Hook hook, BulkHookFunction fn) const
{
    detail::ModelHooks &store = storeOf(m_meta, hook, false);
    if (!isBulkOperationHook(hook))
        throw DefinitionError(QStringLiteral("%1: %2 is given %3, not BulkHookOptions")
                                  .arg(m_meta->name, hookName(hook),
                                       hook == Hook::AfterFind ? QStringLiteral("the instances found")
                                                               : QStringLiteral("the instances being created")));
    requireFunction(m_meta, bool(fn), hook);
    return store.add(hook, {.id = 0, .instance = {}, .bulk = {}, .find = {}, .bulkOperation = std::move(fn)});
}

int ModelHandle::addHook(Hook hook, std::function<void(const QList<Ptr<Instance>> &)> fn) const
{
    storeOf(m_meta, hook, false);
    requireListHook(m_meta, hook);
    requireFunction(m_meta, bool(fn), hook);
    if (hook == Hook::AfterFind)
        return addHook(hook, FindHookFunction([f = std::move(fn)](const QList<Ptr<Instance>> &l, const FindOptions &) { f(l); }));
    return addHook(hook, BulkCreateHookFunction([f = std::move(fn)](const QList<Ptr<Instance>> &l, const BulkCreateOptions &) { f(l); }));
}

bool ModelHandle::removeHook(int id) const
{
    if (!m_meta)
        throw DefinitionError(QStringLiteral("removeHook on an invalid model handle"));
    return m_meta->hooks->remove(id);
}

} // namespace orm
