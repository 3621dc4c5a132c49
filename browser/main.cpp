// quarry-browser: the model browser over the demo database or any database.
//
//   quarry-browser                       the demo database (SQLite under the data directory)
//   quarry-browser --memory              a throwaway in-memory demo database
//   quarry-browser --db URL              any database; models come from introspection
//   quarry-browser --db URL --models F   models from the JSON file F (see ModelFile.h)
//   quarry-browser --lang de|zh_CN|en    the interface language (default: the system locale)
//   quarry-browser --screenshot FILE.png renders the window offscreen, writes the PNG, exits
//
// A database that cannot be opened (a missing or corrupt SQLite file, an unreachable
// server) gives a message box, or in --screenshot/offscreen mode a line on stderr, and
// exit code 1; never a crash.
#include "BrowserLogging.h"
#include "DemoDatabase.h"
#include "DiagramView.h"
#include "IncludeTreeWidget.h"
#include "MainWindow.h"
#include "ModelFile.h"
#include "RecordsView.h"
#include "SchemaIntrospector.h"
#include "Translations.h"

#include <orm/Errors.h>
#include <orm/Instance.h>
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>
#include <QUrl>
#include <cstdio>
#include <memory>

using namespace quarry::browser;
using namespace Qt::StringLiterals;

namespace {

// The SQLite file a URL names, or empty for a server or an in-memory database.
QString sqliteFile(const QString &url)
{
    if (!url.startsWith("sqlite:"_L1) || url == "sqlite::memory:"_L1 || url.contains(":memory:"_L1))
        return {};
    QString path = url.mid(7);
    if (path.startsWith("//"_L1))
        path = QUrl(url).toLocalFile().isEmpty() ? path.mid(2) : QUrl(url).toLocalFile();
    return path.section(u'?', 0, 0);
}

// Checks an SQLite file before opening it, so that a typo or a file of another kind gets
// a clear message instead of a fresh empty database or a driver error.
QString checkSqliteFile(const QString &path, bool mayCreate)
{
    const QFileInfo info(path);
    if (!info.exists())
        return mayCreate ? QString() : QApplication::translate("main", "The database file %1 does not exist.").arg(info.absoluteFilePath());
    if (!info.isFile())
        return QApplication::translate("main", "%1 is not a file.").arg(info.absoluteFilePath());
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QApplication::translate("main", "Cannot read the database file %1: %2").arg(info.absoluteFilePath(), f.errorString());
    const QByteArray header = f.read(16);
    if (info.size() > 0 && header != QByteArrayLiteral("SQLite format 3\0"))
        return QApplication::translate("main", "The file %1 is not an SQLite database, or it is corrupt.").arg(info.absoluteFilePath());
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"quarry-browser"_s);
    QApplication::setOrganizationName(u"Quarry"_s);
    QApplication::setApplicationVersion(u"0.1"_s);

