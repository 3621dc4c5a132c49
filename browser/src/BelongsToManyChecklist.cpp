#include "BelongsToManyChecklist.h"

#include "AsyncWatch.h"
#include "FieldEditor.h"
#include "FieldEditorFactory.h"
#include "RecordLabel.h"
#include "RecordSearch.h"

#include <orm/Async.h>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSet>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;

namespace {
QList<orm::OrderBy> keyOrder(const orm::ModelMeta &meta)
{
    QList<orm::OrderBy> order;
    for (int i : meta.primaryKey)
        order.append(orm::OrderBy(meta.fields.at(i).name));
    return order;
}
} // namespace

BelongsToManyChecklist::BelongsToManyChecklist(const orm::Database &db, const orm::AssociationMeta &association,
                                               const QVariant &sourceKey, QWidget *parent)
    : QWidget(parent), m_db(db), m_association(association), m_search(new QLineEdit(this)),
      m_searchDelay(new QTimer(this)), m_note(new QLabel(this)), m_table(new QTableWidget(this))
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
    m_search->setPlaceholderText(tr("Search %1 by text or #key…").arg(association.target));
    m_search->setClearButtonEnabled(true);
    m_search->setToolTip(tr("Lists the %1 records whose text contains this (searched in the database). "
                            "Linked records and the rows you changed stay listed.")
                             .arg(association.target));
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300); // one query when typing stops, not one per key
    m_note->setEnabled(false);
    m_note->setWordWrap(true);
    m_note->setText(tr("Loading %1…").arg(association.target));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_table);
    layout->addWidget(m_note);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { search(m_search->text()); });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != 0)
            return;
        for (int c = 1; c < m_table->columnCount(); ++c)
            if (QWidget *w = m_table->cellWidget(item->row(), c))
                w->setEnabled(item->checkState() == Qt::Checked);
    });

    if (sourceKey.isValid())
        loadLinks(sourceKey);
    else
        m_linksLoaded = true;
    search({});
}

void BelongsToManyChecklist::loadLinks(const QVariant &sourceKey)
{
    const orm::ModelHandle junction = m_db.model(m_association.through);
    const orm::ModelHandle target = m_db.model(m_association.target);
    const QString fk = m_association.foreignKey, other = m_association.otherKey, targetKey = m_association.targetKey;
    const QStringList fields = m_throughFields;
    const QList<orm::OrderBy> order = keyOrder(target.meta());
    struct Links
    {
        QHash<QString, QVariantMap> values;
        QList<Target> targets;
    };
    watchFuture(
        this, m_db.async().run([junction, target, fk, other, targetKey, fields, sourceKey, order] {
            Links out;
            QVariantList keys;
            for (const auto &row : junction.findAll({.where = orm::Where(fk, orm::Term(sourceKey))})) {
                QVariantMap values;
                for (const QString &f : fields)
                    values.insert(f, row->get(f));
                out.values.insert(row->get(other).toString(), values);
                keys.append(row->get(other));
            }
            QSet<QString> named;
            if (!keys.isEmpty())
                for (const auto &t : target.findAll({.where = orm::Where(targetKey, orm::Term(QVariant(keys))), .order = order})) {
                    out.targets.append({t->get(targetKey), recordLabel(*t)});
                    named.insert(t->get(targetKey).toString());
                }
            for (const QVariant &k : std::as_const(keys)) // a link whose target is gone
                if (!named.contains(k.toString()))
                    out.targets.append({k, u"#%1"_s.arg(k.toString())});
            return out;
        }),
        [this](const Links &links) {
            m_links = links.values;
            m_linkedTargets = links.targets;
            m_linksLoaded = true;
            if (m_targetsLoaded)
                rebuild();
            finishLoading();
        },
        [this](const QString &message) {
            // Without the links nothing can be saved safely: the list stays empty.
            m_note->setText(tr("Cannot read the links to %1: %2").arg(m_association.target, message));
            m_note->setEnabled(true);
        });
}

