// The create/edit form of a record, generated from the model's metadata: an editor per
// field suited to its type (FieldEditorFactory), defaults filled in, required fields
// marked, the ORM's own fields (autoincrement keys, timestamps) hidden on a new record and
// read-only on an existing one, foreign keys as pickers of parent records, and each
// belongsToMany association as a checklist with the junction's fields. Saving writes the
// record and the links the user changed in one transaction, on a worker: the form is
// disabled with a busy bar meanwhile, and the outcome arrives on the GUI thread.
// Validation errors appear at their fields and what was typed stays.
#pragma once

#include <orm/Database.h>
#include <QDialog>
#include <QHash>
#include <exception>

class QDialogButtonBox;
class QLabel;
class QProgressBar;

namespace quarry::browser {

class BelongsToManyChecklist;
class BelongsToPicker;
class FieldEditor;

class RecordForm : public QDialog
{
    Q_OBJECT
public:
    // existing: the record's current values (from RecordsModel::rowValues); empty for a new one.
    RecordForm(const orm::Database &db, const QString &model, const QVariantMap &existing = {}, QWidget *parent = nullptr);

    bool isNewRecord() const { return m_existing.isEmpty(); }
    QString modelName() const { return m_model; }
    // The editor of an attribute (null for fields the form does not show).
    FieldEditor *editor(const QString &attribute) const { return m_editors.value(attribute); }
    BelongsToPicker *picker(const QString &attribute) const;
    BelongsToManyChecklist *checklist(const QString &association) const { return m_checklists.value(association); }
    QStringList requiredFields() const;
    // True once every picker and checklist has its records.
    bool isReady() const;
    // The message above the buttons: database errors, errors of fields the form does not show.
    QString errorText() const;
    // The key of the record saved last (invalid before).
    QVariant savedKey() const { return m_savedKey; }
    // True while a save runs on a worker.
    bool isSaving() const { return m_saving; }

public slots:
    // Checks the fields, then starts writing the record and its changed links in one
    // transaction on a worker and returns at once (true). False when it did not start: a
    // field is not valid, a list is still loading, or a save runs already. The outcome
    // comes as saved() (and the form closes) or saveFailed() (and it stays open), each
    // followed by saveFinished().
    bool save();
    void reject() override; // not while a save runs: its outcome must be seen

signals:
    void saved(const QVariant &key);
    void saveFailed(const QString &message);
    void saveFinished(bool ok);

private:
    QVariantMap collectValues(bool *ok);
    void showError(const QString &message);
    void clearErrors();
    void setSaving(bool saving);
    void saveSucceeded(const QVariant &key);
    void saveFailedWith(std::exception_ptr error);

    orm::Database m_db;
    QString m_model;
    QVariantMap m_existing;
    QHash<QString, FieldEditor *> m_editors;
    QHash<QString, BelongsToManyChecklist *> m_checklists;
    QWidget *m_fields = nullptr; // the scroll area with every editor and checklist
    QLabel *m_error;
    QProgressBar *m_busy;
    QDialogButtonBox *m_buttons;
    QVariant m_savedKey;
    bool m_saving = false;
};

} // namespace quarry::browser
