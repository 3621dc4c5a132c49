// Hooks: member overrides and registered hooks, their order, what they may change, and
// what a hook that throws does to the database (checked with raw SQL), on each dialect.
#include "TestSupport.h"

#include <QSignalSpy>
#include <stdexcept>

using namespace quarry::test;

namespace {
QStringList &hookLog()
{
    static QStringList log;
    return log;
}
} // namespace

// Overrides every hook: each one logs "member:<hook>" and throws when its name is failOn.
class Hooked : public orm::Model<Hooked>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(QString email MEMBER email)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
    Q_CLASSINFO("name", "allowNull=false notEmpty")
    Q_CLASSINFO("email", "isEmail")
    Q_CLASSINFO("orm:options", "tableName=hooked paranoid")
public:
    Q_INVOKABLE explicit Hooked(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString name, email;

    static inline QString failOn;               // a member hook of this name throws
    static inline const void *listThis = nullptr; // the object the list hooks were called on
    static inline QList<orm::HookOptions> seen;   // the options each instance hook was given

protected:
    void beforeValidate(const orm::HookOptions &o) override { note(o); }
    void afterValidate(const orm::HookOptions &o) override { note(o); }
    void beforeCreate(const orm::HookOptions &o) override { note(o); }
    void afterCreate(const orm::HookOptions &o) override { note(o); }
    void beforeUpdate(const orm::HookOptions &o) override { note(o); }
    void afterUpdate(const orm::HookOptions &o) override { note(o); }
    void beforeSave(const orm::HookOptions &o) override { note(o); }
    void afterSave(const orm::HookOptions &o) override { note(o); }
    void beforeDestroy(const orm::HookOptions &o) override { note(o); }
    void afterDestroy(const orm::HookOptions &o) override { note(o); }
    void beforeRestore(const orm::HookOptions &o) override { note(o); }
    void afterRestore(const orm::HookOptions &o) override { note(o); }
    void beforeBulkCreate(const QList<orm::Ptr<orm::Instance>> &list, const orm::BulkCreateOptions &) override
    {
        noteList(QStringLiteral("beforeBulkCreate"), list);
    }
    void afterBulkCreate(const QList<orm::Ptr<orm::Instance>> &list, const orm::BulkCreateOptions &) override
    {
        noteList(QStringLiteral("afterBulkCreate"), list);
    }
    void afterFind(const QList<orm::Ptr<orm::Instance>> &list, const orm::FindOptions &) override
    {
        noteList(QStringLiteral("afterFind"), list);
    }

private:
    void note(const orm::HookOptions &o)
    {
        const QString name = orm::hookName(o.hook);
        hookLog().append(QStringLiteral("member:") + name);
        seen.append(o);
        if (failOn == name)
            throw std::runtime_error(("member " + name + " fails").toStdString());
    }
    void noteList(const QString &name, const QList<orm::Ptr<orm::Instance>> &list)
    {
        hookLog().append(QStringLiteral("member:%1:%2").arg(name).arg(list.size()));
        listThis = this;
        if (failOn == name)
            throw std::runtime_error(("member " + name + " fails").toStdString());
    }
};

// Hooks declared as a public override (Model<T> sees it) and nothing else.
class PublicHook : public orm::Model<PublicHook>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "tableName=public_hooks timestamps=false")
public:
    Q_INVOKABLE explicit PublicHook(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString label;
    void afterCreate(const orm::HookOptions &) override
    {
        if (label == QLatin1String("boom"))
            throw std::runtime_error("afterCreate refuses boom");
    }
};

// No member hooks: for registered hooks and for counting statements.
class Note : public orm::Model<Note>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString text MEMBER text)
    Q_PROPERTY(QString slug MEMBER slug)
    Q_CLASSINFO("text", "allowNull=false")
    Q_CLASSINFO("slug", "is=^[a-z0-9-]*$")
    Q_CLASSINFO("orm:options", "tableName=notes")
public:
    Q_INVOKABLE explicit Note(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString text, slug;
};

// Rows hooks write: they must share the fate of the operation.
class Audit : public orm::Model<Audit>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString message MEMBER message)
    Q_CLASSINFO("orm:options", "tableName=audits timestamps=false")
public:
    Q_INVOKABLE explicit Audit(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString message;
};

// Parent and child, for afterFind with an include.
class Shelf : public orm::Model<Shelf>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString label MEMBER label)
    Q_CLASSINFO("orm:options", "tableName=shelves timestamps=false")
public:
    Q_INVOKABLE explicit Shelf(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString label;
};

class Book : public orm::Model<Book>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString title MEMBER title)
    Q_CLASSINFO("orm:options", "tableName=books timestamps=false")
public:
    Q_INVOKABLE explicit Book(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString title;
};

