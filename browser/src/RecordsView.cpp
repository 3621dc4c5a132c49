#include "RecordsView.h"

#include "AsyncWatch.h"
#include "BrowserLogging.h"
#include "FilterBuilder.h"
#include "RecordForm.h"

#include <orm/Async.h>
#include <orm/Errors.h>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
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
    m_softDelete->setIcon(QIcon(u":/icons/soft-deleted.svg"_s));
    m_restore->setIcon(QIcon(u":/icons/restore.svg"_s));
    m_deletePermanently->setIcon(QIcon(u":/icons/delete.svg"_s));
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
    for (QToolButton *b : {m_new, m_edit, m_filterToggle, m_refresh})
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (QToolButton *b : {m_softDelete, m_restore, m_deletePermanently})
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

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
        m_busy->setVisible(loading || m_actionRunning);
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
    const bool paranoid = m_model->isParanoid(), idle = !m_actionRunning;
    m_softDelete->setEnabled(idle && paranoid && anyLive);
    m_edit->setEnabled(rows.size() == 1 && m_model->isResident(rows.first()));
    m_new->setEnabled(m_model->modelHandle().isValid());
    m_restore->setEnabled(idle && paranoid && anyDeleted);
    m_deletePermanently->setEnabled(idle && !rows.isEmpty());
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
        parts << (m_model->showDeleted() ? tr("%1 soft-deleted, shown in grey italics on a pale red background")
                                         : tr("%1 soft-deleted, hidden"))
                     .arg(QLocale().toString(m_model->deletedCount()));
    if (m_model->isLoading() && total >= 0)
        parts << tr("loading…");
    if (m_actionRunning)
        parts << tr("writing to the database…");
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
    if (!m_model->isParanoid() || m_actionRunning)
        return 0;
    QList<orm::Where> rows;
    for (int r : selectedRows())
        if (m_model->isResident(r) && !m_model->isDeleted(r))
            rows.append(m_model->keyWhere(r));
    if (!rows.isEmpty())
        startBulk(Action::SoftDelete, m_model->modelHandle(), rows);
    return rows.size();
}

qint64 RecordsView::restoreSelected()
{
    if (!m_model->isParanoid() || m_actionRunning)
        return 0;
    QList<orm::Where> rows;
    for (int r : selectedRows())
        if (m_model->isResident(r) && m_model->isDeleted(r))
            rows.append(m_model->keyWhere(r));
    if (!rows.isEmpty())
        startBulk(Action::Restore, m_model->modelHandle(), rows);
    return rows.size();
}

// The rows' changes, one statement per row, in one transaction on a worker.
void RecordsView::startBulk(Action action, const orm::ModelHandle &h, const QList<orm::Where> &rows)
{
    setActionRunning(true);
    watchFuture(
        this, m_db.async().transaction([h, rows, action] {
            qint64 changed = 0;
            for (const orm::Where &w : rows) {
                if (action == Action::Restore)
                    changed += h.restore({.where = w});
                else
                    changed += h.destroy({.where = w, .force = action == Action::DeletePermanently});
            }
            return changed;
        }),
        [this, action, name = h.meta().name](qint64 changed) {
            static const char *const done[] = {"soft-deleted", "restored", "deleted permanently"};
            qCInfo(lcBrowser) << name << done[int(action)] << changed << "row(s)";
            finishAction(action, changed, {});
        },
        [this, action](const QString &message) { finishAction(action, 0, message); });
}

void RecordsView::setActionRunning(bool running)
{
    m_actionRunning = running;
    m_busy->setVisible(running || m_model->isLoading());
    updateActions();
    updateStatus();
}

void RecordsView::finishAction(Action action, qint64 changed, const QString &error, bool cancelled)
{
    setActionRunning(false);
    if (!error.isEmpty()) {
        showError(error);
    } else if (!cancelled) {
        const int n = int(changed);
        emit statusMessage(action == Action::SoftDelete ? tr("%n row(s) soft-deleted", nullptr, n)
                           : action == Action::Restore  ? tr("%n row(s) restored", nullptr, n)
                                                        : tr("%n row(s) deleted permanently", nullptr, n));
        refresh();
    }
    emit actionFinished(action, changed, error, cancelled);
}

