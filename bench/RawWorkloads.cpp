// The same workloads as the best hand-written QSqlQuery code: statements prepared once and
// reused, forward-only, values read by index into plain structs, on the same connection.
#include "BenchCommon.h"

#include <QSqlError>

namespace bench::raw_impl {

namespace {

void exec(QSqlQuery &q)
{
    if (!q.exec())
        throw Failure(("exec failed: " + q.lastError().text() + " in " + q.lastQuery().left(200)).toStdString());
}

const QString kUserColumns = QStringLiteral("\"id\", \"firstName\", \"lastName\", \"email\", \"createdAt\", \"updatedAt\"");

UserRow readUser(const QSqlQuery &q, int o = 0)
{
    UserRow r;
    r.id = q.value(o).toLongLong();
    r.firstName = q.value(o + 1).toString();
    r.lastName = q.value(o + 2).toString();
    r.email = q.value(o + 3).toString();
    r.createdAt = decodeTimestamp(q.value(o + 4));
    r.updatedAt = decodeTimestamp(q.value(o + 5));
    return r;
}

QString placeholders(int n)
{
    QString s;
    s.reserve(n * 3);
    for (int i = 0; i < n; ++i)
        s += i ? QStringLiteral(", ?") : QStringLiteral("?");
    return s;
}

// Rows per multi-row INSERT of the raw bulk insert (QUARRY_BENCH_RAW_CHUNK overrides).
int bulkChunk()
{
    static const int chunk = qEnvironmentVariableIntValue("QUARRY_BENCH_RAW_CHUNK") > 0
                                 ? qEnvironmentVariableIntValue("QUARRY_BENCH_RAW_CHUNK")
                                 : 250;
    return chunk;
}

} // namespace

QList<UserRow> loadUsers(QSqlQuery &q)
{
    exec(q);
    QList<UserRow> rows;
    while (q.next())
        rows.append(readUser(q));
    return rows;
}

void create(Context &ctx, Timer &t, int n)
{
    ctx.clearUsers();
    const QList<UserInput> input = makeUsers(n, ctx.nextGeneration());
    const bool returning = !ctx.isSqlite(); // SQLite: sqlite3_last_insert_rowid, no result row
    QSqlQuery &q = ctx.raw().statement(
        QStringLiteral("INSERT INTO \"Users\" (\"firstName\", \"lastName\", \"email\", \"createdAt\", \"updatedAt\") "
                       "VALUES (?, ?, ?, ?, ?)")
        + (returning ? QStringLiteral(" RETURNING \"id\"") : QString()));
    QSqlDatabase db = ctx.connection();
    QList<UserRow> rows;
    rows.reserve(n);
    t.start();
    db.transaction();
    for (const UserInput &u : input) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString ts = ctx.bindTimestamp(now);
        q.bindValue(0, u.firstName);
        q.bindValue(1, u.lastName);
        q.bindValue(2, u.email);
        q.bindValue(3, ts);
        q.bindValue(4, ts);
        exec(q);
        UserRow r{0, u.firstName, u.lastName, u.email, now, now};
        if (returning) {
            q.next();
            r.id = q.value(0).toLongLong();
        } else {
            r.id = q.lastInsertId().toLongLong();
        }
        rows.append(std::move(r));
    }
    q.finish();
    db.commit();
    t.stop();
    check(rows.size() == n && rows.last().id > 0, QStringLiteral("raw create"));
}

