// quarry-browser: the model browser over the demo database or any database.
//
//   quarry-browser                       the demo database (SQLite under the data directory)
//   quarry-browser --memory              a throwaway in-memory demo database
//   quarry-browser --db URL              any database; models come from introspection
//   quarry-browser --screenshot FILE.png renders the window offscreen, writes the PNG, exits
#include "BrowserLogging.h"
#include "DemoDatabase.h"
#include "DiagramView.h"
#include "MainWindow.h"
#include "RecordsView.h"
#include "SchemaIntrospector.h"

#include <orm/Errors.h>
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QMessageBox>
#include <QTimer>
#include <cstdio>

using namespace quarry::browser;
using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"quarry-browser"_s);
    QApplication::setOrganizationName(u"Quarry"_s);
    QApplication::setApplicationVersion(u"0.1"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Browse the models, relations and records of a Quarry database."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption memory(u"memory"_s, QApplication::translate("main", "Use a throwaway in-memory demo database."));
    const QCommandLineOption dbUrl(u"db"_s, QApplication::translate("main", "Open the database at URL (sqlite:FILE, postgres://..., mariadb://...); its models are introspected."), u"URL"_s);
    const QCommandLineOption screenshot(u"screenshot"_s, QApplication::translate("main", "Render the window to FILE.png and exit."), u"FILE"_s);
    const QCommandLineOption model(u"model"_s, QApplication::translate("main", "Select this model at start."), u"NAME"_s);
    parser.addOptions({memory, dbUrl, screenshot, model});
    parser.process(app);

    const bool headless = parser.isSet(screenshot);
    auto fail = [&](const QString &message) {
        qCCritical(lcBrowser).noquote() << message;
        if (!headless && QApplication::platformName() != "offscreen"_L1)
            QMessageBox::critical(nullptr, QApplication::translate("main", "Quarry model browser"), message);
        else
            std::fprintf(stderr, "quarry-browser: %s\n", qPrintable(message));
        return 1;
    };

    orm::Database db;
    bool demo = true;
    try {
        if (parser.isSet(dbUrl)) {
            demo = false;
            db = orm::Database::open(parser.value(dbUrl));
            SchemaIntrospector introspector;
            const QStringList models = introspector.defineModels(db);
            for (const QString &w : introspector.warnings())
                qCWarning(lcBrowser).noquote() << w;
            qCInfo(lcBrowser) << "introspected" << models.size() << "models";
        } else if (parser.isSet(memory)) {
            db = DemoDatabase::open(u"sqlite::memory:"_s);
        } else {
            db = DemoDatabase::open(u"sqlite:"_s + DemoDatabase::defaultPath());
        }
    } catch (const orm::Error &e) {
        return fail(QApplication::translate("main", "Cannot open the database: %1").arg(e.message()));
    }

    MainWindow window(db);
    if (parser.isSet(model))
        window.selectModel(parser.value(model));

    if (headless) {
        // The screenshot shows the paranoid Post table with its soft-deleted row.
        if (!parser.isSet(model) && demo) {
            window.selectModel(u"Post"_s);
            window.records()->setShowDeleted(true);
        }
        const QString path = QFileInfo(parser.value(screenshot)).absoluteFilePath();
        if (!window.saveScreenshot(path))
            return fail(QApplication::translate("main", "Cannot write the screenshot %1").arg(path));
        std::printf("%s\n", qPrintable(path));
        return 0;
    }
    window.show();
    QTimer::singleShot(0, window.diagram(), &DiagramView::fitAll);
    return app.exec();
}
