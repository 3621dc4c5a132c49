// The create/edit form of a record, generated from the model's metadata: an editor per
// field suited to its type (FieldEditorFactory), defaults filled in, required fields
// marked, the ORM's own fields (autoincrement keys, timestamps) hidden on a new record and
// read-only on an existing one, foreign keys as pickers of parent records, and each
// belongsToMany association as a checklist with the junction's fields. Saving writes the
// record and its links in one transaction; validation errors appear at their fields and
// what was typed stays.
#pragma once

#include <orm/Database.h>
#include <QDialog>
#include <QHash>

class QDialogButtonBox;
class QLabel;

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

public slots:
    // Validates, writes in one transaction and closes the form; false when it stays open.
    bool save();

signals:
    void saved(const QVariant &key);

private:
    QVariantMap collectValues(bool *ok);
    void showError(const QString &message);
    void clearErrors();

    orm::Database m_db;
    QString m_model;
    QVariantMap m_existing;
    QHash<QString, FieldEditor *> m_editors;
    QHash<QString, BelongsToManyChecklist *> m_checklists;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QVariant m_savedKey;
};

} // namespace quarry::browser
