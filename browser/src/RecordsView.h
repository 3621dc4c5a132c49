// The records pane: the rows of one model in a lazy table (RecordsModel) with a filter
// builder above it, New record / Edit (a RecordForm; double click edits), a "Show deleted"
// toggle and the Soft delete / Restore / Delete permanently actions on paranoid models.
// Reading, counting and the actions' writes run on workers: the pane shows a busy bar and
// disables the actions meanwhile; results and errors arrive on the GUI thread.
#pragma once

#include "RecordsModel.h"

#include <orm/Database.h>
#include <QWidget>
#include <functional>

class QCheckBox;
class QLabel;
class QProgressBar;
class QTableView;
class QToolButton;

namespace quarry::browser {

class FilterBuilder;
class RecordForm;

class RecordsView : public QWidget
{
    Q_OBJECT
public:
    enum class Action { SoftDelete, Restore, DeletePermanently };
    Q_ENUM(Action)

    explicit RecordsView(QWidget *parent = nullptr);

    void setDatabase(const orm::Database &db);
    QString modelName() const { return m_modelName; }
    RecordsModel *recordsModel() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    QCheckBox *showDeletedToggle() const { return m_showDeleted; }
    FilterBuilder *filterBuilder() const { return m_filter; }
    QProgressBar *busyIndicator() const { return m_busy; }
    // Asks before a permanent delete; returns true to go on. The default shows a dialog;
    // tests and embedding applications can replace it.
    using Confirm = std::function<bool(const QString &title, const QString &text)>;
    void setConfirmation(Confirm confirm) { m_confirm = std::move(confirm); }
    QString statusText() const;
    // True while an action's database work runs on a worker.
    bool isBusy() const { return m_actionRunning; }

public slots:
    void setModelName(const QString &model);
    void setShowDeleted(bool show);
    void selectRow(int row);
    // The actions, on the selected rows. Each starts the work on a worker and returns at
    // once the number of rows it acts on (0: nothing started, e.g. no row fits or another
    // action runs). actionFinished() tells what the database changed. A permanent delete
    // first counts, on a worker, what the foreign keys will do, then asks.
    qint64 softDeleteSelected();
    qint64 restoreSelected();
    qint64 deleteSelectedPermanently();
    void refresh();
    // Opens the form (non-modal, deleted when closed) and returns it.
    RecordForm *newRecord();
    RecordForm *editRow(int row);
    RecordForm *editSelected();

signals:
    void statusMessage(const QString &message);
    // An action is over: changed rows, or the error; a declined permanent delete gives 0
    // with cancelled set.
    void actionFinished(quarry::browser::RecordsView::Action action, qint64 changed, const QString &error,
                        bool cancelled);

private:
    struct Referrer
    {
        QString model, field, onDelete;
        QVariantList keys; // the selected rows' values of the column it references
    };
    QList<Referrer> referrers(const QList<int> &rows) const;
    void startBulk(Action action, const orm::ModelHandle &h, const QList<orm::Where> &rows);
    void confirmAndDelete(const orm::ModelHandle &h, const QList<orm::Where> &rows,
                           const QList<Referrer> &referring, const QList<qint64> &counts);
    void finishAction(Action action, qint64 changed, const QString &error, bool cancelled = false);
    void setActionRunning(bool running);
    QList<int> selectedRows() const;
    void updateActions();
    void updateStatus();
    QString describeCascade(const QList<Referrer> &referring, const QList<qint64> &counts) const;
    void showError(const QString &message);
    RecordForm *openForm(RecordForm *form);

    orm::Database m_db;
    QString m_modelName;
    RecordsModel *m_model;
    QTableView *m_table;
    QLabel *m_title;
    QLabel *m_status;
    QCheckBox *m_showDeleted;
    QToolButton *m_new, *m_edit, *m_filterToggle;
    QToolButton *m_softDelete, *m_restore, *m_deletePermanently, *m_refresh;
    FilterBuilder *m_filter;
    QProgressBar *m_busy;
    Confirm m_confirm;
    QString m_lastError;
    bool m_fitColumns = false; // once the first rows of a newly chosen model arrive
    bool m_actionRunning = false;
};

} // namespace quarry::browser
