#include "FieldEditorFactory.h"

#include "BelongsToPicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTimeEdit>
#include <QUuid>
#include <limits>

namespace quarry::browser {

using namespace Qt::StringLiterals;
using orm::FieldType;

namespace {
// A number the user must enter: NOT NULL, no default, not filled in by the database. Its
// spin box starts at its minimum, shown as "(not set)" and read as NULL, so that saving
// without touching it is a validation error instead of a silent 0.
bool mustBeEntered(const orm::FieldMeta &field)
{
    return !field.allowNull && field.defaultKind == orm::FieldMeta::Default::None
        && !(field.primaryKey && field.autoIncrement);
}
QString notSetText()
{
    return QCoreApplication::translate("quarry::browser::FieldEditorFactory", "(not set)");
}
bool isNotSet(const QAbstractSpinBox *box)
{
    if (box->specialValueText().isEmpty())
        return false;
    if (auto *s = qobject_cast<const QSpinBox *>(box))
        return s->value() == s->minimum();
    if (auto *d = qobject_cast<const QDoubleSpinBox *>(box))
        return d->value() == d->minimum();
    return false;
}
} // namespace

FieldEditor *FieldEditorFactory::create(const orm::FieldMeta &field, QWidget *parent)
{
    auto *e = new FieldEditor(field, createEditor(field, nullptr), parent);
    if (field.defaultKind == orm::FieldMeta::Default::Literal)
        e->setValue(field.defaultValue);
    else if (field.defaultKind == orm::FieldMeta::Default::Now)
        e->setValue(field.type == FieldType::Date ? QVariant(QDate::currentDate()) : QVariant(QDateTime::currentDateTime()));
    else if (field.allowNull && !canBeEmpty(field))
        e->setValue({}); // nullable without a default starts as NULL
    return e;
}

bool FieldEditorFactory::canBeEmpty(const orm::FieldMeta &field)
{
    switch (field.type) {
    case FieldType::String:
    case FieldType::Text:
    case FieldType::Uuid:
    case FieldType::Json:
    case FieldType::BigInt:
        return true;
    case FieldType::Enum:
        return !field.metaEnum.isValid();
    default:
        return false;
    }
}

QWidget *FieldEditorFactory::createEditor(const orm::FieldMeta &field, QWidget *parent)
{
    switch (field.type) {
    case FieldType::Boolean:
        return new QCheckBox(parent);
    case FieldType::Integer: {
        auto *s = new QSpinBox(parent);
        s->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
        if (mustBeEntered(field)) {
            s->setSpecialValueText(notSetText());
            s->setValue(s->minimum());
        }
        return s;
    }
    case FieldType::BigInt: {
        auto *l = new QLineEdit(parent);
        l->setValidator(new QRegularExpressionValidator(QRegularExpression(u"-?\\d{0,19}"_s), l));
        return l;
    }
    case FieldType::Double:
    case FieldType::Decimal: {
        auto *s = new QDoubleSpinBox(parent);
        s->setRange(-1e15, 1e15);
        s->setDecimals(field.type == FieldType::Decimal ? field.scale : 6);
        if (mustBeEntered(field)) {
            s->setSpecialValueText(notSetText());
            s->setValue(s->minimum());
        }
        return s;
    }
    case FieldType::String:
    case FieldType::Uuid: {
        auto *l = new QLineEdit(parent);
        if (field.type == FieldType::String && field.length > 0)
            l->setMaxLength(field.length);
        if (field.defaultKind == orm::FieldMeta::Default::UuidV4)
            l->setPlaceholderText(QCoreApplication::translate("quarry::browser::FieldEditorFactory", "generated when saved"));
        return l;
    }
    case FieldType::Text:
    case FieldType::Json: {
        auto *t = new QPlainTextEdit(parent);
        t->setTabChangesFocus(true);
        t->setFixedHeight(64);
        if (field.type == FieldType::Json) {
            t->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
            t->setPlaceholderText(QCoreApplication::translate("quarry::browser::FieldEditorFactory", "JSON, e.g. {\"key\": 1}"));
        }
        return t;
    }
    case FieldType::Blob:
        return new QLabel(QCoreApplication::translate("quarry::browser::FieldEditorFactory",
                                                      "(binary data: not editable in the browser)"), parent);
    case FieldType::Date: {
        auto *d = new QDateEdit(QDate::currentDate(), parent);
        d->setCalendarPopup(true);
        d->setDisplayFormat(u"yyyy-MM-dd"_s);
        return d;
    }
    case FieldType::Time: {
        auto *t = new QTimeEdit(parent);
        t->setDisplayFormat(u"HH:mm:ss"_s);
        return t;
    }
    case FieldType::DateTime: {
        auto *d = new QDateTimeEdit(QDateTime::currentDateTime(), parent);
        d->setCalendarPopup(true);
        d->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
        return d;
    }
    case FieldType::Enum: {
        if (!field.metaEnum.isValid())
            return new QLineEdit(parent);
        auto *c = new QComboBox(parent);
        for (int i = 0; i < field.metaEnum.keyCount(); ++i)
            c->addItem(QString::fromLatin1(field.metaEnum.key(i)));
        return c;
    }
    }
    return new QLineEdit(parent);
}

QVariant FieldEditorFactory::read(const orm::FieldMeta &field, const QWidget *editor)
{
    if (auto *picker = qobject_cast<const BelongsToPicker *>(editor))
        return picker->key();
    switch (field.type) {
    case FieldType::Boolean:
        return static_cast<const QCheckBox *>(editor)->isChecked();
    case FieldType::Integer: {
        auto *s = static_cast<const QSpinBox *>(editor);
        return isNotSet(s) ? QVariant() : QVariant(s->value());
    }
    case FieldType::BigInt: {
        const QString text = static_cast<const QLineEdit *>(editor)->text().trimmed();
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        return ok ? QVariant(v) : QVariant(text); // a bad text is caught by FieldEditor::check
    }
    case FieldType::Double:
    case FieldType::Decimal: {
        auto *s = static_cast<const QDoubleSpinBox *>(editor);
        return isNotSet(s) ? QVariant() : QVariant(s->value());
    }
    case FieldType::String:
    case FieldType::Uuid:
        return static_cast<const QLineEdit *>(editor)->text();
    case FieldType::Text:
        return static_cast<const QPlainTextEdit *>(editor)->toPlainText();
    case FieldType::Json: {
        const QString text = static_cast<const QPlainTextEdit *>(editor)->toPlainText().trimmed();
        if (text.isEmpty())
            return QString();
        return QVariant::fromValue(QJsonDocument::fromJson(text.toUtf8()));
    }
    case FieldType::Blob:
        return {};
    case FieldType::Date:
        return static_cast<const QDateEdit *>(editor)->date();
    case FieldType::Time:
        return static_cast<const QTimeEdit *>(editor)->time();
    case FieldType::DateTime:
        return static_cast<const QDateTimeEdit *>(editor)->dateTime();
    case FieldType::Enum:
        if (auto *c = qobject_cast<const QComboBox *>(editor))
            return c->currentText();
        return static_cast<const QLineEdit *>(editor)->text();
    }
    return {};
}

void FieldEditorFactory::write(const orm::FieldMeta &field, QWidget *editor, const QVariant &value)
{
    if (auto *picker = qobject_cast<BelongsToPicker *>(editor)) {
        picker->setKey(value);
        return;
    }
    switch (field.type) {
    case FieldType::Boolean:
        static_cast<QCheckBox *>(editor)->setChecked(value.toBool());
        break;
    case FieldType::Integer: {
        auto *s = static_cast<QSpinBox *>(editor);
        s->setValue(value.isValid() || s->specialValueText().isEmpty() ? value.toInt() : s->minimum());
        break;
    }
    case FieldType::BigInt:
        static_cast<QLineEdit *>(editor)->setText(value.isValid() ? value.toString() : QString());
        break;
    case FieldType::Double:
    case FieldType::Decimal: {
        auto *s = static_cast<QDoubleSpinBox *>(editor);
        s->setValue(value.isValid() || s->specialValueText().isEmpty() ? value.toDouble() : s->minimum());
        break;
    }
    case FieldType::String:
        static_cast<QLineEdit *>(editor)->setText(value.toString());
        break;
    case FieldType::Uuid:
        static_cast<QLineEdit *>(editor)->setText(value.metaType().id() == QMetaType::QUuid
                                                      ? value.toUuid().toString(QUuid::WithoutBraces)
                                                      : value.toString());
        break;
    case FieldType::Text:
        static_cast<QPlainTextEdit *>(editor)->setPlainText(value.toString());
        break;
    case FieldType::Json: {
        QJsonDocument doc;
        if (value.metaType() == QMetaType::fromType<QJsonDocument>())
            doc = value.toJsonDocument();
        else if (value.metaType() == QMetaType::fromType<QJsonObject>())
            doc = QJsonDocument(value.toJsonObject());
        else if (value.metaType() == QMetaType::fromType<QJsonArray>())
            doc = QJsonDocument(value.toJsonArray());
        static_cast<QPlainTextEdit *>(editor)->setPlainText(
            doc.isNull() ? value.toString() : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed());
        break;
    }
    case FieldType::Blob:
        static_cast<QLabel *>(editor)->setText(
            value.isValid() ? QCoreApplication::translate("quarry::browser::FieldEditorFactory", "(binary data, %n byte(s))",
                                                          nullptr, int(value.toByteArray().size()))
                            : QCoreApplication::translate("quarry::browser::FieldEditorFactory", "(no data)"));
        break;
    case FieldType::Date:
        if (value.isValid())
            static_cast<QDateEdit *>(editor)->setDate(value.toDate());
        break;
    case FieldType::Time:
        if (value.isValid())
            static_cast<QTimeEdit *>(editor)->setTime(value.toTime());
        break;
    case FieldType::DateTime:
        if (value.isValid())
            static_cast<QDateTimeEdit *>(editor)->setDateTime(value.toDateTime());
        break;
    case FieldType::Enum:
        if (auto *c = qobject_cast<QComboBox *>(editor))
            c->setCurrentText(value.toString());
        else
            static_cast<QLineEdit *>(editor)->setText(value.toString());
        break;
    }
}

} // namespace quarry::browser
