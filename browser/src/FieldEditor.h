// One field of a record form: the editor the factory chose for the field's type, a "NULL"
// box for nullable fields whose editor cannot be empty (numbers, dates, booleans), and the
// validation message shown under it. What was typed stays when an error is shown.
#pragma once

#include <orm/ModelMeta.h>
#include <QWidget>

class QCheckBox;
class QLabel;

namespace quarry::browser {

class FieldEditor : public QWidget
{
    Q_OBJECT
public:
    FieldEditor(const orm::FieldMeta &field, QWidget *editor, QWidget *parent = nullptr);

    const orm::FieldMeta &field() const { return m_field; }
    QWidget *editor() const { return m_editor; }
    // The value to save: an invalid QVariant for NULL (an empty text counts as NULL).
    QVariant value() const;
    void setValue(const QVariant &value);
    bool isNull() const { return !value().isValid(); }
    // False when the text cannot be turned into the field's type (bad JSON, a bad number).
    bool check(QString *why) const;

    void setError(const QString &message);
    void clearError() { setError({}); }
    QString errorText() const;
    void setReadOnly(bool readOnly);

private:
    orm::FieldMeta m_field;
    QWidget *m_editor;
    QCheckBox *m_null = nullptr;
    QLabel *m_error;
};

} // namespace quarry::browser