namespace {

// Registers a hook for each instance event that logs "reg:<hook>".
void registerLoggers(orm::ModelHandle model)
{
    for (int h = 0; h < orm::HookCount; ++h) {
        const auto hook = orm::Hook(h);
        if (orm::isBulkOperationHook(hook))
            model.addHook(hook, [](orm::BulkHookOptions &o) {
                hookLog().append(QStringLiteral("reg:%1").arg(orm::hookName(o.hook))
                                 + (o.affected >= 0 ? QStringLiteral(":%1").arg(o.affected) : QString()));
            });
        else if (orm::isInstanceHook(hook))
            model.addHook(hook, [](orm::Instance &, const orm::HookOptions &o) {
                hookLog().append(QStringLiteral("reg:") + orm::hookName(o.hook));
            });
        else
            model.addHook(hook, [hook](const QList<orm::Ptr<orm::Instance>> &list) {
                hookLog().append(QStringLiteral("reg:%1:%2").arg(orm::hookName(hook)).arg(list.size()));
            });
    }
}

QStringList both(std::initializer_list<const char *> hooks)
{
    QStringList out;
    for (const char *h : hooks)
        out << QStringLiteral("member:") + QLatin1String(h) << QStringLiteral("reg:") + QLatin1String(h);
    return out;
}

void reset()
{
    hookLog().clear();
    Hooked::failOn.clear();
    Hooked::listThis = nullptr;
    Hooked::seen.clear();
}

// Whether any statement the counter saw starts with one of these keywords.
bool wrote(const StatementCounter &c)
{
    for (const QString &s : c.statements()) {
        const QString k = s.trimmed().section(QLatin1Char(' '), 0, 0).toUpper();
        if (k == QLatin1String("INSERT") || k == QLatin1String("UPDATE") || k == QLatin1String("DELETE"))
            return true;
    }
    return false;
}

QString runtimeMessage(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const std::runtime_error &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestHooks : public QObject
{
    Q_OBJECT
private slots:
    void init() { reset(); }

    void createRunsHooksInOrder_data() { addDialectColumn(); }
    void createRunsHooksInOrder()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        registerLoggers(Hooked::handle());
        // In the middle of it all, the row is not there before the write and is after it.
        qint64 rowsAtBeforeSave = -1, rowsAtAfterCreate = -1;
        bool newAtAfterCreate = true;
        Hooked::addHook(orm::Hook::BeforeSave, [&](Hooked &) { rowsAtBeforeSave = rawCount(db, "hooked"); });
        Hooked::addHook(orm::Hook::AfterCreate, [&](Hooked &h) {
            rowsAtAfterCreate = rawCount(db, "hooked");
            newAtAfterCreate = h.isNewRecord();
        });
        auto h = Hooked::create({{"name", "Ann"}, {"email", "ann@example.com"}});
        QCOMPARE(hookLog(), both({"beforeValidate", "afterValidate", "beforeCreate", "beforeSave", "afterCreate", "afterSave"}));
        QCOMPARE(rowsAtBeforeSave, 0);
        QCOMPARE(rowsAtAfterCreate, 1);
        QVERIFY(!newAtAfterCreate);
        QCOMPARE(rawCount(db, "hooked"), 1);
        // The options: creating, the fields written, the hook being run.
        QCOMPARE(Hooked::seen.size(), 6);
        for (const orm::HookOptions &o : Hooked::seen)
            QVERIFY(o.creating);
        QVERIFY(Hooked::seen.first().fields.contains("name"));
        QVERIFY(!Hooked::seen.first().fields.contains("id")); // generated: not written
        QVERIFY(Hooked::seen.last().fields.contains("id"));   // the after hooks see it
        QVERIFY(Hooked::seen.last().fields.contains("createdAt"));
        QCOMPARE(Hooked::seen.last().hook, orm::Hook::AfterSave);
        Q_UNUSED(h);
    }

    void updateRunsHooksInOrder_data() { addDialectColumn(); }
    void updateRunsHooksInOrder()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        auto h = Hooked::create({{"name", "Ann"}, {"email", "ann@example.com"}});
        registerLoggers(Hooked::handle());
        reset();
        h->name = QStringLiteral("Anna");
        h->save();
        QCOMPARE(hookLog(), both({"beforeValidate", "afterValidate", "beforeUpdate", "beforeSave", "afterUpdate", "afterSave"}));
        QVERIFY(!Hooked::seen.first().creating);
        QCOMPARE(Hooked::seen.first().fields, QStringList{"name"});
        QCOMPARE(Hooked::seen.last().fields, (QStringList{"name", "updatedAt"}));
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "hooked")").toString(), QStringLiteral("Anna"));

        // Nothing changed: no hook, no query.
        reset();
        StatementCounter counter(db);
        h->save();
        QVERIFY(hookLog().isEmpty());
        QCOMPARE(counter.count(), 0);

        // update() is a save: the same hooks.
        reset();
        h->update({{"email", "anna@example.com"}});
        QCOMPARE(hookLog(), both({"beforeValidate", "afterValidate", "beforeUpdate", "beforeSave", "afterUpdate", "afterSave"}));

