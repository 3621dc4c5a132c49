#include <orm/Instance.h>

#include "load/FieldStore.h"
#include "load/InstanceAccess.h"
#include "ops/Operations.h"

#include <orm/Errors.h>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace orm {

using detail::nullValue;
using detail::Operations;

Instance::Instance(QObject *parent)
    : QObject(parent)
{
}

Instance::~Instance() = default;

ModelHandle Instance::resolveModel() const
{
    return {};
}

const ModelHandle &Instance::model() const
{
    if (!m_model.isValid()) {
        ModelHandle h = resolveModel();
        if (!h.isValid())
            throw DefinitionError(QStringLiteral("%1 is not attached to a model: create run-time instances with "
                                                 "ModelHandle::build()")
                                      .arg(QString::fromLatin1(metaObject()->className())));
        attach(h);
    }
    return m_model;
}

void Instance::attach(const ModelHandle &model) const
{
    m_model = model; // the slots are allocated on the first write to one (see readField)
}

namespace {
// A property in the model's resolved plan (FieldStores): its type is the field's, it is
// writable, and moc's accessor of its declaring class was found once. Null for every
// other field, which goes through QMetaProperty.
inline const detail::FieldStore *propertyStore(const ModelMeta &m, int index)
{
    if (!m.stores || m.stores->size() != m.fields.size()) // a model that was never finalized
        return nullptr;
    const detail::FieldStore &s = m.stores->at(index);
    return s.kind == detail::FieldStore::Property ? &s : nullptr;
}
} // namespace

QVariant Instance::readField(int index) const
{
    const ModelMeta &m = meta();
    const FieldMeta &f = m.fields.at(index);
    switch (f.storage) {
    case FieldMeta::Storage::Property: {
        if (const detail::FieldStore *s = propertyStore(m, index)) {
            QVariant v(f.metaType);
            int status = -1;
            void *argv[] = {v.data(), &v, &status}; // data(), not constData(): it clears the null flag
            s->invoke(const_cast<Instance *>(this), QMetaObject::ReadProperty, argv);
            if (status == -1 && argv[0] != v.constData())
                return QVariant(f.metaType, argv[0]); // the getter handed back a pointer instead
            return v;
        }
        return f.property.read(this); // a QVariant or read-only property, or another type
    }
    case FieldMeta::Storage::Dynamic: {
        QVariant v = property(f.propertyName.constData());
        return v.isValid() ? v : QVariant(f.metaType);
    }
    case FieldMeta::Storage::Slot:
        // The model may have grown a key since the slots were sized.
        if (f.slot < m_slots.size() && m_slots.at(f.slot).isValid())
            return m_slots.at(f.slot);
        // Not written since the row was loaded: only the ORM writes slots (they have no
        // member an application could change behind its back), so the value is the
        // snapshot's, and a loaded row needs no slot storage of its own.
        if (!m_isNew && index < m_previous.size())
            return m_previous.at(index);
        return QVariant(f.metaType);
    }
    return {};
}

void Instance::writeField(int index, const QVariant &value)
{
    const FieldMeta &f = meta().fields.at(index);
    const bool null = nullValue(value);
    // A null of the field's own type is stored as it is; any other null as the type's null.
    QVariant v = null && value.metaType() != f.metaType ? QVariant(f.metaType) : value;
    if (!null && v.metaType() != f.metaType) {
        if (f.type == FieldType::Enum && v.metaType().id() == QMetaType::QString) {
            bool ok = false;
            int e = f.metaEnum.keyToValue(v.toString().toLatin1().constData(), &ok);
            if (!ok)
                throw QueryError(QStringLiteral("%1.%2: '%3' is not a value of enum %4")
                                     .arg(meta().name, f.name, v.toString(), QString::fromLatin1(f.metaEnum.name())));
            v = QVariant(QMetaType::fromType<int>(), &e);
        }
        if (!v.convert(f.metaType))
            throw QueryError(QStringLiteral("%1.%2: the value '%3' (%4) cannot be stored in a %5 attribute")
                                 .arg(meta().name, f.name, value.toString(), QString::fromLatin1(value.typeName()),
                                      QString::fromLatin1(f.metaType.name())));
    }
    switch (f.storage) {
    case FieldMeta::Storage::Property:
        // moc's MEMBER setter skips a write when old == new, and a null QString equals "":
        // so "" over a null member would be lost (and later saved as NULL). Step through
        // a placeholder so the empty, non-null value really lands.
        if (!null && (f.type == FieldType::String || f.type == FieldType::Text || f.type == FieldType::Blob)) {
            const bool isString = v.metaType().id() == QMetaType::QString;
            const bool empty = isString ? static_cast<const QString *>(v.constData())->isEmpty() : v.toByteArray().isEmpty();
            if (empty && isNullValue(f.property.read(this)))
                f.property.write(this, isString ? QVariant(QStringLiteral("\x01")) : QVariant(QByteArray("\x01")));
        }
        if (const detail::FieldStore *s = propertyStore(meta(), index); s && v.metaType() == f.metaType) {
            // The value already has the property's type: straight to moc's setter, as
            // QMetaProperty::write ends up doing after copying and checking the value again.
            int status = -1, flags = 0;
            void *argv[] = {v.data(), &v, &status, &flags};
            s->invoke(this, QMetaObject::WriteProperty, argv);
        } else {
            f.property.write(this, std::move(v));
        }
        break;
    case FieldMeta::Storage::Dynamic:
        setProperty(f.propertyName.constData(), v);
        break;
    case FieldMeta::Storage::Slot:
        if (f.slot >= m_slots.size())
            m_slots.resize(meta().slotCount);
        m_slots[f.slot] = std::move(v);
        break;
    }
}

