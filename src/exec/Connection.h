// One thread's QSqlDatabase, its prepared-statement cache and its transaction depth.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>
#include <unordered_map>

namespace orm::detail {

class DatabasePrivate;

class Connection
{
public:
    Connection(DatabasePrivate &d, const QString &name);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    QSqlDatabase &db() { return m_db; }
    const QString &name() const { return m_name; }

    // A prepared, forward-only statement for sql, reused across calls. Returns null
    // when the cached statement is still being read (the caller prepares its own).
    QSqlQuery *cached(const QString &sql);
    void clearCache();
    // SQL text an operation built once for a query shape (shape: a key the operation
    // chooses; it must name the model and everything the text depends on). Dropped with
    // the statements when the schema changes. Null when not cached yet.
    const QString *cachedText(const QByteArray &shape);
    void cacheText(const QByteArray &shape, const QString &text);
    // cached(text) for the text cacheText stored under shape, found by the shape alone after
    // the first call: no hashing and comparing of the whole SQL text on every execution.
    QSqlQuery *cachedFor(const QByteArray &shape, const QString &text);
    // Opens a connection the server dropped again, in place: Executors on this thread
    // keep referring to this object. Throws ConnectionError.
    void reopen();

    int transactionDepth = 0;
    // The session died inside a transaction (the server rolled it back). Its levels stay
    // open and every statement is refused until they are rolled back: a caller that
    // catches the ConnectionError and goes on must not silently autocommit half of it.
    bool transactionLost = false;

private:
    DatabasePrivate &m_d;
    QString m_name;
    QSqlDatabase m_db;
    struct Entry
    {
        std::unique_ptr<QSqlQuery> query;
        quint64 lastUse = 0;
    };
    std::unordered_map<QString, Entry> m_cache;
    struct Shape
    {
        QString text;
        Entry *entry = nullptr; // m_cache's entry for text, once run (nodes do not move)
    };
    QHash<QByteArray, Shape> m_texts;
    void checkGeneration();
    quint64 m_tick = 0;
    int m_generation = 0;
};

} // namespace orm::detail
