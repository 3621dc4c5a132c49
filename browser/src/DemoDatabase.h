// The demo database: the seed's models with sample data.
#pragma once

#include <orm/Database.h>

// Registers the browser's resources (icons, demo schema and data; resources/quarry.qrc).
// Safe to call more than once.
void initBrowserResources();

namespace quarry::browser {

class DemoDatabase
{
public:
    // The SQLite file under the user's data directory (QStandardPaths::AppDataLocation).
    static QString defaultPath();
    // Opens url (sqlite:FILE, sqlite::memory:, or a server), defines the demo models and
    // their associations, creates the tables and, when there are no users yet, the sample
    // data: John and Jane, their profiles and posts (one soft-deleted), the groups Admins and
    // Users with a role on each membership, and John following Jane.
    static orm::Database open(const QString &url);
    // Only the definitions (models and associations) on an open database, from the
    // resource :/demo/demo-models.json (resources/demo/).
    static void defineModels(const orm::Database &db);
    // The sample data, from the resource :/demo/demo-data.json (resources/demo/).
    static void seed(const orm::Database &db);
};

} // namespace quarry::browser
