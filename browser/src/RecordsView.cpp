#include "RecordsView.h"

#include "BrowserLogging.h"
#include "FilterBuilder.h"
#include "RecordForm.h"

#include <orm/Errors.h>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;

RecordsView::RecordsView(QWidget *parent)
    : QWidget(parent), m_model(new RecordsModel(this)), m_table(new QTableView(this)), m_title(new QLabel(this)),
      m_status(new QLabel(this)), m_showDeleted(new QCheckBox(tr("Show deleted"), this)),
      m_new(new QToolButton(this)), m_edit(new QToolButton(this)), m_filterToggle(new QToolButton(this)),
      m_softDelete(new QToolButton(this)), m_restore(new QToolButton(this)), m_deletePermanently(new QToolButton(this)),
      m_refresh(new QToolButton(this)), m_filter(new FilterBuilder(this)), m_busy(new QProgressBar(this))
{
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
    QFont tf = m_title->font();
    tf.setBold(true);
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    m_title->setFont(tf);
    m_softDelete->setText(tr("Soft delete"));
    m_softDelete->setToolTip(tr("Set deletedAt on the selected rows (paranoid models)"));
    m_restore->setText(tr("Restore"));
    m_restore->setToolTip(tr("Clear deletedAt on the selected rows"));
    m_deletePermanently->setText(tr("Delete permanently…"));
    m_deletePermanently->setToolTip(tr("DELETE the selected rows from the table"));
    m_refresh->setText(tr("Refresh"));
    m_new->setText(tr("New record…"));
    m_new->setToolTip(tr("Create a record with a form generated from the model"));
    m_edit->setText(tr("Edit…"));
    m_edit->setToolTip(tr("Edit the selected record (or double-click a row)"));
    m_filterToggle->setText(tr("Filter"));
    m_filterToggle->setToolTip(tr("Show the filter builder: conditions on fields, combined with AND or OR"));
    m_filterToggle->setCheckable(true);
    m_filter->setVisible(false);
    // A busy bar while a worker counts or reads a page.
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(12);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_busy->setToolTip(tr("Reading from the database…"));
    m_showDeleted->setToolTip(tr("Read with paranoid: false, and mark the soft-deleted rows"));
    for (QToolButton *b : {m_new, m_edit, m_filterToggle, m_softDelete, m_restore, m_deletePermanently, m_refresh})
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title);
    bar->addStretch();
    bar->addWidget(m_filterToggle);
    bar->addWidget(m_new);
    bar->addWidget(m_edit);
    bar->addWidget(m_showDeleted);
    bar->addWidget(m_softDelete);
    bar->addWidget(m_restore);
    bar->addWidget(m_deletePermanently);
    bar->addWidget(m_refresh);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(false);
    m_table->horizontalHeader()->setSectionsClickable(true);
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(22);
    // Fitting a column looks at this many rows: those of the first page, not a thousand
    // rows that would have to be read first.
    m_table->verticalHeader()->setResizeContentsPrecision(50);
    m_table->horizontalHeader()->setResizeContentsPrecision(50);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, m_model, &RecordsModel::sort);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_filter);
    layout->addWidget(m_table);
    // The pane's own status bar: counts, and the busy bar while a worker reads.
    auto *statusBar = new QStatusBar(this);
    statusBar->setSizeGripEnabled(false);
    statusBar->addWidget(m_status, 1);
    statusBar->addPermanentWidget(m_busy);
    layout->addWidget(statusBar);

    connect(m_showDeleted, &QCheckBox::toggled, this, &RecordsView::setShowDeleted);
    connect(m_softDelete, &QToolButton::clicked, this, &RecordsView::softDeleteSelected);
    connect(m_restore, &QToolButton::clicked, this, &RecordsView::restoreSelected);
    connect(m_deletePermanently, &QToolButton::clicked, this, &RecordsView::deleteSelectedPermanently);
    connect(m_refresh, &QToolButton::clicked, this, &RecordsView::refresh);
    connect(m_new, &QToolButton::clicked, this, &RecordsView::newRecord);
    connect(m_edit, &QToolButton::clicked, this, &RecordsView::editSelected);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &i) { editRow(i.row()); });
    connect(m_filterToggle, &QToolButton::toggled, m_filter, &QWidget::setVisible);
    connect(m_filterToggle, &QToolButton::toggled, this, [this](bool on) {
        if (on && m_filter->conditionCount() == 0)
            m_filter->addCondition();
    });
    connect(m_filter, &FilterBuilder::filterChanged, this, [this](const orm::Where &where) {
        m_lastError.clear();
        m_model->setFilter(where);
    });
    connect(m_model, &RecordsModel::loadingChanged, this, [this](bool loading) {
        m_busy->setVisible(loading);
        updateStatus();
    });
    connect(m_model, &RecordsModel::pageLoaded, this, &RecordsView::updateActions);
    connect(m_model, &RecordsModel::countChanged, this, [this] {
        if (!m_fitColumns)
            return;
        m_fitColumns = false;
        m_table->resizeColumnsToContents(); // the rows on screen only
        for (int c = 0; c < m_model->columnCount(); ++c)
            m_table->setColumnWidth(c, qMin(m_table->columnWidth(c), 260));
    });
    connect(m_model, &RecordsModel::countChanged, this, &RecordsView::updateStatus);
    connect(m_model, &RecordsModel::errorOccurred, this, &RecordsView::showError);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecordsView::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RecordsView::updateActions);
    updateActions();
}