void bulkCreate(Context &ctx, Timer &t, int n)
{
    ctx.clearUsers();
    const QList<UserInput> input = makeUsers(n, ctx.nextGeneration());
    QSqlDatabase db = ctx.connection();
    const int chunk = bulkChunk();
    auto sqlFor = [](int rows) {
        QString sql = QStringLiteral("INSERT INTO \"Users\" (\"firstName\", \"lastName\", \"email\", \"createdAt\", "
                                     "\"updatedAt\") VALUES ");
        for (int r = 0; r < rows; ++r)
            sql += r ? QStringLiteral(", (?, ?, ?, ?, ?)") : QStringLiteral("(?, ?, ?, ?, ?)");
        return sql + QStringLiteral(" RETURNING \"id\"");
    };
    ctx.raw().statement(sqlFor(qMin(chunk, n))); // prepared ahead, as a data layer would
    t.start();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString ts = ctx.bindTimestamp(now);
    QList<UserRow> rows;
    rows.reserve(n);
    for (const UserInput &u : input)
        rows.append({0, u.firstName, u.lastName, u.email, now, now});
    db.transaction();
    for (int start = 0; start < n; start += chunk) {
        const int m = qMin(chunk, n - start);
        QSqlQuery &q = ctx.raw().statement(sqlFor(m));
        int p = 0;
        for (int i = 0; i < m; ++i) {
            const UserInput &u = input.at(start + i);
            q.bindValue(p++, u.firstName);
            q.bindValue(p++, u.lastName);
            q.bindValue(p++, u.email);
            q.bindValue(p++, ts);
            q.bindValue(p++, ts);
        }
        exec(q);
        for (int i = start; q.next(); ++i)
            rows[i].id = q.value(0).toLongLong();
        q.finish();
    }
    db.commit();
    t.stop();
    check(rows.size() == n && rows.first().id > 0 && rows.last().id > rows.first().id, QStringLiteral("raw bulkCreate"));
}

void findAll(Context &ctx, Timer &t, int n)
{
    ctx.ensureUsers(n);
    QSqlQuery &q = ctx.raw().statement(QStringLiteral("SELECT %1 FROM \"Users\"").arg(kUserColumns));
    t.start();
    const QList<UserRow> rows = loadUsers(q);
    t.stop();
    check(rows.size() == n && rows.last().createdAt.isValid(), QStringLiteral("raw findAll: %1 rows").arg(rows.size()));
}

namespace {
// Users, then their posts (and groups) with one IN query each, matched back by key.
UserGraph loadGraph(Context &ctx, bool withGroups)
{
    UserGraph g;
    QSqlQuery &uq = ctx.raw().statement(QStringLiteral("SELECT %1 FROM \"Users\"").arg(kUserColumns));
    exec(uq);
    QHash<qint64, int> byId;
    while (uq.next()) {
        byId.insert(uq.value(0).toLongLong(), int(g.users.size()));
        g.users.append(readUser(uq));
    }
    const int n = int(g.users.size());
    g.posts.resize(n);
    if (withGroups) {
        g.groups.resize(n);
        g.links.resize(n);
    }
    if (n == 0)
        return g;
    const QString in = placeholders(n);
    QSqlQuery &pq = ctx.raw().statement(
        QStringLiteral("SELECT \"id\", \"title\", \"content\", \"published\", \"createdAt\", \"updatedAt\", \"userId\" "
                       "FROM \"Posts\" WHERE \"userId\" IN (%1)").arg(in));
    for (int i = 0; i < n; ++i)
        pq.bindValue(i, g.users.at(i).id);
    exec(pq);
    while (pq.next()) {
        PostRow p;
        p.id = pq.value(0).toLongLong();
        p.title = pq.value(1).toString();
        p.content = pq.value(2).toString();
        p.published = pq.value(3).toBool();
        p.createdAt = decodeTimestamp(pq.value(4));
        p.updatedAt = decodeTimestamp(pq.value(5));
        p.userId = pq.value(6).toLongLong();
        g.posts[byId.value(p.userId)].append(std::move(p));
    }
    if (!withGroups)
        return g;
    QSqlQuery &gq = ctx.raw().statement(
        QStringLiteral("SELECT g.\"id\", g.\"name\", g.\"description\", g.\"createdAt\", g.\"updatedAt\", "
                       "j.\"userId\", j.\"groupId\", j.\"createdAt\", j.\"updatedAt\" "
                       "FROM \"Groups\" g JOIN \"UserGroups\" j ON j.\"groupId\" = g.\"id\" WHERE j.\"userId\" IN (%1)")
            .arg(in));
    for (int i = 0; i < n; ++i)
        gq.bindValue(i, g.users.at(i).id);
    exec(gq);
    QHash<qint64, int> groupIndex; // one GroupRow per group, shared by its users
    while (gq.next()) {
        const qint64 gid = gq.value(0).toLongLong();
        auto it = groupIndex.find(gid);
        if (it == groupIndex.end()) {
            GroupRow row{gid, gq.value(1).toString(), gq.value(2).toString(), decodeTimestamp(gq.value(3)),
                         decodeTimestamp(gq.value(4))};
            it = groupIndex.insert(gid, int(g.groupTable.size()));
            g.groupTable.append(std::move(row));
        }
        LinkRow link{gq.value(5).toLongLong(), gq.value(6).toLongLong(), decodeTimestamp(gq.value(7)),
                     decodeTimestamp(gq.value(8))};
        const int u = byId.value(link.userId);
        g.groups[u].append(it.value());
        g.links[u].append(std::move(link));
    }
    return g;
}

void graphCheck(const UserGraph &g, int n, bool withGroups)
{
    const Sizes &s = config().sizes;
    check(g.users.size() == n, QStringLiteral("raw include: %1 users").arg(g.users.size()));
    for (int i = 0; i < n; ++i) {
        check(g.posts.at(i).size() == s.postsPerUser, QStringLiteral("raw include: posts"));
        if (withGroups)
            check(g.groups.at(i).size() == qMin(s.groups, s.groupsPerUser), QStringLiteral("raw include: groups"));
    }
}
} // namespace