QVariant Instance::get(const QString &attribute) const
{
    const int i = meta().indexOf(attribute);
    if (i < 0)
        throw QueryError(QStringLiteral("%1 has no attribute '%2'").arg(meta().name, attribute));
    return readField(i);
}

void Instance::set(const QString &attribute, const QVariant &value)
{
    setAttribute(attribute, value);
}

void Instance::set(const Values &values)
{
    for (const Values::Entry &e : values)
        setAttribute(e.name.view(), e.value);
}

void Instance::setAttribute(QStringView attribute, const QVariant &value)
{
    const int i = meta().indexOf(attribute);
    if (i < 0)
        throw QueryError(QStringLiteral("%1 has no attribute '%2'; its attributes are %3")
                             .arg(meta().name, attribute.toString(), meta().attributeNames().join(QStringLiteral(", "))));
    if (meta().fields.at(i).isTimestamp())
        return; // maintained by the ORM
    writeField(i, value);
}

static bool sameValue(const QVariant &a, const QVariant &b)
{
    const bool an = isNullValue(a), bn = isNullValue(b);
    if (an != bn)
        return false;
    return an || a == b;
}

QStringList Instance::changed() const
{
    QStringList out;
    const ModelMeta &m = meta();
    for (int f = 0; f < m.fields.size(); ++f) {
        const QVariant now = readField(f);
        if (m_isNew ? !isNullValue(now) : !sameValue(now, m_previous.value(f)))
            out.append(m.fields.at(f).name);
    }
    return out;
}

bool Instance::changed(const QString &attribute) const
{
    const int i = meta().indexOf(attribute);
    if (i < 0)
        throw QueryError(QStringLiteral("%1 has no attribute '%2'").arg(meta().name, attribute));
    const QVariant now = readField(i);
    return m_isNew ? !isNullValue(now) : !sameValue(now, m_previous.value(i));
}

QVariant Instance::previous(const QString &attribute) const
{
    const int i = meta().indexOf(attribute);
    if (i < 0)
        throw QueryError(QStringLiteral("%1 has no attribute '%2'").arg(meta().name, attribute));
    return m_isNew ? QVariant() : m_previous.value(i);
}

QVariant Instance::primaryKeyValue() const
{
    const ModelMeta &m = meta();
    if (m.primaryKey.size() == 1)
        return readField(m.primaryKey.first());
    QVariantList key;
    for (int i : m.primaryKey)
        key.append(readField(i));
    return key;
}

bool Instance::isSoftDeleted() const
{
    return meta().isParanoid() && !isNullValue(readField(meta().deletedAt));
}

void Instance::save(const SaveOptions &options) { Operations::save(*this, options); }

void Instance::update(const Values &values, const SaveOptions &options)
{
    set(values);
    SaveOptions o = options;
    if (o.fields.isEmpty())
        o.fields = values.names();
    Operations::save(*this, o);
}

void Instance::reload() { Operations::reload(*this); }
void Instance::destroy(bool force) { Operations::destroy(*this, force); }
void Instance::restore() { Operations::restore(*this); }
void Instance::increment(const QString &attribute, const QVariant &by) { Operations::increment(*this, {{attribute, by}}, false); }
void Instance::increment(const QVariantMap &by) { Operations::increment(*this, by, false); }
void Instance::decrement(const QString &attribute, const QVariant &by) { Operations::increment(*this, {{attribute, by}}, true); }

QJsonObject Instance::toJson() const
{
    QJsonObject out;
    const ModelMeta &m = meta();
    for (int i = 0; i < m.fields.size(); ++i) {
        const FieldMeta &f = m.fields.at(i);
        const QVariant v = readField(i);
        if (isNullValue(v)) {
            out.insert(f.name, QJsonValue::Null);
            continue;
        }
        switch (f.type) {
        case FieldType::DateTime:
            out.insert(f.name, v.toDateTime().toUTC().toString(Qt::ISODateWithMs));
            break;
        case FieldType::Date:
            out.insert(f.name, v.toDate().toString(Qt::ISODate));
            break;
        case FieldType::Time:
            out.insert(f.name, v.toTime().toString(Qt::ISODateWithMs));
            break;
        case FieldType::Uuid:
            out.insert(f.name, v.toUuid().toString(QUuid::WithoutBraces));
            break;
        case FieldType::Blob:
            out.insert(f.name, QString::fromLatin1(v.toByteArray().toBase64()));
            break;
        case FieldType::Enum:
            out.insert(f.name, QString::fromLatin1(f.metaEnum.valueToKey(v.toInt())));
            break;
        default:
            out.insert(f.name, QJsonValue::fromVariant(v));
        }
    }
    // Included associations nest as Sequelize's toJSON nests them: one as an object (or
    // null), many as an array, and a belongsToMany target carries its junction row under
    // the junction model's name (user.Groups[0].UserGroups).
    for (const AssociationMeta &a : m.associations) {
        const Included *it = findIncluded(a.name);
        if (!it)
            continue;
        if (!a.isMany()) {
            out.insert(a.name, it->items.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(it->items.first()->toJson()));
            continue;
        }
        QJsonArray list;
        for (int i = 0; i < it->items.size(); ++i) {
            QJsonObject item = it->items.at(i)->toJson();
            if (const Ptr<Instance> link = it->through.value(i))
                item.insert(a.through, link->toJson());
            list.append(item);
        }
        out.insert(a.name, list);
    }
    return out;
}

} // namespace orm
