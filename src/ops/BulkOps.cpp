// Static update, destroy and restore (one statement for many rows) and bulkCreate.
#include "exec/Connection.h"
#include "load/InstanceAccess.h"
#include "ops/Operations.h"
#include "ops/OpsCommon.h"
#include "query/Statements.h"
#include "hooks/BulkHooks.h"
#include "hooks/HookRunner.h"
#include "validate/Runner.h"

#include <orm/Errors.h>
#include <QCoreApplication>

namespace orm::detail {

namespace {

// True when a where, by its structure alone, matches every row: empty, or built only of
// and/or/not around nothing (Where::allOf({}) from an empty filter list, Where{} && Where{}).
// The compiler skips empty parts of and/or; an and of nothing is true, an or of nothing false.
enum class Constant { True, False, Depends };
Constant constantOf(const Where &w)
{
    switch (w.kind()) {
    case Where::Empty:
        return Constant::True;
    case Where::Field:
        return Constant::Depends;
    case Where::Not: {
        const Constant c = constantOf(w.children().value(0));
        return c == Constant::True ? Constant::False : c == Constant::False ? Constant::True : Constant::Depends;
    }
    case Where::And:
    case Where::Or: {
        const bool isAnd = w.kind() == Where::And;
        bool all = true;
        for (const Where &c : w.children()) {
            if (c.isEmpty())
                continue;
            const Constant k = constantOf(c);
            if (k == (isAnd ? Constant::False : Constant::True))
                return k;
            if (k == Constant::Depends)
                all = false;
        }
        return all ? (isAnd ? Constant::True : Constant::False) : Constant::Depends;
    }
    }
    return Constant::Depends;
}

bool matchesEverything(const Where &w)
{
    return constantOf(w) == Constant::True;
}

// bulkCreate's multi-row INSERTs carry about this many bound values each.
constexpr int kValuesPerStatement = 2000;

// The shape of a multi-row INSERT: everything insertSql's text depends on besides the
// model, each list preceded by its length so that no two shapes run together.
ShapeKey insertShape(const ModelMeta &m, const InsertSpec &spec)
{
    ShapeKey k('B', m);
    k.add(spec.rows).add(spec.ignoreDuplicates ? 1 : 0);
    for (const QList<int> *list : {&spec.fields, &spec.returning, &spec.updateOnDuplicate, &spec.conflictFields}) {
        k.add(int(list->size()));
        for (int f : *list)
            k.add(f);
    }
    return k;
}

} // namespace

qint64 Operations::update(const ModelHandle &model, const QVariantMap &values, const UpdateOptions &o)
{
    if (o.hooks && hooksFor(model.meta(), Hook::BeforeBulkUpdate, o.individualHooks))
        return hookedUpdate(model, values, o); // comes back here with hooks off
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    QList<int> fields;
    QVariantList converted;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const int f = m.indexOf(it.key());
        if (f < 0)
            throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in update)").arg(m.name, it.key()));
        const FieldMeta &field = m.fields.at(f);
        if (field.isTimestamp())
            continue;
        QVariant v = it.value();
        if (!isNullValue(v) && v.metaType() != field.metaType && field.type != FieldType::Enum)
            v.convert(field.metaType);
        fields.append(f);
        converted.append(v);
    }
    // notNull always; the given values' validators unless validate = false.
    validateValues(m, fields, converted, o.validate);
    QList<SetClause> sets;
    for (int i = 0; i < fields.size(); ++i)
        sets.append({fields.at(i), d.dialect->toDb(m.fields.at(fields.at(i)), converted.at(i))});
    if (sets.isEmpty())
        return 0;
    if (m.updatedAt >= 0 && !o.silent)
        sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), nowUtc())});
    Executor ex(d);
    Cursor c = ex.run(updateSql(*d.dialect, m, sets, withParanoia(m, o.where, o.paranoid)), &m);
    const qint64 n = c.rowsAffected();
    if (n > 0)
        emitEvent(d, &DatabaseEvents::updated, m.name, QVariant()); // some rows of the model
    return n;
}

