#include "BenchCommon.h"

#include <QDir>
#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QTemporaryDir>
#include <QUrl>
#include <cstdio>
#include <ctime>
#include <sqlite3.h>

namespace bench {

Config &config()
{
    static Config c;
    return c;
}

QList<UserInput> makeUsers(int n, int generation)
{
    static const char *const first[] = {"John", "Jane", "Alice", "Bob", "Carol", "Dave", "Eve", "Mallory"};
    static const char *const last[] = {"Doe", "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Wilson"};
    QList<UserInput> out;
    out.reserve(n);
    for (int i = 0; i < n; ++i)
        out.append({QString::fromLatin1(first[i % 8]), QString::fromLatin1(last[(i / 8) % 8]),
                    QStringLiteral("user%1.g%2@example.com").arg(i).arg(generation)});
    return out;
}

// ---------------------------------------------------------------- timing

namespace {
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}
} // namespace

void Timer::start()
{
    m_cpuStart = threadCpuSeconds();
    m_start = std::chrono::steady_clock::now();
}

void Timer::stop()
{
    m_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    m_cpu += threadCpuSeconds() - m_cpuStart;
}

// ---------------------------------------------------------------- timestamp codec

QString formatTimestamp(const QDateTime &utc)
{
    const QDate d = utc.date();
    const QTime t = utc.time();
    if (d.year() < 0 || d.year() > 9999)
        return utc.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    char16_t buf[23];
    auto put = [&buf](int pos, int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            buf[pos + i] = char16_t(u'0' + value % 10);
            value /= 10;
        }
    };
    put(0, d.year(), 4);
    buf[4] = u'-';
    put(5, d.month(), 2);
    buf[7] = u'-';
    put(8, d.day(), 2);
    buf[10] = u' ';
    put(11, t.hour(), 2);
    buf[13] = u':';
    put(14, t.minute(), 2);
    buf[16] = u':';
    put(17, t.second(), 2);
    buf[19] = u'.';
    put(20, t.msec(), 3);
    return QString(reinterpret_cast<const QChar *>(buf), 23);
}

namespace {
template <class Ch>
bool digits(const Ch *s, int pos, int n, int &out)
{
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const auto c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + int(c - '0');
    }
    out = v;
    return true;
}

// yyyy-MM-dd[ T]HH:mm:ss[.zzz][Z|+00|+00:00]; anything else returns an invalid QDateTime.
template <class Ch>
QDateTime parseFixed(const Ch *s, qsizetype n)
{
    int y, mo, d, h, mi, se, ms = 0;
    if (n < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':')
        return {};
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h)
        || !digits(s, 14, 2, mi) || !digits(s, 17, 2, se))
        return {};
    qsizetype i = 19;
    if (i < n && s[i] == '.') {
        int k = 0, frac = 0;
        ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (k < 3) {
                frac = frac * 10 + int(s[i] - '0');
                ++k;
            }
            ++i;
        }
        if (k == 0)
            return {};
        while (k++ < 3)
            frac *= 10;
        ms = frac;
    }
    if (i < n) {
        // Only a zero offset is ours.
        const qsizetype rest = n - i;
        const bool z = rest == 1 && s[i] == 'Z';
        const bool plus00 = (rest == 3 || rest == 6) && s[i] == '+' && s[i + 1] == '0' && s[i + 2] == '0'
                            && (rest == 3 || (s[i + 3] == ':' && s[i + 4] == '0' && s[i + 5] == '0'));
        if (!z && !plus00)
            return {};
    }
    const QDate date(y, mo, d);
    const QTime time(h, mi, se, ms);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}
} // namespace

QDateTime parseTimestamp(QStringView text)
{
    QDateTime dt = parseFixed(text.utf16(), text.size());
    if (dt.isValid())
        return dt;
    dt = QDateTime::fromString(text.toString(), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : dt;
}

QDateTime parseTimestamp(const char *text, int size)
{
    QDateTime dt = parseFixed(text, size);
    if (dt.isValid())
        return dt;
    return parseTimestamp(QString::fromUtf8(text, size));
}

QDateTime decodeTimestamp(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::QString:
        return parseTimestamp(*static_cast<const QString *>(v.constData()));
    case QMetaType::QDateTime:
        return static_cast<const QDateTime *>(v.constData())->toUTC();
    default:
        return v.isNull() ? QDateTime() : parseTimestamp(v.toString());
    }
}

// ---------------------------------------------------------------- targets

QList<Target> enabledTargets()
{
    QList<Target> out;
    for (const QString &d : config().dialects) {
        if (d == QLatin1String("sqlite-memory"))
            out.append({d, QStringLiteral("SQLite (memory)"), true});
        else if (d == QLatin1String("sqlite-file"))
            out.append({d, QStringLiteral("SQLite (file)"), true});
        else if (d == QLatin1String("postgres") && !config().pgUrl.isEmpty())
            out.append({d, QStringLiteral("PostgreSQL"), false});
    }
    return out;
}

