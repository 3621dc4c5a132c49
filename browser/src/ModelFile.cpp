#include "ModelFile.h"

#include <orm/Errors.h>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
orm::AssociationOptions associationOptions(const QJsonObject &o, const QString &where)
{
    static const QStringList known{u"as"_s, u"foreignKey"_s, u"sourceKey"_s, u"targetKey"_s, u"otherKey"_s, u"through"_s,
                                   u"onDelete"_s, u"onUpdate"_s, u"constraints"_s, u"foreignKeyAllowNull"_s};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "%1: unknown association option '%2' (known: %3)").arg(where, it.key(), known.join(u", "_s)));
    orm::AssociationOptions a;
    a.as = o.value(u"as"_s).toString();
    a.foreignKey = o.value(u"foreignKey"_s).toString();
    a.sourceKey = o.value(u"sourceKey"_s).toString();
    a.targetKey = o.value(u"targetKey"_s).toString();
    a.otherKey = o.value(u"otherKey"_s).toString();
    a.through = o.value(u"through"_s).toString();
    a.onDelete = o.value(u"onDelete"_s).toString();
    a.onUpdate = o.value(u"onUpdate"_s).toString();
    a.constraints = o.value(u"constraints"_s).toBool(true);
    if (o.contains(u"foreignKeyAllowNull"_s))
        a.foreignKeyAllowNull = o.value(u"foreignKeyAllowNull"_s).toBool();
    return a;
}
} // namespace

QStringList ModelFile::define(const orm::Database &db, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "Cannot read the model file %1: %2").arg(path, file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "The model file %1 is not valid JSON: %2 at offset %3").arg(path, error.errorString()).arg(error.offset));
    if (!doc.isObject())
        throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "The model file %1 must hold a JSON object with \"models\"").arg(path));
    return define(db, doc.object(), path);
}

QStringList ModelFile::define(const orm::Database &db, const QJsonObject &document, const QString &origin)
{
    orm::Database d = db;
    const QString source = origin.isEmpty() ? QCoreApplication::translate("ModelFile", "model definitions") : origin;
    // "models" is a list (definition order kept) or an object keyed by model name.
    QList<QPair<QString, QJsonObject>> models;
    const QJsonValue list = document.value(u"models"_s);
    if (list.isArray()) {
        for (const QJsonValue &v : list.toArray())
            models.append({v.toObject().value(u"name"_s).toString(), v.toObject()});
    } else if (list.isObject()) {
        const QJsonObject o = list.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            models.append({it.key(), it.value().toObject()});
    } else {
        throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "%1: \"models\" must be a list or an object of model definitions").arg(source));
    }
    QStringList names;
    for (const auto &[name, def] : std::as_const(models)) {
        if (name.isEmpty())
            throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "%1: a model without a \"name\"").arg(source));
        try {
            // An array keeps the columns in its order; an object (as in Sequelize) is read
            // in key order, because QJsonObject sorts its keys.
            const QJsonValue attributes = def.value(u"attributes"_s);
            if (attributes.isArray())
                d.define(name, attributes.toArray(), def.value(u"options"_s).toObject());
            else
                d.define(name, attributes.toObject(), def.value(u"options"_s).toObject());
        } catch (const orm::Error &e) {
            throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "%1: model %2: %3").arg(source, name, e.message()));
        }
        names << name;
    }
    const QJsonArray associations = document.value(u"associations"_s).toArray();
    for (int i = 0; i < associations.size(); ++i) {
        const QJsonObject a = associations.at(i).toObject();
        const QString from = a.value(u"source"_s).toString(), kind = a.value(u"kind"_s).toString(),
                      to = a.value(u"target"_s).toString();
        const QString where = QCoreApplication::translate("ModelFile", "%1: association %2 (%3.%4 %5)").arg(source).arg(i + 1).arg(from, kind, to);
        try {
            const orm::ModelHandle h = d.model(from);
            const orm::AssociationOptions o = associationOptions(a.value(u"options"_s).toObject(), where);
            if (kind == "hasOne"_L1)
                h.hasOne(to, o);
            else if (kind == "belongsTo"_L1)
                h.belongsTo(to, o);
            else if (kind == "hasMany"_L1)
                h.hasMany(to, o);
            else if (kind == "belongsToMany"_L1)
                h.belongsToMany(to, o);
            else
                throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "the kind must be hasOne, belongsTo, hasMany or belongsToMany"));
        } catch (const orm::Error &e) {
            throw orm::DefinitionError(QCoreApplication::translate("ModelFile", "%1: %2").arg(where, e.message()));
        }
    }
    if (document.value(u"sync"_s).toBool(true))
        d.sync();
    return names;
}

} // namespace quarry::browser
