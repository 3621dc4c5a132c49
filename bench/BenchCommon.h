// Shared pieces of the benchmark: configuration and sizes, the plain structs the raw
// variants fill, the timestamp codec, and the Context that owns the database under test,
// its datasets and the prepared statements of the raw variants.
#pragma once

#include "BenchModels.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace bench {

// ---------------------------------------------------------------- configuration
struct Sizes
{
    int create = 10000;       // create() calls in one transaction
    int bulk = 100000;        // bulkCreate rows
    int findAll = 100000;     // rows loaded by findAll (also the findByPk table)
    int includeUsers = 1000;  // include: users,
    int postsPerUser = 10;    //   posts per user,
    int groups = 10;          //   groups,
    int groupsPerUser = 3;    //   groups per user
    int findByPk = 10000;     // findByPk calls
    int updateRows = 10000;   // rows the static update and the paranoid destroy touch
    // Sequelize's reference jobs (PEERS.md), SQLite file only.
    int refBulk = 10000, refFindAll = 10000, refIncludeUsers = 1000, refCreate = 1000;
    int memoryRows = 100000;  // instances loaded by the peak-memory probe
};

struct Config
{
    bool quick = false;
    int repetitions = 5;
    QStringList dialects; // sqlite-memory, sqlite-file, postgres
    Sizes sizes;
    bool memory = true;     // run the peak-memory probe (child processes)
    bool reference = true;  // run Sequelize's reference jobs
    QString summaryPath;    // also write the final tables there (markdown)
    QString pgUrl;          // QUARRY_TEST_PG_URL
};
Config &config();

// findByPk's keys: a fixed pseudo-random walk over the table's ids.
inline QList<qint64> lookupKeys(const QList<qint64> &ids, int n)
{
    QList<qint64> keys;
    keys.reserve(n);
    quint32 x = 12345;
    for (int i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        keys.append(ids.at(int(x % quint32(ids.size()))));
    }
    return keys;
}

// ---------------------------------------------------------------- plain structs (raw variants)
struct UserInput
{
    QString firstName, lastName, email;
};
// Distinct e-mails per generation, so that repeated inserts never collide on the unique key.
QList<UserInput> makeUsers(int n, int generation);

struct UserRow
{
    qint64 id = 0;
    QString firstName, lastName, email;
    QDateTime createdAt, updatedAt;
};
struct PostRow
{
    qint64 id = 0;
    QString title, content;
    bool published = false;
    qint64 userId = 0;
    QDateTime createdAt, updatedAt;
};
struct GroupRow
{
    qint64 id = 0;
    QString name, description;
    QDateTime createdAt, updatedAt;
};
struct LinkRow // a UserGroups row
{
    qint64 userId = 0, groupId = 0;
    QDateTime createdAt, updatedAt;
};
// findAll of users with their posts and groups: groups are shared, as Quarry's identity
// map shares them, so each user refers to them by index.
struct UserGraph
{
    QList<UserRow> users;
    QList<QList<PostRow>> posts;  // parallel to users
    QList<QList<int>> groups;     // parallel to users: indexes into groupTable
    QList<QList<LinkRow>> links;  // parallel to groups
    QList<GroupRow> groupTable;
};

// ---------------------------------------------------------------- timestamp codec
// Quarry stores timestamps as UTC text "yyyy-MM-dd HH:mm:ss.zzz" (with "+00" appended on
// PostgreSQL, whose column is timestamptz). The raw variants encode and decode that fixed
// format by hand, as the best hand-written code would; anything else goes through Qt.
QString formatTimestamp(const QDateTime &utc);
QDateTime parseTimestamp(QStringView text);
QDateTime parseTimestamp(const char *utf8, int size);
// A driver value as a UTC QDateTime: text on SQLite, a QDateTime on PostgreSQL.
QDateTime decodeTimestamp(const QVariant &v);

// ---------------------------------------------------------------- timing
// Wall-clock time (what the ratios use) and this thread's CPU time of the timed parts.
class Timer
{
public:
    void start();
    void stop();
    double seconds() const { return m_seconds; }
    double cpuSeconds() const { return m_cpu; }

private:
    std::chrono::steady_clock::time_point m_start;
    double m_cpuStart = 0;
    double m_seconds = 0, m_cpu = 0;
};

struct Failure : std::runtime_error
{
    using std::runtime_error::runtime_error;
};
inline void check(bool ok, const QString &what)
{
    if (!ok)
        throw Failure(what.toStdString());
}

// ---------------------------------------------------------------- the database under test
struct Target
{
    QString key;   // sqlite-memory, sqlite-file, postgres
    QString label; // for the tables
    bool sqlite = true;
};
QList<Target> enabledTargets();