// ---------------------------------------------------------------- sessions

QSqlQuery &RawSession::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return *it->second;
    auto q = std::make_unique<QSqlQuery>(m_db);
    q->setForwardOnly(true);
    if (!q->prepare(sql))
        throw Failure(("prepare failed: " + q->lastError().text() + " in " + sql).toStdString());
    return *m_statements.emplace(sql, std::move(q)).first->second;
}

SqliteSession::~SqliteSession()
{
    for (auto &[sql, stmt] : m_statements)
        sqlite3_finalize(stmt);
}

sqlite3_stmt *SqliteSession::statement(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end())
        return it->second;
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK)
        throw Failure(std::string("sqlite3_prepare_v3: ") + sqlite3_errmsg(m_db) + " in " + sql);
    m_statements.emplace(sql, stmt);
    return stmt;
}

void SqliteSession::exec(const char *sql)
{
    char *err = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "?";
        sqlite3_free(err);
        throw Failure("sqlite3_exec: " + msg + " in " + sql);
    }
}

// ---------------------------------------------------------------- context

Context &Context::instance()
{
    static Context c;
    return c;
}

namespace {
// A fresh database on the PostgreSQL server of QUARRY_TEST_PG_URL: quarry_bench.
QString recreatePgDatabase(const QString &url)
{
    QUrl u(url);
    const QString name = QStringLiteral("quarry_bench");
    const QString conn = QStringLiteral("quarry_bench_admin");
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), conn);
        admin.setHostName(u.host());
        admin.setPort(u.port(5432));
        admin.setUserName(u.userName());
        admin.setPassword(u.password());
        admin.setDatabaseName(u.path().mid(1));
        if (!admin.open())
            throw Failure(("PostgreSQL admin connection failed: " + admin.lastError().text()).toStdString());
        QSqlQuery q(admin);
        q.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1' AND pid <> pg_backend_pid()").arg(name));
        if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS \"%1\"").arg(name)) || !q.exec(QStringLiteral("CREATE DATABASE \"%1\"").arg(name)))
            throw Failure(("cannot recreate " + name + ": " + q.lastError().text()).toStdString());
        q = QSqlQuery();
        admin.close();
    }
    QSqlDatabase::removeDatabase(conn);
    u.setPath(QLatin1Char('/') + name);
    return u.toString();
}
} // namespace

void Context::activate(const Target &target)
{
    if (m_db.isValid() && m_target.key == target.key)
        return;
    shutdown();
    m_target = target;
    QString url;
    if (target.key == QLatin1String("sqlite-memory")) {
        url = QStringLiteral("sqlite::memory:");
    } else if (target.key == QLatin1String("sqlite-file")) {
        static QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/quarry-bench-XXXXXX"));
        const QString path = dir.filePath(QStringLiteral("bench.db"));
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        url = QStringLiteral("sqlite:") + path;
    } else {
        url = recreatePgDatabase(config().pgUrl);
    }
    m_db = orm::Database::open(url);
    defineModels(m_db);
    m_db.sync({.force = true});
    m_usersDataset.clear();
    m_membersDataset = -1;
}

void Context::shutdown()
{
    m_lite.reset();
    m_raw.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = orm::Database();
}

RawSession &Context::raw()
{
    if (!m_raw)
        m_raw = std::make_unique<RawSession>(connection());
    return *m_raw;
}

SqliteSession &Context::lite()
{
    if (!m_lite) {
        const QVariant handle = connection().driver()->handle();
        check(qstrcmp(handle.typeName(), "sqlite3*") == 0, QStringLiteral("not a SQLite connection"));
        m_lite = std::make_unique<SqliteSession>(*static_cast<sqlite3 *const *>(handle.data()));
    }
    return *m_lite;
}

QString Context::bindTimestamp(const QDateTime &utc) const
{
    return m_target.sqlite ? formatTimestamp(utc) : formatTimestamp(utc) + QStringLiteral("+00");
}

void Context::execRaw(const QString &sql, const QVariantList &bindings)
{
    QSqlQuery q(connection());
    bool ok;
    if (bindings.isEmpty()) {
        ok = q.exec(sql);
    } else {
        ok = q.prepare(sql);
        for (int i = 0; ok && i < bindings.size(); ++i)
            q.bindValue(i, bindings.at(i));
        ok = ok && q.exec();
    }
    if (!ok)
        throw Failure(("setup statement failed: " + q.lastError().text() + " in " + sql.left(200)).toStdString());
}