// The foreign keys that refer to this model, with the values of the selected rows they
// would match: read on the GUI thread, counted on a worker.
QList<RecordsView::Referrer> RecordsView::referrers(const QList<int> &rows) const
{
    QList<Referrer> out;
    const orm::ModelMeta &meta = m_model->modelHandle().meta();
    for (const QString &name : m_db.modelNames()) {
        for (const orm::FieldMeta &f : m_db.model(name).meta().fields) {
            if (!f.references || f.references->model != meta.name)
                continue;
            const int keyIndex = meta.indexOf(f.references->column) >= 0 ? meta.indexOf(f.references->column)
                                                                          : meta.indexOfColumn(f.references->column);
            if (keyIndex < 0)
                continue;
            QVariantList keys;
            for (int r : rows)
                keys.append(m_model->value(r, meta.fields.at(keyIndex).name));
            out.append({name, f.name, f.references->onDelete.toUpper(), keys});
        }
    }
    return out;
}

// What the foreign-key actions will do to the rows that refer to these.
QString RecordsView::describeCascade(const QList<Referrer> &referring, const QList<qint64> &counts) const
{
    QStringList lines;
    for (int i = 0; i < referring.size() && i < counts.size(); ++i) {
        const Referrer &ref = referring.at(i);
        const int n = int(counts.at(i));
        if (n <= 0) // none, or the count failed
            continue;
        if (ref.onDelete == "CASCADE"_L1)
            lines << tr("• deletes %n row(s) of %1 (%2 ON DELETE CASCADE)", nullptr, n).arg(ref.model, ref.field);
        else if (ref.onDelete == "SET NULL"_L1)
            lines << tr("• unlinks %n row(s) of %1 (%2 set to NULL)", nullptr, n).arg(ref.model, ref.field);
        else
            lines << tr("• %n row(s) of %1 refer to it (%2 ON DELETE %3): the delete may be refused", nullptr, n)
                         .arg(ref.model, ref.field, ref.onDelete.isEmpty() ? u"NO ACTION"_s : ref.onDelete);
    }
    return lines.join(u'\n');
}

qint64 RecordsView::deleteSelectedPermanently()
{
    if (m_actionRunning)
        return 0;
    QList<int> rows;
    for (int r : selectedRows())
        if (m_model->isResident(r)) // a row not read yet has no key to name it by
            rows.append(r);
    if (rows.isEmpty())
        return 0;
    QList<orm::Where> wheres;
    for (int r : std::as_const(rows))
        wheres.append(m_model->keyWhere(r));
    const QList<Referrer> referring = referrers(rows);
    const orm::ModelHandle h = m_model->modelHandle();
    setActionRunning(true);
    watchFuture(
        this, m_db.async().run([db = m_db, referring] {
            QList<qint64> counts;
            for (const Referrer &ref : referring) {
                try {
                    counts.append(db.model(ref.model).count(
                        {.where = orm::Where(ref.field, orm::Term(QVariant(ref.keys))), .paranoid = false}));
                } catch (const orm::Error &) {
                    counts.append(-1); // not known: the confirmation says what it can
                }
            }
            return counts;
        }),
        [this, h, wheres, referring](const QList<qint64> &counts) { confirmAndDelete(h, wheres, referring, counts); },
        [this](const QString &message) { finishAction(Action::DeletePermanently, 0, message); });
    return rows.size();
}

void RecordsView::confirmAndDelete(const orm::ModelHandle &h, const QList<orm::Where> &rows,
                                   const QList<Referrer> &referring, const QList<qint64> &counts)
{
    QString text = tr("Delete %n row(s) of %1 permanently? This cannot be undone.", nullptr, int(rows.size()))
                       .arg(h.meta().name);
    const QString cascade = describeCascade(referring, counts);
    if (!cascade.isEmpty())
        text += u"\n\n"_s + tr("The foreign keys will also:") + u'\n' + cascade;
    if (m_confirm && !m_confirm(tr("Delete permanently"), text)) {
        finishAction(Action::DeletePermanently, 0, {}, true);
        return;
    }
    startBulk(Action::DeletePermanently, h, rows);
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