// Prepared statements of the raw QSqlQuery variant, on Quarry's own connection, prepared
// once and reused (as a hand-written data layer keeps them).
class RawSession
{
public:
    explicit RawSession(QSqlDatabase db) : m_db(std::move(db)) {}
    QSqlQuery &statement(const QString &sql);
    QSqlDatabase &db() { return m_db; }

private:
    QSqlDatabase m_db;
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
};

// sqlite3 statements on the very sqlite3* handle behind Quarry's connection.
class SqliteSession
{
public:
    explicit SqliteSession(sqlite3 *db) : m_db(db) {}
    ~SqliteSession();
    SqliteSession(const SqliteSession &) = delete;
    SqliteSession &operator=(const SqliteSession &) = delete;
    sqlite3_stmt *statement(const char *sql);
    sqlite3 *db() const { return m_db; }
    void exec(const char *sql);

private:
    sqlite3 *m_db;
    std::map<std::string, sqlite3_stmt *> m_statements;
};

class Context
{
public:
    static Context &instance();

    // Opens the target's database (once; switching targets closes the previous one),
    // defines the models and creates the tables.
    void activate(const Target &target);
    void shutdown();

    const Target &target() const { return m_target; }
    bool isSqlite() const { return m_target.sqlite; }
    orm::Database &db() { return m_db; }
    QSqlDatabase connection() { return m_db.connection(); }
    RawSession &raw();
    SqliteSession &lite(); // SQLite targets only

    // A timestamp as this dialect binds it (what Quarry's Dialect::toDb produces).
    QString bindTimestamp(const QDateTime &utc) const;
    int nextGeneration() { return ++m_generation; }

    // Datasets. The Users group (Users, Posts, Groups, UserGroups) holds one at a time.
    // clearUsers empties it for a workload that inserts.
    void clearUsers();
    void ensureUsers(int n);
    const QList<qint64> &userIds() const { return m_userIds; }
    void ensureGraph(int users, int postsPerUser, int groups, int groupsPerUser);
    // n members, all age 1 and not deleted.
    void resetMembers(int n);

    // Raw multi-row insert of users (seeding; also the raw bulkCreate's building block).
    void seedUsers(const QList<UserInput> &users);

private:
    void execRaw(const QString &sql, const QVariantList &bindings = {});
    // SQLite: checkpoints and empties the write-ahead log before a timed write.
    void settleWal();

    Target m_target;
    orm::Database m_db;
    std::unique_ptr<RawSession> m_raw;
    std::unique_ptr<SqliteSession> m_lite;
    QString m_usersDataset;
    int m_membersDataset = -1;
    QList<qint64> m_userIds;
    int m_generation = 0;
    QString m_tempDir;
};

// ---------------------------------------------------------------- workloads
enum class Impl { Quarry, Raw, Sqlite3 };
using WorkloadFn = void (*)(Context &, Timer &, int size);

struct Workload
{
    QString key;     // create, bulkCreate, ...
    QString title;   // for the tables
    double target;   // the Quarry/raw ratio to meet; for a reference job, Sequelize's time in ms
    int Sizes::*size;
    WorkloadFn quarry, raw, sqlite3;
    bool reference = false; // Sequelize's jobs: SQLite file only, Quarry and raw
};
QList<Workload> workloads();

// Implementations (QuarryWorkloads.cpp, RawWorkloads.cpp, SqliteWorkloads.cpp).
namespace quarry_impl {
void create(Context &, Timer &, int);
void bulkCreate(Context &, Timer &, int);
void findAll(Context &, Timer &, int);
void include(Context &, Timer &, int);
void includePosts(Context &, Timer &, int);
void findByPk(Context &, Timer &, int);
void updateDestroy(Context &, Timer &, int);
} // namespace quarry_impl
namespace raw_impl {
void create(Context &, Timer &, int);
void bulkCreate(Context &, Timer &, int);
void findAll(Context &, Timer &, int);
void include(Context &, Timer &, int);
void includePosts(Context &, Timer &, int);
void findByPk(Context &, Timer &, int);
void updateDestroy(Context &, Timer &, int);
QList<UserRow> loadUsers(QSqlQuery &q);
} // namespace raw_impl
namespace sqlite_impl {
void create(Context &, Timer &, int);
void bulkCreate(Context &, Timer &, int);
void findAll(Context &, Timer &, int);
void include(Context &, Timer &, int);
void findByPk(Context &, Timer &, int);
void updateDestroy(Context &, Timer &, int);
} // namespace sqlite_impl

// Peak memory of loading rows as instances and as structs (Memory.cpp).
int memoryChild(int argc, char **argv); // --memory-child quarry|raw <sqlite file> <rows>
struct MemoryResult
{
    bool ok = false;
    QString error;
    qint64 rows = 0;
    qint64 heapBytes = 0; // mallinfo2 in-use heap held by the result, above the baseline
    qint64 peakRssKb = 0; // VmHWM growth during the load (the peak is reset just before it)
    double seconds = 0;
};
MemoryResult runMemoryProbe(const QString &impl, int rows);

} // namespace bench