        // validate = false: no validation, so no validate hooks.
        reset();
        h->name = QStringLiteral("Annie");
        h->save({.validate = false});
        QCOMPARE(hookLog(), both({"beforeUpdate", "beforeSave", "afterUpdate", "afterSave"}));
    }

    void destroyAndRestoreHooks_data() { addDialectColumn(); }
    void destroyAndRestoreHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        auto h = Hooked::create({{"name", "Ann"}});
        registerLoggers(Hooked::handle());
        reset();
        h->destroy();
        QCOMPARE(hookLog(), both({"beforeDestroy", "afterDestroy"}));
        QVERIFY(!Hooked::seen.first().force);
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NOT NULL)"), 1);
        reset();
        h->restore();
        QCOMPARE(hookLog(), both({"beforeRestore", "afterRestore"}));
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NULL)"), 1);
        reset();
        h->destroy(true);
        QCOMPARE(hookLog(), both({"beforeDestroy", "afterDestroy"}));
        QVERIFY(Hooked::seen.first().force);
        QCOMPARE(rawCount(db, "hooked"), 0);
    }

    void sameEventRunsInRegistrationOrder_data() { addDialectColumn(); }
    void sameEventRunsInRegistrationOrder()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        QStringList order;
        Hooked::addHook(orm::Hook::BeforeCreate, [&](Hooked &) { order << "first"; });
        const int second = Hooked::addHook(orm::Hook::BeforeCreate, [&](orm::Instance &) { order << "second"; });
        Hooked::addHook(orm::Hook::BeforeCreate, [&](Hooked &, const orm::HookOptions &) { order << "third"; });
        Hooked::addHook(orm::Hook::BeforeCreate,
                        [&](orm::Instance &, const orm::HookOptions &) { order << "fourth"; });
        Hooked::create({{"name", "A"}});
        // The member function ran before all of them.
        QCOMPARE(hookLog().indexOf("member:beforeCreate") >= 0, true);
        QCOMPARE(order, (QStringList{"first", "second", "third", "fourth"}));
        QVERIFY(Hooked::removeHook(second));
        QVERIFY(!Hooked::removeHook(second));
        order.clear();
        Hooked::create({{"name", "B"}});
        QCOMPARE(order, (QStringList{"first", "third", "fourth"}));
    }

    void beforeHookThatThrowsWritesNothing_data() { addDialectColumn(); }
    void beforeHookThatThrowsWritesNothing()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        // create: any before-hook stops it before the INSERT.
        for (const char *hook : {"beforeValidate", "afterValidate", "beforeCreate", "beforeSave"}) {
            reset();
            Hooked::failOn = QString::fromLatin1(hook);
            StatementCounter counter(db);
            auto h = Hooked::build({{"name", "Ann"}});
            QCOMPARE(runtimeMessage([&] { h->save(); }), QStringLiteral("member %1 fails").arg(hook));
            QVERIFY2(!wrote(counter), hook);
            QVERIFY(h->isNewRecord());
            QCOMPARE(h->id, 0);
        }
        QCOMPARE(rawCount(db, "hooked"), 0);
        // The hook order stops at the one that threw.
        QCOMPARE(hookLog(), (QStringList{"member:beforeValidate", "member:afterValidate", "member:beforeCreate",
                                         "member:beforeSave"}));

        // update: the row keeps its values.
        reset();
        auto h = Hooked::create({{"name", "Ann"}});
        for (const char *hook : {"beforeValidate", "afterValidate", "beforeUpdate", "beforeSave"}) {
            Hooked::failOn = QString::fromLatin1(hook);
            h->name = QStringLiteral("Changed");
            StatementCounter counter(db);
            QCOMPARE(runtimeMessage([&] { h->save(); }), QStringLiteral("member %1 fails").arg(hook));
            QVERIFY2(!wrote(counter), hook);
            QCOMPARE(rawValue(db, R"(SELECT "name" FROM "hooked")").toString(), QStringLiteral("Ann"));
            QVERIFY(h->changed("name")); // still pending
        }
        // destroy and restore.
        Hooked::failOn = QStringLiteral("beforeDestroy");
        QVERIFY(!runtimeMessage([&] { h->destroy(true); }).isEmpty());
        QCOMPARE(rawCount(db, "hooked"), 1);
        Hooked::failOn.clear();
        h->reload();
        h->destroy();
        Hooked::failOn = QStringLiteral("beforeRestore");
        QVERIFY(!runtimeMessage([&] { h->restore(); }).isEmpty());
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NOT NULL)"), 1);
        // bulkCreate.
        Hooked::failOn = QStringLiteral("beforeBulkCreate");
        QVERIFY(!runtimeMessage([&] { Hooked::bulkCreate({{{"name", "x"}}, {{"name", "y"}}}); }).isEmpty());
        QCOMPARE(rawCount(db, "hooked"), 1);
    }

    void afterHookThatThrowsRollsBack_data() { addDialectColumn(); }
    void afterHookThatThrowsRollsBack()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked, Audit>();
        db.sync();
        // A hook's own writes are part of the operation's transaction.
        Hooked::addHook(orm::Hook::BeforeSave, [](Hooked &h) { Audit::create({{"message", "saving " + h.name}}); });

        for (const char *hook : {"afterCreate", "afterSave"}) {
            reset();
            Hooked::failOn = QString::fromLatin1(hook);
            auto h = Hooked::build({{"name", "Ann"}});
            QCOMPARE(runtimeMessage([&] { h->save(); }), QStringLiteral("member %1 fails").arg(hook));
            QCOMPARE(rawCount(db, "hooked"), 0);
            QCOMPARE(rawCount(db, "audits"), 0);
            // The instance is as it was: new, without the rolled-back id.
            QVERIFY(h->isNewRecord());
            QCOMPARE(h->id, 0);
            QVERIFY(!db.inTransaction());
        }
        Hooked::failOn.clear();
        auto h = Hooked::create({{"name", "Ann"}});
        QCOMPARE(rawCount(db, "audits"), 1);
        const QVariant updatedAt = h->get("updatedAt");
        for (const char *hook : {"afterUpdate", "afterSave"}) {
            Hooked::failOn = QString::fromLatin1(hook);
            h->name = QStringLiteral("Bob");
            QTest::qWait(5);
            QCOMPARE(runtimeMessage([&] { h->save(); }), QStringLiteral("member %1 fails").arg(hook));
            QCOMPARE(rawValue(db, R"(SELECT "name" FROM "hooked")").toString(), QStringLiteral("Ann"));
            QCOMPARE(rawCount(db, "audits"), 1);
            QVERIFY(h->changed("name")); // the change is still pending
            QCOMPARE(h->get("updatedAt"), updatedAt);
        }
        // Saved once the hook lets it through.
        Hooked::failOn.clear();
        h->save();
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "hooked")").toString(), QStringLiteral("Bob"));
        QCOMPARE(rawCount(db, "audits"), 2);

        Hooked::failOn = QStringLiteral("afterDestroy");
        QVERIFY(!runtimeMessage([&] { h->destroy(); }).isEmpty());
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NULL)"), 1);
        QVERIFY(!h->isSoftDeleted());
        Hooked::failOn = QStringLiteral("afterBulkCreate");
        QVERIFY(!runtimeMessage([&] { Hooked::bulkCreate({{{"name", "x"}}, {{"name", "y"}}}); }).isEmpty());
        QCOMPARE(rawCount(db, "hooked"), 1);
    }

    void afterHookInsideTransactionUsesSavepoint_data() { addDialectColumn(); }
    void afterHookInsideTransactionUsesSavepoint()
    {
        QUARRY_OPEN_DB();
        db.define<PublicHook, Note>();
        db.sync();
        db.transaction([&] {
            Note::create({{"text", "outer"}});
            QVERIFY(!runtimeMessage([&] { PublicHook::create({{"label", "boom"}}); }).isEmpty());
            QVERIFY(db.inTransaction()); // the caller's transaction goes on
            PublicHook::create({{"label", "fine"}});
        });
        QCOMPARE(rawCount(db, "notes"), 1);
        QCOMPARE(rawCount(db, "public_hooks"), 1);
        QCOMPARE(rawValue(db, R"(SELECT "label" FROM "public_hooks")").toString(), QStringLiteral("fine"));
    }

    void hookChangesAreValidatedAndWritten_data() { addDialectColumn(); }
    void hookChangesAreValidatedAndWritten()
    {
        QUARRY_OPEN_DB();
        db.define<Note>();
        db.sync();
        Note::addHook(orm::Hook::BeforeCreate, [](Note &n) { n.slug = n.text.toLower().replace(' ', '-'); });
        Note::addHook(orm::Hook::BeforeUpdate, [](Note &n) { n.slug = n.text.toLower().replace(' ', '-'); });
        auto n = Note::create({{"text", "Hello World"}});
        QCOMPARE(rawValue(db, R"(SELECT "slug" FROM "notes")").toString(), QStringLiteral("hello-world"));
        QVERIFY(n->changed().isEmpty());
        // An update of text alone also writes the slug the hook set.
        n->text = QStringLiteral("Second Try");
        n->save();
        QCOMPARE(rawValue(db, R"(SELECT "slug" FROM "notes")").toString(), QStringLiteral("second-try"));
        QVERIFY(n->changed().isEmpty());
        // With fields, only those are written (Sequelize's rule).
        n->text = QStringLiteral("Third");
        n->save({.fields = {"text"}});
        QCOMPARE(rawValue(db, R"(SELECT "text" FROM "notes")").toString(), QStringLiteral("Third"));
        QCOMPARE(rawValue(db, R"(SELECT "slug" FROM "notes")").toString(), QStringLiteral("second-try"));
        // What a hook sets is validated: a slug the validator refuses, a null text.
        Note::addHook(orm::Hook::BeforeSave, [](Note &n) {
            if (n.text == QLatin1String("bad slug"))
                n.slug = QStringLiteral("Not A Slug!");
            if (n.text == QLatin1String("drop text"))
                n.text = QString();
        });
        QUARRY_EXPECT_THROW(orm::ValidationError, Note::create({{"text", "bad slug"}}));
        try {
            Note::create({{"text", "drop text"}});
            QFAIL("a null text was accepted");
        } catch (const orm::ValidationError &e) {
            QCOMPARE(e.items().size(), 1);
            QCOMPARE(e.items().first().field, QStringLiteral("text"));
            QCOMPARE(e.items().first().validator, QStringLiteral("notNull"));
        }
        QCOMPARE(rawCount(db, "notes"), 1);
    }

    void modelWithoutHooksAddsNoStatement_data() { addDialectColumn(); }
    void modelWithoutHooksAddsNoStatement()
    {
        QUARRY_OPEN_DB();
        db.define<Note, PublicHook>();
        db.sync();
        {
            StatementCounter counter(db);
            auto n = Note::create({{"text", "a"}});
            n->text = QStringLiteral("b");
            n->save();
            n->destroy();
            QCOMPARE(counter.count(), 3);
        }
        {
            // A hook: create runs in a transaction (BEGIN, INSERT, COMMIT).
            Note::addHook(orm::Hook::AfterCreate, [](Note &) {});
            StatementCounter counter(db);
            Note::create({{"text", "c"}});
            QCOMPARE(counter.count(), 3);
            // ... but only the operations it is for.
            StatementCounter counter2(db);
            Note::findAll().first()->destroy();
            QCOMPARE(counter2.count(), 2);
        }
        {
            // A public member override counts as a hook too.
            StatementCounter counter(db);
            PublicHook::create({{"label", "x"}});
            QCOMPARE(counter.count(), 3);
        }
    }

    void bulkCreateHooks_data() { addDialectColumn(); }
    void bulkCreateHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        registerLoggers(Hooked::handle());
        QList<qint64> idsBefore, idsAfter;
        bool validateSeen = false;
        Hooked::addHook(orm::Hook::BeforeBulkCreate, [&](const QList<orm::Ptr<Hooked>> &list) {
            for (const auto &h : list) {
                idsBefore << h->id;
                h->email = h->name.toLower() + QStringLiteral("@example.com"); // changes are inserted
            }
        });
        Hooked::addHook(orm::Hook::AfterBulkCreate, [&](const QList<orm::Ptr<Hooked>> &list, const orm::BulkCreateOptions &o) {
            validateSeen = o.validate;
            for (const auto &h : list)
                idsAfter << h->id;
        });
        reset();
        const auto made = Hooked::bulkCreate({{{"name", "Ann"}}, {{"name", "Bob"}}}, {.validate = true});
        // The instance hooks do not run for the records.
        QCOMPARE(hookLog(), (QStringList{"member:beforeBulkCreate:2", "reg:beforeBulkCreate:2",
                                         "member:afterBulkCreate:2", "reg:afterBulkCreate:2"}));
        QVERIFY(validateSeen); // the options of the call
        QCOMPARE(idsBefore, (QList<qint64>{0, 0}));
        QCOMPARE(idsAfter, (QList<qint64>{made[0]->id, made[1]->id}));
        QVERIFY(made[0]->id > 0);
        QCOMPARE(rawCount(db, "hooked", R"("email" = 'bob@example.com')"), 1);
        // The member list hooks run on a prototype, never on one of the records.
        QVERIFY(Hooked::listThis != nullptr);
        QVERIFY(Hooked::listThis != made[0].data() && Hooked::listThis != made[1].data());
        const void *prototype = Hooked::listThis;
        Hooked::bulkCreate({{{"name", "Cy"}}});
        QCOMPARE(Hooked::listThis, prototype); // made once
        // Validation runs after beforeBulkCreate: what it sets is checked.
        Hooked::addHook(orm::Hook::BeforeBulkCreate, [](const QList<orm::Ptr<orm::Instance>> &list) {
            list.last()->set("email", "not an email");
        });
        try {
            Hooked::bulkCreate({{{"name", "Dee"}}, {{"name", "Eve"}}}, {.validate = true});
            QFAIL("accepted");
        } catch (const orm::ValidationError &e) {
            QCOMPARE(e.items().size(), 1);
            QCOMPARE(e.items().first().record, 1);
        }
        QCOMPARE(rawCount(db, "hooked"), 3);
    }

    void afterFindHooks_data() { addDialectColumn(); }
    void afterFindHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked, Shelf, Book>();
        Shelf::hasMany<Book>();
        Book::belongsTo<Shelf>();
        db.sync();
        Hooked::bulkCreate({{{"name", "Ann"}}, {{"name", "Bob"}}});
        reset();
        auto all = Hooked::findAll({.order = {{"name"}}});
        QCOMPARE(hookLog(), (QStringList{"member:afterFind:2"}));
        reset();
        QVERIFY(Hooked::findOne({.where = {{"name", "Bob"}}}));
        QVERIFY(Hooked::findByPk(all[0]->id));
        QVERIFY(!Hooked::findOne({.where = {{"name", "nobody"}}}));
        QCOMPARE(hookLog(), (QStringList{"member:afterFind:1", "member:afterFind:1", "member:afterFind:0"}));

        // Registered: the found list, with its includes loaded; it may change the instances.
        auto shelf = Shelf::create({{"label", "A"}});
        shelf->createAssociated("Books", {{"title", "one"}});
        shelf->createAssociated("Books", {{"title", "two"}});
        int includedSeen = -1;
        orm::FindOptions seenOptions;
        Shelf::addHook(orm::Hook::AfterFind, [&](const QList<orm::Ptr<Shelf>> &found, const orm::FindOptions &o) {
            seenOptions = o;
            for (const auto &s : found) {
                includedSeen = int(s->many<Book>().size());
                s->label = s->label + QStringLiteral(" (seen)");
            }
        });
        auto found = Shelf::findAll({.include = {{"Books"}}});
        QCOMPARE(found.size(), 1);
        QCOMPARE(includedSeen, 2);
        QCOMPARE(seenOptions.include.size(), 1);
        QCOMPARE(found[0]->label, QStringLiteral("A (seen)"));
        // A hook that throws makes the find throw.
        Shelf::addHook(orm::Hook::AfterFind, [](const QList<orm::Ptr<orm::Instance>> &, const orm::FindOptions &) {
            throw std::runtime_error("no finding today");
        });
        QCOMPARE(runtimeMessage([] { Shelf::findAll(); }), QStringLiteral("no finding today"));
    }

    void runTimeModelHooks_data() { addDialectColumn(); }
    void runTimeModelHooks()
    {
        QUARRY_OPEN_DB();
        auto tag = db.define("Tag", {{"name", QJsonObject{{"type", "STRING"}, {"allowNull", false}}}}, {{"timestamps", false}});
        db.sync();
        db.model("Tag").addHook(orm::Hook::BeforeCreate, [](orm::Instance &i) {
            i.set("name", i.get("name").toString().toUpper());
        });
        int found = -1;
        tag.addHook(orm::Hook::AfterFind, [&](const QList<orm::Ptr<orm::Instance>> &list) { found = int(list.size()); });
        tag.create({{"name", "qt"}});
        QCOMPARE(rawValue(db, R"(SELECT "name" FROM "Tags")").toString(), QStringLiteral("QT"));
        QCOMPARE(tag.findAll().size(), 1);
        QCOMPARE(found, 1);
        // A function of the wrong kind for the hook is a DefinitionError.
        QUARRY_EXPECT_THROW(orm::DefinitionError,
                            tag.addHook(orm::Hook::BeforeCreate, [](const QList<orm::Ptr<orm::Instance>> &) {}));
        QUARRY_EXPECT_THROW(orm::DefinitionError, tag.addHook(orm::Hook::AfterFind, [](orm::Instance &) {}));
        QUARRY_EXPECT_THROW(orm::DefinitionError,
                            tag.addHook(orm::Hook::AfterFind,
                                        orm::BulkCreateHookFunction([](const QList<orm::Ptr<orm::Instance>> &,
                                                                       const orm::BulkCreateOptions &) {})));
        QUARRY_EXPECT_THROW(orm::DefinitionError, tag.addHook(orm::Hook::BeforeSave, orm::InstanceHookFunction()));
        // A model defined again starts without hooks.
        db.define("Tag", {{"name", QJsonObject{{"type", "STRING"}, {"allowNull", false}}}}, {{"timestamps", false}});
        db.model("Tag").create({{"name", "lower"}});
        QCOMPARE(rawCount(db, "Tags", R"("name" = 'lower')"), 1);
    }

    // --- Model-wide update, destroy and restore; individualHooks; hooks: false -----------

    void bulkUpdateHooks_data() { addDialectColumn(); }
    void bulkUpdateHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Note>();
        db.sync();
        Note::bulkCreate({{{"text", "a"}}, {{"text", "b"}}, {{"text", "c"}}});
        registerLoggers(Note::handle());
        // The before-hook may change the values and the where: the write uses them.
        Note::addHook(orm::Hook::BeforeBulkUpdate, [](orm::BulkHookOptions &o) {
            o.values.insert("slug", "from-hook");
            o.where = o.where && orm::Where("text", orm::Op::ne("c"));
        });
        orm::BulkHookOptions afterSeen;
        Note::addHook(orm::Hook::AfterBulkUpdate, [&](const orm::BulkHookOptions &o) { afterSeen = o; });
        reset();
        QCOMPARE(Note::update({{"text", "x"}}, {.where = {{"id", orm::Op::gt(0)}}}), 2);
        // Without individualHooks the instance hooks stay silent.
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkUpdate", "reg:afterBulkUpdate:2"}));
        QCOMPARE(afterSeen.hook, orm::Hook::AfterBulkUpdate);
        QCOMPARE(afterSeen.affected, 2);
        QCOMPARE(afterSeen.values.value("text").toString(), QStringLiteral("x"));
        QCOMPARE(rawCount(db, "notes", R"("text" = 'x' AND "slug" = 'from-hook')"), 2);
        QCOMPARE(rawCount(db, "notes", R"("text" = 'c' AND "slug" IS NULL)"), 1);
    }

    void bulkUpdateIndividualHooks_data() { addDialectColumn(); }
    void bulkUpdateIndividualHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        Hooked::bulkCreate({{{"name", "ann"}}, {{"name", "bob"}}, {{"name", "cy"}}});
        registerLoggers(Hooked::handle());
        reset();
        // One UPDATE for the rows when the hooks change nothing differently.
        QCOMPARE(Hooked::update({{"email", "same@example.com"}},
                                {.where = {{"name", orm::Op::in({"ann", "bob"})}}, .individualHooks = true}),
                 2);
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkUpdate", "member:afterFind:2", "reg:afterFind:2", "member:beforeUpdate",
                                         "reg:beforeUpdate", "member:beforeUpdate", "reg:beforeUpdate",
                                         "member:afterUpdate", "reg:afterUpdate", "member:afterUpdate",
                                         "reg:afterUpdate", "reg:afterBulkUpdate:2"}));
        QCOMPARE(Hooked::seen.first().fields, QStringList{"email"});
        QVERIFY(!Hooked::seen.first().creating);
        QCOMPARE(rawCount(db, "hooked", R"("email" = 'same@example.com')"), 2);
        // A beforeUpdate that changes each row its own way: each row is written as its hook left it.
        const int id = Hooked::addHook(orm::Hook::BeforeUpdate, [](Hooked &h) { h.name = h.name.toUpper() + "!"; });
        QCOMPARE(Hooked::update({{"email", "x@example.com"}}, {.where = {{"id", orm::Op::gt(0)}}, .individualHooks = true}), 3);
        QCOMPARE(rawCount(db, "hooked", R"("email" = 'x@example.com')"), 3);
        QCOMPARE(rawCount(db, "hooked", R"("name" IN ('ANN!', 'BOB!', 'CY!'))"), 3);
        Hooked::removeHook(id);
        // individualHooks off: no instance hook, no SELECT of the rows.
        reset();
        StatementCounter counter(db);
        QCOMPARE(Hooked::update({{"email", "y@example.com"}}, {.where = {{"name", "CY!"}}}), 1);
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkUpdate", "reg:afterBulkUpdate:1"}));
        for (const QString &sql : counter.statements())
            QVERIFY2(!sql.trimmed().startsWith("SELECT", Qt::CaseInsensitive), qPrintable(sql));
    }

    void bulkDestroyAndRestoreHooks_data() { addDialectColumn(); }
    void bulkDestroyAndRestoreHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        Hooked::bulkCreate({{{"name", "ann"}}, {{"name", "bob"}}, {{"name", "cy"}}});
        registerLoggers(Hooked::handle());
        reset();
        QCOMPARE(Hooked::destroy({.where = {{"name", "cy"}}}), 1);
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkDestroy", "reg:afterBulkDestroy:1"}));
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NOT NULL)"), 1);
        reset();
        QCOMPARE(Hooked::destroy({.where = {{"name", orm::Op::in({"ann", "bob", "cy"})}}, .individualHooks = true}), 2);
        // The soft-deleted cy is not matched again.
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkDestroy", "member:afterFind:2", "reg:afterFind:2", "member:beforeDestroy",
                                         "reg:beforeDestroy", "member:beforeDestroy", "reg:beforeDestroy",
                                         "member:afterDestroy", "reg:afterDestroy", "member:afterDestroy",
                                         "reg:afterDestroy", "reg:afterBulkDestroy:2"}));
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NOT NULL)"), 3);
        reset();
        QCOMPARE(Hooked::restore({.where = {{"name", "ann"}}}), 1);
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkRestore", "reg:afterBulkRestore:1"}));
        reset();
        QCOMPARE(Hooked::restore({.all = true, .individualHooks = true}), 2);
        QCOMPARE(hookLog(), (QStringList{"reg:beforeBulkRestore", "member:afterFind:2", "reg:afterFind:2", "member:beforeRestore",
                                         "reg:beforeRestore", "member:beforeRestore", "reg:beforeRestore",
                                         "member:afterRestore", "reg:afterRestore", "member:afterRestore",
                                         "reg:afterRestore", "reg:afterBulkRestore:2"}));
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NULL)"), 3);
        // force: a real DELETE; the before-hook is told, and may change where.
        bool forced = false;
        Hooked::addHook(orm::Hook::BeforeBulkDestroy, [&](orm::BulkHookOptions &o) {
            forced = o.force;
            o.where = orm::Where("name", "bob");
        });
        reset();
        QCOMPARE(Hooked::destroy({.where = {{"name", "ann"}}, .force = true, .individualHooks = true}), 1);
        QVERIFY(forced);
        QVERIFY(Hooked::seen.first().force);
        QCOMPARE(rawCount(db, "hooked"), 2);
        QCOMPARE(rawCount(db, "hooked", R"("name" = 'bob')"), 0);
    }

    void bulkHookThatThrowsWritesNothing_data() { addDialectColumn(); }
    void bulkHookThatThrowsWritesNothing()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked, Audit>();
        db.sync();
        Hooked::bulkCreate({{{"name", "ann"}}, {{"name", "bob"}}, {{"name", "cy"}}});
        Hooked::destroy({.where = {{"name", "cy"}}});
        const auto snapshot = [&] {
            return rawRows(db, R"(SELECT "id", "name", "email", "deletedAt", "updatedAt" FROM "hooked" ORDER BY "id")");
        };
        const auto before = snapshot();
        // A hook's own writes share the operation's fate.
        Hooked::addHook(orm::Hook::BeforeUpdate, [](Hooked &h) { Audit::create({{"message", "update " + h.name}}); });
        Hooked::addHook(orm::Hook::BeforeDestroy, [](Hooked &h) { Audit::create({{"message", "destroy " + h.name}}); });
        Hooked::addHook(orm::Hook::BeforeRestore, [](Hooked &h) { Audit::create({{"message", "restore " + h.name}}); });
        QString failBulk;
        for (const orm::Hook h : {orm::Hook::BeforeBulkUpdate, orm::Hook::AfterBulkUpdate, orm::Hook::BeforeBulkDestroy,
                                  orm::Hook::AfterBulkDestroy, orm::Hook::BeforeBulkRestore, orm::Hook::AfterBulkRestore})
            Hooked::addHook(h, [&](orm::BulkHookOptions &o) {
                if (failBulk == orm::hookName(o.hook))
                    throw std::runtime_error(("bulk " + failBulk + " fails").toStdString());
            });
        const orm::Where everyone("id", orm::Op::gt(0));
        struct Case
        {
            const char *hook;
            bool bulk;
            std::function<void()> run;
        };
        const QList<Case> cases{
            {"beforeBulkUpdate", true, [&] { Hooked::update({{"email", "z@example.com"}}, {.where = everyone, .individualHooks = true}); }},
            {"beforeUpdate", false, [&] { Hooked::update({{"email", "z@example.com"}}, {.where = everyone, .individualHooks = true}); }},
            {"afterUpdate", false, [&] { Hooked::update({{"email", "z@example.com"}}, {.where = everyone, .individualHooks = true}); }},
            {"afterBulkUpdate", true, [&] { Hooked::update({{"email", "z@example.com"}}, {.where = everyone}); }},
            {"beforeBulkDestroy", true, [&] { Hooked::destroy({.where = everyone, .individualHooks = true}); }},
            {"beforeDestroy", false, [&] { Hooked::destroy({.where = everyone, .individualHooks = true}); }},
            {"afterDestroy", false, [&] { Hooked::destroy({.where = everyone, .force = true, .individualHooks = true}); }},
            {"afterBulkDestroy", true, [&] { Hooked::destroy({.where = everyone, .force = true}); }},
            {"beforeBulkRestore", true, [&] { Hooked::restore({.where = everyone, .individualHooks = true}); }},
            {"beforeRestore", false, [&] { Hooked::restore({.where = everyone, .individualHooks = true}); }},
            {"afterRestore", false, [&] { Hooked::restore({.where = everyone, .individualHooks = true}); }},
            {"afterBulkRestore", true, [&] { Hooked::restore({.where = everyone}); }},
        };
        for (const Case &c : cases) {
            reset();
            failBulk.clear();
            (c.bulk ? failBulk : Hooked::failOn) = QString::fromLatin1(c.hook);
            const QString message = runtimeMessage(c.run);
            QVERIFY2(message.contains(QLatin1String(c.hook)), qPrintable(QStringLiteral("%1: %2").arg(c.hook, message)));
            QCOMPARE(snapshot(), before);
            QCOMPARE(rawCount(db, "audits"), 0);
            QVERIFY(!db.inTransaction());
        }
        // A before-hook that throws stops it before any write statement.
        reset();
        failBulk = QStringLiteral("beforeBulkUpdate");
        StatementCounter counter(db);
        QVERIFY(!runtimeMessage([&] { Hooked::update({{"email", "z@example.com"}}, {.where = everyone}); }).isEmpty());
        QVERIFY(!wrote(counter));
        // Once they let it through, it is written.
        failBulk.clear();
        reset();
        QCOMPARE(Hooked::update({{"email", "z@example.com"}}, {.where = everyone, .individualHooks = true}), 2);
        QCOMPARE(rawCount(db, "hooked", R"("email" = 'z@example.com')"), 2);
        QCOMPARE(rawCount(db, "audits"), 2);
    }

    void hooksFalseSkipsHooks_data() { addDialectColumn(); }
    void hooksFalseSkipsHooks()
    {
        QUARRY_OPEN_DB();
        db.define<Hooked>();
        db.sync();
        registerLoggers(Hooked::handle());
        Hooked::failOn = QStringLiteral("beforeSave"); // would stop every save that runs hooks
        auto h = Hooked::create({{"name", "ann"}}, {.hooks = false});
        QVERIFY(h->id > 0);
        QCOMPARE(rawCount(db, "hooked", R"("name" = 'ann')"), 1);
        h->name = QStringLiteral("anna");
        h->save({.hooks = false});
        QCOMPARE(rawCount(db, "hooked", R"("name" = 'anna')"), 1);
        h->update({{"email", "anna@example.com"}}, orm::SaveOptions{.hooks = false}); // named: Hooked::update(values, UpdateOptions) has hooks too
        QCOMPARE(rawCount(db, "hooked", R"("email" = 'anna@example.com')"), 1);
        // Validation still runs.
        QUARRY_EXPECT_THROW(orm::ValidationError, h->update({{"email", "not an email"}}, orm::SaveOptions{.hooks = false}));
        Hooked::failOn = QStringLiteral("beforeBulkCreate");
        QCOMPARE(Hooked::bulkCreate({{{"name", "bob"}}, {{"name", "cy"}}}, {.hooks = false}).size(), 2);
        Hooked::failOn = QStringLiteral("beforeUpdate");
        QCOMPARE(Hooked::update({{"email", "b@example.com"}}, {.where = {{"name", "bob"}}, .hooks = false, .individualHooks = true}), 1);
        Hooked::failOn = QStringLiteral("beforeDestroy");
        QCOMPARE(Hooked::destroy({.where = {{"name", "cy"}}, .hooks = false, .individualHooks = true}), 1);
        Hooked::failOn = QStringLiteral("beforeRestore");
        QCOMPARE(Hooked::restore({.where = {{"name", "cy"}}, .hooks = false, .individualHooks = true}), 1);
        QCOMPARE(hookLog(), QStringList());
        QCOMPARE(rawCount(db, "hooked", R"("deletedAt" IS NULL)"), 3);
        QCOMPARE(rawCount(db, "hooked", R"("email" = 'b@example.com')"), 1);
        // hooks: false adds no transaction of its own.
        db.define<Note>();
        db.sync();
        Note::addHook(orm::Hook::AfterCreate, [](Note &) { hookLog().append("note"); });
        Note::addHook(orm::Hook::BeforeBulkUpdate, [](orm::BulkHookOptions &) { hookLog().append("note"); });
        StatementCounter counter(db);
        Note::create({{"text", "t"}}, {.hooks = false});
        Note::update({{"text", "u"}}, {.where = {{"text", "t"}}, .hooks = false});
        QCOMPARE(counter.count(), 2);
        QCOMPARE(hookLog(), QStringList());
    }

    void bulkHookRegistration_data() { addDialectColumn(); }
    void bulkHookRegistration()
    {
        QUARRY_OPEN_DB();
        auto tag = db.define("Tag", {{"name", QJsonObject{{"type", "STRING"}}}}, {{"timestamps", false}});
        db.sync();
        tag.bulkCreate({{{"name", "a"}}, {{"name", "b"}}});
        QStringList seen;
        tag.addHook(orm::Hook::BeforeBulkUpdate, [&](orm::BulkHookOptions &o) { seen << orm::hookName(o.hook); });
        tag.addHook(orm::Hook::BeforeUpdate, [&](orm::Instance &i) { seen << "beforeUpdate:" + i.get("name").toString(); });
        QCOMPARE(tag.update({{"name", "c"}}, {.where = {{"name", "a"}}, .individualHooks = true}), 1);
        QCOMPARE(seen, (QStringList{"beforeBulkUpdate", "beforeUpdate:c"}));
        QCOMPARE(rawCount(db, "Tags", R"("name" = 'c')"), 1);
        // A function of the wrong kind for the hook is a DefinitionError.
        QUARRY_EXPECT_THROW(orm::DefinitionError, tag.addHook(orm::Hook::BeforeCreate, orm::BulkHookFunction([](orm::BulkHookOptions &) {})));
        QUARRY_EXPECT_THROW(orm::DefinitionError, tag.addHook(orm::Hook::AfterFind, orm::BulkHookFunction([](orm::BulkHookOptions &) {})));
        QUARRY_EXPECT_THROW(orm::DefinitionError,
                            tag.addHook(orm::Hook::BeforeBulkDestroy, [](const QList<orm::Ptr<orm::Instance>> &) {}));
        QUARRY_EXPECT_THROW(orm::DefinitionError, tag.addHook(orm::Hook::AfterBulkUpdate, [](orm::Instance &) {}));
        QUARRY_EXPECT_THROW(orm::DefinitionError, tag.addHook(orm::Hook::AfterBulkRestore, orm::BulkHookFunction()));
        // The existing values of the enum did not move.
        QCOMPARE(int(orm::Hook::AfterFind), 14);
        QCOMPARE(orm::hookName(orm::Hook::AfterBulkRestore), QStringLiteral("afterBulkRestore"));
    }

    void signalsFollowCommit_data() { addDialectColumn(); }
    void signalsFollowCommit()
    {
        QUARRY_OPEN_DB();
        db.define<Note>();
        db.sync();
        QSignalSpy created(db.events(), &orm::DatabaseEvents::created);
        QSignalSpy updated(db.events(), &orm::DatabaseEvents::updated);
        QSignalSpy destroyed(db.events(), &orm::DatabaseEvents::destroyed);
        auto n = Note::create({{"text", "a"}});
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().at(0).toString(), QStringLiteral("Note"));
        QCOMPARE(created.first().at(1).toLongLong(), n->id);
        // Inside a transaction: after the commit, and never for a rollback.
        db.transaction([&] {
            Note::create({{"text", "b"}});
            QCOMPARE(created.size(), 1);
            db.transaction([&] { Note::create({{"text", "c"}}); });
            QCOMPARE(created.size(), 1); // a savepoint is not a commit
        });
        QCOMPARE(created.size(), 3);
        QVERIFY(!runtimeMessage([&] {
                     db.transaction([&] {
                         Note::create({{"text", "d"}});
                         throw std::runtime_error("no");
                     });
                 }).isEmpty());
        QCOMPARE(created.size(), 3);
        // bulkCreate: one per row; static update/destroy: one for the model, without a key.
        Note::bulkCreate({{{"text", "e"}}, {{"text", "f"}}});
        QCOMPARE(created.size(), 5);
        QCOMPARE(created.last().at(1).toLongLong(), rawValue(db, R"(SELECT MAX("id") FROM "notes")").toLongLong());
        QCOMPARE(Note::update({{"slug", "x"}}, {.where = {{"text", "e"}}}), 1);
        QCOMPARE(updated.size(), 1);
        QVERIFY(updated.last().at(1).isNull());
        QCOMPARE(Note::update({{"slug", "x"}}, {.where = {{"text", "nobody"}}}), 0);
        QCOMPARE(updated.size(), 1);
        n->destroy();
        QCOMPARE(destroyed.size(), 1);
        QCOMPARE(destroyed.last().at(1).toLongLong(), n->id);
        Note::destroy({.where = {{"text", "f"}}});
        QCOMPARE(destroyed.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHooks)
#include "tst_hooks.moc"
