#include "BelongsToManyChecklist.h"

#include "AsyncWatch.h"
#include "FieldEditorFactory.h"
#include "RecordLabel.h"

#include <orm/Async.h>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;

BelongsToManyChecklist::BelongsToManyChecklist(const orm::Database &db, const orm::AssociationMeta &association,
                                               const QVariant &sourceKey, QWidget *parent)
    : QWidget(parent), m_db(db), m_association(association), m_table(new QTableWidget(this))
{
    const orm::ModelHandle junction = db.model(association.through);
    for (const orm::FieldMeta &f : junction.meta().fields) {
        // The two keys are the checklist itself; ids and timestamps are the ORM's.
        if (f.name == association.foreignKey || f.name == association.otherKey || f.isTimestamp()
            || (f.primaryKey && f.autoIncrement) || f.type == orm::FieldType::Blob)
            continue;
        m_throughFields.append(f.name);
    }
    m_table->setColumnCount(1 + int(m_throughFields.size()));
    QStringList headers{association.target};
    for (const QString &f : std::as_const(m_throughFields))
        headers << tr("%1 (%2)").arg(f, association.through);
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setMinimumHeight(120);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);

    const orm::ModelHandle target = db.model(association.target);
    const QString targetKey = association.targetKey;
    QList<orm::OrderBy> order;
    for (int i : target.meta().primaryKey)
        order.append(orm::OrderBy(target.meta().fields.at(i).name));
    watchFuture(
        this, db.async().run([target, order, targetKey] {
            QList<Target> out;
            for (const auto &r : target.findAll({.order = order, .limit = maxRecords}))
                out.append({r->get(targetKey), recordLabel(*r)});
            return out;
        }),
        [this](const QList<Target> &targets) { fillTargets(targets); },
        [this](const QString &message) {
            m_table->setRowCount(1);
            m_table->setItem(0, 0, new QTableWidgetItem(tr("Cannot read %1: %2").arg(m_association.target, message)));
            m_targetsLoaded = true;
            if (isLoaded())
                emit loaded();
        });

    if (!sourceKey.isValid()) {
        m_linksLoaded = true;
        return;
    }
    const QString fk = association.foreignKey, other = association.otherKey;
    const QStringList fields = m_throughFields;
    watchFuture(
        this, db.async().run([junction, fk, other, fields, sourceKey] {
            QHash<QString, QVariantMap> links;
            for (const auto &row : junction.findAll({.where = orm::Where(fk, orm::Term(sourceKey))})) {
                QVariantMap values;
                for (const QString &f : fields)
                    values.insert(f, row->get(f));
                links.insert(row->get(other).toString(), values);
            }
            return links;
        }),
        [this](const QHash<QString, QVariantMap> &links) {
            m_links = links;
            m_linksLoaded = true;
            applyLinks();
            if (isLoaded())
                emit loaded();
        },
        [this](const QString &) {
            m_linksLoaded = true;
            if (isLoaded())
                emit loaded();
        });
}

void BelongsToManyChecklist::fillTargets(const QList<Target> &targets)
{
    const orm::ModelMeta &junction = m_db.model(m_association.through).meta();
    m_table->setRowCount(int(targets.size()));
    for (int r = 0; r < targets.size(); ++r) {
        auto *item = new QTableWidgetItem(targets.at(r).label);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(Qt::UserRole, targets.at(r).key);
        m_table->setItem(r, 0, item);
        for (int c = 0; c < m_throughFields.size(); ++c) {
            FieldEditor *e = FieldEditorFactory::create(*junction.field(m_throughFields.at(c)));
            e->setEnabled(false); // until the row is checked
            m_table->setCellWidget(r, c + 1, e);
        }
    }
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != 0)
            return;
        for (int c = 1; c < m_table->columnCount(); ++c)
            if (QWidget *w = m_table->cellWidget(item->row(), c))
                w->setEnabled(item->checkState() == Qt::Checked);
    });
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    m_targetsLoaded = true;
    applyLinks();
    if (isLoaded())
        emit loaded();
}

void BelongsToManyChecklist::applyLinks()
{
    if (!isLoaded())
        return;
    for (auto it = m_links.cbegin(); it != m_links.cend(); ++it) {
        const int r = rowOf(it.key());
        if (r < 0)
            continue;
        m_table->item(r, 0)->setCheckState(Qt::Checked);
        for (int c = 0; c < m_throughFields.size(); ++c)
            static_cast<FieldEditor *>(m_table->cellWidget(r, c + 1))->setValue(it.value().value(m_throughFields.at(c)));
    }
}

