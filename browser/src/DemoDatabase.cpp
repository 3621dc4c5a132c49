#include "DemoDatabase.h"

#include "BrowserLogging.h"
#include "ModelFile.h"

#include <orm/Errors.h>
#include <orm/Instance.h>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

// Outside any namespace, as Q_INIT_RESOURCE requires: the resources of the static library.
void initBrowserResources()
{
    Q_INIT_RESOURCE(quarry);
}

namespace quarry::browser {

using namespace Qt::StringLiterals;

QString DemoDatabase::defaultPath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + "/.local/share/quarry-browser"_L1;
    QDir().mkpath(dir);
    return dir + "/demo.sqlite"_L1;
}

void DemoDatabase::defineModels(const orm::Database &db)
{
    initBrowserResources();
    // The schema is data too (resources/demo/demo-models.json, in the --models format):
    // the same file a teacher can copy, edit and open with quarry-browser --models.
    ModelFile::define(db, u":/demo/demo-models.json"_s);
}

void DemoDatabase::seed(const orm::Database &db)
{
    initBrowserResources();
    QFile file(u":/demo/demo-data.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        throw orm::QueryError(QObject::tr("The demo data resource %1 is missing").arg(file.fileName()));
    QJsonParseError error;
    const QJsonObject data = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError)
        throw orm::QueryError(QObject::tr("The demo data is not valid JSON: %1").arg(error.errorString()));

    db.transaction([&] {
        QHash<QString, orm::Ptr<orm::Instance>> refs;
        for (const QJsonValue &v : data.value(u"records"_s).toArray()) {
            const QJsonObject r = v.toObject();
            QVariantMap values = r.value(u"values"_s).toObject().toVariantMap();
            for (auto it = values.begin(); it != values.end(); ++it) // "@john": John's key
                if (it->typeId() == QMetaType::QString && it->toString().startsWith(u'@'))
                    *it = refs.value(it->toString().mid(1))->primaryKeyValue();
            auto record = db.model(r.value(u"model"_s).toString()).create(values);
            if (r.contains(u"ref"_s))
                refs.insert(r.value(u"ref"_s).toString(), record);
            if (r.value(u"destroy"_s).toBool())
                record->destroy(); // soft: the model is paranoid
        }
        for (const QJsonValue &v : data.value(u"links"_s).toArray()) {
            const QJsonObject l = v.toObject();
            refs.value(l.value(u"from"_s).toString())
                ->add(l.value(u"association"_s).toString(), refs.value(l.value(u"to"_s).toString()),
                      l.value(u"through"_s).toObject().toVariantMap());
        }
    });
    qCInfo(lcBrowser) << "demo data created in" << db.url();
}

orm::Database DemoDatabase::open(const QString &url)
{
    orm::Database db = orm::Database::open(url);
    defineModels(db);
    db.sync();
    if (db.model(u"User"_s).count() == 0)
        seed(db);
    return db;
}

} // namespace quarry::browser
