#include "exec/ConnectionConfig.h"

#include <orm/Errors.h>
#include <QUrl>
#include <QUrlQuery>

namespace orm::detail {

namespace {
QString normalizeScheme(const QString &scheme)
{
    if (scheme == QLatin1String("postgres") || scheme == QLatin1String("postgresql"))
        return QStringLiteral("postgres");
    if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb") || scheme == QLatin1String("sqlite"))
        return scheme;
    return {};
}
} // namespace

ConnectionConfig ConnectionConfig::fromUrl(const QString &url)
{
    const int colon = url.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        throw ConnectionError(QStringLiteral("Invalid database URL '%1': expected scheme:..., for example "
                                             "sqlite:app.db or postgres://user:pass@host:5432/db")
                                  .arg(url));
    ConnectionConfig c;
    const QString scheme = url.left(colon).toLower();
    c.dialect = normalizeScheme(scheme);
    if (c.dialect.isEmpty())
        throw ConnectionError(QStringLiteral("Unknown dialect '%1' in database URL '%2': use sqlite, postgres, "
                                             "mysql or mariadb")
                                  .arg(scheme, url));

    if (c.dialect == QLatin1String("sqlite")) {
        // sqlite:path, sqlite://path, sqlite::memory:
        QString rest = url.mid(colon + 1);
        if (rest.startsWith(QLatin1String("//")))
            rest = rest.mid(2);
        if (rest.isEmpty())
            throw ConnectionError(QStringLiteral("Invalid database URL '%1': SQLite needs a file path or :memory:")
                                      .arg(url));
        c.database = rest;
        return c;
    }

    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty())
        throw ConnectionError(QStringLiteral("Invalid database URL '%1': expected %2://user:password@host:port/database")
                                  .arg(QUrl(url).toDisplayString(QUrl::RemovePassword), scheme));
    c.host = u.host();
    c.port = u.port(-1);
    c.user = u.userName(QUrl::FullyDecoded);
    c.password = u.password(QUrl::FullyDecoded);
    c.database = u.path(QUrl::FullyDecoded).mid(1);
    if (c.database.isEmpty())
        throw ConnectionError(QStringLiteral("Invalid database URL '%1': no database name after the host")
                                  .arg(u.toDisplayString(QUrl::RemovePassword)));
    QUrlQuery query(u);
    // Quarry's own option, the same on every server dialect; the rest goes to the driver.
    const QString timeout = query.queryItemValue(QStringLiteral("connectTimeout"));
    if (!timeout.isEmpty()) {
        bool ok = false;
        c.connectTimeoutSeconds = timeout.toInt(&ok);
        if (!ok || c.connectTimeoutSeconds < 0)
            throw ConnectionError(QStringLiteral("Invalid database URL '%1': connectTimeout must be a number of seconds")
                                      .arg(u.toDisplayString(QUrl::RemovePassword)));
        query.removeAllQueryItems(QStringLiteral("connectTimeout"));
    }
    c.connectOptions = query.toString(QUrl::FullyDecoded).replace(QLatin1Char('&'), QLatin1Char(';'));
    return c;
}

QString ConnectionConfig::redactedUrl() const
{
    if (dialect == QLatin1String("sqlite"))
        return QStringLiteral("sqlite:") + database;
    QString auth = user.isEmpty() ? QString() : user + QStringLiteral("@");
    QString port_ = port > 0 ? QStringLiteral(":%1").arg(port) : QString();
    return QStringLiteral("%1://%2%3%4/%5").arg(dialect, auth, host, port_, database);
}

} // namespace orm::detail