namespace {
// INSERT INTO table (columns) VALUES (?, ...), ... for rows rows.
QString multiRowInsert(const QString &table, const QStringList &columns, int rows, const QString &returning = {})
{
    QString row = QStringLiteral("(");
    for (int i = 0; i < columns.size(); ++i)
        row += i ? QStringLiteral(", ?") : QStringLiteral("?");
    row += QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO \"%1\" (\"%2\") VALUES ").arg(table, columns.join(QStringLiteral("\", \"")));
    for (int r = 0; r < rows; ++r)
        sql += (r ? QStringLiteral(", ") : QString()) + row;
    if (!returning.isEmpty())
        sql += QStringLiteral(" RETURNING \"%1\"").arg(returning);
    return sql;
}

void insertRows(QSqlDatabase db, const QString &table, const QStringList &columns, const QList<QVariantList> &rows)
{
    const int chunk = 500;
    for (int start = 0; start < rows.size(); start += chunk) {
        const int n = qMin<int>(chunk, rows.size() - start);
        QSqlQuery q(db);
        if (!q.prepare(multiRowInsert(table, columns, n)))
            throw Failure(("seed prepare failed: " + q.lastError().text()).toStdString());
        int p = 0;
        for (int r = 0; r < n; ++r)
            for (const QVariant &v : rows.at(start + r))
                q.bindValue(p++, v);
        if (!q.exec())
            throw Failure(("seed insert into " + table + " failed: " + q.lastError().text()).toStdString());
    }
}
} // namespace

void Context::clearUsers()
{
    for (const char *t : {"UserGroups", "Posts", "Users", "Groups"})
        execRaw(QStringLiteral("DELETE FROM \"%1\"").arg(QLatin1String(t)));
    // The caller inserts rows next (or seeds a dataset and names it).
    m_usersDataset = QStringLiteral("dirty");
    m_userIds.clear();
    settleWal();
}

void Context::settleWal()
{
    // A timed write must not pay for the pages the preparation left in SQLite's write-ahead
    // log: the automatic checkpoint (at 1,000 pages) would fall into whichever variant runs
    // next, and swing the file target's ratios by up to 0.4 from run to run.
    if (!isSqlite())
        return;
    QSqlQuery q(connection());
    // Its row: busy, log pages, checkpointed pages. Busy means a reader held the log.
    if (q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next() && q.value(0).toInt() != 0)
        fprintf(stderr, "bench: the WAL checkpoint before a timed write was blocked by a reader\n");
}

void Context::seedUsers(const QList<UserInput> &users)
{
    const QString ts = bindTimestamp(QDateTime::currentDateTimeUtc());
    QList<QVariantList> rows;
    rows.reserve(users.size());
    for (const UserInput &u : users)
        rows.append({u.firstName, u.lastName, u.email, ts, ts});
    QSqlDatabase db = connection();
    db.transaction();
    insertRows(db, QStringLiteral("Users"), {"firstName", "lastName", "email", "createdAt", "updatedAt"}, rows);
    db.commit();
}

namespace {
QList<qint64> ids(QSqlDatabase db, const QString &table)
{
    QList<qint64> out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT \"id\" FROM \"%1\" ORDER BY \"id\"").arg(table)))
        throw Failure(q.lastError().text().toStdString());
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

void analyze(QSqlDatabase db, bool postgres)
{
    QSqlQuery q(db);
    q.exec(postgres ? QStringLiteral("VACUUM ANALYZE") : QStringLiteral("ANALYZE"));
}
} // namespace

void Context::ensureUsers(int n)
{
    const QString tag = QStringLiteral("users:%1").arg(n);
    if (m_usersDataset == tag)
        return;
    clearUsers();
    seedUsers(makeUsers(n, nextGeneration()));
    m_userIds = ids(connection(), QStringLiteral("Users"));
    check(m_userIds.size() == n, QStringLiteral("seeding users failed"));
    analyze(connection(), !isSqlite());
    m_usersDataset = tag;
}

