#include "meta/MetaReader.h"

#include "meta/ModelBuilder.h"
#include "meta/OptionParser.h"
#include "validate/Validators.h"

#include <orm/Errors.h>
#include <orm/Instance.h>
#include <QMetaClassInfo>
#include <QMetaObject>
#include <QJsonArray>
#include <QSet>
#include <QUuid>

namespace orm::detail {

namespace {

bool isTypeOption(const Option &o)
{
    if (o.key == QLatin1String("type"))
        return true;
    return !o.hasValue && !o.key.isEmpty() && o.key.at(0).isUpper();
}

// Applies type options first: a default's meaning depends on the type.
void applyOptions(ModelBuilder &b, FieldMeta &f, const QList<Option> &options)
{
    for (const Option &o : options)
        if (isTypeOption(o))
            b.applyFieldOption(f, o.key, o.value, o.hasValue);
    for (const Option &o : options)
        if (!isTypeOption(o))
            b.applyFieldOption(f, o.key, o.value, o.hasValue);
}

} // namespace

std::shared_ptr<ModelMeta> readMetaObject(const QMetaObject *mo, std::function<Ptr<Instance>()> factory)
{
    QString className = QString::fromLatin1(mo->className());
    className = className.mid(className.lastIndexOf(QLatin1Char(':')) + 1); // strip namespaces
    ModelBuilder b(className);

    // Attributes: the properties this class and its model bases declare, not QObject's.
    const int first = Instance::staticMetaObject.propertyCount();
    QHash<QString, int> propertyField;
    for (int i = first; i < mo->propertyCount(); ++i) {
        const QMetaProperty p = mo->property(i);
        FieldMeta f;
        f.name = QString::fromLatin1(p.name());
        f.propertyName = p.name();
        f.property = p;
        f.storage = FieldMeta::Storage::Property;
        f.metaType = p.metaType();
        if (!p.isWritable())
            throw DefinitionError(QStringLiteral("%1.%2: the property is read-only; give it MEMBER or WRITE")
                                      .arg(className, f.name));
        if (!fieldTypeFor(f.metaType, &f.type))
            throw DefinitionError(QStringLiteral("%1.%2: the C++ type %3 cannot be mapped to a column; use bool, int, "
                                                 "qint64, double, QString, QByteArray, QDate, QTime, QDateTime, QUuid, "
                                                 "QJsonObject, QJsonArray or a Q_ENUM")
                                      .arg(className, f.name, QString::fromLatin1(p.typeName())));
        if (f.type == FieldType::Enum) {
            f.metaEnum = p.enumerator();
            if (!f.metaEnum.isValid())
                throw DefinitionError(QStringLiteral("%1.%2: the enum %3 is not registered; declare it with Q_ENUM")
                                          .arg(className, f.name, QString::fromLatin1(p.typeName())));
        }
        propertyField.insert(f.name, i);
        b.addField(f);
    }

    // Options. Keys with "orm:" are ours; identifier keys name a property; anything else
    // ("QML.Element", "D-Bus Interface") belongs to someone else and is left alone.
    for (int i = 0; i < mo->classInfoCount(); ++i) {
        const QMetaClassInfo ci = mo->classInfo(i);
        const QString key = QString::fromUtf8(ci.name());
        const QString value = QString::fromUtf8(ci.value());
        if (key == QLatin1String("orm:options")) {
            for (const Option &o : parseOptions(value, className))
                b.applyModelOption(o.key, o.value, o.hasValue);
        } else if (key.startsWith(QLatin1String("orm:"))) {
            // Associations are read by the association layer; anything else is a typo.
            static const QStringList known = {QStringLiteral("orm:hasOne"), QStringLiteral("orm:hasMany"),
                                              QStringLiteral("orm:belongsTo"), QStringLiteral("orm:belongsToMany")};
            if (!known.contains(key))
                throw DefinitionError(QStringLiteral("%1: unknown class info '%2'; use orm:options, orm:hasOne, "
                                                     "orm:hasMany, orm:belongsTo or orm:belongsToMany")
                                          .arg(className, key));
        } else if (ModelBuilder::isValidIdentifier(key)) {
            FieldMeta *f = b.field(key);
            if (!f)
                throw DefinitionError(QStringLiteral("%1: Q_CLASSINFO(\"%2\", ...) names a property that %1 does not "
                                                     "declare (a typo, or a missing Q_PROPERTY?)")
                                          .arg(className, key));
            applyOptions(b, *f, parseOptions(value, className + QLatin1Char('.') + key));
        }
    }
    b.meta().metaObject = mo;
    b.meta().factory = std::move(factory);
    return b.finish();
}

std::shared_ptr<ModelMeta> readJsonModel(const QString &name, const JsonAttributes &attributes, const QJsonObject &options)
{
    ModelBuilder b(name);
    QSet<QString> seen; // an object cannot repeat a key, but a list or an array can
    for (const auto &[attribute, value] : attributes) {
        if (seen.contains(attribute))
            throw DefinitionError(QStringLiteral("%1.%2: the attribute is defined twice").arg(name, attribute));
        seen.insert(attribute);
        FieldMeta f;
        f.name = attribute;
        f.propertyName = attribute.toUtf8();
        f.storage = FieldMeta::Storage::Dynamic;
        b.addField(f);
        FieldMeta &field = *b.field(attribute);
        QJsonObject spec;
        if (value.isString())
            spec.insert(QStringLiteral("type"), value);
        else if (value.isObject())
            spec = value.toObject();
        else
            throw DefinitionError(QStringLiteral("%1.%2: an attribute is a type name or an object with \"type\"")
                                      .arg(name, attribute));
        if (!spec.contains(QStringLiteral("type")))
            throw DefinitionError(QStringLiteral("%1.%2: the attribute has no \"type\"").arg(name, attribute));
        b.applyType(field, spec.value(QStringLiteral("type")).toString());
        // The C++ type a run-time instance holds for each column type.
        switch (field.type) {
        case FieldType::Boolean: field.metaType = QMetaType::fromType<bool>(); break;
        case FieldType::Integer: field.metaType = QMetaType::fromType<int>(); break;
        case FieldType::BigInt: field.metaType = QMetaType::fromType<qlonglong>(); break;
        case FieldType::Double: field.metaType = QMetaType::fromType<double>(); break;
        case FieldType::Decimal:
        case FieldType::String:
        case FieldType::Text:
        case FieldType::Enum: field.metaType = QMetaType::fromType<QString>(); break;
        case FieldType::Blob: field.metaType = QMetaType::fromType<QByteArray>(); break;
        case FieldType::Date: field.metaType = QMetaType::fromType<QDate>(); break;
        case FieldType::Time: field.metaType = QMetaType::fromType<QTime>(); break;
        case FieldType::DateTime: field.metaType = QMetaType::fromType<QDateTime>(); break;
        case FieldType::Uuid: field.metaType = QMetaType::fromType<QUuid>(); break;
        case FieldType::Json: field.metaType = QMetaType::fromType<QJsonObject>(); break;
        }
        for (auto o = spec.begin(); o != spec.end(); ++o) {
            if (o.key() == QLatin1String("type"))
                continue;
            if (o.key() == QLatin1String("validate")) {
                field.validators += validatorTokensFromJson(o.value(), name + QLatin1Char('.') + attribute);
                continue;
            }
            b.applyFieldOption(field, o.key(), o.value().toVariant(), true);
        }
    }
    for (auto it = options.begin(); it != options.end(); ++it)
        b.applyModelOption(it.key(), it.value().toVariant(), true);
    return b.finish();
}

std::shared_ptr<ModelMeta> readJsonModel(const QString &name, const QJsonObject &attributes, const QJsonObject &options)
{
    JsonAttributes list;
    list.reserve(attributes.size());
    for (auto it = attributes.begin(); it != attributes.end(); ++it)
        list.append({it.key(), it.value()});
    return readJsonModel(name, list, options);
}

std::shared_ptr<ModelMeta> readJsonModel(const QString &name, const QJsonArray &attributes, const QJsonObject &options)
{
    JsonAttributes list;
    list.reserve(attributes.size());
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        const QJsonValue v = attributes.at(i);
        QJsonObject spec = v.toObject();
        const QString attribute = v.isString() ? v.toString() : spec.take(QStringLiteral("name")).toString();
        if (attribute.isEmpty())
            throw DefinitionError(QStringLiteral("%1: attribute #%2 has no \"name\" (an ordered attribute list holds "
                                                 "objects with a name, or names)")
                                      .arg(name)
                                      .arg(i + 1));
        list.append({attribute, v.isString() ? QJsonValue(QStringLiteral("STRING")) : QJsonValue(spec)});
    }
    return readJsonModel(name, list, options);
}

} // namespace orm::detail
