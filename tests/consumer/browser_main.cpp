// Smoke test for an installed Quarry::BrowserWidgets: an application opens the model browser
// over its own database and models, offscreen, and it shows them.
#include <QuarryBrowser.h>
#include <orm/Orm.h>
#include <QApplication>
#include <QDebug>
#include <QPixmap>

class Note : public orm::Model<Note>
{
    Q_OBJECT
    Q_PROPERTY(qint64 id MEMBER id)
    Q_PROPERTY(QString text MEMBER text)
    Q_CLASSINFO("id", "primaryKey autoIncrement")
public:
    Q_INVOKABLE explicit Note(QObject *parent = nullptr) : Model(parent) {}
    qint64 id = 0;
    QString text;
};

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    orm::Database db = orm::Database::open(QStringLiteral("sqlite::memory:"));
    db.define<Note>();
    db.sync();
    Note::create({{QStringLiteral("text"), QStringLiteral("hello")}});

    quarry::browser::MainWindow browser(db);
    browser.show();
    if (browser.currentModel() != QLatin1String("Note")) {
        qCritical() << "the browser did not select the application's model:" << browser.currentModel();
        return 1;
    }
    if (!browser.saveScreenshot(QStringLiteral("browser.png"))) {
        qCritical() << "no screenshot";
        return 1;
    }
    return 0;
}

#include "browser_main.moc"