void RecordsView::setDatabase(const orm::Database &db)
{
    m_db = db;
    m_modelName.clear();
    m_model->setModelHandle({});
    const QStringList names = db.modelNames();
    if (!names.isEmpty())
        setModelName(names.first());
}

void RecordsView::setModelName(const QString &model)
{
    if (model == m_modelName || !m_db.isValid() || !m_db.isDefined(model))
        return;
    m_modelName = model;
    m_lastError.clear();
    const orm::ModelHandle handle = m_db.model(model);
    m_title->setText(tr("%1 — table %2").arg(model, handle.meta().tableName));
    m_showDeleted->setVisible(handle.meta().isParanoid());
    m_softDelete->setVisible(handle.meta().isParanoid());
    m_restore->setVisible(handle.meta().isParanoid());
    {
        const QSignalBlocker block(m_showDeleted);
        m_showDeleted->setChecked(false);
    }
    m_model->setShowDeleted(false);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_filter->setModelMeta(&handle.meta());
    m_fitColumns = true;
    m_model->setModelHandle(handle);
    updateActions();
}

void RecordsView::setShowDeleted(bool show)
{
    if (m_showDeleted->isChecked() != show) {
        m_showDeleted->setChecked(show); // comes back here through toggled
        return;
    }
    m_model->setShowDeleted(show);
    updateActions();
}

void RecordsView::refresh()
{
    m_lastError.clear();
    m_model->reload();
}

void RecordsView::selectRow(int row)
{
    m_table->selectRow(row);
}