    // The language first, so that --help and every message are translated too.
    QString language;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if ((arg == "--lang"_L1 || arg == "-lang"_L1) && i + 1 < argc)
            language = QString::fromLocal8Bit(argv[i + 1]);
        else if (arg.startsWith("--lang="_L1))
            language = arg.mid(7);
    }
    const QString used = installTranslation(language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Browse the models, relations and records of a Quarry database."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption memory(u"memory"_s, QApplication::translate("main", "Use a throwaway in-memory demo database."));
    const QCommandLineOption dbUrl(u"db"_s, QApplication::translate("main", "Open the database at URL (sqlite:FILE, postgres://..., mariadb://...); its models are introspected."), u"URL"_s);
    const QCommandLineOption models(u"models"_s, QApplication::translate("main", "Define the models from the JSON file FILE instead of introspecting."), u"FILE"_s);
    const QCommandLineOption lang(u"lang"_s, QApplication::translate("main", "Interface language: de, zh_CN or en (default: the system locale)."), u"LANG"_s);
    const QCommandLineOption screenshot(u"screenshot"_s, QApplication::translate("main", "Render the window to FILE.png and exit."), u"FILE"_s);
    const QCommandLineOption model(u"model"_s, QApplication::translate("main", "Select this model at start."), u"NAME"_s);
    parser.addOptions({memory, dbUrl, models, lang, screenshot, model});
    parser.process(app);

    const bool headless = parser.isSet(screenshot) || QApplication::platformName() == "offscreen"_L1;
    auto fail = [&](const QString &message) {
        std::fprintf(stderr, "quarry-browser: %s\n", qPrintable(message));
        if (!headless)
            QMessageBox::critical(nullptr, QApplication::translate("main", "Quarry model browser"), message);
        return 1;
    };
    if (used.isEmpty())
        std::fprintf(stderr, "quarry-browser: %s\n",
                     qPrintable(QApplication::translate("main", "No translation for the language %1; using English.").arg(language)));

    orm::Database db;
    bool demo = true;
    try {
        if (parser.isSet(dbUrl) || parser.isSet(models)) {
            demo = false;
            const QString url = parser.isSet(dbUrl) ? parser.value(dbUrl) : u"sqlite::memory:"_s;
            const QString file = sqliteFile(url);
            if (!file.isEmpty()) // with --models, a new file is created
                if (const QString problem = checkSqliteFile(file, parser.isSet(models)); !problem.isEmpty())
                    return fail(problem);
            db = orm::Database::open(url);
            db.tableNames(); // a corrupt file or a dead server fails here, not in a pane
            if (parser.isSet(models)) {
                const QStringList names = ModelFile::define(db, parser.value(models));
                qCInfo(lcBrowser) << "defined" << names.size() << "models from" << parser.value(models);
            } else {
                SchemaIntrospector introspector;
                const QStringList names = introspector.defineModels(db);
                for (const QString &w : introspector.warnings())
                    qCWarning(lcBrowser).noquote() << w;
                qCInfo(lcBrowser) << "introspected" << names.size() << "models";
            }
        } else if (parser.isSet(memory)) {
            db = DemoDatabase::open(u"sqlite::memory:"_s);
        } else {
            const QString file = DemoDatabase::defaultPath();
            if (const QString problem = checkSqliteFile(file, true); !problem.isEmpty())
                return fail(problem);
            db = DemoDatabase::open(u"sqlite:"_s + file);
        }
    } catch (const orm::ConnectionError &e) {
        return fail(QApplication::translate("main", "Cannot connect to the database: %1").arg(e.message()));
    } catch (const orm::DefinitionError &e) {
        return fail(QApplication::translate("main", "Cannot define the models: %1").arg(e.message()));
    } catch (const orm::Error &e) {
        return fail(QApplication::translate("main", "Cannot open the database: %1").arg(e.message()));
    }

    std::unique_ptr<MainWindow> window;
    try {
        window = std::make_unique<MainWindow>(db);
    } catch (const orm::Error &e) {
        return fail(QApplication::translate("main", "Cannot read the database: %1").arg(e.message()));
    }
    if (parser.isSet(model))
        window->selectModel(parser.value(model));

    if (parser.isSet(screenshot)) {
        // The screenshot shows the paranoid Post table with its soft-deleted row.
        // The include tree shows John with his profile, posts, groups (and their roles) and
        // the people he follows.
        if (!parser.isSet(model) && demo) {
            window->selectModel(u"Post"_s);
            window->records()->setShowDeleted(true);
            try {
                if (const auto john = db.model(u"User"_s).findOne({.where = {{u"firstName"_s, u"John"_s}}}))
                    window->includeTree()->setRecord({u"User"_s, john->primaryKeyValue()});
            } catch (const orm::Error &e) {
                qCWarning(lcBrowser) << "screenshot:" << e.message();
            }
        }
        const QString path = QFileInfo(parser.value(screenshot)).absoluteFilePath();
        if (!window->saveScreenshot(path))
            return fail(QApplication::translate("main", "Cannot write the screenshot %1").arg(path));
        std::printf("%s\n", qPrintable(path));
        return 0;
    }
    window->show();
    QTimer::singleShot(0, window->diagram(), &DiagramView::fitAll);
    return app.exec();
}