void BelongsToManyChecklist::search(const QString &text)
{
    const int generation = ++m_searchGeneration;
    m_targetsLoaded = false;
    const orm::ModelHandle target = m_db.model(m_association.target);
    const QString targetKey = m_association.targetKey;
    const orm::FindOptions options{.where = recordSearchWhere(target.meta(), targetKey, text),
                                   .order = keyOrder(target.meta()),
                                   .limit = maxRecords + 1}; // one more tells that there are more
    watchFuture(
        this, m_db.async().run([target, options, targetKey] {
            QList<Target> out;
            for (const auto &r : target.findAll(options))
                out.append({r->get(targetKey), recordLabel(*r)});
            return out;
        }),
        [this, generation, text](QList<Target> found) {
            if (generation != m_searchGeneration)
                return; // a newer search is on its way
            m_truncated = found.size() > maxRecords;
            if (m_truncated)
                found.removeLast();
            m_found = found;
            m_targetsLoaded = true;
            if (m_linksLoaded)
                rebuild();
            if (m_truncated)
                m_note->setText(tr("Only the first %n record(s) are listed: search to find the others.", nullptr, maxRecords));
            else if (found.isEmpty() && !text.trimmed().isEmpty())
                m_note->setText(tr("No %1 matches “%2”.").arg(m_association.target, text.trimmed()));
            else
                m_note->clear();
            finishLoading();
        },
        [this, generation](const QString &message) {
            if (generation != m_searchGeneration)
                return;
            m_found.clear();
            m_targetsLoaded = true;
            if (m_linksLoaded)
                rebuild();
            m_note->setText(tr("Cannot read %1: %2").arg(m_association.target, message));
            finishLoading();
        });
}

void BelongsToManyChecklist::finishLoading()
{
    m_note->setVisible(!m_note->text().isEmpty());
    if (isLoaded())
        emit loaded();
}

void BelongsToManyChecklist::rebuild()
{
    m_changed = changedRows(); // what the user did to the rows listed so far
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    QSet<QString> listed;
    auto add = [&](const Target &t) {
        if (!listed.contains(t.key.toString())) {
            listed.insert(t.key.toString());
            addRow(t);
        }
    };
    for (const Target &t : std::as_const(m_linkedTargets))
        add(t);
    for (const RowState &s : std::as_const(m_changed))
        add({s.key, s.label});
    for (const Target &t : std::as_const(m_found))
        add(t);
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
}

void BelongsToManyChecklist::addRow(const Target &target)
{
    const orm::ModelMeta &junction = m_db.model(m_association.through).meta();
    const QString key = target.key.toString();
    const auto changed = m_changed.constFind(key);
    const bool linked = m_links.contains(key);
    const bool checked = changed != m_changed.cend() ? changed->checked : linked;
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    auto *item = new QTableWidgetItem(target.label);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    item->setData(Qt::UserRole, target.key);
    if (linked) {
        QFont bold = item->font();
        bold.setBold(true);
        item->setFont(bold);
        item->setToolTip(tr("Linked now"));
    }
    m_table->setItem(r, 0, item);
    for (int c = 0; c < m_throughFields.size(); ++c) {
        FieldEditor *e = FieldEditorFactory::create(*junction.field(m_throughFields.at(c)));
        if (changed != m_changed.cend())
            e->setValue(changed->through.value(m_throughFields.at(c)));
        else if (linked)
            e->setValue(m_links.value(key).value(m_throughFields.at(c)));
        e->setEnabled(checked); // only a ticked row has junction values
        m_table->setCellWidget(r, c + 1, e);
    }
    // What an untouched linked row reads back as: edits are measured against it.
    if (linked && changed == m_changed.cend() && !m_baseline.contains(key))
        m_baseline.insert(key, editorValues(r));
}

QVariantMap BelongsToManyChecklist::editorValues(int row) const
{
    QVariantMap out;
    for (int c = 0; c < m_throughFields.size(); ++c)
        if (auto *e = static_cast<FieldEditor *>(m_table->cellWidget(row, c + 1)))
            out.insert(m_throughFields.at(c), e->value());
    return out;
}

BelongsToManyChecklist::RowState BelongsToManyChecklist::stateOfRow(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, 0);
    return {item->data(Qt::UserRole), item->text(), item->checkState() == Qt::Checked, editorValues(row)};
}

bool BelongsToManyChecklist::isChange(const RowState &state) const
{
    const QString key = state.key.toString();
    const bool linked = m_links.contains(key);
    if (state.checked != linked)
        return true;
    return linked && state.through != m_baseline.value(key);
}