qint64 Operations::destroy(const ModelHandle &model, const DestroyOptions &o)
{
    if (o.hooks && hooksFor(model.meta(), Hook::BeforeBulkDestroy, o.individualHooks))
        return hookedDestroy(model, o); // comes back here with hooks off
    const ModelMeta &m = model.meta();
    if (matchesEverything(o.where) && !o.truncate)
        throw QueryError(QStringLiteral("%1::destroy without a where would delete every row; pass a where, or "
                                        "truncate = true to mean it")
                             .arg(m.name));
    DatabasePrivate &d = dbOf(model);
    Executor ex(d);
    if (m.isParanoid() && !o.force) {
        const QDateTime now = nowUtc();
        QList<SetClause> sets{{m.deletedAt, d.dialect->toDb(m.fields.at(m.deletedAt), now)}};
        if (m.updatedAt >= 0)
            sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), now)});
        Cursor c = ex.run(updateSql(*d.dialect, m, sets, withParanoia(m, o.where, true)), &m);
        const qint64 n = c.rowsAffected();
        if (n > 0)
            emitEvent(d, &DatabaseEvents::destroyed, m.name, QVariant());
        return n;
    }
    Cursor c = ex.run(deleteSql(*d.dialect, m, o.where), &m);
    const qint64 n = c.rowsAffected();
    if (n > 0)
        emitEvent(d, &DatabaseEvents::destroyed, m.name, QVariant());
    return n;
}

qint64 Operations::restore(const ModelHandle &model, const RestoreOptions &o)
{
    if (o.hooks && hooksFor(model.meta(), Hook::BeforeBulkRestore, o.individualHooks))
        return hookedRestore(model, o); // comes back here with hooks off
    const ModelMeta &m = model.meta();
    if (!m.isParanoid())
        throw QueryError(QStringLiteral("%1 is not paranoid: restore() needs the paranoid option").arg(m.name));
    if (matchesEverything(o.where) && !o.all)
        throw QueryError(QStringLiteral("%1::restore without a where would restore every row; pass a where, or "
                                        "all = true to mean it")
                             .arg(m.name));
    DatabasePrivate &d = dbOf(model);
    QList<SetClause> sets{{m.deletedAt, QVariant()}};
    if (m.updatedAt >= 0)
        sets.append({m.updatedAt, d.dialect->toDb(m.fields.at(m.updatedAt), nowUtc())});
    const Where deleted(m.fields.at(m.deletedAt).name, Op::notNull());
    const Where where = o.where.isEmpty() ? deleted : Where::allOf({o.where, deleted});
    Executor ex(d);
    Cursor c = ex.run(updateSql(*d.dialect, m, sets, where), &m);
    const qint64 n = c.rowsAffected();
    if (n > 0)
        emitEvent(d, &DatabaseEvents::restored, m.name, QVariant());
    return n;
}

namespace {

QList<int> conflictFieldsFor(const ModelMeta &m, const QList<int> &inserted)
{
    for (const IndexMeta &ix : m.indexes) {
        if (!ix.unique)
            continue;
        QList<int> fields;
        for (const QString &col : ix.columns) {
            const int f = m.indexOfColumn(col);
            if (f >= 0 && inserted.contains(f))
                fields.append(f);
        }
        if (fields.size() == ix.columns.size())
            return fields;
    }
    return m.primaryKey;
}

} // namespace

