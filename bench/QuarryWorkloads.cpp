// The workloads through Quarry's public API, as an application writes them.
#include "BenchCommon.h"

namespace bench::quarry_impl {

using orm::Ptr;

void create(Context &ctx, Timer &t, int n)
{
    ctx.clearUsers();
    const QList<UserInput> input = makeUsers(n, ctx.nextGeneration());
    QList<Ptr<User>> created;
    created.reserve(n);
    t.start();
    ctx.db().transaction([&] {
        for (const UserInput &u : input)
            created.append(User::create({{"firstName", u.firstName}, {"lastName", u.lastName}, {"email", u.email}}));
    });
    t.stop();
    check(created.size() == n && created.last()->id > 0 && !created.last()->isNewRecord(),
          QStringLiteral("create: %1 instances").arg(created.size()));
}

void bulkCreate(Context &ctx, Timer &t, int n)
{
    ctx.clearUsers();
    const QList<UserInput> input = makeUsers(n, ctx.nextGeneration());
    t.start();
    // The records as the API takes them: building them is part of using it.
    QList<orm::Values> records;
    records.reserve(n);
    for (const UserInput &u : input)
        records.append({{"firstName", u.firstName}, {"lastName", u.lastName}, {"email", u.email}});
    const QList<Ptr<User>> created = User::bulkCreate(records);
    t.stop();
    check(created.size() == n && created.first()->id > 0 && created.last()->id > created.first()->id,
          QStringLiteral("bulkCreate: %1 instances").arg(created.size()));
}

void findAll(Context &ctx, Timer &t, int n)
{
    ctx.ensureUsers(n);
    t.start();
    const QList<Ptr<User>> users = User::findAll();
    t.stop();
    check(users.size() == n && !users.last()->email.isEmpty() && users.last()->get("createdAt").toDateTime().isValid(),
          QStringLiteral("findAll: %1 instances").arg(users.size()));
}

namespace {
void includeCheck(const QList<Ptr<User>> &users, int n, int posts, int groups)
{
    check(users.size() == n, QStringLiteral("include: %1 users").arg(users.size()));
    for (const Ptr<User> &u : users) {
        check(u->many<Post>().size() == posts, QStringLiteral("include: %1 posts").arg(u->many<Post>().size()));
        if (groups >= 0)
            check(u->many<Group>().size() == groups, QStringLiteral("include: %1 groups").arg(u->many<Group>().size()));
    }
}
} // namespace

void include(Context &ctx, Timer &t, int n)
{
    const Sizes &s = config().sizes;
    ctx.ensureGraph(n, s.postsPerUser, s.groups, s.groupsPerUser);
    t.start();
    const QList<Ptr<User>> users = User::findAll({.include = {{"Posts"}, {"Groups"}}});
    t.stop();
    includeCheck(users, n, s.postsPerUser, qMin(s.groups, s.groupsPerUser));
}

void includePosts(Context &ctx, Timer &t, int n)
{
    const Sizes &s = config().sizes;
    ctx.ensureGraph(n, s.postsPerUser, s.groups, s.groupsPerUser);
    t.start();
    const QList<Ptr<User>> users = User::findAll({.include = {{"Posts"}}});
    t.stop();
    includeCheck(users, n, s.postsPerUser, -1);
}

void findByPk(Context &ctx, Timer &t, int n)
{
    ctx.ensureUsers(config().sizes.findAll);
    const QList<qint64> keys = lookupKeys(ctx.userIds(), n);
    qint64 sum = 0, expected = 0;
    for (qint64 k : keys)
        expected += k;
    t.start();
    for (qint64 k : keys) {
        const Ptr<User> u = User::findByPk(k);
        sum += u->id;
    }
    t.stop();
    check(sum == expected, QStringLiteral("findByPk: wrong rows"));
}

void updateDestroy(Context &ctx, Timer &t, int n)
{
    ctx.resetMembers(n);
    t.start();
    const qint64 updated = Member::update({{"age", 2}}, {.where = {{"age", 1}}});
    const qint64 destroyed = Member::destroy({.where = {{"age", 2}}});
    t.stop();
    check(updated == n && destroyed == n, QStringLiteral("update/destroy: %1/%2 rows").arg(updated).arg(destroyed));
}

} // namespace bench::quarry_impl
