// How a record is named in pickers and checklists: its key and its most telling text
// ("#1 — John Doe", "#2 — Admins"), from the first of name, title, firstName + lastName,
// email, or else the first string field.
#pragma once

#include <orm/Instance.h>

namespace quarry::browser {

inline QString recordLabel(const orm::Instance &record)
{
    const orm::ModelMeta &meta = record.meta();
    const QString key = record.primaryKeyValue().toString();
    auto text = [&](const QString &a) { return meta.field(a) ? record.get(a).toString() : QString(); };
    QString label;
    for (const char *a : {"name", "title"})
        if (label.isEmpty())
            label = text(QString::fromLatin1(a));
    if (label.isEmpty())
        label = (text(QStringLiteral("firstName")) + QLatin1Char(' ') + text(QStringLiteral("lastName"))).trimmed();
    if (label.isEmpty())
        label = text(QStringLiteral("email"));
    for (const orm::FieldMeta &f : meta.fields)
        if (label.isEmpty() && !f.primaryKey && (f.type == orm::FieldType::String || f.type == orm::FieldType::Text))
            label = record.get(f.name).toString();
    return label.isEmpty() ? QStringLiteral("#%1").arg(key) : QStringLiteral("#%1 — %2").arg(key, label.left(60));
}

} // namespace quarry::browser