namespace {

// bulkCreate's work: build, beforeBulkCreate (when hooked), validate, insert.
QList<Ptr<Instance>> bulkInsert(const ModelHandle &model, const QList<Values> &records, const BulkCreateOptions &o,
                                bool hooked)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    const Dialect &dialect = *d.dialect;
    QList<Ptr<Instance>> instances;
    instances.reserve(records.size());
    const QVariant now = nowUtc(); // converted once, not once per record
    QList<ValidationErrorItem> failures;
    QStringList failedRecords;
    // The fields written (the fields option limits them), which are the fields validated.
    QList<int> checked;
    for (int f = 0; f < m.fields.size(); ++f)
        if (o.fields.isEmpty() || o.fields.contains(m.fields.at(f).name) || m.fields.at(f).isTimestamp()
            || m.fields.at(f).autoIncrement)
            checked.append(f);
    for (int r = 0; r < records.size(); ++r) {
        Ptr<Instance> instance = Operations::build(model, records.at(r));
        if (m.createdAt >= 0)
            InstanceAccess::write(*instance, m.createdAt, now);
        if (m.updatedAt >= 0)
            InstanceAccess::write(*instance, m.updatedAt, now);
        instances.append(instance);
    }
    // The hook sees the records as they will be validated and inserted, and may change them.
    if (hooked)
        runBulkCreateHook(m, Hook::BeforeBulkCreate, instances, o);
    // Each record's values by field, read once after the hook: they are what is validated,
    // what is written (validators see the instance as const: nothing changes it in between)
    // and, when the statement covers every field, the saved instance's snapshot.
    const int fieldCount = m.fields.size();
    QList<QVariantList> values(instances.size());
    for (int r = 0; r < instances.size(); ++r) {
        QVariantList &row = values[r];
        row.reserve(fieldCount);
        for (int f = 0; f < fieldCount; ++f)
            row.append(InstanceAccess::read(*instances.at(r), f));
        // notNull always; with validate, every validator too (model-wide ones included).
        const qsizetype before = failures.size();
        collectFailures(*instances.at(r), checked, {.validators = o.validate, .modelWide = o.validate, .record = r}, failures,
                        &row);
        if (failures.size() > before)
            failedRecords.append(QString::number(r));
    }
    if (!failures.isEmpty())
        throw ValidationError(QCoreApplication::translate("orm::Validation",
                                                          "%1::bulkCreate: records %2 failed validation; nothing was inserted (%3)")
                                  .arg(m.name, failedRecords.join(QStringLiteral(", ")), failures.first().message),
                              failures);
    if (instances.isEmpty())
        return instances;

    // Records with and without an explicit auto-increment key go in separate statements:
    // a NULL in an identity column is an error on PostgreSQL.
    int autoField = -1;
    for (int f = 0; f < m.fields.size(); ++f)
        if (m.fields.at(f).autoIncrement)
            autoField = f;
    QList<int> withKey, withoutKey;
    for (int r = 0; r < instances.size(); ++r) {
        const QVariant k = autoField >= 0 ? values.at(r).at(autoField) : QVariant();
        (autoField >= 0 && (nullValue(k) || k.toLongLong() == 0) ? withoutKey : withKey).append(r);
    }

    QList<int> update;
    for (const QString &name : o.updateOnDuplicate) {
        const int f = m.indexOf(name);
        if (f < 0)
            throw QueryError(QStringLiteral("%1 has no attribute '%2' (used in updateOnDuplicate)").arg(m.name, name));
        update.append(f);
    }