QHash<QString, BelongsToManyChecklist::RowState> BelongsToManyChecklist::changedRows() const
{
    QHash<QString, RowState> out = m_changed;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QTableWidgetItem *item = m_table->item(r, 0);
        if (!item || !item->data(Qt::UserRole).isValid())
            continue;
        const RowState state = stateOfRow(r);
        if (isChange(state))
            out.insert(state.key.toString(), state);
        else
            out.remove(state.key.toString());
    }
    return out;
}

// NULL on a field with a default: let the ORM apply the default.
QVariantMap BelongsToManyChecklist::forSaving(const QVariantMap &values) const
{
    const orm::ModelMeta &junction = m_db.model(m_association.through).meta();
    QVariantMap out;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        if (it.value().isValid() || junction.field(it.key())->defaultKind == orm::FieldMeta::Default::None)
            out.insert(it.key(), it.value());
    return out;
}

BelongsToManyChecklist::Changes BelongsToManyChecklist::changes() const
{
    Changes out;
    if (!m_linksLoaded) // without the links, every ticked row would look like a change
        return out;
    const QHash<QString, RowState> changed = changedRows();
    for (const RowState &s : changed) {
        const bool linked = m_links.contains(s.key.toString());
        if (s.checked && !linked)
            out.add.append({s.key, forSaving(s.through)});
        else if (!s.checked && linked)
            out.remove.append(s.key);
        else if (s.checked && linked) {
            // Only the fields edited: the others keep what the database holds, to the
            // millisecond, whatever their editors can show.
            const QVariantMap base = m_baseline.value(s.key.toString());
            QVariantMap edited;
            for (auto it = s.through.cbegin(); it != s.through.cend(); ++it)
                if (it.value() != base.value(it.key()))
                    edited.insert(it.key(), it.value());
            out.update.append({s.key, edited});
        }
    }
    return out;
}

void BelongsToManyChecklist::apply(const orm::Database &db, const orm::AssociationMeta &a,
                                   const orm::Ptr<orm::Instance> &source, const Changes &changes)
{
    if (changes.isEmpty())
        return;
    const orm::ModelHandle junction = db.model(a.through);
    const orm::ModelHandle target = db.model(a.target);
    const QVariant sourceKey = source->get(a.sourceKey);
    auto linkWhere = [&](const QVariant &keys) {
        return orm::Where(a.foreignKey, orm::Term(sourceKey)) && orm::Where(a.otherKey, orm::Term(keys));
    };
    QVariantList keys = changes.remove;
    for (const auto &[k, through] : changes.add)
        keys.append(k);
    QHash<QString, orm::Ptr<orm::Instance>> targets;
    QSet<QString> linkedNow; // the database may have changed since the form was opened
    if (!keys.isEmpty()) {
        for (const auto &t : target.findAll({.where = orm::Where(a.targetKey, orm::Term(QVariant(keys)))}))
            targets.insert(t->get(a.targetKey).toString(), t);
        for (const auto &row : junction.findAll({.where = linkWhere(QVariant(keys))}))
            linkedNow.insert(row->get(a.otherKey).toString());
    }

    QList<orm::Ptr<orm::Instance>> unlink;
    for (const QVariant &k : changes.remove) {
        if (!linkedNow.contains(k.toString()))
            continue;
        if (const auto t = targets.value(k.toString()))
            unlink.append(t);
        else // the target is gone but its junction row is not
            junction.destroy({.where = linkWhere(k)});
    }
    if (!unlink.isEmpty())
        source->remove(a.name, unlink);
    for (const auto &[k, through] : changes.add) {
        if (linkedNow.contains(k.toString())) {
            if (!through.isEmpty())
                junction.update(through, {.where = linkWhere(k)});
            continue;
        }
        const auto t = targets.value(k.toString());
        if (!t)
            throw orm::Error(tr("%1 %2 no longer exists").arg(a.target, k.toString()));
        source->add(a.name, t, through);
    }
    for (const auto &[k, through] : changes.update)
        if (!through.isEmpty())
            junction.update(through, {.where = linkWhere(k)});
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
    const int r = rowOf(targetKey);
    return r < 0 ? QVariantMap() : forSaving(editorValues(r));
}

} // namespace quarry::browser