void include(Context &ctx, Timer &t, int n)
{
    const Sizes &s = config().sizes;
    ctx.ensureGraph(n, s.postsPerUser, s.groups, s.groupsPerUser);
    t.start();
    const UserGraph g = loadGraph(ctx, true);
    t.stop();
    graphCheck(g, n, true);
}

void includePosts(Context &ctx, Timer &t, int n)
{
    const Sizes &s = config().sizes;
    ctx.ensureGraph(n, s.postsPerUser, s.groups, s.groupsPerUser);
    t.start();
    const UserGraph g = loadGraph(ctx, false);
    t.stop();
    graphCheck(g, n, false);
}

void findByPk(Context &ctx, Timer &t, int n)
{
    ctx.ensureUsers(config().sizes.findAll);
    const QList<qint64> keys = lookupKeys(ctx.userIds(), n);
    qint64 sum = 0, expected = 0;
    for (qint64 k : keys)
        expected += k;
    QSqlQuery &q = ctx.raw().statement(QStringLiteral("SELECT %1 FROM \"Users\" WHERE \"id\" = ? LIMIT 1").arg(kUserColumns));
    t.start();
    for (qint64 k : keys) {
        q.bindValue(0, k);
        exec(q);
        if (q.next()) {
            const UserRow r = readUser(q);
            sum += r.id;
        }
    }
    q.finish();
    t.stop();
    check(sum == expected, QStringLiteral("raw findByPk: wrong rows"));
}

void updateDestroy(Context &ctx, Timer &t, int n)
{
    ctx.resetMembers(n);
    QSqlQuery &update = ctx.raw().statement(QStringLiteral(
        "UPDATE \"members\" SET \"age\" = ?, \"updated_at\" = ? WHERE \"age\" = ? AND \"deleted_at\" IS NULL"));
    QSqlQuery &destroy = ctx.raw().statement(QStringLiteral(
        "UPDATE \"members\" SET \"deleted_at\" = ?, \"updated_at\" = ? WHERE \"age\" = ? AND \"deleted_at\" IS NULL"));
    t.start();
    const QString ts = ctx.bindTimestamp(QDateTime::currentDateTimeUtc());
    update.bindValue(0, 2);
    update.bindValue(1, ts);
    update.bindValue(2, 1);
    exec(update);
    const int updated = update.numRowsAffected();
    const QString ts2 = ctx.bindTimestamp(QDateTime::currentDateTimeUtc());
    destroy.bindValue(0, ts2);
    destroy.bindValue(1, ts2);
    destroy.bindValue(2, 2);
    exec(destroy);
    const int destroyed = destroy.numRowsAffected();
    t.stop();
    check(updated == n && destroyed == n, QStringLiteral("raw update/destroy: %1/%2").arg(updated).arg(destroyed));
}

} // namespace bench::raw_impl
