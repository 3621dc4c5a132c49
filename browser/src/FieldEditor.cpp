#include "FieldEditor.h"

#include "BelongsToPicker.h"
#include "FieldEditorFactory.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace quarry::browser {

using namespace Qt::StringLiterals;

FieldEditor::FieldEditor(const orm::FieldMeta &field, QWidget *editor, QWidget *parent)
    : QWidget(parent), m_field(field), m_editor(editor), m_error(new QLabel(this))
{
    editor->setParent(this);
    editor->setObjectName(u"editor_"_s + field.name);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(editor, 1);
    if (field.allowNull && !FieldEditorFactory::canBeEmpty(field) && field.type != orm::FieldType::Blob
        && !qobject_cast<BelongsToPicker *>(editor)) { // the picker has its own "(none)"
        m_null = new QCheckBox(tr("NULL"), this);
        m_null->setToolTip(tr("Store no value (NULL) in %1").arg(field.name));
        connect(m_null, &QCheckBox::toggled, editor, &QWidget::setDisabled);
        row->addWidget(m_null);
    }
    m_error->setStyleSheet(u"color: #b03a2e;"_s);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    m_error->setObjectName(u"error_"_s + field.name);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addLayout(row);
    layout->addWidget(m_error);
}

QVariant FieldEditor::value() const
{
    if (m_null && m_null->isChecked())
        return {};
    const QVariant v = FieldEditorFactory::read(m_field, m_editor);
    if (v.metaType().id() == QMetaType::QString && v.toString().isEmpty())
        return {};
    return v;
}

void FieldEditor::setValue(const QVariant &value)
{
    const bool null = orm::isNullValue(value);
    if (m_null)
        m_null->setChecked(null);
    if (!null || !m_null)
        FieldEditorFactory::write(m_field, m_editor, null ? QVariant() : value);
}

bool FieldEditor::check(QString *why) const
{
    if (m_null && m_null->isChecked())
        return true;
    auto *plain = qobject_cast<QPlainTextEdit *>(m_editor);
    auto *line = qobject_cast<QLineEdit *>(m_editor);
    if (m_field.type == orm::FieldType::Json && plain) {
        const QString text = plain->toPlainText().trimmed();
        QJsonParseError error;
        if (!text.isEmpty() && QJsonDocument::fromJson(text.toUtf8(), &error).isNull()) {
            *why = tr("Not valid JSON: %1").arg(error.errorString());
            return false;
        }
    }
    if (m_field.type == orm::FieldType::BigInt && line) {
        const QString text = line->text().trimmed();
        bool ok = true;
        if (!text.isEmpty())
            text.toLongLong(&ok);
        if (!ok) {
            *why = tr("Not a whole number: %1").arg(text);
            return false;
        }
    }
    return true;
}

void FieldEditor::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_editor->setStyleSheet(message.isEmpty() ? QString() : u"border: 1px solid #b03a2e;"_s);
}

QString FieldEditor::errorText() const
{
    return m_error->text();
}

void FieldEditor::setReadOnly(bool readOnly)
{
    m_editor->setEnabled(!readOnly);
    if (m_null)
        m_null->setEnabled(!readOnly);
}

} // namespace quarry::browser
