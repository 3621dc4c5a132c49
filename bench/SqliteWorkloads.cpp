// The floor on SQLite: the same workloads through the sqlite3 C API, on the very handle
// behind Quarry's connection (same database, same pragmas), into the same plain structs.
#include "BenchCommon.h"

#include <sqlite3.h>
#include <string>

namespace bench::sqlite_impl {

namespace {

[[noreturn]] void fail(sqlite3 *db, const char *what)
{
    throw Failure(std::string(what) + ": " + sqlite3_errmsg(db));
}

void bindText(sqlite3_stmt *s, int i, const QByteArray &utf8)
{
    sqlite3_bind_text(s, i, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

QString text(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(s, i)) : QString();
}

QDateTime timestamp(sqlite3_stmt *s, int i)
{
    if (sqlite3_column_type(s, i) == SQLITE_NULL)
        return {};
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return parseTimestamp(p, sqlite3_column_bytes(s, i));
}

UserRow readUser(sqlite3_stmt *s)
{
    return {sqlite3_column_int64(s, 0), text(s, 1), text(s, 2), text(s, 3), timestamp(s, 4), timestamp(s, 5)};
}

constexpr const char *kSelectUsers =
    R"(SELECT "id", "firstName", "lastName", "email", "createdAt", "updatedAt" FROM "Users")";

std::string placeholders(int n)
{
    std::string s;
    s.reserve(size_t(n) * 3);
    for (int i = 0; i < n; ++i)
        s += i ? ", ?" : "?";
    return s;
}

int bulkChunk()
{
    const int env = qEnvironmentVariableIntValue("QUARRY_BENCH_RAW_CHUNK");
    return env > 0 ? env : 250;
}

} // namespace

void create(Context &ctx, Timer &t, int n)
{
    ctx.clearUsers();
    const QList<UserInput> input = makeUsers(n, ctx.nextGeneration());
    SqliteSession &lite = ctx.lite();
    sqlite3 *db = lite.db();
    sqlite3_stmt *s = lite.statement(
        R"(INSERT INTO "Users" ("firstName", "lastName", "email", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?))");
    QList<UserRow> rows;
    rows.reserve(n);
    t.start();
    lite.exec("BEGIN");
    for (const UserInput &u : input) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray ts = formatTimestamp(now).toUtf8();
        const QByteArray first = u.firstName.toUtf8(), last = u.lastName.toUtf8(), email = u.email.toUtf8();
        bindText(s, 1, first);
        bindText(s, 2, last);
        bindText(s, 3, email);
        bindText(s, 4, ts);
        bindText(s, 5, ts);
        if (sqlite3_step(s) != SQLITE_DONE)
            fail(db, "insert");
        sqlite3_reset(s);
        rows.append({sqlite3_last_insert_rowid(db), u.firstName, u.lastName, u.email, now, now});
    }
    lite.exec("COMMIT");
    t.stop();
    check(rows.size() == n && rows.last().id > 0, QStringLiteral("sqlite3 create"));
}

void bulkCreate(Context &ctx, Timer &t, int n)
{
    ctx.clearUsers();
    const QList<UserInput> input = makeUsers(n, ctx.nextGeneration());
    SqliteSession &lite = ctx.lite();
    sqlite3 *db = lite.db();
    const int chunk = bulkChunk();
    auto sqlFor = [](int rows) {
        std::string sql = R"(INSERT INTO "Users" ("firstName", "lastName", "email", "createdAt", "updatedAt") VALUES )";
        for (int r = 0; r < rows; ++r)
            sql += r ? ", (?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?)";
        return sql + R"( RETURNING "id")";
    };
    const std::string full = sqlFor(qMin(chunk, n));
    lite.statement(full.c_str());
    t.start();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QByteArray ts = formatTimestamp(now).toUtf8();
    QList<UserRow> rows;
    rows.reserve(n);
    for (const UserInput &u : input)
        rows.append({0, u.firstName, u.lastName, u.email, now, now});
    std::vector<QByteArray> utf8;
    utf8.reserve(size_t(chunk) * 3);
    lite.exec("BEGIN");
    for (int start = 0; start < n; start += chunk) {
        const int m = qMin(chunk, n - start);
        sqlite3_stmt *s = m == qMin(chunk, n) ? lite.statement(full.c_str()) : lite.statement(sqlFor(m).c_str());
        utf8.clear();
        int p = 1;
        for (int i = 0; i < m; ++i) {
            const UserInput &u = input.at(start + i);
            utf8.push_back(u.firstName.toUtf8());
            bindText(s, p++, utf8.back());
            utf8.push_back(u.lastName.toUtf8());
            bindText(s, p++, utf8.back());
            utf8.push_back(u.email.toUtf8());
            bindText(s, p++, utf8.back());
            bindText(s, p++, ts);
            bindText(s, p++, ts);
        }
        int i = start, rc;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            rows[i++].id = sqlite3_column_int64(s, 0);
        if (rc != SQLITE_DONE)
            fail(db, "bulk insert");
        sqlite3_reset(s);
    }
    lite.exec("COMMIT");
    t.stop();
    check(rows.size() == n && rows.first().id > 0 && rows.last().id > rows.first().id, QStringLiteral("sqlite3 bulkCreate"));
}

void findAll(Context &ctx, Timer &t, int n)
{
    ctx.ensureUsers(n);
    sqlite3_stmt *s = ctx.lite().statement(kSelectUsers);
    t.start();
    QList<UserRow> rows;
    while (sqlite3_step(s) == SQLITE_ROW)
        rows.append(readUser(s));
    sqlite3_reset(s);
    t.stop();
    check(rows.size() == n && rows.last().createdAt.isValid(), QStringLiteral("sqlite3 findAll: %1 rows").arg(rows.size()));
}

void include(Context &ctx, Timer &t, int n)
{
    const Sizes &sz = config().sizes;
    ctx.ensureGraph(n, sz.postsPerUser, sz.groups, sz.groupsPerUser);
    SqliteSession &lite = ctx.lite();
    t.start();
    UserGraph g;
    sqlite3_stmt *us = lite.statement(kSelectUsers);
    QHash<qint64, int> byId;
    while (sqlite3_step(us) == SQLITE_ROW) {
        byId.insert(sqlite3_column_int64(us, 0), int(g.users.size()));
        g.users.append(readUser(us));
    }
    sqlite3_reset(us);
    const int count = int(g.users.size());
    g.posts.resize(count);
    g.groups.resize(count);
    g.links.resize(count);
    if (count > 0) {
        const std::string in = placeholders(count);
        sqlite3_stmt *ps = lite.statement(
            (R"(SELECT "id", "title", "content", "published", "createdAt", "updatedAt", "userId" FROM "Posts" WHERE "userId" IN ()"
             + in + ")")
                .c_str());
        for (int i = 0; i < count; ++i)
            sqlite3_bind_int64(ps, i + 1, g.users.at(i).id);
        while (sqlite3_step(ps) == SQLITE_ROW) {
            PostRow p{sqlite3_column_int64(ps, 0), text(ps, 1), text(ps, 2), sqlite3_column_int(ps, 3) != 0,
                      sqlite3_column_int64(ps, 6), timestamp(ps, 4), timestamp(ps, 5)};
            g.posts[byId.value(p.userId)].append(std::move(p));
        }
        sqlite3_reset(ps);
        sqlite3_stmt *gs = lite.statement(
            (R"(SELECT g."id", g."name", g."description", g."createdAt", g."updatedAt", j."userId", j."groupId", j."createdAt", j."updatedAt" FROM "Groups" g JOIN "UserGroups" j ON j."groupId" = g."id" WHERE j."userId" IN ()"
             + in + ")")
                .c_str());
        for (int i = 0; i < count; ++i)
            sqlite3_bind_int64(gs, i + 1, g.users.at(i).id);
        QHash<qint64, int> groupIndex;
        while (sqlite3_step(gs) == SQLITE_ROW) {
            const qint64 gid = sqlite3_column_int64(gs, 0);
            auto it = groupIndex.find(gid);
            if (it == groupIndex.end()) {
                it = groupIndex.insert(gid, int(g.groupTable.size()));
                g.groupTable.append({gid, text(gs, 1), text(gs, 2), timestamp(gs, 3), timestamp(gs, 4)});
            }
            LinkRow link{sqlite3_column_int64(gs, 5), sqlite3_column_int64(gs, 6), timestamp(gs, 7), timestamp(gs, 8)};
            const int u = byId.value(link.userId);
            g.groups[u].append(it.value());
            g.links[u].append(std::move(link));
        }
        sqlite3_reset(gs);
    }
    t.stop();
    check(g.users.size() == n && g.posts.last().size() == sz.postsPerUser
              && g.groups.last().size() == qMin(sz.groups, sz.groupsPerUser),
          QStringLiteral("sqlite3 include"));
}

void findByPk(Context &ctx, Timer &t, int n)
{
    ctx.ensureUsers(config().sizes.findAll);
    const QList<qint64> keys = lookupKeys(ctx.userIds(), n);
    qint64 sum = 0, expected = 0;
    for (qint64 k : keys)
        expected += k;
    sqlite3_stmt *s = ctx.lite().statement(
        R"(SELECT "id", "firstName", "lastName", "email", "createdAt", "updatedAt" FROM "Users" WHERE "id" = ? LIMIT 1)");
    t.start();
    for (qint64 k : keys) {
        sqlite3_bind_int64(s, 1, k);
        if (sqlite3_step(s) == SQLITE_ROW) {
            const UserRow r = readUser(s);
            sum += r.id;
        }
        sqlite3_reset(s);
    }
    t.stop();
    check(sum == expected, QStringLiteral("sqlite3 findByPk: wrong rows"));
}

void updateDestroy(Context &ctx, Timer &t, int n)
{
    ctx.resetMembers(n);
    SqliteSession &lite = ctx.lite();
    sqlite3 *db = lite.db();
    sqlite3_stmt *update = lite.statement(
        R"(UPDATE "members" SET "age" = ?, "updated_at" = ? WHERE "age" = ? AND "deleted_at" IS NULL)");
    sqlite3_stmt *destroy = lite.statement(
        R"(UPDATE "members" SET "deleted_at" = ?, "updated_at" = ? WHERE "age" = ? AND "deleted_at" IS NULL)");
    t.start();
    const QByteArray ts = formatTimestamp(QDateTime::currentDateTimeUtc()).toUtf8();
    sqlite3_bind_int(update, 1, 2);
    bindText(update, 2, ts);
    sqlite3_bind_int(update, 3, 1);
    if (sqlite3_step(update) != SQLITE_DONE)
        fail(db, "update");
    const int updated = sqlite3_changes(db);
    sqlite3_reset(update);
    const QByteArray ts2 = formatTimestamp(QDateTime::currentDateTimeUtc()).toUtf8();
    bindText(destroy, 1, ts2);
    bindText(destroy, 2, ts2);
    sqlite3_bind_int(destroy, 3, 2);
    if (sqlite3_step(destroy) != SQLITE_DONE)
        fail(db, "destroy");
    const int destroyed = sqlite3_changes(db);
    sqlite3_reset(destroy);
    t.stop();
    check(updated == n && destroyed == n, QStringLiteral("sqlite3 update/destroy: %1/%2").arg(updated).arg(destroyed));
}

} // namespace bench::sqlite_impl