QList<int> RecordsView::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.append(i.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void RecordsView::updateActions()
{
    const QList<int> rows = selectedRows();
    bool anyDeleted = false, anyLive = false;
    for (int r : rows)
        (m_model->isDeleted(r) ? anyDeleted : anyLive) = true;
    const bool paranoid = m_model->isParanoid();
    m_softDelete->setEnabled(paranoid && anyLive);
    m_edit->setEnabled(rows.size() == 1 && m_model->isResident(rows.first()));
    m_new->setEnabled(m_model->modelHandle().isValid());
    m_restore->setEnabled(paranoid && anyDeleted);
    m_deletePermanently->setEnabled(!rows.isEmpty());
}

QString RecordsView::statusText() const
{
    return m_status->text();
}

void RecordsView::updateStatus()
{
    if (!m_lastError.isEmpty())
        return;
    const qint64 total = m_model->totalCount();
    QStringList parts;
    if (total < 0) {
        parts << tr("Counting rows…");
    } else {
        const qint64 all = m_model->unfilteredCount();
        if (!m_model->filter().isEmpty() && all >= 0)
            parts << tr("%1 of %2 row(s) shown (filtered)").arg(QLocale().toString(total), QLocale().toString(all));
        else
            parts << tr("%1 row(s)").arg(QLocale().toString(total));
        parts << tr("%1 in memory").arg(QLocale().toString(m_model->residentRowCount()));
    }
    if (m_model->isParanoid() && m_model->deletedCount() >= 0)
        parts << (m_model->showDeleted() ? tr("%1 soft-deleted, shown in grey italics")
                                         : tr("%1 soft-deleted, hidden"))
                     .arg(QLocale().toString(m_model->deletedCount()));
    if (m_model->isLoading() && total >= 0)
        parts << tr("loading…");
    m_status->setStyleSheet({});
    m_status->setText(parts.join(u" · "_s));
}

void RecordsView::showError(const QString &message)
{
    m_lastError = message;
    m_status->setStyleSheet(u"color: #b03a2e;"_s);
    m_status->setText(tr("Error: %1").arg(message));
    emit statusMessage(message);
}

qint64 RecordsView::softDeleteSelected()
{
    if (!m_model->isParanoid())
        return 0;
    const orm::ModelHandle h = m_model->modelHandle();
    qint64 changed = 0;
    try {
        m_db.transaction([&] {
            for (int r : selectedRows())
                if (m_model->isResident(r) && !m_model->isDeleted(r))
                    changed += h.destroy({.where = m_model->keyWhere(r)});
        });
    } catch (const orm::Error &e) {
        showError(e.message());
        return 0;
    }
    qCInfo(lcBrowser) << h.meta().name << "soft-deleted" << changed << "row(s)";
    emit statusMessage(tr("%n row(s) soft-deleted", nullptr, int(changed)));
    refresh();
    return changed;
}

qint64 RecordsView::restoreSelected()
{
    if (!m_model->isParanoid())
        return 0;
    const orm::ModelHandle h = m_model->modelHandle();
    qint64 changed = 0;
    try {
        m_db.transaction([&] {
            for (int r : selectedRows())
                if (m_model->isDeleted(r))
                    changed += h.restore({.where = m_model->keyWhere(r)});
        });
    } catch (const orm::Error &e) {
        showError(e.message());
        return 0;
    }
    qCInfo(lcBrowser) << h.meta().name << "restored" << changed << "row(s)";
    emit statusMessage(tr("%n row(s) restored", nullptr, int(changed)));
    refresh();
    return changed;
}

// What the foreign-key actions will do to the rows that refer to these.
QString RecordsView::describeCascade(const QList<int> &rows) const
{
    QStringList lines;
    const orm::ModelMeta &meta = m_model->modelHandle().meta();
    for (const QString &name : m_db.modelNames()) {
        const orm::ModelHandle other = m_db.model(name);
        for (const orm::FieldMeta &f : other.meta().fields) {
            if (!f.references || f.references->model != meta.name)
                continue;
            const int keyIndex = meta.indexOf(f.references->column) >= 0 ? meta.indexOf(f.references->column)
                                                                          : meta.indexOfColumn(f.references->column);
            if (keyIndex < 0)
                continue;
            QVariantList keys;
            for (int r : rows)
                keys.append(m_model->value(r, meta.fields.at(keyIndex).name));
            qint64 n = 0;
            try {
                n = other.count({.where = orm::Where(f.name, orm::Term(QVariant(keys))), .paranoid = false});
            } catch (const orm::Error &) {
                continue;
            }
            if (n == 0)
                continue;
            const QString action = f.references->onDelete.toUpper();
            if (action == "CASCADE"_L1)
                lines << tr("• deletes %n row(s) of %1 (%2 ON DELETE CASCADE)", nullptr, int(n)).arg(name, f.name);
            else if (action == "SET NULL"_L1)
                lines << tr("• unlinks %n row(s) of %1 (%2 set to NULL)", nullptr, int(n)).arg(name, f.name);
            else
                lines << tr("• %n row(s) of %1 refer to it (%2 ON DELETE %3): the delete may be refused", nullptr, int(n))
                             .arg(name, f.name, action.isEmpty() ? u"NO ACTION"_s : action);
        }
    }
    return lines.join(u'\n');
}

qint64 RecordsView::deleteSelectedPermanently()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return 0;
    const orm::ModelHandle h = m_model->modelHandle();
    QString text = tr("Delete %n row(s) of %1 permanently? This cannot be undone.", nullptr, int(rows.size())).arg(h.meta().name);
    const QString cascade = describeCascade(rows);
    if (!cascade.isEmpty())
        text += u"\n\n"_s + tr("The foreign keys will also:") + u'\n' + cascade;
    if (m_confirm && !m_confirm(tr("Delete permanently"), text))
        return 0;
    qint64 changed = 0;
    try {
        m_db.transaction([&] {
            for (int r : rows)
                if (m_model->isResident(r)) // a row not read yet has no key to name it by
                    changed += h.destroy({.where = m_model->keyWhere(r), .force = true});
        });
    } catch (const orm::Error &e) {
        showError(e.message());
        return 0;
    }
    qCInfo(lcBrowser) << h.meta().name << "deleted" << changed << "row(s) permanently";
    emit statusMessage(tr("%n row(s) deleted permanently", nullptr, int(changed)));
    refresh();
    return changed;
}

RecordForm *RecordsView::openForm(RecordForm *form)
{
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &RecordForm::saved, this, [this, form](const QVariant &key) {
        emit statusMessage(form->isNewRecord() ? tr("%1 %2 created").arg(form->modelName(), key.toString())
                                               : tr("%1 %2 saved").arg(form->modelName(), key.toString()));
        refresh();
    });
    form->show();
    return form;
}

RecordForm *RecordsView::newRecord()
{
    if (!m_model->modelHandle().isValid())
        return nullptr;
    return openForm(new RecordForm(m_db, m_modelName, {}, this));
}

RecordForm *RecordsView::editRow(int row)
{
    if (!m_model->isResident(row))
        return nullptr;
    return openForm(new RecordForm(m_db, m_modelName, m_model->rowValues(row), this));
}

RecordForm *RecordsView::editSelected()
{
    const QList<int> rows = selectedRows();
    return rows.size() == 1 ? editRow(rows.first()) : nullptr;
}

} // namespace quarry::browser