int BelongsToManyChecklist::rowOf(const QVariant &key) const
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (QTableWidgetItem *item = m_table->item(r, 0))
            if (item->data(Qt::UserRole).isValid() && item->data(Qt::UserRole).toString() == key.toString())
                return r;
    return -1;
}

int BelongsToManyChecklist::rowOfLabel(const QString &text) const
{
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (QTableWidgetItem *item = m_table->item(r, 0); item && item->text().contains(text))
            return r;
    return -1;
}

QVariantList BelongsToManyChecklist::targetKeys() const
{
    QVariantList out;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (QTableWidgetItem *item = m_table->item(r, 0); item && item->data(Qt::UserRole).isValid())
            out.append(item->data(Qt::UserRole));
    return out;
}

void BelongsToManyChecklist::setChecked(const QVariant &targetKey, bool checked)
{
    const int r = rowOf(targetKey);
    if (r >= 0)
        m_table->item(r, 0)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

bool BelongsToManyChecklist::isChecked(const QVariant &targetKey) const
{
    const int r = rowOf(targetKey);
    return r >= 0 && m_table->item(r, 0)->checkState() == Qt::Checked;
}

QVariantList BelongsToManyChecklist::checkedKeys() const
{
    QVariantList out;
    for (const QVariant &k : targetKeys())
        if (isChecked(k))
            out.append(k);
    return out;
}

FieldEditor *BelongsToManyChecklist::throughEditor(const QVariant &targetKey, const QString &field) const
{
    const int r = rowOf(targetKey), c = int(m_throughFields.indexOf(field));
    return r < 0 || c < 0 ? nullptr : static_cast<FieldEditor *>(m_table->cellWidget(r, c + 1));
}

QVariantMap BelongsToManyChecklist::throughValues(const QVariant &targetKey) const
{
    QVariantMap out;
    for (const QString &f : m_throughFields)
        if (FieldEditor *e = throughEditor(targetKey, f)) {
            const QVariant v = e->value();
            // NULL on a field with a default: let the ORM apply the default.
            if (v.isValid() || e->field().defaultKind == orm::FieldMeta::Default::None)
                out.insert(f, v);
        }
    return out;
}

void BelongsToManyChecklist::save(const orm::Ptr<orm::Instance> &source) const
{
    if (!isLoaded())
        throw orm::Error(tr("The list of %1 is still loading").arg(m_association.name));
    const orm::ModelHandle junction = m_db.model(m_association.through);
    const orm::ModelHandle target = m_db.model(m_association.target);
    const QVariant sourceKey = source->get(m_association.sourceKey);
    // What the database holds now, inside the caller's transaction.
    QSet<QString> linked;
    for (const auto &row : junction.findAll({.where = orm::Where(m_association.foreignKey, orm::Term(sourceKey))}))
        linked.insert(row->get(m_association.otherKey).toString());
    QVariantList wanted = checkedKeys();
    QSet<QString> wantedText;
    for (const QVariant &k : wanted)
        wantedText.insert(k.toString());

    QVariantList changedKeys;
    for (const QString &k : std::as_const(linked))
        if (!wantedText.contains(k))
            changedKeys.append(k);
    for (const QVariant &k : wanted)
        if (!linked.contains(k.toString()))
            changedKeys.append(k);
    QHash<QString, orm::Ptr<orm::Instance>> targets;
    if (!changedKeys.isEmpty())
        for (const auto &t : target.findAll({.where = orm::Where(m_association.targetKey, orm::Term(QVariant(changedKeys)))}))
            targets.insert(t->get(m_association.targetKey).toString(), t);

    for (const QString &k : std::as_const(linked))
        if (!wantedText.contains(k) && targets.contains(k))
            source->remove(m_association.name, targets.value(k));
    for (const QVariant &k : wanted) {
        const QVariantMap through = throughValues(k);
        if (!linked.contains(k.toString())) {
            const auto t = targets.value(k.toString());
            if (!t)
                throw orm::Error(tr("%1 %2 no longer exists").arg(m_association.target, k.toString()));
            source->add(m_association.name, t, through);
        } else if (!through.isEmpty()) {
            junction.update(through, {.where = orm::Where(m_association.foreignKey, orm::Term(sourceKey))
                                               && orm::Where(m_association.otherKey, orm::Term(k))});
        }
    }
}

} // namespace quarry::browser
