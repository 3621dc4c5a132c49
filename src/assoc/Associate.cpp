#include "assoc/Associate.h"

#include "exec/DatabasePrivate.h"
#include "meta/Inflector.h"
#include "meta/MetaReader.h"
#include "meta/ModelBuilder.h"
#include "meta/OptionParser.h"

#include <orm/Errors.h>
#include <QMetaClassInfo>

namespace orm::detail {

using namespace Inflector;

using orm::associationKindName;

namespace {

ModelMeta *mutableModel(DatabasePrivate &d, const QString &name)
{
    auto it = d.byName.find(name);
    return it == d.byName.end() ? nullptr : it.value().get();
}

const FieldMeta &keyField(const ModelMeta &m, const QString &attribute, const QString &role)
{
    if (attribute.isEmpty()) {
        if (m.primaryKey.size() != 1)
            throw DefinitionError(QStringLiteral("%1: associations need a single-column primary key, or an explicit %2")
                                      .arg(m.name, role));
        return m.primaryKeyField();
    }
    const FieldMeta *f = m.field(attribute);
    if (!f)
        throw DefinitionError(QStringLiteral("%1 has no attribute '%2' (given as %3)").arg(m.name, attribute, role));
    return *f;
}

// Adds (or adopts) the key field on holder, referencing referenced.column of refModel.
// Default actions apply when the key has none yet (the first side declared wins, as the
// pair hasMany + belongsTo share one key); explicit ones always apply.
void ensureForeignKey(ModelMeta &holder, const QString &name, const FieldMeta referenced /* a copy: holder may be refModel */, const ModelMeta &refModel,
                      std::optional<bool> allowNull, const QString &defaultOnDelete, const QString &defaultOnUpdate,
                      const AssociationOptions &explicitOptions, bool primaryKey)
{
    if (!ModelBuilder::isValidIdentifier(name))
        throw DefinitionError(QStringLiteral("%1: '%2' is not a valid foreign key name").arg(holder.name, name));
    int index = holder.indexOf(name);
    if (index < 0) {
        FieldMeta f;
        f.name = name;
        f.column = holder.options.underscored ? underscore(name) : name;
        if (holder.indexOfColumn(f.column) >= 0)
            throw DefinitionError(QStringLiteral("%1: the foreign key %2 would use column '%3', which is taken")
                                      .arg(holder.name, name, f.column));
        f.type = referenced.type == FieldType::Enum ? FieldType::String : referenced.type;
        f.length = referenced.length;
        f.implicit = true;
        // A key the ORM adds lives in the instance's slots, as the id and the timestamps
        // do, on run-time models too: only the attributes an application declares are
        // dynamic properties (QObject::setProperty costs ~2,000 instructions a value, and
        // a junction row is nothing but keys).
        f.metaType = (f.type == FieldType::Integer || f.type == FieldType::BigInt) ? QMetaType::fromType<qlonglong>()
                                                                                    : referenced.metaType;
        f.allowNull = allowNull.value_or(true);
        // Keys go before the timestamps, as Sequelize lays out the table.
        int at = holder.fields.size();
        while (at > 0 && holder.fields.at(at - 1).isTimestamp())
            --at;
        holder.fields.insert(at, f);
        holder.finalize();
        index = holder.indexOf(name);
    } else if (allowNull) {
        holder.fields[index].allowNull = *allowNull;
    }
    FieldMeta &f = holder.fields[index];
    if (primaryKey) {
        f.primaryKey = true;
        f.allowNull = false;
    }
    if (!explicitOptions.constraints) {
        f.references.reset();
    } else {
        const bool keep = f.references && f.references->table == refModel.tableName;
        FieldMeta::Reference r;
        r.model = refModel.name;
        r.table = refModel.tableName;
        r.column = referenced.column;
        r.onDelete = !explicitOptions.onDelete.isEmpty() ? explicitOptions.onDelete.toUpper()
                     : keep                               ? f.references->onDelete
                                                          : defaultOnDelete;
        r.onUpdate = !explicitOptions.onUpdate.isEmpty() ? explicitOptions.onUpdate.toUpper()
                     : keep                               ? f.references->onUpdate
                                                          : defaultOnUpdate;
        f.references = r;
    }
    holder.finalize();
}

QString actionOf(const ModelMeta &m, const QString &key, bool onDelete)
{
    const FieldMeta *f = m.field(key);
    if (!f || !f->references)
        return {};
    return onDelete ? f->references->onDelete : f->references->onUpdate;
}

QString keyName(const QString &base, const FieldMeta &key)
{
    return camelize(lowerFirst(base) + QLatin1Char('_') + key.name);
}

QStringList accessorNames(const AssociationMeta &a)
{
    const QString n = upperFirst(a.name), s = upperFirst(a.singular);
    if (!a.isMany())
        return {QStringLiteral("get") + n, QStringLiteral("set") + n, QStringLiteral("create") + n};
    QStringList names{QStringLiteral("get") + n, QStringLiteral("count") + n, QStringLiteral("has") + s, QStringLiteral("has") + n,
                      QStringLiteral("set") + n, QStringLiteral("add") + s, QStringLiteral("add") + n, QStringLiteral("remove") + s,
                      QStringLiteral("remove") + n, QStringLiteral("create") + s};
    names.removeDuplicates(); // "Following" is its own singular
    return names;
}

// The junction model of a belongsToMany: a defined model of that name, or an automatic one.
ModelMeta &junction(DatabasePrivate &d, const AssociationOptions &o, const ModelMeta &source, bool *automatic)
{
    if (o.through.isEmpty())
        throw DefinitionError(QStringLiteral("%1.belongsToMany needs through: a junction table name or model").arg(source.name));
    if (ModelMeta *m = mutableModel(d, o.through)) {
        *automatic = !m->metaObject && m->isJunction && m->fields.size() <= 4;
        return *m;
    }
    *automatic = true;
    QJsonObject opts{{QStringLiteral("tableName"), o.through}, {QStringLiteral("underscored"), source.options.underscored}};
    std::shared_ptr<ModelMeta> meta = readJsonModel(o.through, QJsonObject(), opts);
    meta->isJunction = true;
    d.order.append(meta->name);
    d.byName.insert(meta->name, meta);
    return *meta;
}

void dropImplicitId(ModelMeta &m)
{
    const int id = m.indexOf(QStringLiteral("id"));
    if (id >= 0 && m.fields.at(id).implicit && m.fields.at(id).primaryKey) {
        m.fields.removeAt(id);
        m.finalize();
    }
}

} // namespace

const AssociationMeta &associate(DatabasePrivate &d, const QString &sourceName, AssociationKind kind,
                                 const QString &targetName, const AssociationOptions &o)
{
    QMutexLocker lock(&d.mutex);
    ModelMeta *source = mutableModel(d, sourceName);
    ModelMeta *target = mutableModel(d, targetName);
    const QString kindName = associationKindName(kind);
    if (!source)
        throw DefinitionError(QStringLiteral("%1 is not defined on this database: define it before %1.%2(%3)")
                                  .arg(sourceName, kindName, targetName));
    if (!target)
        throw DefinitionError(QStringLiteral("%1.%2(%3): %3 was never defined on this database; call db.define<%3>() "
                                             "(or define it from JSON) before declaring the association")
                                  .arg(sourceName, kindName, targetName));
    const bool self = source == target;
    if (self && kind == AssociationKind::BelongsToMany && o.as.isEmpty())
        throw DefinitionError(QStringLiteral("%1.belongsToMany(%1) refers to itself: give it an alias with as, for "
                                             "example {.as = \"Followers\"}, so both ends can be told apart")
                                  .arg(sourceName));

    AssociationMeta a;
    a.kind = kind;
    a.source = source->name;
    a.target = target->name;
    a.hasAlias = !o.as.isEmpty();
    a.constraints = o.constraints;
    if (!o.as.isEmpty() && !ModelBuilder::isValidIdentifier(o.as))
        throw DefinitionError(QStringLiteral("%1.%2(%3): '%4' is not a valid alias").arg(sourceName, kindName, targetName, o.as));

    switch (kind) {
    case AssociationKind::BelongsTo: {
        const FieldMeta tk = keyField(*target, o.targetKey, QStringLiteral("targetKey"));
        a.name = a.singular = o.as.isEmpty() ? target->name : o.as;
        a.targetKey = tk.name;
        a.foreignKey = o.foreignKey.isEmpty() ? keyName(singularize(a.name), tk) : o.foreignKey;
        const FieldMeta *existing = source->field(a.foreignKey);
        const bool allowNull = o.foreignKeyAllowNull.value_or(existing ? existing->allowNull : true);
        ensureForeignKey(*source, a.foreignKey, tk, *target, allowNull,
                         allowNull ? QStringLiteral("SET NULL") : QStringLiteral("NO ACTION"), QStringLiteral("CASCADE"), o, false);
        a.onDelete = actionOf(*source, a.foreignKey, true);
        a.onUpdate = actionOf(*source, a.foreignKey, false);
        break;
    }
    case AssociationKind::HasOne:
    case AssociationKind::HasMany: {
        const FieldMeta sk = keyField(*source, o.sourceKey, QStringLiteral("sourceKey"));
        a.sourceKey = sk.name;
        if (kind == AssociationKind::HasOne) {
            a.name = a.singular = o.as.isEmpty() ? target->name : o.as;
            // Sequelize derives hasOne's key from the alias when there is one.
            a.foreignKey = o.foreignKey.isEmpty() ? keyName(singularize(o.as.isEmpty() ? source->name : o.as), sk) : o.foreignKey;
        } else {
            a.name = o.as.isEmpty() ? pluralize(target->name) : o.as;
            a.singular = o.as.isEmpty() ? target->name : singularize(o.as);
            a.foreignKey = o.foreignKey.isEmpty() ? keyName(source->name, sk) : o.foreignKey; // hasMany ignores as
        }
        const FieldMeta *existing = target->field(a.foreignKey);
        const bool allowNull = o.foreignKeyAllowNull.value_or(existing ? existing->allowNull : true);
        ensureForeignKey(*target, a.foreignKey, sk, *source, allowNull,
                         allowNull ? QStringLiteral("SET NULL") : QStringLiteral("CASCADE"), QStringLiteral("CASCADE"), o, false);
        a.onDelete = actionOf(*target, a.foreignKey, true);
        a.onUpdate = actionOf(*target, a.foreignKey, false);
        break;
    }
    case AssociationKind::BelongsToMany: {
        const FieldMeta sk = keyField(*source, o.sourceKey, QStringLiteral("sourceKey"));
        const FieldMeta tk = keyField(*target, o.targetKey, QStringLiteral("targetKey"));
        a.sourceKey = sk.name;
        a.targetKey = tk.name;
        a.name = o.as.isEmpty() ? pluralize(target->name) : o.as;
        a.singular = o.as.isEmpty() ? target->name : singularize(o.as);
        a.foreignKey = o.foreignKey.isEmpty() ? keyName(source->name, sk) : o.foreignKey;
        a.otherKey = !o.otherKey.isEmpty() ? o.otherKey : keyName(self ? singularize(o.as) : target->name, tk);
        if (a.foreignKey == a.otherKey)
            throw DefinitionError(QStringLiteral("%1.belongsToMany(%2): foreignKey and otherKey are both '%3'; set otherKey")
                                      .arg(sourceName, targetName, a.foreignKey));
        bool automatic = false;
        ModelMeta &j = junction(d, o, *source, &automatic);
        if (&j == source || &j == target)
            throw DefinitionError(QStringLiteral("%1.belongsToMany(%2): through cannot be one of the two models").arg(sourceName, targetName));
        a.through = j.name;
        a.throughIsAutomatic = automatic;
        const bool composite = j.primaryKey.size() != 1 || j.fields.at(j.primaryKey.first()).implicit;
        if (composite)
            dropImplicitId(j);
        j.isJunction = true;
        const QString cascade = QStringLiteral("CASCADE");
        ensureForeignKey(j, a.foreignKey, sk, *source, false, cascade, cascade, o, composite);
        ensureForeignKey(j, a.otherKey, tk, *target, false, cascade, cascade, o, composite);
        a.onDelete = actionOf(j, a.foreignKey, true);
        a.onUpdate = actionOf(j, a.foreignKey, false);
        if (!composite) {
            // A junction with its own key still holds each pair once.
            const QStringList cols{j.field(a.foreignKey)->column, j.field(a.otherKey)->column};
            bool have = false;
            for (const IndexMeta &ix : j.indexes)
                have = have || (ix.unique && QSet<QString>(ix.columns.begin(), ix.columns.end()) == QSet<QString>(cols.begin(), cols.end()));
            if (!have)
                j.indexes.append({j.tableName + QLatin1Char('_') + cols.join(QLatin1Char('_')) + QStringLiteral("_unique"), cols, true});
        }
        break;
    }
    }

    if (source->indexOf(a.name) >= 0)
        throw DefinitionError(QStringLiteral("%1.%2(%3): the association name '%4' collides with the attribute %1.%4; "
                                             "choose another name with as")
                                  .arg(sourceName, kindName, targetName, a.name));
    a.accessors = accessorNames(a);
    if (const AssociationMeta *existing = source->association(a.name)) {
        if (existing->kind == a.kind && existing->target == a.target && existing->foreignKey == a.foreignKey)
            return *existing; // declared twice the same way (class info and code): one association
        throw DefinitionError(QStringLiteral("%1 already has an association named '%2' (%3 %4); give this one another "
                                             "name with as")
                                  .arg(sourceName, a.name, associationKindName(existing->kind), existing->target));
    }
    // Link the inverse both ways, whichever side was declared first.
    for (AssociationMeta &other : target->associations)
        if (other.target == source->name && a.isInverseOf(other) && other.inverse.isEmpty()) {
            a.inverse = other.name;
            other.inverse = a.name;
            break;
        }
    source->associations.append(a);
    return source->associations.last();
}

void queueClassInfoAssociations(DatabasePrivate &d, const QMetaObject *mo, const QString &modelName)
{
    static const QList<QPair<QString, AssociationKind>> keys = {
        {QStringLiteral("orm:hasOne"), AssociationKind::HasOne},
        {QStringLiteral("orm:belongsTo"), AssociationKind::BelongsTo},
        {QStringLiteral("orm:hasMany"), AssociationKind::HasMany},
        {QStringLiteral("orm:belongsToMany"), AssociationKind::BelongsToMany}};
    for (int i = mo->classInfoOffset(); i < mo->classInfoCount(); ++i) {
        const QString key = QString::fromUtf8(mo->classInfo(i).name());
        for (const auto &[name, kind] : keys) {
            if (key != name)
                continue;
            const QString value = QString::fromUtf8(mo->classInfo(i).value());
            for (const QString &decl : value.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
                const QString context = modelName + QLatin1Char(' ') + key;
                const QList<Option> opts = parseOptions(decl, context);
                if (opts.isEmpty() || opts.first().hasValue)
                    throw DefinitionError(QStringLiteral("%1: \"%2\" must start with the target model's name").arg(context, decl));
                DatabasePrivate::PendingAssociation p;
                p.source = modelName;
                p.kind = kind;
                p.target = opts.first().key;
                for (int k = 1; k < opts.size(); ++k) {
                    const Option &o = opts.at(k);
                    AssociationOptions &a = p.options;
                    if (o.key == QLatin1String("as")) a.as = o.value;
                    else if (o.key == QLatin1String("foreignKey")) a.foreignKey = o.value;
                    else if (o.key == QLatin1String("sourceKey")) a.sourceKey = o.value;
                    else if (o.key == QLatin1String("targetKey")) a.targetKey = o.value;
                    else if (o.key == QLatin1String("otherKey")) a.otherKey = o.value;
                    else if (o.key == QLatin1String("through")) a.through = o.value;
                    else if (o.key == QLatin1String("onDelete")) a.onDelete = o.value;
                    else if (o.key == QLatin1String("onUpdate")) a.onUpdate = o.value;
                    else if (o.key == QLatin1String("allowNull")) a.foreignKeyAllowNull = o.value != QLatin1String("false");
                    else if (o.key == QLatin1String("constraints")) a.constraints = o.value != QLatin1String("false");
                    else
                        throw DefinitionError(QStringLiteral("%1: unknown association option '%2'; use as, foreignKey, "
                                                             "allowNull, sourceKey, targetKey, otherKey, through, onDelete, "
                                                             "onUpdate or constraints")
                                                  .arg(context, o.key));
                }
                QMutexLocker lock(&d.mutex);
                d.pending.append(p);
            }
        }
    }
}

void applyPendingAssociations(DatabasePrivate &d)
{
    QList<DatabasePrivate::PendingAssociation> ready;
    {
        QMutexLocker lock(&d.mutex);
        for (int i = 0; i < d.pending.size();) {
            const auto &p = d.pending.at(i);
            if (d.byName.contains(p.target)) {
                ready.append(p);
                d.pending.removeAt(i);
            } else {
                ++i;
            }
        }
    }
    for (const auto &p : ready)
        associate(d, p.source, p.kind, p.target, p.options);
}

void requireNoPendingAssociations(const DatabasePrivate &d)
{
    QMutexLocker lock(&d.mutex);
    if (d.pending.isEmpty())
        return;
    const auto &p = d.pending.first();
    throw DefinitionError(QStringLiteral("%1 declares %2 %3, but %3 was never defined on this database: call "
                                         "db.define<%3>()")
                              .arg(p.source, associationKindName(p.kind), p.target));
}

} // namespace orm::detail

namespace orm {
bool AssociationMeta::isInverseOf(const AssociationMeta &other) const
{
    if (other.source != target || other.target != source || &other == this)
        return false;
    switch (kind) {
    case AssociationKind::HasOne:
    case AssociationKind::HasMany:
        return other.kind == AssociationKind::BelongsTo && other.foreignKey == foreignKey;
    case AssociationKind::BelongsTo:
        return (other.kind == AssociationKind::HasOne || other.kind == AssociationKind::HasMany) && other.foreignKey == foreignKey;
    case AssociationKind::BelongsToMany:
        return other.kind == AssociationKind::BelongsToMany && other.through == through && other.foreignKey == otherKey
            && other.otherKey == foreignKey;
    }
    return false;
}

QString associationKindName(AssociationKind kind)
{
    switch (kind) {
    case AssociationKind::HasOne: return QStringLiteral("hasOne");
    case AssociationKind::BelongsTo: return QStringLiteral("belongsTo");
    case AssociationKind::HasMany: return QStringLiteral("hasMany");
    case AssociationKind::BelongsToMany: return QStringLiteral("belongsToMany");
    }
    return {};
}
} // namespace orm
