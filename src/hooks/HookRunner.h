// The store of the hooks a model registers (ModelMeta::hooks) and the running of hooks
// for the operations (ops/): the member function first, then the registered ones in the
// order they were added. orm/Hooks.h has the rules.
#pragma once

#include <orm/Hooks.h>
#include <orm/Instance.h>
#include <QMutex>
#include <array>
#include <memory>

namespace orm::detail {

class ModelHooks
{
public:
    struct Entry
    {
        int id = 0;
        InstanceHookFunction instance; // instance hooks
        BulkCreateHookFunction bulk;   // beforeBulkCreate, afterBulkCreate
        FindHookFunction find;         // afterFind
        BulkHookFunction bulkOperation{}; // beforeBulkUpdate ... afterBulkRestore
    };
    struct Snapshot
    {
        std::array<QList<Entry>, HookCount> byHook;
        quint32 bits = 0; // the hooks that have at least one entry
    };
    // What the model class overrides, and the prototype the list hooks are called on.
    struct ClassHooks
    {
        quint32 bits = 0;
        Instance *prototype = nullptr; // null unless the class overrides a list hook
    };

    ModelHooks() = default;
    ~ModelHooks();
    ModelHooks(const ModelHooks &) = delete;
    ModelHooks &operator=(const ModelHooks &) = delete;

    // What is registered now; never null. A hook added meanwhile (copy on write) does not
    // disturb an operation that runs with an older snapshot.
    std::shared_ptr<const Snapshot> snapshot() const;
    int add(Hook hook, Entry entry);
    bool remove(int id);
    // Made once, on first use, from the model's factory.
    ClassHooks classHooks(const ModelMeta &meta);

private:
    mutable QMutex m_mutex;
    std::shared_ptr<const Snapshot> m_snapshot = std::make_shared<Snapshot>();
    int m_nextId = 1;
    bool m_classKnown = false;
    quint32 m_classBits = 0;
    Ptr<Instance> m_prototype;
};

// The instance hooks of one operation on one instance.
class InstanceHooks
{
public:
    explicit InstanceHooks(Instance &instance);
    // Whether the member functions or the registered hooks cover any of these hooks.
    bool any(quint32 bits) const { return ((m_memberBits | m_registered->bits) & bits) != 0; }
    // Runs one event: options.hook is set to it.
    void run(Hook hook, HookOptions &options) const;

private:
    Instance &m_instance;
    quint32 m_memberBits;
    std::shared_ptr<const ModelHooks::Snapshot> m_registered;
};

// The bits of the save hooks (validate, create, update, save).
inline constexpr quint32 kSaveHooks = hookBit(Hook::BeforeValidate) | hookBit(Hook::AfterValidate)
                                      | hookBit(Hook::BeforeCreate) | hookBit(Hook::AfterCreate)
                                      | hookBit(Hook::BeforeUpdate) | hookBit(Hook::AfterUpdate)
                                      | hookBit(Hook::BeforeSave) | hookBit(Hook::AfterSave);

// After a hooked write failed and was rolled back: the instance's tracking state as it was
// before (new or not, the snapshot its changes are measured against).
void restoreTracking(Instance &instance, QVariantList previous, bool isNew);

// The list hooks of a model: whether it has any of them, and running one.
bool hasModelHooks(const ModelMeta &meta, quint32 bits);
void runBulkCreateHook(const ModelMeta &meta, Hook hook, const QList<Ptr<Instance>> &instances,
                       const BulkCreateOptions &options);
void runFindHook(const ModelMeta &meta, const QList<Ptr<Instance>> &found, const FindOptions &options);
// The registered hooks of a model-wide update, destroy or restore (options.hook is set to hook).
void runBulkOperationHook(const ModelMeta &meta, Hook hook, BulkHookOptions &options);

} // namespace orm::detail