void Context::ensureGraph(int users, int postsPerUser, int groups, int groupsPerUser)
{
    const QString tag = QStringLiteral("graph:%1:%2:%3:%4").arg(users).arg(postsPerUser).arg(groups).arg(groupsPerUser);
    if (m_usersDataset == tag)
        return;
    clearUsers();
    const int gen = nextGeneration();
    seedUsers(makeUsers(users, gen));
    m_userIds = ids(connection(), QStringLiteral("Users"));
    const QString ts = bindTimestamp(QDateTime::currentDateTimeUtc());
    QSqlDatabase db = connection();
    db.transaction();
    QList<QVariantList> rows;
    for (int g = 0; g < groups; ++g)
        rows.append({QStringLiteral("Group %1.%2").arg(g).arg(gen), QStringLiteral("The members of group %1").arg(g), ts, ts});
    insertRows(db, QStringLiteral("Groups"), {"name", "description", "createdAt", "updatedAt"}, rows);
    const QList<qint64> groupIds = ids(db, QStringLiteral("Groups"));
    rows.clear();
    for (int u = 0; u < m_userIds.size(); ++u)
        for (int p = 0; p < postsPerUser; ++p)
            rows.append({QStringLiteral("Post %1 of user %2").arg(p).arg(u),
                         QStringLiteral("Lorem ipsum dolor sit amet, consectetur adipiscing elit, post %1.").arg(p),
                         p % 2 == 0, ts, ts, m_userIds.at(u)});
    insertRows(db, QStringLiteral("Posts"), {"title", "content", "published", "createdAt", "updatedAt", "userId"}, rows);
    rows.clear();
    for (int u = 0; u < m_userIds.size(); ++u)
        for (int k = 0; k < qMin(groupsPerUser, groups); ++k)
            rows.append({m_userIds.at(u), groupIds.at((u + k) % groups), ts, ts});
    insertRows(db, QStringLiteral("UserGroups"), {"userId", "groupId", "createdAt", "updatedAt"}, rows);
    db.commit();
    analyze(db, !isSqlite());
    m_usersDataset = tag;
}

void Context::resetMembers(int n)
{
    if (m_membersDataset == n) {
        execRaw(QStringLiteral("UPDATE \"members\" SET \"age\" = 1, \"deleted_at\" = NULL"));
        settleWal();
        return;
    }
    execRaw(QStringLiteral("DELETE FROM \"members\""));
    const QString ts = bindTimestamp(QDateTime::currentDateTimeUtc());
    const int gen = nextGeneration();
    QList<QVariantList> rows;
    rows.reserve(n);
    for (int i = 0; i < n; ++i)
        rows.append({QStringLiteral("Member"), QStringLiteral("No. %1").arg(i), QStringLiteral("member%1.g%2@example.com").arg(i).arg(gen), 1, ts, ts});
    QSqlDatabase db = connection();
    db.transaction();
    insertRows(db, QStringLiteral("members"), {"first_name", "last_name", "email", "age", "created_at", "updated_at"}, rows);
    db.commit();
    analyze(db, !isSqlite());
    m_membersDataset = n;
    settleWal();
}

// ---------------------------------------------------------------- the workloads

QList<Workload> workloads()
{
    return {
        {QStringLiteral("create"), QStringLiteral("create() calls in one transaction"), 1.3, &Sizes::create,
         quarry_impl::create, raw_impl::create, sqlite_impl::create},
        {QStringLiteral("bulkCreate"), QStringLiteral("bulkCreate rows"), 1.15, &Sizes::bulk, quarry_impl::bulkCreate,
         raw_impl::bulkCreate, sqlite_impl::bulkCreate},
        {QStringLiteral("findAll"), QStringLiteral("findAll rows into instances"), 1.5, &Sizes::findAll,
         quarry_impl::findAll, raw_impl::findAll, sqlite_impl::findAll},
        {QStringLiteral("include"), QStringLiteral("users, include 10 posts each + groups"), 1.3, &Sizes::includeUsers,
         quarry_impl::include, raw_impl::include, sqlite_impl::include},
        {QStringLiteral("findByPk"), QStringLiteral("findByPk calls"), 1.3, &Sizes::findByPk, quarry_impl::findByPk,
         raw_impl::findByPk, sqlite_impl::findByPk},
        {QStringLiteral("updateDestroy"), QStringLiteral("rows: static update + paranoid destroy"), 1.2,
         &Sizes::updateRows, quarry_impl::updateDestroy, raw_impl::updateDestroy, sqlite_impl::updateDestroy},
        // Sequelize's reference jobs (PEERS.md: Node 20, SQLite file, median of 5).
        {QStringLiteral("ref_bulkCreate"), QStringLiteral("bulkCreate users (Sequelize: 168 ms)"), 168, &Sizes::refBulk,
         quarry_impl::bulkCreate, raw_impl::bulkCreate, nullptr, true},
        {QStringLiteral("ref_findAll"), QStringLiteral("findAll users (Sequelize: 92 ms)"), 92, &Sizes::refFindAll,
         quarry_impl::findAll, raw_impl::findAll, nullptr, true},
        {QStringLiteral("ref_include"), QStringLiteral("users with 10 posts each (Sequelize: 214 ms)"), 214,
         &Sizes::refIncludeUsers, quarry_impl::includePosts, raw_impl::includePosts, nullptr, true},
        {QStringLiteral("ref_create"), QStringLiteral("create() calls in a transaction (Sequelize: 527 ms)"), 527,
         &Sizes::refCreate, quarry_impl::create, raw_impl::create, nullptr, true},
    };
}

} // namespace bench
