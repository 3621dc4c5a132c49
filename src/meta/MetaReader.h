// Reads a model class: Q_PROPERTYs are the attributes, Q_CLASSINFO carries the options.
//   Q_CLASSINFO("email", "allowNull=false unique isEmail")
//   Q_CLASSINFO("orm:options", "tableName=users timestamps paranoid underscored")
// Run-time models come from JSON, as sequelize.define(name, attributes, options).
#pragma once

#include <orm/ModelMeta.h>
#include <QJsonArray>
#include <QJsonObject>
#include <memory>

namespace orm::detail {

std::shared_ptr<ModelMeta> readMetaObject(const QMetaObject *mo, std::function<Ptr<Instance>()> factory);
std::shared_ptr<ModelMeta> readJsonModel(const QString &name, const QJsonObject &attributes, const QJsonObject &options);
// Attributes in column order: [{"name": "title", "type": "STRING", ...}, ...].
std::shared_ptr<ModelMeta> readJsonModel(const QString &name, const QJsonArray &attributes, const QJsonObject &options);
// One (name, type name or spec object) per attribute, in column order.
using JsonAttributes = QList<std::pair<QString, QJsonValue>>;
std::shared_ptr<ModelMeta> readJsonModel(const QString &name, const JsonAttributes &attributes, const QJsonObject &options);

} // namespace orm::detail
