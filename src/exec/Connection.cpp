#include "exec/Connection.h"

#include "exec/DatabasePrivate.h"

#include <orm/Errors.h>
#include <QSqlError>

namespace orm::detail {

namespace {
constexpr int kCacheCapacity = 256; // statements per connection; the oldest is evicted
}

Connection::Connection(DatabasePrivate &d, const QString &name)
    : m_d(d), m_name(name)
{
    const ConnectionConfig &c = d.config;
    const QString driver = d.dialect->driverName();
    if (!QSqlDatabase::isDriverAvailable(driver))
        throw ConnectionError(QStringLiteral("The Qt SQL driver %1 for dialect '%2' is not available "
                                             "(installed drivers: %3). On Debian, install libqt6sql6-%4.")
                                  .arg(driver, c.dialect, QSqlDatabase::drivers().join(QStringLiteral(", ")),
                                       driver == QLatin1String("QSQLITE") ? QStringLiteral("sqlite")
                                       : driver == QLatin1String("QPSQL") ? QStringLiteral("psql")
                                                                          : QStringLiteral("mysql")));
    m_db = QSqlDatabase::addDatabase(driver, name);
    QString options = c.connectOptions;
    if (c.isSqliteMemory()) {
        // A named shared-cache memory database: every thread's connection sees the same
        // data, instead of each getting a new empty database.
        m_db.setDatabaseName(QStringLiteral("file:%1?mode=memory&cache=shared").arg(d.connectionPrefix));
        options = QStringLiteral("QSQLITE_OPEN_URI") + (options.isEmpty() ? QString() : QStringLiteral(";") + options);
    } else {
        m_db.setDatabaseName(c.database);
    }
    if (!c.host.isEmpty())
        m_db.setHostName(c.host);
    if (c.port > 0)
        m_db.setPort(c.port);
    if (!c.user.isEmpty())
        m_db.setUserName(c.user);
    if (!c.password.isEmpty())
        m_db.setPassword(c.password);
    if (c.dialect == QLatin1String("sqlite"))
        options += (options.isEmpty() ? QString() : QStringLiteral(";"))
                   + QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(c.busyTimeoutMs);
    if (driver == QLatin1String("QMYSQL") || driver == QLatin1String("QMARIADB"))
        // Rows affected counts matched rows, as on SQLite and PostgreSQL, not only changed ones.
        options += (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("CLIENT_FOUND_ROWS");
    const QString timeout = d.dialect->connectTimeoutOption(c.connectTimeoutSeconds);
    if (c.connectTimeoutSeconds > 0 && !timeout.isEmpty()
        && !options.contains(timeout.section(QLatin1Char('='), 0, 0), Qt::CaseInsensitive)) // the URL's own wins
        options += (options.isEmpty() ? QString() : QStringLiteral(";")) + timeout;
    m_db.setConnectOptions(options);
    if (!m_db.open()) {
        const QString why = m_db.lastError().text();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw ConnectionError(QStringLiteral("Cannot open %1: %2").arg(c.redactedUrl(), why));
    }
    d.dialect->configure(m_db, c.busyTimeoutMs);
    m_generation = d.schemaGeneration.load();
}

Connection::~Connection()
{
    m_cache.clear(); // queries must go before their database
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

void Connection::checkGeneration()
{
    const int generation = m_d.schemaGeneration.load(std::memory_order_relaxed);
    if (generation != m_generation) {
        clearCache();
        m_generation = generation;
    }
}

QSqlQuery *Connection::cached(const QString &sql)
{
    checkGeneration();
    auto it = m_cache.find(sql);
    if (it != m_cache.end()) {
        if (it->second.query->isActive() && it->second.query->isSelect())
            return nullptr; // still being read by an outer cursor
        it->second.lastUse = ++m_tick;
        return it->second.query.get();
    }
    if (m_cache.size() >= kCacheCapacity) {
        // Evict the least recently used statement that nobody is reading.
        auto oldest = m_cache.end();
        for (auto i = m_cache.begin(); i != m_cache.end(); ++i)
            if (!i->second.query->isActive() && (oldest == m_cache.end() || i->second.lastUse < oldest->second.lastUse))
                oldest = i;
        if (oldest == m_cache.end())
            return nullptr; // all in use: the caller prepares its own
        for (Shape &shape : m_texts) // rare: only past kCacheCapacity statements
            if (shape.entry == &oldest->second)
                shape.entry = nullptr;
        m_cache.erase(oldest);
    }
    auto q = std::make_unique<QSqlQuery>(m_db);
    q->setForwardOnly(true);
    if (!q->prepare(sql))
        return nullptr; // the caller prepares its own and reports the error
    Entry &e = m_cache[sql];
    e.query = std::move(q);
    e.lastUse = ++m_tick;
    return e.query.get();
}

void Connection::clearCache()
{
    m_cache.clear();
    m_texts.clear();
}

const QString *Connection::cachedText(const QByteArray &shape)
{
    checkGeneration();
    auto it = m_texts.constFind(shape);
    return it == m_texts.constEnd() ? nullptr : &it->text;
}

QSqlQuery *Connection::cachedFor(const QByteArray &shape, const QString &text)
{
    checkGeneration();
    auto it = m_texts.find(shape);
    if (it != m_texts.end() && it->entry) {
        Entry &e = *it->entry;
        if (e.query->isActive() && e.query->isSelect())
            return nullptr; // still being read by an outer cursor
        e.lastUse = ++m_tick;
        return e.query.get();
    }
    QSqlQuery *q = cached(text);
    if (q) {
        it = m_texts.find(shape); // cached() may have dropped the texts
        auto e = m_cache.find(text);
        if (it != m_texts.end() && it->text == text && e != m_cache.end())
            it->entry = &e->second;
    }
    return q;
}

void Connection::cacheText(const QByteArray &shape, const QString &text)
{
    if (m_texts.size() >= kCacheCapacity)
        m_texts.clear(); // shapes are few; a program that makes many starts over
    m_texts.insert(QByteArray(shape.constData(), shape.size()), Shape{text, nullptr}); // shape may be a raw view
}

void Connection::reopen()
{
    clearCache();
    transactionDepth = 0; // whatever was open went with the old session
    if (m_db.isOpen())
        m_db.close();
    if (!m_db.open())
        throw ConnectionError(QStringLiteral("Cannot reconnect to %1: %2")
                                  .arg(m_d.config.redactedUrl(), m_db.lastError().text()));
    m_d.dialect->configure(m_db, m_d.config.busyTimeoutMs);
    m_generation = m_d.schemaGeneration.load();
}

} // namespace orm::detail
