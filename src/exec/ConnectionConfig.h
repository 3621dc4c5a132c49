// Where to connect: parsed from a URL or from the seed's (database, user, password,
// options) form. Pure data; Dialect::forName turns the dialect name into behaviour.
#pragma once

#include <QString>

namespace orm::detail {

struct ConnectionConfig
{
    QString dialect;  // sqlite, postgres, mysql, mariadb
    QString database; // SQLite: file path or ":memory:"
    QString host;
    int port = -1;
    QString user;
    QString password;
    int busyTimeoutMs = 5000;
    int connectTimeoutSeconds = 10; // 0: the driver's default
    QString connectOptions;

    bool isSqliteMemory() const { return dialect == QLatin1String("sqlite") && database == QLatin1String(":memory:"); }
    QString redactedUrl() const;

    // Throws ConnectionError naming what is wrong with the URL.
    static ConnectionConfig fromUrl(const QString &url);
};

} // namespace orm::detail
