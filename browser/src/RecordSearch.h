// The condition behind the search boxes of pickers and checklists: the records any of
// whose text fields contains the text (iLike, so case-insensitive on every dialect; % and
// _ act as wildcards), or whose key is the number typed ("42" or "#42"). Runs on the
// server, so records beyond the ones a list shows can be found.
#pragma once

#include <orm/ModelMeta.h>
#include <orm/Where.h>

namespace quarry::browser {

inline orm::Where recordSearchWhere(const orm::ModelMeta &meta, const QString &keyAttribute, const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    QList<orm::Where> any;
    for (const orm::FieldMeta &f : meta.fields)
        if (f.type == orm::FieldType::String || f.type == orm::FieldType::Text)
            any.append(orm::Where(f.name, orm::Op::iLike(QLatin1Char('%') + t + QLatin1Char('%'))));
    const orm::FieldMeta *key = meta.field(keyAttribute);
    const QString number = t.startsWith(QLatin1Char('#')) ? t.mid(1) : t;
    bool isNumber = false;
    const qlonglong n = number.toLongLong(&isNumber);
    if (key && isNumber && (key->type == orm::FieldType::Integer || key->type == orm::FieldType::BigInt))
        any.append(orm::Where(keyAttribute, orm::Term(QVariant(n))));
    if (any.isEmpty()) // nothing to search in: no record matches
        return orm::Where(keyAttribute, orm::Op::isNull());
    return orm::Where::anyOf(any);
}

} // namespace quarry::browser