    Executor ex(d);
    QList<bool> whole(instances.size(), false); // set by insertGroup: values[r] is the snapshot
    // A unique key as comparable text: the values as the dialect binds them.
    auto keyOf = [&](const Instance &inst, const QList<int> &fields) {
        QStringList parts;
        for (int f : fields)
            parts.append(dialect.toDb(m.fields.at(f), InstanceAccess::read(inst, f)).toString());
        return parts.join(QChar(0x1f));
    };
    auto keyFromRow = [&](Cursor &c, const QList<int> &fields, int offset) {
        QStringList parts;
        for (int k = 0; k < fields.size(); ++k) {
            const FieldMeta &fm = m.fields.at(fields.at(k));
            parts.append(dialect.toDb(fm, dialect.fromDb(fm, c.value(offset + k))).toString());
        }
        return parts.join(QChar(0x1f));
    };
    auto hasNullKey = [&](const Instance &inst, const QList<int> &fields) {
        for (int f : fields)
            if (isNullValue(InstanceAccess::read(inst, f)))
                return true;
        return false;
    };
    // Reads back the generated keys of rows by their unique key: the rows an upsert
    // updated, the duplicates ignoreDuplicates skipped (they get the id of the row that
    // holds their key), and every row where the driver returns no ids (MySQL/MariaDB,
    // whose lastInsertId says nothing reliable about INSERT IGNORE or ON DUPLICATE KEY).
    auto readBackKeys = [&](const QList<int> &rows, const QList<int> &conflict) {
        const FieldMeta &key = m.fields.at(autoField);
        QList<int> missing;
        for (int r : rows) {
            const Instance &inst = *instances.at(r);
            const QVariant k = InstanceAccess::read(inst, autoField);
            if ((isNullValue(k) || k.toLongLong() == 0) && !hasNullKey(inst, conflict))
                missing.append(r);
        }
        const int per = qMax(1, qMin<int>(1000, dialect.maxBindParameters() / qMax<qsizetype>(1, conflict.size())));
        for (int start = 0; start < missing.size(); start += per) {
            const int n = qMin<int>(per, missing.size() - start);
            QHash<QString, QList<int>> byKey;
            QVariantList values;
            QList<Where> alternatives;
            for (int i = 0; i < n; ++i) {
                const int r = missing.at(start + i);
                const Instance &inst = *instances.at(r);
                QList<int> &same = byKey[keyOf(inst, conflict)];
                same.append(r);
                if (same.size() > 1)
                    continue;
                if (conflict.size() == 1) {
                    values.append(InstanceAccess::read(inst, conflict.first()));
                } else {
                    QList<Where> parts;
                    for (int f : conflict)
                        parts.append(Where(m.fields.at(f).name, Op::eq(InstanceAccess::read(inst, f))));
                    alternatives.append(Where::allOf(parts));
                }
            }
            SelectSpec select;
            select.fields = QList<int>{autoField} + conflict;
            select.where = conflict.size() == 1 ? Where(m.fields.at(conflict.first()).name, Op::in(values))
                                                : Where::anyOf(alternatives);
            Cursor c = ex.run(selectSql(dialect, m, select), &m);
            while (c.next()) {
                const QVariant id = dialect.fromDb(key, c.value(0));
                for (int r : byKey.value(keyFromRow(c, conflict, 1)))
                    InstanceAccess::write(*instances[r], autoField, id);
            }
        }
    };
    auto insertGroup = [&](const QList<int> &rows, bool generated) {
        if (rows.isEmpty())
            return;
        QList<int> fields;
        for (int f = 0; f < m.fields.size(); ++f)
            if (!(generated && f == autoField) && (o.fields.isEmpty() || o.fields.contains(m.fields.at(f).name)
                                                   || m.fields.at(f).isTimestamp() || f == autoField))
                fields.append(f);
        InsertSpec spec;
        spec.fields = fields;
        spec.ignoreDuplicates = o.ignoreDuplicates;
        spec.updateOnDuplicate = update;
        if (o.ignoreDuplicates || !update.isEmpty())
            spec.conflictFields = conflictFieldsFor(m, fields);
        // Rows are matched back by their unique key when one may collide. Without one (the
        // fallback is the generated key itself) no row can collide: ids come in order.
        const bool matchByKey = (o.ignoreDuplicates || !update.isEmpty()) && !spec.conflictFields.isEmpty()
                                && !spec.conflictFields.contains(autoField);
        if (generated && o.returning) {
            spec.returning = {autoField};
            if (matchByKey)
                spec.returning += spec.conflictFields;
        }
        // Every record got the same now in its timestamps (above): encode it once.
        const QVariantList &first = values.at(rows.first());
        const QVariant createdAt = m.createdAt >= 0 ? first.at(m.createdAt) : QVariant();
        const QVariant updatedAt = m.updatedAt >= 0 ? first.at(m.updatedAt) : QVariant();
        const QVariant createdAtDb = m.createdAt >= 0 ? dialect.toDb(m.fields.at(m.createdAt), createdAt) : QVariant();
        const QVariant updatedAtDb = m.updatedAt >= 0 ? dialect.toDb(m.fields.at(m.updatedAt), updatedAt) : QVariant();
        // The values read for the statement are the rows' snapshots too (saved() would read
        // them all again), when they cover every field but the generated key.
        const bool covers = fields.size() + (generated ? 1 : 0) == m.fields.size();
        // About 2,000 values per statement: more rows per statement stop paying off early, and
        // preparing one costs more than linearly in its placeholders (QtSql hands SQLite
        // named ones, which it matches one by one: 5,000 rows of 5 fields took 7 s, 400 take
        // 50 ms). What is left after the full statements goes in power-of-two row counts, so
        // that bulkCreates of any size reuse a few cached statements instead of preparing a
        // new one for each remainder.
        const int perStatement = qMax(1, qMin(dialect.maxBindParameters(), kValuesPerStatement)
                                             / int(qMax<qsizetype>(1, fields.size())));
        for (int start = 0, n = 0; start < rows.size(); start += n) {
            n = qMin<int>(perStatement, rows.size() - start);
            if (n < perStatement)
                n = 1 << (31 - qCountLeadingZeroBits(quint32(n))); // largest power of two <= n
            spec.rows = n;
            spec.values.clear();
            spec.values.reserve(n * fields.size());
            for (int i = 0; i < n; ++i) {
                const int r = rows.at(start + i);
                const QVariantList &row = values.at(r);
                whole[r] = covers;
                for (int f : fields) {
                    if (f == m.createdAt || f == m.updatedAt)
                        spec.values.append(f == m.createdAt ? createdAtDb : updatedAtDb);
                    else
                        spec.values.append(dialect.toDb(m.fields.at(f), row.at(f)));
                }
            }
            {
                // The text of a chunk of this shape is built once per connection, and its
                // prepared statement found by the shape (no hashing of ~10 k characters).
                const ShapeKey shape = insertShape(m, spec);
                const QByteArray shapeBytes = shape.bytes();
                Connection &conn = ex.connection();
                Sql sql;
                if (const QString *text = shape.valid() ? conn.cachedText(shapeBytes) : nullptr) {
                    sql.text = *text;
                    sql.bindings = std::move(spec.values);
                } else {
                    sql = insertSql(dialect, m, spec);
                    if (shape.valid())
                        conn.cacheText(shapeBytes, sql.text);
                }
                Cursor c = ex.run(sql, &m, shape.valid() ? &shapeBytes : nullptr);
                if (!generated || !o.returning)
                    continue;
                const FieldMeta &key = m.fields.at(autoField);
                if (matchByKey) {
                    if (dialect.supportsReturning()) {
                        // Skipped duplicates return no row: match the returned rows by their unique key.
                        QHash<QString, QList<int>> byConflict;
                        for (int i = 0; i < n; ++i)
                            byConflict[keyOf(*instances.at(rows.at(start + i)), spec.conflictFields)].append(rows.at(start + i));
                        while (c.next()) {
                            const QVariant id = dialect.fromDb(key, c.value(0));
                            for (int r : byConflict.value(keyFromRow(c, spec.conflictFields, 1)))
                                InstanceAccess::write(*instances[r], autoField, id);
                        }
                    }
                } else if (dialect.supportsReturning()) {
                    for (int i = 0; i < n && c.next(); ++i)
                        InstanceAccess::write(*instances[rows.at(start + i)], autoField, dialect.fromDb(key, c.value(0)));
                } else {
                    // MySQL: a multi-row insert takes consecutive ids from the first one.
                    const qlonglong first = c.query().lastInsertId().toLongLong();
                    for (int i = 0; i < n; ++i)
                        InstanceAccess::write(*instances[rows.at(start + i)], autoField, dialect.fromDb(key, first + i));
                }
            } // the insert's statement is released before the read-back
            if (matchByKey)
                readBackKeys(rows.mid(start, n), spec.conflictFields);
        }
    };
    ex.transaction([&] {
        insertGroup(withKey, false);
        if (autoField >= 0 && !withKey.isEmpty())
            dialect.afterExplicitKeys(ex, m, m.fields.at(autoField));
        insertGroup(withoutKey, true);
    });
    for (int r = 0; r < instances.size(); ++r) {
        Instance &inst = *instances[r];
        if (!whole.at(r)) {
            InstanceAccess::saved(inst);
            continue;
        }
        QVariantList &snapshot = values[r];
        if (autoField >= 0)
            snapshot[autoField] = InstanceAccess::read(inst, autoField);
        InstanceAccess::loaded(inst, std::move(snapshot));
    }
    return instances;
}

} // namespace

QList<Ptr<Instance>> Operations::bulkCreate(const ModelHandle &model, const QList<Values> &records,
                                            const BulkCreateOptions &o)
{
    const ModelMeta &m = model.meta();
    DatabasePrivate &d = dbOf(model);
    const bool hooked = o.hooks && hasModelHooks(m, hookBit(Hook::BeforeBulkCreate) | hookBit(Hook::AfterBulkCreate));
    QList<Ptr<Instance>> instances;
    // With hooks, one transaction from beforeBulkCreate to afterBulkCreate.
    inTransactionIf(d, hooked, [&] {
        instances = bulkInsert(model, records, o, hooked);
        if (hooked)
            runBulkCreateHook(m, Hook::AfterBulkCreate, instances, o);
        if (isConnected(d.events.data(), &DatabaseEvents::created))
            for (const Ptr<Instance> &i : instances)
                emitEvent(d, &DatabaseEvents::created, m.name, i->primaryKeyValue());
    });
    return instances;
}

} // namespace orm::detail
