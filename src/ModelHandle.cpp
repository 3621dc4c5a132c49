#include <orm/ModelHandle.h>

#include "ops/Operations.h"
#include "schema/Sync.h"

#include <orm/Database.h>
#include <orm/Errors.h>

namespace orm {

using detail::Operations;

Database ModelHandle::database() const
{
    return Database(m_db);
}

Ptr<Instance> ModelHandle::build(const Values &values) const
{
    return Operations::build(*this, values);
}

Ptr<Instance> ModelHandle::create(const Values &values, const CreateOptions &options) const
{
    Ptr<Instance> instance = Operations::build(*this, values);
    instance->save({.fields = options.fields, .silent = options.silent, .validate = options.validate,
                    .hooks = options.hooks});
    return instance;
}

QList<Ptr<Instance>> ModelHandle::findAll(const FindOptions &options) const
{
    return Operations::findAll(*this, options);
}

Ptr<Instance> ModelHandle::findOne(const FindOptions &options) const
{
    FindOptions o = options;
    o.limit = 1;
    QList<Ptr<Instance>> rows = Operations::findAll(*this, o);
    if (rows.isEmpty()) {
        if (options.rejectOnEmpty)
            throw EmptyResultError(QStringLiteral("%1: no row matches findOne").arg(m_meta->name));
        return {};
    }
    return rows.first();
}

Ptr<Instance> ModelHandle::findByPk(const QVariant &key, const FindOptions &options) const
{
    if (m_meta->primaryKey.isEmpty())
        throw QueryError(QStringLiteral("%1 has no primary key").arg(m_meta->name));
    FindOptions o = options;
    QList<Where> parts;
    if (m_meta->primaryKey.size() == 1) {
        parts.append(Where(m_meta->primaryKeyField().name, Op::eq(key)));
    } else {
        const QVariantList values = key.toList();
        if (values.size() != m_meta->primaryKey.size())
            throw QueryError(QStringLiteral("%1: findByPk needs %2 key values").arg(m_meta->name).arg(m_meta->primaryKey.size()));
        for (int i = 0; i < values.size(); ++i)
            parts.append(Where(m_meta->fields.at(m_meta->primaryKey.at(i)).name, Op::eq(values.at(i))));
    }
    if (!options.where.isEmpty())
        parts.append(options.where);
    o.where = parts.size() == 1 ? parts.first() : Where::allOf(parts);
    o.limit = 1;
    QList<Ptr<Instance>> rows = Operations::findAll(*this, o);
    if (rows.isEmpty()) {
        if (options.rejectOnEmpty)
            throw EmptyResultError(QStringLiteral("%1: no row with primary key %2").arg(m_meta->name, key.toString()));
        return {};
    }
    return rows.first();
}

std::pair<Ptr<Instance>, bool> ModelHandle::findOrCreate(const FindOrCreateOptions &options) const
{
    return Operations::findOrCreate(*this, options);
}

FindAndCountResult<Instance> ModelHandle::findAndCountAll(const FindOptions &options) const
{
    FindAndCountResult<Instance> r;
    r.count = Operations::count(*this, {.where = options.where, .include = options.include, .paranoid = options.paranoid});
    r.rows = Operations::findAll(*this, options);
    return r;
}

qint64 ModelHandle::count(const CountOptions &options) const
{
    return Operations::count(*this, options);
}

QList<GroupCount> ModelHandle::countGrouped(const CountOptions &options) const
{
    return Operations::countGrouped(*this, options);
}

QVariant ModelHandle::max(const QString &attribute, const AggregateOptions &options) const
{
    return Operations::aggregate(*this, QStringLiteral("MAX"), attribute, options);
}

QVariant ModelHandle::min(const QString &attribute, const AggregateOptions &options) const
{
    return Operations::aggregate(*this, QStringLiteral("MIN"), attribute, options);
}

QVariant ModelHandle::sum(const QString &attribute, const AggregateOptions &options) const
{
    return Operations::aggregate(*this, QStringLiteral("SUM"), attribute, options);
}

qint64 ModelHandle::update(const QVariantMap &values, const UpdateOptions &options) const
{
    return Operations::update(*this, values, options);
}

qint64 ModelHandle::destroy(const DestroyOptions &options) const
{
    return Operations::destroy(*this, options);
}

qint64 ModelHandle::restore(const RestoreOptions &options) const
{
    return Operations::restore(*this, options);
}

QList<Ptr<Instance>> ModelHandle::bulkCreate(const QList<QVariantMap> &records, const BulkCreateOptions &options) const
{
    return bulkCreate(QList<Values>(records.begin(), records.end()), options);
}

QList<Ptr<Instance>> ModelHandle::bulkCreate(const QList<Values> &records, const BulkCreateOptions &options) const
{
    return Operations::bulkCreate(*this, records, options);
}

void ModelHandle::sync(const SyncOptions &options) const
{
    detail::syncModels(*m_db, {m_meta}, options);
}

void ModelHandle::drop() const
{
    detail::dropModels(*m_db, {m_meta});
}

} // namespace orm

#include "assoc/Associate.h"
#include "exec/DatabasePrivate.h"

namespace orm {

AssociationMeta ModelHandle::hasOne(const QString &target, const AssociationOptions &o) const
{
    return detail::associate(*m_db, m_meta->name, AssociationKind::HasOne, target, o);
}

AssociationMeta ModelHandle::belongsTo(const QString &target, const AssociationOptions &o) const
{
    return detail::associate(*m_db, m_meta->name, AssociationKind::BelongsTo, target, o);
}

AssociationMeta ModelHandle::hasMany(const QString &target, const AssociationOptions &o) const
{
    return detail::associate(*m_db, m_meta->name, AssociationKind::HasMany, target, o);
}

AssociationMeta ModelHandle::belongsToMany(const QString &target, const AssociationOptions &o) const
{
    return detail::associate(*m_db, m_meta->name, AssociationKind::BelongsToMany, target, o);
}

} // namespace orm
