// Chooses the editor for a field from its metadata: QCheckBox for BOOLEAN, QSpinBox for
// INTEGER, a checked QLineEdit for BIGINT (a spin box stops at 2^31), QDoubleSpinBox for
// DOUBLE and DECIMAL (with its scale), QLineEdit for STRING and UUID, a plain text editor
// for TEXT and JSON, QDateEdit / QTimeEdit / QDateTimeEdit, a combo for ENUM, and a
// placeholder for BLOB (not editable in the browser).
#pragma once

#include "FieldEditor.h"

namespace quarry::browser {

class FieldEditorFactory
{
public:
    static FieldEditor *create(const orm::FieldMeta &field, QWidget *parent = nullptr);
    // The inner editor alone, and how its content is read and written.
    static QWidget *createEditor(const orm::FieldMeta &field, QWidget *parent);
    static QVariant read(const orm::FieldMeta &field, const QWidget *editor);
    static void write(const orm::FieldMeta &field, QWidget *editor, const QVariant &value);
    // Whether the field's editor can show "empty" by itself (text), or needs a NULL box.
    static bool canBeEmpty(const orm::FieldMeta &field);
};

} // namespace quarry::browser
