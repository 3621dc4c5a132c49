// Smoke test for an installed Quarry: headers found, library links and loads, SQLite opens.
#include <QCoreApplication>
#include <orm/Orm.h>

int main(int argc, char *argv[])
{
    // Qt SQL drivers are plugins; an application object makes plugin lookup reliable.
    QCoreApplication app(argc, argv);
    auto db = orm::Database::open(QStringLiteral("sqlite::memory:"));
    return db.isOpen() ? 0 : 1;
}
