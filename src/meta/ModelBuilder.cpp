#include "meta/ModelBuilder.h"

#include "meta/Inflector.h"
#include "validate/Validators.h"

#include <orm/Errors.h>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>

namespace orm::detail {

namespace {
const QStringList &validatorNames()
{
    static const QStringList names = {
        QStringLiteral("isEmail"), QStringLiteral("isUrl"), QStringLiteral("isIP"), QStringLiteral("isIPv4"),
        QStringLiteral("isIPv6"), QStringLiteral("isAlpha"), QStringLiteral("isAlphanumeric"), QStringLiteral("isNumeric"),
        QStringLiteral("isInt"), QStringLiteral("isFloat"), QStringLiteral("isDecimal"), QStringLiteral("isLowercase"),
        QStringLiteral("isUppercase"), QStringLiteral("isUUID"), QStringLiteral("isDate"), QStringLiteral("isAfter"),
        QStringLiteral("isBefore"), QStringLiteral("isIn"), QStringLiteral("notIn"), QStringLiteral("contains"),
        QStringLiteral("notContains"), QStringLiteral("equals"), QStringLiteral("notEmpty"), QStringLiteral("len"),
        QStringLiteral("min"), QStringLiteral("max"), QStringLiteral("is"), QStringLiteral("not"),
        QStringLiteral("isCreditCard")};
    return names;
}

// Identifiers are limited to 63 characters: PostgreSQL cuts longer ones silently (so the
// next sync no longer finds the index it made), MariaDB refuses them. A longer generated
// index name keeps its start and ends with a hash of the whole name: unique and stable.
constexpr int maxIdentifier = 63;

QString boundedIndexName(const QString &full)
{
    if (full.size() <= maxIdentifier)
        return full;
    const QByteArray hash = QCryptographicHash::hash(full.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
    return full.left(maxIdentifier - 9) + QLatin1Char('_') + QString::fromLatin1(hash);
}

bool toBool(const QVariant &v, bool hasValue, bool *ok)
{
    *ok = true;
    if (!hasValue)
        return true;
    if (v.metaType().id() == QMetaType::Bool)
        return v.toBool();
    const QString s = v.toString().trimmed().toLower();
    if (s == QLatin1String("true") || s == QLatin1String("1") || s == QLatin1String("yes"))
        return true;
    if (s == QLatin1String("false") || s == QLatin1String("0") || s == QLatin1String("no"))
        return false;
    *ok = false;
    return false;
}
} // namespace

bool fieldTypeFor(QMetaType type, FieldType *out)
{
    if (type.flags() & QMetaType::IsEnumeration) {
        *out = FieldType::Enum;
        return true;
    }
    switch (type.id()) {
    case QMetaType::Bool: *out = FieldType::Boolean; return true;
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::UShort: *out = FieldType::Integer; return true;
    case QMetaType::UInt: // up to 4294967295: more than a 32-bit INTEGER holds
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong: *out = FieldType::BigInt; return true;
    case QMetaType::Double:
    case QMetaType::Float: *out = FieldType::Double; return true;
    case QMetaType::QString: *out = FieldType::String; return true;
    case QMetaType::QByteArray: *out = FieldType::Blob; return true;
    case QMetaType::QDate: *out = FieldType::Date; return true;
    case QMetaType::QTime: *out = FieldType::Time; return true;
    case QMetaType::QDateTime: *out = FieldType::DateTime; return true;
    case QMetaType::QUuid: *out = FieldType::Uuid; return true;
    case QMetaType::QJsonObject:
    case QMetaType::QJsonArray:
    case QMetaType::QJsonDocument: *out = FieldType::Json; return true;
    default: return false;
    }
}

ModelBuilder::ModelBuilder(QString modelName)
    : m_meta(std::make_shared<ModelMeta>())
{
    m_meta->name = std::move(modelName);
    if (!isValidIdentifier(m_meta->name))
        throw DefinitionError(QStringLiteral("'%1' is not a valid model name: use letters, digits and _ only, "
                                             "starting with a letter")
                                  .arg(m_meta->name));
}

bool ModelBuilder::isValidIdentifier(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
    return re.match(name).hasMatch();
}

bool ModelBuilder::isValidatorName(const QString &name)
{
    return validatorNames().contains(name);
}

void ModelBuilder::fail(const QString &field, const QString &what) const
{
    throw DefinitionError(field.isEmpty() ? QStringLiteral("%1: %2").arg(m_meta->name, what)
                                          : QStringLiteral("%1.%2: %3").arg(m_meta->name, field, what));
}

void ModelBuilder::addField(FieldMeta field)
{
    if (!isValidIdentifier(field.name))
        fail(field.name, QStringLiteral("'%1' is not a valid attribute name").arg(field.name));
    for (const FieldMeta &f : m_meta->fields)
        if (f.name == field.name)
            fail(field.name, QStringLiteral("declared twice"));
    m_meta->fields.append(std::move(field));
}

FieldMeta *ModelBuilder::field(const QString &name)
{
    for (FieldMeta &f : m_meta->fields)
        if (f.name == name)
            return &f;
    return nullptr;
}

void ModelBuilder::applyType(FieldMeta &f, const QString &typeName)
{
    static const QRegularExpression re(QStringLiteral("^([A-Za-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?$"));
    const auto m = re.match(typeName.trimmed());
    if (!m.hasMatch())
        fail(f.name, QStringLiteral("cannot read the type '%1'; use STRING(n), TEXT, DECIMAL(p,s), INTEGER, "
                                    "BIGINT, DOUBLE, BOOLEAN, DATE, DATEONLY, TIME, UUID, JSON or BLOB")
                         .arg(typeName));
    const QString base = m.captured(1).toUpper();
    FieldType t;
    if (base == QLatin1String("STRING") || base == QLatin1String("VARCHAR") || base == QLatin1String("CHAR")) {
        t = FieldType::String;
        if (!m.captured(2).isEmpty()) {
            f.length = m.captured(2).toInt();
            if (f.length <= 0 || f.length > 65535)
                fail(f.name, QStringLiteral("STRING length must be between 1 and 65535, not %1").arg(f.length));
        }
    } else if (base == QLatin1String("TEXT")) {
        t = FieldType::Text;
    } else if (base == QLatin1String("DECIMAL") || base == QLatin1String("NUMERIC")) {
        t = FieldType::Decimal;
        if (!m.captured(2).isEmpty())
            f.precision = m.captured(2).toInt();
        if (!m.captured(3).isEmpty())
            f.scale = m.captured(3).toInt();
        if (f.precision < 1 || f.precision > 65 || f.scale < 0 || f.scale > f.precision)
            fail(f.name, QStringLiteral("DECIMAL(%1,%2) is out of range").arg(f.precision).arg(f.scale));
    } else if (base == QLatin1String("INTEGER") || base == QLatin1String("INT")) {
        t = FieldType::Integer;
    } else if (base == QLatin1String("BIGINT")) {
        t = FieldType::BigInt;
    } else if (base == QLatin1String("DOUBLE") || base == QLatin1String("FLOAT") || base == QLatin1String("REAL")) {
        t = FieldType::Double;
    } else if (base == QLatin1String("BOOLEAN") || base == QLatin1String("BOOL")) {
        t = FieldType::Boolean;
    } else if (base == QLatin1String("DATE") || base == QLatin1String("DATETIME")) {
        t = FieldType::DateTime; // Sequelize's DATE is a timestamp
    } else if (base == QLatin1String("DATEONLY")) {
        t = FieldType::Date;
    } else if (base == QLatin1String("TIME")) {
        t = FieldType::Time;
    } else if (base == QLatin1String("UUID")) {
        t = FieldType::Uuid;
    } else if (base == QLatin1String("JSON") || base == QLatin1String("JSONB")) {
        t = FieldType::Json;
    } else if (base == QLatin1String("BLOB")) {
        t = FieldType::Blob;
    } else {
        fail(f.name, QStringLiteral("unknown type '%1'").arg(typeName));
    }
    // The C++ type must be able to hold the column's values.
    if (f.metaType.isValid()) {
        FieldType natural;
        const bool mapped = fieldTypeFor(f.metaType, &natural);
        auto compatible = [&] {
            if (!mapped)
                return false;
            if (t == natural)
                return true;
            const bool isString = natural == FieldType::String;
            switch (t) {
            case FieldType::String:
            case FieldType::Text: return isString;
            case FieldType::Decimal: return isString || natural == FieldType::Double;
            case FieldType::Integer: return natural == FieldType::BigInt;
            case FieldType::BigInt: return natural == FieldType::Integer;
            case FieldType::Uuid:
            case FieldType::Json: return isString;
            case FieldType::Blob: return isString;
            default: return false;
            }
        };
        if (!compatible())
            fail(f.name, QStringLiteral("type %1 does not fit the C++ type %2").arg(typeName, QString::fromLatin1(f.metaType.name())));
    }
    f.type = t;
}

QVariant ModelBuilder::parseDefault(const FieldMeta &f, const QVariant &value) const
{
    if (value.metaType().id() == QMetaType::QString || value.metaType().id() == QMetaType::QByteArray) {
        const QString s = value.toString();
        if (f.type == FieldType::Enum) {
            bool ok = false;
            f.metaEnum.keyToValue(s.toLatin1().constData(), &ok);
            if (!ok)
                fail(f.name, QStringLiteral("default '%1' is not a key of enum %2").arg(s, QString::fromLatin1(f.metaEnum.name())));
            return s;
        }
        if (f.type == FieldType::Json) {
            const QJsonDocument doc = QJsonDocument::fromJson(s.toUtf8());
            if (doc.isNull())
                fail(f.name, QStringLiteral("default '%1' is not JSON").arg(s));
            return doc.isArray() ? QVariant(doc.array()) : QVariant(doc.object());
        }
    }
    if (f.type == FieldType::Json) {
        if (value.metaType().id() == QMetaType::QJsonObject || value.metaType().id() == QMetaType::QJsonArray)
            return value;
    }
    QVariant v = value;
    const QMetaType target = f.metaType.isValid() ? f.metaType : QMetaType::fromType<QString>();
    if (f.type == FieldType::Boolean && v.metaType().id() == QMetaType::QString) {
        bool ok = false;
        const bool b = toBool(v, true, &ok);
        if (!ok)
            fail(f.name, QStringLiteral("default '%1' is not a boolean").arg(v.toString()));
        return b;
    }
    if (f.type == FieldType::DateTime && v.metaType().id() == QMetaType::QString) {
        QDateTime dt = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (!dt.isValid())
            fail(f.name, QStringLiteral("default '%1' is not an ISO date-time (or NOW)").arg(v.toString()));
        return dt.toUTC();
    }
    if (!v.convert(target))
        fail(f.name, QStringLiteral("default '%1' cannot be converted to %2").arg(value.toString(), QString::fromLatin1(target.name())));
    return v;
}

void ModelBuilder::applyFieldOption(FieldMeta &f, const QString &key, const QVariant &value, bool hasValue)
{
    bool ok = true;
    if (key == QLatin1String("primaryKey")) {
        f.primaryKey = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("autoIncrement")) {
        f.autoIncrement = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("allowNull")) {
        f.allowNull = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("unique")) {
        const bool b = toBool(value, hasValue, &ok);
        if (!ok) { // a group name: a composite unique key
            if (!isValidIdentifier(value.toString()))
                fail(f.name, QStringLiteral("unique group '%1' is not a valid name").arg(value.toString()));
            f.unique = true;
            f.uniqueGroup = value.toString();
            ok = true;
        } else {
            f.unique = b;
        }
    } else if (key == QLatin1String("index")) {
        const bool b = toBool(value, hasValue, &ok);
        if (!ok) {
            if (!isValidIdentifier(value.toString()))
                fail(f.name, QStringLiteral("index name '%1' is not a valid name").arg(value.toString()));
            f.index = true;
            m_indexNames.insert(f.name, value.toString());
            ok = true;
        } else {
            f.index = b;
        }
    } else if (key == QLatin1String("field")) {
        const QString column = value.toString();
        if (!hasValue || !isValidIdentifier(column))
            fail(f.name, QStringLiteral("field (column name) '%1' is not a valid name").arg(column));
        m_explicitColumns.insert(f.name, column);
    } else if (key == QLatin1String("type")) {
        if (!hasValue)
            fail(f.name, QStringLiteral("type needs a value, for example type=STRING(100)"));
        applyType(f, value.toString());
    } else if (key == QLatin1String("defaultValue")) {
        if (!hasValue)
            fail(f.name, QStringLiteral("defaultValue needs a value, for example defaultValue=NOW"));
        const QString s = value.metaType().id() == QMetaType::QString ? value.toString() : QString();
        if (s == QLatin1String("NOW")) {
            if (f.type != FieldType::DateTime && f.type != FieldType::Date && f.type != FieldType::Time)
                fail(f.name, QStringLiteral("defaultValue=NOW needs a date or time field"));
            f.defaultKind = FieldMeta::Default::Now;
        } else if (s == QLatin1String("UUIDV4")) {
            if (f.type != FieldType::Uuid && f.type != FieldType::String)
                fail(f.name, QStringLiteral("defaultValue=UUIDV4 needs a QUuid or QString field"));
            f.defaultKind = FieldMeta::Default::UuidV4;
        } else if (value.isNull() && value.metaType().id() != QMetaType::QString) {
            f.defaultKind = FieldMeta::Default::None;
        } else {
            f.defaultKind = FieldMeta::Default::Literal;
            f.defaultValue = parseDefault(f, value);
        }
    } else if (key == QLatin1String("comment")) {
        f.comment = value.toString();
    } else if (isValidatorName(key)) {
        f.validators.append(hasValue ? key + QLatin1Char('=') + value.toString() : key);
    } else if (key.startsWith(QLatin1String("msg:"))) { // msg:isEmail='...' (checked when compiled)
        if (!hasValue)
            fail(f.name, QStringLiteral("%1 needs the message: %1='...'").arg(key));
        f.validators.append(key + QLatin1Char('=') + value.toString());
    } else {
        // A bare type token: Q_CLASSINFO("bio", "TEXT")
        static const QRegularExpression typeToken(QStringLiteral("^[A-Z]+(\\(.*\\))?$"));
        if (!hasValue && typeToken.match(key).hasMatch()) {
            applyType(f, key);
            return;
        }
        fail(f.name, QStringLiteral("unknown option '%1'. Field options are primaryKey, autoIncrement, allowNull, "
                                    "unique, defaultValue, field, type, index, comment and the validators")
                         .arg(key));
    }
    if (!ok)
        fail(f.name, QStringLiteral("option %1 expects true or false, not '%2'").arg(key, value.toString()));
}

void ModelBuilder::applyModelOption(const QString &key, const QVariant &value, bool hasValue)
{
    ModelOptions &o = m_meta->options;
    bool ok = true;
    auto timestampName = [&](QString &slot) {
        const bool b = toBool(value, hasValue, &ok);
        if (ok) {
            if (!b)
                slot.clear();
            return;
        }
        ok = true;
        if (!isValidIdentifier(value.toString()))
            fail({}, QStringLiteral("option %1: '%2' is not a valid attribute name").arg(key, value.toString()));
        slot = value.toString();
    };
    if (key == QLatin1String("tableName")) {
        if (!hasValue || !isValidIdentifier(value.toString()))
            fail({}, QStringLiteral("tableName '%1' is not a valid table name").arg(value.toString()));
        o.tableName = value.toString();
    } else if (key == QLatin1String("timestamps")) {
        o.timestamps = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("paranoid")) {
        o.paranoid = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("underscored")) {
        o.underscored = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("freezeTableName")) {
        o.freezeTableName = toBool(value, hasValue, &ok);
    } else if (key == QLatin1String("createdAt")) {
        timestampName(o.createdAt);
    } else if (key == QLatin1String("updatedAt")) {
        timestampName(o.updatedAt);
    } else if (key == QLatin1String("deletedAt")) {
        timestampName(o.deletedAt);
    } else if (key == QLatin1String("comment")) {
        o.comment = value.toString();
    } else {
        fail({}, QStringLiteral("unknown model option '%1'. Model options are tableName, timestamps, paranoid, "
                                "underscored, freezeTableName, createdAt, updatedAt, deletedAt and comment")
                     .arg(key));
    }
    if (!ok)
        fail({}, QStringLiteral("option %1 expects true or false, not '%2'").arg(key, value.toString()));
}

std::shared_ptr<ModelMeta> ModelBuilder::finish()
{
    ModelMeta &m = *m_meta;
    const ModelOptions &o = m.options;

    // Table name, as Sequelize: tableName verbatim, else the (pluralized) model name.
    if (!o.tableName.isEmpty())
        m.tableName = o.tableName;
    else if (o.freezeTableName)
        m.tableName = m.name;
    else
        m.tableName = o.underscored ? Inflector::underscore(Inflector::pluralize(m.name)) : Inflector::pluralize(m.name);
    if (m.tableName.size() > maxIdentifier)
        fail({}, QStringLiteral("the table name '%1' is longer than %2 characters; give a shorter tableName")
                     .arg(m.tableName).arg(maxIdentifier));

    // Implicit primary key.
    bool hasPk = false;
    for (const FieldMeta &f : m.fields)
        hasPk = hasPk || f.primaryKey;
    if (!hasPk) {
        if (FieldMeta *id = field(QStringLiteral("id"))) {
            id->primaryKey = true;
            id->autoIncrement = id->type == FieldType::Integer || id->type == FieldType::BigInt;
        } else {
            FieldMeta implicitId;
            implicitId.name = QStringLiteral("id");
            implicitId.type = FieldType::Integer;
            implicitId.metaType = QMetaType::fromType<qlonglong>();
            implicitId.primaryKey = true;
            implicitId.autoIncrement = true;
            implicitId.implicit = true;
            m.fields.prepend(implicitId);
        }
    }

    // Timestamps: a declared property of that name is used as storage, else a slot.
    auto addTimestamp = [&](const QString &name, FieldMeta::Role role) {
        if (name.isEmpty())
            return;
        FieldMeta *f = field(name);
        if (!f) {
            FieldMeta ts;
            ts.name = name;
            ts.implicit = true;
            ts.type = FieldType::DateTime;
            ts.metaType = QMetaType::fromType<QDateTime>();
            m.fields.append(ts);
            f = &m.fields.last();
        } else if (f->type != FieldType::DateTime) {
            fail(name, QStringLiteral("the timestamp property must be a QDateTime"));
        }
        f->role = role;
        f->allowNull = role == FieldMeta::Role::DeletedAt;
    };
    if (o.paranoid && !o.timestamps)
        fail({}, QStringLiteral("paranoid needs timestamps: a soft delete is recorded in deletedAt"));
    if (o.timestamps) {
        addTimestamp(o.createdAt, FieldMeta::Role::CreatedAt);
        addTimestamp(o.updatedAt, FieldMeta::Role::UpdatedAt);
        if (o.paranoid) {
            if (o.deletedAt.isEmpty())
                fail({}, QStringLiteral("paranoid needs deletedAt; it cannot be turned off"));
            addTimestamp(o.deletedAt, FieldMeta::Role::DeletedAt);
        }
    }

    // Columns, storage and checks.
    m.primaryKey.clear();
    QHash<QString, QString> columns;
    for (int i = 0; i < m.fields.size(); ++i) {
        FieldMeta &f = m.fields[i];
        f.column = m_explicitColumns.value(f.name, o.underscored ? Inflector::underscore(f.name) : f.name);
        if (f.column.size() > maxIdentifier)
            fail(f.name, QStringLiteral("the column name '%1' is longer than %2 characters; give a shorter field")
                             .arg(f.column).arg(maxIdentifier));
        if (columns.contains(f.column))
            fail(f.name, QStringLiteral("column '%1' is already used by %2").arg(f.column, columns.value(f.column)));
        columns.insert(f.column, f.name);
        if (f.primaryKey) {
            m.primaryKey.append(i);
            f.allowNull = false;
        }
        if (f.autoIncrement && !f.primaryKey)
            fail(f.name, QStringLiteral("autoIncrement needs primaryKey"));
        if (f.autoIncrement && f.type != FieldType::Integer && f.type != FieldType::BigInt)
            fail(f.name, QStringLiteral("autoIncrement needs an integer field"));
        if (f.storage == FieldMeta::Storage::Slot)
            f.slot = m.slotCount++;
        if (f.role == FieldMeta::Role::CreatedAt)
            m.createdAt = i;
        else if (f.role == FieldMeta::Role::UpdatedAt)
            m.updatedAt = i;
        else if (f.role == FieldMeta::Role::DeletedAt)
            m.deletedAt = i;
    }
    if (m.primaryKey.size() > 1)
        for (int i : m.primaryKey)
            if (m.fields.at(i).autoIncrement)
                fail(m.fields.at(i).name, QStringLiteral("autoIncrement cannot be part of a composite primary key"));

    // Indexes: one per unique field, one per unique group, one per index option.
    m.indexes.clear();
    QHash<QString, int> groups;
    for (const FieldMeta &f : m.fields) {
        if (f.unique && !f.primaryKey) {
            if (f.uniqueGroup.isEmpty()) {
                m.indexes.append({boundedIndexName(m.tableName + QLatin1Char('_') + f.column + QStringLiteral("_unique")), {f.column}, true});
            } else if (groups.contains(QStringLiteral("u:") + f.uniqueGroup)) {
                m.indexes[groups.value(QStringLiteral("u:") + f.uniqueGroup)].columns.append(f.column);
            } else {
                groups.insert(QStringLiteral("u:") + f.uniqueGroup, m.indexes.size());
                m.indexes.append({boundedIndexName(m.tableName + QLatin1Char('_') + f.uniqueGroup + QStringLiteral("_unique")), {f.column}, true});
            }
        }
        if (f.index) {
            const QString name = m_indexNames.value(f.name);
            if (name.isEmpty()) {
                m.indexes.append({boundedIndexName(m.tableName + QLatin1Char('_') + f.column), {f.column}, false});
            } else if (groups.contains(QStringLiteral("i:") + name)) {
                m.indexes[groups.value(QStringLiteral("i:") + name)].columns.append(f.column);
            } else {
                groups.insert(QStringLiteral("i:") + name, m.indexes.size());
                m.indexes.append({name, {f.column}, false});
            }
        }
    }
    // Two keys of one name (a unique group called like a unique column, an index named
    // like another) would make the second CREATE INDEX fail in the database.
    QHash<QString, int> indexNames;
    for (const IndexMeta &ix : m.indexes) {
        if (indexNames.contains(ix.name))
            fail({}, QStringLiteral("two indexes are named '%1'; rename the unique group or the index").arg(ix.name));
        indexNames.insert(ix.name, 1);
    }
    for (FieldMeta &f : m.fields)
        f.model = m.name; // errors about a value name its model (Dialect::toDb)
    compileValidators(m); // every validator token parsed once, here
    m.finalize();
    return m_meta;
}

} // namespace orm::detail
